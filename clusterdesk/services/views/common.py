"""What the portfolio's pages share: the records of the request's cluster (404 for any other),
and the day a page is about."""

from __future__ import annotations

from datetime import date

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date

from ..models import Candidate, Delivery, DesignRound, Service


def service_of(request: HttpRequest, pk: int) -> Service:
    return get_object_or_404(
        Service.objects.for_cluster(request.cluster).select_related("owner", "cluster"), pk=pk
    )


def delivery_of(request: HttpRequest, pk: int) -> Delivery:
    return get_object_or_404(
        Delivery.objects.for_cluster(request.cluster).select_related(
            "service", "delivered_by", "cluster"
        ),
        pk=pk,
    )


def round_of(request: HttpRequest, pk: int) -> DesignRound:
    return get_object_or_404(
        DesignRound.objects.for_cluster(request.cluster).select_related("cluster", "survey"),
        pk=pk,
    )


def candidate_of(request: HttpRequest, pk: int) -> Candidate:
    return get_object_or_404(
        Candidate.objects.for_cluster(request.cluster).select_related(
            "design_round", "design_round__survey", "cluster", "service"
        ),
        pk=pk,
    )


def as_of_param(request: HttpRequest) -> date:
    """The ``?as_of=`` day of a page: a past day or today (never a future one)."""
    today = timezone.localdate()
    day = parse_date(request.GET.get("as_of") or "") if request.GET.get("as_of") else None
    if day is None or day > today:
        return today
    return day


def url(name: str, request: HttpRequest, *args: object) -> str:
    return reverse(f"services:{name}", args=[request.cluster.slug, *args])
