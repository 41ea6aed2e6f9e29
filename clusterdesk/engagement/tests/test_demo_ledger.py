"""`manage.py seed_demo` gives the demo clusters a living engagement ledger, the same on every
run and dated up to the demo's fixed reference day."""

from __future__ import annotations

import hashlib
from datetime import date, timedelta
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext

from clusterdesk.benchmarking.models import Assessment
from clusterdesk.engagement import queries
from clusterdesk.engagement.demo import Participant, ledger_plan, ledger_table
from clusterdesk.engagement.models import (
    Activity,
    ActivityKind,
    BoardMember,
    BudgetLine,
    Committee,
    FollowUpTask,
    FundingCommitment,
    GeneralAssembly,
    Involvement,
    PersonalContact,
    PlanAction,
    SocialChannel,
    StaffMember,
    StrategyDocument,
    SuccessStory,
    TrainingRecord,
    WebPresence,
    WorkingGroup,
    WorkingGroupOutput,
)
from clusterdesk.engagement.services import finance, governance, recognition, strategy, team
from clusterdesk.engagement.services.activities.groups import active_working_groups
from clusterdesk.participants.demo import DEMO_CLUSTERS, REFERENCE_DATE, demo_plan
from clusterdesk.tenancy.models import Cluster
from clusterdesk.testing.demo_queries import demo_query_allowance

TUSCANY, ISIM = "tuscany-fashion", "isim"


def seed(*args: str) -> None:
    call_command("seed_demo", *args, "--as-of", REFERENCE_DATE.isoformat(), stdout=StringIO())


def ledger_digest() -> str:
    """A fingerprint of both demo ledgers that does not depend on database ids."""
    demo = {"cluster__slug__in": [TUSCANY, ISIM]}
    ordered = {
        PersonalContact: ("cluster__slug", "date", "organisation__name", "kind", "notes"),
        FollowUpTask: ("cluster__slug", "due_on", "title", "organisation__name"),
        WorkingGroup: ("cluster__slug", "name", "chair__name", "chair_person__last_name"),
        WorkingGroupOutput: ("cluster__slug", "date", "title"),
        Activity: ("cluster__slug", "starts_on", "title", "ends_on", "working_group__name"),
        Involvement: (
            "cluster__slug",
            "activity__starts_on",
            "activity__title",
            "organisation__name",
            "role",
            "days",
        ),
        StaffMember: ("cluster__slug", "post", "started_on", "full_name", "fte", "ended_on"),
        TrainingRecord: ("cluster__slug", "date", "topic", "days"),
        GeneralAssembly: ("cluster__slug", "date"),
        BoardMember: (
            "cluster__slug",
            "started_on",
            "full_name",
            "organisation__name",
            "appointment",
        ),
        Committee: ("cluster__slug", "name", "started_on"),
        BudgetLine: ("cluster__slug", "year", "source", "planned", "actual"),
        FundingCommitment: ("cluster__slug", "runs_to", "funder", "amount"),
        StrategyDocument: ("cluster__slug", "updated_on", "title"),
        PlanAction: (
            "cluster__slug",
            "year",
            "title",
            "target_value",
            "achieved_value",
            "owner__email",
        ),
        WebPresence: ("cluster__slug", "url", "last_updated_on"),
        SocialChannel: ("cluster__slug", "network", "url"),
        SuccessStory: ("cluster__slug", "title", "published_on", "text"),
    }
    rows: list[object] = [
        list(model.objects.filter(**demo).order_by(*fields).values_list(*fields))
        for model, fields in ordered.items()
    ]
    links = (
        ("staff__email", PersonalContact),
        ("people_met__last_name", PersonalContact),
    )
    for field, model in links:
        rows.append(
            sorted(
                model.objects.filter(**demo)
                .exclude(**{f"{field}__isnull": True})
                .values_list("date", "organisation__name", "kind", field)
            )
        )
    rows.append(sorted(WorkingGroup.objects.filter(**demo).values_list("name", "members__name")))
    rows.append(
        sorted(SuccessStory.objects.filter(**demo).values_list("title", "participants__name"))
    )
    return hashlib.sha256(repr(rows).encode()).hexdigest()


@pytest.mark.django_db
def test_the_textile_cluster_reaches_about_45_percent_and_involves_about_30_percent():
    seed()
    cluster = Cluster.objects.get(slug=TUSCANY)

    reach = queries.contact_reach(cluster, today=REFERENCE_DATE)
    involved = queries.active_involvement(cluster, today=REFERENCE_DATE)

    # B4 met (> 40 %) but not excellent (≥ 60 %); most committed members are reached.
    assert 0.42 <= reach.share <= 0.50, reach
    assert 0.85 <= reach.committed_reached / reach.committed < 1, reach
    # B5: actively involved two days or more, SMEs among them.
    assert 0.25 <= involved.share <= 0.35, involved
    assert involved.sme_active >= 10
    contacts = PersonalContact.objects.for_cluster(cluster)
    assert 1100 <= contacts.count() <= 1300
    assert contacts.filter(date__gt=REFERENCE_DATE - timedelta(days=365)).count() > (
        contacts.filter(date__lte=REFERENCE_DATE - timedelta(days=365)).count()
    )
    assert 100 <= Activity.objects.for_cluster(cluster).count() <= 140
    assert set(Activity.objects.for_cluster(cluster).values_list("kind", flat=True)) == set(
        ActivityKind.values
    )


@pytest.mark.django_db
def test_the_machinery_cluster_has_a_smaller_ledger_in_turkish():
    seed()
    isim = Cluster.objects.get(slug=ISIM)

    reach = queries.contact_reach(isim, today=REFERENCE_DATE)
    involved = queries.active_involvement(isim, today=REFERENCE_DATE)

    assert 0.40 < reach.share < 0.60, reach
    assert 0.25 <= involved.share <= 0.35, involved
    assert 300 <= PersonalContact.objects.for_cluster(isim).count() <= 450
    assert 30 <= Activity.objects.for_cluster(isim).count() <= 60
    assert WorkingGroup.objects.for_cluster(isim).filter(name="Dijital Dönüşüm").exists()
    assert governance.governance_of(isim).legal_form == "Dernek"


@pytest.mark.django_db
def test_every_ledger_record_keeps_the_models_rules():
    seed()
    demo = Cluster.objects.filter(slug__in=[TUSCANY, ISIM])

    assert not Involvement.objects.exclude(starts_on=F("activity__starts_on")).exists()
    assert not Involvement.objects.exclude(cluster=F("activity__cluster")).exists()
    assert not Involvement.objects.exclude(cluster=F("organisation__cluster")).exists()
    assert not PersonalContact.objects.exclude(cluster=F("organisation__cluster")).exists()
    assert not PersonalContact.objects.filter(staff__isnull=True).exists()
    assert not PersonalContact.people_met.through.objects.exclude(
        contact__organisation=F("personalcontact__organisation")
    ).exists()
    assert not WorkingGroup.members.through.objects.exclude(
        organisation__cluster=F("workinggroup__cluster")
    ).exists()
    assert (
        not Activity.objects.filter(working_group__isnull=False)
        .exclude(cluster=F("working_group__cluster"))
        .exists()
    )
    for starts_on, ends_on, days in Involvement.objects.values_list(
        "activity__starts_on", "activity__ends_on", "days"
    ):
        assert days > 0 and (days * 2) % 1 == 0  # half-day steps
        assert days <= (ends_on - starts_on).days + 1
    # Nothing that has happened is dated after the reference day.
    assert not PersonalContact.objects.filter(date__gt=REFERENCE_DATE).exists()
    assert not PersonalContact.objects.filter(
        date__lt=REFERENCE_DATE - timedelta(days=2 * 366)
    ).exists()
    # (The demo's coming events are activities planned ahead: they are dated after it.)
    happened = Activity.objects.filter(event__isnull=True)
    assert not happened.filter(starts_on__gt=REFERENCE_DATE).exists()
    assert (
        not happened.exclude(kind=ActivityKind.COLLABORATIVE_PROJECT)
        .filter(ends_on__gt=REFERENCE_DATE)
        .exists()
    )
    assert not Involvement.objects.filter(activity__starts_on__gt=REFERENCE_DATE).exists()
    for model, field in (
        (WorkingGroupOutput, "date"),
        (TrainingRecord, "date"),
        (GeneralAssembly, "date"),
        (SuccessStory, "published_on"),
        (StrategyDocument, "updated_on"),
    ):
        assert not model.objects.filter(**{f"{field}__gt": REFERENCE_DATE}).exists(), model
    assert not FollowUpTask.objects.filter(done_on__gt=REFERENCE_DATE).exists()
    for cluster in demo:
        tasks = FollowUpTask.objects.for_cluster(cluster).filter(done_on__isnull=True)
        assert tasks.filter(due_on__lt=REFERENCE_DATE).exists()  # some overdue
        assert tasks.filter(due_on__gte=REFERENCE_DATE).exists()
        assert set(tasks.values_list("assigned_to__email", flat=True)) == {
            f"manager@{cluster.slug}.example",
            f"staff@{cluster.slug}.example",
        }


@pytest.mark.django_db
def test_the_demo_organisation_scores_as_a_good_but_not_perfect_cluster():
    seed()
    cluster = Cluster.objects.get(slug=TUSCANY)
    today = REFERENCE_DATE

    # Four working groups, three of them active (B6); every quarter had an activity (D5).
    assert WorkingGroup.objects.for_cluster(cluster).count() == 4
    assert active_working_groups(cluster, today).count() == 3
    assert queries.regularity(cluster, today=today).with_activity == 4
    assert queries.international_involvement(cluster, today=today).share >= 0.10
    # The team: four in post, one post left empty 45 days about 14 months ago (B2), and
    # everyone trained more than two days in the last 12 months but one (B1).
    overview = team.team_overview(cluster, today)
    in_post = StaffMember.objects.for_cluster(cluster).filter(ended_on__isnull=True)
    assert in_post.count() == 4
    assert sorted(in_post.values_list("fte", flat=True)) == [
        Decimal("0.5"),
        Decimal("1"),
        Decimal("1"),
        Decimal("1"),
    ]
    assert [row.transition.days for row in overview.long_vacancies] == [45]
    left_on = overview.long_vacancies[0].transition.left_on
    assert 13 <= (today - left_on).days // 30 <= 17
    assert overview.total_fte == Decimal("3.5")
    assert [row.member.post for row in overview.current if row.training_short] == [
        "Communication officer"
    ]
    # Governance 6 of 6 (B3).
    checklist = governance.governance_checklist(cluster, today)
    assert governance.checklist_points(checklist) == 6
    assert governance.governance_of(cluster).legal_form == "Società consortile a r.l."
    # Money: about 30 % private in the last closed year (C2), many sources (C3), 18 months
    # secured ahead (C1, not met).
    closed = BudgetLine.objects.for_cluster(cluster).filter(year=finance.last_closed_year(today))
    actual = dict(closed.values_list("source", "actual"))
    assert 0.25 <= finance.private_share(actual) <= 0.35
    assert finance.source_kinds(actual) >= 8
    periods = FundingCommitment.objects.for_cluster(cluster).values_list("starts_on", "runs_to")
    assert finance.months_secured_ahead(periods, today=today) == 18
    # Strategy updated ten months ago (D1); plans measurable (D2) and last year's achieved (D3).
    months = strategy.months_since_update(strategy.latest_strategy_update(cluster), today=today)
    assert months == 10
    current, last = (
        strategy.plan_summary(cluster, today.year),
        strategy.plan_summary(cluster, today.year - 1),
    )
    assert 10 <= current.actions <= 14 and 10 <= last.actions <= 14
    assert current.measurable_status == last.achieved_status == "met"
    # Recognition: two complete stories of three (E2 not met), a current site in Italian and
    # English with a contact page (E3 met), LinkedIn and Instagram.
    assert SuccessStory.objects.for_cluster(cluster).count() == 3
    assert recognition.stories_count(cluster, today=today) == 2
    sites, check = recognition.web_presence(cluster, today=today)
    assert check.status == "met"
    assert set(SocialChannel.objects.for_cluster(cluster).values_list("network", flat=True)) == {
        "LinkedIn",
        "Instagram",
    }


@pytest.mark.django_db
def test_running_it_again_with_reset_writes_the_same_ledger():
    seed()
    digest = ledger_digest()
    counts = (PersonalContact.objects.count(), Involvement.objects.count())

    seed("--reset")

    assert ledger_digest() == digest
    assert (PersonalContact.objects.count(), Involvement.objects.count()) == counts


@pytest.mark.django_db
def test_the_whole_command_runs_in_a_bounded_number_of_queries():
    with CaptureQueriesContext(connection) as captured:
        seed()
    # The excellence history the command saves costs a fixed number of queries per saved
    # assessment (its facts are gathered in about twenty, whatever the cluster's size).
    assert Assessment.objects.exists()
    allowed = demo_query_allowance(210, [TUSCANY, ISIM])
    allowed_again = demo_query_allowance(350, [TUSCANY, ISIM])
    with CaptureQueriesContext(connection) as again:
        seed("--reset")

    assert len(captured) <= allowed
    assert len(again) <= allowed_again
    # Bulk inserts, never one per row: thousands of ledger rows in a few dozen statements
    # (SQLite takes at most 999 values a statement, PostgreSQL all of them in one).
    inserts = [
        query["sql"]
        for query in captured.captured_queries
        if query["sql"].startswith('INSERT INTO "engagement_')
    ]
    rows = PersonalContact.objects.count() + Involvement.objects.count()
    assert rows > 3500
    assert len(inserts) <= 100


@pytest.mark.parametrize("spec", DEMO_CLUSTERS, ids=lambda spec: spec.slug)
def test_the_ledger_follows_the_reference_day_it_is_given(spec):
    """Were the demo's reference day moved, the ledger would move with it, whole."""
    registry = demo_plan(spec)
    participants = [
        Participant(
            category=item.fields["category"],
            commitment=item.fields["commitment"],
            employees=item.fields["employees"],
            city=item.fields["city"],
            people=tuple(f"{c['first_name']} {c['last_name']}" for c in item.contacts),
        )
        for item in registry
    ]
    team = {user.role: user.full_name for user in spec.users}
    day = date(2026, 10, 30)

    plan = ledger_plan(ledger_table(spec.slug), participants, reference_date=day, team=team)
    again = ledger_plan(ledger_table(spec.slug), participants, reference_date=day, team=team)

    assert plan == again
    assert max(contact.date for contact in plan.contacts) <= day
    assert min(contact.date for contact in plan.contacts) > day - timedelta(days=2 * 366)
    period = queries.last_12_months(day)
    current = [i for i, p in enumerate(participants) if p.commitment != "former"]
    reached = {c.participant for c in plan.contacts if period.first <= c.date <= period.last}
    assert 0.40 < len(reached & set(current)) / len(current) < 0.60
    for involvement in plan.involvements:
        activity = plan.activities[involvement.activity]
        assert activity.starts_on <= day
        assert Decimal("0.5") <= involvement.days <= activity.span


def test_the_ledger_runs_up_to_the_day_asked_for(db):
    from datetime import date

    from clusterdesk.engagement.models import PersonalContact

    call_command("seed_demo", "--as-of", "2026-11-27", stdout=StringIO())
    latest = PersonalContact.objects.filter(cluster__slug=TUSCANY).latest("date").date
    assert date(2026, 10, 1) <= latest <= date(2026, 11, 27)


@pytest.mark.parametrize("as_of", ["2026-01-15", "2026-03-25", "2026-04-30", "2026-07-01"])
def test_the_demo_loads_on_any_day_of_the_year(db, as_of):
    from clusterdesk.engagement.models import GeneralAssembly

    call_command("seed_demo", "--as-of", as_of, stdout=StringIO())
    assemblies = GeneralAssembly.objects.filter(cluster__slug=TUSCANY)
    assert assemblies.exists()
    assert all(str(a.date) <= as_of for a in assemblies)
