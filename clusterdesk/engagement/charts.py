"""The engagement ledger's server-side SVG charts (columns over time), beside the shared
``clusterdesk.lib.charts``: the same picture on a page and in a PDF, no script needed."""

from __future__ import annotations

import math
from dataclasses import dataclass
from html import escape

from clusterdesk.lib.charts import PALETTE


@dataclass(frozen=True)
class Series:
    name: str
    values: list[int]
    colour: str = PALETTE[0]


def nice_top(value: float) -> int:
    """The axis' top: the value rounded up to 1, 2 or 5 times a power of ten."""
    if value <= 0:
        return 1
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 5, 10):
        if value <= step * power:
            return max(int(step * power), 1)
    return int(10 * power)  # pragma: no cover - the loop always returns


def _number(value: int) -> str:
    return f"{value:,}".replace(",", "\u202f")  # a thin space groups thousands in any language


def _fitting(text: str, room: float, largest: int) -> float:
    """A font size at which the text fits the room (digits are about 0.6 em wide)."""
    return round(max(6.0, min(largest, (room + 2) / (0.6 * max(len(text), 1)))), 1)


def column_chart_svg(
    labels: list[str],
    series: list[Series],
    *,
    title: str,
    chart_id: str,
    width: int = 380,
    height: int = 200,
    future_from: int | None = None,
) -> str:
    """Vertical columns, one group per label and one column per series, with a light grid,
    the value above each column and a legend when there is more than one series.

    A label may run over two lines (a newline between "Q1" and "2026"). Accessible: role=img
    with a title and a description listing every value; ``chart_id`` keeps the ids unique
    when a page shows several charts. Columns from ``future_from`` on (months still to come)
    are drawn faintly."""
    lines = max((label.count("\n") + 1 for label in labels), default=1)
    left, right, top_margin = 34, 6, 24 if len(series) > 1 else 14
    bottom = 10 + 12 * lines
    plot_width = width - left - right
    plot_height = height - top_margin - bottom
    top = nice_top(max((max(s.values, default=0) for s in series), default=0))
    group = plot_width / max(len(labels), 1)
    column = min(group * 0.8 / max(len(series), 1), 28)
    font = 11 if group >= 34 else 10 if group >= 24 else 9

    def y(value: float) -> float:
        return top_margin + plot_height - plot_height * value / top

    description = "; ".join(
        f"{label.replace(chr(10), ' ')}: "
        + ", ".join(f"{s.name} {s.values[index]}" for s in series)
        for index, label in enumerate(labels)
    )
    parts = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" width="100%" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" '
        f'xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
    ]
    for tick in (0, top / 2, top):
        if tick != int(tick):
            continue
        parts.append(
            f'<line x1="{left}" x2="{width - right}" y1="{y(tick):.1f}" y2="{y(tick):.1f}" '
            f'stroke="currentColor" stroke-opacity="{0.5 if tick == 0 else 0.15}"/>'
            f'<text x="{left - 4}" y="{y(tick) + 4:.1f}" text-anchor="end" font-size="10" '
            f'fill="currentColor" fill-opacity="0.7">{_number(int(tick))}</text>'
        )
    for index, label in enumerate(labels):
        faint = future_from is not None and index >= future_from
        fade = ' fill-opacity="0.35"' if faint else ""
        centre = left + group * (index + 0.5)
        start = centre - column * len(series) / 2
        for position, s in enumerate(series):
            value = s.values[index]
            x = start + position * column
            if value:
                parts.append(
                    f'<rect x="{x + 1:.1f}" y="{y(value):.1f}" width="{max(column - 2, 1):.1f}" '
                    f'height="{y(0) - y(value):.1f}" rx="2" fill="{s.colour}"{fade}/>'
                    f'<text x="{x + column / 2:.1f}" y="{y(value) - 3:.1f}" text-anchor="middle" '
                    f'font-size="{_fitting(_number(value), column, font - 1)}" '
                    f'fill="currentColor">{_number(value)}</text>'
                )
        parts.append(
            f'<text x="{centre:.1f}" y="{y(0) + 4:.1f}" text-anchor="middle" font-size="{font}" '
            f'fill="currentColor"{fade}>'
            + "".join(
                f'<tspan x="{centre:.1f}" dy="{font + 1}">{escape(line)}</tspan>'
                for line in label.split("\n")
            )
            + "</text>"
        )
    if len(series) > 1:
        x = left
        for s in series:
            parts.append(
                f'<rect x="{x}" y="4" width="10" height="10" rx="2" fill="{s.colour}"/>'
                f'<text x="{x + 14}" y="13" font-size="11" fill="currentColor">'
                f"{escape(s.name)}</text>"
            )
            x += 22 + 7 * len(s.name)
    parts.append("</svg>")
    return "".join(parts)
