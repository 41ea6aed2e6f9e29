"""Meeting requests of a B2B day: one person asks another, with a short message, possibly
about an offer or request of the marketplace; the other accepts or declines; the requester may
withdraw. Quotas: a person's **accepted** meetings never pass their quota, and the requests
they have **sent and that wait for an answer** are capped at the quota too (so nobody asks
everyone at once). The invitee is e-mailed when a request arrives, the requester when it is
answered, each in their language, by a background task once the change is saved."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from clusterdesk.lib.errors import DomainError
from clusterdesk.matchmaking.models import Listing
from clusterdesk.tenancy.audit import audit_record
from clusterdesk.tenancy.models import AuditAction

from ..models import (
    Event,
    EventStatus,
    MeetingPlacement,
    MeetingRequest,
    Registration,
    RegistrationStatus,
    RequestStatus,
)
from ..queries.meetings import available_slot_counts, quota_of, registration_counts

MESSAGE_LENGTH = 500
ANSWER_LENGTH = 300


def _taking_part_problem(person: Registration) -> str:
    if person.status == RegistrationStatus.CANCELLED:
        return _("%(name)s's registration is cancelled.") % {"name": person.display_name}
    if person.status != RegistrationStatus.CONFIRMED:
        return _("%(name)s is on the waiting list, not yet registered.") % {
            "name": person.display_name
        }
    if not person.wants_meetings:
        return _("%(name)s does not take part in the B2B meetings.") % {"name": person.display_name}
    return ""


def _same_organisation(a: Registration, b: Registration) -> bool:
    if a.organisation_id and a.organisation_id == b.organisation_id:
        return True
    return bool(
        not a.organisation_id
        and not b.organisation_id
        and a.guest_organisation.strip()
        and a.guest_organisation.strip().lower() == b.guest_organisation.strip().lower()
    )


def _meetings_full(person: Registration, accepted: int) -> str:
    quota = quota_of(person)
    if accepted >= quota:
        return _("%(name)s already has %(count)s accepted meetings, their quota.") % {
            "name": person.display_name,
            "count": accepted,
        }
    return ""


def _check_open(event: Any, now: datetime) -> None:
    if not event.has_meetings:
        raise DomainError(_("This event has no B2B meetings."))
    if event.status == EventStatus.CANCELLED:
        raise DomainError(_("The event is cancelled."))
    if now >= event.starts_at:
        raise DomainError(_("The meeting day has started: requests are closed."))


def request_problem(
    requester: Registration, invitee: Registration, *, message: str
) -> tuple[str, str] | None:
    """The first reason the request cannot be made, as (field, message), or None."""
    event = requester.event
    if requester.pk == invitee.pk or _same_organisation(requester, invitee):
        return "invitee", _("This is a request to oneself: choose someone of another organisation.")
    if invitee.event_id != requester.event_id:
        return "invitee", _("Choose someone registered for this event.")
    for field, person in (("requester", requester), ("invitee", invitee)):
        problem = _taking_part_problem(person)
        if problem:
            return field, problem
    if len(message) > MESSAGE_LENGTH:
        return "message", _("The message has %(max)s characters at most (it has %(count)s).") % {
            "max": MESSAGE_LENGTH,
            "count": len(message),
        }
    between = MeetingRequest.objects.filter(
        Q(requester=requester, invitee=invitee) | Q(requester=invitee, invitee=requester),
        event=event,
        status__in=(RequestStatus.PENDING, RequestStatus.ACCEPTED),
    ).first()
    if between is not None:
        return "invitee", _(
            "%(first)s and %(second)s already have a request (%(status)s): a second one is "
            "not needed."
        ) % {
            "first": requester.display_name,
            "second": invitee.display_name,
            "status": between.get_status_display().lower(),
        }
    if MeetingRequest.objects.filter(
        event=event, requester=requester, invitee=invitee, status=RequestStatus.DECLINED
    ).exists():
        return "invitee", _("%(name)s declined this request already.") % {
            "name": invitee.display_name
        }
    mine = registration_counts(requester)
    full = _meetings_full(requester, mine.accepted)
    if full:
        return "requester", full
    if mine.pending_sent >= quota_of(requester):
        return "requester", _(
            "%(name)s has %(count)s requests waiting for an answer, as many as their quota: "
            "wait for answers or withdraw one."
        ) % {"name": requester.display_name, "count": mine.pending_sent}
    full = _meetings_full(invitee, registration_counts(invitee).accepted)
    if full:
        return "invitee", full
    return None


def meeting_request_create(
    *,
    requester: Registration,
    invitee: Registration,
    actor: Any,
    message: str = "",
    listing: Listing | None = None,
    source: str = "web",
    now: datetime | None = None,
    notify: bool = True,
) -> MeetingRequest:
    """Ask for a meeting. A request withdrawn earlier between the same two is asked again.
    ``notify=False`` (the demo) sends no e-mail."""
    event = requester.event
    message = (message or "").strip()
    _check_open(event, now or timezone.now())
    if listing is not None and listing.cluster_id != event.cluster_id:
        raise DomainError(_("Choose an offer or request of this cluster."), field="listing")
    with transaction.atomic():
        _lock_day(event.pk, requester, invitee)
        problem = request_problem(requester, invitee, message=message)
        if problem:
            raise DomainError(problem[1], field=problem[0])
        meeting, _created = MeetingRequest.objects.update_or_create(
            event=event,
            requester=requester,
            invitee=invitee,
            defaults={
                "cluster_id": event.cluster_id,
                "message": message,
                "listing": listing,
                "status": RequestStatus.PENDING,
                "answer": "",
                "answered_at": None,
            },
        )
        audit_record(
            cluster=event.cluster,
            actor=actor,
            action=AuditAction.CREATED,
            instance=meeting,
            changes={"message": message, "listing": str(listing or "")},
            source=source,
        )
        if notify:
            _mail_later(meeting.pk, "new")
    return meeting


def _answer(
    meeting: MeetingRequest, *, actor: Any, status: str, answer: str, source: str, notify: bool
) -> MeetingRequest:
    answer = (answer or "").strip()
    if len(answer) > ANSWER_LENGTH:
        raise DomainError(
            _("The answer has %(max)s characters at most.") % {"max": ANSWER_LENGTH}, field="answer"
        )
    before = meeting.status
    meeting.status, meeting.answer, meeting.answered_at = status, answer, timezone.now()
    with transaction.atomic():
        meeting.save(update_fields=["status", "answer", "answered_at", "updated_at"])
        audit_record(
            cluster=meeting.event.cluster,
            actor=actor,
            action=AuditAction.CHANGED,
            instance=meeting,
            changes={"status": [before, status]},
            source=source,
        )
        if notify:
            _mail_later(meeting.pk, "answered")
    return meeting


def _lock_day(event_id: int, *people: Registration) -> None:
    """Check and write one change of the day's requests at a time: the event's row is the
    lock (on SQLite the IMMEDIATE transaction is). The people are read again under the lock,
    as they may have cancelled or changed their quota meanwhile."""
    Event.objects.select_for_update().filter(pk=event_id).first()
    for person in people:
        person.refresh_from_db(fields=["status", "wants_meetings", "meeting_quota"])


def _lock_meeting(meeting: MeetingRequest, *people: Registration) -> None:
    """The day locked, and the request's status read again (it may have been answered or
    withdrawn meanwhile)."""
    _lock_day(meeting.event_id, *people)
    meeting.refresh_from_db(fields=["status"])


def _pending_only(meeting: MeetingRequest) -> None:
    if meeting.status != RequestStatus.PENDING:
        raise DomainError(
            _("This request is no longer waiting for an answer (%(status)s).")
            % {"status": meeting.get_status_display().lower()}
        )


def meeting_request_accept(
    *,
    meeting: MeetingRequest,
    actor: Any,
    answer: str = "",
    source: str = "web",
    now: datetime | None = None,
    notify: bool = True,
) -> MeetingRequest:
    """Accept: refused if either side's accepted meetings would pass their quota, or the
    invitee's meetings the slots they can meet in (more meetings than slots)."""
    with transaction.atomic():
        _lock_meeting(meeting, meeting.invitee, meeting.requester)
        _pending_only(meeting)
        _check_open(meeting.event, now or timezone.now())
        for person in (meeting.invitee, meeting.requester):
            problem = _taking_part_problem(person) or _meetings_full(
                person, registration_counts(person).accepted
            )
            if problem:
                raise DomainError(problem)
        has_slots = meeting.event.slots.exists()
        if has_slots:
            free = available_slot_counts(meeting.event, [meeting.invitee_id, meeting.requester_id])
            for person in (meeting.invitee, meeting.requester):
                accepted = registration_counts(person).accepted
                if accepted >= free[person.pk]:
                    raise DomainError(
                        _(
                            "%(name)s has %(count)s accepted meetings and is available for "
                            "%(free)s slots: more meetings than slots."
                        )
                        % {
                            "name": person.display_name,
                            "count": accepted,
                            "free": free[person.pk],
                        }
                    )
        return _answer(
            meeting,
            actor=actor,
            status=RequestStatus.ACCEPTED,
            answer=answer,
            source=source,
            notify=notify,
        )


def meeting_request_decline(
    *,
    meeting: MeetingRequest,
    actor: Any,
    answer: str = "",
    source: str = "web",
    notify: bool = True,
) -> MeetingRequest:
    with transaction.atomic():
        _lock_meeting(meeting)
        _pending_only(meeting)
        return _answer(
            meeting,
            actor=actor,
            status=RequestStatus.DECLINED,
            answer=answer,
            source=source,
            notify=notify,
        )


def meeting_request_withdraw(
    *, meeting: MeetingRequest, actor: Any, source: str = "web"
) -> MeetingRequest:
    """The requester takes the request back (waiting or accepted); an accepted meeting leaves
    the schedule, unless the organiser fixed it there."""
    with transaction.atomic():
        _lock_meeting(meeting)
        if meeting.status not in (RequestStatus.PENDING, RequestStatus.ACCEPTED):
            raise DomainError(
                _("This request is %(status)s: there is nothing to withdraw.")
                % {"status": meeting.get_status_display().lower()}
            )
        placement = MeetingPlacement.objects.filter(request=meeting).first()
        if placement is not None and placement.locked:
            raise DomainError(
                _("The organiser fixed this meeting in the schedule: ask them to unlock it first.")
            )
        before = meeting.status
        if placement is not None:
            placement.delete()
        meeting.status = RequestStatus.CANCELLED
        meeting.save(update_fields=["status", "updated_at"])
        audit_record(
            cluster=meeting.event.cluster,
            actor=actor,
            action=AuditAction.CHANGED,
            instance=meeting,
            changes={"status": [before, RequestStatus.CANCELLED]},
            source=source,
        )
    return meeting


# --------------------------------------------------------------------------- e-mails


def _mail_later(meeting_id: int, kind: str) -> None:
    transaction.on_commit(
        lambda: meeting_request_mail_task.enqueue(meeting_id=meeting_id, kind=kind)
    )


def language_of(person: Registration) -> str:
    languages = {code for code, _name in settings.LANGUAGES}
    for code in (
        person.language,
        person.contact.language if person.contact_id else "",
        *(person.cluster.local_languages or []),
    ):
        if code and code in languages:
            return code
    return settings.LANGUAGE_CODE.split("-")[0]


def meeting_request_mail(*, meeting: MeetingRequest, kind: str) -> bool:
    """E-mail the invitee about a new request (``kind="new"``) or the requester about its
    answer (``"answered"``). False when the person has no e-mail address."""
    to = meeting.invitee if kind == "new" else meeting.requester
    other = meeting.requester if kind == "new" else meeting.invitee
    if not to.email:
        return False
    event = meeting.event
    link = settings.SITE_URL + reverse("events_public:meetings", args=[to.token])
    with translation.override(language_of(to)):
        title = event.title_in(translation.get_language())
        names = {
            "name": other.display_name,
            "organisation": other.organisation_name,
            "event": title,
        }
        if kind == "new":
            subject = _("%(name)s asks you for a meeting at %(event)s") % names
            lines = [
                _("%(name)s (%(organisation)s) would like to meet you at %(event)s.") % names,
                f"\n“{meeting.message}”\n" if meeting.message else "",
                _("Accept or decline on your page:"),
            ]
        else:
            accepted = meeting.status == RequestStatus.ACCEPTED
            subject = (
                _("%(name)s accepted your meeting request") % names
                if accepted
                else _("%(name)s declined your meeting request") % names
            )
            lines = [
                subject + " (" + title + ").",
                f"\n“{meeting.answer}”\n" if meeting.answer else "",
                _("Your requests and, once scheduled, your agenda:"),
            ]
        body = "\n".join(line for line in lines if line) + f"\n{link}\n\n{event.cluster.name}\n"
    EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [to.email]).send()
    return True


@task()
def meeting_request_mail_task(meeting_id: int, kind: str) -> bool:
    meeting = (
        MeetingRequest.objects.select_related(
            "event__cluster",
            "requester__contact",
            "invitee__contact",
            "requester__cluster",
            "invitee__cluster",
            "requester__organisation",
            "invitee__organisation",
        )
        .filter(pk=meeting_id)
        .first()
    )
    if meeting is None:  # deleted while it waited
        return False
    return meeting_request_mail(meeting=meeting, kind=kind)
