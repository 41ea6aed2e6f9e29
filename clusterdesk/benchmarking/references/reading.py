"""Reading a peer reference file: a sheet (CSV in any of the usual encodings and separators, or
XLSX) with one row per cluster and the columns ``country`` (ISO code or English name),
``technology_area``, ``gold_ready`` (yes/no, optional), ``score`` (optional, 0–1 or a
percentage) and one column per indicator id of the active framework (A1, B4…). Shares may be
written 0.45 or 45 %.

Reading never writes: ``reference_read`` gives a preview with every problem per row and column.
Columns other than the ones above are reported and left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_countries import countries

from clusterdesk.lib.errors import DomainError
from clusterdesk.lib.tabular import read_table
from clusterdesk.participants.importing.values import (
    CellError,
    as_boolean,
    as_decimal,
    as_text,
    simplify,
)

from ..engine import Framework, Indicator

MAX_ROWS = 20_000
MAX_AREA = 200

COUNTRY, AREA, GOLD, SCORE = "country", "technology_area", "gold_ready", "score"
HEADERS = {
    "country": COUNTRY,
    "countrycode": COUNTRY,
    "technologyarea": AREA,
    "technology": AREA,
    "sector": AREA,
    "goldready": GOLD,
    "gold": GOLD,
    "score": SCORE,
}
# A heading shaped like an indicator id (a letter and a number): a value the framework in use
# does not know is refused rather than dropped without a word.
INDICATOR_LIKE = re.compile(r"^[A-Za-z]\d{1,2}$")


@dataclass(frozen=True)
class Problem:
    """What is wrong, where: ``row`` 0 and ``column`` "" for the file as a whole."""

    row: int
    column: str
    message: str

    def __str__(self) -> str:
        if not self.row:
            return self.message
        if not self.column:
            return _("Row %(row)s: %(message)s") % {"row": self.row, "message": self.message}
        return _("Row %(row)s, column %(column)s: %(message)s") % {
            "row": self.row,
            "column": self.column,
            "message": self.message,
        }


@dataclass(frozen=True)
class Entry:
    """One anonymous cluster of the file, as it will be stored."""

    row: int
    country: str
    technology_area: str
    gold_ready: bool
    score: float | None
    values: dict[str, float]


@dataclass
class Preview:
    entries: list[Entry] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    indicator_columns: list[str] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    framework_label: str = ""

    @property
    def file_problems(self) -> list[Problem]:
        return [problem for problem in self.problems if not problem.row]

    @property
    def row_problems(self) -> list[Problem]:
        return [problem for problem in self.problems if problem.row]

    @property
    def rows_with_problems(self) -> int:
        return len({problem.row for problem in self.row_problems})

    @property
    def can_apply(self) -> bool:
        return bool(self.entries) and not self.problems

    @property
    def countries(self) -> list[tuple[str, int]]:
        counted: dict[str, int] = {}
        for entry in self.entries:
            counted[entry.country] = counted.get(entry.country, 0) + 1
        return sorted(counted.items(), key=lambda item: (-item[1], item[0]))

    @property
    def gold_ready(self) -> int:
        return sum(1 for entry in self.entries if entry.gold_ready)


class ReferenceFileError(DomainError):
    """A file that cannot be imported as it is; ``preview`` holds every problem."""

    def __init__(self, preview: Preview):
        super().__init__(
            ngettext(
                "The file has %(count)s problem; nothing was imported.",
                "The file has %(count)s problems; nothing was imported.",
                len(preview.problems),
            )
            % {"count": len(preview.problems)}
            if preview.problems
            else _("The file holds no cluster; nothing was imported."),
            field="file",
        )
        self.preview = preview


# --------------------------------------------------------------------------- cells


def country_code(cell: Any) -> str:
    """An ISO 3166-1 code from a code (IT, ITA, 380) or an English name (Italy)."""
    text = as_text(cell)
    if not text:
        raise CellError(_("Give the country, as its ISO code (IT) or its English name (Italy)."))
    code = countries.alpha2(text) or countries.by_name(text)
    if not code:
        raise CellError(
            _("“%(value)s” is not a country: give its ISO code (IT) or its English name (Italy).")
            % {"value": text}
        )
    return str(code)


def _number(cell: Any) -> tuple[Decimal, bool]:
    """The number in a cell, and whether it was written as a percentage."""
    if isinstance(cell, bool):
        raise CellError(_("“%(value)s” is not a number.") % {"value": cell})
    if isinstance(cell, int | float):
        return Decimal(str(cell)), False
    text = as_text(cell).replace("\u00a0", " ").strip()
    percent = text.endswith("%")
    number = as_decimal(text.rstrip("%").strip())
    if number is None or not number.is_finite():
        raise CellError(_("“%(value)s” is not a number.") % {"value": text})
    return number, percent


def share_value(cell: Any) -> float:
    """A share as a fraction: 0.45, 0,45 or 45 % are all 0.45."""
    number, percent = _number(cell)
    shown = as_text(cell)
    if percent:
        number = number / 100
    elif number > 1:
        raise CellError(
            _("“%(value)s” is not a share: write it as a fraction (0.45) or with %% (45 %%).")
            % {"value": shown}
        )
    if number > 1:
        raise CellError(_("“%(value)s” is more than 100 %%.") % {"value": shown})
    if number < 0:
        raise CellError(_("“%(value)s” is below zero.") % {"value": shown})
    return float(number)


def indicator_value(indicator: Indicator, cell: Any) -> float:
    """A value in the indicator's unit, within what the indicator can be."""
    if indicator.unit == "share":
        return share_value(cell)
    number, percent = _number(cell)
    shown = as_text(cell)
    if percent:
        raise CellError(
            _("“%(value)s” is a percentage, but %(id)s is not a share: give the number.")
            % {"value": shown, "id": indicator.id}
        )
    if number < 0:
        raise CellError(_("“%(value)s” is below zero.") % {"value": shown})
    if indicator.out_of is not None and number > indicator.out_of:
        raise CellError(
            _("“%(value)s” is more than %(most)s, the most %(id)s can be.")
            % {"value": shown, "most": indicator.out_of, "id": indicator.id}
        )
    return float(number)


def _blank(cell: Any) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


# --------------------------------------------------------------------------- reading


def _columns(
    headers: list[str], framework: Framework, preview: Preview
) -> dict[int, tuple[str, Indicator | None]]:
    """Which column holds what; unknown headings go to ``ignored_columns`` or, when they look
    like an indicator id, are a problem."""
    indicators = {indicator.id.upper(): indicator for indicator in framework.indicators}
    mapping: dict[int, tuple[str, Indicator | None]] = {}
    seen: dict[str, str] = {}
    for index, header in enumerate(headers):
        heading = header.strip()
        if not heading:
            continue
        indicator = indicators.get(heading.upper())
        key = indicator.id if indicator else HEADERS.get(simplify(heading))
        if key is None:
            if INDICATOR_LIKE.match(heading):
                preview.problems.append(
                    Problem(
                        0,
                        heading,
                        _(
                            "The column “%(column)s” is not an indicator of the framework in "
                            "use (%(framework)s): remove it or correct its heading."
                        )
                        % {"column": heading, "framework": framework.label},
                    )
                )
            else:
                preview.ignored_columns.append(heading)
            continue
        if key in seen:
            preview.problems.append(
                Problem(
                    0,
                    heading,
                    _("The columns “%(one)s” and “%(other)s” both give %(what)s; keep one.")
                    % {"one": seen[key], "other": heading, "what": key},
                )
            )
            continue
        seen[key] = heading
        mapping[index] = (key, indicator)
    if COUNTRY not in seen:
        preview.problems.append(Problem(0, "", _("The file has no “country” column.")))
    if AREA not in seen:
        preview.problems.append(Problem(0, "", _("The file has no “technology_area” column.")))
    preview.indicator_columns = [
        indicator.id for _key, indicator in mapping.values() if indicator is not None
    ]
    if not preview.indicator_columns and SCORE not in seen:
        preview.problems.append(
            Problem(
                0,
                "",
                _("The file has no score column and no indicator column (A1, B4…)."),
            )
        )
    return mapping


def _entry(
    number: int,
    cells: list[Any],
    mapping: dict[int, tuple[str, Indicator | None]],
    problems: list[Problem],
) -> Entry | None:
    found: dict[str, Any] = {GOLD: False, SCORE: None, AREA: "", COUNTRY: ""}
    values: dict[str, float] = {}
    wrong = False
    for index, (key, indicator) in mapping.items():
        cell = cells[index] if index < len(cells) else None
        try:
            if key == COUNTRY:
                found[COUNTRY] = country_code(cell)
            elif key == AREA:
                area = as_text(cell)
                if len(area) > MAX_AREA:
                    raise CellError(
                        _("Keep the technology area under %(max)s characters.") % {"max": MAX_AREA}
                    )
                found[AREA] = area
            elif _blank(cell):
                continue
            elif key == GOLD:
                found[GOLD] = bool(as_boolean(cell))
            elif key == SCORE:
                found[SCORE] = share_value(cell)
            elif indicator is not None:
                values[indicator.id] = indicator_value(indicator, cell)
        except CellError as error:
            problems.append(Problem(number, key, str(error)))
            wrong = True
    if wrong:
        return None
    if not values and found[SCORE] is None:
        problems.append(Problem(number, "", _("The row gives no score and no indicator value.")))
        return None
    return Entry(number, found[COUNTRY], found[AREA], found[GOLD], found[SCORE], values)


def reference_read(content: bytes, filename: str, framework: Framework) -> Preview:
    """Every cluster of the file and every problem, without writing anything."""
    preview = Preview(framework_label=framework.label)
    try:
        table = read_table(content, filename)
    except DomainError as error:
        preview.problems.append(Problem(0, "", error.message))
        return preview
    mapping = _columns(table.headers, framework, preview)
    if not table.rows:
        preview.problems.append(Problem(0, "", _("The file has no row below its headings.")))
    elif len(table.rows) > MAX_ROWS:
        preview.problems.append(
            Problem(
                0,
                "",
                _("The file has more than %(max)s rows; split it.") % {"max": f"{MAX_ROWS:,}"},
            )
        )
    if preview.file_problems:
        return preview
    for number, cells in table.rows:
        entry = _entry(number, cells, mapping, preview.problems)
        if entry is not None:
            preview.entries.append(entry)
    return preview
