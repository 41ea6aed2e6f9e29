"""The event and who comes: registrations of participants' contacts and of guests, the waiting
list, check-in, and the calendar feeds."""

from __future__ import annotations

import secrets
from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from clusterdesk.engagement.models import Activity, ActivityKind
from clusterdesk.engagement.models.base import ClusterOwned
from clusterdesk.participants.models import Contact, Organisation


def new_token() -> str:
    return secrets.token_urlsafe(24)


class EventKind(models.TextChoices):
    SEMINAR = "seminar", _("Seminar")
    WORKSHOP = "workshop", _("Workshop")
    BARCAMP = "barcamp", _("BarCamp")
    CONFERENCE = "conference", _("Conference")
    NETWORKING = "networking", _("Networking event")
    TRAINING = "training", _("Training")
    DELEGATION = "delegation", _("Trade delegation")
    TRADE_FAIR = "trade_fair", _("Joint trade-fair stand")
    B2B_DAY = "b2b_day", _("B2B meeting day")


# The engagement ledger's activity kind for each event kind.
ACTIVITY_KIND = {
    EventKind.SEMINAR: ActivityKind.SEMINAR,
    EventKind.WORKSHOP: ActivityKind.WORKSHOP,
    EventKind.BARCAMP: ActivityKind.BARCAMP,
    EventKind.CONFERENCE: ActivityKind.LECTURE,
    EventKind.NETWORKING: ActivityKind.NETWORKING,
    EventKind.TRAINING: ActivityKind.TRAINING,
    EventKind.DELEGATION: ActivityKind.DELEGATION,
    EventKind.TRADE_FAIR: ActivityKind.JOINT_TRADE_FAIR,
    EventKind.B2B_DAY: ActivityKind.NETWORKING,
}


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Public: anyone may register")
    MEMBERS = "members", _("Members only")


class EventStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("event status", "Draft")
    PUBLISHED = "published", pgettext_lazy("event status", "Published")
    CANCELLED = "cancelled", pgettext_lazy("event status", "Cancelled")


class RegistrationRole(models.TextChoices):
    ATTENDEE = "attendee", _("Attendee")
    SPEAKER = "speaker", _("Speaker")
    EXHIBITOR = "exhibitor", _("Exhibitor")
    MODERATOR = "moderator", _("Moderator or host")
    ORGANISER = "organiser", _("Co-organiser")


DEFAULT_ACTIVE_ROLES = [
    RegistrationRole.SPEAKER.value,
    RegistrationRole.EXHIBITOR.value,
    RegistrationRole.MODERATOR.value,
    RegistrationRole.ORGANISER.value,
]


class Event(ClusterOwned):
    """An event of the cluster. It extends an activity of the engagement ledger: attendance
    checked in becomes that activity's involvement records.

    ``title`` and ``description`` are in the cluster's first language; ``translations`` holds
    the others as ``{"it": {"title": …, "description": …}}``."""

    activity = models.OneToOneField(
        Activity,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="event",
        verbose_name=_("activity in the engagement ledger"),
    )
    kind = models.CharField(_("kind"), max_length=16, choices=EventKind.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    language = models.CharField(_("language of the title"), max_length=8, default="en")
    translations = models.JSONField(_("translations"), default=dict, blank=True)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    place = models.CharField(pgettext_lazy("venue", "place"), max_length=255, blank=True)
    online_url = models.URLField(_("online link"), max_length=500, blank=True)
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("Empty: no limit")
    )
    registration_deadline = models.DateTimeField(_("registration deadline"), null=True, blank=True)
    visibility = models.CharField(
        _("who may register"), max_length=8, choices=Visibility.choices, default=Visibility.MEMBERS
    )
    status = models.CharField(
        _("status"), max_length=12, choices=EventStatus.choices, default=EventStatus.DRAFT
    )
    is_international = models.BooleanField(_("international"), default=False)
    active_roles = models.JSONField(
        _("roles counted as active involvement"), default=list, blank=True
    )
    involvement_days = models.DecimalField(
        _("involvement days per attendance"),
        max_digits=4,
        decimal_places=1,
        default=Decimal("1.0"),
        validators=[MinValueValidator(Decimal("0.5"))],
    )
    has_meetings = models.BooleanField(_("B2B meetings"), default=False)
    meeting_quota = models.PositiveSmallIntegerField(
        _("meetings per participant at most"), default=10
    )
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-starts_at", "-id"]
        indexes = [models.Index(fields=["cluster", "starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="event_ends_after_it_starts",
            )
        ]
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def __str__(self) -> str:
        return self.title

    def title_in(self, language: str) -> str:
        return (self.translations.get(language) or {}).get("title") or self.title

    def description_in(self, language: str) -> str:
        return (self.translations.get(language) or {}).get("description") or self.description


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    WAITING = "waiting", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")


class Registration(ClusterOwned):
    """Someone coming to an event: a contact of a participant, or a guest (name, e-mail and
    organisation as typed). ``token`` gives the person their own page (agenda, meeting
    requests, cancellation) and calendar without an account."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    contact = models.ForeignKey(
        Contact, on_delete=models.CASCADE, null=True, blank=True, related_name="registrations"
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="registrations",
        verbose_name=_("participant"),
    )
    guest_name = models.CharField(_("name"), max_length=200, blank=True)
    guest_email = models.EmailField(_("e-mail"), blank=True)
    guest_organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    language = models.CharField(_("language"), max_length=8, blank=True)
    role = models.CharField(
        _("role"),
        max_length=12,
        choices=RegistrationRole.choices,
        default=RegistrationRole.ATTENDEE,
    )
    status = models.CharField(_("status"), max_length=12, choices=RegistrationStatus.choices)
    registered_at = models.DateTimeField(_("registered at"))
    checked_in_at = models.DateTimeField(_("checked in at"), null=True, blank=True)
    wants_meetings = models.BooleanField(_("takes part in the B2B meetings"), default=False)
    meeting_quota = models.PositiveSmallIntegerField(
        _("meetings at most"), null=True, blank=True, help_text=_("Empty: the event's quota")
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["registered_at", "id"]
        indexes = [models.Index(fields=["event", "status", "registered_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "contact"],
                condition=models.Q(contact__isnull=False),
                name="one_registration_per_contact",
            ),
            models.CheckConstraint(
                condition=models.Q(contact__isnull=False) | ~models.Q(guest_name=""),
                name="registration_names_someone",
            ),
        ]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.contact.full_name if self.contact_id else self.guest_name

    @property
    def email(self) -> str:
        return self.contact.email if self.contact_id else self.guest_email

    @property
    def organisation_name(self) -> str:
        return self.organisation.name if self.organisation_id else self.guest_organisation


class CalendarFeed(ClusterOwned):
    """A secret iCalendar address: the cluster's events (no contact) or one person's
    registrations (a contact). Revoking it gives a new token."""

    contact = models.OneToOneField(
        Contact, on_delete=models.CASCADE, null=True, blank=True, related_name="calendar_feed"
    )
    token = models.CharField(max_length=64, unique=True, default=new_token)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["cluster"],
                condition=models.Q(contact__isnull=True),
                name="one_cluster_feed",
            )
        ]
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self) -> str:
        return f"{self.cluster} · {self.contact or '—'}"
