"""The cluster mapping's server-side SVG charts: a region's cluster portfolio (bars coloured by
their best flag), location quotient against employment (bubbles sized by establishments, the
LQ = 1 line marked), the regions where a cluster is most concentrated, and growth per
cluster. Each chart is an image with a title and a description listing its values
(role="img"), so a screen reader hears what the eye sees; the figures arrive already written
in the reader's format."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from clusterdesk.lib.charts import chart_id

LINE_COLOUR = "#9a6700"
UP_COLOUR = "#1a7f37"
DOWN_COLOUR = "#cf222e"
TRACK_COLOUR = "#eaeef2"


def _open(width: float, height: float, title: str, description: str) -> list[str]:
    ident = chart_id()
    return [
        f'<svg class="chart" viewBox="0 0 {width:g} {height:g}" width="100%" role="img" '
        f'aria-labelledby="{ident}-title {ident}-desc" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{ident}-title">{escape(title)}</title>',
        f'<desc id="{ident}-desc">{escape(description)}</desc>',
    ]


def shorten(text: str, length: int) -> str:
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def _legend(entries: Sequence[tuple[str, str]], *, x: float, y: float) -> list[str]:
    parts: list[str] = []
    for label, colour in entries:
        parts.append(
            f'<rect x="{x:.0f}" y="{y - 9:.0f}" width="10" height="10" rx="2" fill="{colour}"/>'
            f'<text x="{x + 14:.0f}" y="{y:.0f}" font-size="11" fill="currentColor">'
            f"{escape(label)}</text>"
        )
        x += 30 + 6.2 * len(label)
    return parts


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    text: str
    """The value as the reader reads it, written at the end of the bar."""
    colour: str
    note: str = ""
    """Said in the description after the value (e.g. the flag)."""


def bars_svg(
    bars: Sequence[Bar],
    *,
    title: str,
    legend: Sequence[tuple[str, str]] = (),
    marker: float | None = None,
    marker_label: str = "",
    width: int = 760,
    label_width: int = 280,
) -> str:
    """Horizontal bars, largest first as given, with an optional legend above and a marked
    value (LQ = 1) across them, named below them."""
    bar_height, gap = 16, 6
    top = 24 if legend else 6
    bottom = 18 if marker is not None and marker_label else 0
    height = top + len(bars) * (bar_height + gap) + gap + bottom
    label_length = int(label_width / 6.8)
    text_room = 120
    room = width - label_width - text_room
    largest = max([bar.value for bar in bars] + [marker * 1.15 if marker else 0.0]) or 1.0
    description = "; ".join(
        f"{bar.label}: {bar.text}" + (f", {bar.note}" if bar.note else "") for bar in bars
    )
    parts = _open(width, height, title, description)
    if legend:
        parts += _legend(legend, x=8, y=14)
    for index, bar in enumerate(bars):
        y = top + index * (bar_height + gap)
        length = room * max(bar.value, 0.0) / largest
        parts.append(
            f"<g><title>{escape(bar.label)}: {escape(bar.text)}</title>"
            f'<text x="{label_width - 8}" y="{y + bar_height * 0.78:.1f}" text-anchor="end" '
            f'font-size="12" fill="currentColor">{escape(shorten(bar.label, label_length))}</text>'
            f'<rect x="{label_width}" y="{y}" width="{max(length, 1.0 if bar.value else 0):.1f}" '
            f'height="{bar_height}" rx="3" fill="{bar.colour}"/>'
            f'<text x="{label_width + length + 6:.1f}" y="{y + bar_height * 0.78:.1f}" '
            f'font-size="11" fill="currentColor">{escape(bar.text)}</text></g>'
        )
    if marker is not None:
        x = label_width + room * marker / largest
        parts.append(
            f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{top - 2}" y2="{height - bottom}" '
            f'stroke="{LINE_COLOUR}" stroke-width="2" stroke-dasharray="5 4"/>'
        )
        if marker_label:
            parts.append(
                f'<text x="{x:.1f}" y="{height - 4}" text-anchor="middle" font-size="11" '
                f'font-weight="600" fill="{LINE_COLOUR}">{escape(marker_label)}</text>'
            )
    parts.append("</svg>")
    return "".join(parts)


# --------------------------------------------------------------------------- bubbles

LOG_STEPS = (1, 2, 5)


def log_ticks(low: float, high: float, *, most: int = 8) -> list[float]:
    """Round values (1, 2, 5 × powers of ten) between low and high; only the powers of ten
    when those would be too many."""
    first, last = math.floor(math.log10(low)), math.ceil(math.log10(high))
    ticks = [
        step * 10.0**power
        for power in range(first, last + 1)
        for step in LOG_STEPS
        if low <= step * 10.0**power <= high
    ]
    if len(ticks) > most:
        ticks = [tick for tick in ticks if math.isclose(math.log10(tick) % 1, 0, abs_tol=1e-9)]
    return ticks


def tick_text(value: float) -> str:
    if value >= 1_000_000:
        return f"{value / 1_000_000:g}M"
    if value >= 1_000:
        return f"{value / 1_000:g}k"
    return f"{value:g}"


@dataclass(frozen=True)
class Bubble:
    label: str
    lq: float
    employment: float
    establishments: float
    colour: str
    described: str
    """The bubble's figures as the description reads them."""
    labelled: bool = False


def bubble_svg(
    bubbles: Sequence[Bubble],
    *,
    title: str,
    x_label: str,
    y_label: str,
    line_label: str,
    legend: Sequence[tuple[str, str]] = (),
    width: int = 760,
    height: int = 440,
) -> str:
    """Location quotient (x) against employment (y), both on logarithmic scales (a cluster
    twice as concentrated as the nation sits as far right of the line as one half as
    concentrated sits left), bubble areas by establishments, the LQ = 1 line marked."""
    left, right, top, bottom = 64, 24, 30, 48
    plot_w, plot_h = width - left - right, height - top - bottom
    shown = [b for b in bubbles if b.lq > 0 and b.employment > 0]
    description = "; ".join(b.described for b in bubbles)
    parts = _open(width, height, title, description)
    if legend:
        parts += _legend(legend, x=left, y=14)
    lqs = [b.lq for b in shown] or [1.0]
    people = [b.employment for b in shown] or [1.0]
    x_low, x_high = min(min(lqs), 0.5) / 1.4, max(max(lqs), 2.0) * 1.4
    y_low, y_high = min(people) / 1.8, max(people) * 1.8
    if y_high / y_low < 100:
        middle = math.sqrt(y_high * y_low)
        y_low, y_high = middle / 10, middle * 10

    def x_at(value: float) -> float:
        share = (math.log10(value) - math.log10(x_low)) / (math.log10(x_high) - math.log10(x_low))
        return left + plot_w * share

    def y_at(value: float) -> float:
        share = (math.log10(value) - math.log10(y_low)) / (math.log10(y_high) - math.log10(y_low))
        return top + plot_h - plot_h * share

    parts.append(
        f'<rect x="{left}" y="{top}" width="{plot_w}" height="{plot_h}" fill="none" '
        f'stroke="currentColor" stroke-opacity="0.25"/>'
    )
    for tick in log_ticks(x_low, x_high):
        x = x_at(tick)
        parts.append(
            f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{top}" y2="{top + plot_h}" '
            f'stroke="currentColor" stroke-opacity="0.08"/>'
            f'<text x="{x:.1f}" y="{top + plot_h + 15}" text-anchor="middle" font-size="10" '
            f'fill="currentColor" fill-opacity="0.75">{tick_text(tick)}</text>'
        )
    for tick in log_ticks(y_low, y_high):
        y = y_at(tick)
        parts.append(
            f'<line x1="{left}" x2="{left + plot_w}" y1="{y:.1f}" y2="{y:.1f}" '
            f'stroke="currentColor" stroke-opacity="0.08"/>'
            f'<text x="{left - 6}" y="{y + 3.5:.1f}" text-anchor="end" font-size="10" '
            f'fill="currentColor" fill-opacity="0.75">{tick_text(tick)}</text>'
        )
    parts.append(
        f'<text x="{left + plot_w / 2:.1f}" y="{height - 8}" text-anchor="middle" '
        f'font-size="12" fill="currentColor">{escape(x_label)}</text>'
        f'<text x="14" y="{top + plot_h / 2:.1f}" text-anchor="middle" font-size="12" '
        f'fill="currentColor" transform="rotate(-90 14 {top + plot_h / 2:.1f})">'
        f"{escape(y_label)}</text>"
    )
    one = x_at(1.0)
    parts.append(
        f'<line x1="{one:.1f}" x2="{one:.1f}" y1="{top}" y2="{top + plot_h}" '
        f'stroke="{LINE_COLOUR}" stroke-width="2" stroke-dasharray="6 4"/>'
        f'<text x="{one + 4 if one < left + plot_w * 0.55 else one - 4:.1f}" y="{top + 12}" '
        f'text-anchor="{"start" if one < left + plot_w * 0.55 else "end"}" font-size="11" '
        f'font-weight="600" fill="{LINE_COLOUR}">{escape(line_label)}</text>'
    )
    most = max((b.establishments for b in shown), default=0.0)
    for bubble in sorted(shown, key=lambda b: -b.establishments):
        radius = 3 + 19 * math.sqrt(bubble.establishments / most) if most > 0 else 6.0
        x, y = x_at(bubble.lq), y_at(bubble.employment)
        parts.append(
            f"<g><title>{escape(bubble.described)}</title>"
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{radius:.1f}" fill="{bubble.colour}" '
            f'fill-opacity="0.55" stroke="{bubble.colour}" stroke-width="1.2"/></g>'
        )
    placed: list[tuple[float, float, float]] = []  # left, right, baseline of each label
    for bubble in sorted(shown, key=lambda b: -b.employment):
        if not bubble.labelled:
            continue
        radius = 3 + 19 * math.sqrt(bubble.establishments / most) if most > 0 else 6.0
        x, y = x_at(bubble.lq), y_at(bubble.employment)
        text = shorten(bubble.label, 30)
        wide = 6.4 * len(text)
        if x > left + plot_w * 0.72:
            anchor, start = "end", x - radius - 4 - wide
        else:
            anchor, start = "start", x + radius + 4
        baseline = _free_line(placed, start, start + wide, y + 4, top + 10, top + plot_h)
        placed.append((start, start + wide, baseline))
        text_x = start + wide if anchor == "end" else start
        if abs(baseline - (y + 4)) > 4:  # moved away from its bubble: a thin line back to it
            parts.append(
                f'<line x1="{x:.1f}" y1="{y:.1f}" x2="{text_x:.1f}" y2="{baseline - 4:.1f}" '
                f'stroke="currentColor" stroke-opacity="0.35"/>'
            )
        parts.append(
            f'<text x="{text_x:.1f}" y="{baseline:.1f}" text-anchor="{anchor}" font-size="11" '
            f'font-weight="600" fill="currentColor" stroke="#fff" stroke-width="3" '
            f'paint-order="stroke">{escape(text)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _free_line(
    placed: Sequence[tuple[float, float, float]],
    left: float,
    right: float,
    wanted: float,
    highest: float,
    lowest: float,
) -> float:
    """The baseline nearest ``wanted`` where a label from ``left`` to ``right`` overlaps none
    already placed (13 px apart), within the plot."""
    for step in range(0, 40):
        shift = (step + 1) // 2 * 13 * (1 if step % 2 else -1)
        baseline = min(max(wanted + shift, highest), lowest)
        if all(
            right < other_left or left > other_right or abs(baseline - other) >= 13
            for other_left, other_right, other in placed
        ):
            return baseline
    return wanted


# --------------------------------------------------------------------------- growth


@dataclass(frozen=True)
class Change:
    label: str
    value: float
    text: str


def change_svg(changes: Sequence[Change], *, title: str, width: int = 760) -> str:
    """Gains to the right of a zero line in green, losses to the left in red."""
    label_width, bar_height, gap, text_room = 280, 16, 6, 96
    height = len(changes) * (bar_height + gap) + gap
    largest = max((abs(change.value) for change in changes), default=0.0) or 1.0
    losses = any(change.value < 0 for change in changes)
    gains = any(change.value > 0 for change in changes)
    room = width - label_width - 2 * text_room
    if losses and gains:
        zero, half = label_width + text_room + room / 2, room / 2
    elif losses:
        zero, half = width - text_room / 2, room + text_room / 2
    else:
        zero, half = label_width, room + text_room / 2
    description = "; ".join(f"{change.label}: {change.text}" for change in changes)
    parts = _open(width, height, title, description)
    for index, change in enumerate(changes):
        y = gap + index * (bar_height + gap)
        length = half * abs(change.value) / largest
        x = zero if change.value >= 0 else zero - length
        colour = UP_COLOUR if change.value >= 0 else DOWN_COLOUR
        text_x, anchor = (zero + length + 5, "start") if change.value >= 0 else (x - 5, "end")
        parts.append(
            f"<g><title>{escape(change.label)}: {escape(change.text)}</title>"
            f'<text x="{label_width - 8}" y="{y + bar_height * 0.78:.1f}" text-anchor="end" '
            f'font-size="12" fill="currentColor">{escape(shorten(change.label, 41))}</text>'
            f'<rect x="{x:.1f}" y="{y}" width="{max(length, 1.0):.1f}" height="{bar_height}" '
            f'rx="3" fill="{colour}"/>'
            f'<text x="{text_x:.1f}" y="{y + bar_height * 0.78:.1f}" text-anchor="{anchor}" '
            f'font-size="11" fill="currentColor">{escape(change.text)}</text></g>'
        )
    parts.append(
        f'<line x1="{zero:.1f}" x2="{zero:.1f}" y1="0" y2="{height}" stroke="currentColor" '
        f'stroke-opacity="0.45"/>'
    )
    parts.append("</svg>")
    return "".join(parts)
