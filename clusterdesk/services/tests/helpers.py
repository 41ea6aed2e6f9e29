"""What the portfolio's tests share."""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from clusterdesk.engagement.models import BudgetLine, FundingSource


def url(name: str, *args: object, slug: str = "tfc") -> str:
    return reverse(f"services:{name}", args=[slug, *args])


def service_fees_line(cluster, year: int) -> BudgetLine | None:  # type: ignore[no-untyped-def]
    return BudgetLine.objects.filter(
        cluster=cluster, year=year, source=FundingSource.SERVICE_FEES
    ).first()


def delivery_post(service, received_by, **values):  # type: ignore[no-untyped-def]
    """The delivery form's fields: a delivery of ``service`` yesterday to ``received_by``."""
    data = {
        "service": str(service.pk),
        "delivered_on": (timezone.localdate() - timedelta(days=1)).isoformat(),
        "participants": [str(o.pk) for o in received_by],
        "add_participant": "",
        "delivered_by": "",
        "provider": "",
        "quantity": "1",
        "unit": "days",
        "fee_invoiced": "0",
        "rating": "",
        "outcome": "",
    }
    data.update(values)
    return data
