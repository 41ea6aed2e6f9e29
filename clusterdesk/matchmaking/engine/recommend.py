"""Partner recommendations, for a participant or for one of its offers or requests.

How a candidate is scored (every part in [0, 1]):

- ``text``: the similarity of the subject's text (its profile, or the offer or request) to
  the candidate's profile, counted from the engine's ``minimum_similarity`` on;
- ``listing``: the best match between what the two put on the market: one's offer and the
  other's request of the matching kind (business, technology, finance), two R&D partner
  requests on one subject, or an R&D partner request and the profile of a research or
  education organisation. A pair counts only from the engine's ``related_threshold`` on (below
  it, two texts are not about the same thing), and then with its similarity;
- ``value_chain``: 1 when one's value-chain position supplies the other's;
- ``category``: 1 for a research ↔ business or finance ↔ business pair, 0.5 for two
  companies, else 0.

``relevance = (w_text · text + w_listing · listing) / (w_text + w_listing)`` and
``score = relevance × (1 + w_vc · value_chain + w_cat · category) / (1 + w_vc + w_cat)``:
the structured fit raises a relevant candidate by up to half (with the default weights) but
never brings in an unrelated one. Candidates with a score of 0 are not recommended. Ties are
ranked by participant id, so a ranking is always the same.

Filters: the mode (``any``, ``b2b``, ``r2b``, ``f2b``), ``cross_sector`` (no NACE division in
common, both known), and ``other_clusters`` (False: only the subject's own cluster; True: also
the other clusters' participants in the index: the caller puts in the index only those who
made their profile visible). The subject is never its own partner.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .index import MatchIndex, NotInIndex
from .profiles import BUSINESSES, RD_PARTNER_REQUEST, Listing, Profile
from .reasons import Reason, listing_params, reason
from .relations import (
    CATEGORY_FIT_TABLE,
    FINANCE_BUSINESS,
    KNOWLEDGE_CATEGORIES,
    MEETS_TABLE,
    MODE_TABLES,
    MODES,
    RD_KIND,
    RESEARCH_BUSINESS,
    VALUE_CHAIN_TABLE,
    category_relation,
    kind_code,
    supply_relation,
)
from .similarity import Progress
from .terms import related_terms, shared_terms

PROFILE_ROLE = -1


@dataclass(frozen=True)
class Filters:
    mode: str = "any"
    cross_sector: bool = False
    other_clusters: bool = False
    candidates: frozenset[int] | None = None
    """When given, only these participants may be recommended (on top of the other rules)."""

    def __post_init__(self) -> None:
        if self.mode not in MODES:
            raise ValueError(f"There is no mode {self.mode!r}: use one of {', '.join(MODES)}.")


@dataclass(frozen=True)
class Weights:
    text: float = 0.5
    listing: float = 0.5
    value_chain: float = 0.25
    category: float = 0.25


@dataclass(frozen=True)
class Recommendation:
    participant_id: int
    name: str
    cluster_id: int
    score: float
    text_similarity: float
    listing_match: float
    value_chain_fit: float
    category_fit: float
    reasons: tuple[Reason, ...] = field(default=(), hash=False)

    @property
    def why(self) -> str:
        """The reasons as one paragraph of English."""
        return " ".join(item.text for item in self.reasons)

    def to_dict(self) -> dict[str, Any]:
        return {
            "participant_id": self.participant_id,
            "name": self.name,
            "cluster_id": self.cluster_id,
            "score": self.score,
            "text_similarity": self.text_similarity,
            "listing_match": self.listing_match,
            "value_chain_fit": self.value_chain_fit,
            "category_fit": self.category_fit,
            "reasons": [item.to_dict() for item in self.reasons],
        }


@dataclass(frozen=True)
class _Subject:
    """Who or what partners are sought for: a participant (its profile row first, then its
    active listings) or one listing of it (that listing only)."""

    owner: int  # profile row of the participant (or of the listing's owner)
    rows: tuple[int, ...]  # text rows compared with the index
    roles: tuple[int, ...]  # PROFILE_ROLE or the kind code of the listing, per row
    listings: tuple[Listing | None, ...]  # per row
    document: str  # the text compared with candidates' profiles (first row)


def recommend_partners(
    index: MatchIndex,
    participant_id: int,
    *,
    filters: Filters = Filters(),
    limit: int = 10,
    weights: Weights = Weights(),
) -> list[Recommendation]:
    """The best ``limit`` partners for a participant, the best first, each with its reasons."""
    subject = _participant_subject(index, index.profile_row(participant_id))
    return _recommend(
        index, subject, index.text.similarities(subject.rows), filters, limit, weights
    )


def recommend_for_listing(
    index: MatchIndex,
    listing_id: int,
    *,
    filters: Filters = Filters(),
    limit: int = 10,
    weights: Weights = Weights(),
) -> list[Recommendation]:
    """The best ``limit`` partners for one offer or request. An expired one has none."""
    if listing_id not in index.owner_of_listing:
        raise NotInIndex(f"The offer or request {listing_id} is not in the index.")
    position = index.listing_position.get(listing_id)
    if position is None:  # expired: never matched, in either direction
        return []
    listing = index.listings[position]
    subject = _Subject(
        owner=index.owner_of_listing[listing_id],
        rows=(index.listing_row(position),),
        roles=(kind_code(listing.kind),),
        listings=(listing,),
        document=listing.document,
    )
    return _recommend(
        index, subject, index.text.similarities(subject.rows), filters, limit, weights
    )


def recommend_everyone(
    index: MatchIndex,
    *,
    filters: Filters = Filters(),
    limit: int = 10,
    weights: Weights = Weights(),
    explain: bool = True,
    progress: Progress | None = None,
) -> Iterator[tuple[int, list[Recommendation]]]:
    """(participant id, its recommendations) for every participant in the index, in index
    order; the similarities are computed for many participants at once. Without ``explain``
    the recommendations carry no reasons (much faster for a whole registry)."""
    batch_rows = index.text.batch_rows()
    subjects: list[_Subject] = []
    rows: list[int] = []
    done = 0

    def flush() -> Iterator[tuple[int, list[Recommendation]]]:
        block = index.text.similarities(rows)
        start = 0
        for subject in subjects:
            part = block[start : start + len(subject.rows)]
            start += len(subject.rows)
            yield (
                index.profiles[subject.owner].id,
                _recommend(index, subject, part, filters, limit, weights, explain=explain),
            )

    for row in range(index.size):
        subject = _participant_subject(index, row)
        if rows and len(rows) + len(subject.rows) > batch_rows:
            yield from flush()
            done += len(subjects)
            if progress:
                progress(done / index.size)
            subjects, rows = [], []
        subjects.append(subject)
        rows.extend(subject.rows)
    if subjects:
        yield from flush()
        if progress:
            progress(1.0)


def _participant_subject(index: MatchIndex, row: int) -> _Subject:
    positions = index.listings_of(row)
    listings = [index.listings[position] for position in positions]
    return _Subject(
        owner=row,
        rows=(row, *(index.listing_row(position) for position in positions)),
        roles=(PROFILE_ROLE, *(kind_code(listing.kind) for listing in listings)),
        listings=(None, *listings),
        document=index.profiles[row].document,
    )


def _eligible(index: MatchIndex, subject: _Subject, filters: Filters) -> np.ndarray:
    owner = subject.owner
    eligible = MODE_TABLES[filters.mode][index.category[owner]][index.category].copy()
    if not filters.other_clusters:
        eligible &= index.cluster == index.cluster[owner]
    if filters.cross_sector:
        own = index.divisions[owner]
        known = index.divisions.any(axis=1)
        shares = index.divisions[:, own].any(axis=1)
        eligible &= known & ~shares & own.any()
    if filters.candidates is not None:
        eligible &= np.isin(index.ids, np.fromiter(filters.candidates, dtype=np.int64))
    eligible[owner] = False
    return eligible


def _listing_values(
    index: MatchIndex, subject: _Subject, block: np.ndarray, role_index: int
) -> tuple[np.ndarray, np.ndarray | None]:
    """For one row of the subject: per listing, the similarity of each listing that answers it
    (0 where none does or below the threshold); and per profile, the similarity of a research
    profile to it when it is an R&D partner request (else None)."""
    size = index.size
    threshold = index.text.related_threshold
    role = subject.roles[role_index]
    to_listings = block[role_index, size:]
    if role == PROFILE_ROLE:
        answers = (
            index.listing_kind == RD_KIND
            if KNOWLEDGE_CATEGORIES[index.category[subject.owner]]
            else np.zeros(len(index.listings), dtype=bool)
        )
    else:
        answers = MEETS_TABLE[role][index.listing_kind]
    listing_values = np.where(answers & (to_listings >= threshold), to_listings, 0.0)
    profile_values = None
    if role == RD_KIND:
        to_profiles = block[role_index, :size]
        profile_values = np.where(
            KNOWLEDGE_CATEGORIES[index.category] & (to_profiles >= threshold), to_profiles, 0.0
        )
    return listing_values, profile_values


def _recommend(
    index: MatchIndex,
    subject: _Subject,
    block: np.ndarray,
    filters: Filters,
    limit: int,
    weights: Weights,
    explain: bool = True,
) -> list[Recommendation]:
    size = index.size
    eligible = _eligible(index, subject, filters)
    if limit <= 0 or not eligible.any():
        return []
    text = block[0, :size].astype(np.float64)
    text[text < index.text.minimum_similarity] = 0.0
    listing = np.zeros(size)
    answers = [_listing_values(index, subject, block, i) for i in range(len(subject.rows))]
    for listing_values, profile_values in answers:
        if listing_values.any():
            np.maximum(listing, index.best_per_owner(listing_values), out=listing)
        if profile_values is not None:
            np.maximum(listing, profile_values, out=listing)
    owner = subject.owner
    value_chain = VALUE_CHAIN_TABLE[index.position[owner]][index.position]
    category = CATEGORY_FIT_TABLE[index.category[owner]][index.category]
    relevance = (weights.text * text + weights.listing * listing) / (weights.text + weights.listing)
    boost = (1 + weights.value_chain * value_chain + weights.category * category) / (
        1 + weights.value_chain + weights.category
    )
    score = np.where(eligible, relevance * boost, 0.0)

    chosen = np.flatnonzero(score > 0)
    if len(chosen) > limit:
        cut = np.partition(score[chosen], len(chosen) - limit)[len(chosen) - limit]
        chosen = chosen[score[chosen] >= cut]
    order = np.lexsort((index.ids[chosen], -score[chosen]))[:limit]
    recommendations = []
    for row in chosen[order]:
        candidate = index.profiles[row]
        recommendations.append(
            Recommendation(
                participant_id=candidate.id,
                name=candidate.name,
                cluster_id=candidate.cluster_id,
                score=float(score[row]),
                text_similarity=float(text[row]),
                listing_match=float(listing[row]),
                value_chain_fit=float(value_chain[row]),
                category_fit=float(category[row]),
                reasons=_reasons(index, subject, block, answers, int(row)) if explain else (),
            )
        )
    return recommendations


# --- reasons ------------------------------------------------------------------------------


def _terms(index: MatchIndex, first: str, second: str) -> dict[str, Any]:
    weights = index.text.term_weights()
    return {
        "shared_terms": shared_terms(first, second, weights),
        "related_terms": [list(pair) for pair in related_terms(first, second, weights)],
    }


Answers = list[tuple[np.ndarray, np.ndarray | None]]
"""Per row of the subject, what ``_listing_values`` found."""


def _best_listing_evidence(
    index: MatchIndex, subject: _Subject, answers: Answers, row: int
) -> tuple[float, int, Listing | None, Listing | None] | None:
    """(similarity, subject row index, subject listing, candidate listing) of the best
    listing match with the candidate at ``row``; the candidate listing is None when the match
    is the candidate's research profile."""
    best = None
    positions = index.listings_of(row)
    for role_index, (listing_values, profile_values) in enumerate(answers):
        for position in positions:
            value = float(listing_values[position])
            if value > 0 and (best is None or value > best[0]):
                best = (value, role_index, subject.listings[role_index], index.listings[position])
        if profile_values is not None and profile_values[row] > 0:
            value = float(profile_values[row])
            if best is None or value > best[0]:
                best = (value, role_index, subject.listings[role_index], None)
    return best


def _listing_reason(
    index: MatchIndex, subject: _Subject, answers: Answers, row: int
) -> Reason | None:
    evidence = _best_listing_evidence(index, subject, answers, row)
    if evidence is None:
        return None
    similarity, _, own, theirs = evidence
    me, them = index.profiles[subject.owner], index.profiles[row]
    if theirs is None:  # an R&D partner request met by a research profile
        assert own is not None
        return reason(
            "research_fits_request",
            request=listing_params(own.id, own.kind, own.title, me.name),
            researcher=them.name,
            category=them.category,
            similarity=similarity,
            **_terms(index, own.document, them.document),
        )
    if own is None:  # the subject's research profile meets the candidate's R&D request
        return reason(
            "research_fits_request",
            request=listing_params(theirs.id, theirs.kind, theirs.title, them.name),
            researcher=me.name,
            category=me.category,
            similarity=similarity,
            **_terms(index, me.document, theirs.document),
        )
    mine = listing_params(own.id, own.kind, own.title, me.name)
    other = listing_params(theirs.id, theirs.kind, theirs.title, them.name)
    terms = _terms(index, own.document, theirs.document)
    if own.kind == RD_PARTNER_REQUEST:
        return reason(
            "shared_rd_interest", first=mine, second=other, similarity=similarity, **terms
        )
    offer, request = (mine, other) if own.is_offer else (other, mine)
    return reason(
        "offer_meets_request", offer=offer, request=request, similarity=similarity, **terms
    )


def _reasons(
    index: MatchIndex, subject: _Subject, block: np.ndarray, answers: Answers, row: int
) -> tuple[Reason, ...]:
    me, them = index.profiles[subject.owner], index.profiles[row]
    reasons: list[Reason] = []
    listing_reason = _listing_reason(index, subject, answers, row)
    if listing_reason is not None:
        reasons.append(listing_reason)

    similarity = float(block[0, row])
    if similarity >= index.text.minimum_similarity:
        own_listing = subject.listings[0]
        if own_listing is None:
            reasons.append(
                reason(
                    "similar_profiles",
                    similarity=similarity,
                    **_terms(index, me.document, them.document),
                )
            )
        else:
            reasons.append(
                reason(
                    "profile_fits_listing",
                    listing=listing_params(
                        own_listing.id, own_listing.kind, own_listing.title, me.name
                    ),
                    participant=them.name,
                    similarity=similarity,
                    **_terms(index, own_listing.document, them.document),
                )
            )

    reasons.extend(_structured_reasons(me, them))
    return tuple(reasons)


def _structured_reasons(me: Profile, them: Profile) -> list[Reason]:
    reasons: list[Reason] = []
    supply = (
        supply_relation(them.value_chain_position, me.value_chain_position)
        if me.value_chain_position and them.value_chain_position
        else None
    )
    if supply is not None:
        # the candidate is the supplier when the relation goes both ways (equipment ↔ components)
        supplier, customer = (them, me) if supply[0] == them.value_chain_position else (me, them)
        reasons.append(
            reason(
                "value_chain",
                supplier=supplier.name,
                supplier_position=supplier.value_chain_position,
                customer=customer.name,
                customer_position=customer.value_chain_position,
            )
        )
    relation = category_relation(me.category, them.category)
    if relation in (RESEARCH_BUSINESS, FINANCE_BUSINESS):
        partner, company = (them, me) if me.category in BUSINESSES else (me, them)
        reasons.append(
            reason(
                relation,
                partner=partner.name,
                partner_category=partner.category,
                company=company.name,
            )
        )
    mine, theirs = me.divisions, them.divisions
    if mine and theirs:
        if mine & theirs:
            reasons.append(reason("same_sector", divisions=sorted(mine & theirs)))
        else:
            reasons.append(
                reason(
                    "cross_sector",
                    sectors=[[me.name, sorted(mine)], [them.name, sorted(theirs)]],
                )
            )
    markets = sorted(set(me.markets) & set(them.markets))
    if markets:
        reasons.append(reason("shared_markets", markets=markets))
    if me.languages and them.languages:
        common = [code for code in me.languages if code in set(them.languages)]
        if common:
            reasons.append(reason("common_language", languages=common))
        else:
            reasons.append(
                reason(
                    "no_common_language",
                    languages=[[me.name, list(me.languages)], [them.name, list(them.languages)]],
                )
            )
    if them.cluster_id != me.cluster_id:
        reasons.append(reason("other_cluster", partner=them.name, cluster_id=them.cluster_id))
    return reasons


def explain_pair(index: MatchIndex, subject_id: int, candidate_id: int) -> tuple[Reason, ...]:
    """The reasons one participant is a partner for another, whether or not it ranks."""
    subject = _participant_subject(index, index.profile_row(subject_id))
    block = index.text.similarities(subject.rows)
    answers = [_listing_values(index, subject, block, i) for i in range(len(subject.rows))]
    return _reasons(index, subject, block, answers, index.profile_row(candidate_id))
