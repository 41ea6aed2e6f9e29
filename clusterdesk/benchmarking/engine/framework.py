"""The indicator framework as data: read from a TOML file, checked, and turned into plain
frozen dataclasses. No Django here: the engine, the CLI and the tests read it alike.

A threshold is a condition written as the SPEC words it, on the computed ``value`` and on
named parts of the measurement, joined by ``and``: ``"value > 0.30 and sme_active >= 1"``.
"""

from __future__ import annotations

import hashlib
import operator
import re
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DEFAULT_FRAMEWORK_PATH = Path(__file__).resolve().parent.parent / "frameworks" / "default.toml"

UNITS = ("count", "share", "points", "years", "months", "days", "fte")
QUESTION_KINDS = ("date", "yes_no", "number", "choice")

OPERATORS: dict[str, Callable[[Any, Any], bool]] = {
    ">=": operator.ge,
    ">": operator.gt,
    "<=": operator.le,
    "<": operator.lt,
    "==": operator.eq,
}
_CLAUSE = re.compile(r"^\s*([a-z_][a-z0-9_]*)\s*(>=|<=|==|>|<)\s*(-?\d+(?:\.\d+)?)\s*$")


class FrameworkError(ValueError):
    """A framework file that cannot be used, with every problem in plain words."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("; ".join(problems))


@dataclass(frozen=True)
class Clause:
    name: str  # "value" or a part of the measurement
    op: str
    threshold: float

    def holds(self, value: float) -> bool:
        return OPERATORS[self.op](value, self.threshold)

    def __str__(self) -> str:
        return f"{self.name} {self.op} {self.threshold:g}"


@dataclass(frozen=True)
class Condition:
    """Clauses that must all hold. ``text`` keeps the file's own wording."""

    clauses: tuple[Clause, ...]
    text: str

    @property
    def value_clause(self) -> Clause | None:
        return next((clause for clause in self.clauses if clause.name == "value"), None)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(clause.name for clause in self.clauses)


def parse_condition(text: str) -> Condition:
    clauses = []
    for part in re.split(r"\s+and\s+", text.strip()):
        match = _CLAUSE.match(part)
        if not match:
            raise FrameworkError([f"“{text}” is not a condition such as “value >= 0.8”."])
        clauses.append(Clause(match[1], match[2], float(match[3])))
    return Condition(tuple(clauses), text.strip())


@dataclass(frozen=True)
class Indicator:
    id: str
    area: str
    name: str
    definition: str
    computation: str
    unit: str
    source: str
    met: Condition
    excellent: Condition | None
    weight: float
    effort: int  # 1 quick (record or decide), 2 weeks of work, 3 a year or more
    recommendation: str
    where: str  # the page where its data is kept
    out_of: int | None = None


@dataclass(frozen=True)
class Minimum:
    id: str
    name: str
    computation: str
    met: Condition
    where: str


@dataclass(frozen=True)
class Question:
    id: str
    kind: str
    text: str
    help: str = ""
    indicator: str = ""
    choices: tuple[str, ...] = ()


@dataclass(frozen=True)
class LabelRules:
    gold_score: float = 0.80
    silver_window_months: tuple[int, int] = (18, 24)
    silver_areas_improved: int = 3
    peer_minimum: int = 5


@dataclass(frozen=True)
class Framework:
    id: str
    version: str
    name: str
    areas: Mapping[str, str]
    indicators: tuple[Indicator, ...]
    minimums: tuple[Minimum, ...]
    questions: tuple[Question, ...]
    labels: LabelRules
    digest: str = ""  # sha256 of the file's text: two loads of one file are the same
    source_text: str = field(default="", repr=False)

    def indicator(self, indicator_id: str) -> Indicator:
        for indicator in self.indicators:
            if indicator.id == indicator_id:
                return indicator
        raise KeyError(indicator_id)

    def question(self, question_id: str) -> Question:
        for question in self.questions:
            if question.id == question_id:
                return question
        raise KeyError(question_id)

    @property
    def total_weight(self) -> float:
        return sum(indicator.weight for indicator in self.indicators)

    @property
    def label(self) -> str:
        return f"{self.id} {self.version}"


def _text(table: Mapping[str, Any], key: str, where: str, problems: list[str]) -> str:
    value = table.get(key)
    if not isinstance(value, str) or not value.strip():
        problems.append(f"{where}: “{key}” is missing.")
        return ""
    return value.strip()


def _condition(
    table: Mapping[str, Any], key: str, where: str, problems: list[str], *, required: bool
) -> Condition | None:
    text = table.get(key)
    if text is None:
        if required:
            problems.append(f"{where}: “{key}” is missing.")
        return None
    try:
        return parse_condition(str(text))
    except FrameworkError as error:
        problems.extend(f"{where}: {problem}" for problem in error.problems)
        return None


def _check_names(
    computation: str,
    conditions: tuple[Condition | None, ...],
    known_parts: Mapping[str, frozenset[str]] | None,
    where: str,
    problems: list[str],
) -> None:
    """A condition may name the value and the parts its computation gives, nothing else: a
    typo ("smes >= 1") would otherwise leave the indicator unknown for ever."""
    if known_parts is None or computation not in known_parts:
        return
    allowed = {"value", *known_parts[computation]}
    for condition in conditions:
        for name in condition.names if condition is not None else ():
            if name not in allowed:
                problems.append(
                    f"{where}: “{name}” is not something “{computation}” gives "
                    f"(it gives: {', '.join(sorted(allowed))})."
                )


def parse_framework(
    text: str,
    *,
    known_computations: Mapping[str, Any] | None = None,
    known_parts: Mapping[str, frozenset[str]] | None = None,
) -> Framework:
    """Read a framework from TOML text; raise ``FrameworkError`` with every problem found."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise FrameworkError([f"The file is not valid TOML: {error}."]) from error
    problems: list[str] = []
    head = data.get("framework", {})
    framework_id = _text(head, "id", "[framework]", problems)
    version = _text(head, "version", "[framework]", problems)
    name = _text(head, "name", "[framework]", problems)
    areas = {str(key): str(value) for key, value in data.get("areas", {}).items()}
    if not areas:
        problems.append("[areas]: name at least one area.")

    indicators: list[Indicator] = []
    seen: set[str] = set()
    for number, table in enumerate(data.get("indicator", []), start=1):
        where = f"indicator {table.get('id') or number}"
        indicator_id = _text(table, "id", where, problems)
        if indicator_id in seen:
            problems.append(f"{where}: the id is used twice.")
        seen.add(indicator_id)
        area = _text(table, "area", where, problems)
        if area and area not in areas:
            problems.append(f"{where}: the area “{area}” is not one of [areas].")
        computation = _text(table, "computation", where, problems)
        if known_computations is not None and computation and computation not in known_computations:
            problems.append(f"{where}: the engine does not know the computation “{computation}”.")
        unit = str(table.get("unit", "count"))
        if unit not in UNITS:
            problems.append(f"{where}: the unit “{unit}” is not one of {', '.join(UNITS)}.")
        met = _condition(table, "met", where, problems, required=True)
        excellent = _condition(table, "excellent", where, problems, required=False)
        _check_names(computation, (met, excellent), known_parts, where, problems)
        weight = table.get("weight", 1)
        if not isinstance(weight, int | float) or weight <= 0:
            problems.append(f"{where}: the weight must be a number above zero.")
            weight = 1
        effort = table.get("effort", 2)
        if effort not in (1, 2, 3):
            problems.append(f"{where}: the effort must be 1, 2 or 3.")
            effort = 2
        if met is None:
            continue
        indicators.append(
            Indicator(
                id=indicator_id,
                area=area,
                name=_text(table, "name", where, problems),
                definition=str(table.get("definition", "")).strip(),
                computation=computation,
                unit=unit,
                source=str(table.get("source", "")),
                met=met,
                excellent=excellent,
                weight=float(weight),
                effort=int(effort),
                recommendation=str(table.get("recommendation", "")).strip(),
                where=str(table.get("where", "")),
                out_of=table.get("out_of"),
            )
        )
    if not indicators and not problems:
        problems.append("The framework has no [[indicator]].")

    minimums: list[Minimum] = []
    seen_minimums: set[str] = set()
    for number, table in enumerate(data.get("minimum", []), start=1):
        where = f"minimum requirement {table.get('id') or number}"
        computation = _text(table, "computation", where, problems)
        if known_computations is not None and computation and computation not in known_computations:
            problems.append(f"{where}: the engine does not know the computation “{computation}”.")
        met = _condition(table, "met", where, problems, required=True)
        _check_names(computation, (met,), known_parts, where, problems)
        minimum_id = str(table.get("id", ""))
        if minimum_id and minimum_id in seen_minimums:
            problems.append(f"{where}: the id is used twice.")
        seen_minimums.add(minimum_id)
        if met is not None:
            minimums.append(
                Minimum(
                    id=_text(table, "id", where, problems),
                    name=_text(table, "name", where, problems),
                    computation=computation,
                    met=met,
                    where=str(table.get("where", "")),
                )
            )

    questions: list[Question] = []
    seen_questions: set[str] = set()
    for number, table in enumerate(data.get("question", []), start=1):
        where = f"question {table.get('id') or number}"
        question_id = str(table.get("id", ""))
        if question_id and question_id in seen_questions:
            problems.append(f"{where}: the id is used twice.")
        seen_questions.add(question_id)
        asked_for = str(table.get("indicator", ""))
        if asked_for and asked_for not in seen:
            problems.append(f"{where}: the indicator “{asked_for}” is not in the framework.")
        kind = str(table.get("kind", ""))
        if kind not in QUESTION_KINDS:
            problems.append(f"{where}: the kind must be one of {', '.join(QUESTION_KINDS)}.")
        choices = tuple(str(choice) for choice in table.get("choices", ()))
        if kind == "choice" and not choices:
            problems.append(f"{where}: a choice question needs its choices.")
        questions.append(
            Question(
                id=_text(table, "id", where, problems),
                kind=kind,
                text=_text(table, "text", where, problems),
                help=str(table.get("help", "")).strip(),
                indicator=str(table.get("indicator", "")),
                choices=choices,
            )
        )

    rules = data.get("labels", {})
    try:
        window = tuple(int(month) for month in rules.get("silver_window_months", (18, 24)))
        labels = LabelRules(
            gold_score=float(rules.get("gold_score", 0.80)),
            silver_window_months=(window[0], window[1]),
            silver_areas_improved=int(rules.get("silver_areas_improved", 3)),
            peer_minimum=int(rules.get("peer_minimum", 5)),
        )
    except (TypeError, ValueError, IndexError):
        problems.append(
            "[labels]: gold_score, silver_window_months = [from, to], "
            "silver_areas_improved and peer_minimum must be numbers."
        )
        labels = LabelRules()
    if labels.peer_minimum < 5:
        problems.append("[labels]: peer_minimum cannot be below 5 (peers must stay anonymous).")
    if not 0 < labels.gold_score <= 1:
        problems.append("[labels]: gold_score is a fraction between 0 and 1, e.g. 0.80.")

    if problems:
        raise FrameworkError(problems)
    return Framework(
        id=framework_id,
        version=version,
        name=name,
        areas=areas,
        indicators=tuple(indicators),
        minimums=tuple(minimums),
        questions=tuple(questions),
        labels=labels,
        digest=hashlib.sha256(text.encode()).hexdigest(),
        source_text=text,
    )


def default_framework_text() -> str:
    return DEFAULT_FRAMEWORK_PATH.read_text(encoding="utf-8")
