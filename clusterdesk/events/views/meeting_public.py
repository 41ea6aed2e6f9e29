"""A person's meeting requests without an account, by their registration's token
(/e/r/<token>/meetings/): the requests received to answer, those sent, the attendee list and
the marketplace to request from, and their availability. A token is the whole key: it shows
one person of one event, never anyone else's requests."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clusterdesk.engagement.views.common import apply_error
from clusterdesk.lib.errors import DomainError

from ..forms.meetings import AnswerForm, MeetingRequestForm, availability_formset
from ..models import MeetingRequest, Registration
from ..queries import meetings as queries
from ..services import meeting_requests as service
from ..services.meeting_setup import availability_replace
from .meeting_requests import _listing, answer_or_withdraw, decorate, mark


def registration_of(token: str) -> Registration:
    return get_object_or_404(
        Registration.objects.select_related("event__cluster", "contact", "organisation", "cluster"),
        token=token,
        event__has_meetings=True,
    )


def event_title(registration: Registration) -> str:
    """The event's title in the page's language (as the registration pages show it)."""
    language = (translation.get_language() or "en").split("-")[0]
    return registration.event.title_in(language)


def page_url(registration: Registration, name: str = "meetings", *args: object) -> str:
    return reverse(f"events_public:{name}", args=[registration.token, *args])


def meetings(request: HttpRequest, token: str) -> HttpResponse:
    me = registration_of(token)
    event = me.event
    rows = list(queries.requests_of(event).filter(Q(requester=me) | Q(invitee=me)))
    decorate(
        rows,
        answer_url=lambda row: page_url(me, "meetings_answer", row.pk),
        withdraw_url=lambda row: page_url(me, "meetings_withdraw", row.pk),
        may_answer=lambda row: row.invitee_id == me.pk,
        may_withdraw=lambda row: row.requester_id == me.pk,
    )
    people = queries.attendee_list(event, timezone.localdate())
    mark(people, me)
    listings = queries.marketplace(event, timezone.localdate())
    mark([p for listing in listings for p in listing.people], me)
    problem = service._taking_part_problem(me)
    return render(
        request,
        "events/meetings/public_requests.html",
        {
            "cluster": event.cluster,
            "event": event,
            "event_title": event_title(me),
            "me": me,
            "received": [r for r in rows if r.invitee_id == me.pk],
            "sent": [r for r in rows if r.requester_id == me.pk],
            "people": people,
            "listings": listings,
            "counts": queries.registration_counts(me),
            "quota": queries.quota_of(me, event),
            "problem": problem,
            "answer_form": AnswerForm(),
            "windows": list(me.availability.all()),
        },
    )


def request_new(request: HttpRequest, token: str, invitee_pk: int) -> HttpResponse:
    me = registration_of(token)
    event = me.event
    people = queries.participants(event)
    invitee = get_object_or_404(people, pk=invitee_pk)
    form = MeetingRequestForm(
        request.POST or None,
        people=people,
        initial={"invitee": invitee.pk, "listing": request.GET.get("listing")},
    )
    if request.method == "POST" and form.is_valid():
        try:
            service.meeting_request_create(
                requester=me,
                invitee=form.cleaned_data["invitee"],
                actor=None,
                message=form.cleaned_data["message"],
                listing=_listing(event, form.cleaned_data["listing"]),
            )
        except DomainError as error:
            apply_error(form, error)
        else:
            messages.success(
                request, _("Your request was sent to %(name)s.") % {"name": invitee.display_name}
            )
            return redirect(page_url(me))
    return render(
        request,
        "events/meetings/public_requests_new.html",
        {
            "cluster": event.cluster,
            "event": event,
            "event_title": event_title(me),
            "me": me,
            "form": form,
            "invitee": invitee,
            "listing": _listing(event, form["listing"].value()),
            "cancel_url": page_url(me),
            "public": True,
        },
    )


def _meeting_of(me: Registration, pk: int) -> MeetingRequest:
    meeting = queries.request_of(me.event, pk)
    if meeting is None:
        raise Http404
    return meeting


@require_POST
def answer(request: HttpRequest, token: str, pk: int) -> HttpResponse:
    me = registration_of(token)
    meeting = _meeting_of(me, pk)
    if meeting.invitee_id != me.pk:
        raise Http404
    decision = "accept" if request.POST.get("decision") == "accept" else "decline"
    answer_or_withdraw(request, meeting, decision, None)
    return redirect(page_url(me))


@require_POST
def withdraw(request: HttpRequest, token: str, pk: int) -> HttpResponse:
    me = registration_of(token)
    meeting = _meeting_of(me, pk)
    if meeting.requester_id != me.pk:
        raise Http404
    answer_or_withdraw(request, meeting, "withdraw", None)
    return redirect(page_url(me))


def availability(request: HttpRequest, token: str) -> HttpResponse:
    me = registration_of(token)
    event = me.event
    data = request.POST if request.method == "POST" else None
    windows = availability_formset(event, me, data)
    confirm_drop = False
    if data is not None and windows.is_valid():
        try:
            availability_replace(
                registration=me,
                actor=None,
                windows=windows.windows(),
                drop_placements=request.POST.get("drop_placements") == "on",
            )
        except DomainError as error:
            windows.non_form_errors().append(error.message)
            confirm_drop = error.code == "placements"
        else:
            messages.success(request, _("Your availability was saved."))
            return redirect(page_url(me))
    return render(
        request,
        "events/meetings/availability.html",
        {
            "cluster": event.cluster,
            "event": event,
            "event_title": event_title(me),
            "person": me,
            "windows": windows,
            "sessions": list(event.sessions.all()),
            "back_url": page_url(me),
            "public": True,
            "confirm_drop": confirm_drop,
        },
    )
