"""``{% load events_history %}{% participant_events organisation %}``: the events a
participant's people registered for and attended, on its page. Shown to the cluster's team and
board, and to the organisation's own representative; only for the request's cluster."""

from __future__ import annotations

from django import template

from clusterdesk.participants.models import Organisation
from clusterdesk.tenancy.access import EDIT_ROLES, READ_ROLES
from clusterdesk.tenancy.models import Role

from .. import queries

register = template.Library()


@register.inclusion_tag("events/_participant_events.html", takes_context=True)
def participant_events(context: template.Context, organisation: Organisation) -> dict:
    request = context.get("request")
    cluster = getattr(request, "cluster", None) or context.get("cluster")
    membership = getattr(request, "membership", None) or context.get("membership")
    if cluster is None or membership is None or organisation.cluster_id != cluster.pk:
        return {"visible": False}
    own = membership.role == Role.MEMBER and membership.organisation_id == organisation.pk
    if membership.role not in READ_ROLES and not own:
        return {"visible": False}
    return {
        "visible": True,
        "cluster": cluster,
        "organisation": organisation,
        "history": queries.participant_events(cluster, organisation),
        "can_link_people": membership.role in READ_ROLES,
        "can_edit": membership.role in EDIT_ROLES,
    }
