"""Surveys of the cluster's participants: the questionnaire (sections, questions, options and
their texts in several languages), who is asked (personal invitations with a token, or an
anonymous public link), and what they answered (responses and one row per answer, so that
results are counted by the database)."""

from __future__ import annotations

import secrets
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clusterdesk.participants.models import Contact, Organisation
from clusterdesk.tenancy.models import Cluster

from .scales import Scale

TEXT_MAX_LENGTH = 2000  # the default longest free-text answer
TEXT_MAX_LENGTH_LIMIT = 10_000  # the longest a manager may allow


def new_token() -> str:
    return secrets.token_urlsafe(24)


def pick(texts: dict[str, str] | None, language: str, fallback: str) -> str:
    """The text in ``language``, else in the survey's first language, else any there is."""
    texts = texts or {}
    for code in (language, fallback):
        if texts.get(code):
            return texts[code]
    return next((text for text in texts.values() if text), "")


class SurveyKind(models.TextChoices):
    SATISFACTION = "satisfaction", _("Participant satisfaction")
    SERVICE_INTEREST = "service_interest", _("Service interest")
    STUDY_VISIT = "study_visit", _("Study visit")
    CUSTOM = "custom", _("Other")


class SurveyStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class SurveyQuerySet(models.QuerySet["Survey"]):
    def for_cluster(self, cluster: Cluster) -> SurveyQuerySet:
        return self.filter(cluster=cluster)


class Survey(models.Model):
    cluster = models.ForeignKey(Cluster, on_delete=models.CASCADE, related_name="surveys")
    kind = models.CharField(
        _("kind"), max_length=20, choices=SurveyKind.choices, default=SurveyKind.CUSTOM
    )
    template = models.CharField(max_length=40, blank=True)  # the ready-made one it came from
    title = models.JSONField(_("title"), default=dict)  # {language: text}
    intro = models.JSONField(_("introduction"), default=dict, blank=True)
    languages = models.JSONField(_("languages offered"), default=list)  # the first is the default
    status = models.CharField(
        _("status"), max_length=8, choices=SurveyStatus.choices, default=SurveyStatus.DRAFT
    )
    deadline = models.DateField(
        _("deadline"), null=True, blank=True, help_text=_("The last day answers are accepted.")
    )
    public_link = models.BooleanField(
        _("anonymous public link"),
        default=False,
        help_text=_("Anyone with the link may answer, without a personal invitation."),
    )
    public_key = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = SurveyQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["cluster", "kind", "status"]),
            models.Index(fields=["cluster", "-created_at"]),
        ]
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")

    def __str__(self) -> str:
        return self.title_in(self.default_language)

    @property
    def default_language(self) -> str:
        return self.languages[0] if self.languages else "en"

    def title_in(self, language: str) -> str:
        return pick(self.title, language, self.default_language)

    def intro_in(self, language: str) -> str:
        return pick(self.intro, language, self.default_language)

    def language_for(self, wanted: str | None) -> str:
        """The language a respondent gets: the one wanted when offered, else the first."""
        wanted = (wanted or "").split("-")[0].lower()
        return wanted if wanted in self.languages else self.default_language

    def is_past_deadline(self, today: Any = None) -> bool:
        today = today or timezone.localdate()
        return self.deadline is not None and today > self.deadline

    @property
    def is_draft(self) -> bool:
        return self.status == SurveyStatus.DRAFT

    @property
    def accepts_answers(self) -> bool:
        return self.status == SurveyStatus.OPEN and not self.is_past_deadline()


class Section(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="sections")
    position = models.PositiveIntegerField(default=0)
    title = models.JSONField(_("title"), default=dict, blank=True)
    intro = models.JSONField(_("introduction"), default=dict, blank=True)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")

    def __str__(self) -> str:
        return self.title_in(self.survey.default_language)

    def title_in(self, language: str) -> str:
        return pick(self.title, language, self.survey.default_language)

    def intro_in(self, language: str) -> str:
        return pick(self.intro, language, self.survey.default_language)


class QuestionKind(models.TextChoices):
    SINGLE = "single", _("Single choice")
    MULTIPLE = "multiple", _("Multiple choice")
    LIKERT = "likert", _("Scale of 1 to 5")
    NPS = "nps", _("Recommendation, 0 to 10 (NPS)")
    RATING = "rating", _("Star rating")
    NUMBER = "number", _("Number")
    DATE = "date", _("Date")
    TEXT = "text", _("Free text")
    MATRIX = "matrix", _("Matrix (rows on a 1-to-5 scale)")


CHOICE_KINDS = (QuestionKind.SINGLE, QuestionKind.MULTIPLE)
SCALE_KINDS = (QuestionKind.LIKERT, QuestionKind.MATRIX)
NUMERIC_KINDS = (
    QuestionKind.LIKERT,
    QuestionKind.NPS,
    QuestionKind.RATING,
    QuestionKind.NUMBER,
    QuestionKind.MATRIX,
)


class Profile(models.TextChoices):
    """A question that tells who answers, used for breakdowns when nobody is known (the
    anonymous link): its options' values are the participant categories or size bands."""

    NONE = "", _("—")
    CATEGORY = "category", _("Category of the respondent's organisation")
    SIZE = "size", _("Size of the respondent's organisation")


class Question(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveIntegerField(default=0)
    key = models.CharField(max_length=80)  # stable within the survey: export columns, API
    kind = models.CharField(_("kind"), max_length=10, choices=QuestionKind.choices)
    text = models.JSONField(_("question"), default=dict)
    help = models.JSONField(_("explanation"), default=dict, blank=True)
    required = models.BooleanField(_("required"), default=False)
    scale = models.CharField(
        _("scale"), max_length=16, choices=Scale.choices, default=Scale.AGREEMENT, blank=True
    )
    min_value = models.FloatField(_("smallest allowed"), null=True, blank=True)
    max_value = models.FloatField(_("largest allowed"), null=True, blank=True)
    max_length = models.PositiveIntegerField(
        _("longest answer (characters)"), null=True, blank=True
    )
    condition_question = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="dependants",
        verbose_name=_("show only when this question is answered"),
    )
    condition_values = models.JSONField(default=list, blank=True)  # empty: any answer
    # A block of questions about one thing (a candidate service), and what each measures.
    block = models.CharField(max_length=80, blank=True)
    measure = models.CharField(max_length=20, blank=True)
    profile = models.CharField(max_length=10, choices=Profile.choices, blank=True)

    class Meta:
        ordering = ["section__position", "section_id", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "key"], name="one_question_per_key"),
        ]
        indexes = [models.Index(fields=["survey", "block"])]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self) -> str:
        return self.text_in(self.survey.default_language)

    def text_in(self, language: str) -> str:
        return pick(self.text, language, self.survey.default_language)

    def help_in(self, language: str) -> str:
        return pick(self.help, language, self.survey.default_language)

    @property
    def text_limit(self) -> int:
        return self.max_length or TEXT_MAX_LENGTH

    @property
    def has_options(self) -> bool:
        return self.kind in (*CHOICE_KINDS, QuestionKind.MATRIX)


class Option(models.Model):
    """A choice of a single or multiple-choice question, or a row of a matrix question."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="options")
    position = models.PositiveIntegerField(default=0)
    value = models.CharField(max_length=80)  # stable: conditions, exports, the API
    label = models.JSONField(default=dict)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["question", "value"], name="one_option_per_value"),
        ]

    def __str__(self) -> str:
        return self.value

    def label_in(self, language: str, fallback: str) -> str:
        return pick(self.label, language, fallback) or self.value


class InvitationQuerySet(models.QuerySet["Invitation"]):
    def for_cluster(self, cluster: Cluster) -> InvitationQuerySet:
        return self.filter(cluster=cluster)


class Invitation(models.Model):
    """A personal link to a survey for one contact: one response per token."""

    cluster = models.ForeignKey(Cluster, on_delete=models.CASCADE, related_name="+")
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="invitations")
    contact = models.ForeignKey(
        Contact, on_delete=models.CASCADE, related_name="survey_invitations"
    )
    email = models.EmailField()
    language = models.CharField(max_length=8)
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    sent_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    reminders = models.PositiveSmallIntegerField(default=0)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "contact"], name="one_invitation_per_contact")
        ]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        return f"{self.email} · {self.survey}"


class ResponseStatus(models.TextChoices):
    DRAFT = "draft", _("Started, not sent")
    SUBMITTED = "submitted", _("Sent")


class SizeBand(models.TextChoices):
    MICRO = "micro", _("Micro (fewer than 10 employees)")
    SMALL = "small", _("Small (10–49)")
    MEDIUM = "medium", _("Medium (50–249)")
    LARGE = "large", _("Large (250 or more)")
    UNKNOWN = "unknown", _("Size not known")


def size_band(employees: int | None) -> str:
    if employees is None:
        return SizeBand.UNKNOWN
    if employees < 10:
        return SizeBand.MICRO
    if employees < 50:
        return SizeBand.SMALL
    if employees < 250:
        return SizeBand.MEDIUM
    return SizeBand.LARGE


class ResponseQuerySet(models.QuerySet["Response"]):
    def for_cluster(self, cluster: Cluster) -> ResponseQuerySet:
        return self.filter(cluster=cluster)

    def submitted(self) -> ResponseQuerySet:
        return self.filter(status=ResponseStatus.SUBMITTED)


class Response(models.Model):
    """One respondent's answers: a draft while they answer, then sent once. The category and
    size of their organisation are kept as they were, for breakdowns."""

    cluster = models.ForeignKey(Cluster, on_delete=models.CASCADE, related_name="+")
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    invitation = models.OneToOneField(
        Invitation, on_delete=models.SET_NULL, null=True, blank=True, related_name="response"
    )
    resume_key = models.CharField(max_length=64, unique=True, null=True, blank=True)
    status = models.CharField(
        max_length=10, choices=ResponseStatus.choices, default=ResponseStatus.DRAFT
    )
    language = models.CharField(max_length=8)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    category = models.CharField(max_length=20, blank=True)
    size_band = models.CharField(
        max_length=8, choices=SizeBand.choices, default=SizeBand.UNKNOWN, blank=True
    )
    started_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    submitted_at = models.DateTimeField(null=True, blank=True)

    objects = ResponseQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_at", "-id"]
        indexes = [models.Index(fields=["survey", "status"])]
        verbose_name = _("response")
        verbose_name_plural = _("responses")

    def __str__(self) -> str:
        return f"{self.survey} #{self.pk}"

    @property
    def is_submitted(self) -> bool:
        return self.status == ResponseStatus.SUBMITTED


class Answer(models.Model):
    """One answer: a chosen option (one row per option of a multiple choice), a number (a
    scale point, a recommendation, stars, a number; for a matrix one row per matrix row with
    its option), a date or a text. ``survey`` and ``submitted`` repeat the response's so the
    results are one grouped query over one table."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="+")
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    option = models.ForeignKey(
        Option, on_delete=models.CASCADE, null=True, blank=True, related_name="answers"
    )
    number = models.FloatField(null=True, blank=True)
    day = models.DateField(null=True, blank=True)
    text = models.TextField(blank=True)
    submitted = models.BooleanField(default=False)

    class Meta:
        ordering = ["id"]
        indexes = [
            # The results read a survey's answers grouped by question, option and number, and
            # count respondents and join their response: from this index alone, in its order
            # (drafts are few and filtered inside it).
            models.Index(
                fields=["survey", "question", "option", "number", "submitted", "response"],
                name="surveys_answer_results",
            ),
            models.Index(fields=["response", "question"]),
        ]

    def __str__(self) -> str:
        return f"{self.question.key}: {self.option_id or self.number or self.day or self.text}"
