from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from .access import clusters_of
from .navigation import nav_section


def tenancy(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    section, organisation_page = nav_section(request)
    return {
        "nav_section": section,
        "nav_organisation_page": organisation_page,
        "cluster": getattr(request, "cluster", None),
        "membership": getattr(request, "membership", None),
        "my_clusters": (lambda: clusters_of(user)) if user is not None else list,
    }
