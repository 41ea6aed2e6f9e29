"""Writes of the matchmaking profiles: one per participant, made on its first edit. The
value-chain position is the registry's: it is written onto the organisation by the registry's
own service, audited there."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from clusterdesk.lib.errors import DomainError, Problems, raise_first
from clusterdesk.participants.models import Organisation, ValueChainPosition
from clusterdesk.participants.services import organisation_update
from clusterdesk.tenancy.audit import audit_record, diff, snapshot
from clusterdesk.tenancy.models import AuditAction

from ..index_store import index_mark_stale
from ..models import MatchProfile

PROFILE_FIELDS = [
    "competences",
    "technologies",
    "markets",
    "languages",
    "summary",
    "visible_to_other_clusters",
]
LIST_FIELDS = ("competences", "technologies", "markets", "languages")
LIST_LIMIT = 40
ITEM_LENGTH = 120
SUMMARY_LENGTH = 4000
LANGUAGE_CODE = re.compile(r"^[a-z]{2}$")


def clean_list(values: Iterable[str] | str | None) -> list[str]:
    """A list typed as text (comma- or line-separated) or given as a list: trimmed, without
    empty or repeated items, in the order given."""
    if values is None:
        return []
    if isinstance(values, str):
        values = re.split(r"[,\n;]", values)
    seen: set[str] = set()
    items = []
    for value in values:
        item = " ".join(str(value).split())
        if item and item.casefold() not in seen:
            seen.add(item.casefold())
            items.append(item)
    return items


def profile_problems(data: Mapping[str, Any]) -> Problems:
    problems: Problems = []
    for name in LIST_FIELDS:
        items = data.get(name) or []
        if len(items) > LIST_LIMIT:
            problems.append((name, _("Keep to at most %(limit)d items.") % {"limit": LIST_LIMIT}))
        long = [item for item in items if len(item) > ITEM_LENGTH]
        if long:
            problems.append(
                (
                    name,
                    _("“%(item)s…” is too long: keep each item under %(length)d characters.")
                    % {"item": long[0][:30], "length": ITEM_LENGTH},
                )
            )
    wrong = [code for code in data.get("languages") or [] if not LANGUAGE_CODE.match(code)]
    if wrong:
        problems.append(
            (
                "languages",
                _("“%(code)s” is not a two-letter language code (such as it, en, tr).")
                % {"code": wrong[0]},
            )
        )
    if len(data.get("summary") or "") > SUMMARY_LENGTH:
        problems.append(
            (
                "summary",
                _("Keep the summary under %(length)d characters.") % {"length": SUMMARY_LENGTH},
            )
        )
    return problems


def _clean_profile(data: Mapping[str, Any]) -> dict[str, Any]:
    cleaned: dict[str, Any] = {}
    for name in PROFILE_FIELDS:
        if name not in data:
            continue
        value = data[name]
        if name in LIST_FIELDS:
            value = clean_list(value)
            if name == "languages":
                value = [code.lower() for code in value]
        elif name == "summary":
            value = (value or "").strip()
        else:
            value = bool(value)
        cleaned[name] = value
    return cleaned


def profile_initial(organisation: Organisation) -> dict[str, Any]:
    """What a new profile starts from: the registry's technologies and the cluster's
    languages."""
    return {
        "competences": [],
        "technologies": list(organisation.technologies or []),
        "markets": [organisation.country.code] if organisation.country else [],
        "languages": list(organisation.cluster.local_languages or []),
        "summary": organisation.description or "",
        "visible_to_other_clusters": False,
    }


def profile_save(
    *,
    organisation: Organisation,
    actor: Any,
    data: Mapping[str, Any],
    value_chain_position: str | None = None,
    by_representative: bool = False,
    source: str = "web",
) -> MatchProfile:
    """Create the participant's profile or change it; ``value_chain_position`` (None leaves
    it) goes onto the organisation, through the registry's service."""
    cleaned = _clean_profile(data)
    raise_first(profile_problems(cleaned))
    if value_chain_position is not None and value_chain_position not in (
        "",
        *ValueChainPosition.values,
    ):
        raise DomainError(
            _("Choose a value-chain position from the list."), field="value_chain_position"
        )
    with transaction.atomic():
        profile = MatchProfile.objects.filter(organisation=organisation).first()
        created = profile is None
        if profile is None:
            profile = MatchProfile(cluster_id=organisation.cluster_id, organisation=organisation)
            for name, value in profile_initial(organisation).items():
                setattr(profile, name, value)
            before: dict[str, Any] = {}
        else:
            before = snapshot(profile, PROFILE_FIELDS)
        was_visible = profile.visible_to_other_clusters and not created
        for name, value in cleaned.items():
            setattr(profile, name, value)
        changes = diff(before, snapshot(profile, PROFILE_FIELDS))
        if value_chain_position is not None and (
            value_chain_position != organisation.value_chain_position
        ):
            previous_position = organisation.value_chain_position
            organisation_update(
                organisation=organisation,
                actor=actor,
                data={"value_chain_position": value_chain_position},
                source=source,
                by_representative=by_representative,
            )
            changes["value_chain_position"] = [previous_position, value_chain_position]
        if changes or created:
            profile.updated_by = actor if getattr(actor, "is_authenticated", False) else None
            profile.save()
            audit_record(
                cluster=organisation.cluster,
                actor=actor,
                action=AuditAction.CREATED if created else AuditAction.CHANGED,
                instance=profile,
                changes=changes,
                source=source,
            )
            index_mark_stale(
                organisation.cluster_id,
                everywhere=was_visible or profile.visible_to_other_clusters,
            )
    return profile
