"""The portfolio on other pages:

- ``{% load services_portfolio %}{% participant_services organisation %}``: the services a
  participant received, on its page;
- ``{% service_coverage_card %}``: the coverage of the four service areas (indicator D4), for a
  dashboard.

Shown to the cluster's team and board only (a member representative sees nothing, as with the
engagement card) and only for the request's cluster: the tags check both, whatever page uses
them."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone

from clusterdesk.participants.models import Organisation
from clusterdesk.tenancy.access import EDIT_ROLES, READ_ROLES

from .. import queries

register = template.Library()


def _reader(context: template.Context) -> tuple[Any, Any]:
    request = context.get("request")
    cluster = getattr(request, "cluster", None) or context.get("cluster")
    membership = getattr(request, "membership", None) or context.get("membership")
    if cluster is None or membership is None or membership.role not in READ_ROLES:
        return None, None
    return cluster, membership


@register.inclusion_tag("services/_participant_services.html", takes_context=True)
def participant_services(context: template.Context, organisation: Organisation) -> dict:
    cluster, membership = _reader(context)
    if cluster is None or organisation.cluster_id != cluster.pk:
        return {"visible": False}
    return {
        "visible": True,
        "cluster": cluster,
        "organisation": organisation,
        "history": queries.participant_services(cluster, organisation),
        "can_edit": membership.role in EDIT_ROLES,
    }


@register.inclusion_tag("services/_coverage_card.html", takes_context=True)
def service_coverage_card(context: template.Context) -> dict:
    cluster, _membership = _reader(context)
    if cluster is None:
        return {"coverage": None}
    return {
        "cluster": cluster,
        "coverage": queries.coverage_summary(cluster, as_of=timezone.localdate(), reach=False),
    }
