"""Reads of the surveys that need more than one line: a cluster's survey (404 otherwise), the
latest satisfaction survey (excellence indicator E1), the service-interest scores, and who
was invited and who answered. The results page's figures are in ``results.py``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import (
    Avg,
    Case,
    CharField,
    Count,
    DateField,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, NullIf
from django.shortcuts import get_object_or_404

from clusterdesk.tenancy.models import Cluster

from .models import (
    Answer,
    Invitation,
    Question,
    Response,
    ResponseStatus,
    Survey,
    SurveyKind,
    SurveyStatus,
)

PAYING = ("member_price", "full_price")
UNKNOWN = "unknown"
SEGMENT_FIELDS = {"category": "response__category", "size": "response__size_band"}


def survey_for(cluster: Cluster, pk: int) -> Survey:
    """A survey of the cluster, or 404."""
    return get_object_or_404(Survey.objects.for_cluster(cluster).select_related("cluster"), pk=pk)


def _count(rows: QuerySet) -> Coalesce:
    """How many rows of a sub-query per survey (0 for none), as one column."""
    return Coalesce(
        Subquery(
            rows.order_by().values("survey").annotate(n=Count("pk")).values("n")[:1],
            output_field=IntegerField(),
        ),
        0,
    )


def surveys_with_counts(cluster: Cluster) -> QuerySet[Survey]:
    """The cluster's surveys, newest first, with how many were invited and answered."""
    return Survey.objects.for_cluster(cluster).annotate(
        submitted_count=_count(
            Response.objects.filter(survey=OuterRef("pk"), status=ResponseStatus.SUBMITTED)
        ),
        invited_count=_count(Invitation.objects.filter(survey=OuterRef("pk"))),
    )


def _closed_day(as_of: date) -> Case:
    """The day a survey closed: the day it was closed, or its deadline once passed."""
    return Case(
        When(status=SurveyStatus.CLOSED, then=F("closed_on")),
        When(status=SurveyStatus.OPEN, deadline__lt=as_of, then=F("deadline")),
        default=Value(None, output_field=DateField()),
        output_field=DateField(),
    )


def last_satisfaction_survey_closed(cluster: Cluster, *, as_of: date) -> Survey | None:
    """The satisfaction survey (kind "satisfaction") that closed last on or before as_of.

    A survey closes on the day it is closed, or — left open — on its deadline once that day
    has passed. Only a survey that at least one participant answered counts. The survey
    returned carries that day as ``closed_day``."""
    answered = Response.objects.filter(survey=OuterRef("pk"), status=ResponseStatus.SUBMITTED)
    return (
        Survey.objects.for_cluster(cluster)
        .filter(kind=SurveyKind.SATISFACTION)
        .annotate(closed_day=_closed_day(as_of))
        .filter(closed_day__isnull=False, closed_day__lte=as_of)
        .filter(Exists(answered))
        .order_by("-closed_day", "-id")
        .first()
    )


# --------------------------------------------------------------------------- service interest


@dataclass(frozen=True)
class InterestScore:
    candidate_key: str
    segment: str  # "all", or a participant category value, or a size band
    responses: int
    interest: float | None  # mean 1–5
    benefit: float | None  # mean 1–5
    willing_to_pay: float | None  # share 0–1 answering member or full price


def interest_scores(survey: Survey, *, segment_by: str | None = None) -> list[InterestScore]:
    """Scores per candidate over submitted responses; segment_by None → segment "all",
    "category" → per participants.Category of the respondent's organisation, "size" → per
    size band (micro <10, small <50, medium <250, large, unknown). One grouped query."""
    if segment_by not in (None, "category", "size"):
        raise ValueError(segment_by)
    order = {
        block: index
        for index, block in enumerate(
            dict.fromkeys(
                Question.objects.filter(survey=survey)
                .exclude(block="")
                .order_by("section__position", "section_id", "position")
                .values_list("block", flat=True)
            )
        )
    }
    answers = Answer.objects.filter(
        survey=survey, submitted=True, question__block__in=list(order)
    ).exclude(question__measure="")
    if segment_by is None:
        answers = answers.annotate(segment=Value("all", output_field=CharField()))
    else:
        answers = answers.annotate(
            segment=Coalesce(
                NullIf(F(SEGMENT_FIELDS[segment_by]), Value("")),
                Value(UNKNOWN),
                output_field=CharField(),
            )
        )
    rows = (
        answers.values("question__block", "segment")
        .annotate(
            responses=Count("response", distinct=True),
            interest=Avg("number", filter=Q(question__measure="interest")),
            benefit=Avg("number", filter=Q(question__measure="benefit")),
            paying=Count("pk", filter=Q(question__measure="pay", option__value__in=PAYING)),
            pay_answers=Count("pk", filter=Q(question__measure="pay")),
        )
        .order_by()
    )
    scores = [
        InterestScore(
            candidate_key=row["question__block"],
            segment=row["segment"],
            responses=row["responses"],
            interest=_rounded(row["interest"]),
            benefit=_rounded(row["benefit"]),
            willing_to_pay=(
                round(row["paying"] / row["pay_answers"], 4) if row["pay_answers"] else None
            ),
        )
        for row in rows
    ]
    return sorted(scores, key=lambda score: (order[score.candidate_key], score.segment))


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(float(value), 4)


# --------------------------------------------------------------------------- who answered


@dataclass(frozen=True)
class ResponseRate:
    invited: int
    sent: int
    started: int  # invited people with a draft
    answered: int  # invited people who sent their answers
    public: int  # answers sent through the anonymous link

    @property
    def share(self) -> float | None:
        return self.answered / self.invited if self.invited else None

    @property
    def submitted(self) -> int:
        return self.answered + self.public


def response_rate(survey: Survey) -> ResponseRate:
    """Invited, sent, started and answered — two queries."""
    invitations = survey.invitations.aggregate(
        invited=Count("pk"),
        sent=Count("pk", filter=Q(sent_at__isnull=False)),
        started=Count("pk", filter=Q(response__status=ResponseStatus.DRAFT)),
        answered=Count("pk", filter=Q(response__status=ResponseStatus.SUBMITTED)),
    )
    public = Response.objects.filter(
        survey=survey, invitation__isnull=True, resume_key__isnull=False
    ).aggregate(n=Count("pk", filter=Q(status=ResponseStatus.SUBMITTED)))["n"]
    return ResponseRate(public=public, **invitations)


def invitations_with_status(survey: Survey) -> QuerySet[Invitation]:
    return (
        survey.invitations.select_related("contact__organisation")
        .annotate(
            answer_status=Coalesce(F("response__status"), Value("", output_field=CharField())),
            answered_at=F("response__submitted_at"),
        )
        .order_by("contact__organisation__name", "contact__last_name", "pk")
    )
