"""Every write of matchmaking: profiles, offers and requests, follow-ups and their steps.
Each one marks the matchmaking index stale where it changes what the index holds."""

from .listings import (
    LISTING_FIELDS,
    listing_create,
    listing_problems,
    listing_update,
    listing_withdraw,
)
from .matches import (
    furthest_stage,
    match_create,
    outcome_problems,
    outcome_record,
    partner_allowed,
)
from .profiles import PROFILE_FIELDS, clean_list, profile_initial, profile_problems, profile_save

__all__ = [
    "LISTING_FIELDS",
    "PROFILE_FIELDS",
    "clean_list",
    "furthest_stage",
    "listing_create",
    "listing_problems",
    "listing_update",
    "listing_withdraw",
    "match_create",
    "outcome_problems",
    "outcome_record",
    "partner_allowed",
    "profile_initial",
    "profile_problems",
    "profile_save",
]
