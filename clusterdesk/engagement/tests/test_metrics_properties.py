"""The database's reach and involvement figures agree with a plain Python count of the same
random records (hypothesis), today's date included among the awkward ones."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clusterdesk.engagement import queries
from clusterdesk.engagement.models import InvolvementRole
from clusterdesk.lib.periods import last_12_months
from clusterdesk.participants.models import Category, Commitment
from clusterdesk.testing.factories import ClusterFactory, OrganisationFactory

from .metrics_helpers import contact, involved_on

pytestmark = pytest.mark.django_db

TODAYS = [date(2026, 6, 15), date(2028, 2, 29), date(2027, 3, 1), date(2026, 12, 31)]

organisations = st.lists(
    st.tuples(
        st.sampled_from(Commitment.values),
        st.sampled_from([Category.INDUSTRY_SME, Category.RESEARCH]),
    ),
    min_size=0,
    max_size=6,
)
# Offsets in days from today, often right at the window's edges (a year back, and today).
offsets = st.one_of(
    st.integers(min_value=-420, max_value=3),
    st.sampled_from([-367, -366, -365, -364, -1, 0, 1]),
)
half_days = st.integers(min_value=1, max_value=5).map(lambda halves: Decimal(halves) / 2)
roles = st.sampled_from(InvolvementRole.values)


@st.composite
def scenarios(draw):  # type: ignore[no-untyped-def]
    orgs = draw(organisations)
    contacts = draw(
        st.lists(st.tuples(st.integers(0, 10), offsets), max_size=12) if orgs else st.just([])
    )
    involvements = draw(
        st.lists(st.tuples(st.integers(0, 10), offsets, half_days, roles), max_size=12)
        if orgs
        else st.just([])
    )
    today = draw(st.sampled_from(TODAYS))
    return orgs, contacts, involvements, today


def naive_figures(orgs, contacts, involvements, today):  # type: ignore[no-untyped-def]
    """The SPEC's definitions counted by hand, one record at a time."""
    first = last_12_months(today).first
    current = [index for index, (commitment, _) in enumerate(orgs) if commitment != "former"]
    reached = {index for index, on in contacts if first <= on <= today}
    active_days: dict[int, Decimal] = {}
    for index, on, days, role in involvements:
        if role == "active" and first <= on <= today:
            active_days[index] = active_days.get(index, Decimal(0)) + days
    active = [index for index in current if active_days.get(index, 0) >= 2]
    return {
        "participants": len(current),
        "reached": len([index for index in current if index in reached]),
        "active": len(active),
        "sme_active": len([index for index in active if orgs[index][1] == "industry_sme"]),
    }


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(scenario=scenarios())
def test_reach_and_involvement_agree_with_a_count_by_hand(scenario):
    orgs, contacts, involvements, today = scenario
    contacts = [(index % len(orgs), today + timedelta(days=offset)) for index, offset in contacts]
    involvements = [
        (index % len(orgs), today + timedelta(days=offset), days, role)
        for index, offset, days, role in involvements
    ]
    with transaction.atomic():
        cluster, other = ClusterFactory(), ClusterFactory()
        rows = [
            OrganisationFactory(cluster=cluster, commitment=commitment, category=category)
            for commitment, category in orgs
        ]
        stranger = OrganisationFactory(cluster=other)
        for index, on in contacts:
            contact(rows[index], on)
            contact(stranger, on)
        for index, on, days, role in involvements:
            involved_on(rows[index], on, days, role)
            involved_on(stranger, on, days, role)

        expected = naive_figures(orgs, contacts, involvements, today)
        reach = queries.contact_reach(cluster, today=today)
        involved = queries.active_involvement(cluster, today=today)
        assert (reach.participants, reach.reached) == (
            expected["participants"],
            expected["reached"],
        )
        assert (involved.participants, involved.active, involved.sme_active) == (
            expected["participants"],
            expected["active"],
            expected["sme_active"],
        )
        evidence = queries.contact_reach_evidence(cluster, today=today)
        assert evidence.filter(has_contact=True).count() == expected["reached"]
        assert (
            queries.active_involvement_evidence(cluster, today=today).count() == expected["active"]
        )
        transaction.set_rollback(True)
