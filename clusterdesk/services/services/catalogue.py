"""The catalogue's writes: services with their areas, pricing and owner."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.utils.translation import gettext as _

from clusterdesk.engagement.services.records import (
    merged_values,
    record_create,
    record_delete,
    record_update,
)
from clusterdesk.lib.errors import DomainError, raise_first
from clusterdesk.tenancy.models import Cluster

from .. import rules
from ..models import (
    Candidate,
    Service,
    ServiceAreaLink,
    ServiceStatus,
)

# --------------------------------------------------------------------------- the catalogue

SERVICE_FIELDS = [
    "code",
    "name",
    "description",
    "translations",
    "targeted_companies",
    "methodology",
    "timing",
    "status",
    "free",
    "member_price",
    "non_member_price",
    "price_unit",
    "owner",
]


def _clean_service(data: Mapping[str, Any]) -> dict[str, Any]:
    cleaned = {name: data[name] for name in SERVICE_FIELDS if name in data}
    translations = cleaned.get("translations")
    if isinstance(translations, dict):
        # Only what was typed: an empty translation falls back to the text as typed.
        cleaned["translations"] = {
            language: {name: text.strip() for name, text in texts.items() if (text or "").strip()}
            for language, texts in translations.items()
            if isinstance(texts, dict)
            and any(isinstance(text, str) and text.strip() for text in texts.values())
        }
    return cleaned


def _check_service(
    cluster: Cluster, data: Mapping[str, Any], *, current: Service | None = None
) -> None:
    raise_first(rules.service_problems(data))
    owner = data.get("owner")
    if owner is not None and owner.cluster_id != cluster.pk:
        raise DomainError(_("Choose a member of this cluster's team."), field="owner")
    code = (data.get("code") or "").strip()
    taken = Service.objects.for_cluster(cluster).filter(code=code)
    if current is not None:
        taken = taken.exclude(pk=current.pk)
    if taken.exists():
        raise DomainError(
            _("Another service already has the identifier “%(code)s”.") % {"code": code},
            field="code",
        )


def _areas_writer(areas: Sequence[int] | None):  # type: ignore[no-untyped-def]
    """Write the service's areas; what changed, for the same log entry."""

    def write(service: Service) -> dict[str, list[Any]]:
        if areas is None:
            return {}
        wanted = sorted(set(areas))
        before = sorted(service.area_links.values_list("area", flat=True)) if service.pk else []
        if wanted == before:
            return {}
        service.area_links.exclude(area__in=wanted).delete()
        ServiceAreaLink.objects.bulk_create(
            ServiceAreaLink(service=service, area=area) for area in wanted if area not in before
        )
        return {"areas": [before or None, wanted]}

    return write


def service_create(
    *,
    cluster: Cluster,
    actor: Any,
    data: Mapping[str, Any],
    areas: Sequence[int],
    source: str = "web",
) -> Service:
    cleaned = _clean_service(data)
    cleaned.setdefault("status", ServiceStatus.IN_PLACE)
    _check_service(cluster, cleaned)
    raise_first(rules.area_problems(areas))
    return record_create(
        model=Service,
        cluster=cluster,
        actor=actor,
        data=cleaned,
        fields=SERVICE_FIELDS,
        source=source,
        related=_areas_writer(areas),
    )


def service_update(
    *,
    service: Service,
    actor: Any,
    data: Mapping[str, Any],
    areas: Sequence[int] | None = None,
    source: str = "web",
) -> Service:
    """Change a service; ``areas`` replaces its service areas (None keeps them)."""
    cleaned = _clean_service(data)
    _check_service(
        service.cluster, merged_values(service, cleaned, SERVICE_FIELDS), current=service
    )
    if areas is not None:
        raise_first(rules.area_problems(areas))
    return record_update(
        instance=service,
        actor=actor,
        data=cleaned,
        fields=SERVICE_FIELDS,
        source=source,
        related=_areas_writer(areas),
    )


def service_delete(*, service: Service, actor: Any, source: str = "web") -> None:
    """Delete a service that was never delivered; one with deliveries is retired instead, so
    that its history and its fees stay."""
    if service.deliveries.exists():
        raise DomainError(
            _(
                "This service has deliveries in the log: set its status to “retired” instead, "
                "so that its history and fees stay."
            ),
            code="protected",
        )
    Candidate.objects.filter(service=service).update(service=None)
    record_delete(instance=service, actor=actor, source=source)


def next_service_code(cluster: Cluster) -> str:
    """The next free numeric identifier (the guide's tables number their services)."""
    numbers = [
        int(code)
        for code in Service.objects.for_cluster(cluster).values_list("code", flat=True)
        if code.isdigit()
    ]
    return str(max(numbers, default=0) + 1)
