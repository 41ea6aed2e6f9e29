"""Excellence benchmarking's API views: thin, as in ``clusterdesk/api`` — ``ClusterView``
resolves the cluster and the role, a serializer checks types and shapes the answer, and every
assessment comes from ``services.assessment_run``."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from rest_framework import generics, status
from rest_framework.request import Request
from rest_framework.response import Response

from clusterdesk.api.access import ClusterView
from clusterdesk.api.views import SOURCE, _operation, _query_parameters
from clusterdesk.tenancy.access import READ_ROLES

from .. import services
from ..frameworks import active_framework
from ..models import Answer
from ..models import Assessment as SavedAssessment
from ..peers import peer_portfolios
from .data import assessment_data, framework_data, quartiles_data
from .serializers import (
    AnswerCreateSerializer,
    AnswerSerializer,
    AssessmentResultSerializer,
    FrameworkSerializer,
    LiveParameterSerializer,
    PeerParameterSerializer,
    PeersSerializer,
    SnapshotCreateSerializer,
    SnapshotDetailSerializer,
    SnapshotSerializer,
)

TAG = "excellence"
READ_ERRORS = (400, 401, 403, 404)
WRITE_ERRORS = (400, 401, 403, 404)


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
                    "score": quartiles_data(portfolio.score),
                    "score_position": portfolio.score_position,
                    "indicators": [
                        {
                            "id": item.indicator,
                            "quartiles": quartiles_data(item.stats),
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
