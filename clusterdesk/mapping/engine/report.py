"""What the validation found, in plain words: a list of problems, each with a code (for a page
or a translation to key on), a message (for a person) and details (counts, codes, examples)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from clusterdesk.lib.errors import DomainError

EXAMPLES = 10
"""How many examples (rows, values) a problem's details keep."""


@dataclass(frozen=True)
class Problem:
    code: str
    message: str
    details: Mapping[str, Any] = field(default_factory=dict)
    blocking: bool = True
    """A blocking problem stops the mapping; the others are warnings shown beside the result."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "message": self.message,
            "details": dict(self.details),
            "blocking": self.blocking,
        }


@dataclass(frozen=True)
class ValidationReport:
    problems: tuple[Problem, ...] = ()

    @property
    def blocking(self) -> tuple[Problem, ...]:
        return tuple(problem for problem in self.problems if problem.blocking)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(problem for problem in self.problems if not problem.blocking)

    @property
    def ok(self) -> bool:
        """Nothing stops the mapping (warnings may remain)."""
        return not self.blocking

    @property
    def codes(self) -> list[str]:
        return [problem.code for problem in self.problems]

    def find(self, code: str) -> Problem | None:
        return next((problem for problem in self.problems if problem.code == code), None)

    def to_dict(self) -> dict[str, Any]:
        return {"ok": self.ok, "problems": [problem.to_dict() for problem in self.problems]}

    def __str__(self) -> str:
        return "\n".join(problem.message for problem in self.problems) or "No problems found."


class MappingInputError(DomainError):
    """The data cannot be mapped; ``report`` says everything that is wrong with it."""

    def __init__(self, report: ValidationReport) -> None:
        messages = [problem.message for problem in report.blocking]
        super().__init__("The data cannot be mapped: " + " ".join(messages), code="mapping_input")
        self.report = report


def number(value: float) -> str:
    """12,345 or 12,345.5: how a count or an employment figure reads in a message."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.1f}"


def listing(values: Sequence[Any], *, limit: int = 10) -> str:
    """ "a, b, c" or "a, b, c and 7 more"."""
    shown = ", ".join(str(value) for value in values[:limit])
    if len(values) > limit:
        return f"{shown} and {len(values) - limit:,} more"
    return shown


def plural(count: int, one: str, many: str | None = None) -> str:
    return f"{count:,} {one if count == 1 else (many or one + 's')}"


def report_of(problems: Iterable[Problem]) -> ValidationReport:
    return ValidationReport(tuple(problems))
