"""Tenancy and roles on every ledger endpoint and method: another cluster's manager gets 404,
the board reads and gets 403 on writes, a member representative gets 403 on everything,
anonymous callers 401; the management team writes, always recorded as ``source="api"``."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.db.models import Model
from rest_framework.test import APIClient

from clusterdesk.conftest import Personas
from clusterdesk.engagement import models as ledger
from clusterdesk.tenancy.models import AuditEntry
from clusterdesk.testing.factories import ContactFactory, OrganisationFactory

from .support import assert_error, token_client

pytestmark = pytest.mark.django_db

Call = tuple[str, str, dict[str, Any] | None]
LEDGER_MODELS: list[type[Model]] = [
    getattr(ledger, name) for name in ledger.__all__ if hasattr(getattr(ledger, name), "objects")
]


def api(path: str, cluster_slug: str = "tfc") -> str:
    return f"/api/v1/c/{cluster_slug}/{path}"


@dataclass
class Endpoint:
    """One collection of the ledger, a record of cluster A in it, and a valid new one."""

    collection: str
    record: int
    body: dict[str, Any]
    changes: bool = True  # PUT and PATCH on a record
    deletes: bool = True
    related: list[str] = field(default_factory=list)  # fields holding ids of the cluster


def ledger_of_cluster_a(personas: Personas) -> list[Endpoint]:
    """A record of every ledger collection in cluster A, each with a body that would add
    another."""
    cluster = personas.cluster_a
    organisation = personas.member_organisation_a
    person = ContactFactory(organisation=organisation)
    day = date(2026, 3, 10)
    contact = ledger.PersonalContact.objects.create(
        cluster=cluster, organisation=organisation, kind="visit", date=day
    )
    contact.staff.set([personas.manager_a])
    task = ledger.FollowUpTask.objects.create(
        cluster=cluster, title="Send the offer", due_on=day, assigned_to=personas.manager_a
    )
    group = ledger.WorkingGroup.objects.create(cluster=cluster, name="Circular textiles")
    activity = ledger.Activity.objects.create(
        cluster=cluster, kind="workshop", title="Dyeing", starts_on=day, ends_on=day
    )
    staff = ledger.StaffMember.objects.create(
        cluster=cluster, full_name="Anna Rossi", post="Manager", fte=1, started_on=date(2024, 1, 1)
    )
    return [
        Endpoint(
            "personal-contacts",
            contact.pk,
            {
                "organisation": organisation.pk,
                "kind": "meeting",
                "date": "2026-03-11",
                "people_met": [person.pk],
                "staff": [personas.staff_a.pk],
            },
            related=["organisation", "people_met", "staff"],
        ),
        Endpoint(
            "tasks",
            task.pk,
            {"title": "Call back", "due_on": "2026-04-01", "organisation": organisation.pk},
            changes=False,
            deletes=False,
            related=["organisation"],
        ),
        Endpoint(
            "activities",
            activity.pk,
            {
                "kind": "working_group_meeting",
                "title": "Kick-off",
                "starts_on": "2026-03-12",
                "ends_on": "2026-03-12",
                "working_group": group.pk,
                "involvements": [{"organisation": organisation.pk, "role": "active", "days": 1}],
            },
            related=["working_group", "involvements.0.organisation"],
        ),
        Endpoint(
            "working-groups",
            group.pk,
            {"name": "Digital passports", "members": [organisation.pk], "chair_person": person.pk},
            related=["members", "chair_person"],
        ),
        Endpoint(
            "staff",
            staff.pk,
            {
                "full_name": "Marco Neri",
                "post": "Analyst",
                "fte": "0.5",
                "started_on": "2025-01-01",
            },
        ),
        Endpoint(
            "training-records",
            ledger.TrainingRecord.objects.create(
                cluster=cluster, staff_member=staff, date=day, days=1, topic="Facilitation"
            ).pk,
            {"staff_member": staff.pk, "date": "2026-02-01", "days": "1.5", "topic": "Moderation"},
            changes=False,
            related=["staff_member"],
        ),
        Endpoint(
            "general-assemblies",
            ledger.GeneralAssembly.objects.create(cluster=cluster, date=day).pk,
            {"date": "2026-05-01", "notes": "Annual assembly"},
            changes=False,
        ),
        Endpoint(
            "board-members",
            ledger.BoardMember.objects.create(
                cluster=cluster, full_name="Carla Bini", appointment="elected", started_on=day
            ).pk,
            {
                "full_name": "Luca Sarti",
                "organisation": organisation.pk,
                "appointment": "nominated",
                "started_on": "2026-01-01",
            },
            related=["organisation"],
        ),
        Endpoint(
            "committees",
            ledger.Committee.objects.create(
                cluster=cluster, kind="advisory", name="Advisory board", started_on=day
            ).pk,
            {"kind": "thematic", "name": "Sustainability", "started_on": "2026-01-01"},
        ),
        Endpoint(
            "budget-lines",
            ledger.BudgetLine.objects.create(
                cluster=cluster, year=2026, source="regional_public", planned=Decimal(50000)
            ).pk,
            {"year": 2026, "source": "membership_fees", "planned": "12000.00"},
        ),
        Endpoint(
            "funding-commitments",
            ledger.FundingCommitment.objects.create(
                cluster=cluster,
                funder="Regione Toscana",
                source="regional_public",
                amount=Decimal(100000),
                starts_on=date(2026, 1, 1),
                runs_to=date(2027, 12, 31),
            ).pk,
            {
                "funder": "Camera di Commercio",
                "source": "national_public",
                "amount": "20000.00",
                "starts_on": "2026-01-01",
                "runs_to": "2026-12-31",
            },
        ),
        Endpoint(
            "strategy-documents",
            ledger.StrategyDocument.objects.create(
                cluster=cluster, title="Strategy 2025", adopted_on=day, updated_on=day
            ).pk,
            {"title": "Strategy 2026", "adopted_on": "2026-01-10", "updated_on": "2026-02-10"},
        ),
        Endpoint(
            "plan-actions",
            ledger.PlanAction.objects.create(cluster=cluster, year=2026, title="Workshops").pk,
            {"year": 2026, "title": "Trade fair", "owner": personas.staff_a.pk},
            related=["owner"],
        ),
        Endpoint(
            "websites",
            ledger.WebPresence.objects.create(cluster=cluster, url="https://tfc.example").pk,
            {"url": "https://en.tfc.example", "languages": ["en"]},
        ),
        Endpoint(
            "social-channels",
            ledger.SocialChannel.objects.create(
                cluster=cluster, network="LinkedIn", url="https://linkedin.example/tfc"
            ).pk,
            {"network": "Mastodon", "url": "https://mastodon.example/@tfc"},
            changes=False,
        ),
        Endpoint(
            "success-stories",
            ledger.SuccessStory.objects.create(cluster=cluster, title="Recycled wool", text="…").pk,
            {"title": "Digital twin", "text": "Three firms…", "participants": [organisation.pk]},
            related=["participants"],
        ),
    ]


def every_call(endpoints: list[Endpoint], cluster_slug: str = "tfc") -> list[Call]:
    """Each method of each ledger endpoint, with a body that would be valid."""
    calls: list[Call] = []
    for endpoint in endpoints:
        collection = api(f"{endpoint.collection}/", cluster_slug)
        item = api(f"{endpoint.collection}/{endpoint.record}/", cluster_slug)
        calls += [
            ("get", collection, None),
            ("options", collection, None),
            ("post", collection, endpoint.body),
            ("get", item, None),
            ("options", item, None),
        ]
        if endpoint.changes:
            calls += [("put", item, endpoint.body), ("patch", item, endpoint.body)]
        if endpoint.deletes:
            calls.append(("delete", item, None))
    task = next(endpoint for endpoint in endpoints if endpoint.collection == "tasks")
    calls += [
        ("patch", api(f"tasks/{task.record}/", cluster_slug), {"done_on": "2026-03-20"}),
        ("post", api(f"tasks/{task.record}/complete/", cluster_slug), {}),
        ("post", api(f"tasks/{task.record}/reopen/", cluster_slug), {}),
        ("get", api("governance/", cluster_slug), None),
        ("options", api("governance/", cluster_slug), None),
        ("put", api("governance/", cluster_slug), {"legal_form": "Association"}),
        ("patch", api("governance/", cluster_slug), {"legal_form": "Association"}),
        ("get", api("engagement/summary/", cluster_slug), None),
    ]
    return calls


def writes(calls: list[Call]) -> list[Call]:
    return [call for call in calls if call[0] not in ("get", "options")]


def call(client: APIClient, method: str, url: str, body: dict[str, Any] | None) -> Any:
    if body is None:
        return getattr(client, method)(url)
    return getattr(client, method)(url, body, format="json")


def ledger_state() -> dict[str, Any]:
    """Every ledger row and the audit log, to prove a refused call wrote nothing."""
    state: dict[str, Any] = {
        model.__name__: sorted(model.objects.values_list("pk", "updated_at"))
        for model in LEDGER_MODELS
    }
    state["audit"] = AuditEntry.objects.count()
    state["done"] = list(ledger.FollowUpTask.objects.values_list("done_on", flat=True))
    return state


@pytest.fixture
def endpoints(personas: Personas) -> list[Endpoint]:
    return ledger_of_cluster_a(personas)


# Another cluster, anonymous visitors


def test_another_clusters_manager_gets_404_on_every_ledger_url_and_method(
    personas: Personas, endpoints: list[Endpoint]
) -> None:
    client = token_client(personas.manager_b)
    before = ledger_state()

    for method, url, body in every_call(endpoints):
        assert_error(call(client, method, url, body), 404, "not_found")

    assert ledger_state() == before


def test_another_clusters_manager_cannot_reach_these_records_through_their_own_cluster(
    personas: Personas, endpoints: list[Endpoint]
) -> None:
    client = token_client(personas.manager_b)
    before = ledger_state()

    for endpoint in endpoints:
        listed = client.get(api(f"{endpoint.collection}/", "isim"))
        assert listed.status_code == 200, endpoint.collection
        assert listed.json()["results"] == [], endpoint.collection
        item = api(f"{endpoint.collection}/{endpoint.record}/", "isim")
        assert_error(client.get(item), 404, "not_found")
        if endpoint.deletes:
            assert_error(client.delete(item), 404, "not_found")
        if endpoint.changes:
            assert_error(client.patch(item, endpoint.body, format="json"), 404, "not_found")

    assert ledger_state() == before


def test_ids_of_another_cluster_are_a_field_error_that_does_not_tell_they_exist(
    personas: Personas, endpoints: list[Endpoint]
) -> None:
    """Cluster B's manager posts A's bodies to B: every id of A is unknown there."""
    client = token_client(personas.manager_b)
    theirs = OrganisationFactory(cluster=personas.cluster_b)
    before = ledger_state()

    for endpoint in endpoints:
        for name in endpoint.related:
            body = {**endpoint.body}
            for other in endpoint.related:
                if other == "organisation" and other != name:
                    body[other] = theirs.pk
                elif other.startswith("involvements.") and other != name:
                    body["involvements"] = []
                elif other != name:
                    body.pop(other)
            response = client.post(api(f"{endpoint.collection}/", "isim"), body, format="json")
            error = assert_error(response, 400, "invalid")
            assert list(error["fields"]) == [name], (endpoint.collection, error)
            assert "exist" not in error["message"].lower()

    assert ledger_state() == before


def test_anonymous_callers_get_401_on_every_ledger_url_and_method(
    endpoints: list[Endpoint],
) -> None:
    client = APIClient()
    before = ledger_state()

    for method, url, body in every_call(endpoints):
        response = call(client, method, url, body)
        assert_error(response, 401, "not_authenticated")

    assert ledger_state() == before


# Roles within the cluster


def test_the_board_reads_every_ledger_endpoint(
    personas: Personas, endpoints: list[Endpoint]
) -> None:
    client = token_client(personas.board_a)

    for method, url, body in every_call(endpoints):
        if method == "get":
            assert call(client, method, url, body).status_code == 200, url


def test_the_board_gets_403_on_every_ledger_write(
    personas: Personas, endpoints: list[Endpoint]
) -> None:
    client = token_client(personas.board_a)
    before = ledger_state()

    for method, url, body in writes(every_call(endpoints)):
        assert_error(call(client, method, url, body), 403, "permission_denied")

    assert ledger_state() == before


def test_a_member_representative_gets_403_on_every_ledger_url_and_method(
    personas: Personas, endpoints: list[Endpoint]
) -> None:
    """The ledger is the cluster organisation's internal record: not even reads."""
    client = token_client(personas.member_a)
    before = ledger_state()

    for method, url, body in every_call(endpoints):
        assert_error(call(client, method, url, body), 403, "permission_denied")

    assert ledger_state() == before


def test_staff_add_change_and_delete_every_kind_of_record(
    personas: Personas, endpoints: list[Endpoint]
) -> None:
    client = token_client(personas.staff_a)

    for endpoint in endpoints:
        added = client.post(api(f"{endpoint.collection}/"), endpoint.body, format="json")
        assert added.status_code == 201, (endpoint.collection, added.content)
        pk = added.json()["id"]
        if endpoint.changes:
            changed = client.patch(
                api(f"{endpoint.collection}/{pk}/"), endpoint.body, format="json"
            )
            assert changed.status_code == 200, (endpoint.collection, changed.content)
            pk = changed.json()["id"]
        if endpoint.deletes:
            deleted = client.delete(api(f"{endpoint.collection}/{pk}/"))
            assert deleted.status_code == 204, (endpoint.collection, deleted.content)

    sources = set(AuditEntry.objects.values_list("source", flat=True))
    actors = set(AuditEntry.objects.values_list("actor", flat=True))
    assert sources == {"api"}
    assert actors == {personas.staff_a.pk}
