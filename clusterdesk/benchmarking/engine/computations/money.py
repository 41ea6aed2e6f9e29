"""Financing and strategy: budget secured ahead, private share, kinds of source, strategy
age and the implementation plan."""

from __future__ import annotations

from decimal import Decimal

from clusterdesk.lib.periods import months_secured_ahead, whole_months_between

from ..facts import ClusterFacts, Windows
from ..results import Gap, Item, Measurement
from . import (
    computation,
    group,
    share_of,
)


@computation("months_secured")
def months_secured(facts: ClusterFacts, windows: Windows) -> Measurement:
    if not facts.commitments:
        return Measurement(None, gaps=(Gap("no_commitments", "finance"),))
    months = months_secured_ahead(
        ((c.starts_on, c.runs_to) for c in facts.commitments), today=facts.as_of
    )
    running = [c for c in facts.commitments if c.runs_to >= facts.as_of]
    return Measurement(
        float(months),
        evidence=(
            group(
                "commitments",
                (
                    Item("commitment", c.id, c.funder, on=c.runs_to)
                    for c in sorted(running, key=lambda c: c.starts_on)
                ),
            ),
        ),
    )


def _closed_year_lines(facts: ClusterFacts, windows: Windows):  # type: ignore[no-untyped-def]
    year = windows.last_closed_year
    lines = [line for line in facts.budget_lines if line.year == year]
    if not lines:
        return year, None, Measurement(None, gaps=(Gap("no_budget", "finance", {"year": year}),))
    unknown = [line for line in lines if line.actual is None]
    if len(unknown) == len(lines):
        return year, None, Measurement(None, gaps=(Gap("no_actuals", "finance", {"year": year}),))
    return year, lines, None


def _line(line) -> Item:  # type: ignore[no-untyped-def]
    return Item(
        "budget_line",
        line.id,
        line.label,
        number=None if line.actual is None else float(line.actual),
        note="private" if line.private else "public",
    )


@computation(
    "private_share",
    parts=(
        "private",
        "total",
        "year",
    ),
)
def private_share(facts: ClusterFacts, windows: Windows) -> Measurement:
    year, lines, missing = _closed_year_lines(facts, windows)
    if missing is not None:
        return missing
    known = [line for line in lines if line.actual is not None]
    total = sum((line.actual for line in known), Decimal(0))
    if total <= 0:
        return Measurement(None, gaps=(Gap("no_actuals", "finance", {"year": year}),))
    private = sum((line.actual for line in known if line.private), Decimal(0))
    unknown = [line for line in lines if line.actual is None]
    return Measurement(
        float(private / total),
        parts={"private": float(private), "total": float(total), "year": year},
        evidence=(
            group("private_lines", (_line(line) for line in known if line.private)),
            group(
                "public_lines", (_line(line) for line in known if not line.private), counted=False
            ),
        ),
        gaps=tuple(
            Gap("actual_missing", "finance", {"year": year, "line": line.label}) for line in unknown
        ),
        # A private line not yet reported could only raise the share: unknown if that matters.
        best_case=1.0 if any(line.private for line in unknown) else None,
    )


@computation("funding_source_kinds", parts=("year",))
def funding_source_kinds(facts: ClusterFacts, windows: Windows) -> Measurement:
    year, lines, missing = _closed_year_lines(facts, windows)
    if missing is not None:
        return missing
    earning = [line for line in lines if line.actual is not None and line.actual > 0]
    unknown = [line for line in lines if line.actual is None]
    kinds = len({line.source for line in earning})
    return Measurement(
        float(kinds),
        parts={"year": year},
        evidence=(group("earning_lines", map(_line, earning)),),
        gaps=tuple(
            Gap("actual_missing", "finance", {"year": year, "line": line.label}) for line in unknown
        ),
        best_case=float(len({line.source for line in [*earning, *unknown]})) if unknown else None,
    )


# --------------------------------------------------------------------------- strategy


@computation("strategy_age")
def strategy_age(facts: ClusterFacts, windows: Windows) -> Measurement:
    updated = [s for s in facts.strategies if s.updated_on <= facts.as_of]
    if not updated:
        return Measurement(None, gaps=(Gap("no_strategy", "strategy"),))
    latest = max(updated, key=lambda s: (s.updated_on, s.id))
    return Measurement(
        float(whole_months_between(latest.updated_on, facts.as_of)),
        evidence=(
            group("strategy", [Item("strategy", latest.id, latest.title, on=latest.updated_on)]),
        ),
    )


def _action(action, note: str = "") -> Item:  # type: ignore[no-untyped-def]
    return Item("plan_action", action.id, action.title, note=note)


@computation(
    "measurable_actions",
    parts=(
        "numerator",
        "denominator",
        "year",
    ),
)
def measurable_actions(facts: ClusterFacts, windows: Windows) -> Measurement:
    year = facts.as_of.year
    actions = [a for a in facts.plan_actions if a.year == year]
    if not actions:
        return Measurement(None, gaps=(Gap("no_plan", "plan", {"year": year}),))
    measurable = [a for a in actions if a.measurable]
    return Measurement(
        share_of(len(measurable), len(actions)),
        parts={"numerator": len(measurable), "denominator": len(actions), "year": year},
        evidence=(
            group("measurable", map(_action, measurable)),
            group(
                "not_measurable", (_action(a) for a in actions if not a.measurable), counted=False
            ),
        ),
    )


@computation(
    "plan_fulfilment",
    parts=(
        "numerator",
        "denominator",
        "year",
    ),
)
def plan_fulfilment(facts: ClusterFacts, windows: Windows) -> Measurement:
    year = facts.as_of.year - 1
    targeted = [a for a in facts.plan_actions if a.year == year and a.has_target]
    if not targeted:
        return Measurement(None, gaps=(Gap("no_plan_targets", "plan", {"year": year}),))
    achieved = [a for a in targeted if a.achieved is True]
    unreported = [a for a in targeted if a.achieved is None and not a.cancelled]
    return Measurement(
        share_of(len(achieved), len(targeted)),
        parts={"numerator": len(achieved), "denominator": len(targeted), "year": year},
        evidence=(
            group("achieved", map(_action, achieved)),
            group(
                "not_achieved",
                (
                    _action(a, "cancelled" if a.cancelled else "")
                    for a in targeted
                    if a.achieved is False or (a.achieved is None and a.cancelled)
                ),
                counted=False,
            ),
        ),
        gaps=tuple(
            Gap("achievement_missing", "plan", {"year": year, "action": a.title})
            for a in unreported
        ),
        best_case=share_of(len(achieved) + len(unreported), len(targeted)) if unreported else None,
    )


# --------------------------------------------------------------------------- services
