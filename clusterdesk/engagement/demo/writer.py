"""Writing a demo cluster's engagement ledger: a fixed number of bulk inserts per table (in
batches the database allows), never a query per row."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date

from django.db import transaction

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

from .organisation import OrganisationPlan
from .plan import LedgerPlan, Participant, ledger_plan, ledger_table

SOURCE = "demo"


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


def _ledger_write(
    cluster: Cluster,
    plan: LedgerPlan,
    organisations: Sequence[Organisation],
    people: dict[int, list[tuple[int, str]]],
    users: dict[str, User],
) -> None:
    contacts = PersonalContact.objects.bulk_create(
        [
            PersonalContact(
                cluster=cluster,
                organisation=organisations[contact.participant],
                kind=contact.kind,
                date=contact.date,
                notes=contact.notes,
                source=SOURCE,
                created_by=users[contact.staff[0]],
            )
            for contact in plan.contacts
        ]
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
    FollowUpTask.objects.bulk_create(
        [
            FollowUpTask(
                cluster=cluster,
                title=task.title,
                due_on=task.due_on,
                assigned_to=users[task.assignee],
                organisation=organisations[plan.contacts[task.contact].participant],
                personal_contact=contacts[task.contact],
                done_on=task.done_on,
            )
            for task in plan.tasks
        ]
    )
    groups = WorkingGroup.objects.bulk_create(
        [
            WorkingGroup(
                cluster=cluster,
                name=group.name,
                theme=group.theme,
                description=group.description,
                chair=organisations[group.chair],
                chair_person_id=_first_person(people, organisations[group.chair]),
                started_on=group.started_on,
            )
            for group in plan.groups
        ]
    )
    MembersThrough = WorkingGroup.members.through
    MembersThrough.objects.bulk_create(
        [
            MembersThrough(workinggroup_id=row.pk, organisation_id=organisations[member].pk)
            for row, group in zip(groups, plan.groups, strict=True)
            for member in group.members
        ]
    )
    WorkingGroupOutput.objects.bulk_create(
        [
            WorkingGroupOutput(
                cluster=cluster,
                working_group=groups[output.group],
                title=output.title,
                date=output.date,
                description=output.description,
            )
            for output in plan.outputs
        ]
    )
    activities = Activity.objects.bulk_create(
        [
            Activity(
                cluster=cluster,
                kind=activity.kind,
                title=activity.title,
                starts_on=activity.starts_on,
                ends_on=activity.ends_on,
                place=activity.place,
                is_international=activity.is_international,
                working_group=None if activity.group is None else groups[activity.group],
                description=activity.description,
                source=SOURCE,
            )
            for activity in plan.activities
        ]
    )
    Involvement.objects.bulk_create(
        [
            Involvement(
                cluster=cluster,
                activity=activities[involvement.activity],
                organisation=organisations[involvement.participant],
                role=involvement.role,
                days=involvement.days,
                starts_on=plan.activities[involvement.activity].starts_on,
            )
            for involvement in plan.involvements
        ]
    )


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
    staff = StaffMember.objects.bulk_create(
        [
            StaffMember(
                cluster=cluster,
                full_name=member.full_name,
                user=users.get(member.user) if member.user else None,
                post=member.post,
                fte=member.fte,
                started_on=member.started_on,
                ended_on=member.ended_on,
            )
            for member in plan.staff
        ]
    )
    TrainingRecord.objects.bulk_create(
        [
            TrainingRecord(
                cluster=cluster,
                staff_member=staff[training.staff],
                date=training.date,
                days=training.days,
                topic=training.topic,
                provider=training.provider,
            )
            for training in plan.training
        ]
    )
    governance = plan.governance
    Governance.objects.create(
        cluster=cluster,
        legal_form=governance.legal_form,
        statutes_define_benefits_and_duties=governance.statutes_define_benefits_and_duties,
        statutes_updated_on=governance.statutes_updated_on,
        general_manager=governance.general_manager,
        general_manager_since=governance.general_manager_since,
    )
    GeneralAssembly.objects.bulk_create(
        [
            GeneralAssembly(cluster=cluster, date=assembly.date, notes=assembly.notes)
            for assembly in plan.assemblies
        ]
    )
    BoardMember.objects.bulk_create(
        [
            BoardMember(
                cluster=cluster,
                full_name=member.full_name,
                organisation=organisations[member.participant],
                board_role=member.board_role,
                appointment=member.appointment,
                started_on=member.started_on,
                ended_on=member.ended_on,
            )
            for member in plan.board
        ]
    )
    Committee.objects.bulk_create(
        [
            Committee(
                cluster=cluster,
                kind=committee.kind,
                name=committee.name,
                started_on=committee.started_on,
            )
            for committee in plan.committees
        ]
    )
    BudgetLine.objects.bulk_create(
        [
            BudgetLine(
                cluster=cluster,
                year=line.year,
                source=line.source,
                planned=line.planned,
                actual=line.actual,
            )
            for line in plan.budget
        ]
    )
    FundingCommitment.objects.bulk_create(
        [
            FundingCommitment(
                cluster=cluster,
                funder=commitment.funder,
                source=commitment.source,
                amount=commitment.amount,
                starts_on=commitment.starts_on,
                runs_to=commitment.runs_to,
            )
            for commitment in plan.commitments
        ]
    )
    StrategyDocument.objects.bulk_create(
        [
            StrategyDocument(
                cluster=cluster,
                title=document.title,
                adopted_on=document.adopted_on,
                updated_on=document.updated_on,
            )
            for document in plan.strategies
        ]
    )
    PlanAction.objects.bulk_create(
        [
            PlanAction(
                cluster=cluster,
                year=action.year,
                title=action.title,
                indicator=action.indicator,
                target_value=action.target_value,
                unit=action.unit,
                budget=action.budget,
                owner=users[action.owner],
                due_on=action.due_on,
                status=action.status,
                achieved_value=action.achieved_value,
            )
            for action in plan.actions
        ]
    )
    WebPresence.objects.bulk_create(
        [
            WebPresence(
                cluster=cluster,
                url=site.url,
                languages=list(site.languages),
                last_updated_on=site.last_updated_on,
                contact_page_url=site.contact_page_url,
            )
            for site in plan.sites
        ]
    )
    SocialChannel.objects.bulk_create(
        [SocialChannel(cluster=cluster, network=network, url=url) for network, url in plan.channels]
    )
    stories = SuccessStory.objects.bulk_create(
        [
            SuccessStory(
                cluster=cluster,
                title=story.title,
                text=story.text,
                published_on=story.published_on,
                complexity=story.complexity,
                impact_on_participants=story.impact_on_participants,
                objectives_achieved=story.objectives_achieved,
                sustainability=story.sustainability,
            )
            for story in plan.stories
        ]
    )
    StoryThrough = SuccessStory.participants.through
    StoryThrough.objects.bulk_create(
        [
            StoryThrough(successstory_id=row.pk, organisation_id=organisations[participant].pk)
            for row, story in zip(stories, plan.stories, strict=True)
            for participant in story.participants
        ]
    )
