from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from clusterdesk.tenancy.models import Cluster


class Category(models.TextChoices):
    """The nine participant categories of the SPEC glossary (after the guide)."""

    INDUSTRY_SME = "industry_sme", _("Industry – SME")
    INDUSTRY_LARGE = "industry_large", _("Industry – large firm")
    RESEARCH = "research", _("Research institution")
    EDUCATION = "education", _("Education organisation")
    INTERMEDIARY = "intermediary", _("Intermediary")
    PUBLIC_BODY = "public_body", _("Government or public body")
    FINANCE = "finance", _("Finance")
    MARKETING_MEDIA = "marketing_media", _("Marketing or media")
    OTHER = "other", _("Other")


class Commitment(models.TextChoices):
    COMMITTED = "committed", _("Committed")
    NOT_COMMITTED = "not_committed", _("Not committed")
    FORMER = "former", _("Former")


class TurnoverBand(models.TextChoices):
    """Annual turnover bands after the EU SME definition."""

    UP_TO_2M = "le_2m", _("up to €2 million")
    UP_TO_10M = "le_10m", _("€2–10 million")
    UP_TO_50M = "le_50m", _("€10–50 million")
    OVER_50M = "gt_50m", _("over €50 million")


class ValueChainPosition(models.TextChoices):
    RAW_MATERIALS = "raw_materials", _("Raw materials")
    COMPONENTS = "components", _("Components and semi-finished goods")
    MANUFACTURING = "manufacturing", _("Manufacturing of final products")
    EQUIPMENT = "equipment", _("Machinery and equipment")
    SERVICES = "services", _("Services to industry")
    DISTRIBUTION = "distribution", _("Distribution and sales")
    RESEARCH = "research", _("Research and technology")
    SUPPORT = "support", _("Support, policy and finance")


class OrganisationQuerySet(models.QuerySet["Organisation"]):
    def for_cluster(self, cluster: Cluster) -> OrganisationQuerySet:
        return self.filter(cluster=cluster)


class Organisation(models.Model):
    """A participant of the cluster community."""

    cluster = models.ForeignKey(Cluster, on_delete=models.CASCADE, related_name="organisations")
    name = models.CharField(_("name"), max_length=200)
    legal_name = models.CharField(_("legal name"), max_length=255, blank=True)
    vat_number = models.CharField(_("VAT number"), max_length=32, blank=True)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    country = CountryField(_("country"), blank=True)
    region = models.CharField(_("region"), max_length=120, blank=True)
    city = models.CharField(_("city"), max_length=120, blank=True)
    website = models.URLField(_("website"), max_length=300, blank=True)
    tags = models.JSONField(_("tags"), default=list, blank=True)
    technologies = models.JSONField(_("technologies"), default=list, blank=True)
    employees = models.PositiveIntegerField(_("employees"), null=True, blank=True)
    turnover_band = models.CharField(
        _("turnover band"), max_length=10, choices=TurnoverBand.choices, blank=True
    )
    export_share = models.DecimalField(
        _("export share (%)"),
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    founding_year = models.PositiveSmallIntegerField(_("founding year"), null=True, blank=True)
    value_chain_position = models.CharField(
        _("value-chain position"), max_length=20, choices=ValueChainPosition.choices, blank=True
    )
    description = models.TextField(_("description"), blank=True)

    commitment = models.CharField(
        _("commitment"),
        max_length=16,
        choices=Commitment.choices,
        default=Commitment.NOT_COMMITTED,
    )
    agreement_signed_on = models.DateField(_("agreement signed on"), null=True, blank=True)
    agreement_document = models.FileField(
        _("signed agreement"), upload_to="agreements/%Y/", blank=True
    )
    membership_start = models.DateField(_("membership start"), null=True, blank=True)
    membership_end = models.DateField(_("membership end"), null=True, blank=True)
    membership_fee = models.DecimalField(
        _("annual fee (€)"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )

    # Normalised keys for duplicate detection, kept by the services.
    name_key = models.CharField(max_length=200, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name", "id"]
        indexes = [
            models.Index(fields=["cluster", "name_key"]),
            models.Index(fields=["cluster", "commitment"]),
            models.Index(fields=["cluster", "category"]),
            models.Index(fields=["cluster", "region"]),
            models.Index(fields=["cluster", "updated_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(membership_end__isnull=True)
                | models.Q(membership_start__isnull=True)
                | models.Q(membership_end__gte=models.F("membership_start")),
                name="membership_ends_after_it_starts",
            ),
        ]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name

    @property
    def is_committed(self) -> bool:
        return self.commitment == Commitment.COMMITTED


class OrganisationSector(models.Model):
    """One NACE Rev. 2 code of an organisation; ``division`` is its first two digits."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="sectors")
    code = models.CharField(max_length=5)
    division = models.CharField(max_length=2)

    class Meta:
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "code"], name="one_row_per_sector_code")
        ]
        indexes = [models.Index(fields=["division", "organisation"])]

    def __str__(self) -> str:
        return self.code


class ContactQuerySet(models.QuerySet["Contact"]):
    def for_cluster(self, cluster: Cluster) -> ContactQuerySet:
        return self.filter(cluster=cluster)


class Contact(models.Model):
    """A person in a participant organisation."""

    cluster = models.ForeignKey(Cluster, on_delete=models.CASCADE, related_name="contacts")
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="contacts",
        verbose_name=_("organisation"),
    )
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    job_title = models.CharField(_("role"), max_length=150, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    language = models.CharField(
        _("language"), max_length=8, blank=True, help_text=_("Two-letter code, e.g. it, tr, en")
    )
    consent_newsletter = models.BooleanField(_("agrees to receive the newsletter"), default=False)
    consent_publication = models.BooleanField(
        _("agrees to be shown in the public catalogue"), default=False
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = ContactQuerySet.as_manager()

    class Meta:
        ordering = ["last_name", "first_name", "id"]
        indexes = [
            models.Index(fields=["cluster", "email"]),
            models.Index(fields=["cluster", "last_name", "first_name"]),
        ]
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def full_name(self) -> str:
        return str(self)


class ImportKind(models.TextChoices):
    ORGANISATIONS = "organisations", _("Organisations")
    CONTACTS = "contacts", _("Contacts")


class ImportStatus(models.TextChoices):
    ANALYSING = "analysing", _("Reading the file")
    READY = "ready", _("Ready to apply")
    HAS_ERRORS = "has_errors", _("Has rows to fix")
    APPLYING = "applying", _("Applying")
    APPLIED = "applied", _("Applied")
    FAILED = "failed", _("Could not be read")


class ImportBatchQuerySet(models.QuerySet["ImportBatch"]):
    def for_cluster(self, cluster: Cluster) -> ImportBatchQuerySet:
        return self.filter(cluster=cluster)


class ImportBatch(models.Model):
    """An uploaded file, its per-row preview (``plan``) and whether it was applied."""

    cluster = models.ForeignKey(Cluster, on_delete=models.CASCADE, related_name="imports")
    kind = models.CharField(max_length=16, choices=ImportKind.choices)
    file = models.FileField(upload_to="imports/%Y/%m/")
    original_name = models.CharField(max_length=255)
    language = models.CharField(max_length=8, blank=True)
    status = models.CharField(
        max_length=16, choices=ImportStatus.choices, default=ImportStatus.ANALYSING
    )
    total_rows = models.PositiveIntegerField(default=0)
    processed_rows = models.PositiveIntegerField(default=0)
    summary = models.JSONField(default=dict, blank=True)
    plan = models.JSONField(default=list, blank=True)
    error = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    applied_at = models.DateTimeField(null=True, blank=True)

    objects = ImportBatchQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")

    def __str__(self) -> str:
        return self.original_name

    @property
    def progress_percent(self) -> int:
        if not self.total_rows:
            return 0
        return min(100, round(100 * self.processed_rows / self.total_rows))
