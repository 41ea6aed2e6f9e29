"""The surveys API, thin as the rest of ``/api/v1/``: ``ClusterView`` resolves the cluster and
the role (another cluster's survey is a 404), a serializer checks the input, and every write
is one of the surveys' services."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db.models import QuerySet
from django.utils import translation
from rest_framework import generics, status
from rest_framework.request import Request
from rest_framework.response import Response

from clusterdesk.api.access import ClusterView
from clusterdesk.api.views import SOURCE, _operation, _query_parameters
from clusterdesk.participants.models import Contact
from clusterdesk.tenancy.access import READ_ROLES

from .. import queries, services
from ..models import Question, Survey
from ..results import survey_results
from .serializers import (
    CountSerializer,
    InterestParameterSerializer,
    InterestScoreSerializer,
    InvitationSerializer,
    InviteSerializer,
    ResultsSerializer,
    SurveyCreateSerializer,
    SurveyDetailSerializer,
    SurveySerializer,
    SurveyUpdateSerializer,
)

TAG = "surveys"


class SurveysView(ClusterView):
    """The management team writes, the board reads, a member representative gets 403."""

    read_roles = READ_ROLES

    def survey(self) -> Survey:
        return queries.survey_for(self.cluster, self.kwargs["pk"])

    def counted(self, survey: Survey) -> Survey:
        return queries.surveys_with_counts(self.cluster).get(pk=survey.pk)


def _detail(survey: Survey) -> dict[str, Any]:
    questions: dict[int, list[Question]] = defaultdict(list)
    for question in (
        Question.objects.filter(survey=survey)
        .select_related("condition_question")
        .prefetch_related("options")
        .order_by("position", "id")
    ):
        questions[question.section_id].append(question)
    return SurveyDetailSerializer(survey, context={"questions": questions}).data


class SurveyList(SurveysView, generics.ListAPIView):
    serializer_class = SurveySerializer

    def get_queryset(self) -> QuerySet[Survey]:
        if self.is_schema_generation:
            return Survey.objects.none()
        return queries.surveys_with_counts(self.cluster)

    @_operation(
        "List the cluster's surveys, newest first, with invitations and answers",
        TAG,
        {200: SurveySerializer(many=True)},
        errors=(401, 403, 404),
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    @_operation(
        "Create a draft survey, from a ready-made questionnaire or blank",
        TAG,
        {201: SurveyDetailSerializer},
        request=SurveyCreateSerializer,
    )
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        body = SurveyCreateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        survey = services.survey_create(
            cluster=self.cluster, actor=request.user, source=SOURCE, **body.validated_data
        )
        return Response(_detail(self.counted(survey)), status=status.HTTP_201_CREATED)


class SurveyDetail(SurveysView):
    @_operation(
        "Show a survey with its sections, questions, options and conditions",
        TAG,
        {200: SurveyDetailSerializer},
        errors=(401, 403, 404),
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return Response(_detail(self.counted(self.survey())))

    @_operation(
        "Change a survey's titles, introductions, languages, deadline or public link",
        TAG,
        {200: SurveyDetailSerializer},
        request=SurveyUpdateSerializer,
    )
    def patch(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        survey = self.survey()
        body = SurveyUpdateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        services.survey_update(
            survey=survey, actor=request.user, data=body.validated_data, source=SOURCE
        )
        return Response(_detail(self.counted(survey)))

    @_operation("Delete a survey and its answers", TAG, {204: None}, errors=(401, 403, 404))
    def delete(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        services.survey_delete(survey=self.survey(), actor=request.user, source=SOURCE)
        return Response(status=status.HTTP_204_NO_CONTENT)


class SurveyOpen(SurveysView):
    @_operation(
        "Open a survey to answers (the invitations prepared are sent)",
        TAG,
        {200: SurveySerializer},
        request=None,
    )
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        survey = services.survey_open(survey=self.survey(), actor=request.user, source=SOURCE)
        return Response(SurveySerializer(self.counted(survey)).data)


class SurveyClose(SurveysView):
    @_operation("Close a survey", TAG, {200: SurveySerializer}, request=None)
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        survey = services.survey_close(survey=self.survey(), actor=request.user, source=SOURCE)
        return Response(SurveySerializer(self.counted(survey)).data)


class InvitationList(SurveysView, generics.ListAPIView):
    serializer_class = InvitationSerializer

    def get_queryset(self) -> QuerySet:
        if self.is_schema_generation:
            return Survey.objects.none()
        return queries.invitations_with_status(self.survey())

    @_operation(
        "List who was invited, whether the e-mail went out and whether they answered",
        TAG,
        {200: InvitationSerializer(many=True)},
        errors=(401, 403, 404),
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    @_operation(
        "Invite contacts (ids) and/or a segment (everyone, committed, a category); the "
        "e-mails go out in the background once the survey is open",
        TAG,
        {201: CountSerializer},
        request=InviteSerializer,
    )
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        survey = self.survey()
        body = InviteSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        # Ids of another cluster are simply not found here, so they are never invited.
        contacts = Contact.objects.for_cluster(self.cluster).filter(
            pk__in=body.validated_data["contacts"]
        )
        count = services.invitations_add(
            survey=survey,
            actor=request.user,
            contacts=contacts,
            segment=body.validated_data["segment"],
            category=body.validated_data["category"],
        )
        return Response({"count": count}, status=status.HTTP_201_CREATED)


class SurveyRemind(SurveysView):
    @_operation(
        "Remind everyone invited who has not answered (e-mails sent in the background)",
        TAG,
        {200: CountSerializer},
        request=None,
    )
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        count = services.invitations_remind(survey=self.survey(), actor=request.user)
        return Response({"count": count})


class SurveyResults(SurveysView):
    @_operation(
        "Show a survey's results: response rate, NPS, average satisfaction, breakdowns by "
        "category and size, and each question's distribution",
        TAG,
        {200: ResultsSerializer},
        errors=(401, 403, 404),
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        survey = self.survey()
        language = survey.language_for(translation.get_language())
        return Response(ResultsSerializer(survey_results(survey, language)).data)


class SurveyInterest(SurveysView):
    @_operation(
        "Show a service-interest questionnaire's scores per candidate service (and segment)",
        TAG,
        {200: InterestScoreSerializer(many=True)},
        errors=(400, 401, 403, 404),
        parameters=[InterestParameterSerializer],
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        survey = self.survey()
        segment_by = _query_parameters(InterestParameterSerializer, request)["segment_by"]
        scores = queries.interest_scores(survey, segment_by=segment_by or None)
        return Response(InterestScoreSerializer(scores, many=True).data)
