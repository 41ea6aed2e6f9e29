"""Excellence benchmarking's server-side SVG charts: the score against the Gold line, a radar
of the areas, the score and each area over time, and a value against its threshold. The same
picture on a page and in the PDF report; every chart is an image with a title and a text
description (role="img"), so a screen reader hears the figures the eye sees."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from clusterdesk.lib.charts import PALETTE, chart_id

STATUS_COLOURS = {
    "excellent": "#116329",
    "met": "#1a7f37",
    "not_met": "#cf222e",
    "unknown": "#6e7781",
}
SCORE_COLOUR = "#0b5cad"
GOLD_COLOUR = "#9a6700"


def wrap(text: str, width: int) -> list[str]:
    """Words on lines of about ``width`` characters (a long area name on two lines)."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


def _percent(value: float) -> str:
    return f"{round(value * 100)} %"


def _open(ident: str, width: float, height: float, title: str, description: str) -> list[str]:
    return [
        f'<svg class="chart" viewBox="0 0 {width:g} {height:g}" width="100%" role="img" '
        f'aria-labelledby="{ident}-title {ident}-desc" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{ident}-title">{escape(title)}</title>',
        f'<desc id="{ident}-desc">{escape(description)}</desc>',
    ]


def score_gauge_svg(
    score: float, *, line: float, title: str, description: str, line_label: str
) -> str:
    """The score as a horizontal bar from 0 to 100 %, with the Gold line (80 %) across it.
    The bar is green at or above the line, blue below it."""
    width, height = 420, 58
    left, right, top, bar = 8, 8, 18, 22
    room = width - left - right
    score = min(max(score, 0.0), 1.0)
    filled = room * score
    line_x = left + room * line
    colour = STATUS_COLOURS["met"] if score >= line else SCORE_COLOUR
    parts = _open(chart_id(), width, height, title, description)
    parts.append(
        f'<rect x="{left}" y="{top}" width="{room}" height="{bar}" rx="5" fill="#eaeef2"/>'
        f'<rect x="{left}" y="{top}" width="{filled:.1f}" height="{bar}" rx="5" '
        f'fill="{colour}"/>'
        f'<line x1="{line_x:.1f}" x2="{line_x:.1f}" y1="{top - 6}" y2="{top + bar + 6}" '
        f'stroke="{GOLD_COLOUR}" stroke-width="3"/>'
        f'<text x="{line_x:.1f}" y="{top - 8}" text-anchor="middle" font-size="11" '
        f'font-weight="600" fill="{GOLD_COLOUR}">{escape(line_label)}</text>'
    )
    for tick in (0, 0.25, 0.5, 0.75, 1):
        x = left + room * tick
        anchor = "start" if tick == 0 else "end" if tick == 1 else "middle"
        parts.append(
            f'<text x="{x:.1f}" y="{top + bar + 16}" text-anchor="{anchor}" font-size="10" '
            f'fill="currentColor" fill-opacity="0.7">{_percent(tick)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


@dataclass(frozen=True)
class RadarSeries:
    name: str
    values: Sequence[float]  # one per axis, 0–1
    colour: str = SCORE_COLOUR


def radar_svg(
    axes: Sequence[str], series: Sequence[RadarSeries], *, title: str, size: int = 360
) -> str:
    """A radar (spider) chart of scores from 0 to 100 % on one axis per area, rings at 25, 50,
    75 and 100 %, one filled polygon per series (a later snapshot over an earlier one)."""
    label_room = 112
    width, height = size + 2 * label_room, size + 40
    cx, cy = width / 2, height / 2 + (8 if len(series) > 1 else 0)
    radius = size / 2 - 16
    count = max(len(axes), 1)

    def point(index: int, value: float) -> tuple[float, float]:
        angle = -math.pi / 2 + 2 * math.pi * index / count
        distance = radius * min(max(value, 0.0), 1.0)
        return cx + distance * math.cos(angle), cy + distance * math.sin(angle)

    description = "; ".join(
        f"{s.name}: "
        + ", ".join(f"{axis} {_percent(v)}" for axis, v in zip(axes, s.values, strict=False))
        for s in series
    )
    parts = _open(chart_id(), width, height, title, description)
    for ring in (0.25, 0.5, 0.75, 1.0):
        points = " ".join(f"{x:.1f},{y:.1f}" for x, y in (point(i, ring) for i in range(count)))
        parts.append(
            f'<polygon points="{points}" fill="none" stroke="currentColor" '
            f'stroke-opacity="{0.35 if ring == 1.0 else 0.15}"/>'
        )
    ring_x, ring_y = point(0, 0.5)
    parts.append(
        f'<text x="{ring_x + 3:.1f}" y="{ring_y - 2:.1f}" font-size="9" fill="currentColor" '
        f'fill-opacity="0.6">50 %</text>'
    )
    for index, axis in enumerate(axes):
        x, y = point(index, 1.0)
        parts.append(
            f'<line x1="{cx:.1f}" y1="{cy:.1f}" x2="{x:.1f}" y2="{y:.1f}" '
            f'stroke="currentColor" stroke-opacity="0.15"/>'
        )
        lx, ly = point(index, 1.09)
        dx, dy = lx - cx, ly - cy
        anchor = "middle" if abs(dx) < 8 else "start" if dx > 0 else "end"
        lines = wrap(axis, 16)
        # Labels above the centre grow upwards, those below downwards, those beside it are
        # centred on their axis.
        if dy < -8:
            first = ly - 2 - 14 * (len(lines) - 1)
        elif dy > 8:
            first = ly + 10
        else:
            first = ly + 4 - 7 * (len(lines) - 1)
        parts.append(
            f'<text x="{lx:.1f}" y="{first:.1f}" text-anchor="{anchor}" font-size="13" '
            f'fill="currentColor">'
            + "".join(
                f'<tspan x="{lx:.1f}" dy="{0 if n == 0 else 14}">{escape(line)}</tspan>'
                for n, line in enumerate(lines)
            )
            + "</text>"
        )
    for s in series:
        points = " ".join(
            f"{x:.1f},{y:.1f}" for x, y in (point(i, v) for i, v in enumerate(s.values))
        )
        parts.append(
            f'<polygon points="{points}" fill="{s.colour}" fill-opacity="0.18" '
            f'stroke="{s.colour}" stroke-width="2"/>'
        )
        for index, value in enumerate(s.values):
            x, y = point(index, value)
            parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{s.colour}"/>')
    if len(series) > 1:
        x = 8.0
        for s in series:
            parts.append(
                f'<rect x="{x:.0f}" y="4" width="10" height="10" rx="2" fill="{s.colour}"/>'
                f'<text x="{x + 14:.0f}" y="13" font-size="11" fill="currentColor">'
                f"{escape(s.name)}</text>"
            )
            x += 26 + 6.5 * len(s.name)
    parts.append("</svg>")
    return "".join(parts)


@dataclass(frozen=True)
class Line:
    name: str
    values: Sequence[float | None]  # one per date, 0–1; None where not known
    colour: str
    bold: bool = False


def history_svg(
    labels: Sequence[str],
    lines: Sequence[Line],
    *,
    title: str,
    gold_line: float | None = None,
    gold_label: str = "",
    width: int = 720,
    height: int = 300,
) -> str:
    """The score and each area over time (0–100 %), one point per saved assessment, with the
    Gold line. A legend below names every line."""
    left, right, top = 40, 16, 12
    legend_rows = math.ceil(len(lines) / 3)
    bottom = 40 + 16 * legend_rows
    plot_w, plot_h = width - left - right, height - top - bottom
    steps = max(len(labels) - 1, 1)

    def x(index: int) -> float:
        return left + (plot_w * index / steps if len(labels) > 1 else plot_w / 2)

    def y(value: float) -> float:
        return top + plot_h - plot_h * min(max(value, 0.0), 1.0)

    description = "; ".join(
        f"{label}: "
        + ", ".join(
            f"{line.name} {_percent(line.values[i])}"
            for line in lines
            if line.values[i] is not None
        )
        for i, label in enumerate(labels)
    )
    parts = _open(chart_id(), width, height, title, description)
    for tick in (0, 0.25, 0.5, 0.75, 1):
        parts.append(
            f'<line x1="{left}" x2="{width - right}" y1="{y(tick):.1f}" y2="{y(tick):.1f}" '
            f'stroke="currentColor" stroke-opacity="{0.45 if tick == 0 else 0.12}"/>'
            f'<text x="{left - 5}" y="{y(tick) + 4:.1f}" text-anchor="end" font-size="10" '
            f'fill="currentColor" fill-opacity="0.7">{_percent(tick)}</text>'
        )
    if gold_line is not None:
        parts.append(
            f'<line x1="{left}" x2="{width - right}" y1="{y(gold_line):.1f}" '
            f'y2="{y(gold_line):.1f}" stroke="{GOLD_COLOUR}" stroke-width="2" '
            f'stroke-dasharray="6 4"/>'
            f'<text x="{width - right}" y="{y(gold_line) - 4:.1f}" text-anchor="end" '
            f'font-size="10" font-weight="600" fill="{GOLD_COLOUR}">{escape(gold_label)}</text>'
        )
    every = max(1, math.ceil(len(labels) / 8))
    last = len(labels) - 1
    for index, label in enumerate(labels):
        if index % every and index != last:
            continue
        anchor = (
            "middle" if len(labels) == 1 or 0 < index < last else "start" if index == 0 else "end"
        )
        parts.append(
            f'<text x="{x(index):.1f}" y="{top + plot_h + 15}" text-anchor="{anchor}" '
            f'font-size="11" fill="currentColor">{escape(label)}</text>'
        )
    for line in sorted(lines, key=lambda line: line.bold):
        stroke = 3 if line.bold else 1.5
        run: list[str] = []
        segments: list[list[str]] = [run]
        for index, value in enumerate(line.values):
            if value is None:
                run = []
                segments.append(run)
                continue
            run.append(f"{x(index):.1f},{y(value):.1f}")
        for segment in segments:
            if len(segment) > 1:
                parts.append(
                    f'<polyline points="{" ".join(segment)}" fill="none" '
                    f'stroke="{line.colour}" stroke-width="{stroke}" '
                    f'stroke-opacity="{1 if line.bold else 0.8}"/>'
                )
        for index, value in enumerate(line.values):
            if value is not None:
                parts.append(
                    f'<circle cx="{x(index):.1f}" cy="{y(value):.1f}" '
                    f'r="{4 if line.bold else 2.5}" fill="{line.colour}"/>'
                )
    column = plot_w / 3
    for position, line in enumerate(lines):
        lx = left + column * (position % 3)
        ly = top + plot_h + 44 + 16 * (position // 3)
        weight = ' font-weight="700"' if line.bold else ""
        parts.append(
            f'<rect x="{lx:.1f}" y="{ly - 9}" width="14" height="{4 if line.bold else 3}" '
            f'fill="{line.colour}"/>'
            f'<text x="{lx + 19:.1f}" y="{ly - 4}" font-size="11" fill="currentColor"{weight}>'
            f"{escape(line.name)}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)


def area_colour(index: int) -> str:
    return PALETTE[(index + 1) % len(PALETTE)]


def threshold_bar_svg(
    value: float | None,
    threshold: float,
    *,
    top: float,
    status: str,
    title: str,
    description: str,
    threshold_label: str,
) -> str:
    """One value as a bar against its threshold's mark (a count, a share, months…), on a
    scale from 0 to ``top``."""
    width, height = 420, 46
    left, right, bar_top, bar = 8, 8, 16, 16
    room = width - left - right
    scale = top or 1.0
    parts = _open(chart_id(), width, height, title, description)
    parts.append(
        f'<rect x="{left}" y="{bar_top}" width="{room}" height="{bar}" rx="4" fill="#eaeef2"/>'
    )
    if value is not None:
        filled = room * min(max(value / scale, 0.0), 1.0)
        parts.append(
            f'<rect x="{left}" y="{bar_top}" width="{filled:.1f}" height="{bar}" rx="4" '
            f'fill="{STATUS_COLOURS.get(status, SCORE_COLOUR)}"/>'
        )
    mark = left + room * min(max(threshold / scale, 0.0), 1.0)
    anchor = "end" if mark > width * 0.8 else "start" if mark < width * 0.2 else "middle"
    parts.append(
        f'<line x1="{mark:.1f}" x2="{mark:.1f}" y1="{bar_top - 5}" y2="{bar_top + bar + 5}" '
        f'stroke="{GOLD_COLOUR}" stroke-width="3"/>'
        f'<text x="{mark:.1f}" y="{bar_top - 6}" text-anchor="{anchor}" font-size="11" '
        f'font-weight="600" fill="{GOLD_COLOUR}">{escape(threshold_label)}</text>'
    )
    parts.append("</svg>")
    return "".join(parts)
