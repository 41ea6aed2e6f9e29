"""The delivery log's writes, which keep the finance records' service-fee income in step
(see the package's docstring)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from clusterdesk.engagement.models import BudgetLine, FundingSource
from clusterdesk.engagement.services.records import (
    links_replace,
    merged_values,
    record_create,
    record_delete,
    record_update,
)
from clusterdesk.lib.errors import DomainError, raise_first
from clusterdesk.participants.models import Organisation
from clusterdesk.tenancy.audit import audit_record
from clusterdesk.tenancy.models import AuditAction, Cluster

from .. import rules
from ..models import (
    Delivery,
    ServiceStatus,
)
from ..queries import fees_invoiced_in_year

ZERO = Decimal(0)

# --------------------------------------------------------------------------- the delivery log

DELIVERY_FIELDS = [
    "service",
    "delivered_on",
    "delivered_by",
    "provider",
    "quantity",
    "unit",
    "fee_invoiced",
    "outcome",
    "rating",
]


def _clean_delivery(data: Mapping[str, Any]) -> dict[str, Any]:
    cleaned = {name: data[name] for name in DELIVERY_FIELDS if name in data}
    if "fee_invoiced" in cleaned and cleaned["fee_invoiced"] is None:
        cleaned["fee_invoiced"] = ZERO
    return cleaned


def _check_delivery(
    cluster: Cluster,
    data: Mapping[str, Any],
    participants: Sequence[Organisation] | None,
    *,
    today: date,
) -> None:
    service = data.get("service")
    if service is None or service.cluster_id != cluster.pk:
        raise DomainError(_("Choose a service of this cluster's catalogue."), field="service")
    if service.status in (ServiceStatus.IDEA, ServiceStatus.SHORTLISTED):
        raise DomainError(
            _(
                "“%(name)s” is still an idea in the catalogue: set it to new or in place before "
                "logging deliveries."
            )
            % {"name": service.name},
            field="service",
        )
    raise_first(rules.delivery_problems(data, today=today))
    delivered_by = data.get("delivered_by")
    if delivered_by is not None and delivered_by.cluster_id != cluster.pk:
        raise DomainError(_("Choose a member of this cluster's team."), field="delivered_by")
    if participants is not None:
        raise_first(rules.recipients_problems(cluster.pk, list(participants)))


def _participants_writer(participants: Sequence[Organisation] | None, before: list[Organisation]):  # type: ignore[no-untyped-def]
    def write(delivery: Delivery) -> dict[str, list[Any]]:
        return links_replace(
            delivery.participants,
            before=before if delivery.pk and before else None,
            after=list(participants) if participants is not None else None,
            name="participants",
        )

    return write


def delivery_create(
    *,
    cluster: Cluster,
    actor: Any,
    data: Mapping[str, Any],
    participants: Sequence[Organisation],
    source: str = "web",
    today: date | None = None,
) -> Delivery:
    """Log a delivery to one or more participants; its fee joins the year's service fees."""
    today = today or timezone.localdate()
    cleaned = _clean_delivery(data)
    cleaned.setdefault("fee_invoiced", ZERO)
    _check_delivery(cluster, cleaned, participants, today=today)
    with transaction.atomic():
        delivery = record_create(
            model=Delivery,
            cluster=cluster,
            actor=actor,
            data=cleaned,
            fields=DELIVERY_FIELDS,
            source=source,
            related=_participants_writer(participants, []),
        )
        _service_fees_follow(
            cluster=cluster,
            actor=actor,
            source=source,
            changes={delivery.delivered_on.year: delivery.fee_invoiced},
        )
    return delivery


def delivery_update(
    *,
    delivery: Delivery,
    actor: Any,
    data: Mapping[str, Any],
    participants: Sequence[Organisation] | None = None,
    source: str = "web",
    today: date | None = None,
) -> Delivery:
    """Change a delivery; ``participants`` replaces those who received it (None keeps them)."""
    today = today or timezone.localdate()
    cleaned = _clean_delivery(data)
    cluster = delivery.cluster
    _check_delivery(
        cluster, merged_values(delivery, cleaned, DELIVERY_FIELDS), participants, today=today
    )
    old_year, old_fee = delivery.delivered_on.year, delivery.fee_invoiced
    before = list(delivery.participants.all())
    with transaction.atomic():
        record_update(
            instance=delivery,
            actor=actor,
            data=cleaned,
            fields=DELIVERY_FIELDS,
            source=source,
            related=_participants_writer(participants, before),
        )
        changes: dict[int, Decimal] = {old_year: -old_fee}
        new_year = delivery.delivered_on.year
        changes[new_year] = changes.get(new_year, ZERO) + delivery.fee_invoiced
        _service_fees_follow(cluster=cluster, actor=actor, source=source, changes=changes)
    return delivery


def delivery_delete(*, delivery: Delivery, actor: Any, source: str = "web") -> None:
    cluster, year, fee = delivery.cluster, delivery.delivered_on.year, delivery.fee_invoiced
    names = sorted(organisation.name for organisation in delivery.participants.all())
    with transaction.atomic():
        record_delete(
            instance=delivery,
            actor=actor,
            source=source,
            changes={"participants": [names, None]} if names else None,
        )
        _service_fees_follow(cluster=cluster, actor=actor, source=source, changes={year: -fee})


def _service_fees_follow(
    *, cluster: Cluster, actor: Any, source: str, changes: Mapping[int, Decimal]
) -> None:
    """Move each year's "Service fees" actual amount by what the log's fees of that year
    changed by (inside the caller's transaction, the line locked while it is written)."""
    for year in sorted(changes):
        change = changes[year]
        if not change:
            continue
        try:
            with transaction.atomic():  # a savepoint: another request may add the line first
                _fees_line_move(cluster=cluster, actor=actor, source=source, year=year, by=change)
        except IntegrityError:
            _fees_line_move(cluster=cluster, actor=actor, source=source, year=year, by=change)


def _fees_line_move(*, cluster: Cluster, actor: Any, source: str, year: int, by: Decimal) -> None:
    line = (
        BudgetLine.objects.for_cluster(cluster)
        .select_for_update()
        .filter(year=year, source=FundingSource.SERVICE_FEES)
        .first()
    )
    logged = fees_invoiced_in_year(cluster, year)  # the log's sum, this change included
    if line is None:
        if logged:
            line = BudgetLine.objects.create(
                cluster=cluster,
                year=year,
                source=FundingSource.SERVICE_FEES,
                planned=ZERO,
                actual=logged,
            )
            _log_line(line, actor, AuditAction.CREATED, {"actual": [None, logged]}, source)
        return
    before = line.actual
    # Never below the log's sum, whatever was there before the log kept it.
    after = max((before or ZERO) + by, logged)
    if not after and not line.planned:
        _log_line(line, actor, AuditAction.DELETED, {"actual": [before, None]}, source)
        line.delete()
        return
    if after != before:
        line.actual = after
        line.save(update_fields=["actual", "updated_at"])
        _log_line(line, actor, AuditAction.CHANGED, {"actual": [before, after]}, source)


def _log_line(
    line: BudgetLine, actor: Any, action: str, changes: dict[str, list[Any]], source: str
) -> None:
    from clusterdesk.tenancy.audit import audit_value

    audit_record(
        cluster=line.cluster,
        actor=actor,
        action=action,
        instance=line,
        changes={
            name: [audit_value(value) for value in values] for name, values in changes.items()
        },
        source=source,
    )
