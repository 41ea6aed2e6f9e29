"""Tenancy in one place: which cluster a request is about, and what the user may do there.

The HTML pages go through TenantMiddleware, the API through its permission class; both call
``membership_for`` so the rule is written once: a user sees a cluster only through a
membership of it, and anyone else gets 404 (never another cluster's data, never a hint that
it exists).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import wraps
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

from .models import Cluster, Membership, Role

READ_ROLES = (Role.MANAGER, Role.STAFF, Role.BOARD)
EDIT_ROLES = (Role.MANAGER, Role.STAFF)


def membership_for(user: Any, cluster_slug: str) -> Membership:
    """The user's membership of the cluster, or Http404."""
    if user is None or not user.is_authenticated:
        raise Http404
    membership = (
        Membership.objects.select_related("cluster", "organisation")
        .filter(user=user, cluster__slug=cluster_slug)
        .first()
    )
    if membership is None:
        raise Http404
    return membership


def require_role(membership: Membership | None, roles: Iterable[str]) -> None:
    if membership is None or membership.role not in tuple(roles):
        raise PermissionDenied


def role_required(*roles: str) -> Callable:
    """Decorate a tenant view: the user's role in ``request.cluster`` must be one of these."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            require_role(getattr(request, "membership", None), roles)
            return view(request, *args, **kwargs)

        wrapper.tenant_roles = tuple(roles)  # type: ignore[attr-defined]
        return wrapper

    return decorator


def clusters_of(user: Any) -> list[Cluster]:
    if not user.is_authenticated:
        return []
    return list(Cluster.objects.filter(memberships__user=user).order_by("name"))
