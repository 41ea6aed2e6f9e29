"""A survey's results, counted by the database in a fixed number of grouped queries whatever
the number of responses: per question the distribution of the answers (options, scale points,
0–10), the mean of scales and numbers, the first and last date, the latest free texts; the
recommendation score (NPS) and the average satisfaction; and both broken down by the
respondents' participant category and size. Also the export, one row per response."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Count, F, Max, Min, Q, Sum, Window
from django.db.models.functions import RowNumber
from django.utils.translation import gettext as _

from clusterdesk.lib.tabular import write_table
from clusterdesk.participants.models import Category

from .models import (
    Answer,
    Option,
    Question,
    QuestionKind,
    Response,
    ResponseStatus,
    SizeBand,
    Survey,
)
from .queries import ResponseRate, response_rate
from .scales import (
    DEFAULT_RATING_MAX,
    LIKERT_POINTS,
    NPS_POINTS,
    Scale,
    likert_labels,
    nps,
    nps_group,
)

TEXT_SAMPLES = 5
DISTRIBUTED = (
    QuestionKind.SINGLE,
    QuestionKind.MULTIPLE,
    QuestionKind.LIKERT,
    QuestionKind.NPS,
    QuestionKind.RATING,
    QuestionKind.MATRIX,
)


@dataclass
class Share:
    value: str
    label: str
    count: int
    total: int

    @property
    def share(self) -> float:
        return self.count / self.total if self.total else 0.0


@dataclass
class Recommendation:
    detractors: int = 0
    passives: int = 0
    promoters: int = 0

    @property
    def total(self) -> int:
        return self.detractors + self.passives + self.promoters

    @property
    def score(self) -> float | None:
        return nps(self.promoters, self.detractors, self.total)

    def add(self, point: float, count: int) -> None:
        group = nps_group(point)
        if group == "promoter":
            self.promoters += count
        elif group == "passive":
            self.passives += count
        else:
            self.detractors += count


@dataclass
class MatrixRowResult:
    option: Option
    label: str
    counts: list[int]

    @property
    def answered(self) -> int:
        return sum(self.counts)

    @property
    def mean(self) -> float | None:
        total = self.answered
        if not total:
            return None
        return (
            sum(point * count for point, count in zip(LIKERT_POINTS, self.counts, strict=True))
            / total
        )


@dataclass
class QuestionResult:
    question: Question
    number: int
    text: str
    section: str
    answered: int = 0  # respondents who answered it
    shares: list[Share] = field(default_factory=list)
    mean: float | None = None
    smallest: float | None = None
    largest: float | None = None
    first_day: date | None = None
    last_day: date | None = None
    recommendation: Recommendation | None = None
    rows: list[MatrixRowResult] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    scale_labels: list[str] = field(default_factory=list)

    @property
    def kind(self) -> str:
        return self.question.kind

    @property
    def counts(self) -> list[int]:
        return [share.count for share in self.shares]


@dataclass
class SegmentResult:
    segment: str
    label: str
    responses: int
    satisfaction: float | None
    recommendation: Recommendation

    @property
    def nps(self) -> float | None:
        return self.recommendation.score


@dataclass
class Results:
    survey: Survey
    rate: ResponseRate
    questions: list[QuestionResult]
    recommendation: Recommendation | None  # the survey's first 0–10 question
    satisfaction: float | None  # mean of the answers on satisfaction scales, 1–5
    satisfaction_answers: int
    by_category: list[SegmentResult]
    by_size: list[SegmentResult]

    @property
    def submitted(self) -> int:
        return self.rate.submitted


def _questions(survey: Survey) -> tuple[list[Question], dict[int, list[Option]]]:
    questions = list(
        Question.objects.filter(survey=survey)
        .select_related("section")
        .order_by("section__position", "section_id", "position", "id")
    )
    options: dict[int, list[Option]] = {question.pk: [] for question in questions}
    for option in Option.objects.filter(question__survey=survey).order_by("position", "id"):
        options[option.question_id].append(option)
    return questions, options


def _satisfaction_ids(questions: list[Question]) -> list[int]:
    return [
        q.pk
        for q in questions
        if q.kind in (QuestionKind.LIKERT, QuestionKind.MATRIX) and q.scale == Scale.SATISFACTION
    ]


def survey_results(survey: Survey, language: str) -> Results:
    """Every figure of the results page (texts in ``language``, else the survey's first)."""
    questions, options_of = _questions(survey)
    fallback = survey.default_language
    submitted = Answer.objects.filter(survey=survey, submitted=True)
    results: dict[int, QuestionResult] = {}
    for number, question in enumerate(questions, start=1):
        question.survey = survey
        question.section.survey = survey
        result = QuestionResult(
            question, number, question.text_in(language), question.section.title_in(language)
        )
        results[question.pk] = result
        options = options_of[question.pk]
        if question.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
            result.shares = [Share(o.value, o.label_in(language, fallback), 0, 0) for o in options]
        elif question.kind == QuestionKind.LIKERT:
            result.scale_labels = list(likert_labels(question.scale))
            result.shares = [
                Share(str(p), label, 0, 0)
                for p, label in zip(LIKERT_POINTS, result.scale_labels, strict=True)
            ]
        elif question.kind == QuestionKind.NPS:
            result.shares = [Share(str(p), str(p), 0, 0) for p in NPS_POINTS]
            result.recommendation = Recommendation()
        elif question.kind == QuestionKind.RATING:
            most = int(question.max_value or DEFAULT_RATING_MAX)
            result.shares = [Share(str(p), "★" * p, 0, 0) for p in range(1, most + 1)]
        elif question.kind == QuestionKind.MATRIX:
            result.scale_labels = list(likert_labels(question.scale))
            result.rows = [
                MatrixRowResult(o, o.label_in(language, fallback), [0] * len(LIKERT_POINTS))
                for o in options
            ]
    distributed = [q.pk for q in questions if q.kind in DISTRIBUTED]
    many = [q.pk for q in questions if q.kind in (QuestionKind.MULTIPLE, QuestionKind.MATRIX)]

    # 1. How many gave each option or point, for every choice and scale question at once.
    option_index = {
        o.pk: (index, o.question_id) for opts in options_of.values() for index, o in enumerate(opts)
    }
    # 1. How many gave each option, point or number, for every question at once: all the
    # survey's answers grouped, read from the results index alone (no list of questions,
    # else SQLite reads the rows through the question index).
    wanted = set(distributed)
    numbers: dict[int, list[tuple[float, int]]] = defaultdict(list)
    for question_id, option_id, point, count in (
        submitted.values_list("question_id", "option_id", "number")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        result = results.get(question_id)
        if result is None:
            continue
        kind = result.kind
        if question_id not in wanted:
            # A number, a date or a text: one row per respondent.
            result.answered += count
            if kind == QuestionKind.NUMBER and point is not None:
                numbers[question_id].append((point, count))
            continue
        if kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
            if option_id in option_index:
                result.shares[option_index[option_id][0]].count += count
        elif kind == QuestionKind.MATRIX:
            if option_id in option_index and point is not None:
                result.rows[option_index[option_id][0]].counts[int(point) - 1] += count
        elif point is not None:
            first = 0 if kind == QuestionKind.NPS else 1
            index = int(point) - first
            if 0 <= index < len(result.shares):
                result.shares[index].count += count
            if result.recommendation is not None:
                result.recommendation.add(point, count)
    for question_id, groups in numbers.items():
        result = results[question_id]
        total = sum(count for _value, count in groups)
        result.mean = sum(value * count for value, count in groups) / total
        result.smallest = min(value for value, _count in groups)
        result.largest = max(value for value, _count in groups)

    # 2. Respondents of the questions whose answer takes several rows (also from the index),
    # and the first and last dates given.
    if many:
        for question_id, respondents in (
            submitted.filter(question_id__in=many)
            .values("question_id")
            .annotate(respondents=Count("response", distinct=True))
            .values_list("question_id", "respondents")
            .order_by()
        ):
            results[question_id].answered = respondents
    dates = [q.pk for q in questions if q.kind == QuestionKind.DATE]
    if dates:
        for question_id, first, last in (
            submitted.filter(question_id__in=dates)
            .values("question_id")
            .annotate(first=Min("day"), last=Max("day"))
            .values_list("question_id", "first", "last")
            .order_by()
        ):
            results[question_id].first_day, results[question_id].last_day = first, last

    # 3. The latest free texts of every text question, in one windowed query.
    text_ids = [q.pk for q in questions if q.kind == QuestionKind.TEXT]
    if text_ids:
        latest = (
            submitted.filter(question_id__in=text_ids)
            .exclude(text="")
            .annotate(
                rank=Window(RowNumber(), partition_by=[F("question_id")], order_by=F("pk").desc())
            )
            .filter(rank__lte=TEXT_SAMPLES)
            .values_list("question_id", "text")
            .order_by("question_id", "rank")
        )
        for question_id, text in latest:
            results[question_id].texts.append(text)

    for result in results.values():
        if result.kind in (
            QuestionKind.SINGLE,
            QuestionKind.LIKERT,
            QuestionKind.NPS,
            QuestionKind.RATING,
        ):
            result.answered = sum(result.counts)
        total = result.answered
        for share in result.shares:
            share.total = total
        if result.kind in (QuestionKind.LIKERT, QuestionKind.RATING, QuestionKind.NPS) and total:
            first = 0 if result.kind == QuestionKind.NPS else 1
            result.mean = (
                sum((index + first) * share.count for index, share in enumerate(result.shares))
                / total
            )

    satisfaction_ids = _satisfaction_ids(questions)
    per_point = [0] * len(LIKERT_POINTS)
    for pk in satisfaction_ids:
        result = results[pk]
        rows = (
            [result.counts]
            if result.kind == QuestionKind.LIKERT
            else [r.counts for r in result.rows]
        )
        for counts in rows:
            for index, count in enumerate(counts):
                per_point[index] += count
    answers = sum(per_point)
    satisfaction = (
        sum(point * count for point, count in zip(LIKERT_POINTS, per_point, strict=True)) / answers
        if answers
        else None
    )
    nps_question = next((q for q in questions if q.kind == QuestionKind.NPS), None)
    by_category, by_size = breakdowns(survey, satisfaction_ids, nps_question)
    return Results(
        survey=survey,
        rate=response_rate(survey),
        questions=list(results.values()),
        recommendation=results[nps_question.pk].recommendation if nps_question else None,
        satisfaction=satisfaction,
        satisfaction_answers=answers,
        by_category=by_category,
        by_size=by_size,
    )


def _segment_label(dimension: str, segment: str) -> str:
    if dimension == "category":
        labels = dict(Category.choices)
        return str(labels.get(segment) or _("Category not known"))
    return str(dict(SizeBand.choices).get(segment) or SizeBand.UNKNOWN.label)


def breakdowns(
    survey: Survey, satisfaction_ids: list[int], nps_question: Question | None
) -> tuple[list[SegmentResult], list[SegmentResult]]:
    """Responses, average satisfaction and NPS per participant category and per size band:
    two queries grouped by category and size together, added up for each dimension."""
    pairs = (
        Response.objects.filter(survey=survey, status=ResponseStatus.SUBMITTED)
        .values_list("category", "size_band")
        .annotate(n=Count("pk"))
        .order_by()
    )
    measured = [*satisfaction_ids, *([nps_question.pk] if nps_question else [])]
    figures: list[tuple[str, str, float, int, int, int, int]] = []
    if measured:
        nps_id = nps_question.pk if nps_question else 0
        satisfaction = Q(question_id__in=satisfaction_ids)
        figures = list(
            Answer.objects.filter(survey=survey, submitted=True, question_id__in=measured)
            .values_list("response__category", "response__size_band")
            .annotate(
                points=Sum("number", filter=satisfaction),
                answers=Count("pk", filter=satisfaction),
                detractors=Count("pk", filter=Q(question_id=nps_id, number__lte=6)),
                passives=Count("pk", filter=Q(question_id=nps_id, number__in=[7, 8])),
                promoters=Count("pk", filter=Q(question_id=nps_id, number__gte=9)),
            )
            .order_by()
        )
    found: list[list[SegmentResult]] = []
    for dimension, index in (("category", 0), ("size", 1)):
        segments: dict[str, SegmentResult] = {}
        sums: dict[str, list[float]] = {}
        for *pair, count in pairs:
            key = pair[index] or "unknown"
            if key not in segments:
                label = _segment_label(dimension, key)
                segments[key] = SegmentResult(key, label, 0, None, Recommendation())
                sums[key] = [0.0, 0]
            segments[key].responses += count
        for *pair, points, answers, detractors, passives, promoters in figures:
            key = pair[index] or "unknown"
            if key not in segments:
                continue
            sums[key][0] += points or 0
            sums[key][1] += answers
            recommendation = segments[key].recommendation
            recommendation.detractors += detractors
            recommendation.passives += passives
            recommendation.promoters += promoters
        for key, (points, answers) in sums.items():
            segments[key].satisfaction = points / answers if answers else None
        found.append(sorted(segments.values(), key=lambda row: (-row.responses, row.label)))
    return found[0], found[1]


def text_answers(survey: Survey, question: Question) -> Any:
    """Every free-text answer sent to a question, newest first (paginated by the page)."""
    return (
        Answer.objects.filter(survey=survey, submitted=True, question=question)
        .exclude(text="")
        .order_by("-pk")
        .values_list("text", "response__submitted_at", "response__category")
    )


# --------------------------------------------------------------------------- export


def _columns(
    questions: list[Question], options_of: dict[int, list[Option]], language: str
) -> list[tuple[str, int, int | None]]:
    """(header, question id, option id): one column per question, per option of a multiple
    choice and per row of a matrix."""
    columns = []
    for number, question in enumerate(questions, start=1):
        text = f"{number}. {question.text_in(language)}"
        if question.kind in (QuestionKind.MULTIPLE, QuestionKind.MATRIX):
            fallback = question.survey.default_language
            for option in options_of[question.pk]:
                label = option.label_in(language, fallback)
                columns.append((f"{text} – {label}", question.pk, option.pk))
        else:
            columns.append((text, question.pk, None))
    return columns


def export_rows(survey: Survey, language: str) -> tuple[list[str], Iterator[list[Any]]]:
    """The headers and, one per response sent, the rows of the export."""
    questions, options_of = _questions(survey)
    for question in questions:
        question.survey = survey
    fallback = survey.default_language
    columns = _columns(questions, options_of, language)
    position = {(question, option): index for index, (_h, question, option) in enumerate(columns)}
    kinds = {question.pk: question.kind for question in questions}
    labels = {
        option.pk: option.label_in(language, fallback)
        for options in options_of.values()
        for option in options
    }
    headers = [
        _("Response"),
        _("Sent at"),
        _("Language"),
        _("Organisation"),
        _("Category"),
        _("Size"),
        *[header for header, _q, _o in columns],
    ]
    category_labels = dict(Category.choices)
    size_labels = dict(SizeBand.choices)

    def rows() -> Iterator[list[Any]]:
        responses = (
            Response.objects.filter(survey=survey, status=ResponseStatus.SUBMITTED)
            .order_by("pk")
            .values_list(
                "pk", "submitted_at", "language", "organisation__name", "category", "size_band"
            )
        )
        answers = (
            Answer.objects.filter(survey=survey, submitted=True)
            .order_by("response_id", "pk")
            .values_list("response_id", "question_id", "option_id", "number", "day", "text")
            .iterator(chunk_size=5000)
        )
        pending = next(answers, None)
        for pk, sent, language_code, organisation, category, size in responses.iterator(
            chunk_size=2000
        ):
            cells: list[Any] = [None] * len(columns)
            while pending is not None and pending[0] <= pk:
                _response, question, option, number, day, text = pending
                pending = next(answers, None)
                if _response != pk:
                    continue
                kind = kinds.get(question)
                if kind == QuestionKind.MULTIPLE:
                    cells[position[(question, option)]] = 1
                elif kind == QuestionKind.MATRIX:
                    cells[position[(question, option)]] = _whole(number)
                elif kind == QuestionKind.SINGLE:
                    cells[position[(question, None)]] = labels.get(option, "")
                elif kind == QuestionKind.DATE:
                    cells[position[(question, None)]] = day.isoformat() if day else None
                elif kind == QuestionKind.TEXT:
                    cells[position[(question, None)]] = text
                elif kind is not None:
                    cells[position[(question, None)]] = _whole(number)
            yield [
                pk,
                sent.strftime("%Y-%m-%d %H:%M") if sent else "",
                language_code,
                organisation or "",
                str(category_labels.get(category, "")),
                str(size_labels.get(size, "")),
                *cells,
            ]

    return headers, rows()


def _whole(number: float | None) -> float | int | None:
    if number is None:
        return None
    return int(number) if number == int(number) else number


def responses_export(survey: Survey, language: str, file_format: str) -> bytes:
    headers, rows = export_rows(survey, language)
    return write_table(headers, list(rows), file_format)
