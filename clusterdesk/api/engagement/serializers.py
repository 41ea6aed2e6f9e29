"""Shapes of the work with participants: personal contacts and their follow-up tasks,
activities with the participants involved, working groups. Types only; the rules are the
services'."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from clusterdesk.engagement.models import (
    Activity,
    ActivityKind,
    ContactKind,
    FollowUpTask,
    InvolvementRole,
    PersonalContact,
    WorkingGroup,
    WorkingGroupOutput,
)
from clusterdesk.engagement.services.activities import ACTIVITY_FIELDS

from .fields import (
    ContactStaffField,
    DocumentField,
    LedgerSerializer,
    OrganisationField,
    PersonalContactField,
    PersonField,
    UserField,
    WorkingGroupField,
)

TIMESTAMPS = ["created_at", "updated_at"]
READ_ONLY = ["id", *TIMESTAMPS]

# --------------------------------------------------------------------------- personal contacts


class FollowUpSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=255, help_text=_("What is to be done."))
    due_on = serializers.DateField()
    assigned_to = UserField(
        required=False,
        allow_null=True,
        help_text=_("A user of the management team; the caller when left out."),
    )


class PersonalContactSerializer(LedgerSerializer):
    organisation = OrganisationField(help_text=_("The participant the team was in contact with."))
    staff = ContactStaffField(
        many=True,
        required=False,
        help_text=_("User ids of the team members involved; the caller when left out."),
    )
    people_met = PersonField(
        many=True, required=False, help_text=_("Ids of the participant's people met.")
    )
    follow_up = FollowUpSerializer(
        required=False,
        allow_null=True,
        write_only=True,
        help_text=_("On creation only: a follow-up task logged with the contact."),
    )
    tasks = serializers.PrimaryKeyRelatedField(
        many=True, read_only=True, help_text=_("Ids of its follow-up tasks.")
    )

    class Meta:
        model = PersonalContact
        fields = [
            "id",
            "organisation",
            "kind",
            "date",
            "staff",
            "people_met",
            "notes",
            "follow_up",
            "tasks",
            "source",
            *TIMESTAMPS,
        ]
        read_only_fields = [*READ_ONLY, "source"]

    def validate_follow_up(self, value: Any) -> Any:
        if self.instance is not None and value is not None:
            raise serializers.ValidationError(
                _("Add a follow-up to a logged contact as a task (tasks/).")
            )
        return value


class PersonalContactFilterSerializer(serializers.Serializer):
    organisation = serializers.IntegerField(
        required=False, min_value=1, help_text=_("Only the contacts with this participant.")
    )
    kind = serializers.ChoiceField(choices=ContactKind.choices, required=False)
    date_from = serializers.DateField(required=False, help_text=_("On or after this day."))
    date_to = serializers.DateField(required=False, help_text=_("On or before this day."))
    staff = serializers.IntegerField(
        required=False, min_value=1, help_text=_("Only the contacts this user took part in.")
    )


# --------------------------------------------------------------------------- tasks


class TaskSerializer(LedgerSerializer):
    assigned_to = UserField(
        required=False,
        allow_null=True,
        help_text=_("A user of the management team; the caller when left out."),
    )
    organisation = OrganisationField(required=False, allow_null=True)
    personal_contact = PersonalContactField(
        required=False, allow_null=True, help_text=_("The contact the task follows up.")
    )

    class Meta:
        model = FollowUpTask
        fields = [
            "id",
            "title",
            "due_on",
            "assigned_to",
            "organisation",
            "personal_contact",
            "done_on",
            *TIMESTAMPS,
        ]
        read_only_fields = [*READ_ONLY, "done_on"]


class TaskDoneSerializer(serializers.Serializer):
    """A task's one changeable fact: when it was done (null: open again)."""

    done_on = serializers.DateField(allow_null=True)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        others = sorted(set(self.initial_data) - {"done_on"})
        if others:
            raise serializers.ValidationError(
                {
                    name: [_("Only done_on changes on a task; add a new task instead.")]
                    for name in others
                }
            )
        return attrs


class TaskCompleteSerializer(serializers.Serializer):
    on = serializers.DateField(
        required=False,
        help_text=_("The day it was done; left out, today (a done task keeps its day)."),
    )


class TaskFilterSerializer(serializers.Serializer):
    open = serializers.BooleanField(
        required=False,
        allow_null=True,
        default=None,
        help_text=_("true: only open tasks; false: only done ones."),
    )
    assigned_to = serializers.RegexField(
        r"^(me|[1-9]\d*)$",
        required=False,
        help_text=_('"me" or a user id.'),
        error_messages={"invalid": _('Give "me" or a user id.')},
    )


# --------------------------------------------------------------------------- activities


class InvolvementSerializer(serializers.Serializer):
    organisation = OrganisationField()
    role = serializers.ChoiceField(choices=InvolvementRole.choices)
    days = serializers.DecimalField(
        max_digits=None,
        decimal_places=None,
        help_text=_("Days of involvement in half-day steps: 0.5, 1, 1.5…"),
    )


class ActivitySerializer(LedgerSerializer):
    working_group = WorkingGroupField(required=False, allow_null=True)
    involvements = InvolvementSerializer(
        many=True,
        required=False,
        help_text=_(
            "The participants involved, one row per organisation. When given, it replaces "
            "the whole list; left out, the list stays as it is."
        ),
    )

    class Meta:
        model = Activity
        fields = ["id", *ACTIVITY_FIELDS, "involvements", "source", *TIMESTAMPS]
        read_only_fields = [*READ_ONLY, "source"]


class ActivityFilterSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=ActivityKind.choices, required=False)
    working_group = serializers.IntegerField(required=False, min_value=1)
    date_from = serializers.DateField(required=False, help_text=_("Starting on or after."))
    date_to = serializers.DateField(required=False, help_text=_("Starting on or before."))
    organisation = serializers.IntegerField(
        required=False, min_value=1, help_text=_("Only activities this participant was in.")
    )


# --------------------------------------------------------------------------- working groups


class WorkingGroupOutputSerializer(serializers.ModelSerializer):
    document = DocumentField(
        url_name="working_group_output_document",
        url_kwargs=lambda output: {"pk": output.working_group_id, "output_pk": output.pk},
    )

    class Meta:
        model = WorkingGroupOutput
        fields = ["id", "title", "date", "description", "document"]
        read_only_fields = fields


class WorkingGroupSerializer(LedgerSerializer):
    chair = OrganisationField(required=False, allow_null=True)
    chair_person = PersonField(required=False, allow_null=True)
    members = OrganisationField(
        many=True,
        required=False,
        help_text=_("Ids of the member organisations; the chair is always among them."),
    )
    outputs = WorkingGroupOutputSerializer(
        many=True, read_only=True, help_text=_("Added on the working group's page.")
    )

    class Meta:
        model = WorkingGroup
        fields = [
            "id",
            "name",
            "theme",
            "chair",
            "chair_person",
            "members",
            "started_on",
            "ended_on",
            "description",
            "outputs",
            *TIMESTAMPS,
        ]
        read_only_fields = READ_ONLY


# --------------------------------------------------------------------------- summary


class SummaryParameterSerializer(serializers.Serializer):
    date = serializers.DateField(
        required=False, help_text=_("The day the figures are for; today if left out.")
    )


class ContactReachSerializer(serializers.Serializer):
    participants = serializers.IntegerField(help_text=_("Current participants."))
    reached = serializers.IntegerField(
        help_text=_("Current participants with a personal contact in the period.")
    )
    share = serializers.FloatField(help_text=_("reached / participants, from 0 to 1."))
    committed = serializers.IntegerField(help_text=_("Committed participants."))
    committed_reached = serializers.IntegerField(
        help_text=_("Committed participants with a personal contact in the period.")
    )


class ActiveInvolvementSerializer(serializers.Serializer):
    participants = serializers.IntegerField(help_text=_("Current participants."))
    active = serializers.IntegerField(
        help_text=_("Current participants with enough days of active involvement in the period.")
    )
    share = serializers.FloatField(help_text=_("active / participants, from 0 to 1."))
    sme_active = serializers.IntegerField(help_text=_("Of the active ones, the SMEs."))


class EngagementSummarySerializer(serializers.Serializer):
    date = serializers.DateField()
    period_from = serializers.DateField(help_text=_("First day of the twelve months."))
    period_to = serializers.DateField(help_text=_("Last day of the twelve months: the date."))
    contact_reach = ContactReachSerializer(help_text=_("SPEC indicator B4."))
    active_involvement = ActiveInvolvementSerializer(help_text=_("SPEC indicator B5."))
    active_days = serializers.DecimalField(
        max_digits=4,
        decimal_places=1,
        help_text=_("Days of active involvement that make a participant actively involved."),
    )
