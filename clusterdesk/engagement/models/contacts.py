from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from clusterdesk.participants.models import Contact, Organisation

from .base import ClusterOwned


class ContactKind(models.TextChoices):
    """A personal contact as the SPEC glossary defines it: direct, between the management team
    and a participant."""

    VISIT = "visit", _("Visit at its premises")
    MEETING = "meeting", _("Meeting")
    PHONE = "phone", _("Phone call")
    VIDEO = "video", _("Video call")
    EMAIL = "email", _("E-mail exchange")
    JOINT_WORK = "joint_work", _("Joint work")


class PersonalContact(ClusterOwned):
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="personal_contacts",
        verbose_name=_("participant"),
    )
    kind = models.CharField(_("kind"), max_length=16, choices=ContactKind.choices)
    date = models.DateField(_("date"))
    staff = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="personal_contacts", verbose_name=_("staff")
    )
    people_met = models.ManyToManyField(
        Contact, blank=True, related_name="personal_contacts", verbose_name=_("people met")
    )
    notes = models.TextField(_("notes"), blank=True)
    source = models.CharField(max_length=40, blank=True)  # "web", "import:<id>", "ics:<uid>"
    external_id = models.CharField(max_length=255, blank=True)  # calendar UID, to re-import once
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-date", "-id"]
        indexes = [
            models.Index(fields=["cluster", "date"]),
            models.Index(fields=["cluster", "organisation", "date"]),
            models.Index(fields=["cluster", "external_id"]),
        ]
        verbose_name = _("personal contact")
        verbose_name_plural = _("personal contacts")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.organisation} · {self.date}"


class FollowUpTask(ClusterOwned):
    title = models.CharField(_("task"), max_length=255)
    due_on = models.DateField(_("due on"))
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="follow_up_tasks",
        verbose_name=_("assigned to"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="tasks",
        verbose_name=_("participant"),
    )
    personal_contact = models.ForeignKey(
        PersonalContact, on_delete=models.CASCADE, null=True, blank=True, related_name="tasks"
    )
    done_on = models.DateField(_("done on"), null=True, blank=True)

    class Meta:
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["cluster", "assigned_to", "done_on", "due_on"])]
        verbose_name = _("follow-up task")
        verbose_name_plural = _("follow-up tasks")

    def __str__(self) -> str:
        return self.title
