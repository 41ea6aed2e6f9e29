"""The e-mail a registered person gets, in their language: the confirmation with the event's
.ics attached, or word that they are on the waiting list. Both link to the person's own page
(their registration, cancellation, calendar and, on a B2B day, their meetings)."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.translation import gettext as _

from .calendars import calendar_bytes, event_component
from .models import Registration, RegistrationStatus

ICS_TYPE = "text/calendar; method=PUBLISH; charset=utf-8"


def personal_link(registration: Registration) -> str:
    return settings.SITE_URL + reverse("events_public:registration", args=[registration.token])


def meeting_links(registration: Registration) -> dict[str, str]:
    """The B2B pages of a person on a meeting day, where those pages exist."""
    if not registration.event.has_meetings:
        return {}
    links = {}
    for name in ("meetings", "agenda"):
        try:
            links[name] = settings.SITE_URL + reverse(
                f"events_public:{name}", args=[registration.token]
            )
        except NoReverseMatch:
            continue
    return links


def registration_message(registration: Registration) -> EmailMessage | None:
    """The message for a registration as it stands now (none once cancelled or without an
    address)."""
    email = registration.email
    if not email or registration.status == RegistrationStatus.CANCELLED:
        return None
    event = registration.event
    language = registration.language or "en"
    confirmed = registration.status == RegistrationStatus.CONFIRMED
    with translation.override(language):
        context = {
            "registration": registration,
            "event": event,
            "title": event.title_in(language),
            "description": event.description_in(language),
            "cluster": event.cluster,
            "link": personal_link(registration),
            "meeting_links": meeting_links(registration),
            "confirmed": confirmed,
        }
        if confirmed:
            subject = _("You are registered: %(title)s")
        else:
            subject = _("You are on the waiting list: %(title)s")
        subject = subject % {"title": context["title"]}
        body = render_to_string("events/email/registration.txt", context)
    message = EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [email])
    if confirmed:
        ics = calendar_bytes(
            [event_component(event, language=language)], name=event.title_in(language)
        )
        message.attach("event.ics", ics, ICS_TYPE)
    return message


def registration_mail_send(registration_id: int) -> bool:
    """Send the registration's e-mail; False when there is nothing to send."""
    registration = (
        Registration.objects.select_related("event", "event__cluster", "contact", "cluster")
        .filter(pk=registration_id)
        .first()
    )
    if registration is None:
        return False
    message = registration_message(registration)
    if message is None:
        return False
    message.send()
    return True
