"""The cluster's engagement dashboard, and the engagement card on a participant's page."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from clusterdesk.engagement import queries
from clusterdesk.engagement.models import InvolvementRole
from clusterdesk.participants.models import Category, Commitment
from clusterdesk.tenancy.models import Membership
from clusterdesk.testing.factories import CommittedOrganisationFactory, OrganisationFactory

from .metrics_helpers import activity, contact, involve, involved_on

pytestmark = pytest.mark.django_db


def url(slug: str = "tfc") -> str:
    return reverse("engagement:dashboard", kwargs={"cluster_slug": slug})


@pytest.fixture
def today() -> date:
    return timezone.localdate()


def _ledger(cluster, today: date, size: int = 1) -> dict:  # type: ignore[no-untyped-def]
    """Committed participants met this year and active for 2 days, one never met, one former."""
    met = []
    for number in range(size):
        organisation = CommittedOrganisationFactory(cluster=cluster, name=f"Tessitura {number}")
        contact(organisation, today)
        involved_on(organisation, today, "2", ends_on=today + timedelta(days=1))
        met.append(organisation)
    never = CommittedOrganisationFactory(cluster=cluster, name="Filatura Mai Vista")
    lab = OrganisationFactory(cluster=cluster, name="Istituto Alfa", category=Category.RESEARCH)
    involve(lab, activity(cluster, today), "1", InvolvementRole.PASSIVE)
    OrganisationFactory(cluster=cluster, name="Vecchia Srl", commitment=Commitment.FORMER)
    return {"met": met, "never": never, "lab": lab}


def test_the_dashboard_shows_reach_involvement_months_and_who_to_call(
    personas, manager_a_client, today
):
    cluster = personas.cluster_a
    ledger = _ledger(cluster, today)
    response = manager_a_client.get(url())
    assert response.status_code == 200
    figures = response.context["figures"]
    # Participants: Lanificio Rossi (the persona's), Tessitura 0, Filatura, Istituto Alfa.
    assert (figures.reach.participants, figures.reach.reached) == (4, 1)
    assert (figures.involved.active, figures.involved.sme_active) == (1, 1)
    assert figures.contacts_this_year == 1
    assert figures.activities_this_year == 2
    assert figures.months[today.month - 1].contacts == 1
    html = response.content.decode()
    assert 'data-testid="reached">25\u00a0%<' in html
    assert 'data-testid="involved">25\u00a0%<' in html
    assert 'data-testid="not-contacted">1<' in html
    assert 'id="contacts-by-month-title"' in html and 'id="activities-by-month-title"' in html
    to_call = html.split('data-testid="to-call"')[1].split("</table>")[0]
    assert "Filatura Mai Vista" in to_call and "Tessitura 0" not in to_call
    never_url = reverse("participants:detail", args=["tfc", ledger["never"].pk])
    assert f'href="{never_url}"' in to_call
    engaged = html.split('data-testid="most-engaged"')[1].split("</table>")[0]
    assert "Tessitura 0" in engaged and "Istituto Alfa" not in engaged
    assert "Vecchia Srl" not in html


def test_an_empty_cluster_gets_a_dashboard_with_zeroes_and_kind_words(personas, manager_a_client):
    personas.member_organisation_a.commitment = Commitment.FORMER
    personas.member_organisation_a.save()
    response = manager_a_client.get(url())
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-testid="reached">0\u00a0%<' in html
    assert "No active involvement recorded in the last 12 months." in html


def test_the_lists_stop_at_ten(personas, manager_a_client, today):
    cluster = personas.cluster_a
    for _ in range(12):
        organisation = CommittedOrganisationFactory(cluster=cluster)
        involved_on(organisation, today, "2", ends_on=today + timedelta(days=1))
    figures = manager_a_client.get(url()).context["figures"]
    assert len(figures.to_call) == 10 and len(figures.most_engaged) == 10
    assert figures.reach.committed_not_reached == 12


@pytest.mark.parametrize("who", ["manager_a", "staff_a", "board_a"])
def test_the_team_and_the_board_can_read_it(personas, who):
    assert personas.client_for(getattr(personas, who)).get(url()).status_code == 200


def test_a_member_representative_is_refused(personas):
    assert personas.client_for(personas.member_a).get(url()).status_code == 403


def test_another_clusters_manager_gets_404_and_an_anonymous_visitor_is_sent_to_sign_in(
    personas, manager_b_client
):
    assert manager_b_client.get(url()).status_code == 404
    anonymous = personas.client_for(None).get(url())
    assert anonymous.status_code == 302 and "login" in anonymous["Location"]


def test_it_shows_only_its_own_clusters_records(personas, manager_b_client, today):
    _ledger(personas.cluster_a, today, size=3)
    response = manager_b_client.get(url("isim"))
    assert response.status_code == 200
    figures = response.context["figures"]
    assert (figures.reach.participants, figures.contacts_this_year) == (0, 0)
    assert "Tessitura" not in response.content.decode()


def test_the_page_takes_the_same_number_of_queries_whatever_the_size(
    personas, manager_a_client, django_assert_max_num_queries, today
):
    _ledger(personas.cluster_a, today, size=1)
    manager_a_client.get(url())  # warm the session
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        manager_a_client.get(url())
    _ledger(personas.cluster_a, today - timedelta(days=40), size=15)
    with django_assert_max_num_queries(len(small)):
        assert manager_a_client.get(url()).status_code == 200


# --------------------------------------------------------------------------- the tag


def render_card(personas, organisation, user=None) -> str:  # type: ignore[no-untyped-def]
    request = RequestFactory().get("/")
    membership = Membership.objects.select_related("cluster").get(
        user=user or personas.manager_a, cluster=personas.cluster_a
    )
    request.user = membership.user
    request.cluster = membership.cluster
    request.membership = membership
    template = Template("{% load engagement_summary %}{% participant_engagement organisation %}")
    return template.render(Context({"request": request, "organisation": organisation}))


def test_the_card_shows_last_contact_counts_days_and_a_quarterly_chart(personas, today):
    organisation = OrganisationFactory(cluster=personas.cluster_a)
    contact(organisation, today)
    contact(organisation, today - timedelta(days=400))
    involved_on(organisation, today, "1.5", ends_on=today + timedelta(days=1))
    involved_on(organisation, today, "1", InvolvementRole.PASSIVE)
    html = render_card(personas, organisation)
    assert 'data-testid="participant-engagement"' in html
    assert "1 in the last 12 months" in html.split('data-testid="contacts-12m"')[1]
    assert "2 in the last 12 months" in html.split('data-testid="activities-12m"')[1]
    active = html.split('data-testid="active-days"')[1].split("</dd>")[0]
    assert "1.5 days" in active and "not actively involved" in active
    assert f'id="engagement-{organisation.pk}-title"' in html
    quarter = queries.quarter_label(queries.quarter_of(today))
    assert f"{quarter}: Contacts 1, Activities 2" in html


def test_the_card_says_actively_involved_from_two_days(personas, today):
    organisation = OrganisationFactory(cluster=personas.cluster_a)
    involved_on(organisation, today, "2", ends_on=today + timedelta(days=1))
    active = render_card(personas, organisation).split('data-testid="active-days"')[1]
    assert "actively involved" in active and "not actively involved" not in active
    assert "never" in render_card(personas, organisation).split('data-testid="last-contact"')[1]


def test_the_card_is_read_by_the_board_and_hidden_from_member_representatives(personas):
    organisation = personas.member_organisation_a
    assert "participant-engagement" in render_card(personas, organisation, personas.board_a)
    assert render_card(personas, organisation, personas.member_a).strip() == ""


def test_the_card_shows_nothing_for_another_clusters_organisation(personas):
    stranger = OrganisationFactory(cluster=personas.cluster_b)
    contact(stranger, date(2026, 1, 5))
    assert render_card(personas, stranger).strip() == ""


def test_the_card_takes_two_queries(personas, django_assert_num_queries):
    organisation = OrganisationFactory(cluster=personas.cluster_a)
    with django_assert_num_queries(2):
        render_card_without_lookups = Template(
            "{% load engagement_summary %}{% participant_engagement organisation %}"
        )
        request = RequestFactory().get("/")
        request.cluster = personas.cluster_a
        request.membership = Membership(role="manager", cluster=personas.cluster_a)
        render_card_without_lookups.render(
            Context({"request": request, "organisation": organisation})
        )
