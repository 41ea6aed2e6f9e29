"""A participant's engagement on its page: ``{% load engagement_summary %}`` then
``{% participant_engagement organisation %}``. Also the ``percent`` filter for shares."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from clusterdesk.lib.charts import PALETTE
from clusterdesk.participants.models import Organisation
from clusterdesk.tenancy.access import READ_ROLES

from .. import queries
from ..charts import Series, column_chart_svg

register = template.Library()


@register.filter
def percent(share: float | None) -> str:
    """A share between 0 and 1 as a whole percentage: 0.4166 → "42 %" ("%42" in Turkish)."""
    if share is None:
        return "–"
    return (_("%(value)s %%") % {"value": round(share * 100)}).replace(" ", "\u00a0")


@register.inclusion_tag("engagement/summary/participant.html", takes_context=True)
def participant_engagement(context: template.Context, organisation: Organisation) -> dict:
    """The engagement card of one participant, for the cluster of the request.

    Shown to the cluster's team and board only (a member representative sees nothing) and
    only for an organisation of that cluster: the tag checks both, whatever page uses it."""
    request = context.get("request")
    cluster = getattr(request, "cluster", None) or context.get("cluster")
    membership = getattr(request, "membership", None) or context.get("membership")
    if (
        cluster is None
        or membership is None
        or membership.role not in READ_ROLES
        or organisation.cluster_id != cluster.pk
    ):
        return {"visible": False}
    today = timezone.localdate()
    engagement = queries.participant_engagement(cluster, organisation, today=today)
    chart = column_chart_svg(
        [quarter.label.replace(" ", "\n", 1) for quarter in engagement.timeline],
        [
            Series(_("Contacts"), [quarter.contacts for quarter in engagement.timeline]),
            Series(
                _("Activities"),
                [quarter.activities for quarter in engagement.timeline],
                PALETTE[1],
            ),
        ],
        title=_("Contacts and activities of %(name)s by quarter") % {"name": organisation.name},
        chart_id=f"engagement-{organisation.pk}",
        height=190,
    )
    result: dict[str, Any] = {
        "visible": True,
        "organisation": organisation,
        "engagement": engagement,
        "period": queries.last_12_months(today),
        "active_days_needed": queries.ACTIVE_DAYS,
        "chart": mark_safe(chart),  # built from escaped parts
    }
    return result
