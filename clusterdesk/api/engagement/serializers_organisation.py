"""Shapes of the facts about the cluster organisation: team and training, governance,
finance, strategy and plan, web presence, success stories. Types only; the rules are the
services'. Documents are shown, never taken: uploads stay on the pages."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from clusterdesk.engagement.models import (
    BoardMember,
    BudgetLine,
    Committee,
    FundingCommitment,
    GeneralAssembly,
    Governance,
    PlanAction,
    SocialChannel,
    StaffMember,
    StrategyDocument,
    SuccessStory,
    TrainingRecord,
    WebPresence,
)
from clusterdesk.engagement.models.organisation import PRIVATE_SOURCES
from clusterdesk.engagement.services.finance import BUDGET_FIELDS, COMMITMENT_FIELDS
from clusterdesk.engagement.services.governance import (
    ASSEMBLY_FIELDS,
    BOARD_FIELDS,
    COMMITTEE_FIELDS,
)
from clusterdesk.engagement.services.recognition import CHANNEL_FIELDS, SITE_FIELDS
from clusterdesk.engagement.services.strategy import ACTION_FIELDS, DOCUMENT_FIELDS
from clusterdesk.engagement.services.team import STAFF_FIELDS, TRAINING_FIELDS

from .fields import DocumentField, LedgerSerializer, OrganisationField, StaffMemberField, UserField
from .serializers import READ_ONLY, TIMESTAMPS

# --------------------------------------------------------------------------- team


class StaffMemberSerializer(LedgerSerializer):
    user = UserField(
        required=False,
        allow_null=True,
        help_text=_("The person's user account, a manager or staff member of this cluster."),
    )
    fte = serializers.DecimalField(
        max_digits=3,
        decimal_places=2,
        help_text=_("Full-time equivalent, from 0.05 to 1."),
    )
    job_description = DocumentField(url_name="team_staff_job_description")

    class Meta:
        model = StaffMember
        fields = ["id", *STAFF_FIELDS, "job_description", *TIMESTAMPS]
        read_only_fields = READ_ONLY


class TrainingRecordSerializer(LedgerSerializer):
    staff_member = StaffMemberField()
    days = serializers.DecimalField(
        max_digits=4, decimal_places=1, help_text=_("Training days in half-day steps.")
    )

    class Meta:
        model = TrainingRecord
        fields = ["id", "staff_member", *TRAINING_FIELDS, *TIMESTAMPS]
        read_only_fields = READ_ONLY


class TrainingRecordFilterSerializer(serializers.Serializer):
    staff_member = serializers.IntegerField(
        required=False, min_value=1, help_text=_("Only this staff member's training.")
    )


# --------------------------------------------------------------------------- governance


class GovernanceSerializer(LedgerSerializer):
    statutes = DocumentField(url_name="governance_statutes", url_kwargs=lambda profile: {})

    class Meta:
        model = Governance
        fields = [
            "id",
            "legal_form",
            "statutes",
            "statutes_define_benefits_and_duties",
            "statutes_updated_on",
            "general_manager",
            "general_manager_since",
            *TIMESTAMPS,
        ]
        read_only_fields = READ_ONLY
        extra_kwargs = {"id": {"allow_null": True, "help_text": _("null until first saved.")}}


class GeneralAssemblySerializer(LedgerSerializer):
    minutes = DocumentField(url_name="governance_assembly_minutes")

    class Meta:
        model = GeneralAssembly
        fields = ["id", *ASSEMBLY_FIELDS, "minutes", *TIMESTAMPS]
        read_only_fields = READ_ONLY


class BoardMemberSerializer(LedgerSerializer):
    organisation = OrganisationField(
        required=False, allow_null=True, help_text=_("The organisation the member represents.")
    )

    class Meta:
        model = BoardMember
        fields = ["id", *BOARD_FIELDS, *TIMESTAMPS]
        read_only_fields = READ_ONLY


class CommitteeSerializer(LedgerSerializer):
    class Meta:
        model = Committee
        fields = ["id", *COMMITTEE_FIELDS, *TIMESTAMPS]
        read_only_fields = READ_ONLY


# --------------------------------------------------------------------------- finance


class BudgetLineSerializer(LedgerSerializer):
    is_private = serializers.SerializerMethodField(
        help_text=_("A private source (fees, services, events, sponsors, contracts).")
    )

    class Meta:
        model = BudgetLine
        fields = ["id", *BUDGET_FIELDS, "is_private", *TIMESTAMPS]
        read_only_fields = READ_ONLY
        validators: list[Any] = []  # one line per source and year: the view says it plainly

    def get_is_private(self, line: BudgetLine) -> bool:
        return line.source in PRIVATE_SOURCES

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        line = self.instance
        if line is not None:
            moved = {
                name: [_("Delete this line and add one for the other year or source.")]
                for name in ("year", "source")
                if name in attrs and attrs[name] != getattr(line, name)
            }
            if moved:
                raise serializers.ValidationError(moved)
        return attrs


class BudgetLineFilterSerializer(serializers.Serializer):
    year = serializers.IntegerField(required=False, min_value=1, help_text=_("Only this year."))


class FundingCommitmentSerializer(LedgerSerializer):
    document = DocumentField(url_name="finance_commitment_document")

    class Meta:
        model = FundingCommitment
        fields = ["id", *COMMITMENT_FIELDS, *TIMESTAMPS]
        read_only_fields = READ_ONLY


# --------------------------------------------------------------------------- strategy and plan


class StrategyDocumentSerializer(LedgerSerializer):
    document = DocumentField(url_name="strategy_document_file")

    class Meta:
        model = StrategyDocument
        fields = ["id", *DOCUMENT_FIELDS, *TIMESTAMPS]
        read_only_fields = READ_ONLY


class PlanActionSerializer(LedgerSerializer):
    owner = UserField(
        required=False,
        allow_null=True,
        help_text=_("A manager or staff member of this cluster."),
    )
    is_measurable = serializers.BooleanField(
        read_only=True, help_text=_("It has an indicator, a target value and a budget.")
    )
    target_achieved = serializers.BooleanField(
        read_only=True, allow_null=True, help_text=_("null while either value is missing.")
    )

    class Meta:
        model = PlanAction
        fields = ["id", *ACTION_FIELDS, "is_measurable", "target_achieved", *TIMESTAMPS]
        read_only_fields = READ_ONLY


class PlanActionFilterSerializer(serializers.Serializer):
    year = serializers.IntegerField(
        required=False, min_value=1, help_text=_("Only this plan year.")
    )


# --------------------------------------------------------------------------- recognition


class WebsiteSerializer(LedgerSerializer):
    languages = serializers.ListField(
        child=serializers.CharField(max_length=8),
        required=False,
        help_text=_('Two-letter language codes, e.g. ["it", "en"].'),
    )

    class Meta:
        model = WebPresence
        fields = ["id", *SITE_FIELDS, *TIMESTAMPS]
        read_only_fields = READ_ONLY


class SocialChannelSerializer(LedgerSerializer):
    class Meta:
        model = SocialChannel
        fields = ["id", *CHANNEL_FIELDS, *TIMESTAMPS]
        read_only_fields = READ_ONLY


class SuccessStorySerializer(LedgerSerializer):
    participants = OrganisationField(
        many=True, required=False, help_text=_("Ids of the participants involved.")
    )
    is_complete = serializers.BooleanField(
        read_only=True, help_text=_("It states all four points of the guide.")
    )

    class Meta:
        model = SuccessStory
        fields = [
            "id",
            "title",
            "text",
            "participants",
            "published_on",
            "complexity",
            "impact_on_participants",
            "objectives_achieved",
            "sustainability",
            "is_complete",
            *TIMESTAMPS,
        ]
        read_only_fields = READ_ONLY
