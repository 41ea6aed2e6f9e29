"""Survey results as server-side SVG: bars for choices (labels above the bars, so long answers
fit on a phone), 100 % stacked bars for 1-to-5 scales and matrix rows, and the recommendation
score (NPS) as detractors, passives and promoters. Every chart is an image with a title and a
text description that says the figures (role="img")."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from clusterdesk.lib.charts import PALETTE, chart_id

SCALE_COLOURS = ("#cf222e", "#f08a7e", "#afb8c1", "#6fbf83", "#1a7f37")
NPS_COLOURS = {"detractor": "#cf222e", "passive": "#afb8c1", "promoter": "#1a7f37"}
TRACK = "#eaeef2"


@dataclass(frozen=True)
class Part:
    label: str
    count: int


def _open(width: int, height: int, title: str, description: str) -> list[str]:
    ident = chart_id()
    return [
        f'<svg class="chart sv-chart" viewBox="0 0 {width} {height}" width="100%" role="img" '
        f'aria-labelledby="{ident}-title {ident}-desc" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{ident}-title">{escape(title)}</title>',
        f'<desc id="{ident}-desc">{escape(description)}</desc>',
    ]


def _percent(count: int, total: int) -> str:
    return f"{round(100 * count / total)} %" if total else "0 %"


def _describe(parts: list[Part], total: int) -> str:
    return "; ".join(
        f"{part.label}: {part.count} ({_percent(part.count, total)})" for part in parts
    )


def choice_bars_svg(parts: list[Part], *, total: int, title: str, width: int = 520) -> str:
    """One bar per answer, its label above it, the count and share beside it; ``total`` is
    the number of respondents (shares of a multiple choice add up to more than 100 %)."""
    row = 40
    height = max(len(parts) * row + 6, 20)
    room = width - 110
    top = max((part.count for part in parts), default=0) or 1
    svg = _open(width, height, title, _describe(parts, total))
    for index, part in enumerate(parts):
        y = 4 + index * row
        length = room * part.count / top if part.count else 0
        colour = PALETTE[index % len(PALETTE)]
        svg.append(
            f'<text x="0" y="{y + 12}" font-size="12" fill="currentColor">'
            f"{escape(part.label)}</text>"
            f'<rect x="0" y="{y + 17}" width="{room}" height="14" rx="3" fill="{TRACK}"/>'
            f'<rect x="0" y="{y + 17}" width="{max(length, 2 if part.count else 0):.1f}" '
            f'height="14" rx="3" fill="{colour}"/>'
            f'<text x="{room + 8}" y="{y + 28}" font-size="12" fill="currentColor">'
            f"{part.count} · {_percent(part.count, total)}</text>"
        )
    svg.append("</svg>")
    return "".join(svg)


def stacked_rows_svg(
    rows: list[tuple[str, list[int]]],
    *,
    labels: list[str],
    title: str,
    width: int = 520,
) -> str:
    """One 100 % bar per row (a scale question is one row, a matrix one per row), split into
    the five points of the scale, with a legend of the points below."""
    named = any(name for name, _counts in rows)
    bar, label_room = 18, 16 if named else 0
    gap = label_room + 14
    legend_rows = (len(labels) + 1) // 2
    height = len(rows) * (bar + gap) + legend_rows * 18 + 8
    descriptions = []
    for name, counts in rows:
        total = sum(counts)
        shares = ", ".join(
            f"{label} {_percent(count, total)}"
            for label, count in zip(labels, counts, strict=False)
        )
        descriptions.append(f"{name} ({total}): {shares}" if name else f"{total}: {shares}")
    svg = _open(width, height, title, "; ".join(descriptions))
    for index, (name, counts) in enumerate(rows):
        y = index * (bar + gap)
        total = sum(counts)
        if named:
            svg.append(
                f'<text x="0" y="{y + 12}" font-size="12" fill="currentColor">{escape(name)}'
                f'<tspan fill-opacity="0.65"> · {total}</tspan></text>'
            )
        x = 0.0
        top = y + label_room
        if not total:
            svg.append(f'<rect x="0" y="{top}" width="{width}" height="{bar}" fill="{TRACK}"/>')
        for point, count in enumerate(counts):
            if not count:
                continue
            length = width * count / total
            colour = SCALE_COLOURS[point % len(SCALE_COLOURS)]
            svg.append(
                f'<rect x="{x:.1f}" y="{top}" width="{length:.1f}" height="{bar}" fill="{colour}"/>'
            )
            if length > 34:
                svg.append(
                    f'<text x="{x + length / 2:.1f}" y="{top + 13}" font-size="11" '
                    f'text-anchor="middle" fill="{"#fff" if point != 2 else "#24292f"}">'
                    f"{_percent(count, total)}</text>"
                )
            x += length
    legend_top = len(rows) * (bar + gap)
    for index, label in enumerate(labels):
        column, line = index % 2, index // 2
        x, y = column * width / 2, legend_top + line * 18
        svg.append(
            f'<rect x="{x:.1f}" y="{y + 2}" width="10" height="10" '
            f'fill="{SCALE_COLOURS[index % len(SCALE_COLOURS)]}"/>'
            f'<text x="{x + 14:.1f}" y="{y + 11}" font-size="11" fill="currentColor">'
            f"{escape(label)}</text>"
        )
    svg.append("</svg>")
    return "".join(svg)


def nps_svg(
    *,
    detractors: int,
    passives: int,
    promoters: int,
    score: float | None,
    title: str,
    names: dict[str, str],
    width: int = 520,
) -> str:
    """The recommendation score: one bar split into detractors (0–6), passives (7–8) and
    promoters (9–10), the score (promoters less detractors, −100 to 100) above it."""
    total = detractors + passives + promoters
    parts = [("detractor", detractors), ("passive", passives), ("promoter", promoters)]
    shown = "–" if score is None else f"{score:+.0f}"
    description = f"NPS {shown}; " + "; ".join(
        f"{names[key]}: {count} ({_percent(count, total)})" for key, count in parts
    )
    svg = _open(width, 86, title, description)
    svg.append(
        f'<text x="0" y="26" font-size="26" font-weight="700" fill="currentColor">{shown}</text>'
        f'<text x="{18 * len(shown) + 10}" y="26" font-size="12" fill="currentColor" '
        f'fill-opacity="0.7">NPS (−100 … +100)</text>'
    )
    x = 0.0
    if not total:
        svg.append(f'<rect x="0" y="36" width="{width}" height="20" fill="{TRACK}"/>')
    for key, count in parts:
        if not count:
            continue
        length = width * count / total
        svg.append(
            f'<rect x="{x:.1f}" y="36" width="{length:.1f}" height="20" fill="{NPS_COLOURS[key]}"/>'
        )
        x += length
    for index, (key, count) in enumerate(parts):
        lx = index * width / 3
        svg.append(
            f'<rect x="{lx:.1f}" y="66" width="10" height="10" fill="{NPS_COLOURS[key]}"/>'
            f'<text x="{lx + 14:.1f}" y="75" font-size="11" fill="currentColor">'
            f"{escape(names[key])}: {count} ({_percent(count, total)})</text>"
        )
    svg.append("</svg>")
    return "".join(svg)


def points_svg(counts: list[int], *, labels: list[str], title: str, width: int = 520) -> str:
    """Columns for a scale of points (0 to 10, or stars): how many chose each."""
    height, base = 120, 96
    total = sum(counts)
    top = max(counts, default=0) or 1
    step = width / max(len(counts), 1)
    description = "; ".join(
        f"{label}: {count}" for label, count in zip(labels, counts, strict=False)
    )
    svg = _open(width, height, title, f"{total}: {description}")
    for index, count in enumerate(counts):
        column = (base - 16) * count / top
        x = index * step + step * 0.15
        svg.append(
            f'<rect x="{x:.1f}" y="{base - column:.1f}" width="{step * 0.7:.1f}" '
            f'height="{column:.1f}" rx="2" fill="{PALETTE[0]}"/>'
            f'<text x="{x + step * 0.35:.1f}" y="{base - column - 4:.1f}" font-size="11" '
            f'text-anchor="middle" fill="currentColor">{count}</text>'
            f'<text x="{x + step * 0.35:.1f}" y="{base + 16}" font-size="11" '
            f'text-anchor="middle" fill="currentColor">{escape(labels[index])}</text>'
        )
    svg.append("</svg>")
    return "".join(svg)
