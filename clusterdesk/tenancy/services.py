from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from rest_framework.authtoken.models import Token

from clusterdesk.lib.errors import DomainError

from .models import Cluster, Invitation, Membership, Role, User


def cluster_create(
    *,
    name: str,
    country: str,
    sector: str,
    slug: str = "",
    region: str = "",
    founded_on: date | None = None,
    local_languages: list[str] | None = None,
    target_market_languages: list[str] | None = None,
) -> Cluster:
    slug = slugify(slug or name)[:60]
    if not slug:
        raise DomainError(_("Give the cluster a name made of letters or digits."), field="name")
    if Cluster.objects.filter(slug=slug).exists():
        raise DomainError(
            _("Another cluster already uses the address %(slug)s.") % {"slug": slug}, field="slug"
        )
    return Cluster.objects.create(
        name=name,
        slug=slug,
        country=country,
        region=region,
        sector=sector,
        founded_on=founded_on,
        local_languages=local_languages or [],
        target_market_languages=target_market_languages or [],
    )


def invitation_create(
    *,
    cluster: Cluster,
    email: str,
    role: str,
    invited_by: Any,
    organisation: Any = None,
) -> Invitation:
    """Invite a person to a cluster with a role and e-mail them the link."""
    email = email.strip().lower()
    if role not in Role.values:
        raise DomainError(_("Choose a role."), field="role")
    if role == Role.MEMBER and organisation is None:
        raise DomainError(
            _("A member representative speaks for one organisation: choose it."),
            field="organisation",
        )
    if role != Role.MEMBER:
        organisation = None
    if organisation is not None and organisation.cluster_id != cluster.pk:
        raise DomainError(_("Choose an organisation of this cluster."), field="organisation")
    if Membership.objects.filter(cluster=cluster, user__email=email).exists():
        raise DomainError(
            _("%(email)s is already part of this cluster.") % {"email": email}, field="email"
        )
    with transaction.atomic():
        Invitation.objects.for_cluster(cluster).pending().filter(email=email).update(
            revoked_at=timezone.now()
        )
        invitation = Invitation.objects.create(
            cluster=cluster,
            email=email,
            role=role,
            organisation=organisation,
            invited_by=invited_by if getattr(invited_by, "is_authenticated", False) else None,
        )
    transaction.on_commit(lambda: invitation_send(invitation=invitation))
    return invitation


def invitation_link(invitation: Invitation) -> str:
    return settings.SITE_URL + reverse("invitation_accept", args=[invitation.token])


def invitation_send(*, invitation: Invitation) -> None:
    context = {
        "invitation": invitation,
        "link": invitation_link(invitation),
        "inviter": invitation.invited_by,
    }
    subject = _("You are invited to %(cluster)s on ClusterDesk") % {
        "cluster": invitation.cluster.name
    }
    body = render_to_string("tenancy/email/invitation.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [invitation.email])


def invitation_accept(
    *, invitation: Invitation, user: Any = None, full_name: str = "", password: str = ""
) -> Membership:
    """Turn an invitation into a membership, creating the user when they are new."""
    if not invitation.is_usable:
        raise DomainError(_("This invitation has expired or was already used."))
    with transaction.atomic():
        if user is None or not user.is_authenticated:
            if User.objects.filter(email=invitation.email).exists():
                raise DomainError(
                    _("You already have an account: sign in first, then open the link again.")
                )
            if not password:
                raise DomainError(_("Choose a password."), field="password")
            user = User.objects.create_user(
                email=invitation.email,
                password=password,
                full_name=full_name,
                preferred_language=translation.get_language() or "",
            )
        elif user.email.lower() != invitation.email.lower():
            raise DomainError(
                _("This invitation is for %(email)s; sign in with that address.")
                % {"email": invitation.email}
            )
        membership, _created = Membership.objects.update_or_create(
            cluster=invitation.cluster,
            user=user,
            defaults={"role": invitation.role, "organisation": invitation.organisation},
        )
        invitation.accepted_at = timezone.now()
        invitation.save(update_fields=["accepted_at"])
    return membership


def invitation_revoke(*, invitation: Invitation) -> None:
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])


def membership_remove(*, membership: Membership, actor: Any) -> None:
    if (
        membership.role == Role.MANAGER
        and not Membership.objects.filter(cluster=membership.cluster, role=Role.MANAGER)
        .exclude(pk=membership.pk)
        .exists()
    ):
        raise DomainError(_("A cluster needs at least one manager; invite another one first."))
    if membership.user_id == getattr(actor, "pk", None):
        raise DomainError(_("You cannot remove yourself."))
    membership.delete()


def api_token_rotate(*, user: User) -> Token:
    """Give the user a new API token; the old one stops working."""
    with transaction.atomic():
        Token.objects.filter(user=user).delete()
        return Token.objects.create(user=user)
