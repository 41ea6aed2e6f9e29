"""Writing a demo cluster's engagement ledger: a fixed number of bulk inserts per table (in
batches the database allows), never a query per row."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import fields
from datetime import date
from typing import Any, TypeVar

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import models, transaction
from django.utils.text import slugify

from clusterdesk.engagement.models import (
    Activity,
    BoardMember,
    BudgetLine,
    Committee,
    FollowUpTask,
    FundingCommitment,
    GeneralAssembly,
    Governance,
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
from clusterdesk.participants.models import Contact, Organisation
from clusterdesk.tenancy.models import Cluster, Membership, User

from .organisation import OrganisationPlan, PlannedStaff
from .plan import LedgerPlan, Participant, ledger_plan, ledger_table

SOURCE = "demo"

M = TypeVar("M", bound=models.Model)


def engagement_demo_seed(
    *,
    cluster: Cluster,
    organisations: Sequence[Organisation],
    memberships: Sequence[Membership],
    reference_date: date,
) -> LedgerPlan | None:
    """Write the engagement ledger of a demo cluster whose registry and memberships were just
    written: ``organisations`` in the order the registry was planned, ``memberships`` the demo
    accounts (their roles say who is the manager, the staff member and the board viewer, and
    which organisation the member representative speaks for). Nothing is written for a cluster
    without a table in ``data/``. Returns what was written."""
    table = ledger_table(cluster.slug)
    if table is None:
        return None
    people: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for pk, organisation_id, first_name, last_name in (
        Contact.objects.filter(cluster=cluster)
        .order_by("pk")
        .values_list("pk", "organisation_id", "first_name", "last_name")
    ):
        people[organisation_id].append((pk, f"{first_name} {last_name}"))
    users = {membership.role: membership.user for membership in memberships}
    represented = {m.organisation_id for m in memberships if m.organisation_id}
    participants = [
        Participant(
            category=organisation.category,
            commitment=organisation.commitment,
            employees=organisation.employees or 0,
            city=organisation.city,
            people=tuple(name for _, name in people[organisation.pk]),
            represented=organisation.pk in represented,
        )
        for organisation in organisations
    ]
    plan = ledger_plan(
        table,
        participants,
        reference_date=reference_date,
        team={role: user.full_name for role, user in users.items()},
    )
    with transaction.atomic():
        _ledger_write(cluster, plan, organisations, people, users)
        assert plan.organisation is not None
        _organisation_write(cluster, plan.organisation, organisations, users)
    return plan


def _columns(model: type[models.Model], item: object) -> dict[str, object]:
    """The planned ``item``'s fields that are plain (non-relation) columns of ``model``."""
    columns = {f.name for f in model._meta.concrete_fields if not f.is_relation}
    return {f.name: getattr(item, f.name) for f in fields(item) if f.name in columns}


def _write(
    model: type[M], cluster: Cluster, items: Sequence[Any], **links: Callable[[Any], object]
) -> list[M]:
    """Bulk-insert one ``model`` row per planned item: its matching columns, plus each of
    ``links`` (a field name and how to get its value from the item), which wins over a column."""
    return model.objects.bulk_create(
        [
            model(
                cluster=cluster,
                **(_columns(model, item) | {name: link(item) for name, link in links.items()}),
            )
            for item in items
        ]
    )


def _ledger_write(
    cluster: Cluster,
    plan: LedgerPlan,
    organisations: Sequence[Organisation],
    people: dict[int, list[tuple[int, str]]],
    users: dict[str, User],
) -> None:
    contacts = _write(
        PersonalContact,
        cluster,
        plan.contacts,
        organisation=lambda contact: organisations[contact.participant],
        source=lambda _: SOURCE,
        created_by=lambda contact: users[contact.staff[0]],
    )
    StaffThrough = PersonalContact.staff.through
    StaffThrough.objects.bulk_create(
        [
            StaffThrough(personalcontact_id=row.pk, user_id=users[role].pk)
            for row, contact in zip(contacts, plan.contacts, strict=True)
            for role in contact.staff
        ]
    )
    MetThrough = PersonalContact.people_met.through
    MetThrough.objects.bulk_create(
        [
            MetThrough(
                personalcontact_id=row.pk,
                contact_id=people[organisations[contact.participant].pk][person][0],
            )
            for row, contact in zip(contacts, plan.contacts, strict=True)
            for person in contact.people_met
        ]
    )
    _write(
        FollowUpTask,
        cluster,
        plan.tasks,
        assigned_to=lambda task: users[task.assignee],
        organisation=lambda task: organisations[plan.contacts[task.contact].participant],
        personal_contact=lambda task: contacts[task.contact],
    )
    groups = _write(
        WorkingGroup,
        cluster,
        plan.groups,
        chair=lambda group: organisations[group.chair],
        chair_person_id=lambda group: _first_person(people, organisations[group.chair]),
    )
    MembersThrough = WorkingGroup.members.through
    MembersThrough.objects.bulk_create(
        [
            MembersThrough(workinggroup_id=row.pk, organisation_id=organisations[member].pk)
            for row, group in zip(groups, plan.groups, strict=True)
            for member in group.members
        ]
    )
    _write(
        WorkingGroupOutput,
        cluster,
        plan.outputs,
        working_group=lambda output: groups[output.group],
    )
    activities = _write(
        Activity,
        cluster,
        plan.activities,
        working_group=lambda activity: None if activity.group is None else groups[activity.group],
        source=lambda _: SOURCE,
    )
    _write(
        Involvement,
        cluster,
        plan.involvements,
        activity=lambda involvement: activities[involvement.activity],
        organisation=lambda involvement: organisations[involvement.participant],
        starts_on=lambda involvement: plan.activities[involvement.activity].starts_on,
    )


def _job_description_file(cluster: Cluster, member: PlannedStaff) -> str:
    """The stored job description of a planned team member ("" for none): a text file named
    by its content, written once and shared by every later load of the same demo."""
    if not member.job_description:
        return ""
    text = member.job_description.encode()
    digest = hashlib.sha256(text).hexdigest()[:10]
    # Short enough for the file column (100 characters), whatever the post is called.
    name = f"team/demo/{cluster.slug[:30]}/job-{slugify(member.post)[:30]}-{digest}.txt"
    if not default_storage.exists(name):
        name = default_storage.save(name, ContentFile(text))
    return name


def _first_person(
    people: dict[int, list[tuple[int, str]]], organisation: Organisation
) -> int | None:
    found = people[organisation.pk]
    return found[0][0] if found else None


def _organisation_write(
    cluster: Cluster,
    plan: OrganisationPlan,
    organisations: Sequence[Organisation],
    users: dict[str, User],
) -> None:
    staff = _write(
        StaffMember,
        cluster,
        plan.staff,
        user=lambda member: users.get(member.user) if member.user else None,
        job_description=lambda member: _job_description_file(cluster, member),
    )
    _write(
        TrainingRecord,
        cluster,
        plan.training,
        staff_member=lambda training: staff[training.staff],
    )
    Governance.objects.create(cluster=cluster, **_columns(Governance, plan.governance))
    _write(GeneralAssembly, cluster, plan.assemblies)
    _write(
        BoardMember,
        cluster,
        plan.board,
        organisation=lambda member: organisations[member.participant],
    )
    _write(Committee, cluster, plan.committees)
    _write(BudgetLine, cluster, plan.budget)
    _write(FundingCommitment, cluster, plan.commitments)
    _write(StrategyDocument, cluster, plan.strategies)
    _write(PlanAction, cluster, plan.actions, owner=lambda action: users[action.owner])
    _write(WebPresence, cluster, plan.sites, languages=lambda site: list(site.languages))
    SocialChannel.objects.bulk_create(
        [SocialChannel(cluster=cluster, network=network, url=url) for network, url in plan.channels]
    )
    stories = _write(SuccessStory, cluster, plan.stories)
    StoryThrough = SuccessStory.participants.through
    StoryThrough.objects.bulk_create(
        [
            StoryThrough(successstory_id=row.pk, organisation_id=organisations[participant].pk)
            for row, story in zip(stories, plan.stories, strict=True)
            for participant in story.participants
        ]
    )
