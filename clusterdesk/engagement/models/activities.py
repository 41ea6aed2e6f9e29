from __future__ import annotations

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from clusterdesk.participants.models import Contact, Organisation

from .base import ClusterOwned


class ActivityKind(models.TextChoices):
    """Collaborative multimember activities of the SPEC glossary."""

    WORKING_GROUP_MEETING = "working_group_meeting", _("Working-group meeting")
    COLLABORATIVE_PROJECT = "collaborative_project", _("Collaborative project")
    DELEGATION = "delegation", _("Delegation or trade visit")
    JOINT_TRADE_FAIR = "joint_trade_fair", _("Joint trade-fair stand")
    TRAINING = "training", _("Training delivered")
    LECTURE = "lecture", _("Lecture")
    BARCAMP = "barcamp", _("BarCamp")
    SEMINAR = "seminar", _("Seminar")
    WORKSHOP = "workshop", _("Workshop")
    NETWORKING = "networking", _("Networking event")


class WorkingGroup(ClusterOwned):
    name = models.CharField(_("name"), max_length=200)
    theme = models.CharField(_("theme"), max_length=255, blank=True)
    chair = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("chair (organisation)"),
    )
    chair_person = models.ForeignKey(
        Contact,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("chair (person)"),
    )
    members = models.ManyToManyField(
        Organisation, blank=True, related_name="working_groups", verbose_name=_("members")
    )
    started_on = models.DateField(_("started on"), null=True, blank=True)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("working group")
        verbose_name_plural = _("working groups")

    def __str__(self) -> str:
        return self.name


class WorkingGroupOutput(ClusterOwned):
    working_group = models.ForeignKey(
        WorkingGroup, on_delete=models.CASCADE, related_name="outputs"
    )
    title = models.CharField(_("title"), max_length=255)
    date = models.DateField(_("date"))
    description = models.TextField(_("description"), blank=True)
    document = models.FileField(_("document"), upload_to="working-groups/%Y/", blank=True)

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("working-group output")
        verbose_name_plural = _("working-group outputs")

    def __str__(self) -> str:
        return self.title


class Activity(ClusterOwned):
    """Something the cluster did with several participants. Later capabilities (events with
    registration, B2B meeting days) attach to an Activity and write Involvements; they do not
    replace this model."""

    kind = models.CharField(_("kind"), max_length=32, choices=ActivityKind.choices)
    title = models.CharField(_("title"), max_length=255)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    place = models.CharField(_("place"), max_length=255, blank=True)
    is_international = models.BooleanField(_("international"), default=False)
    working_group = models.ForeignKey(
        WorkingGroup,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meetings",
        verbose_name=_("working group"),
    )
    description = models.TextField(_("description"), blank=True)
    source = models.CharField(max_length=40, blank=True)

    class Meta:
        ordering = ["-starts_on", "-id"]
        indexes = [
            models.Index(fields=["cluster", "starts_on"]),
            models.Index(fields=["cluster", "kind", "starts_on"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="activity_ends_after_it_starts",
            )
        ]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")

    def __str__(self) -> str:
        return self.title


class InvolvementRole(models.TextChoices):
    ACTIVE = "active", _("Active contributor")
    PASSIVE = "passive", _("Passive attendee")


class Involvement(ClusterOwned):
    """One organisation's part in one activity: its role and its days (half-day steps)."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="involvements")
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="involvements",
        verbose_name=_("participant"),
    )
    role = models.CharField(_("role"), max_length=8, choices=InvolvementRole.choices)
    days = models.DecimalField(
        _("days"), max_digits=5, decimal_places=1, validators=[MinValueValidator(Decimal("0.5"))]
    )
    # Copied from the activity so that period sums need no join (kept by the services).
    starts_on = models.DateField()

    class Meta:
        ordering = ["organisation__name", "id"]
        indexes = [
            # Covers the period sums of active days without reading the table.
            models.Index(fields=["cluster", "starts_on", "role", "organisation", "days"]),
            models.Index(fields=["cluster", "organisation", "starts_on"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "organisation"], name="one_involvement_per_organisation"
            ),
            models.CheckConstraint(
                condition=models.Q(days__gt=0), name="involvement_days_positive"
            ),
        ]
        verbose_name = _("involvement")
        verbose_name_plural = _("involvements")

    def __str__(self) -> str:
        return f"{self.organisation} · {self.activity} · {self.days}"
