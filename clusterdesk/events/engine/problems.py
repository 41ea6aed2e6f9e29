"""What is wrong with a meeting day, in plain words: each problem has a code (for a page or a
translation to key on), a message for a person, and details (names, ids, counts)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from clusterdesk.lib.errors import DomainError


@dataclass(frozen=True)
class Problem:
    code: str
    message: str
    details: Mapping[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message, "details": dict(self.details)}


class SchedulingInputError(DomainError):
    """The day cannot be scheduled; ``problems`` lists everything that is wrong with it."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__(
            "The meeting day cannot be scheduled: "
            + " ".join(problem.message for problem in self.problems),
            code="scheduling_input",
        )

    @property
    def codes(self) -> list[str]:
        return [problem.code for problem in self.problems]


def listing(values: Sequence[Any], *, limit: int = 5) -> str:
    """ "a, b and c" or "a, b, c, d, e and 7 more"."""
    words = [str(value) for value in values]
    if len(words) > limit:
        return ", ".join(words[:limit]) + f" and {len(words) - limit:,} more"
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def plural(count: int, one: str, many: str | None = None) -> str:
    return f"{count:,} {one if count == 1 else (many or one + 's')}"
