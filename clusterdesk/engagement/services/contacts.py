"""Every write to the contact log and the follow-up tasks: the pages, the quick-log box, the
imports and the API call these, so each rule is written once."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from clusterdesk.engagement import rules
from clusterdesk.engagement.contact_import import (
    REJECTED,
    ContactDraft,
    build_plan,
    upload_discard,
    upload_read,
)
from clusterdesk.engagement.models import ContactKind, FollowUpTask, PersonalContact
from clusterdesk.lib.errors import DomainError, raise_first
from clusterdesk.participants.models import Contact, Organisation
from clusterdesk.tenancy.access import EDIT_ROLES
from clusterdesk.tenancy.audit import audit_entry, diff, snapshot
from clusterdesk.tenancy.models import AuditAction, AuditEntry, Cluster, User

from .records import Changes, links_replace, record_create, record_delete, record_update

FollowUp = tuple[str, date | None, Any]  # (title, due on, assignee or None)
CONTACT_FIELDS = ("organisation", "kind", "date", "notes")  # as the audit log shows a change
TASK_TITLE_LENGTH = 255


def team_members(cluster: Cluster) -> QuerySet[User]:
    """The cluster's management team: the people who make personal contacts."""
    return (
        User.objects.filter(
            memberships__cluster=cluster, memberships__role__in=EDIT_ROLES, is_active=True
        )
        .distinct()
        .order_by("full_name", "email")
    )


def personal_contact_problems(
    *,
    cluster_id: int,
    organisation: Organisation | None,
    kind: str,
    date: date | None,
    staff: Sequence[Any],
    people_met: Sequence[Contact],
    team_ids: set[int],
    today: date,
    kept_staff_ids: Iterable[int] = (),
) -> list[tuple[str, str]]:
    """What is wrong with a personal contact, as (field, message); empty when it may be saved.

    ``team_ids``: the users who may be named as staff (the cluster's managers and staff);
    ``kept_staff_ids``: staff already on the contact, who stay even after leaving the team.
    """
    problems: list[tuple[str, str]] = []
    if organisation is None:
        problems.append(("organisation", _("Choose the participant you were in contact with.")))
    else:
        problems += rules.same_cluster_problems(cluster_id, [organisation], "organisation")
    if kind not in ContactKind.values:
        problems.append(("kind", _("Choose what kind of contact it was.")))
    if date is None:
        problems.append(("date", _("Give the date of the contact.")))
    else:
        problems += rules.not_in_future(date, "date", today=today)
    allowed = team_ids | set(kept_staff_ids)
    if not staff:
        problems.append(("staff", _("Name at least one member of the team.")))
    for person in staff:
        if person.pk not in allowed:
            problems.append(
                ("staff", _("%(name)s is not on this cluster's team.") % {"name": person})
            )
            break
    if organisation is not None:
        for contact in people_met:
            if contact.cluster_id != cluster_id or contact.organisation_id != organisation.pk:
                problems.append(
                    (
                        "people_met",
                        _("%(person)s does not work at %(organisation)s.")
                        % {"person": contact, "organisation": organisation},
                    )
                )
                break
    return problems


def follow_up_problems(
    *, title: str, due_on: date | None, assignee: Any, team_ids: set[int], prefix: str = ""
) -> list[tuple[str, str]]:
    """A task needs what is to be done and when; it goes to someone of the team. The fields
    are ``title``, ``due_on`` and ``assignee``, after ``prefix`` (``follow_up_`` on the
    contact form)."""
    problems: list[tuple[str, str]] = []
    if not title.strip():
        problems.append((f"{prefix}title", _("Say what is to be done.")))
    elif len(title) > TASK_TITLE_LENGTH:
        problems.append(
            (
                f"{prefix}title",
                _("Keep the task under %(limit)s characters.") % {"limit": TASK_TITLE_LENGTH},
            )
        )
    if due_on is None:
        problems.append((f"{prefix}due_on", _("Give the date the task is due.")))
    if assignee is not None and assignee.pk not in team_ids:
        problems.append(
            (f"{prefix}assignee", _("%(name)s is not on this cluster's team.") % {"name": assignee})
        )
    return problems


def _team_ids(cluster: Cluster) -> set[int]:
    return set(team_members(cluster).values_list("pk", flat=True))


def personal_contact_log(
    *,
    cluster: Cluster,
    actor: Any,
    organisation: Organisation | None,
    kind: str,
    date: date | None,
    staff: Sequence[Any] = (),
    people_met: Sequence[Contact] = (),
    notes: str = "",
    follow_up: FollowUp | None = None,
    source: str = "web",
    external_id: str = "",
) -> PersonalContact:
    """Log a personal contact; with ``follow_up`` its follow-up task is created with it."""
    staff = list(staff) or ([actor] if actor is not None else [])
    people_met = list(people_met)
    team_ids = _team_ids(cluster)
    raise_first(
        personal_contact_problems(
            cluster_id=cluster.pk,
            organisation=organisation,
            kind=kind,
            date=date,
            staff=staff,
            people_met=people_met,
            team_ids=team_ids,
            today=timezone.localdate(),
        )
    )
    if follow_up is not None:
        title, due_on, assignee = follow_up
        raise_first(
            follow_up_problems(
                title=title,
                due_on=due_on,
                assignee=assignee or actor,
                team_ids=team_ids,
                prefix="follow_up_",
            )
        )

    def attach(contact: PersonalContact) -> Changes:
        contact.staff.set(staff)
        contact.people_met.set(people_met)
        if follow_up is not None:
            title, due_on, assignee = follow_up
            FollowUpTask.objects.create(
                cluster=cluster,
                title=title.strip(),
                due_on=due_on,
                assigned_to=assignee or actor,
                organisation=organisation,
                personal_contact=contact,
            )
        return {}

    return record_create(
        model=PersonalContact,
        cluster=cluster,
        actor=actor,
        data={"organisation": organisation, "kind": kind, "date": date, "notes": notes},
        fields=CONTACT_FIELDS,
        source=source,
        unaudited={
            "source": source,
            "external_id": external_id,
            "created_by": actor if getattr(actor, "is_authenticated", False) else None,
        },
        related=attach,
    )


def personal_contact_update(
    *,
    contact: PersonalContact,
    actor: Any,
    organisation: Organisation | None,
    kind: str,
    date: date | None,
    staff: Sequence[Any] = (),
    people_met: Sequence[Contact] = (),
    notes: str = "",
    source: str = "web",
) -> PersonalContact:
    cluster = contact.cluster
    staff = list(staff) or ([actor] if actor is not None else [])
    people_met = list(people_met)
    raise_first(
        personal_contact_problems(
            cluster_id=cluster.pk,
            organisation=organisation,
            kind=kind,
            date=date,
            staff=staff,
            people_met=people_met,
            team_ids=_team_ids(cluster),
            today=timezone.localdate(),
            kept_staff_ids=contact.staff.values_list("pk", flat=True),
        )
    )
    staff_before, people_before = list(contact.staff.all()), list(contact.people_met.all())

    def relink(contact: PersonalContact) -> Changes:
        # Its open tasks follow the contact to its participant.
        contact.tasks.exclude(organisation=organisation).update(organisation=organisation)
        return {
            **links_replace(contact.staff, before=staff_before, after=staff, name="staff"),
            **links_replace(
                contact.people_met, before=people_before, after=people_met, name="people_met"
            ),
        }

    return record_update(
        instance=contact,
        actor=actor,
        data={"organisation": organisation, "kind": kind, "date": date, "notes": notes},
        fields=CONTACT_FIELDS,
        source=source,
        related=relink,
    )


def personal_contact_delete(*, contact: PersonalContact, actor: Any, source: str = "web") -> None:
    """Delete a contact and its follow-up tasks."""
    record_delete(
        instance=contact,
        actor=actor,
        source=source,
        changes=diff(snapshot(contact, CONTACT_FIELDS), {}),
    )


# --------------------------------------------------------------------------- imports


def personal_contacts_import(
    *, cluster: Cluster, actor: Any, drafts: Sequence[ContactDraft], source: str
) -> list[PersonalContact]:
    """Write many contacts at once, all or none: the same rules as one contact logged by hand,
    checked with a fixed number of queries whatever the number of drafts."""
    organisations = Organisation.objects.for_cluster(cluster).in_bulk(
        {draft.organisation_id for draft in drafts}
    )
    people = Contact.objects.for_cluster(cluster).in_bulk(
        {pk for draft in drafts for pk in draft.people_ids}
    )
    team = {user.pk: user for user in team_members(cluster)}
    today = timezone.localdate()
    for draft in drafts:
        problems = []
        if any(pk not in team for pk in draft.staff_ids):
            problems.append(("staff", _("A staff member is no longer on this cluster's team.")))
        if any(pk not in people for pk in draft.people_ids):
            problems.append(("people_met", _("A person met is no longer in the registry.")))
        problems += personal_contact_problems(
            cluster_id=cluster.pk,
            organisation=organisations.get(draft.organisation_id),
            kind=draft.kind,
            date=draft.date,
            staff=[team[pk] for pk in draft.staff_ids if pk in team],
            people_met=[people[pk] for pk in draft.people_ids if pk in people],
            team_ids=set(team),
            today=today,
        )
        if problems:
            field_name, message = problems[0]
            where = draft.row or str(draft.organisation_id)
            raise DomainError(f"{where}: {message}", field=field_name)
    created_by = actor if getattr(actor, "is_authenticated", False) else None
    with transaction.atomic():
        contacts = PersonalContact.objects.bulk_create(
            [
                PersonalContact(
                    cluster=cluster,
                    organisation_id=draft.organisation_id,
                    kind=draft.kind,
                    date=draft.date,
                    notes=draft.notes,
                    source=source,
                    external_id=draft.external_id,
                    created_by=created_by,
                )
                for draft in drafts
            ],
            batch_size=500,
        )
        staff_links = PersonalContact.staff.through
        people_links = PersonalContact.people_met.through
        staff_links.objects.bulk_create(
            [
                staff_links(personalcontact_id=contact.pk, user_id=user_id)
                for contact, draft in zip(contacts, drafts, strict=True)
                for user_id in dict.fromkeys(draft.staff_ids)
            ],
            batch_size=1000,
        )
        people_links.objects.bulk_create(
            [
                people_links(personalcontact_id=contact.pk, contact_id=person_id)
                for contact, draft in zip(contacts, drafts, strict=True)
                for person_id in dict.fromkeys(draft.people_ids)
            ],
            batch_size=1000,
        )
        AuditEntry.objects.bulk_create(
            [
                audit_entry(
                    cluster=cluster,
                    actor=actor,
                    action=AuditAction.IMPORTED,
                    instance=contact,
                    changes={
                        "date": [None, contact.date.isoformat()],
                        "kind": [None, contact.kind],
                    },
                    source=source,
                )
                for contact in contacts
            ],
            batch_size=500,
        )
    return contacts


def contact_import_apply(*, cluster: Cluster, actor: Any, upload: str) -> int:
    """Apply an uploaded contact file whole: every contact it adds, or none. The preview is
    computed again from the file, so what is already in the log is never added twice."""
    content = upload_read(cluster=cluster, name=upload)
    if content is None:
        raise DomainError(_("This file is no longer here; upload it again."), "file")
    with transaction.atomic():
        # One import of a cluster at a time: the second sees what the first added.
        Cluster.objects.select_for_update().filter(pk=cluster.pk).first()
        plan = build_plan(cluster, actor, content, upload)
        if plan.file_errors or plan.counts[REJECTED]:
            raise DomainError(
                _("Some rows must be fixed first; nothing was imported."), code="rejected"
            )
        drafts = plan.drafts
        if drafts:
            personal_contacts_import(
                cluster=cluster, actor=actor, drafts=drafts, source=plan.source
            )
        transaction.on_commit(lambda: upload_discard(cluster=cluster, name=upload))
    return len(drafts)


# --------------------------------------------------------------------------- follow-up tasks


def task_create(
    *,
    cluster: Cluster,
    actor: Any,
    title: str,
    due_on: date | None,
    assignee: Any = None,
    organisation: Organisation | None = None,
    personal_contact: PersonalContact | None = None,
) -> FollowUpTask:
    """A follow-up task; nobody named means the person creating it."""
    assignee = assignee or actor
    problems = follow_up_problems(
        title=title, due_on=due_on, assignee=assignee, team_ids=_team_ids(cluster)
    )
    problems += rules.same_cluster_problems(cluster.pk, [organisation], "organisation")
    if personal_contact is not None and personal_contact.cluster_id != cluster.pk:
        problems.append(("personal_contact", _("This contact is not of this cluster.")))
    raise_first(problems)
    if personal_contact is not None and organisation is None:
        organisation = personal_contact.organisation
    return FollowUpTask.objects.create(
        cluster=cluster,
        title=title.strip(),
        due_on=due_on,
        assigned_to=assignee,
        organisation=organisation,
        personal_contact=personal_contact,
    )


def task_complete(*, task: FollowUpTask, actor: Any, on: date | None = None) -> FollowUpTask:
    """Mark a task done (today unless ``on`` says when); done twice keeps the first date."""
    if task.done_on is None:
        task.done_on = on or timezone.localdate()
        task.save(update_fields=["done_on", "updated_at"])
    return task


def task_reopen(*, task: FollowUpTask, actor: Any) -> FollowUpTask:
    if task.done_on is not None:
        task.done_on = None
        task.save(update_fields=["done_on", "updated_at"])
    return task
