"""Server-side SVG charts: the same picture on a page and in a PDF, no script needed."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from html import escape

_ids = itertools.count(1)


def chart_id() -> str:
    """A fresh id for a chart's title and description, so two charts on a page never clash."""
    return f"chart-{next(_ids)}"


PALETTE = [
    "#1f6feb",
    "#2da44e",
    "#bf8700",
    "#8250df",
    "#cf222e",
    "#0a7b83",
    "#9a6700",
    "#6e7781",
    "#bc4c00",
]


@dataclass(frozen=True)
class Bar:
    label: str
    value: int


def bar_chart_svg(bars: list[Bar], *, title: str, width: int = 360, bar_height: int = 18) -> str:
    """Horizontal bars with their labels and values; accessible (role=img, title, desc)."""
    label_width = 170
    gap = 6
    height = len(bars) * (bar_height + gap) + gap
    top = max((bar.value for bar in bars), default=0) or 1
    room = width - label_width - 48
    ident = chart_id()
    parts = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" width="100%" role="img" '
        f'aria-labelledby="{ident}-title {ident}-desc" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{ident}-title">{escape(title)}</title>',
        f'<desc id="{ident}-desc">'
        + escape("; ".join(f"{bar.label}: {bar.value}" for bar in bars))
        + "</desc>",
    ]
    for position, bar in enumerate(bars):
        y = gap + position * (bar_height + gap)
        length = round(room * bar.value / top) if bar.value else 0
        colour = PALETTE[position % len(PALETTE)]
        parts.append(
            f'<text x="{label_width - 6}" y="{y + bar_height * 0.72:.1f}" text-anchor="end" '
            f'font-size="12" fill="currentColor">{escape(bar.label)}</text>'
            f'<rect x="{label_width}" y="{y}" width="{max(length, 1 if bar.value else 0)}" '
            f'height="{bar_height}" rx="3" fill="{colour}"/>'
            f'<text x="{label_width + length + 6}" y="{y + bar_height * 0.72:.1f}" '
            f'font-size="12" fill="currentColor">{bar.value}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
