"""Cooperation: personal contacts, active involvement, working groups, the regularity of
activities and international involvement."""

from __future__ import annotations

from ..facts import SME, ClusterFacts, Windows
from ..results import Gap, Item, Measurement
from . import (
    ACTIVE_DAYS,
    ACTIVE_GROUP_MEMBERS,
    computation,
    group,
    no_participants,
    participant_item,
    share_of,
)


@computation(
    "contact_reach",
    parts=(
        "numerator",
        "denominator",
    ),
)
def contact_reach(facts: ClusterFacts, windows: Windows) -> Measurement:
    if not facts.participants:
        return no_participants()
    if not facts.contacts_recorded:
        return Measurement(None, gaps=(Gap("no_contacts", "contacts"),))
    window = windows.last_12_months
    reached = [p for p in facts.participants if p.last_contact_on in window]
    others = [p for p in facts.participants if p.last_contact_on not in window]
    return Measurement(
        share_of(len(reached), len(facts.participants)),
        parts={"numerator": len(reached), "denominator": len(facts.participants)},
        evidence=(
            group("reached", (participant_item(p, on=p.last_contact_on) for p in reached)),
            group(
                "not_reached",
                (participant_item(p, on=p.last_contact_on) for p in others),
                counted=False,
            ),
        ),
    )


@computation(
    "active_involvement",
    parts=(
        "numerator",
        "denominator",
        "sme_active",
    ),
)
def active_involvement(facts: ClusterFacts, windows: Windows) -> Measurement:
    if not facts.participants:
        return no_participants()
    if not facts.activities_recorded:
        return Measurement(None, gaps=(Gap("no_activities", "activities"),))
    active = sorted(
        (p for p in facts.participants if p.active_days >= ACTIVE_DAYS),
        key=lambda p: (-p.active_days, p.name),
    )
    smes = [p for p in active if p.category == SME]
    return Measurement(
        share_of(len(active), len(facts.participants)),
        parts={
            "numerator": len(active),
            "denominator": len(facts.participants),
            "sme_active": float(len(smes)),
        },
        evidence=(
            group(
                "actively_involved",
                (participant_item(p, number=float(p.active_days), note=p.category) for p in active),
            ),
            group(
                "some_days",
                (
                    participant_item(p, number=float(p.active_days))
                    for p in facts.participants
                    if 0 < p.active_days < ACTIVE_DAYS
                ),
                counted=False,
            ),
        ),
    )


@computation("active_working_groups")
def active_working_groups(facts: ClusterFacts, windows: Windows) -> Measurement:
    if not facts.working_groups:
        return Measurement(None, gaps=(Gap("no_working_groups", "working_groups"),))
    window = windows.last_12_months
    active = [
        group
        for group in facts.working_groups
        if group.members >= ACTIVE_GROUP_MEMBERS and group.last_meeting_on in window
    ]
    return Measurement(
        float(len(active)),
        evidence=(
            group(
                "active_groups",
                (
                    Item("working_group", g.id, g.name, on=g.last_meeting_on, number=g.members)
                    for g in active
                ),
            ),
            group(
                "inactive_groups",
                (
                    Item("working_group", g.id, g.name, on=g.last_meeting_on, number=g.members)
                    for g in facts.working_groups
                    if g not in active
                ),
                counted=False,
            ),
        ),
    )


@computation("active_quarters")
def active_quarters(facts: ClusterFacts, windows: Windows) -> Measurement:
    if not facts.activities_recorded:
        return Measurement(None, gaps=(Gap("no_activities", "activities"),))
    groups = []
    with_activity = 0
    for quarter in windows.quarters:
        inside = [a for a in facts.activities if a.starts_on in quarter]
        with_activity += bool(inside)
        groups.append(
            group(
                f"quarter:{quarter.first.isoformat()}",
                (Item("activity", a.id, a.title, on=a.starts_on, note=a.kind) for a in inside),
                counted=bool(inside),
            )
        )
    return Measurement(float(with_activity), evidence=tuple(groups))


@computation(
    "international_share",
    parts=(
        "numerator",
        "denominator",
    ),
)
def international_share(facts: ClusterFacts, windows: Windows) -> Measurement:
    committed = facts.committed
    if not committed:
        gap = "no_participants" if not facts.participants else "no_committed"
        return Measurement(None, gaps=(Gap(gap, "participants"),))
    if not facts.activities_recorded:
        return Measurement(None, gaps=(Gap("no_activities", "activities"),))
    involved = [p for p in committed if p.international]
    return Measurement(
        share_of(len(involved), len(committed)),
        parts={"numerator": len(involved), "denominator": len(committed)},
        evidence=(
            group("international", map(participant_item, involved)),
            group(
                "not_international",
                (participant_item(p) for p in committed if not p.international),
                counted=False,
            ),
        ),
    )
