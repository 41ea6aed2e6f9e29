"""Follow-ups on the participant's page: ``{% load matchmaking_history %}{% participant_matches
organisation %}`` lists the matches where the participant is either side, with their steps.

Shown only for a participant of the request's cluster, to its team and board and to the
participant's own representative. A match recorded by another cluster is listed only while
that cluster's participant has its profile visible to other clusters (else nothing of it
crosses), with its steps but not its notes. A partner of another cluster is named only if its
profile is visible (else "a participant of <cluster>"). Two queries, whatever the number of
rows.
"""

from __future__ import annotations

from typing import Any

from django import template

from clusterdesk.participants.models import Organisation
from clusterdesk.tenancy.access import READ_ROLES
from clusterdesk.tenancy.models import Role

from .. import queries

register = template.Library()


def _may_read(membership: Any, organisation: Organisation) -> bool:
    if membership is None:
        return False
    if membership.role in READ_ROLES:
        return True
    return membership.role == Role.MEMBER and membership.organisation_id == organisation.pk


@register.inclusion_tag("matchmaking/_participant_matches.html", takes_context=True)
def participant_matches(context: template.Context, organisation: Organisation) -> dict:
    request = context.get("request")
    cluster = getattr(request, "cluster", None) or context.get("cluster")
    membership = getattr(request, "membership", None) or context.get("membership")
    if (
        cluster is None
        or organisation.cluster_id != cluster.pk
        or not _may_read(membership, organisation)
    ):
        return {"visible": False}
    return {
        "visible": True,
        "cluster": cluster,
        "organisation": organisation,
        "rows": queries.participant_matches(cluster, organisation),
    }
