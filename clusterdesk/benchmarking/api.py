"""API v1: excellence benchmarking — the live assessment, saved snapshots, peer portfolios
(aggregates only), questionnaire answers and the indicator framework in use.

Views are thin, as in ``clusterdesk/api``: ``ClusterView`` resolves the cluster and the role,
a serializer checks types and shapes the answer, and every assessment comes from
``services.assessment_run`` — the rules are written once, for the pages, the CLI and here.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from rest_framework import generics, serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from clusterdesk.api.access import ClusterView
from clusterdesk.api.views import SOURCE, _operation, _query_parameters
from clusterdesk.tenancy.access import READ_ROLES

from . import services
from .engine import Assessment, Framework, IndicatorResult, assessment_from_dict
from .engine.results import Gap
from .frameworks import active_framework, framework_of
from .models import Answer, Level
from .models import Assessment as SavedAssessment
from .peers import INSTALLATION, POOLS, peer_portfolios
from .texts import (
    area_name,
    evidence_title,
    format_condition,
    format_value,
    gap_text,
    indicator_texts,
    item_label,
    level_label,
    missing_text,
    status_label,
    tr,
    where_link,
)

TAG = "excellence"
READ_ERRORS = (400, 401, 403, 404)
WRITE_ERRORS = (400, 401, 403, 404)

# --------------------------------------------------------------------------- shapes


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


# --------------------------------------------------------------------------- answers as data


def _gaps(cluster_slug: str, gaps: tuple[Gap, ...]) -> list[dict[str, Any]]:
    rows = []
    for gap in gaps:
        link = where_link(cluster_slug, gap.where)
        rows.append(
            {
                "code": gap.code,
                "text": gap_text(gap),
                "where": gap.where,
                "page": link[1] if link else None,
                "url": link[0] if link else None,
            }
        )
    return rows


def _indicator(
    framework: Framework, result: IndicatorResult, cluster_slug: str, evidence: bool
) -> dict[str, Any]:
    indicator = framework.indicator(result.id)
    texts = indicator_texts(indicator)
    groups = []
    for group in result.evidence:
        row: dict[str, Any] = {
            "key": group.key,
            "title": evidence_title(group.key),
            "counted": group.counted,
            "count": len(group.items),
        }
        if evidence:
            row["items"] = [
                {
                    "kind": item.kind,
                    "id": item.id,
                    "label": item_label(item),
                    "on": item.on,
                    "number": item.number,
                    "note": item.note,
                }
                for item in group.items
            ]
        groups.append(row)
    return {
        "id": result.id,
        "area": result.area,
        "name": texts["name"],
        "status": result.status,
        "status_label": status_label(result.status),
        "value": result.value,
        "value_text": format_value(indicator, result.value),
        "unit": indicator.unit,
        "weight": result.weight,
        "earned": result.earned,
        "met_when": format_condition(indicator, indicator.met),
        "excellent_when": (
            format_condition(indicator, indicator.excellent) if indicator.excellent else None
        ),
        "target": result.target,
        "more_needed": result.more_needed,
        "recommendation": texts["recommendation"] if result.is_short else "",
        "gaps": _gaps(cluster_slug, result.gaps),
        "evidence": groups,
    }


def assessment_data(
    assessment: Assessment,
    framework: Framework,
    version: Any,
    cluster_slug: str,
    *,
    evidence: bool = False,
) -> dict[str, Any]:
    """An assessment as the API gives it: the engine's figures with their texts."""
    readiness = assessment.readiness
    minimum_names = {minimum.id: tr(minimum.name) for minimum in framework.minimums}
    return {
        "as_of": assessment.as_of,
        "framework": {"id": version.framework_id, "version": version.version, "name": version.name},
        "score": assessment.score,
        "earned": assessment.earned,
        "total_weight": assessment.total_weight,
        "unknown": assessment.unknown,
        "counts": assessment.counts(),
        "readiness": {
            "level": readiness.level,
            "level_label": level_label(readiness.level),
            "bronze_eligible": readiness.bronze_eligible,
            "silver": readiness.silver,
            "gold_ready": readiness.gold_ready,
            "compared_with": (
                {"id": readiness.compared_with.id, "as_of": readiness.compared_with.as_of}
                if readiness.compared_with
                else None
            ),
            "improved_areas": list(readiness.improved_areas),
            "missing_bronze": [missing_text(framework, item) for item in readiness.missing_bronze],
            "missing_silver": [missing_text(framework, item) for item in readiness.missing_silver],
            "missing_gold": [missing_text(framework, item) for item in readiness.missing_gold],
        },
        "minimums": [
            {
                "id": minimum.id,
                "name": minimum_names.get(minimum.id, minimum.id),
                "met": minimum.met,
                "value": minimum.value,
                "gaps": _gaps(cluster_slug, minimum.gaps),
            }
            for minimum in assessment.minimums
        ],
        "areas": [
            {
                "area": area.area,
                "name": area_name(framework, area.area),
                "score": area.score,
                "earned": area.earned,
                "total": area.total,
                "unknown": area.unknown,
            }
            for area in assessment.areas
        ],
        "indicators": [
            _indicator(framework, result, cluster_slug, evidence)
            for result in assessment.indicators
        ],
    }


def framework_data(framework: Framework, version: Any) -> dict[str, Any]:
    labels = framework.labels
    return {
        "id": framework.id,
        "version": framework.version,
        "name": framework.name,
        "digest": version.digest,
        "labels": {
            "gold_score": labels.gold_score,
            "silver_window_months": list(labels.silver_window_months),
            "silver_areas_improved": labels.silver_areas_improved,
            "peer_minimum": labels.peer_minimum,
        },
        "areas": [{"id": key, "name": tr(name)} for key, name in framework.areas.items()],
        "indicators": [
            {
                "id": indicator.id,
                "area": indicator.area,
                "name": tr(indicator.name),
                "definition": tr(indicator.definition),
                "computation": indicator.computation,
                "unit": indicator.unit,
                "out_of": indicator.out_of,
                "source": indicator.source,
                "met": indicator.met.text,
                "met_text": format_condition(indicator, indicator.met),
                "excellent": indicator.excellent.text if indicator.excellent else None,
                "excellent_text": (
                    format_condition(indicator, indicator.excellent)
                    if indicator.excellent
                    else None
                ),
                "weight": indicator.weight,
                "effort": indicator.effort,
                "recommendation": tr(indicator.recommendation),
                "where": indicator.where,
            }
            for indicator in framework.indicators
        ],
        "minimums": [
            {
                "id": minimum.id,
                "name": tr(minimum.name),
                "met": minimum.met.text,
                "where": minimum.where,
            }
            for minimum in framework.minimums
        ],
        "questions": [
            {
                "id": question.id,
                "kind": question.kind,
                "text": tr(question.text),
                "help": tr(question.help),
                "indicator": question.indicator,
                "choices": list(question.choices),
            }
            for question in framework.questions
        ],
    }


def _quartiles(stats: Any) -> dict[str, Any] | None:
    if stats is None:
        return None
    return {"count": stats.count, "q1": stats.q1, "median": stats.median, "q3": stats.q3}


# --------------------------------------------------------------------------- views


class ExcellenceView(ClusterView):
    """Excellence benchmarking is the cluster organisation's own business: the management
    team writes, the board reads, a member representative may not even read (403)."""

    read_roles = READ_ROLES


class AssessmentLive(ExcellenceView):
    @_operation(
        "Show the cluster's assessment as of a day (live, not saved)",
        TAG,
        {200: AssessmentResultSerializer},
        errors=READ_ERRORS,
        parameters=[LiveParameterSerializer],
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        parameters = _query_parameters(LiveParameterSerializer, request)
        run = services.assessment_run(cluster=self.cluster, as_of=parameters.get("as_of"))
        data = assessment_data(
            run.assessment,
            run.framework,
            run.version,
            self.cluster.slug,
            evidence=parameters["evidence"],
        )
        return Response(AssessmentResultSerializer(data).data)


class SnapshotList(ExcellenceView, generics.ListCreateAPIView):
    serializer_class = SnapshotSerializer

    def get_queryset(self) -> QuerySet[SavedAssessment]:
        if self.is_schema_generation:
            return SavedAssessment.objects.none()
        return SavedAssessment.objects.for_cluster(self.cluster).select_related("framework")

    @_operation(
        "List the cluster's saved assessments",
        TAG,
        {200: SnapshotSerializer(many=True)},
        errors=(401, 403, 404),
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    @_operation(
        "Save the assessment of a day as a snapshot",
        TAG,
        {201: SnapshotDetailSerializer},
        errors=WRITE_ERRORS,
        request=SnapshotCreateSerializer,
    )
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        body = SnapshotCreateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        saved = services.assessment_save(
            cluster=self.cluster,
            actor=request.user,
            as_of=body.validated_data.get("as_of"),
            note=body.validated_data.get("note", ""),
            source=SOURCE,
        )
        answer = SnapshotDetailSerializer(saved, context={"cluster_slug": self.cluster.slug})
        return Response(answer.data, status=status.HTTP_201_CREATED)


class SnapshotDetail(ExcellenceView, generics.GenericAPIView):
    serializer_class = SnapshotDetailSerializer

    def get_object(self) -> SavedAssessment:
        return get_object_or_404(
            SavedAssessment.objects.for_cluster(self.cluster).select_related("framework"),
            pk=self.kwargs["pk"],
        )

    @_operation(
        "Show a saved assessment, whole",
        TAG,
        {200: SnapshotDetailSerializer},
        errors=(401, 403, 404),
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        answer = SnapshotDetailSerializer(
            self.get_object(), context={"cluster_slug": self.cluster.slug}
        )
        return Response(answer.data)

    @_operation("Delete a saved assessment", TAG, {204: None}, errors=(401, 403, 404))
    def delete(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        services.assessment_delete(saved=self.get_object(), actor=request.user, source=SOURCE)
        return Response(status=status.HTTP_204_NO_CONTENT)


class AssessmentPeers(ExcellenceView):
    @_operation(
        "Show the peer portfolios of today's assessment (aggregates only)",
        TAG,
        {200: PeersSerializer},
        errors=READ_ERRORS,
        parameters=[PeerParameterSerializer],
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        pool = _query_parameters(PeerParameterSerializer, request)["pool"]
        run = services.assessment_run(cluster=self.cluster)
        portfolios = []
        for portfolio in peer_portfolios(self.cluster, run.framework, run.assessment, pool):
            row: dict[str, Any] = {
                "key": portfolio.key,
                "label": portfolio.label,
                "shown": portfolio.shown,
            }
            if portfolio.shown:  # below the minimum, not even the count
                row |= {
                    "count": portfolio.count,
                    "score": _quartiles(portfolio.score),
                    "score_position": portfolio.score_position,
                    "indicators": [
                        {
                            "id": item.indicator,
                            "quartiles": _quartiles(item.stats),
                            "position": item.position,
                        }
                        for item in portfolio.indicators
                    ],
                }
            portfolios.append(row)
        data = {
            "as_of": run.assessment.as_of,
            "pool": pool,
            "minimum": run.framework.labels.peer_minimum,
            "score": run.assessment.score,
            "portfolios": portfolios,
        }
        return Response(PeersSerializer(data).data)


class AnswerList(ExcellenceView, generics.ListCreateAPIView):
    serializer_class = AnswerSerializer

    def get_queryset(self) -> QuerySet[Answer]:
        if self.is_schema_generation:
            return Answer.objects.none()
        return Answer.objects.for_cluster(self.cluster).select_related("answered_by")

    @_operation(
        "List the questionnaire's answers, the latest of each question first",
        TAG,
        {200: AnswerSerializer(many=True)},
        errors=(401, 403, 404),
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    @_operation(
        "Answer a question of the questionnaire (earlier answers stay as history)",
        TAG,
        {201: AnswerSerializer},
        errors=WRITE_ERRORS,
        request=AnswerCreateSerializer,
        description="A document as evidence is attached on the questionnaire page.",
    )
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        body = AnswerCreateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        answer = services.answer_give(
            cluster=self.cluster,
            actor=request.user,
            data={**body.validated_data, "document": None},
            source=SOURCE,
        )
        return Response(AnswerSerializer(answer).data, status=status.HTTP_201_CREATED)


class FrameworkDetail(ExcellenceView):
    @_operation(
        "Show the indicator framework in use: indicators, thresholds, weights, areas, "
        "minimum requirements, questions and version",
        TAG,
        {200: FrameworkSerializer},
        errors=(401, 403, 404),
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        version, framework = active_framework()
        return Response(FrameworkSerializer(framework_data(framework, version)).data)
