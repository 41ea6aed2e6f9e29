"""Evidence on demand: an assessment without evidence lists (what a page of figures asks for)
has the same values, statuses, gaps and score as one with them; asking for one indicator's
evidence lists only that one's records."""

from datetime import date, timedelta
from decimal import Decimal

from clusterdesk.benchmarking.engine import ClusterFacts, ParticipantFact, assess, default_framework

AS_OF = date(2026, 6, 15)


def _facts() -> ClusterFacts:
    participants = tuple(
        ParticipantFact(
            id=number,
            name=f"Participant {number}",
            category="industry_sme" if number % 3 else "research",
            committed=number % 4 != 0,
            last_contact_on=AS_OF - timedelta(days=30 * number) if number % 2 else None,
            active_days=Decimal(number % 5),
            international=number % 7 == 0,
        )
        for number in range(1, 41)
    )
    return ClusterFacts(
        as_of=AS_OF,
        participants=participants,
        contacts_recorded=True,
        activities_recorded=True,
    )


def _figures(assessment):
    return [
        (result.id, result.status, result.value, result.gaps, result.more_needed)
        for result in assessment.indicators
    ]


def test_an_assessment_without_evidence_has_the_same_figures_and_empty_lists():
    framework = default_framework()
    full = assess(framework, _facts())
    light = assess(framework, _facts(), evidence=False)

    assert _figures(light) == _figures(full)
    assert light.score == full.score and light.readiness == full.readiness
    assert all(not group.items for result in light.indicators for group in result.evidence)
    reached = next(g for g in full.indicator("B4").evidence if g.key == "reached")
    # Odd numbers had a contact 30 × n days ago: n = 1, 3 … 11 are within the 12 months
    # (330 days), 13 (390 days) is not.
    assert [item.label for item in reached.items] == [f"Participant {n}" for n in range(1, 12, 2)]


def test_asking_for_one_indicators_evidence_lists_only_its_records():
    framework = default_framework()
    one = assess(framework, _facts(), evidence={"B4"})

    b4 = {group.key: len(group.items) for group in one.indicator("B4").evidence}
    assert b4 == {"reached": 6, "not_reached": 34}
    others = [result for result in one.indicators if result.id != "B4"]
    assert all(not group.items for result in others for group in result.evidence)
