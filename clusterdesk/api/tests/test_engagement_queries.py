"""No query per row: each ledger list costs the same number of queries for 5 rows as for 30,
with the related ids (staff, people met, involvements, members, outputs, participants) the
rows carry."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from clusterdesk.api.engagement.urls import urlpatterns
from clusterdesk.conftest import Personas
from clusterdesk.engagement import models as ledger
from clusterdesk.testing.factories import ContactFactory, OrganisationFactory

from .support import token_client

pytestmark = pytest.mark.django_db

DAY = date(2026, 3, 10)
Builder = Callable[[Personas, int], object]


def _contact(personas: Personas, index: int) -> object:
    organisation = OrganisationFactory(cluster=personas.cluster_a)
    contact = ledger.PersonalContact.objects.create(
        cluster=personas.cluster_a, organisation=organisation, kind="visit", date=DAY
    )
    contact.staff.set([personas.manager_a, personas.staff_a])
    contact.people_met.set([ContactFactory(organisation=organisation)])
    ledger.FollowUpTask.objects.create(
        cluster=personas.cluster_a, title="Call back", due_on=DAY, personal_contact=contact
    )
    return contact


def _task(personas: Personas, index: int) -> object:
    return ledger.FollowUpTask.objects.create(
        cluster=personas.cluster_a,
        title=f"Task {index}",
        due_on=DAY,
        assigned_to=personas.staff_a,
        organisation=personas.member_organisation_a,
    )


def _activity(personas: Personas, index: int) -> object:
    group = ledger.WorkingGroup.objects.create(cluster=personas.cluster_a, name=f"Group {index}")
    activity = ledger.Activity.objects.create(
        cluster=personas.cluster_a,
        kind="working_group_meeting",
        title=f"Meeting {index}",
        starts_on=DAY,
        ends_on=DAY + timedelta(days=1),
        working_group=group,
    )
    for organisation in OrganisationFactory.create_batch(2, cluster=personas.cluster_a):
        ledger.Involvement.objects.create(
            cluster=personas.cluster_a,
            activity=activity,
            organisation=organisation,
            role="active",
            days=Decimal(2),
            starts_on=DAY,
        )
    return activity


def _working_group(personas: Personas, index: int) -> object:
    organisation = OrganisationFactory(cluster=personas.cluster_a)
    group = ledger.WorkingGroup.objects.create(
        cluster=personas.cluster_a,
        name=f"Group {index}",
        chair=organisation,
        chair_person=ContactFactory(organisation=organisation),
    )
    group.members.set([organisation, personas.member_organisation_a])
    ledger.WorkingGroupOutput.objects.create(
        cluster=personas.cluster_a,
        working_group=group,
        title="Guide",
        date=DAY,
        document="working-groups/2026/guide.pdf",
    )
    return group


def _staff(personas: Personas, index: int) -> object:
    return ledger.StaffMember.objects.create(
        cluster=personas.cluster_a,
        full_name=f"Person {index}",
        user=personas.staff_a,
        post="Analyst",
        fte=Decimal("0.5"),
        started_on=DAY,
        job_description="team/2026/job.pdf",
    )


def _training(personas: Personas, index: int) -> object:
    return ledger.TrainingRecord.objects.create(
        cluster=personas.cluster_a, staff_member=_staff(personas, index), date=DAY, days=1
    )


def _story(personas: Personas, index: int) -> object:
    story = ledger.SuccessStory.objects.create(
        cluster=personas.cluster_a, title=f"Story {index}", text="…"
    )
    story.participants.set(OrganisationFactory.create_batch(2, cluster=personas.cluster_a))
    return story


BUILDERS: dict[str, Builder] = {
    "personal-contacts": _contact,
    "tasks": _task,
    "activities": _activity,
    "working-groups": _working_group,
    "staff": _staff,
    "training-records": _training,
    "general-assemblies": lambda personas, index: ledger.GeneralAssembly.objects.create(
        cluster=personas.cluster_a, date=DAY, minutes="governance/assemblies/minutes.pdf"
    ),
    "board-members": lambda personas, index: ledger.BoardMember.objects.create(
        cluster=personas.cluster_a,
        full_name=f"Member {index}",
        organisation=personas.member_organisation_a,
        appointment="elected",
        started_on=DAY,
    ),
    "committees": lambda personas, index: ledger.Committee.objects.create(
        cluster=personas.cluster_a, kind="thematic", name=f"Committee {index}", started_on=DAY
    ),
    "budget-lines": lambda personas, index: ledger.BudgetLine.objects.create(
        cluster=personas.cluster_a, year=2000 + index, source="events", planned=Decimal(10)
    ),
    "funding-commitments": lambda personas, index: ledger.FundingCommitment.objects.create(
        cluster=personas.cluster_a,
        funder=f"Funder {index}",
        source="eu_public",
        amount=Decimal(1000),
        starts_on=DAY,
        runs_to=DAY,
        document="finance/grant.pdf",
    ),
    "strategy-documents": lambda personas, index: ledger.StrategyDocument.objects.create(
        cluster=personas.cluster_a,
        title=f"Strategy {index}",
        adopted_on=DAY,
        updated_on=DAY,
        document="strategy/strategy.pdf",
    ),
    "plan-actions": lambda personas, index: ledger.PlanAction.objects.create(
        cluster=personas.cluster_a, year=2026, title=f"Action {index}", owner=personas.staff_a
    ),
    "websites": lambda personas, index: ledger.WebPresence.objects.create(
        cluster=personas.cluster_a, url=f"https://site{index}.example", languages=["it"]
    ),
    "social-channels": lambda personas, index: ledger.SocialChannel.objects.create(
        cluster=personas.cluster_a, network=f"Network {index}", url="https://social.example"
    ),
    "success-stories": _story,
}


@pytest.mark.parametrize("collection", list(BUILDERS))
def test_a_ledger_lists_queries_do_not_grow_with_its_rows(
    personas: Personas, collection: str
) -> None:
    client = token_client(personas.manager_a)
    build = BUILDERS[collection]

    def queries_for(count: int) -> int:
        while build_count[0] < count:
            build(personas, build_count[0])
            build_count[0] += 1
        with CaptureQueriesContext(connection) as context:
            response = client.get(f"/api/v1/c/tfc/{collection}/")
        assert response.status_code == 200, response.content
        assert response.json()["count"] == count
        return len(context.captured_queries)

    build_count = [0]
    assert queries_for(5) == queries_for(30)


def test_every_ledger_list_is_checked_for_its_queries() -> None:
    lists = {
        str(pattern.pattern).rstrip("/")
        for pattern in urlpatterns
        if "<" not in str(pattern.pattern) and str(pattern.pattern) not in ("governance/",)
    }
    assert lists - {"engagement/summary"} == set(BUILDERS)
