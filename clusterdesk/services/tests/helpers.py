"""What the portfolio's tests share."""

from __future__ import annotations

from django.urls import reverse

from clusterdesk.engagement.models import BudgetLine, FundingSource


def url(name: str, *args: object, slug: str = "tfc") -> str:
    return reverse(f"services:{name}", args=[slug, *args])


def service_fees_line(cluster, year: int) -> BudgetLine | None:  # type: ignore[no-untyped-def]
    return BudgetLine.objects.filter(
        cluster=cluster, year=year, source=FundingSource.SERVICE_FEES
    ).first()
