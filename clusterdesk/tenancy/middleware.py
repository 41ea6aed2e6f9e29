from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse

from .access import membership_for


class TenantMiddleware:
    """Resolves ``/c/<cluster_slug>/…`` to ``request.cluster`` for members, 404 for others."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.cluster = None  # type: ignore[attr-defined]
        request.membership = None  # type: ignore[attr-defined]
        return self.get_response(request)

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable,
        view_args: tuple[Any, ...],
        view_kwargs: dict[str, Any],
    ) -> HttpResponse | None:
        slug = view_kwargs.get("cluster_slug")
        if slug is None or request.path.startswith("/api/"):
            # The API authenticates by token inside the view; its permission class calls the
            # same membership_for().
            return None
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        membership = membership_for(request.user, slug)
        request.membership = membership  # type: ignore[attr-defined]
        request.cluster = membership.cluster  # type: ignore[attr-defined]
        return None
