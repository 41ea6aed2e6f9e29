"""The shapes of the surveys API: what comes in is checked here, what goes out is documented
here (the OpenAPI schema is made from these)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from clusterdesk.participants.models import Category

from ..library import TEMPLATES
from ..models import (
    Option,
    Profile,
    Question,
    QuestionKind,
    Section,
    Survey,
    SurveyKind,
    SurveyStatus,
)
from ..scales import Scale
from ..services import Segment

LANGUAGES = [code for code, _name in settings.LANGUAGES]


class TextsField(serializers.DictField):
    """Texts by language: {"en": "…", "it": "…"}."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(child=serializers.CharField(allow_blank=True, max_length=5000), **kwargs)


def _values(choices: type) -> str:
    return ", ".join(choices.values)


class SurveySerializer(serializers.ModelSerializer):
    # Texts, not enums: "kind" and "status" name other choice sets elsewhere in the API.
    kind = serializers.CharField(help_text=_values(SurveyKind))
    status = serializers.CharField(help_text=_values(SurveyStatus))
    title = TextsField(help_text=_("The title in each language offered."))
    intro = TextsField(required=False)
    submitted = serializers.IntegerField(
        source="submitted_count", read_only=True, help_text=_("Answers sent.")
    )
    invited = serializers.IntegerField(source="invited_count", read_only=True)
    public_url = serializers.SerializerMethodField()

    class Meta:
        model = Survey
        fields = [
            "id",
            "kind",
            "template",
            "title",
            "intro",
            "languages",
            "status",
            "deadline",
            "public_link",
            "public_url",
            "opened_at",
            "closed_on",
            "created_at",
            "submitted",
            "invited",
        ]
        read_only_fields = fields

    def get_public_url(self, survey: Survey) -> str | None:
        from ..services import public_link

        return public_link(survey) if survey.public_link else None


class SurveyCreateSerializer(serializers.Serializer):
    template = serializers.ChoiceField(
        choices=[*TEMPLATES, ""],
        required=False,
        default="",
        help_text=_("A ready-made questionnaire, or empty for a blank survey."),
    )
    title = serializers.CharField(max_length=200, required=False, default="", allow_blank=True)
    kind = serializers.CharField(
        default=SurveyKind.CUSTOM, help_text=_values(SurveyKind), max_length=20
    )

    def validate_kind(self, value: str) -> str:
        if value not in SurveyKind.values:
            raise serializers.ValidationError(
                _("Choose one of: %(values)s.") % {"values": _values(SurveyKind)}
            )
        return value

    languages = serializers.ListField(
        child=serializers.ChoiceField(choices=LANGUAGES), required=False, allow_empty=False
    )


class SurveyUpdateSerializer(serializers.Serializer):
    title = TextsField(required=False)
    intro = TextsField(required=False)
    languages = serializers.ListField(
        child=serializers.ChoiceField(choices=LANGUAGES), required=False, allow_empty=False
    )
    deadline = serializers.DateField(required=False, allow_null=True)
    public_link = serializers.BooleanField(required=False)


class OptionSerializer(serializers.ModelSerializer):
    label = TextsField()

    class Meta:
        model = Option
        fields = ["id", "value", "label"]


class QuestionSerializer(serializers.ModelSerializer):
    kind = serializers.CharField(help_text=_values(QuestionKind))
    scale = serializers.CharField(help_text=_values(Scale))
    profile = serializers.CharField(help_text=_values(Profile))
    text = TextsField()
    help = TextsField()
    options = OptionSerializer(
        many=True, help_text=_("The choices, or the rows of a matrix question.")
    )
    condition_question = serializers.SlugRelatedField(slug_field="key", read_only=True)

    class Meta:
        model = Question
        fields = [
            "id",
            "key",
            "kind",
            "text",
            "help",
            "required",
            "scale",
            "min_value",
            "max_value",
            "max_length",
            "condition_question",
            "condition_values",
            "block",
            "measure",
            "profile",
            "options",
        ]


class SectionSerializer(serializers.ModelSerializer):
    title = TextsField()
    intro = TextsField()
    questions = serializers.SerializerMethodField()

    class Meta:
        model = Section
        fields = ["id", "title", "intro", "questions"]

    def get_questions(self, section: Section) -> list[dict]:
        questions = self.context["questions"].get(section.pk, [])
        return QuestionSerializer(questions, many=True).data


class SurveyDetailSerializer(SurveySerializer):
    sections = serializers.SerializerMethodField()

    class Meta(SurveySerializer.Meta):
        fields = [*SurveySerializer.Meta.fields, "sections"]
        read_only_fields = fields

    def get_sections(self, survey: Survey) -> list[dict]:
        return SectionSerializer(survey.sections.all(), many=True, context=self.context).data


class InvitationSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    contact = serializers.IntegerField(source="contact_id")
    email = serializers.EmailField()
    language = serializers.CharField()
    sent_at = serializers.DateTimeField(allow_null=True)
    reminders = serializers.IntegerField()
    answer = serializers.CharField(
        source="answer_status", help_text=_('"", "draft" (started) or "submitted".')
    )
    answered_at = serializers.DateTimeField(allow_null=True)


class InviteSerializer(serializers.Serializer):
    contacts = serializers.ListField(child=serializers.IntegerField(), required=False, default=list)
    segment = serializers.ChoiceField(choices=[*Segment.values, ""], required=False, default="")
    category = serializers.ChoiceField(choices=[*Category.values, ""], required=False, default="")


class CountSerializer(serializers.Serializer):
    count = serializers.IntegerField()


class RateSerializer(serializers.Serializer):
    invited = serializers.IntegerField()
    sent = serializers.IntegerField()
    started = serializers.IntegerField()
    answered = serializers.IntegerField()
    public = serializers.IntegerField()
    submitted = serializers.IntegerField()
    share = serializers.FloatField(allow_null=True)


class ShareSerializer(serializers.Serializer):
    value = serializers.CharField()
    label = serializers.CharField()
    count = serializers.IntegerField()
    share = serializers.FloatField()


class RecommendationSerializer(serializers.Serializer):
    detractors = serializers.IntegerField()
    passives = serializers.IntegerField()
    promoters = serializers.IntegerField()
    score = serializers.FloatField(allow_null=True)


class MatrixRowSerializer(serializers.Serializer):
    value = serializers.CharField(source="option.value")
    label = serializers.CharField()
    counts = serializers.ListField(child=serializers.IntegerField())
    mean = serializers.FloatField(allow_null=True)


class QuestionResultSerializer(serializers.Serializer):
    key = serializers.CharField(source="question.key")
    kind = serializers.CharField()
    text = serializers.CharField()
    answered = serializers.IntegerField()
    shares = ShareSerializer(many=True)
    mean = serializers.FloatField(allow_null=True)
    smallest = serializers.FloatField(allow_null=True)
    largest = serializers.FloatField(allow_null=True)
    first_day = serializers.DateField(allow_null=True)
    last_day = serializers.DateField(allow_null=True)
    recommendation = RecommendationSerializer(allow_null=True)
    rows = MatrixRowSerializer(many=True)
    texts = serializers.ListField(child=serializers.CharField())


class SegmentSerializer(serializers.Serializer):
    segment = serializers.CharField()
    label = serializers.CharField()
    responses = serializers.IntegerField()
    satisfaction = serializers.FloatField(allow_null=True)
    nps = serializers.FloatField(allow_null=True)


class ResultsSerializer(serializers.Serializer):
    rate = RateSerializer()
    recommendation = RecommendationSerializer(allow_null=True)
    satisfaction = serializers.FloatField(allow_null=True)
    satisfaction_answers = serializers.IntegerField()
    by_category = SegmentSerializer(many=True)
    by_size = SegmentSerializer(many=True)
    questions = QuestionResultSerializer(many=True)


class InterestScoreSerializer(serializers.Serializer):
    candidate_key = serializers.CharField()
    segment = serializers.CharField()
    responses = serializers.IntegerField()
    interest = serializers.FloatField(allow_null=True)
    benefit = serializers.FloatField(allow_null=True)
    willing_to_pay = serializers.FloatField(allow_null=True)


class InterestParameterSerializer(serializers.Serializer):
    segment_by = serializers.ChoiceField(
        choices=["category", "size", ""], required=False, default=""
    )
