"""Continuity of the management team's posts: who held each post when, and what happened at
each change of holder — a gap (the post stood empty), an overlap (a handover while both were
in post), a seamless change, or a post left and not filled.

Pure computation on plain dates, no Django: the team page and the excellence indicator B2
("no post vacant more than 30 days in the last 24 months") both read it.

Dates are inclusive: ``ended_on`` is the last day a person held the post, so someone who left
on 31 January and a successor who started on 1 February make a seamless change, not a gap.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from clusterdesk.lib.periods import ONE_DAY, last_months
from clusterdesk.lib.periods import months_before as months_before  # where the demo data reads it

VACANCY_LIMIT_DAYS = 30
VACANCY_WINDOW_MONTHS = 24


class TransitionKind(StrEnum):
    GAP = "gap"  # the post stood empty between two holders
    OVERLAP = "overlap"  # the successor started before the leaver left: a handover
    SEAMLESS = "seamless"  # filled the day after it was left
    VACANT = "vacant"  # left and not filled (yet)


@dataclass(frozen=True)
class Holding:
    """One person in one post for a period; ``ended_on`` is None while they hold it."""

    holder: Hashable
    post: str
    started_on: date
    ended_on: date | None = None


@dataclass(frozen=True)
class Transition:
    """What happened when the post passed from ``left_by`` to ``filled_by``.

    ``days``: days vacant for a gap (and for a vacancy, up to today), days both held the post
    for an overlap, 0 for a seamless change (and for a holder who has not left yet).
    """

    post: str
    kind: TransitionKind
    left_by: Hashable
    left_on: date
    filled_by: Hashable | None
    filled_on: date | None
    days: int

    @property
    def vacant_from(self) -> date | None:
        if self.kind in (TransitionKind.GAP, TransitionKind.VACANT):
            return self.left_on + ONE_DAY
        return None

    @property
    def vacant_until(self) -> date | None:
        """The last vacant day of a gap; None for a vacancy still open."""
        if self.kind is TransitionKind.GAP and self.filled_on is not None:
            return self.filled_on - ONE_DAY
        return None

    @property
    def is_upcoming(self) -> bool:
        """A holder who will leave with no successor yet: not vacant today."""
        return self.kind is TransitionKind.VACANT and self.days == 0

    def vacant_days_between(self, start: date, end: date) -> int:
        """Days of this vacancy that fall within ``start``…``end`` (both included)."""
        first = self.vacant_from
        if first is None:
            return 0
        last = self.vacant_until or end
        first, last = max(first, start), min(last, end)
        return max(0, (last - first).days + 1)


@dataclass(frozen=True)
class PostHistory:
    post: str
    holdings: tuple[Holding, ...]  # in the order they started
    transitions: tuple[Transition, ...]  # in the order they happened


def post_key(post: str) -> str:
    """Posts spelt with other capitals or spaces are the same post."""
    return " ".join(post.split()).casefold()


def _sort_key(holding: Holding) -> tuple[date, date]:
    return holding.started_on, holding.ended_on or date.max


def _transitions(post: str, holdings: list[Holding], today: date) -> list[Transition]:
    """Sweep the holdings in order of start, keeping how far the post is covered."""
    found: list[Transition] = []
    covering = holdings[0]
    covered_to = covering.ended_on  # None: held with no end in sight
    for holding in holdings[1:]:
        if covered_to is None:
            continue  # someone holds the post with no end: this one shares it
        if holding.started_on > covered_to + ONE_DAY:
            kind, days = TransitionKind.GAP, (holding.started_on - covered_to).days - 1
        elif holding.started_on == covered_to + ONE_DAY:
            kind, days = TransitionKind.SEAMLESS, 0
        elif holding.ended_on is not None and holding.ended_on <= covered_to:
            continue  # held alongside and gone before the post changed hands
        else:
            kind, days = TransitionKind.OVERLAP, (covered_to - holding.started_on).days + 1
        found.append(
            Transition(
                post=post,
                kind=kind,
                left_by=covering.holder,
                left_on=covered_to,
                filled_by=holding.holder,
                filled_on=holding.started_on,
                days=days,
            )
        )
        covering, covered_to = holding, holding.ended_on
    if covered_to is not None:
        found.append(
            Transition(
                post=post,
                kind=TransitionKind.VACANT,
                left_by=covering.holder,
                left_on=covered_to,
                filled_by=None,
                filled_on=None,
                days=max(0, (today - covered_to).days),
            )
        )
    return found


def post_histories(holdings: Iterable[Holding], *, today: date) -> list[PostHistory]:
    """Each post's holders in order and the transitions between them, posts by name."""
    by_post: dict[str, list[Holding]] = {}
    names: dict[str, str] = {}
    for holding in holdings:
        key = post_key(holding.post)
        by_post.setdefault(key, []).append(holding)
        names.setdefault(key, " ".join(holding.post.split()))
    histories = []
    for key in sorted(by_post):
        ordered = sorted(by_post[key], key=_sort_key)
        histories.append(
            PostHistory(
                post=names[key],
                holdings=tuple(ordered),
                transitions=tuple(_transitions(names[key], ordered, today)),
            )
        )
    return histories


def long_vacancies(
    histories: Iterable[PostHistory],
    *,
    today: date,
    months: int = VACANCY_WINDOW_MONTHS,
    limit_days: int = VACANCY_LIMIT_DAYS,
) -> list[Transition]:
    """Vacancies with more than ``limit_days`` empty days within the last ``months``."""
    window = last_months(today, months)
    return [
        transition
        for history in histories
        for transition in history.transitions
        if transition.vacant_days_between(*window.range) > limit_days
    ]
