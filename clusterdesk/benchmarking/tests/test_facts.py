"""The facts gatherer: what it reads on an assessment date, whose records, and in how many
queries."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from clusterdesk.benchmarking.facts import cluster_facts
from clusterdesk.benchmarking.models import Answer
from clusterdesk.engagement.models import (
    Activity,
    BudgetLine,
    Committee,
    FundingCommitment,
    GeneralAssembly,
    Governance,
    Involvement,
    PersonalContact,
    PlanAction,
    StaffMember,
    StrategyDocument,
    SuccessStory,
    TrainingRecord,
    WebPresence,
    WorkingGroup,
)
from clusterdesk.participants.models import Category, Commitment, Organisation
from clusterdesk.tenancy.models import Cluster
from clusterdesk.testing.factories import ClusterFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

AS_OF = date(2026, 6, 15)
day = date.fromisoformat


def contact(organisation: Organisation, on: str) -> PersonalContact:
    return PersonalContact.objects.create(
        cluster_id=organisation.cluster_id, organisation=organisation, kind="visit", date=day(on)
    )


def activity(cluster: Cluster, on: str, **fields: object) -> Activity:
    fields.setdefault("kind", "workshop")
    return Activity.objects.create(
        cluster=cluster, title=f"Activity of {on}", starts_on=day(on), ends_on=day(on), **fields
    )


def involve(organisation: Organisation, act: Activity, days: str = "2", role: str = "active"):  # type: ignore[no-untyped-def]
    return Involvement.objects.create(
        cluster_id=organisation.cluster_id,
        activity=act,
        organisation=organisation,
        role=role,
        days=Decimal(days),
        starts_on=act.starts_on,
    )


def answer(cluster: Cluster, question: str, value: str, answered_on: str, **extra):  # type: ignore[no-untyped-def]
    return Answer.objects.create(
        cluster=cluster, question=question, value=value, answered_on=day(answered_on), **extra
    )


def story(cluster: Cluster, title: str, published_on: str | None) -> SuccessStory:
    return SuccessStory.objects.create(
        cluster=cluster,
        title=title,
        text="A story.",
        published_on=published_on and day(published_on),
        complexity="c",
        impact_on_participants="i",
        objectives_achieved="o",
        sustainability="s",
    )


# --------------------------------------------------------------------------- the assessment date


def test_contacts_after_the_assessment_date_are_ignored() -> None:
    cluster = ClusterFactory()
    seen = OrganisationFactory(cluster=cluster, name="Seen")
    later = OrganisationFactory(cluster=cluster, name="Later")
    contact(seen, "2026-01-10")
    contact(seen, "2026-06-15")  # on the date: counts
    contact(seen, "2026-06-16")  # the day after: does not
    contact(later, "2026-07-01")
    facts = cluster_facts(cluster, as_of=AS_OF)
    assert {p.name: p.last_contact_on for p in facts.participants} == {
        "Later": None,
        "Seen": date(2026, 6, 15),
    }
    assert facts.contacts_recorded is True
    # Before any contact was logged there is nothing to count: a gap, not a zero.
    assert cluster_facts(cluster, as_of=date(2026, 1, 9)).contacts_recorded is False


def test_activities_and_involvements_after_the_assessment_date_are_ignored() -> None:
    cluster = ClusterFactory()
    firm = OrganisationFactory(cluster=cluster, name="Firm")
    involve(firm, activity(cluster, "2026-06-15", is_international=True), "1.5")
    involve(firm, activity(cluster, "2026-06-16", is_international=True), "3")
    involve(firm, activity(cluster, "2025-06-15"), "4")  # a day before the 12 months
    facts = cluster_facts(cluster, as_of=AS_OF)
    assert [a.starts_on for a in facts.activities] == [date(2025, 6, 15), date(2026, 6, 15)]
    (participant,) = facts.participants
    assert participant.active_days == Decimal("1.5")
    assert participant.international is True
    earlier = cluster_facts(cluster, as_of=date(2026, 6, 14))
    assert earlier.participants[0].international is False
    # On 14 June the 12 months start on 15 June 2025: the four days of that day count.
    assert earlier.participants[0].active_days == 4
    assert cluster_facts(cluster, as_of=date(2025, 6, 14)).activities_recorded is False


def test_passive_days_are_not_active_days_but_passive_attendance_is_international() -> None:
    cluster = ClusterFactory()
    firm = OrganisationFactory(cluster=cluster)
    involve(firm, activity(cluster, "2026-03-01", is_international=True), "2", role="passive")
    (participant,) = cluster_facts(cluster, as_of=AS_OF).participants
    assert participant.active_days == 0
    assert participant.international is True


def test_stories_and_strategies_after_the_assessment_date_are_read_as_they_were() -> None:
    cluster = ClusterFactory()
    story(cluster, "Published", "2026-06-15")
    story(cluster, "Draft", None)
    story(cluster, "Next month", "2026-07-15")
    for title, adopted_on, updated_on in [
        ("Strategy", "2024-01-01", "2025-03-01"),
        ("Updated since", "2024-01-01", "2026-06-16"),
        ("Adopted later", "2026-06-16", "2026-06-16"),
    ]:
        StrategyDocument.objects.create(
            cluster=cluster, title=title, adopted_on=day(adopted_on), updated_on=day(updated_on)
        )
    facts = cluster_facts(cluster, as_of=AS_OF)
    assert sorted(s.title for s in facts.stories) == ["Draft", "Published"]
    assert all(s.complete for s in facts.stories)
    # A strategy updated after the day was, on the day, as adopted (the last known update);
    # one adopted after the day did not exist yet.
    assert sorted((s.title, s.updated_on) for s in facts.strategies) == [
        ("Strategy", day("2025-03-01")),
        ("Updated since", day("2024-01-01")),
    ]


def test_staff_training_and_plans_are_read_on_the_assessment_date() -> None:
    cluster = ClusterFactory()
    member = StaffMember.objects.create(
        cluster=cluster, full_name="In post", post="Manager", fte=Decimal("1"),
        started_on=day("2020-01-01"),
    )  # fmt: skip
    StaffMember.objects.create(
        cluster=cluster, full_name="Starting", post="Assistant", fte=Decimal("0.5"),
        started_on=day("2026-06-16"),
    )  # fmt: skip
    for on, days in [("2025-06-15", "5"), ("2025-06-16", "1"), ("2026-06-15", "1.5")]:
        TrainingRecord.objects.create(
            cluster=cluster, staff_member=member, date=day(on), days=Decimal(days), topic="T"
        )
    TrainingRecord.objects.create(
        cluster=cluster, staff_member=member, date=day("2026-06-16"), days=Decimal(9), topic="T"
    )
    for year in (2024, 2025, 2026):
        PlanAction.objects.create(cluster=cluster, year=year, title=f"Action {year}")
    facts = cluster_facts(cluster, as_of=AS_OF)
    assert [(s.name, s.training_days) for s in facts.staff] == [("In post", Decimal("2.5"))]
    assert sorted(a.year for a in facts.plan_actions) == [2025, 2026]


def test_answers_given_after_the_assessment_date_are_ignored_and_the_latest_wins() -> None:
    cluster = ClusterFactory()
    person = UserFactory(full_name="Anna Verdi")
    question = "satisfaction_survey_closed_on"
    answer(cluster, question, "2024-01-01", "2024-01-05")
    first = answer(cluster, question, "2025-10-01", "2025-10-02")
    same_day = answer(cluster, question, "2025-10-02", "2025-10-02", answered_by=person)
    answer(cluster, question, "2026-06-16", "2026-06-16")  # given after as_of
    answer(cluster, "service_area_1_last_delivery", "2026-07-01", "2026-07-02")
    latest = cluster_facts(cluster, as_of=AS_OF).answers
    assert list(latest) == [question]  # the service-area answer came after as_of
    # Same answer date: the one recorded last wins.
    assert (latest[question].id, latest[question].value) == (same_day.pk, "2025-10-02")
    assert latest[question].answered_by == "Anna Verdi"
    assert latest[question].as_date == date(2025, 10, 2)
    before = cluster_facts(cluster, as_of=date(2025, 10, 1)).answers
    assert before[question].value == "2024-01-01"
    assert first.pk not in {a.id for a in latest.values()}


def test_commitments_include_those_starting_after_the_assessment_date() -> None:
    cluster = ClusterFactory()
    for funder, starts_on, runs_to in [
        ("Running", "2025-01-01", "2026-12-31"),
        ("Next", "2027-01-01", "2027-12-31"),  # continues the cover without a break
    ]:
        FundingCommitment.objects.create(
            cluster=cluster, funder=funder, source="regional_public", amount=Decimal(1),
            starts_on=day(starts_on), runs_to=day(runs_to),
        )  # fmt: skip
    facts = cluster_facts(cluster, as_of=AS_OF)
    assert sorted(c.funder for c in facts.commitments) == ["Next", "Running"]


# --------------------------------------------------------------------------- whose records


def test_former_participants_are_left_out() -> None:
    cluster = ClusterFactory()
    OrganisationFactory(cluster=cluster, name="Current", commitment=Commitment.COMMITTED)
    OrganisationFactory(cluster=cluster, name="Not committed")
    former = OrganisationFactory(cluster=cluster, name="Former", commitment=Commitment.FORMER)
    contact(former, "2026-05-01")
    involve(former, activity(cluster, "2026-05-01", is_international=True), "5")
    facts = cluster_facts(cluster, as_of=AS_OF)
    assert [(p.name, p.committed) for p in facts.participants] == [
        ("Current", True),
        ("Not committed", False),
    ]
    assert [p.name for p in facts.committed] == ["Current"]


def fill(cluster: Cluster, *, participants: int, prefix: str) -> list[Organisation]:
    """Participants, each with two contacts and two involvements, and one of every other
    record the gatherer reads."""
    organisations = Organisation.objects.bulk_create(
        Organisation(
            cluster=cluster,
            name=f"{prefix} {number:03}",
            name_key=f"{prefix.lower()} {number:03}",
            category=Category.INDUSTRY_SME if number % 3 else Category.RESEARCH,
            commitment=Commitment.COMMITTED if number % 4 else Commitment.NOT_COMMITTED,
        )
        for number in range(participants)
    )
    fair = activity(cluster, "2026-02-10", kind="joint_trade_fair", is_international=True)
    group = WorkingGroup.objects.create(cluster=cluster, name=f"{prefix} group")
    group.members.set(organisations)
    meeting = activity(cluster, "2026-04-01", kind="working_group_meeting", working_group=group)
    PersonalContact.objects.bulk_create(
        PersonalContact(cluster=cluster, organisation=o, kind="visit", date=day(on))
        for o in organisations
        for on in ("2025-09-01", "2026-05-01")
    )
    Involvement.objects.bulk_create(
        Involvement(
            cluster=cluster,
            activity=act,
            organisation=o,
            role="active",
            days=Decimal(1),
            starts_on=act.starts_on,
        )  # fmt: skip
        for o in organisations
        for act in (fair, meeting)
    )
    member = StaffMember.objects.create(
        cluster=cluster, full_name=f"{prefix} manager", post="Manager", fte=Decimal(1),
        started_on=day("2020-01-01"),
    )  # fmt: skip
    TrainingRecord.objects.create(
        cluster=cluster, staff_member=member, date=day("2026-01-01"), days=3, topic="T"
    )
    Governance.objects.create(cluster=cluster, legal_form="Association", general_manager="GM")
    GeneralAssembly.objects.create(cluster=cluster, date=day("2026-04-01"))
    Committee.objects.create(
        cluster=cluster, kind="scientific", name="Board", started_on=day("2022-01-01")
    )
    BudgetLine.objects.create(cluster=cluster, year=2025, source="events", actual=Decimal(5))
    FundingCommitment.objects.create(
        cluster=cluster, funder=f"{prefix} funder", source="eu_public", amount=Decimal(1),
        starts_on=day("2025-01-01"), runs_to=day("2027-12-31"),
    )  # fmt: skip
    StrategyDocument.objects.create(
        cluster=cluster, title=f"{prefix} strategy", adopted_on=day("2025-01-01"),
        updated_on=day("2025-01-01"),
    )  # fmt: skip
    PlanAction.objects.create(cluster=cluster, year=2026, title=f"{prefix} action")
    story(cluster, f"{prefix} story", "2026-01-01")
    WebPresence.objects.create(cluster=cluster, url=f"https://{prefix.lower()}.example")
    answer(cluster, "satisfaction_survey_closed_on", "2026-01-01", "2026-01-02")
    return organisations


def test_another_clusters_records_never_appear() -> None:
    mine, theirs = ClusterFactory(), ClusterFactory()
    fill(mine, participants=3, prefix="Mine")
    fill(theirs, participants=4, prefix="Theirs")
    facts = cluster_facts(mine, as_of=AS_OF)
    assert [p.name for p in facts.participants] == ["Mine 000", "Mine 001", "Mine 002"]
    # Their contacts, involvements and meetings add nothing to mine.
    assert {p.name: p.active_days for p in facts.participants} == {
        "Mine 000": 2,
        "Mine 001": 2,
        "Mine 002": 2,
    }
    labels = [
        *(s.name for s in facts.staff),
        *(g.name for g in facts.working_groups),
        *(c.funder for c in facts.commitments),
        *(s.title for s in facts.strategies),
        *(a.title for a in facts.plan_actions),
        *(s.title for s in facts.stories),
        *(s.url for s in facts.sites),
    ]
    assert labels == [
        "Mine manager",
        "Mine group",
        "Mine funder",
        "Mine strategy",
        "Mine action",
        "Mine story",
        "https://mine.example",
    ]
    assert {g.members for g in facts.working_groups} == {3}
    assert len(facts.activities) == 2
    assert len(facts.budget_lines) == 1
    assert {a.id for a in facts.answers.values()} <= set(
        Answer.objects.for_cluster(mine).values_list("pk", flat=True)
    )
    assert [p.met for p in facts.governance].count(True) == 4  # theirs adds no point


# --------------------------------------------------------------------------- queries


def queries_for(cluster: Cluster) -> int:
    with CaptureQueriesContext(connection) as captured:
        cluster_facts(cluster, as_of=AS_OF)
    return len(captured.captured_queries)


def test_the_number_of_queries_does_not_grow_with_the_participants() -> None:
    small, large = ClusterFactory(), ClusterFactory()
    fill(small, participants=3, prefix="Small")
    fill(large, participants=60, prefix="Large")
    queries_for(small)  # anything read once per process is read now
    counted = queries_for(small)
    assert queries_for(large) == counted
    assert counted <= 25
    facts = cluster_facts(large, as_of=AS_OF)
    assert len(facts.participants) == 60
    assert all(p.last_contact_on == date(2026, 5, 1) for p in facts.participants)
    assert all(p.active_days == 2 and p.international for p in facts.participants)


# --------------------------------------------------------------------------- services and surveys


def test_the_delivery_log_gives_each_service_areas_latest_delivery_by_the_date() -> None:
    from clusterdesk.services.tests.factories import DeliveryFactory, ServiceFactory

    cluster, other = ClusterFactory(), ClusterFactory()
    audit = ServiceFactory(cluster=cluster, name="Technology audit", areas=[2])
    fair = ServiceFactory(cluster=cluster, name="Joint trade-fair stand", areas=[3, 5])
    DeliveryFactory(service=audit, delivered_on=day("2025-01-10"))
    latest = DeliveryFactory(service=audit, delivered_on=day("2026-05-01"))
    DeliveryFactory(service=audit, delivered_on=day("2026-07-01"))  # after the date
    in_fair = DeliveryFactory(service=fair, delivered_on=day("2026-02-01"))
    DeliveryFactory(service=ServiceFactory(cluster=other, areas=[1]), delivered_on=AS_OF)

    facts = cluster_facts(cluster, as_of=AS_OF)

    assert facts.deliveries_recorded
    assert {area: (d.id, d.service, d.delivered_on) for area, d in facts.deliveries.items()} == {
        2: (latest.pk, "Technology audit", day("2026-05-01")),
        3: (in_fair.pk, "Joint trade-fair stand", day("2026-02-01")),
    }
    before_any = cluster_facts(cluster, as_of=day("2024-12-31"))
    assert (before_any.deliveries, before_any.deliveries_recorded) == ({}, False)


def test_the_last_satisfaction_survey_that_closed_with_answers_is_read() -> None:
    from clusterdesk.surveys.models import Response, Survey

    cluster = ClusterFactory()

    def survey(title: str, closed_on: str, *, answered: bool = True) -> Survey:
        made = Survey.objects.create(
            cluster=cluster,
            kind="satisfaction",
            title={"en": title},
            languages=["en"],
            status="closed",
            closed_on=day(closed_on),
        )
        if answered:
            Response.objects.create(cluster=cluster, survey=made, status="submitted", language="en")
        return made

    survey("Satisfaction 2024", "2024-11-30")
    kept = survey("Satisfaction 2026", "2026-03-01")
    survey("Nobody answered", "2026-04-01", answered=False)
    survey("Closed after the date", "2026-07-01")

    facts = cluster_facts(cluster, as_of=AS_OF)

    assert facts.satisfaction_survey is not None
    assert (facts.satisfaction_survey.id, facts.satisfaction_survey.title) == (
        kept.pk,
        "Satisfaction 2026",
    )
    assert facts.satisfaction_survey.closed_on == day("2026-03-01")
