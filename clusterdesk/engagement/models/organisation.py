"""The facts about the cluster organisation itself: team, governance, money, strategy and
plan, web presence and success stories."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from clusterdesk.participants.models import Organisation

from .base import ClusterOwned

# --------------------------------------------------------------------------- team


class StaffMember(ClusterOwned):
    """A person of the management team in one post for a period. A post held by one person
    after another shows its vacancies as the gaps between them."""

    full_name = models.CharField(_("name"), max_length=200)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("user account"),
    )
    post = models.CharField(_("post"), max_length=150, help_text=_("e.g. Cluster manager"))
    fte = models.DecimalField(
        _("FTE"),
        max_digits=3,
        decimal_places=2,
        validators=[MinValueValidator(0.05), MaxValueValidator(1)],
    )
    started_on = models.DateField(_("started on"))
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    job_description = models.FileField(_("job description"), upload_to="team/%Y/", blank=True)

    class Meta:
        ordering = ["post", "started_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True)
                | models.Q(ended_on__gte=models.F("started_on")),
                name="staff_ends_after_starting",
            )
        ]
        verbose_name = _("staff member")
        verbose_name_plural = _("management team")

    def __str__(self) -> str:
        return f"{self.full_name} ({self.post})"


class TrainingRecord(ClusterOwned):
    staff_member = models.ForeignKey(
        StaffMember,
        on_delete=models.CASCADE,
        related_name="trainings",
        verbose_name=_("staff member"),
    )
    date = models.DateField(_("date"))
    days = models.DecimalField(
        _("days"), max_digits=4, decimal_places=1, validators=[MinValueValidator(0.5)]
    )
    topic = models.CharField(_("topic"), max_length=255)
    provider = models.CharField(_("provider"), max_length=255, blank=True)

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("training record")
        verbose_name_plural = _("training records")

    def __str__(self) -> str:
        return self.topic


# --------------------------------------------------------------------------- governance


class Governance(ClusterOwned):
    """One row per cluster: its legal form, statutes and general manager."""

    legal_form = models.CharField(_("legal form"), max_length=150, blank=True)
    statutes = models.FileField(_("statutes or contracts"), upload_to="governance/", blank=True)
    statutes_define_benefits_and_duties = models.BooleanField(
        _("the statutes define members' benefits and duties"), default=False
    )
    statutes_updated_on = models.DateField(_("statutes updated on"), null=True, blank=True)
    general_manager = models.CharField(_("general manager"), max_length=200, blank=True)
    general_manager_since = models.DateField(_("in office since"), null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["cluster"], name="one_governance_per_cluster")
        ]
        verbose_name = _("governance")
        verbose_name_plural = _("governance")

    def __str__(self) -> str:
        return str(self.legal_form or _("governance"))


class GeneralAssembly(ClusterOwned):
    date = models.DateField(_("date"))
    notes = models.TextField(_("notes"), blank=True)
    minutes = models.FileField(_("minutes"), upload_to="governance/assemblies/", blank=True)

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("general assembly")
        verbose_name_plural = _("general assemblies")

    def __str__(self) -> str:
        return str(self.date)


class BoardMember(ClusterOwned):
    class Appointment(models.TextChoices):
        ELECTED = "elected", _("Elected by the participants")
        NOMINATED = "nominated", _("Nominated by the participants")
        OTHER = "other", _("Appointed otherwise")

    full_name = models.CharField(_("name"), max_length=200)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation"),
    )
    board_role = models.CharField(_("role on the board"), max_length=150, blank=True)
    appointment = models.CharField(_("appointment"), max_length=12, choices=Appointment.choices)
    started_on = models.DateField(_("since"))
    ended_on = models.DateField(_("until"), null=True, blank=True)

    class Meta:
        ordering = ["-started_on", "full_name"]
        verbose_name = _("board member")
        verbose_name_plural = _("management board")

    def __str__(self) -> str:
        return self.full_name


class CommitteeKind(models.TextChoices):
    ADVISORY = "advisory", _("Advisory board")
    SCIENTIFIC = "scientific", _("Scientific board")
    THEMATIC = "thematic", _("Thematic committee")


class Committee(ClusterOwned):
    kind = models.CharField(_("kind"), max_length=12, choices=CommitteeKind.choices)
    name = models.CharField(_("name"), max_length=200)
    started_on = models.DateField(_("since"))
    ended_on = models.DateField(_("until"), null=True, blank=True)

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("board or committee")
        verbose_name_plural = _("boards and committees")

    def __str__(self) -> str:
        return self.name


# --------------------------------------------------------------------------- finance


class FundingSource(models.TextChoices):
    REGIONAL_PUBLIC = "regional_public", _("Regional public funding")
    NATIONAL_PUBLIC = "national_public", _("National public funding")
    EU_PUBLIC = "eu_public", _("EU public funding")
    MEMBERSHIP_FEES = "membership_fees", _("Membership fees")
    SERVICE_FEES = "service_fees", _("Service fees")
    EVENTS = "events", _("Events")
    EU_PROJECTS = "eu_projects", _("EU projects")
    SPONSORS = "sponsors", _("Sponsors and donors")
    PRIVATE_CONTRACTS = "private_contracts", _("Private contracts")
    OTHER = "other", _("Other")


# The private sources of the SPEC's indicator C2 (fees, services, events, sponsors, contracts).
PRIVATE_SOURCES = (
    FundingSource.MEMBERSHIP_FEES,
    FundingSource.SERVICE_FEES,
    FundingSource.EVENTS,
    FundingSource.SPONSORS,
    FundingSource.PRIVATE_CONTRACTS,
)


class BudgetLine(ClusterOwned):
    year = models.PositiveSmallIntegerField(_("year"))
    source = models.CharField(_("source"), max_length=20, choices=FundingSource.choices)
    planned = models.DecimalField(
        _("planned (€)"),
        max_digits=12,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0)],
    )
    actual = models.DecimalField(
        _("actual (€)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )

    class Meta:
        ordering = ["-year", "source"]
        constraints = [
            models.UniqueConstraint(
                fields=["cluster", "year", "source"], name="one_line_per_source"
            )
        ]
        verbose_name = _("budget line")
        verbose_name_plural = _("budget")

    def __str__(self) -> str:
        return f"{self.year} · {self.get_source_display()}"


class FundingCommitment(ClusterOwned):
    """Money promised for the future: how far ahead the budget is secured."""

    funder = models.CharField(_("funder"), max_length=200)
    source = models.CharField(_("source"), max_length=20, choices=FundingSource.choices)
    amount = models.DecimalField(
        _("amount (€)"), max_digits=12, decimal_places=2, validators=[MinValueValidator(0)]
    )
    starts_on = models.DateField(_("from"))
    runs_to = models.DateField(_("runs to"))
    document = models.FileField(_("document"), upload_to="finance/", blank=True)

    class Meta:
        ordering = ["-runs_to", "funder"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(runs_to__gte=models.F("starts_on")),
                name="commitment_runs_after_it_starts",
            )
        ]
        verbose_name = _("funding commitment")
        verbose_name_plural = _("funding commitments")

    def __str__(self) -> str:
        return f"{self.funder} → {self.runs_to}"


# --------------------------------------------------------------------------- strategy and plan


class StrategyDocument(ClusterOwned):
    title = models.CharField(_("title"), max_length=255)
    document = models.FileField(_("document"), upload_to="strategy/", blank=True)
    adopted_on = models.DateField(_("adopted on"))
    updated_on = models.DateField(_("last updated on"))

    class Meta:
        ordering = ["-updated_on", "-id"]
        verbose_name = _("strategy document")
        verbose_name_plural = _("strategy documents")

    def __str__(self) -> str:
        return self.title


class PlanActionStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


class PlanAction(ClusterOwned):
    """An action of the implementation plan, with a measurable target."""

    year = models.PositiveSmallIntegerField(_("plan year"))
    title = models.CharField(_("action"), max_length=255)
    indicator = models.CharField(_("indicator"), max_length=255, blank=True)
    target_value = models.DecimalField(
        _("target value"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    unit = models.CharField(_("unit"), max_length=50, blank=True)
    budget = models.DecimalField(
        _("budget (€)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("owner"),
    )
    due_on = models.DateField(_("due on"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=PlanActionStatus.choices,
        default=PlanActionStatus.PLANNED,
    )
    achieved_value = models.DecimalField(
        _("achieved value"), max_digits=12, decimal_places=2, null=True, blank=True
    )

    class Meta:
        ordering = ["-year", "due_on", "id"]
        indexes = [models.Index(fields=["cluster", "year"])]
        verbose_name = _("plan action")
        verbose_name_plural = _("implementation plan")

    def __str__(self) -> str:
        return self.title

    @property
    def is_measurable(self) -> bool:
        return bool(self.indicator) and self.target_value is not None and self.budget is not None

    @property
    def target_achieved(self) -> bool | None:
        if self.target_value is None or self.achieved_value is None:
            return None
        return self.achieved_value >= self.target_value


# --------------------------------------------------------------------------- recognition


class WebPresence(ClusterOwned):
    url = models.URLField(_("site address"), max_length=300)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    last_updated_on = models.DateField(_("last updated on"), null=True, blank=True)
    contact_page_url = models.URLField(_("contact page"), max_length=300, blank=True)

    class Meta:
        ordering = ["url"]
        verbose_name = _("website")
        verbose_name_plural = _("web presence")

    def __str__(self) -> str:
        return self.url


class SocialChannel(ClusterOwned):
    network = models.CharField(_("network"), max_length=60)
    url = models.URLField(_("address"), max_length=300)

    class Meta:
        ordering = ["network"]
        verbose_name = _("social channel")
        verbose_name_plural = _("social channels")

    def __str__(self) -> str:
        return f"{self.network}: {self.url}"


class SuccessStory(ClusterOwned):
    """A success story with the guide's four points."""

    title = models.CharField(_("title"), max_length=255)
    text = models.TextField(_("story"))
    participants = models.ManyToManyField(
        Organisation, blank=True, related_name="success_stories", verbose_name=_("participants")
    )
    published_on = models.DateField(_("published on"), null=True, blank=True)
    complexity = models.TextField(_("complexity"), blank=True)
    impact_on_participants = models.TextField(_("impact on most participants"), blank=True)
    objectives_achieved = models.TextField(_("objectives achieved"), blank=True)
    sustainability = models.TextField(_("contribution to sustainability"), blank=True)

    class Meta:
        ordering = ["-published_on", "-id"]
        verbose_name = _("success story")
        verbose_name_plural = _("success stories")

    def __str__(self) -> str:
        return self.title

    @property
    def is_complete(self) -> bool:
        """States all four points of the guide (SPEC indicator E2)."""
        return all(
            value.strip()
            for value in (
                self.complexity,
                self.impact_on_participants,
                self.objectives_achieved,
                self.sustainability,
            )
        )
