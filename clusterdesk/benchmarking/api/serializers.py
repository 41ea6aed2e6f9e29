"""The shapes of excellence benchmarking's API: serializers that check the types of what comes
in and document what goes out (the OpenAPI schema is made from them)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from ..engine import assessment_from_dict
from ..frameworks import framework_of
from ..models import Answer, Level
from ..models import Assessment as SavedAssessment
from ..peers import INSTALLATION, POOLS
from .data import assessment_data


class GapSerializer(serializers.Serializer):
    code = serializers.CharField()
    text = serializers.CharField(help_text=_("What is missing, in words."))
    where = serializers.CharField(help_text=_("The kind of page where the data is kept."))
    page = serializers.CharField(allow_null=True)
    url = serializers.CharField(allow_null=True, help_text=_("The page where to fill it in."))


class EvidenceItemSerializer(serializers.Serializer):
    kind = serializers.CharField(help_text=_("The kind of record, e.g. participant."))
    id = serializers.JSONField(help_text=_("The record's id, when it has one."))
    label = serializers.CharField()
    on = serializers.DateField(allow_null=True)
    number = serializers.FloatField(allow_null=True)
    note = serializers.CharField(allow_blank=True)


class EvidenceGroupSerializer(serializers.Serializer):
    key = serializers.CharField()
    title = serializers.CharField()
    counted = serializers.BooleanField(help_text=_("Counted towards the value, or beside it."))
    count = serializers.IntegerField()
    items = EvidenceItemSerializer(
        many=True, required=False, help_text=_("The records themselves, with ?evidence=1.")
    )


class IndicatorResultSerializer(serializers.Serializer):
    id = serializers.CharField()
    area = serializers.CharField()
    name = serializers.CharField()
    status = serializers.ChoiceField(choices=["excellent", "met", "not_met", "unknown"])
    status_label = serializers.CharField()
    value = serializers.FloatField(allow_null=True, help_text=_("None when unknown."))
    value_text = serializers.CharField()
    unit = serializers.CharField()
    weight = serializers.FloatField()
    earned = serializers.FloatField()
    met_when = serializers.CharField()
    excellent_when = serializers.CharField(allow_null=True)
    target = serializers.FloatField(allow_null=True)
    more_needed = serializers.FloatField(allow_null=True)
    recommendation = serializers.CharField(allow_blank=True)
    gaps = GapSerializer(many=True)
    evidence = EvidenceGroupSerializer(many=True)


class MinimumResultSerializer(serializers.Serializer):
    id = serializers.CharField()
    name = serializers.CharField()
    met = serializers.BooleanField()
    value = serializers.FloatField(allow_null=True)
    gaps = GapSerializer(many=True)


class AreaScoreSerializer(serializers.Serializer):
    area = serializers.CharField()
    name = serializers.CharField()
    score = serializers.FloatField()
    earned = serializers.FloatField()
    total = serializers.FloatField()
    unknown = serializers.IntegerField()


class ComparedWithSerializer(serializers.Serializer):
    id = serializers.JSONField()
    as_of = serializers.DateField()


class ReadinessSerializer(serializers.Serializer):
    level = serializers.ChoiceField(choices=Level.choices)
    level_label = serializers.CharField()
    bronze_eligible = serializers.BooleanField()
    silver = serializers.ChoiceField(choices=["ready", "not_ready", "unknown"])
    gold_ready = serializers.BooleanField()
    compared_with = ComparedWithSerializer(allow_null=True)
    improved_areas = serializers.ListField(child=serializers.CharField())
    missing_bronze = serializers.ListField(child=serializers.CharField())
    missing_silver = serializers.ListField(child=serializers.CharField())
    missing_gold = serializers.ListField(child=serializers.CharField())


class FrameworkRefSerializer(serializers.Serializer):
    id = serializers.CharField()
    version = serializers.CharField()
    name = serializers.CharField()


class StatusCountsSerializer(serializers.Serializer):
    excellent = serializers.IntegerField()
    met = serializers.IntegerField()
    not_met = serializers.IntegerField()
    unknown = serializers.IntegerField()


class AssessmentResultSerializer(serializers.Serializer):
    as_of = serializers.DateField()
    framework = FrameworkRefSerializer()
    score = serializers.FloatField(help_text=_("Earned weight over total weight, 0 to 1."))
    earned = serializers.FloatField()
    total_weight = serializers.FloatField()
    unknown = serializers.IntegerField(help_text=_("Indicators that cannot be computed."))
    counts = StatusCountsSerializer()
    readiness = ReadinessSerializer()
    minimums = MinimumResultSerializer(many=True)
    areas = AreaScoreSerializer(many=True)
    indicators = IndicatorResultSerializer(many=True)


class LiveParameterSerializer(serializers.Serializer):
    as_of = serializers.DateField(
        required=False, help_text=_("The assessment date (today when not given), e.g. 2026-03-01.")
    )
    evidence = serializers.BooleanField(
        required=False,
        default=False,
        help_text=_("1 to list the records behind every value; else only their counts."),
    )


class SnapshotSerializer(serializers.ModelSerializer):
    framework = serializers.SerializerMethodField()

    class Meta:
        model = SavedAssessment
        fields = [
            "id",
            "as_of",
            "framework",
            "score",
            "earned",
            "total_weight",
            "unknown",
            "level",
            "bronze_eligible",
            "gold_ready",
            "area_scores",
            "note",
            "created_at",
        ]
        read_only_fields = fields

    def get_framework(self, saved: SavedAssessment) -> str:
        return f"{saved.framework.framework_id} {saved.framework.version}"


class SnapshotDetailSerializer(SnapshotSerializer):
    assessment = serializers.SerializerMethodField()

    class Meta(SnapshotSerializer.Meta):
        fields = [*SnapshotSerializer.Meta.fields, "assessment"]
        read_only_fields = fields

    def get_assessment(self, saved: SavedAssessment) -> dict[str, Any]:
        framework = framework_of(saved.framework)
        assessment = assessment_from_dict(saved.result)
        data = assessment_data(
            assessment, framework, saved.framework, self.context["cluster_slug"], evidence=True
        )
        return AssessmentResultSerializer(data).data


class SnapshotCreateSerializer(serializers.Serializer):
    as_of = serializers.DateField(required=False, help_text=_("Today when not given."))
    note = serializers.CharField(required=False, allow_blank=True, max_length=255)


class QuartilesSerializer(serializers.Serializer):
    count = serializers.IntegerField(help_text=_("Clusters of the portfolio giving the value."))
    q1 = serializers.FloatField()
    median = serializers.FloatField()
    q3 = serializers.FloatField()


class PeerIndicatorSerializer(serializers.Serializer):
    id = serializers.CharField()
    quartiles = QuartilesSerializer(allow_null=True, help_text=_("None: too few values."))
    position = serializers.IntegerField(
        allow_null=True, help_text=_("This cluster's quarter, 1 (weakest) to 4 (strongest).")
    )


class PortfolioSerializer(serializers.Serializer):
    key = serializers.ChoiceField(choices=["country", "technology", "all", "gold"])
    label = serializers.CharField()
    shown = serializers.BooleanField(
        help_text=_("False below the minimum: nothing else is given, not even the count.")
    )
    count = serializers.IntegerField(required=False)
    score = QuartilesSerializer(required=False, allow_null=True)
    score_position = serializers.IntegerField(required=False, allow_null=True)
    indicators = PeerIndicatorSerializer(many=True, required=False)

    def to_representation(self, instance: dict[str, Any]) -> dict[str, Any]:
        # A portfolio too small to show gives its key, label and that fact: nothing else.
        data = super().to_representation(instance)
        return {key: value for key, value in data.items() if key in instance}


class PeersSerializer(serializers.Serializer):
    as_of = serializers.DateField()
    pool = serializers.ChoiceField(choices=list(POOLS))
    minimum = serializers.IntegerField(help_text=_("The smallest portfolio shown."))
    score = serializers.FloatField(help_text=_("This cluster's score."))
    portfolios = PortfolioSerializer(many=True)


class PeerParameterSerializer(serializers.Serializer):
    pool = serializers.ChoiceField(
        choices=list(POOLS),
        required=False,
        default=INSTALLATION,
        help_text=_(
            "installation: other clusters' latest snapshots and the shared reference files; "
            "own: this cluster's own reference files (never mixed with the others)."
        ),
    )


class AnswerSerializer(serializers.ModelSerializer):
    answered_by = serializers.SerializerMethodField()
    has_document = serializers.SerializerMethodField()

    class Meta:
        model = Answer
        fields = [
            "id",
            "question",
            "value",
            "answered_on",
            "answered_by",
            "note",
            "has_document",
            "created_at",
        ]
        read_only_fields = ["id", "answered_by", "has_document", "created_at"]

    def get_answered_by(self, answer: Answer) -> str | None:
        person = answer.answered_by
        return (person.get_full_name() or person.get_username()) if person else None

    def get_has_document(self, answer: Answer) -> bool:
        return bool(answer.document)


class AnswerCreateSerializer(serializers.Serializer):
    question = serializers.CharField(help_text=_("A question id of the framework."))
    value = serializers.CharField(
        help_text=_("A date (2026-03-01), yes or no, a number or a choice.")
    )
    answered_on = serializers.DateField(help_text=_("The day the answer holds from."))
    note = serializers.CharField(required=False, allow_blank=True)


class LabelRulesSerializer(serializers.Serializer):
    gold_score = serializers.FloatField()
    silver_window_months = serializers.ListField(child=serializers.IntegerField())
    silver_areas_improved = serializers.IntegerField()
    peer_minimum = serializers.IntegerField()


class FrameworkAreaSerializer(serializers.Serializer):
    id = serializers.CharField()
    name = serializers.CharField()


class FrameworkIndicatorSerializer(serializers.Serializer):
    id = serializers.CharField()
    area = serializers.CharField()
    name = serializers.CharField()
    definition = serializers.CharField(allow_blank=True)
    computation = serializers.CharField()
    unit = serializers.CharField()
    out_of = serializers.IntegerField(allow_null=True)
    source = serializers.CharField(allow_blank=True)
    met = serializers.CharField(help_text=_("The condition as the file writes it."))
    met_text = serializers.CharField(help_text=_("The threshold in words."))
    excellent = serializers.CharField(allow_null=True)
    excellent_text = serializers.CharField(allow_null=True)
    weight = serializers.FloatField()
    effort = serializers.IntegerField(help_text=_("1 quick, 2 weeks of work, 3 a year or more."))
    recommendation = serializers.CharField(allow_blank=True)
    where = serializers.CharField(allow_blank=True)


class FrameworkMinimumSerializer(serializers.Serializer):
    id = serializers.CharField()
    name = serializers.CharField()
    met = serializers.CharField()
    where = serializers.CharField(allow_blank=True)


class FrameworkQuestionSerializer(serializers.Serializer):
    id = serializers.CharField()
    kind = serializers.ChoiceField(choices=["date", "yes_no", "number", "choice"])
    text = serializers.CharField()
    help = serializers.CharField(allow_blank=True)
    indicator = serializers.CharField(allow_blank=True)
    choices = serializers.ListField(child=serializers.CharField())


class FrameworkSerializer(serializers.Serializer):
    id = serializers.CharField()
    version = serializers.CharField()
    name = serializers.CharField()
    digest = serializers.CharField()
    labels = LabelRulesSerializer()
    areas = FrameworkAreaSerializer(many=True)
    indicators = FrameworkIndicatorSerializer(many=True)
    minimums = FrameworkMinimumSerializer(many=True)
    questions = FrameworkQuestionSerializer(many=True)
