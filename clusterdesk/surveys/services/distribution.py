"""Who is asked: personal invitations to chosen contacts or to a segment of the registry, each
with its own link (one response per link), sent by e-mail in the contact's language by a
background task, and reminders to those who have not answered."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import models, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from clusterdesk.lib.errors import DomainError
from clusterdesk.participants.models import Category, Commitment, Contact

from ..models import Invitation, ResponseStatus, Survey, SurveyStatus


class Segment(models.TextChoices):
    EVERYONE = "everyone", gettext_lazy("Every contact with an e-mail address")
    COMMITTED = "committed", gettext_lazy("Contacts of committed participants")
    CATEGORY = "category", gettext_lazy("Contacts of participants of one category")


def segment_contacts(survey: Survey, segment: str, category: str = "") -> models.QuerySet:
    contacts = Contact.objects.for_cluster(survey.cluster).exclude(email="")
    if segment == Segment.EVERYONE:
        return contacts
    if segment == Segment.COMMITTED:
        return contacts.filter(organisation__commitment=Commitment.COMMITTED)
    if segment == Segment.CATEGORY:
        if category not in Category.values:
            raise DomainError(_("Choose a category."), field="category")
        return contacts.filter(organisation__category=category)
    raise DomainError(_("Choose whom to invite."), field="segment")


def invitations_add(
    *,
    survey: Survey,
    actor: Any,
    contacts: Iterable[Contact] = (),
    segment: str = "",
    category: str = "",
) -> int:
    """Invite chosen contacts and/or a segment; contacts already invited or without an e-mail
    address are left out. An open survey's invitations are sent at once (in the background),
    a draft's when it opens. Returns how many were invited."""
    if survey.status == SurveyStatus.CLOSED:
        raise DomainError(_("The survey is closed: reopen it to invite more people."))
    chosen = list(contacts)
    if any(contact.cluster_id != survey.cluster_id for contact in chosen):
        raise DomainError(_("Choose contacts of this cluster."), field="contacts")
    ids = {contact.pk for contact in chosen if contact.email}
    if segment:
        ids |= set(segment_contacts(survey, segment, category).values_list("pk", flat=True))
    if not ids and not chosen and not segment:
        raise DomainError(_("Choose the contacts or the segment to invite."), field="contacts")
    already = set(survey.invitations.values_list("contact_id", flat=True))
    new = (
        Contact.objects.for_cluster(survey.cluster)
        .filter(pk__in=ids - already)
        .exclude(email="")
        .only("pk", "email", "language")
        .order_by("pk")
    )
    user = actor if getattr(actor, "is_authenticated", False) else None
    with transaction.atomic():
        created = Invitation.objects.bulk_create(
            (
                Invitation(
                    cluster=survey.cluster,
                    survey=survey,
                    contact=contact,
                    email=contact.email,
                    language=survey.language_for(contact.language),
                    created_by=user,
                )
                for contact in new.iterator(chunk_size=2000)
            ),
            batch_size=1000,
        )
        if created and survey.status == SurveyStatus.OPEN:
            invitations_send_pending(survey=survey)
    return len(created)


def invitation_delete(*, invitation: Invitation, actor: Any) -> None:
    """Withdraw an invitation not answered yet; its link stops working."""
    response = getattr(invitation, "response", None)
    if response is not None and response.status == ResponseStatus.SUBMITTED:
        raise DomainError(_("This person has answered: the invitation stays."))
    invitation.delete()


def invitations_send_pending(*, survey: Survey) -> None:
    """Send, in the background once the transaction is saved, the invitations not sent yet."""
    from ..tasks import invitations_send_task

    survey_id = survey.pk
    transaction.on_commit(lambda: invitations_send_task.enqueue(survey_id=survey_id))


def to_remind(survey: Survey) -> models.QuerySet[Invitation]:
    """Invitations sent whose person has not sent their answers."""
    return survey.invitations.filter(sent_at__isnull=False).exclude(
        response__status=ResponseStatus.SUBMITTED
    )


def invitations_remind(*, survey: Survey, actor: Any) -> int:
    """Remind, by e-mail in the background, everyone invited who has not answered yet."""
    from ..tasks import invitations_send_task

    if not survey.accepts_answers:
        raise DomainError(_("Reminders are sent while the survey is open and before its deadline."))
    count = to_remind(survey).count()
    if not count:
        raise DomainError(_("Everyone invited has answered, or no invitation was sent yet."))
    survey_id = survey.pk
    transaction.on_commit(lambda: invitations_send_task.enqueue(survey_id=survey_id, reminder=True))
    return count


def answer_link(invitation: Invitation) -> str:
    return settings.SITE_URL + reverse("answer:token", args=[invitation.token])


def public_link(survey: Survey) -> str:
    return settings.SITE_URL + reverse("answer:public", args=[survey.public_key])


def _message(invitation: Invitation, survey: Survey, *, reminder: bool) -> EmailMessage:
    with translation.override(invitation.language):
        context = {
            "survey": survey,
            "title": survey.title_in(invitation.language),
            "intro": survey.intro_in(invitation.language),
            "contact": invitation.contact,
            "cluster": survey.cluster,
            "link": answer_link(invitation),
            "reminder": reminder,
        }
        subject = (
            _("Reminder: %(title)s")
            if reminder
            else _("%(cluster)s asks for your opinion: %(title)s")
        ) % {"title": context["title"], "cluster": survey.cluster.name}
        body = render_to_string("surveys/email/invitation.txt", context)
    return EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [invitation.email])


def invitations_send(*, survey: Survey, reminder: bool = False) -> int:
    """Send the invitations not sent yet (or, with ``reminder``, remind those who have not
    answered); each in its person's language. Returns how many e-mails went out."""
    if survey.status != SurveyStatus.OPEN:
        return 0
    if reminder:
        invitations = to_remind(survey)
    else:
        invitations = survey.invitations.filter(sent_at__isnull=True)
    invitations = invitations.select_related("contact").order_by("pk")
    sent = 0
    connection = get_connection()
    batch: list[Invitation] = []

    def flush() -> None:
        nonlocal sent
        if not batch:
            return
        connection.send_messages([_message(row, survey, reminder=reminder) for row in batch])
        now = timezone.now()
        ids = [row.pk for row in batch]
        if reminder:
            Invitation.objects.filter(pk__in=ids).update(
                reminded_at=now, reminders=models.F("reminders") + 1
            )
        else:
            Invitation.objects.filter(pk__in=ids).update(sent_at=now)
        sent += len(batch)
        batch.clear()

    for invitation in invitations.iterator(chunk_size=500):
        batch.append(invitation)
        if len(batch) == 100:
            flush()
    flush()
    return sent
