"""TEMPORARY: replaced by the module's real views (work in progress)."""

from django.http import Http404


def roadmap(request, cluster_slug, **kwargs):  # noqa: ARG001
    raise Http404


def roadmap_action(request, cluster_slug, **kwargs):  # noqa: ARG001
    raise Http404
