"""The participant chooser of the activity and working-group forms: suggestions for what was
typed, then what a chosen suggestion adds to the form (never a list of every participant)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET, require_POST

from clusterdesk.engagement.forms.activities import MAX_ROWS, InvolvementRowForm
from clusterdesk.engagement.models import WorkingGroup
from clusterdesk.engagement.services import activities as services
from clusterdesk.participants.models import Contact, Organisation
from clusterdesk.participants.queries import participant_suggestions
from clusterdesk.tenancy.access import EDIT_ROLES, READ_ROLES, role_required

from .common import TEMPLATES

PICK_TARGETS = ("involvement", "member", "chair", "filter")
SUGGESTIONS_SHOWN = 10


def _pick_target(request: HttpRequest) -> str:
    target = request.GET.get("for", "involvement")
    if target not in PICK_TARGETS:
        raise Http404
    return target


@role_required(*READ_ROLES)
@require_GET
def participant_pick(request: HttpRequest, cluster_slug: str) -> HttpResponse:
    """Suggestions for the participant search boxes: names that hold what was typed. For the
    list's filter they are links to the list of that participant's activities."""
    target = _pick_target(request)
    if target != "filter" and request.membership.role not in EDIT_ROLES:
        raise PermissionDenied
    q = request.GET.get("pick", "").strip()[:100]
    matches = participant_suggestions(request.cluster, q, limit=SUGGESTIONS_SHOWN)
    if target == "filter":
        query = request.GET.copy()
        for name in ("pick", "for", "page", "participant"):
            query.pop(name, None)
        for organisation in matches:
            query["participant"] = str(organisation.pk)
            organisation.filter_query = query.urlencode()
    return render(
        request,
        TEMPLATES + "_participant_results.html",
        {"matches": matches, "q": q, "target": target},
    )


def _posted_date(request: HttpRequest, name: str) -> date | None:
    try:
        return date.fromisoformat(request.POST.get(name, ""))
    except ValueError:
        return None


def _posted_ids(values: list[str]) -> set[int]:
    return {int(value) for value in values if value.isdigit()}


def _picked_organisations(request: HttpRequest, target: str) -> list[Organisation]:
    organisations = Organisation.objects.for_cluster(request.cluster)
    if target == "involvement" and request.GET.get("group_members"):
        raw = request.POST.get("working_group", "")
        group = (
            WorkingGroup.objects.for_cluster(request.cluster).filter(pk=raw).first()
            if raw.isdigit()
            else None
        )
        if group is None:
            return []
        return list(group.members.order_by("name_key", "id"))
    ids = _posted_ids(request.GET.getlist("organisation"))
    return list(organisations.filter(pk__in=ids).order_by("name_key", "id"))


@role_required(*EDIT_ROLES)
@require_POST
def participant_chosen(request: HttpRequest, cluster_slug: str) -> HttpResponse:
    """What a chosen suggestion adds to the form being filled in (posted with it, so that the
    rows already there, the dates and the kind are known): a row of participant with its
    default role and days, a member, or the chair with its people."""
    target = _pick_target(request)
    chosen = _picked_organisations(request, target)
    context: dict[str, Any] = {"target": target}
    if target == "chair":
        chair = chosen[0] if chosen else None
        context.update(
            chair=chair,
            chair_contacts=contacts_of(chair),
            chosen_person_id=None,
        )
        return render(request, TEMPLATES + "_chair_choice.html", context)
    if target == "member":
        present = _posted_ids(request.POST.getlist("members"))
    else:
        present = _posted_ids(
            [
                v
                for k, v in request.POST.items()
                if k.startswith("involvements-") and k.endswith("-organisation")
            ]
        )
    added = [organisation for organisation in chosen if organisation.pk not in present]
    already = [organisation for organisation in chosen if organisation.pk in present]
    context.update(
        added=added, already=already, group_requested=bool(request.GET.get("group_members"))
    )
    if target == "involvement":
        raw_total = request.POST.get("involvements-TOTAL_FORMS", "0")
        total = min(int(raw_total), MAX_ROWS * 2) if raw_total.isdigit() else 0
        role, days = services.default_involvement(
            request.POST.get("kind", ""),
            _posted_date(request, "starts_on"),
            _posted_date(request, "ends_on"),
        )
        rows = []
        for offset, organisation in enumerate(added):
            row = InvolvementRowForm(
                prefix=f"involvements-{total + offset}",
                initial={"organisation": organisation.pk, "role": role, "days": days},
            )
            row.organisation_obj = organisation
            rows.append(row)
        if rows:  # the person goes on with the new row's role and days
            rows[0].fields["role"].widget.attrs["autofocus"] = True
        context.update(rows=rows, total=total + len(rows), first_rows=not present)
    else:
        context["autofocus_search"] = True  # the next member, if any
    return render(request, TEMPLATES + "_picked.html", context)


def contacts_of(organisation: Organisation | None) -> list[Contact]:
    if organisation is None:
        return []
    return list(
        Contact.objects.filter(cluster_id=organisation.cluster_id, organisation=organisation)
        .only("id", "first_name", "last_name", "job_title")
        .order_by("last_name", "first_name", "id")
    )
