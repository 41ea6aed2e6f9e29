"""Structure of the cluster: the registry's committed participants and categories, and the
cluster organisation's age."""

from __future__ import annotations

from clusterdesk.lib.periods import whole_months_between

from ..facts import EDUCATION, INDUSTRY, RESEARCH, SUPPORT, ClusterFacts, Windows
from ..results import Gap, Item, Measurement
from . import (
    computation,
    group,
    no_participants,
    participant_item,
    share_of,
)


def _commitment_evidence(facts: ClusterFacts) -> tuple:
    return (
        group("committed", map(participant_item, facts.committed)),
        group(
            "not_committed",
            (participant_item(p) for p in facts.participants if not p.committed),
            counted=False,
        ),
    )


@computation("committed_participants")
def committed_participants(facts: ClusterFacts, windows: Windows) -> Measurement:
    if not facts.participants:
        return no_participants()
    return Measurement(float(len(facts.committed)), evidence=_commitment_evidence(facts))


@computation(
    "committed_share",
    parts=(
        "numerator",
        "denominator",
    ),
)
def committed_share(facts: ClusterFacts, windows: Windows) -> Measurement:
    if not facts.participants:
        return no_participants()
    committed = len(facts.committed)
    return Measurement(
        share_of(committed, len(facts.participants)),
        parts={"numerator": committed, "denominator": len(facts.participants)},
        evidence=_commitment_evidence(facts),
    )


@computation(
    "industry_share",
    parts=(
        "numerator",
        "denominator",
    ),
)
def industry_share(facts: ClusterFacts, windows: Windows) -> Measurement:
    committed = facts.committed
    if not committed:
        gap = "no_participants" if not facts.participants else "no_committed"
        return Measurement(None, gaps=(Gap(gap, "participants"),))
    industry = [p for p in committed if p.category in INDUSTRY]
    return Measurement(
        share_of(len(industry), len(committed)),
        parts={"numerator": len(industry), "denominator": len(committed)},
        whole_grows=True,  # a company committing more is one more committed participant
        evidence=(
            group("industry", map(participant_item, industry)),
            group(
                "not_industry",
                (participant_item(p) for p in committed if p.category not in INDUSTRY),
                counted=False,
            ),
        ),
    )


@computation(
    "triple_helix",
    parts=(
        "research",
        "education",
        "support",
    ),
)
def triple_helix(facts: ClusterFacts, windows: Windows) -> Measurement:
    if not facts.participants:
        return no_participants()
    groups = {"research": RESEARCH, "education": EDUCATION, "support": SUPPORT}
    present = {
        key: [p for p in facts.committed if p.category in categories]
        for key, categories in groups.items()
    }
    return Measurement(
        float(sum(1 for members in present.values() if members)),
        parts={key: float(bool(members)) for key, members in present.items()},
        evidence=tuple(
            group(key, map(participant_item, members)) for key, members in present.items()
        ),
    )


@computation("years_since_founding")
def years_since_founding(facts: ClusterFacts, windows: Windows) -> Measurement:
    if facts.founded_on is None:
        return Measurement(None, gaps=(Gap("no_founding_date", "cluster_settings"),))
    years = whole_months_between(facts.founded_on, facts.as_of) // 12
    return Measurement(
        float(years),
        evidence=(group("founded", [Item("cluster", None, "", on=facts.founded_on)]),),
    )


@computation("participant_categories")
def participant_categories(facts: ClusterFacts, windows: Windows) -> Measurement:
    if not facts.participants:
        return no_participants()
    categories = sorted({p.category for p in facts.participants})
    return Measurement(
        float(len(categories)),
        evidence=(group("categories", (Item("category", c, c) for c in categories)),),
    )
