"""Partner recommendations: pure computation, no Django.

``build_index(profiles, engine=None)`` indexes the participants' profiles and their active
offers and requests with a text engine (``tfidf``, or ``semantic`` when the ``semantic`` extra
is installed, which is then the default); ``MatchIndex.save(folder)`` and
``MatchIndex.load(folder)`` keep it between requests. ``recommend_partners(index,
participant_id, filters=Filters(mode="r2b", cross_sector=False, other_clusters=False))`` and
``recommend_for_listing(index, listing_id, …)`` return ranked ``Recommendation``s, each with
its score, the parts of the score and its ``reasons`` (a code, parameters and an English
sentence); ``recommend_everyone`` does every participant in batches. How scores and reasons
are made: ``recommend`` and ``reasons``; the engines: ``similarity``.
"""

from .index import MatchIndex, NotInIndex, build_index
from .profiles import (
    BUSINESS_OFFER,
    BUSINESS_REQUEST,
    CATEGORIES,
    FINANCE_OFFER,
    FINANCE_REQUEST,
    LISTING_KINDS,
    RD_PARTNER_REQUEST,
    TECHNOLOGY_OFFER,
    TECHNOLOGY_REQUEST,
    VALUE_CHAIN_POSITIONS,
    Listing,
    MatchingInputError,
    Profile,
)
from .reasons import Reason
from .recommend import (
    Filters,
    Recommendation,
    Weights,
    explain_pair,
    recommend_everyone,
    recommend_for_listing,
    recommend_partners,
)
from .relations import MODES
from .similarity import (
    EngineUnavailable,
    Hit,
    TextEngine,
    TextIndex,
    available_engines,
    default_engine_name,
    get_engine,
    load_text_index,
    save_text_index,
    semantic_available,
)
from .terms import TermWeights, related_terms, shared_terms
from .words import content_words, fold

__all__ = [
    "BUSINESS_OFFER",
    "BUSINESS_REQUEST",
    "CATEGORIES",
    "FINANCE_OFFER",
    "FINANCE_REQUEST",
    "LISTING_KINDS",
    "MODES",
    "RD_PARTNER_REQUEST",
    "TECHNOLOGY_OFFER",
    "TECHNOLOGY_REQUEST",
    "VALUE_CHAIN_POSITIONS",
    "EngineUnavailable",
    "Filters",
    "Hit",
    "Listing",
    "MatchIndex",
    "MatchingInputError",
    "NotInIndex",
    "Profile",
    "Reason",
    "Recommendation",
    "TermWeights",
    "TextEngine",
    "TextIndex",
    "Weights",
    "available_engines",
    "build_index",
    "content_words",
    "default_engine_name",
    "explain_pair",
    "fold",
    "get_engine",
    "load_text_index",
    "recommend_everyone",
    "recommend_for_listing",
    "recommend_partners",
    "related_terms",
    "save_text_index",
    "semantic_available",
    "shared_terms",
]
