"""A B2B meeting day inside an event: sessions cut into time slots, tables, each registered
person's availability, the meeting requests with their answers, the schedule (placements) and
the scheduler's runs with their reports."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from clusterdesk.engagement.models.base import ClusterOwned

from .events import Event, Registration


class Session(ClusterOwned):
    """A block of consecutive meeting slots (morning, afternoon); sessions are separated by
    breaks, so a free slot between two sessions is not an idle gap."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="sessions")
    name = models.CharField(_("name"), max_length=100)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    slot_minutes = models.PositiveSmallIntegerField(
        _("meeting length (minutes)"),
        default=20,
        validators=[MinValueValidator(5), MaxValueValidator(240)],
    )
    break_minutes = models.PositiveSmallIntegerField(
        _("pause between meetings (minutes)"), default=5, validators=[MaxValueValidator(120)]
    )

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")

    def __str__(self) -> str:
        return self.name


class TimeSlot(ClusterOwned):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="slots")
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="slots")
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))

    class Meta:
        ordering = ["starts_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["event", "starts_at"], name="one_slot_per_start"),
        ]
        verbose_name = _("time slot")
        verbose_name_plural = _("time slots")

    def __str__(self) -> str:
        return f"{self.starts_at:%H:%M}–{self.ends_at:%H:%M}"


class MeetingTable(ClusterOwned):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="tables")
    label = models.CharField(_("label"), max_length=40)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["event", "label"], name="table_label_unique"),
        ]
        verbose_name = _("table")
        verbose_name_plural = _("tables")

    def __str__(self) -> str:
        return self.label


class AvailabilityWindow(ClusterOwned):
    """When a registered person can meet. A person without windows can meet all day."""

    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="availability"
    )
    starts_at = models.DateTimeField(_("from"))
    ends_at = models.DateTimeField(_("until"))

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name = _("availability")
        verbose_name_plural = _("availability")


class RequestStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for an answer")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    CANCELLED = "cancelled", _("Withdrawn")


class MeetingRequest(ClusterOwned):
    """One person asks another for a meeting, with a short message; the other accepts or
    declines. Accepted requests are the meetings the scheduler places."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="meeting_requests")
    requester = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="requests_sent"
    )
    invitee = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="requests_received"
    )
    message = models.CharField(_("message"), max_length=500, blank=True)
    listing = models.ForeignKey(
        "matchmaking.Listing",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("about the offer or request"),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=RequestStatus.choices, default=RequestStatus.PENDING
    )
    priority = models.PositiveSmallIntegerField(_("priority"), default=1)
    answer = models.CharField(_("answer"), max_length=300, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "requester", "invitee"], name="one_request_per_pair"
            ),
            models.CheckConstraint(
                condition=~models.Q(requester=models.F("invitee")),
                name="request_not_to_oneself",
            ),
        ]
        verbose_name = _("meeting request")
        verbose_name_plural = _("meeting requests")

    def __str__(self) -> str:
        return f"{self.requester} → {self.invitee}"


class MeetingPlacement(ClusterOwned):
    """Where and when an accepted meeting takes place. ``locked``: the organiser fixed it and
    the scheduler leaves it there."""

    request = models.OneToOneField(
        MeetingRequest, on_delete=models.CASCADE, related_name="placement"
    )
    slot = models.ForeignKey(TimeSlot, on_delete=models.CASCADE, related_name="placements")
    table = models.ForeignKey(MeetingTable, on_delete=models.CASCADE, related_name="placements")
    locked = models.BooleanField(_("locked"), default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["slot", "table"], name="one_meeting_per_table_slot"),
        ]
        verbose_name = _("placed meeting")
        verbose_name_plural = _("placed meetings")

    def __str__(self) -> str:
        return f"{self.request} · {self.slot} · {self.table}"


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting to start")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class SchedulerRun(ClusterOwned):
    """One run of the scheduler: its settings, its report (meetings placed, the solver's
    bound, idle gaps, moves, times, unplaced meetings with reasons) or the problems that
    stopped it."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="scheduler_runs")
    status = models.CharField(max_length=12, choices=RunStatus.choices, default=RunStatus.QUEUED)
    time_limit = models.PositiveSmallIntegerField(_("time limit (seconds)"), default=30)
    report = models.JSONField(default=dict, blank=True)
    problems = models.JSONField(default=list, blank=True)
    error = models.TextField(blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("scheduler run")
        verbose_name_plural = _("scheduler runs")

    def __str__(self) -> str:
        return f"{self.event} · {self.get_status_display()}"

    @property
    def is_working(self) -> bool:
        return self.status in (RunStatus.QUEUED, RunStatus.RUNNING)
