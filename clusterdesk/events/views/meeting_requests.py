"""Meeting requests, signed in: the attendee list and the marketplace to request from, the
request form, and the requests page (the team sees and answers all of them, on anyone's
behalf; a member representative those of their organisation's people)."""

from __future__ import annotations

import logging

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clusterdesk.engagement.views.common import apply_error
from clusterdesk.lib.errors import DomainError
from clusterdesk.matchmaking.models import Listing, ListingKind
from clusterdesk.tenancy.access import role_required

from ..forms.meetings import AnswerForm, MeetingRequestForm
from ..models import Event, MeetingRequest, Registration, RequestStatus
from ..queries import meetings as queries
from ..services import meeting_requests as service
from .meeting_setup import ACTING_ROLES, ALL_ROLES, day_of, is_team, represented_id, url

logger = logging.getLogger(__name__)


def senders(request: HttpRequest, event: Event):  # type: ignore[no-untyped-def]
    """Whom the user may request for: the team anyone; a representative their people."""
    people = queries.participants(event)
    organisation = represented_id(request)
    if organisation is not None:
        return people.filter(organisation_id=organisation)
    return people if is_team(request) else people.none()


def acting_as(request: HttpRequest, event: Event) -> Registration | None:
    """The person the page speaks for (``?as=``, else a representative's first person)."""
    mine = senders(request, event)
    chosen = request.GET.get("as", "")
    if chosen.isdigit():
        return mine.filter(pk=chosen).first()
    if represented_id(request) is not None:
        return mine.first()
    return None


def suggestions(event: Event, me: Registration | None, people: list[Registration]) -> list:
    """“Suggested for you”: the matchmaking's best partners among the attending organisations."""
    if me is None or me.organisation is None:
        return []
    try:
        from clusterdesk.matchmaking.recommendations import recommendations_for_organisation
    except ImportError:
        return []
    attending = {p.organisation_id for p in people if p.organisation_id} - {me.organisation_id}
    if not attending:
        return []
    try:
        found = recommendations_for_organisation(
            cluster=event.cluster, organisation=me.organisation, candidate_ids=attending, limit=5
        )
    except Exception:  # a suggestion box never takes the page down with it
        logger.exception("Meeting suggestions failed for event %s", event.pk)
        return []
    by_organisation = {p.organisation_id: p for p in people if p.organisation_id}
    return [
        {"item": item, "person": by_organisation.get(item.partner.pk)}
        for item in found
        if item.partner.pk in by_organisation
    ]


def mark(people: list[Registration], me: Registration | None) -> None:
    """Beside each person: the request between them and ``me``, and whether ``me`` may ask."""
    between = queries.requests_with(me) if me is not None else {}
    for person in people:
        person.between = between.get(person.pk)
        person.is_me = me is not None and person.pk == me.pk
        person.is_mine = me is not None and (
            person.pk == me.pk
            or (person.organisation_id is not None and person.organisation_id == me.organisation_id)
        )


@role_required(*ALL_ROLES)
def attendees(request: HttpRequest, cluster_slug: str, event_pk: int) -> HttpResponse:
    event = day_of(request, event_pk)
    me = acting_as(request, event)
    q = request.GET.get("q", "").strip()
    people = queries.attendee_list(event, timezone.localdate(), q=q)
    mark(people, me)
    return render(
        request,
        "events/meetings/attendees.html",
        {
            "event": event,
            "people": people,
            "me": me,
            "senders": list(senders(request, event)),
            "q": q,
            "suggested": suggestions(event, me, people) if not q else [],
            "can_request": request.membership.role in ACTING_ROLES,
        },
    )


@role_required(*ALL_ROLES)
def marketplace(request: HttpRequest, cluster_slug: str, event_pk: int) -> HttpResponse:
    event = day_of(request, event_pk)
    me = acting_as(request, event)
    kind = request.GET.get("kind", "")
    kind = kind if kind in ListingKind.values else ""
    listings = queries.marketplace(event, timezone.localdate(), kind=kind)
    people = [person for listing in listings for person in listing.people]
    mark(people, me)
    return render(
        request,
        "events/meetings/marketplace.html",
        {
            "event": event,
            "listings": listings,
            "me": me,
            "senders": list(senders(request, event)),
            "kind": kind,
            "kinds": ListingKind.choices,
            "can_request": request.membership.role in ACTING_ROLES,
        },
    )


def _listing(event: Event, value: int | str | None) -> Listing | None:
    if not value or not str(value).isdigit():
        return None
    return Listing.objects.for_cluster(event.cluster).filter(pk=value).first()


@role_required(*ACTING_ROLES)
def request_new(request: HttpRequest, cluster_slug: str, event_pk: int) -> HttpResponse:
    """Ask someone for a meeting (``?invitee=``, ``?listing=`` from the list that linked here)."""
    event = day_of(request, event_pk)
    people = queries.participants(event)
    mine = senders(request, event)
    me = acting_as(request, event)
    form = MeetingRequestForm(
        request.POST or None,
        people=people,
        senders=mine,
        initial={
            "invitee": request.GET.get("invitee"),
            "listing": request.GET.get("listing"),
            "requester": me.pk if me else None,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            service.meeting_request_create(
                requester=form.cleaned_data["requester"],
                invitee=form.cleaned_data["invitee"],
                actor=request.user,
                message=form.cleaned_data["message"],
                listing=_listing(event, form.cleaned_data["listing"]),
            )
        except DomainError as error:
            apply_error(form, error)
        else:
            messages.success(
                request,
                _("Your request was sent to %(name)s.")
                % {"name": form.cleaned_data["invitee"].display_name},
            )
            return redirect(url("meeting_requests", request, event.pk))
    invitee = (
        people.filter(pk=form["invitee"].value() or 0).first()
        if str(form["invitee"].value() or "").isdigit()
        else None
    )
    if invitee is None and request.method == "GET":
        raise Http404
    return render(
        request,
        "events/meetings/requests_new.html",
        {
            "event": event,
            "form": form,
            "invitee": invitee,
            "listing": _listing(event, form["listing"].value()),
            "cancel_url": url("meeting_attendees", request, event.pk),
        },
    )


def decorate(
    rows: list[MeetingRequest], *, answer_url, withdraw_url, may_answer, may_withdraw
) -> None:  # type: ignore[no-untyped-def]
    """Give each request the forms its reader may use (answer, withdraw) and their addresses."""
    for row in rows:
        pending = row.status == RequestStatus.PENDING
        row.can_answer = pending and may_answer(row)
        row.can_withdraw = row.status in (
            RequestStatus.PENDING,
            RequestStatus.ACCEPTED,
        ) and may_withdraw(row)
        row.answer_url = answer_url(row) if row.can_answer else ""
        row.withdraw_url = withdraw_url(row) if row.can_withdraw else ""


REQUESTS_PAGE_SIZE = 100
_PLACEHOLDER = 987654321


def url_maker(name: str, request: HttpRequest, *args: object):  # type: ignore[no-untyped-def]
    """``pk → reverse(name, args=[slug, *args, pk])`` with one ``reverse()`` for every row: the
    address is reversed once with a placeholder id, then the row's id takes its place."""
    before, after = url(name, request, *args, _PLACEHOLDER).rsplit(str(_PLACEHOLDER), 1)
    return lambda pk: f"{before}{pk}{after}"


@role_required(*ALL_ROLES)
def requests_page(request: HttpRequest, cluster_slug: str, event_pk: int) -> HttpResponse:
    """The day's requests, a page at a time (the status filter kept in the page links), with
    the counts per status and, for the team, each participant against their quota."""
    event = day_of(request, event_pk)
    organisation = represented_id(request)
    status = request.GET.get("status", "")
    status = status if status in RequestStatus.values else ""
    counts = queries.status_counts(event, organisation_id=organisation)
    paginator = Paginator(
        queries.requests_of(event, status=status, organisation_id=organisation),
        REQUESTS_PAGE_SIZE,
    )
    paginator.count = counts.get(status, 0) if status else sum(counts.values())  # no 2nd count
    page = paginator.get_page(request.GET.get("page"))
    rows = list(page.object_list)
    team = is_team(request)
    answer_url = url_maker("meeting_request_answer", request, event.pk)
    withdraw_url = url_maker("meeting_request_withdraw", request, event.pk)
    decorate(
        rows,
        answer_url=lambda row: answer_url(row.pk),
        withdraw_url=lambda row: withdraw_url(row.pk),
        may_answer=lambda row: team or row.invitee.organisation_id == organisation,
        may_withdraw=lambda row: team or row.requester.organisation_id == organisation,
    )
    participants = queries.participant_rows(event) if organisation is None else []
    person_url = url_maker("meeting_person", request, event.pk)
    for row in participants:
        row["person_url"] = person_url(row["person"].pk)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "events/meetings/requests.html",
        {
            "event": event,
            "rows": rows,
            "page": page,
            "query": query.urlencode(),
            "status": status,
            "statuses": [
                (value, label, counts.get(value, 0)) for value, label in RequestStatus.choices
            ],
            "total": sum(counts.values()),
            "participants": participants,
            "my_people": list(senders(request, event)) if organisation is not None else [],
            "answer_form": AnswerForm(),
            "is_team": team,
        },
    )


def _request_of(request: HttpRequest, event: Event, pk: int) -> MeetingRequest:
    meeting = queries.request_of(event, pk)  # the event is the request's cluster's
    if meeting is None:
        raise Http404
    return meeting


def answer_or_withdraw(request: HttpRequest, meeting: MeetingRequest, decision: str, actor) -> None:  # type: ignore[no-untyped-def]
    """Run the person's decision on a request and say how it went, in a message."""
    answer = AnswerForm(request.POST)
    text = answer.cleaned_data["answer"] if answer.is_valid() else ""
    try:
        if decision == "accept":
            service.meeting_request_accept(meeting=meeting, actor=actor, answer=text)
            done = _("The meeting with %(name)s is accepted.")
        elif decision == "decline":
            service.meeting_request_decline(meeting=meeting, actor=actor, answer=text)
            done = _("The request of %(name)s was declined.")
        else:
            service.meeting_request_withdraw(meeting=meeting, actor=actor)
            done = _("Your request to %(name)s was withdrawn.")
    except DomainError as error:
        messages.error(request, error.message)
    else:
        other = meeting.invitee if decision == "withdraw" else meeting.requester
        messages.success(request, done % {"name": other.display_name})


@require_POST
@role_required(*ACTING_ROLES)
def request_answer(request: HttpRequest, cluster_slug: str, event_pk: int, pk: int) -> HttpResponse:
    event = day_of(request, event_pk)
    meeting = _request_of(request, event, pk)
    organisation = represented_id(request)
    if organisation is not None and meeting.invitee.organisation_id != organisation:
        raise Http404
    decision = "accept" if request.POST.get("decision") == "accept" else "decline"
    answer_or_withdraw(request, meeting, decision, request.user)
    return redirect(url("meeting_requests", request, event.pk))


@require_POST
@role_required(*ACTING_ROLES)
def request_withdraw(
    request: HttpRequest, cluster_slug: str, event_pk: int, pk: int
) -> HttpResponse:
    event = day_of(request, event_pk)
    meeting = _request_of(request, event, pk)
    organisation = represented_id(request)
    if organisation is not None and meeting.requester.organisation_id != organisation:
        raise Http404
    answer_or_withdraw(request, meeting, "withdraw", request.user)
    return redirect(url("meeting_requests", request, event.pk))
