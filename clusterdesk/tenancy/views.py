from __future__ import annotations

from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from rest_framework.authtoken.models import Token

from clusterdesk.lib.errors import DomainError

from .access import READ_ROLES, clusters_of, role_required
from .forms import AcceptInvitationForm, ClusterForm, ClusterProfileForm, InvitationForm
from .models import AuditEntry, Cluster, Invitation, Membership, Role
from .profile import cluster_profile_update
from .services import (
    api_token_rotate,
    cluster_create,
    invitation_accept,
    invitation_create,
    invitation_revoke,
    membership_remove,
)


@login_required
def home(request: HttpRequest) -> HttpResponse:
    clusters = clusters_of(request.user)
    if len(clusters) == 1 and not request.user.is_staff:
        return redirect("participants:list", cluster_slug=clusters[0].slug)
    return render(request, "tenancy/home.html", {"clusters": clusters})


def invitation_accept_view(request: HttpRequest, token: str) -> HttpResponse:
    invitation = Invitation.objects.select_related("cluster").filter(token=token).first()
    if invitation is None or not invitation.is_usable:
        return render(request, "tenancy/invitation_invalid.html", status=410 if invitation else 404)
    form = AcceptInvitationForm(request.POST or None)
    signed_in = request.user.is_authenticated
    if request.method == "POST":
        try:
            if signed_in:
                invitation_accept(invitation=invitation, user=request.user)
            elif form.is_valid():
                membership = invitation_accept(
                    invitation=invitation,
                    full_name=form.cleaned_data["full_name"],
                    password=form.cleaned_data["password"],
                )
                login(request, membership.user, backend="django.contrib.auth.backends.ModelBackend")
            else:
                raise DomainError(_("Please correct the fields below."))
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request, _("Welcome to %(cluster)s.") % {"cluster": invitation.cluster}
            )
            return redirect("participants:list", cluster_slug=invitation.cluster.slug)
    return render(
        request,
        "tenancy/invitation_accept.html",
        {"invitation": invitation, "form": form, "signed_in": signed_in},
    )


@login_required
def account(request: HttpRequest) -> HttpResponse:
    token = Token.objects.filter(user=request.user).first()
    memberships = Membership.objects.filter(user=request.user).select_related(
        "cluster", "organisation"
    )
    return render(request, "tenancy/account.html", {"token": token, "memberships": memberships})


@login_required
@require_POST
def account_token_rotate(request: HttpRequest) -> HttpResponse:
    api_token_rotate(user=request.user)
    messages.success(request, _("A new API token was created; the old one no longer works."))
    return redirect("account")


@role_required(Role.MANAGER)
def team(request: HttpRequest, cluster_slug: str) -> HttpResponse:
    cluster = request.cluster
    form = InvitationForm(request.POST or None, cluster=cluster)
    if request.method == "POST" and form.is_valid():
        try:
            invitation_create(
                cluster=cluster,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                organisation=form.cleaned_data["organisation"],
                invited_by=request.user,
            )
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(
                request,
                _("The invitation was sent to %(email)s.") % {"email": form.cleaned_data["email"]},
            )
            return redirect("tenancy:team", cluster_slug=cluster.slug)
    memberships = Membership.objects.for_cluster(cluster).select_related("user", "organisation")
    invitations = Invitation.objects.for_cluster(cluster).pending().select_related("organisation")
    return render(
        request,
        "tenancy/team.html",
        {
            "form": form,
            "memberships": memberships.order_by("role", "user__email"),
            "invitations": invitations,
        },
    )


@role_required(Role.MANAGER)
@require_POST
def invitation_revoke_view(request: HttpRequest, cluster_slug: str, pk: int) -> HttpResponse:
    invitation = get_object_or_404(Invitation.objects.for_cluster(request.cluster).pending(), pk=pk)
    invitation_revoke(invitation=invitation)
    messages.success(request, _("The invitation was withdrawn."))
    return redirect("tenancy:team", cluster_slug=cluster_slug)


@role_required(Role.MANAGER)
@require_POST
def membership_remove_view(request: HttpRequest, cluster_slug: str, pk: int) -> HttpResponse:
    membership = get_object_or_404(Membership.objects.for_cluster(request.cluster), pk=pk)
    try:
        membership_remove(membership=membership, actor=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("%(person)s no longer has access.") % {"person": membership.user}
        )
    return redirect("tenancy:team", cluster_slug=cluster_slug)


@role_required(*READ_ROLES)
def cluster_profile(request: HttpRequest, cluster_slug: str) -> HttpResponse:
    """The cluster's profile: the team and the board read it, the manager changes it."""
    cluster = request.cluster
    can_edit = request.membership.role == Role.MANAGER
    if request.method == "POST" and not can_edit:
        raise PermissionDenied
    form = None
    if can_edit:
        form = ClusterProfileForm(
            request.POST or None, initial=ClusterProfileForm.initial_of(cluster)
        )
        if request.method == "POST" and form.is_valid():
            try:
                cluster_profile_update(cluster=cluster, actor=request.user, data=form.cleaned_data)
            except DomainError as error:
                form.add_error(error.field if error.field in form.fields else None, error.message)
            else:
                messages.success(request, _("The cluster profile was saved."))
                return redirect("tenancy:cluster_profile", cluster_slug=cluster.slug)
    return render(request, "tenancy/cluster_profile.html", {"form": form, "can_edit": can_edit})


@role_required(Role.MANAGER)
def audit_log(request: HttpRequest, cluster_slug: str) -> HttpResponse:
    entries = AuditEntry.objects.for_cluster(request.cluster).select_related("actor")
    object_type = request.GET.get("type", "")
    if object_type in ("organisation", "contact"):
        entries = entries.filter(object_type=object_type)
    elif object_type == "ledger":
        entries = entries.exclude(object_type__in=("organisation", "contact"))
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(request, "tenancy/audit_log.html", {"page": page, "object_type": object_type})


@staff_member_required
def platform(request: HttpRequest) -> HttpResponse:
    form = ClusterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                cluster = cluster_create(
                    name=data["name"],
                    slug=data["slug"],
                    country=data["country"],
                    region=data["region"],
                    sector=data["sector"],
                    founded_on=data["founded_on"],
                    local_languages=data["local_languages"],
                    target_market_languages=data["target_market_languages"],
                )
                invitation_create(
                    cluster=cluster,
                    email=data["manager_email"],
                    role=Role.MANAGER,
                    invited_by=request.user,
                )
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(
                request,
                _("%(cluster)s was created and its manager invited.") % {"cluster": cluster.name},
            )
            return redirect("platform")
    # Aggregates only: the operator never sees one cluster's records.
    clusters = Cluster.objects.annotate(
        participant_count=Count("organisations", distinct=True),
        committed_count=Count(
            "organisations", filter=Q(organisations__commitment="committed"), distinct=True
        ),
        people_count=Count("memberships", distinct=True),
    ).order_by("name")
    return render(request, "tenancy/platform.html", {"form": form, "clusters": clusters})
