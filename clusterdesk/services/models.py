"""The service portfolio: the catalogue as the guide's portfolio tables describe it (identifier,
description, targeted companies, methodology, timing), the delivery log, and the guide's
design workflow for new services (chapter 5: long list → shortlist of at most 10 → member
questionnaire → ranking and SWOT → decision)."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext_lazy as _

from clusterdesk.engagement.models import StaffMember
from clusterdesk.engagement.models.base import ClusterOwned
from clusterdesk.participants.models import Organisation


class ServiceArea(models.IntegerChoices):
    """The SPEC glossary's service areas: the four the guide asks every portfolio to cover
    (1–4, indicator D4), then the further ones."""

    INFORMATION = 1, _("Information, market intelligence and matchmaking")
    RESEARCH_AND_INNOVATION = 2, _("Initiation of R&D and innovation projects")
    PROMOTION = 3, _("Promotion of the cluster and internationalisation")
    HUMAN_DEVELOPMENT = 4, _("Human development and entrepreneurship support")
    TESTING = 5, _("Testing and laboratory")
    FUNDING_CALLS = 6, _("Funding-call support")
    SKILLS_SHARING = 7, _("Skills sharing")
    OTHER = 8, _("Other")


# The four areas of the guide's chapter 2 that indicator D4 asks for.
CORE_AREAS = (1, 2, 3, 4)

# Short names where a long one does not fit (a chart's labels).
AREA_SHORT_LABELS = {
    1: _("Information, matchmaking"),
    2: _("R&D and innovation"),
    3: _("Promotion, international"),
    4: _("People, entrepreneurship"),
    5: _("Testing, laboratory"),
    6: _("Funding calls"),
    7: _("Skills sharing"),
    8: _("Other"),
}


class ServiceStatus(models.TextChoices):
    IDEA = "idea", _("Idea")
    SHORTLISTED = "shortlisted", _("Shortlisted")
    NEW = "new", _("New")
    IN_PLACE = "in_place", _("In place")
    RETIRED = "retired", _("Retired")


# What participants can be offered today.
OFFERED_STATUSES = (ServiceStatus.NEW, ServiceStatus.IN_PLACE)


class Service(ClusterOwned):
    """A service of the catalogue. ``name`` and ``description`` are in the cluster's working
    language; ``translations`` holds what the public site shows in other languages:
    {"en": {"name": "…", "description": "…"}, …}."""

    code = models.CharField(
        _("identifier"), max_length=20, help_text=_("A short code or number, e.g. 7 or INT-2")
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    translations = models.JSONField(_("translations"), default=dict, blank=True)
    targeted_companies = models.TextField(_("targeted companies"), blank=True)
    methodology = models.TextField(_("methodology"), blank=True)
    timing = models.CharField(_("timing"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=ServiceStatus.choices, default=ServiceStatus.IN_PLACE
    )
    free = models.BooleanField(_("free of charge"), default=False)
    member_price = models.DecimalField(
        _("member price (€)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    non_member_price = models.DecimalField(
        _("non-member price (€)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    price_unit = models.CharField(
        _("price per"), max_length=60, blank=True, help_text=_("e.g. per day, per audit")
    )
    owner = models.ForeignKey(
        StaffMember,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("owner"),
    )

    class Meta:
        ordering = ["code", "name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["cluster", "code"], name="one_service_per_code"),
            models.CheckConstraint(
                condition=models.Q(free=False)
                | (models.Q(member_price__isnull=True) & models.Q(non_member_price__isnull=True)),
                name="a_free_service_has_no_price",
            ),
            models.CheckConstraint(
                condition=(models.Q(member_price__isnull=True) | models.Q(member_price__gte=0))
                & (models.Q(non_member_price__isnull=True) | models.Q(non_member_price__gte=0)),
                name="service_prices_are_not_negative",
            ),
        ]
        indexes = [models.Index(fields=["cluster", "status"])]
        verbose_name = _("service")
        verbose_name_plural = _("services")

    def __str__(self) -> str:
        return f"{self.code} · {self.name}" if self.code else self.name

    def text_in(self, field: str, language: str | None = None) -> str:
        """``name`` or ``description`` in a language, else as typed."""
        language = (language or get_language() or "")[:2]
        translated = (self.translations or {}).get(language, {}).get(field, "")
        return translated or getattr(self, field)

    @property
    def is_offered(self) -> bool:
        return self.status in OFFERED_STATUSES


class ServiceAreaLink(models.Model):
    """One service area of a service (a service may serve several)."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="area_links")
    area = models.PositiveSmallIntegerField(_("service area"), choices=ServiceArea.choices)

    class Meta:
        ordering = ["area"]
        constraints = [
            models.UniqueConstraint(fields=["service", "area"], name="one_link_per_area"),
        ]
        indexes = [models.Index(fields=["area", "service"])]

    def __str__(self) -> str:
        return self.get_area_display()


class DeliveryUnit(models.TextChoices):
    DAYS = "days", _("days")
    HOURS = "hours", _("hours")
    UNITS = "units", _("units")


class Delivery(ClusterOwned):
    """A service given to one or more participants on a day, by someone of the team (or an
    outside provider), with the fee invoiced, the outcome and the participants' rating. The
    fees invoiced in a year are the finance records' "Service fees" income of that year."""

    service = models.ForeignKey(
        Service, on_delete=models.RESTRICT, related_name="deliveries", verbose_name=_("service")
    )
    participants = models.ManyToManyField(
        Organisation,
        through="DeliveryRecipient",
        related_name="service_deliveries",
        verbose_name=_("participants"),
    )
    delivered_on = models.DateField(_("delivered on"))
    delivered_by = models.ForeignKey(
        StaffMember,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("delivered by"),
    )
    provider = models.CharField(
        _("outside provider"),
        max_length=200,
        blank=True,
        help_text=_("A consultant, laboratory or member who delivered it for the cluster."),
    )
    quantity = models.DecimalField(
        _("quantity"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    unit = models.CharField(
        _("unit"), max_length=8, choices=DeliveryUnit.choices, default=DeliveryUnit.DAYS
    )
    fee_invoiced = models.DecimalField(
        _("fee invoiced (€)"),
        max_digits=12,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0)],
    )
    outcome = models.TextField(_("outcome"), blank=True)
    rating = models.PositiveSmallIntegerField(
        _("participant's rating"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text=_("1 (poor) to 5 (excellent), as the participant rated it."),
    )

    class Meta:
        ordering = ["-delivered_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(fee_invoiced__gte=0), name="delivery_fee_is_not_negative"
            ),
            models.CheckConstraint(
                condition=models.Q(quantity__isnull=True) | models.Q(quantity__gte=0),
                name="delivery_quantity_is_not_negative",
            ),
            models.CheckConstraint(
                condition=models.Q(rating__isnull=True) | models.Q(rating__range=(1, 5)),
                name="delivery_rating_is_one_to_five",
            ),
        ]
        indexes = [
            # The log by day; with the service, a window's deliveries are read from the index.
            models.Index(fields=["cluster", "delivered_on", "service"]),
            # A service's deliveries by day: its last one, and those of a window.
            models.Index(fields=["cluster", "service", "delivered_on"]),
        ]
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")

    def __str__(self) -> str:
        return f"{self.service.name} · {self.delivered_on.isoformat()}"

    @property
    def quantity_text(self) -> str:
        """ "1 day", "2.5 days", "3 units"; empty when no quantity was given."""
        if self.quantity is None:
            return ""
        number = format(self.quantity.normalize(), "f")
        count = 1 if self.quantity == 1 else 2
        if self.unit == DeliveryUnit.HOURS:
            text = ngettext("%(number)s hour", "%(number)s hours", count)
        elif self.unit == DeliveryUnit.UNITS:
            text = ngettext("%(number)s unit", "%(number)s units", count)
        else:
            text = ngettext("%(number)s day", "%(number)s days", count)
        return text % {"number": number}


class DeliveryRecipient(models.Model):
    delivery = models.ForeignKey(Delivery, on_delete=models.CASCADE, related_name="recipients")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="service_receipts"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["delivery", "organisation"], name="one_recipient_row_per_participant"
            )
        ]
        indexes = [models.Index(fields=["organisation", "delivery"])]

    def __str__(self) -> str:
        return str(self.organisation_id)


# --------------------------------------------------------------------------- design workflow


class DesignRound(ClusterOwned):
    """One run of the guide's design method: ideas, shortlist, questionnaire, decisions."""

    title = models.CharField(_("title"), max_length=200)
    started_on = models.DateField(_("started on"))
    notes = models.TextField(
        _("notes"),
        blank=True,
        help_text=_("Where the ideas come from: benchmarking, training, study visits…"),
    )
    survey = models.ForeignKey(
        "surveys.Survey",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("service-interest questionnaire"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-started_on", "-id"]
        verbose_name = _("design round")
        verbose_name_plural = _("design rounds")

    def __str__(self) -> str:
        return self.title


class CandidateStatus(models.TextChoices):
    IDEA = "idea", _("On the long list")
    SHORTLISTED = "shortlisted", _("Shortlisted")
    INTRODUCED = "introduced", _("Introduced")
    REJECTED = "rejected", _("Rejected")


# The guide's questionnaire judges at most ten services, to keep it simple for companies.
SHORTLIST_LIMIT = 10


class Candidate(ClusterOwned):
    """An idea for a new service, from the long list to the decision. A candidate introduced
    keeps its link to the catalogue service it became."""

    design_round = models.ForeignKey(
        DesignRound, on_delete=models.CASCADE, related_name="candidates"
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    areas = models.JSONField(_("service areas"), default=list, blank=True)
    targeted_companies = models.TextField(_("targeted companies"), blank=True)
    origin = models.CharField(
        _("where the idea comes from"),
        max_length=200,
        blank=True,
        help_text=_("e.g. benchmarking, a study visit to a Gold-labelled cluster, training"),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=CandidateStatus.choices, default=CandidateStatus.IDEA
    )
    strengths = models.JSONField(_("strengths"), default=list, blank=True)
    weaknesses = models.JSONField(_("weaknesses"), default=list, blank=True)
    opportunities = models.JSONField(_("opportunities"), default=list, blank=True)
    threats = models.JSONField(_("threats"), default=list, blank=True)
    decision_reason = models.TextField(_("reason for the decision"), blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    service = models.ForeignKey(
        Service,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="candidates",
        verbose_name=_("catalogue service"),
    )

    class Meta:
        ordering = ["name", "id"]
        indexes = [models.Index(fields=["design_round", "status"])]
        verbose_name = _("service idea")
        verbose_name_plural = _("service ideas")

    def __str__(self) -> str:
        return self.name

    @property
    def key(self) -> str:
        """The stable id the service-interest questionnaire knows the candidate by."""
        return f"candidate-{self.pk}"

    @property
    def is_decided(self) -> bool:
        return self.status in (CandidateStatus.INTRODUCED, CandidateStatus.REJECTED)

    @property
    def has_swot(self) -> bool:
        return any((self.strengths, self.weaknesses, self.opportunities, self.threats))

    def area_labels(self) -> list[str]:
        labels = dict(ServiceArea.choices)
        return [str(labels[area]) for area in self.areas if area in labels]
