"""Small builders for the metrics and dashboard tests: ledger rows written directly, as the
services would leave them (an involvement carries its activity's start)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from clusterdesk.engagement.models import (
    Activity,
    ActivityKind,
    ContactKind,
    Involvement,
    InvolvementRole,
    PersonalContact,
)
from clusterdesk.participants.models import Organisation

TODAY = date(2026, 6, 15)


def contact(organisation: Organisation, on: date, kind: str = ContactKind.VISIT) -> PersonalContact:
    return PersonalContact.objects.create(
        cluster_id=organisation.cluster_id, organisation=organisation, kind=kind, date=on
    )


def activity(
    cluster,  # type: ignore[no-untyped-def]
    starts_on: date,
    *,
    ends_on: date | None = None,
    kind: str = ActivityKind.WORKING_GROUP_MEETING,
    international: bool = False,
    title: str = "Working group on circular textiles",
) -> Activity:
    return Activity.objects.create(
        cluster=cluster,
        kind=kind,
        title=title,
        starts_on=starts_on,
        ends_on=ends_on or starts_on,
        is_international=international,
    )


def involve(
    organisation: Organisation,
    on: Activity,
    days: str | float | Decimal = "1",
    role: str = InvolvementRole.ACTIVE,
) -> Involvement:
    return Involvement.objects.create(
        cluster_id=organisation.cluster_id,
        activity=on,
        organisation=organisation,
        role=role,
        days=Decimal(str(days)),
        starts_on=on.starts_on,
    )


def involved_on(
    organisation: Organisation,
    starts_on: date,
    days: str | float | Decimal = "1",
    role: str = InvolvementRole.ACTIVE,
    **activity_fields: object,
) -> Involvement:
    """An involvement in a new activity of its own starting on that day."""
    return involve(
        organisation,
        activity(organisation.cluster, starts_on, **activity_fields),  # type: ignore[arg-type]
        days,
        role,
    )
