"""The management team and governance: training, continuity, FTE and the six points."""

from __future__ import annotations

from decimal import Decimal

from clusterdesk.engagement.team_continuity import Holding, long_vacancies, post_histories

from ..facts import ClusterFacts, Windows
from ..results import Gap, Item, Measurement
from . import (
    GOVERNANCE_POINTS,
    computation,
    group,
)


def _staff_in_post(facts: ClusterFacts):  # type: ignore[no-untyped-def]
    return [member for member in facts.staff if member.in_post(facts.as_of)]


def _no_staff(facts: ClusterFacts) -> Measurement:
    code = "no_staff_in_post" if facts.staff else "no_staff"
    return Measurement(None, gaps=(Gap(code, "team"),))


@computation(
    "least_training_days",
    parts=(
        "numerator",
        "denominator",
    ),
)
def least_training_days(facts: ClusterFacts, windows: Windows) -> Measurement:
    staff = _staff_in_post(facts)
    if not staff:
        return _no_staff(facts)
    least = min(member.training_days for member in staff)
    enough = [m for m in staff if m.training_days > 2]
    return Measurement(
        float(least),
        parts={"numerator": len(enough), "denominator": len(staff)},
        evidence=(
            group(
                "staff_training",
                (
                    Item("staff", m.id, m.name, number=float(m.training_days), note=m.post)
                    for m in sorted(staff, key=lambda m: (m.training_days, m.name))
                ),
            ),
        ),
    )


@computation(
    "team_continuity",
    parts=(
        "job_descriptions",
        "no_long_vacancy",
    ),
)
def team_continuity(facts: ClusterFacts, windows: Windows) -> Measurement:
    staff = _staff_in_post(facts)
    if not staff:
        return _no_staff(facts)
    without = [m for m in staff if not m.has_job_description]
    histories = post_histories(
        (Holding(m.id, m.post, m.started_on, m.ended_on) for m in facts.staff),
        today=facts.as_of,
    )
    vacancies = long_vacancies(histories, today=facts.as_of)
    described = not without
    steady = not vacancies
    return Measurement(
        float(described) + float(steady),
        parts={"job_descriptions": float(described), "no_long_vacancy": float(steady)},
        evidence=(
            group(
                "job_descriptions",
                (Item("staff", m.id, m.name, note=m.post) for m in staff if m.has_job_description),
            ),
            group(
                "no_job_description",
                (Item("staff", m.id, m.name, note=m.post) for m in without),
                counted=False,
            ),
            group(
                "long_vacancies",
                (
                    Item(
                        "post",
                        None,
                        vacancy.post,
                        on=vacancy.vacant_from,
                        number=float(vacancy.vacant_days_between(*windows.last_24_months.range)),
                    )
                    for vacancy in vacancies
                ),
                counted=False,
            ),
        ),
    )


@computation("management_fte")
def management_fte(facts: ClusterFacts, windows: Windows) -> Measurement:
    staff = _staff_in_post(facts)
    if not facts.staff:
        return _no_staff(facts)
    return Measurement(
        float(sum((m.fte for m in staff), Decimal(0))),
        evidence=(
            group("staff_fte", (Item("staff", m.id, m.name, number=float(m.fte)) for m in staff)),
        ),
    )


# --------------------------------------------------------------------------- governance


@computation("governance_points", parts=(*GOVERNANCE_POINTS,))
def governance_points(facts: ClusterFacts, windows: Windows) -> Measurement:
    if not facts.governance:
        return Measurement(None, gaps=(Gap("no_governance", "governance"),))
    met = [point for point in facts.governance if point.met is True]
    undecided = [point for point in facts.governance if point.met is None]
    return Measurement(
        float(len(met)),
        parts={point.key: float(point.met is True) for point in facts.governance},
        evidence=(
            group("points_met", (Item("governance", p.key, p.label, note=p.detail) for p in met)),
            group(
                "points_not_met",
                (
                    Item("governance", p.key, p.label, note=p.detail)
                    for p in facts.governance
                    if p.met is False
                ),
                counted=False,
            ),
        ),
        gaps=tuple(
            Gap("governance_point_unrecorded", "governance", {"point": p.label}) for p in undecided
        ),
        best_case=float(len(met) + len(undecided)) if undecided else None,
    )
