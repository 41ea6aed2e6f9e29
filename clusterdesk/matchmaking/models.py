"""Matchmaking: each participant's profile (competences, technologies, markets, value-chain
position, languages) with its offers and requests, the partners a manager or member followed
up, and the steps of each follow-up (contacted, met, agreement, project, contract).

The pure recommender lives in ``engine``; the stored text index of a cluster is a folder on
disk described by ``MatchIndexState``."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from clusterdesk.engagement.models.base import ClusterOwned
from clusterdesk.participants.models import Organisation
from clusterdesk.tenancy.models import Cluster

from . import engine


class MatchProfile(ClusterOwned):
    """What a participant can do and is looking for. The category, sectors and value-chain
    position are the registry's (``organisation``); the rest is the profile's own."""

    organisation = models.OneToOneField(
        Organisation,
        on_delete=models.CASCADE,
        related_name="match_profile",
        verbose_name=_("participant"),
    )
    competences = models.JSONField(_("competences"), default=list, blank=True)
    technologies = models.JSONField(_("technologies"), default=list, blank=True)
    markets = models.JSONField(
        _("markets"), default=list, blank=True, help_text=_("Countries or regions served")
    )
    languages = models.JSONField(
        _("languages"), default=list, blank=True, help_text=_("Two-letter codes, e.g. it, en")
    )
    summary = models.TextField(_("what we do and look for"), blank=True)
    visible_to_other_clusters = models.BooleanField(
        _("visible to other clusters"),
        default=False,
        help_text=_(
            "Managers and members of other clusters on this platform may see this profile and "
            "its active offers and requests among their recommendations. Nothing else of the "
            "participant crosses."
        ),
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["organisation__name"]
        indexes = [models.Index(fields=["visible_to_other_clusters", "cluster"])]
        verbose_name = _("matchmaking profile")
        verbose_name_plural = _("matchmaking profiles")

    def __str__(self) -> str:
        return str(self.organisation)


class ListingKind(models.TextChoices):
    """Kinds of offers and requests as in enterprise networks (the engine's values)."""

    BUSINESS_OFFER = engine.BUSINESS_OFFER, _("Business offer")
    BUSINESS_REQUEST = engine.BUSINESS_REQUEST, _("Business request")
    TECHNOLOGY_OFFER = engine.TECHNOLOGY_OFFER, _("Technology offer")
    TECHNOLOGY_REQUEST = engine.TECHNOLOGY_REQUEST, _("Technology request")
    RD_PARTNER_REQUEST = engine.RD_PARTNER_REQUEST, _("R&D partner request")
    FINANCE_OFFER = engine.FINANCE_OFFER, _("Finance offer")
    FINANCE_REQUEST = engine.FINANCE_REQUEST, _("Finance request")


class ListingQuerySet(models.QuerySet["Listing"]):
    def for_cluster(self, cluster: Cluster) -> ListingQuerySet:
        return self.filter(cluster=cluster)

    def active_on(self, day: date) -> ListingQuerySet:
        return self.filter(withdrawn_on__isnull=True).filter(
            models.Q(expires_on__isnull=True) | models.Q(expires_on__gte=day)
        )


class Listing(ClusterOwned):
    """An offer or a request. It stays on the profile from one event to the next until its
    owner withdraws it or its expiry day passes; then it is kept as history, never matched."""

    profile = models.ForeignKey(MatchProfile, on_delete=models.CASCADE, related_name="listings")
    kind = models.CharField(_("kind"), max_length=24, choices=ListingKind.choices)
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("description"), blank=True)
    expires_on = models.DateField(_("expires on"), null=True, blank=True)
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = ListingQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["cluster", "kind"])]
        verbose_name = _("offer or request")
        verbose_name_plural = _("offers and requests")

    def __str__(self) -> str:
        return self.title

    def is_active(self, day: date) -> bool:
        return self.withdrawn_on is None and (self.expires_on is None or self.expires_on >= day)

    @property
    def is_offer(self) -> bool:
        return self.kind in engine.profiles.OFFERS


class FollowUpStage(models.TextChoices):
    """How far a match went, in order."""

    CONTACTED = "contacted", _("Contacted")
    MET = "met", pgettext_lazy("follow-up stage", "Met")
    AGREEMENT = "agreement", _("Agreement")
    PROJECT = "project", _("Joint project")
    CONTRACT = "contract", _("Contract")


STAGE_ORDER = [stage.value for stage in FollowUpStage]


class Match(ClusterOwned):
    """A recommended (or chosen) partnership that someone follows up.

    ``organisation`` is a participant of ``cluster``; ``partner`` may belong to another
    cluster when its profile is visible to other clusters. The reasons are the engine's
    (code and parameters), kept so the page can say again why the match was made."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="matches_made"
    )
    partner = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="matches_received"
    )
    listing = models.ForeignKey(
        Listing, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    partner_listing = models.ForeignKey(
        Listing, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    score = models.FloatField(null=True, blank=True)
    reasons = models.JSONField(default=list, blank=True)
    stage = models.CharField(_("stage"), max_length=16, choices=FollowUpStage.choices, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-updated_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["cluster", "organisation", "partner"], name="one_match_per_pair"
            ),
            models.CheckConstraint(
                condition=~models.Q(organisation=models.F("partner")), name="match_not_with_itself"
            ),
        ]
        verbose_name = _("match")
        verbose_name_plural = _("matches")

    def __str__(self) -> str:
        return f"{self.organisation} ↔ {self.partner}"


class MatchOutcome(ClusterOwned):
    """One step of a follow-up, dated: it appears in both participants' engagement history."""

    match = models.ForeignKey(Match, on_delete=models.CASCADE, related_name="outcomes")
    stage = models.CharField(_("stage"), max_length=16, choices=FollowUpStage.choices)
    date = models.DateField(_("date"))
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["cluster", "date"])]
        verbose_name = _("follow-up step")
        verbose_name_plural = _("follow-up steps")

    def __str__(self) -> str:
        return f"{self.match} · {self.get_stage_display()}"


class MatchIndexState(models.Model):
    """The stored text index of one cluster (its own profiles and the profiles other clusters
    made visible): where it is, with which engine, and whether a change made it stale."""

    cluster = models.OneToOneField(Cluster, on_delete=models.CASCADE, related_name="+")
    engine = models.CharField(max_length=16, blank=True)
    folder = models.CharField(max_length=255, blank=True)
    profiles = models.PositiveIntegerField(default=0)
    other_clusters_profiles = models.PositiveIntegerField(default=0)
    """Of ``profiles``, those of other clusters (made visible to other clusters)."""
    built_at = models.DateTimeField(null=True, blank=True)
    stale = models.BooleanField(default=True)
    queued_at = models.DateTimeField(null=True, blank=True)
    """When a rebuild was last queued: a stale index whose rebuild was queued long ago (the
    task was lost) is queued again."""
    seconds = models.FloatField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.cluster} · {self.engine or '–'}"
