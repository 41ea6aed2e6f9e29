"""Writes of the offers and requests. They stay from one event to the next until their owner
withdraws them ("expire now") or their expiry day passes; then they are kept as history and
never matched."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from clusterdesk.engagement.services.records import merged_values, record_create, record_update
from clusterdesk.lib.errors import DomainError, Problems, raise_first

from ..index_store import index_mark_stale
from ..models import Listing, ListingKind, MatchProfile

LISTING_FIELDS = ["kind", "title", "text", "expires_on"]
TITLE_LENGTH = 200


def listing_problems(
    data: Mapping[str, Any], *, today: date, current: Listing | None = None
) -> Problems:
    problems: Problems = []
    if data.get("kind") not in ListingKind.values:
        problems.append(
            ("kind", _("Choose what this is: an offer or a request of one of the listed kinds."))
        )
    title = (data.get("title") or "").strip()
    if not title:
        problems.append(("title", _("Give the offer or request a title.")))
    elif len(title) > TITLE_LENGTH:
        problems.append(
            ("title", _("Keep the title under %(length)d characters.") % {"length": TITLE_LENGTH})
        )
    expires_on = data.get("expires_on")
    unchanged = current is not None and current.expires_on == expires_on
    if expires_on is not None and expires_on < today and not unchanged:
        problems.append(
            (
                "expires_on",
                _("The expiry date is in the past: choose today or a later day, or withdraw it."),
            )
        )
    return problems


def _clean(data: Mapping[str, Any]) -> dict[str, Any]:
    cleaned = {name: data[name] for name in LISTING_FIELDS if name in data}
    for name in ("title", "text"):
        if name in cleaned:
            cleaned[name] = (cleaned[name] or "").strip()
    return cleaned


def _stale(profile: MatchProfile) -> None:
    index_mark_stale(profile.cluster_id, everywhere=profile.visible_to_other_clusters)


def listing_create(
    *, profile: MatchProfile, actor: Any, data: Mapping[str, Any], source: str = "web"
) -> Listing:
    cleaned = _clean(data)
    raise_first(listing_problems(cleaned, today=timezone.localdate()))
    listing = record_create(
        model=Listing,
        cluster=profile.cluster,
        actor=actor,
        data=cleaned,
        fields=LISTING_FIELDS,
        source=source,
        unaudited={
            "profile": profile,
            "created_by": actor if getattr(actor, "is_authenticated", False) else None,
        },
    )
    _stale(profile)
    return listing


def listing_update(
    *, listing: Listing, actor: Any, data: Mapping[str, Any], source: str = "web"
) -> Listing:
    if listing.withdrawn_on is not None:
        raise DomainError(
            _("This offer or request was withdrawn: it stays as history and is not changed."),
            code="withdrawn",
        )
    cleaned = _clean(data)
    raise_first(
        listing_problems(
            merged_values(listing, cleaned, LISTING_FIELDS),
            today=timezone.localdate(),
            current=listing,
        )
    )
    listing = record_update(
        instance=listing, actor=actor, data=cleaned, fields=LISTING_FIELDS, source=source
    )
    _stale(listing.profile)
    return listing


def listing_withdraw(*, listing: Listing, actor: Any, source: str = "web") -> Listing:
    """Expire it now: kept as history, never matched again."""
    if listing.withdrawn_on is not None:
        raise DomainError(_("This offer or request was already withdrawn."), code="withdrawn")
    listing = record_update(
        instance=listing,
        actor=actor,
        data={"withdrawn_on": timezone.localdate()},
        fields=["withdrawn_on"],
        source=source,
    )
    _stale(listing.profile)
    return listing
