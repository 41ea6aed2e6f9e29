"""The dashboard's SVG column charts (no database)."""

from __future__ import annotations

import pytest

from clusterdesk.engagement.charts import Series, column_chart_svg, nice_top
from clusterdesk.engagement.templatetags.engagement_summary import percent


@pytest.mark.parametrize(
    ("value", "top"), [(0, 1), (1, 1), (3, 5), (7, 10), (10, 10), (120, 200), (14_069, 20_000)]
)
def test_the_axis_top_is_rounded_up_to_one_two_or_five_times_a_power_of_ten(value, top):
    assert nice_top(value) == top


def test_a_chart_describes_every_value_and_escapes_what_it_is_given():
    svg = column_chart_svg(
        ["Jan", "<Feb>"],
        [Series("Contacts & calls", [3, 12])],
        title="Contacts <2026>",
        chart_id="monthly",
    )
    assert svg.startswith('<svg class="chart"') and svg.endswith("</svg>")
    assert 'role="img"' in svg and 'aria-labelledby="monthly-title monthly-desc"' in svg
    assert '<title id="monthly-title">Contacts &lt;2026&gt;</title>' in svg
    assert "Jan: Contacts &amp; calls 3; &lt;Feb&gt;: Contacts &amp; calls 12" in svg
    assert "<Feb>" not in svg and svg.count("<rect") == 2  # one column each, no legend


def test_two_series_get_a_legend_and_labels_may_run_over_two_lines():
    svg = column_chart_svg(
        ["Q1\n2026", "Q2\n2026"],
        [Series("Contacts", [1, 0]), Series("Activities", [2, 0], "#2da44e")],
        title="By quarter",
        chart_id="timeline",
    )
    assert svg.count("<tspan") == 4
    assert ">Contacts</text>" in svg and ">Activities</text>" in svg
    assert "Q1 2026: Contacts 1, Activities 2" in svg
    assert svg.count("<rect") == 2 + 2  # two non-zero columns and two legend keys


def test_months_still_to_come_are_drawn_faintly():
    svg = column_chart_svg(
        ["Nov", "Dec"], [Series("Contacts", [5, 1])], title="t", chart_id="c", future_from=1
    )
    assert svg.count('fill-opacity="0.35"') == 2  # December's column and its label


def test_an_empty_chart_still_draws_its_axis():
    svg = column_chart_svg(["Jan"], [Series("Contacts", [0])], title="t", chart_id="c")
    assert "<line" in svg and "<rect" not in svg


def test_shares_read_as_whole_percentages():
    assert (percent(0.4166), percent(0), percent(1), percent(None)) == (
        "42\u00a0%",
        "0\u00a0%",
        "100\u00a0%",
        "–",
    )
