"""Partner recommendations for the pages, the API and other apps (the B2B meeting pages).

The engine ranks the cluster's index; this module keeps the rule that nothing of another
cluster crosses unless its profile is visible *now* (the index may be a few seconds older
than a change), and says the reasons in the reader's language.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, Q
from django.utils import timezone

from clusterdesk.participants.models import Organisation
from clusterdesk.tenancy.models import Cluster

from . import engine
from .index_store import index_for
from .models import Listing
from .reason_texts import reason_sentences

SPARE = 5
"""Asked of the engine on top of ``limit``, for partners that stopped being visible."""


@dataclass(frozen=True)
class PartnerSuggestion:
    partner: Organisation
    score: float
    reasons: list[str]
    listing_id: int | None = None
    partner_listing_id: int | None = None
    other_cluster: bool = False
    raw_reasons: list[dict[str, Any]] = field(default_factory=list, compare=False)


def _listing_ids(
    index: engine.MatchIndex, recommendation: engine.Recommendation, subject_id: int
) -> tuple[int | None, int | None]:
    """(the subject's listing, the partner's listing) the first reason speaks of."""
    if not recommendation.reasons:
        return None, None
    params = recommendation.reasons[0].params
    ids = [
        params[key]["id"]
        for key in ("offer", "request", "first", "second", "listing")
        if isinstance(params.get(key), dict) and "id" in params[key]
    ]
    own = theirs = None
    for listing_id in ids:
        row = index.owner_of_listing.get(listing_id)
        if row is None:
            continue
        owner = index.profiles[row].id
        if owner == subject_id:
            own = own or listing_id
        elif owner == recommendation.participant_id:
            theirs = theirs or listing_id
    return own, theirs


def _suggestions(
    cluster: Cluster,
    index: engine.MatchIndex,
    subject_id: int,
    found: list[engine.Recommendation],
    limit: int,
) -> list[PartnerSuggestion]:
    ids = [item.participant_id for item in found]
    partners = {
        partner.pk: partner
        for partner in Organisation.objects.filter(pk__in=ids)
        .filter(Q(cluster=cluster) | Q(match_profile__visible_to_other_clusters=True))
        .select_related("cluster", "match_profile")
        .prefetch_related(
            Prefetch(
                "match_profile__listings",
                queryset=Listing.objects.active_on(timezone.localdate()).order_by("id"),
                to_attr="active_listings",
            )
        )
    }
    cluster_names = {
        partner.cluster_id: partner.cluster.name
        for partner in partners.values()
        if partner.cluster_id != cluster.pk
    }
    suggestions = []
    for item in found:
        partner = partners.get(item.participant_id)
        if partner is None:
            continue
        own, theirs = _listing_ids(index, item, subject_id)
        suggestions.append(
            PartnerSuggestion(
                partner=partner,
                score=item.score,
                reasons=reason_sentences(item.reasons, cluster_names=cluster_names),
                listing_id=own,
                partner_listing_id=theirs,
                other_cluster=partner.cluster_id != cluster.pk,
                raw_reasons=[reason.to_dict() for reason in item.reasons],
            )
        )
        if len(suggestions) == limit:
            break
    return suggestions


def _filters(
    mode: str,
    cross_sector: bool,
    other_clusters: bool,
    candidate_ids: set[int] | frozenset[int] | None,
) -> engine.Filters:
    return engine.Filters(
        mode=mode,
        cross_sector=cross_sector,
        other_clusters=other_clusters,
        candidates=frozenset(candidate_ids) if candidate_ids is not None else None,
    )


def recommendations_for_organisation(
    *,
    cluster: Cluster,
    organisation: Organisation,
    mode: str = "any",
    cross_sector: bool = False,
    other_clusters: bool = False,
    candidate_ids: set[int] | None = None,
    limit: int = 10,
) -> list[PartnerSuggestion]:
    """The best partners for a participant of ``cluster``, best first; none for a participant
    without a matchmaking profile. ``candidate_ids`` restricts the partners to those ids."""
    if organisation.cluster_id != cluster.pk or limit <= 0:
        return []
    answer = index_for(cluster)
    index = answer.index
    if index is None or organisation.pk not in index.row_of:
        return []
    found = engine.recommend_partners(
        index,
        organisation.pk,
        filters=_filters(mode, cross_sector, other_clusters, answer.allowed(candidate_ids)),
        limit=limit + SPARE,
    )
    return _suggestions(cluster, index, organisation.pk, found, limit)


def recommendations_for_listing(
    *,
    cluster: Cluster,
    listing: Listing,
    mode: str = "any",
    cross_sector: bool = False,
    other_clusters: bool = False,
    limit: int = 10,
) -> list[PartnerSuggestion]:
    """The best partners for one offer or request of the cluster; none once it expired."""
    if listing.cluster_id != cluster.pk or not listing.is_active(timezone.localdate()):
        return []
    answer = index_for(cluster)
    index = answer.index
    if index is None or listing.pk not in index.listing_position:
        return []
    found = engine.recommend_for_listing(
        index,
        listing.pk,
        filters=_filters(mode, cross_sector, other_clusters, answer.allowed(None)),
        limit=limit + SPARE,
    )
    owner = index.profiles[index.owner_of_listing[listing.pk]].id
    return _suggestions(cluster, index, owner, found, limit)
