"""What the activity and working-group pages share."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import formats, timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import ngettext

from clusterdesk.engagement.models import Activity, WorkingGroup

PAGE_SIZE = 25
MEETINGS_SHOWN = 24
TEMPLATES = "engagement/activities/"


def days_text(days: Decimal) -> str:
    """Days as people say them, in the reader's language: "1 day", "0.5 days"."""
    number = format(days.normalize(), "f")
    return ngettext("%(days)s day", "%(days)s days", 1 if days == 1 else 2) % {
        "days": formats.number_format(Decimal(number), use_l10n=True)
    }


def local_today() -> date:
    return timezone.localdate()


def activity_of(request: HttpRequest, pk: int) -> Activity:
    return get_object_or_404(
        Activity.objects.for_cluster(request.cluster).select_related("working_group", "cluster"),
        pk=pk,
    )


def group_of(request: HttpRequest, pk: int) -> WorkingGroup:
    return get_object_or_404(
        WorkingGroup.objects.for_cluster(request.cluster).select_related("cluster"), pk=pk
    )


def safe_next(request: HttpRequest, cluster_slug: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target.startswith(f"/c/{cluster_slug}/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}
    ):
        return target
    return ""
