"""Excellence benchmarking: framework versions, saved assessments (snapshots), questionnaire
answers and anonymous peer reference files."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from clusterdesk.engagement.models.base import ClusterOwned, ClusterQuerySet
from clusterdesk.tenancy.models import Cluster


class FrameworkVersion(models.Model):
    """An indicator framework loaded on this installation (the TOML text, kept whole). One is
    active: new assessments use it; saved ones keep the version they used."""

    framework_id = models.CharField(_("framework"), max_length=80)
    version = models.CharField(_("version"), max_length=40)
    name = models.CharField(_("name"), max_length=255)
    digest = models.CharField(max_length=64, unique=True)
    text = models.TextField()
    is_active = models.BooleanField(_("active"), default=False)
    loaded_at = models.DateTimeField(auto_now_add=True)
    loaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-loaded_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_active"],
                condition=models.Q(is_active=True),
                name="one_active_framework",
            ),
            models.UniqueConstraint(
                fields=["framework_id", "version"], name="one_text_per_version"
            ),
        ]
        verbose_name = _("indicator framework")
        verbose_name_plural = _("indicator frameworks")

    def __str__(self) -> str:
        return f"{self.framework_id} {self.version}"


class Level(models.TextChoices):
    NONE = "none", _("Not yet Bronze-eligible")
    BRONZE = "bronze", _("Bronze-eligible")
    SILVER = "silver", _("Silver-ready")
    GOLD = "gold", _("Gold-ready")


class Assessment(ClusterOwned):
    """A saved assessment: the engine's whole answer on ``as_of`` (``result``), with the
    figures the history and the peer portfolios read kept in columns."""

    as_of = models.DateField(_("assessment date"))
    framework = models.ForeignKey(
        FrameworkVersion, on_delete=models.PROTECT, related_name="assessments"
    )
    score = models.FloatField(_("score"))
    earned = models.FloatField()
    total_weight = models.FloatField()
    unknown = models.PositiveSmallIntegerField(_("unknown indicators"))
    level = models.CharField(_("label readiness"), max_length=8, choices=Level.choices)
    bronze_eligible = models.BooleanField()
    gold_ready = models.BooleanField()
    area_scores = models.JSONField(default=dict)  # area → score 0–1
    values = models.JSONField(default=dict)  # indicator id → value (None when unknown)
    statuses = models.JSONField(default=dict)  # indicator id → status
    result = models.JSONField()  # engine.assessment_to_dict(...)
    note = models.CharField(_("note"), max_length=255, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-as_of", "-id"]
        indexes = [models.Index(fields=["cluster", "as_of"])]
        verbose_name = _("saved assessment")
        verbose_name_plural = _("saved assessments")

    def __str__(self) -> str:
        return f"{self.as_of} · {self.score:.0%}"


class Answer(ClusterOwned):
    """A questionnaire answer: what no record answers. Dated (the day it holds from), given by
    a person, possibly with a document. An assessment reads the latest given on or before its
    date; older answers stay as history."""

    question = models.CharField(_("question"), max_length=80)
    value = models.CharField(_("answer"), max_length=255)
    answered_on = models.DateField(_("answer date"))
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("answered by"),
    )
    document = models.FileField(_("evidence document"), upload_to="benchmarking/", blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["question", "-answered_on", "-id"]
        indexes = [models.Index(fields=["cluster", "question", "answered_on"])]
        verbose_name = _("questionnaire answer")
        verbose_name_plural = _("questionnaire answers")

    def __str__(self) -> str:
        return f"{self.question}: {self.value}"


class ReferenceSetQuerySet(ClusterQuerySet):
    def visible_to(self, cluster: Cluster) -> ReferenceSetQuerySet:
        """The installation's shared reference files and the cluster's own."""
        return self.filter(models.Q(cluster__isnull=True) | models.Q(cluster=cluster))


class ReferenceSet(models.Model):
    """An imported anonymous reference file: indicator values of clusters elsewhere (e.g. a
    national benchmarking programme). ``cluster`` None: loaded by the platform operator for
    every cluster of the installation."""

    cluster = models.ForeignKey(
        Cluster, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    name = models.CharField(_("name"), max_length=200)
    source = models.CharField(_("source"), max_length=255, blank=True)
    rows = models.PositiveIntegerField(_("clusters"), default=0)
    original_name = models.CharField(max_length=255, blank=True)
    imported_at = models.DateTimeField(auto_now_add=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = ReferenceSetQuerySet.as_manager()

    class Meta:
        ordering = ["-imported_at", "-id"]
        verbose_name = _("peer reference file")
        verbose_name_plural = _("peer reference files")

    def __str__(self) -> str:
        return self.name


class ReferenceRow(models.Model):
    """One anonymous cluster of a reference file: where it is, what it does, its values."""

    reference_set = models.ForeignKey(
        ReferenceSet, on_delete=models.CASCADE, related_name="entries"
    )
    country = CountryField(blank=True)
    technology_area = models.CharField(max_length=200, blank=True)
    gold_ready = models.BooleanField(default=False)
    score = models.FloatField(null=True, blank=True)
    values = models.JSONField(default=dict)  # indicator id → value

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.reference_set} #{self.pk}"
