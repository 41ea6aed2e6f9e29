"""Template tags of the contact log: the quick-log box for every page, the "log a contact"
button of a participant's page, and the kinds' pictograms."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.safestring import mark_safe

from clusterdesk.engagement.forms.contacts import QuickLogForm
from clusterdesk.tenancy.access import EDIT_ROLES

register = template.Library()

# Line pictograms drawn here (24 × 24, stroked in the text colour), so they look the same on
# every system and in PDFs, without an icon font.
_ICON_PATHS = {
    "visit": '<path d="M3 21V10l6 4v-4l6 4V4h6v17z"/><path d="M7 17h2M12 17h2M17 17h1"/>',
    "meeting": '<circle cx="8" cy="8" r="3"/><circle cx="16.5" cy="9" r="2.5"/>'
    '<path d="M2.5 20c.5-3.5 2.8-5.5 5.5-5.5s5 2 5.5 5.5M14.5 14.8c.6-.2 1.3-.3 2-.3 2.5 0 '
    '4.4 1.8 5 5.5"/>',
    "phone": '<path d="M5 3h4l2 5-2.5 1.5a11 11 0 0 0 6 6L16 13l5 2v4a2 2 0 0 1-2 2A16 16 0 0 1 '
    '3 5a2 2 0 0 1 2-2z"/>',
    "video": '<rect x="2" y="6" width="13" height="12" rx="2"/>'
    '<path d="M15 10.5 22 7v10l-7-3.5z"/>',
    "email": '<rect x="2" y="5" width="20" height="14" rx="2"/><path d="m2.5 6.5 9.5 7 9.5-7"/>',
    "joint_work": '<path d="M10 14a4 4 0 0 1 0-5.7l3-3a4 4 0 0 1 5.7 5.7l-1.5 1.5"/>'
    '<path d="M14 10a4 4 0 0 1 0 5.7l-3 3a4 4 0 0 1-5.7-5.7l1.5-1.5"/>',
}


def _can_log(context: template.Context) -> bool:
    membership = context.get("membership")
    return bool(context.get("cluster")) and getattr(membership, "role", None) in EDIT_ROLES


@register.inclusion_tag("engagement/contacts/_quick_log_box.html", takes_context=True)
def quick_log_box(context: template.Context) -> dict[str, Any]:
    """A compact form to log a contact from any page (for the management team only)."""
    if not _can_log(context):
        return {"show": False}
    request = context.get("request")
    cluster = context["cluster"]
    return {
        "show": True,
        "cluster": cluster,
        "form": QuickLogForm(
            cluster=cluster, initial={"next": request.get_full_path() if request else ""}
        ),
    }


@register.inclusion_tag("engagement/contacts/_log_contact_button.html", takes_context=True)
def log_contact_button(context: template.Context, organisation: Any) -> dict[str, Any]:
    """On a participant's page: open the log form with this participant chosen, and come
    back to the page once saved."""
    request = context.get("request")
    return {
        "show": _can_log(context) and organisation is not None,
        "cluster": context.get("cluster"),
        "organisation": organisation,
        "next": request.get_full_path() if request else "",
    }


@register.filter
def kind_icon(kind: str) -> str:
    """The kind's pictogram as inline SVG, hidden from screen readers (the label says it)."""
    paths = _ICON_PATHS.get(str(kind))
    if paths is None:
        return ""
    return mark_safe(  # fixed markup written above, nothing from the user
        '<svg class="kind-icon" viewBox="0 0 24 24" width="20" height="20" fill="none" '
        'stroke="currentColor" stroke-width="1.8" stroke-linecap="round" '
        f'stroke-linejoin="round" aria-hidden="true" focusable="false">{paths}</svg>'
    )
