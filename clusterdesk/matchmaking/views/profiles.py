"""Profiles and their offers and requests: the list of participants, one profile's page, its
edit page, and adding, changing and withdrawing offers and requests."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clusterdesk.engagement.views.common import form_page
from clusterdesk.lib.errors import DomainError
from clusterdesk.tenancy.access import READ_ROLES, role_required

from .. import queries, services
from ..forms import ListingForm, ProfileForm
from .common import ALL_ROLES, WRITE_ROLES, can_write, is_member, listing_of, organisation_of, url


@role_required(*READ_ROLES)
def profile_list(request: HttpRequest, cluster_slug: str) -> HttpResponse:
    q = (request.GET.get("q") or "").strip()
    without = request.GET.get("without") == "1"
    page = Paginator(
        queries.profile_search(
            request.cluster, as_of=timezone.localdate(), q=q, without_profile=without
        ),
        50,
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "matchmaking/profiles.html",
        {"page_obj": page, "q": q, "without": without, "can_write": can_write(request)},
    )


@role_required(*ALL_ROLES)
def profile_detail(request: HttpRequest, cluster_slug: str, pk: int) -> HttpResponse:
    organisation = organisation_of(request, pk)
    profile = queries.profile_of(organisation)
    return render(
        request,
        "matchmaking/profile_detail.html",
        {
            "organisation": organisation,
            "profile": profile,
            "sectors": list(organisation.sectors.all()),
            "listings": queries.listings_split(profile, as_of=timezone.localdate()),
            "matches": queries.named_matches(
                request.cluster,
                queries.match_search(request.cluster, organisation_id=organisation.pk)[:10],
            ),
            "can_write": can_write(request),
        },
    )


@role_required(*WRITE_ROLES)
def profile_edit(request: HttpRequest, cluster_slug: str, pk: int) -> HttpResponse:
    organisation = organisation_of(request, pk)
    profile = queries.profile_of(organisation)
    initial = (
        {name: getattr(profile, name) for name in services.PROFILE_FIELDS}
        if profile
        else services.profile_initial(organisation)
    )
    initial["value_chain_position"] = organisation.value_chain_position
    form = ProfileForm(request.POST or None, initial=initial)
    return form_page(
        request,
        form,
        save=lambda: services.profile_save(
            organisation=organisation,
            actor=request.user,
            data=form.profile_data(),
            value_chain_position=form.cleaned_data["value_chain_position"],
            by_representative=is_member(request),
        ),
        success=_("The matchmaking profile was saved."),
        next_url=url("profile", request, organisation.pk),
        context={
            "title": _("Matchmaking profile of %(name)s") % {"name": organisation.name},
            "organisation": organisation,
            "cancel_url": url("profile", request, organisation.pk),
        },
        template="matchmaking/form.html",
    )


@role_required(*WRITE_ROLES)
def listing_new(request: HttpRequest, cluster_slug: str, pk: int) -> HttpResponse:
    organisation = organisation_of(request, pk)
    form = ListingForm(request.POST or None, initial={"kind": request.GET.get("kind", "")})

    def save():  # type: ignore[no-untyped-def]
        profile = queries.profile_of(organisation) or services.profile_save(
            organisation=organisation, actor=request.user, data={}
        )
        return services.listing_create(
            profile=profile, actor=request.user, data=form.listing_data()
        )

    return form_page(
        request,
        form,
        save=save,
        success=lambda listing: _("“%(title)s” was added.") % {"title": listing.title},
        next_url=url("profile", request, organisation.pk),
        context={
            "title": _("New offer or request of %(name)s") % {"name": organisation.name},
            "organisation": organisation,
            "cancel_url": url("profile", request, organisation.pk),
        },
        template="matchmaking/form.html",
    )


@role_required(*WRITE_ROLES)
def listing_edit(request: HttpRequest, cluster_slug: str, pk: int) -> HttpResponse:
    listing = listing_of(request, pk)
    organisation = listing.profile.organisation
    form = ListingForm(
        request.POST or None,
        initial={name: getattr(listing, name) for name in services.LISTING_FIELDS},
    )
    return form_page(
        request,
        form,
        save=lambda: services.listing_update(
            listing=listing, actor=request.user, data=form.listing_data()
        ),
        success=_("The changes were saved."),
        next_url=url("profile", request, organisation.pk),
        context={
            "title": _("Edit “%(title)s”") % {"title": listing.title},
            "organisation": organisation,
            "cancel_url": url("profile", request, organisation.pk),
        },
        template="matchmaking/form.html",
    )


@require_POST
@role_required(*WRITE_ROLES)
def listing_withdraw(request: HttpRequest, cluster_slug: str, pk: int) -> HttpResponse:
    listing = listing_of(request, pk)
    try:
        services.listing_withdraw(listing=listing, actor=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("“%(title)s” was withdrawn: it stays in the history and is no longer matched.")
            % {"title": listing.title},
        )
    return redirect(url("profile", request, listing.profile.organisation_id))
