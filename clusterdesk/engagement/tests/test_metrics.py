"""The engagement figures, hand-computed at the edges of their periods."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from clusterdesk.engagement import queries
from clusterdesk.engagement.models import InvolvementRole
from clusterdesk.participants.models import Category, Commitment
from clusterdesk.testing.factories import (
    ClusterFactory,
    CommittedOrganisationFactory,
    OrganisationFactory,
)

from .metrics_helpers import TODAY, activity, contact, involve, involved_on

pytestmark = pytest.mark.django_db

PASSIVE = InvolvementRole.PASSIVE


# --------------------------------------------------------------------------- reach (B4)


def test_a_contact_exactly_12_months_ago_is_out_and_one_a_day_later_is_in():
    cluster = ClusterFactory()
    out, inside, today_only, never = OrganisationFactory.create_batch(4, cluster=cluster)
    contact(out, date(2025, 6, 15))
    contact(inside, date(2025, 6, 16))
    contact(today_only, TODAY)
    reach = queries.contact_reach(cluster, today=TODAY)
    assert (reach.participants, reach.reached, reach.share) == (4, 2, 0.5)
    reached = queries.contact_reach_evidence(cluster, today=TODAY)
    assert {o.pk for o in reached if o.has_contact} == {inside.pk, today_only.pk}
    assert {o.pk: o.last_contact_on for o in reached} == {
        out.pk: date(2025, 6, 15),
        inside.pk: date(2025, 6, 16),
        today_only.pk: TODAY,
        never.pk: None,
    }
    # The next day the oldest of them falls out of the window.
    assert queries.contact_reach(cluster, today=date(2026, 6, 16)).reached == 1


def test_a_contact_after_today_does_not_count():
    cluster = ClusterFactory()
    organisation = OrganisationFactory(cluster=cluster)
    contact(organisation, date(2026, 6, 16))
    assert queries.contact_reach(cluster, today=TODAY).reached == 0


def test_former_participants_are_left_out_of_both_sides_of_the_share():
    cluster = ClusterFactory()
    former = OrganisationFactory(cluster=cluster, commitment=Commitment.FORMER)
    current = OrganisationFactory(cluster=cluster)
    OrganisationFactory(cluster=cluster)
    contact(former, TODAY)
    contact(current, TODAY)
    reach = queries.contact_reach(cluster, today=TODAY)
    assert (reach.participants, reached := reach.reached) == (2, 1), reached
    assert former.pk not in {o.pk for o in queries.contact_reach_evidence(cluster, today=TODAY)}


def test_several_contacts_count_a_participant_once():
    cluster = ClusterFactory()
    organisation = OrganisationFactory(cluster=cluster)
    for day in (1, 2, 3):
        contact(organisation, date(2026, 5, day))
    assert queries.contact_reach(cluster, today=TODAY).reached == 1


def test_it_counts_the_committed_participants_not_contacted_beside_the_share():
    cluster = ClusterFactory()
    called, forgotten = CommittedOrganisationFactory.create_batch(2, cluster=cluster)
    contact(called, TODAY)
    reach = queries.contact_reach(cluster, today=TODAY)
    assert (reach.committed, reach.committed_reached, reach.committed_not_reached) == (2, 1, 1)


def test_another_clusters_contacts_are_never_counted():
    cluster, other = ClusterFactory(), ClusterFactory()
    mine = OrganisationFactory(cluster=cluster)
    theirs = OrganisationFactory(cluster=other)
    contact(theirs, TODAY)
    involved_on(theirs, date(2026, 5, 1), "3")
    reach = queries.contact_reach(cluster, today=TODAY)
    involved = queries.active_involvement(cluster, today=TODAY)
    assert (reach.participants, reach.reached) == (1, 0)
    assert (involved.participants, involved.active) == (1, 0)
    assert queries.participant_engagement(cluster, mine, today=TODAY).contacts_12m == 0
    assert queries.monthly_activity(cluster, year=2026)[5].contacts == 0
    assert queries.regularity(other, today=TODAY).current.activities == 1
    assert queries.regularity(cluster, today=TODAY).current.activities == 0


def test_an_empty_cluster_has_a_share_of_zero():
    reach = queries.contact_reach(ClusterFactory(), today=TODAY)
    involved = queries.active_involvement(ClusterFactory(), today=TODAY)
    assert (reach.participants, reach.share, involved.share) == (0, 0.0, 0.0)


# --------------------------------------------------------------------------- involvement (B5)


def test_one_and_a_half_active_days_are_not_enough_and_two_are():
    cluster = ClusterFactory()
    short, enough, in_two_parts = OrganisationFactory.create_batch(3, cluster=cluster)
    involved_on(short, date(2026, 3, 1), "1.5")
    involved_on(enough, date(2026, 3, 1), "2")
    involved_on(in_two_parts, date(2025, 9, 1), "0.5")
    involved_on(in_two_parts, date(2026, 1, 1), "1.5")
    involved = queries.active_involvement(cluster, today=TODAY)
    assert (involved.participants, involved.active) == (3, 2)
    evidence = queries.active_involvement_evidence(cluster, today=TODAY)
    assert {(o.pk, Decimal(o.active_days)) for o in evidence} == {
        (enough.pk, Decimal("2")),
        (in_two_parts.pk, Decimal("2")),
    }


def test_passive_attendance_does_not_count():
    cluster = ClusterFactory()
    listener, mixed = OrganisationFactory.create_batch(2, cluster=cluster)
    involved_on(listener, date(2026, 3, 1), "3", PASSIVE)
    involved_on(mixed, date(2026, 3, 1), "1.5")
    involved_on(mixed, date(2026, 4, 1), "2", PASSIVE)
    assert queries.active_involvement(cluster, today=TODAY).active == 0


def test_an_activity_that_started_exactly_12_months_ago_is_out_and_a_day_later_is_in():
    cluster = ClusterFactory()
    early, later = OrganisationFactory.create_batch(2, cluster=cluster)
    involved_on(early, date(2025, 6, 15), "2", ends_on=date(2025, 6, 17))
    involved_on(later, date(2025, 6, 16), "2", ends_on=date(2025, 6, 17))
    evidence = queries.active_involvement_evidence(cluster, today=TODAY)
    assert [o.pk for o in evidence] == [later.pk]


def test_it_counts_the_smes_among_the_actively_involved_and_leaves_out_former_ones():
    cluster = ClusterFactory()
    sme = OrganisationFactory(cluster=cluster, category=Category.INDUSTRY_SME)
    lab = OrganisationFactory(cluster=cluster, category=Category.RESEARCH)
    former = OrganisationFactory(
        cluster=cluster, category=Category.INDUSTRY_SME, commitment=Commitment.FORMER
    )
    meeting = activity(cluster, date(2026, 2, 2), ends_on=date(2026, 2, 4))
    for organisation in (sme, lab, former):
        involve(organisation, meeting, "3")
    involved = queries.active_involvement(cluster, today=TODAY)
    assert (involved.participants, involved.active, involved.sme_active) == (2, 2, 1)
    assert involved.share == 1.0


def test_the_threshold_can_be_asked_for_explicitly():
    cluster = ClusterFactory()
    organisation = OrganisationFactory(cluster=cluster)
    involved_on(organisation, date(2026, 3, 1), "1")
    assert queries.active_involvement(cluster, today=TODAY, min_days=1).active == 1


# --------------------------------------------------------------------------- international (E4)


def test_committed_participants_in_international_activities_in_the_last_12_months():
    cluster = ClusterFactory()
    abroad, at_home, long_ago = CommittedOrganisationFactory.create_batch(3, cluster=cluster)
    not_committed = OrganisationFactory(cluster=cluster)
    fair = activity(cluster, date(2026, 3, 10), international=True, kind="joint_trade_fair")
    involve(abroad, fair, "1", PASSIVE)
    involve(not_committed, fair, "1")
    involved_on(at_home, date(2026, 3, 10), "2")
    involved_on(long_ago, date(2025, 6, 15), "2", international=True)
    international = queries.international_involvement(cluster, today=TODAY)
    assert (international.committed, international.involved) == (3, 1)
    assert international.share == pytest.approx(1 / 3)


# --------------------------------------------------------------------------- over time


def test_contacts_and_activities_by_month_of_the_year():
    cluster = ClusterFactory()
    organisation = OrganisationFactory(cluster=cluster)
    contact(organisation, date(2025, 12, 31))  # last year
    contact(organisation, date(2026, 1, 1))
    contact(organisation, date(2026, 1, 31))
    contact(organisation, date(2026, 3, 15))
    contact(organisation, date(2026, 12, 31))
    activity(cluster, date(2026, 3, 31), ends_on=date(2026, 4, 2))
    activity(cluster, date(2027, 1, 1))
    months = queries.monthly_activity(cluster, year=2026)
    assert [m.month for m in months] == [date(2026, month, 1) for month in range(1, 13)]
    assert [m.contacts for m in months] == [2, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1]
    assert [m.activities for m in months] == [0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0]


def test_regularity_counts_the_four_quarters_completed_before_today():
    cluster = ClusterFactory()
    activity(cluster, date(2025, 3, 31))  # Q1 2025: before the four
    activity(cluster, date(2025, 4, 1))  # Q2 2025
    activity(cluster, date(2025, 12, 31))  # Q4 2025
    activity(cluster, date(2025, 12, 1))  # Q4 2025 again
    activity(cluster, date(2026, 4, 1))  # Q2 2026: in progress
    result = queries.regularity(cluster, today=TODAY)
    assert [q.label for q in result.quarters] == ["Q2 2025", "Q3 2025", "Q4 2025", "Q1 2026"]
    assert [q.activities for q in result.quarters] == [1, 0, 2, 0]
    assert result.with_activity == 2
    assert (result.current.label, result.current.activities) == ("Q2 2026", 1)


def test_participants_reached_this_year_by_category():
    cluster = ClusterFactory()
    sme_met, sme_met_last_year = OrganisationFactory.create_batch(2, cluster=cluster)
    lab = OrganisationFactory(cluster=cluster, category=Category.RESEARCH)
    OrganisationFactory(cluster=cluster, category=Category.FINANCE, commitment=Commitment.FORMER)
    contact(sme_met, date(2026, 1, 1))
    contact(sme_met_last_year, date(2025, 12, 31))
    rows = queries.reach_by_category(cluster, today=TODAY)
    assert [(r.category, r.participants, r.reached) for r in rows] == [
        (Category.INDUSTRY_SME, 2, 1),
        (Category.RESEARCH, 1, 0),
    ]
    assert rows[0].share == 0.5 and lab.pk


# --------------------------------------------------------------------------- who


def test_the_most_engaged_have_the_most_active_days_then_the_most_activities():
    cluster = ClusterFactory()
    first, second, third, passive_only, former = OrganisationFactory.create_batch(
        5, cluster=cluster
    )
    former.commitment = Commitment.FORMER
    former.save()
    involved_on(first, date(2026, 2, 1), "3", ends_on=date(2026, 2, 3))
    involved_on(second, date(2026, 2, 1), "1")
    involved_on(second, date(2026, 3, 1), "1")
    involved_on(second, date(2026, 3, 2), "4", PASSIVE, ends_on=date(2026, 3, 5))
    involved_on(third, date(2026, 2, 1), "2", ends_on=date(2026, 2, 2))
    involved_on(passive_only, date(2026, 2, 1), "5", PASSIVE, ends_on=date(2026, 2, 5))
    involved_on(former, date(2026, 2, 1), "9", ends_on=date(2026, 2, 9))
    involved_on(first, date(2025, 1, 1), "9", ends_on=date(2025, 1, 9))  # too long ago
    contact(second, date(2026, 5, 1))
    contact(second, date(2026, 6, 1))
    contact(second, date(2024, 6, 1))
    rows = queries.most_engaged(cluster, today=TODAY)
    assert [(r.organisation.pk, r.active_days, r.activities, r.contacts) for r in rows] == [
        (first.pk, Decimal("3"), 1, 0),
        (second.pk, Decimal("2"), 3, 2),
        (third.pk, Decimal("2"), 1, 0),
    ]
    assert rows[1].last_contact_on == date(2026, 6, 1)
    assert len(queries.most_engaged(cluster, today=TODAY, limit=2)) == 2


def test_committed_participants_to_call_never_contacted_first_then_the_longest_without():
    cluster = ClusterFactory()
    never = CommittedOrganisationFactory(cluster=cluster, name="Zeta")
    long_ago = CommittedOrganisationFactory(cluster=cluster, name="Alfa")
    just_out = CommittedOrganisationFactory(cluster=cluster, name="Beta")
    recent = CommittedOrganisationFactory(cluster=cluster, name="Gamma")
    not_committed = OrganisationFactory(cluster=cluster, name="Delta")
    contact(long_ago, date(2023, 1, 10))
    contact(just_out, date(2025, 6, 15))
    contact(recent, date(2025, 6, 16))
    rows = queries.committed_not_contacted(cluster, today=TODAY)
    assert [o.pk for o in rows] == [never.pk, long_ago.pk, just_out.pk]
    assert [o.last_contact_on for o in rows] == [None, date(2023, 1, 10), date(2025, 6, 15)]
    assert not_committed.pk not in [o.pk for o in rows]
    assert len(queries.committed_not_contacted(cluster, today=TODAY, limit=1)) == 1


# --------------------------------------------------------------------------- one participant


def test_one_participants_engagement_over_12_months_and_eight_quarters():
    cluster = ClusterFactory()
    organisation = OrganisationFactory(cluster=cluster)
    other = OrganisationFactory(cluster=cluster)
    contact(organisation, date(2024, 3, 31))  # before the eight quarters
    contact(organisation, date(2024, 7, 1))  # first of the eight quarters (Q3 2024)
    contact(organisation, date(2025, 6, 15))  # outside the 12 months
    contact(organisation, date(2025, 6, 16))
    contact(organisation, date(2026, 6, 1))
    contact(other, date(2026, 6, 14))
    involved_on(organisation, date(2025, 6, 15), "3", ends_on=date(2025, 6, 17))  # outside
    involved_on(organisation, date(2025, 10, 1), "1.5")
    involved_on(organisation, date(2026, 4, 20), "1", PASSIVE)
    engagement = queries.participant_engagement(cluster, organisation, today=TODAY)
    assert engagement.last_contact_on == date(2026, 6, 1)
    assert (engagement.contacts_12m, engagement.activities_12m) == (2, 2)
    assert (engagement.active_days_12m, engagement.passive_days_12m) == (
        Decimal("1.5"),
        Decimal("1"),
    )
    assert engagement.actively_involved is False
    assert [q.label for q in engagement.timeline] == [
        "Q3 2024",
        "Q4 2024",
        "Q1 2025",
        "Q2 2025",
        "Q3 2025",
        "Q4 2025",
        "Q1 2026",
        "Q2 2026",
    ]
    assert [q.contacts for q in engagement.timeline] == [1, 0, 0, 2, 0, 0, 0, 1]
    assert [q.activities for q in engagement.timeline] == [0, 0, 0, 1, 0, 1, 0, 1]


def test_a_participant_without_records_has_an_empty_engagement():
    cluster = ClusterFactory()
    engagement = queries.participant_engagement(
        cluster, OrganisationFactory(cluster=cluster), today=TODAY
    )
    assert engagement.last_contact_on is None
    assert (engagement.contacts_12m, engagement.activities_12m) == (0, 0)
    assert engagement.active_days_12m == Decimal("0")
    assert sum(q.contacts + q.activities for q in engagement.timeline) == 0


# --------------------------------------------------------------------------- queries


def _populate(cluster, count: int) -> None:  # type: ignore[no-untyped-def]
    for number in range(count):
        organisation = (CommittedOrganisationFactory if number % 2 else OrganisationFactory)(
            cluster=cluster
        )
        contact(organisation, date(2026, 1 + number % 5, 1))
        contact(organisation, date(2024, 1 + number % 5, 1))
        involved_on(organisation, date(2026, 1 + number % 5, 3), "1", international=number % 3 == 0)
        involved_on(organisation, date(2025, 11, 3), "1.5", PASSIVE)


@pytest.mark.parametrize("count", [1, 6])
def test_each_figure_takes_the_same_few_queries_whatever_the_size(count, django_assert_num_queries):
    cluster = ClusterFactory()
    _populate(cluster, count)
    organisation = cluster.organisations.first()
    with django_assert_num_queries(1):
        queries.contact_reach(cluster, today=TODAY)
    with django_assert_num_queries(2):
        queries.active_involvement(cluster, today=TODAY)
    with django_assert_num_queries(1):
        queries.monthly_activity(cluster, year=2026)
    with django_assert_num_queries(2):
        queries.participant_engagement(cluster, organisation, today=TODAY)
    with django_assert_num_queries(2):
        queries.most_engaged(cluster, today=TODAY)
    with django_assert_num_queries(9):
        queries.dashboard(cluster, today=TODAY)
