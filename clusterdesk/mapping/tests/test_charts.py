"""The mapping's SVG charts: accessible images whose description lists every value shown."""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ElementTree

from clusterdesk.mapping import charts

SVG = "{http://www.w3.org/2000/svg}"


def parsed(svg: str) -> ElementTree.Element:
    return ElementTree.fromstring(svg)


def accessible(svg: str) -> tuple[str, str]:
    root = parsed(svg)
    assert root.get("role") == "img"
    title_id, desc_id = root.get("aria-labelledby", "").split()
    title = root.find(f"{SVG}title")
    desc = root.find(f"{SVG}desc")
    assert title is not None and title.get("id") == title_id
    assert desc is not None and desc.get("id") == desc_id
    return title.text or "", desc.text or ""


def test_bars_are_an_image_whose_description_lists_every_bar():
    svg = charts.bars_svg(
        [
            charts.Bar("Automotive", 172_490, "172,490 · LQ 5.81", "#116329", "strong"),
            charts.Bar("Food & Drink", 40_000, "40,000 · LQ 0.91", "#8c959f"),
        ],
        title="Traded clusters of Michigan",
        legend=[("Strong", "#116329")],
    )
    title, description = accessible(svg)
    assert title == "Traded clusters of Michigan"
    assert description == "Automotive: 172,490 · LQ 5.81, strong; Food & Drink: 40,000 · LQ 0.91"
    assert "Food &amp; Drink" in svg  # escaped in the picture
    widths = [float(rect.get("width")) for rect in parsed(svg).iter(f"{SVG}rect")][1:]
    assert widths[0] > widths[1] * 4  # the legend's swatch first, then the bars to scale


def test_a_marked_value_is_drawn_across_the_bars():
    svg = charts.bars_svg(
        [charts.Bar("Michigan", 5.8, "LQ 5.81", "#116329")],
        title="Highest LQ",
        marker=1.0,
        marker_label="LQ = 1",
    )
    assert "stroke-dasharray" in svg and ">LQ = 1<" in svg


def test_the_bubble_chart_marks_lq_one_and_names_the_labelled_clusters():
    bubbles = [
        charts.Bubble("Automotive", 5.8, 172_490, 954, "#116329", "Automotive: LQ 5.81", True),
        charts.Bubble("Tobacco", 0.2, 300, 4, "#8c959f", "Tobacco: LQ 0.20"),
        charts.Bubble("Nothing", 0.0, 0, 0, "#8c959f", "Nothing: none"),
    ]
    svg = charts.bubble_svg(
        bubbles,
        title="LQ against employment",
        x_label="Location quotient",
        y_label="Employment",
        line_label="LQ = 1",
    )
    _title, description = accessible(svg)
    assert description == "Automotive: LQ 5.81; Tobacco: LQ 0.20; Nothing: none"
    circles = list(parsed(svg).iter(f"{SVG}circle"))
    assert len(circles) == 2  # nothing to place on a logarithmic scale for the empty one
    radii = sorted(float(circle.get("r")) for circle in circles)
    assert radii[1] == 22.0 and radii[0] < 6  # area by establishments
    labels = [text.text for text in parsed(svg).iter(f"{SVG}text")]
    assert "Automotive" in labels and "Tobacco" not in labels
    assert "LQ = 1" in labels
    # the LQ = 1 line sits between the two bubbles
    line = next(line for line in parsed(svg).iter(f"{SVG}line") if line.get("stroke-dasharray"))
    xs = sorted(float(circle.get("cx")) for circle in circles)
    assert xs[0] < float(line.get("x1")) < xs[1]


def test_logarithmic_ticks_are_round_numbers():
    assert charts.log_ticks(0.3, 12) == [0.5, 1, 2, 5, 10]
    assert charts.log_ticks(10, 2_000_000) == [10, 100, 1_000, 10_000, 100_000, 1_000_000]
    assert all(math.log10(tick) % 1 == 0 for tick in charts.log_ticks(0.001, 1e6))
    assert charts.tick_text(20_000) == "20k" and charts.tick_text(1_500_000) == "1.5M"


def test_changes_grow_right_in_green_and_left_in_red_from_zero():
    svg = charts.change_svg(
        [
            charts.Change("Aerospace", 186, "+186 (+6.0 %)"),
            charts.Change("Information Technology", -38, "−38 (−2.0 %)"),
        ],
        title="Employment change",
    )
    _title, description = accessible(svg)
    assert description == "Aerospace: +186 (+6.0 %); Information Technology: −38 (−2.0 %)"
    rects = list(parsed(svg).iter(f"{SVG}rect"))
    assert [rect.get("fill") for rect in rects] == [charts.UP_COLOUR, charts.DOWN_COLOUR]
    zero = float(re.search(r'<line x1="([\d.]+)"', svg).group(1))
    assert float(rects[0].get("x")) == zero
    assert float(rects[1].get("x")) + float(rects[1].get("width")) == zero


def test_labels_of_bubbles_close_together_do_not_overlap():
    bubbles = [
        charts.Bubble(f"Cluster {n}", 1.5 + n * 0.01, 10_000 + n * 50, 100, "#2da44e", "", True)
        for n in range(4)
    ]
    svg = charts.bubble_svg(
        bubbles, title="Close", x_label="LQ", y_label="Employment", line_label="LQ = 1"
    )
    baselines = [
        float(text.get("y"))
        for text in parsed(svg).iter(f"{SVG}text")
        if (text.text or "").startswith("Cluster ")
    ]
    assert len(baselines) == 4
    ordered = sorted(baselines)
    assert all(lower - upper >= 13 for upper, lower in zip(ordered, ordered[1:], strict=False))
