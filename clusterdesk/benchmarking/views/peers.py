"""TEMPORARY: replaced by the module's real views (work in progress)."""

from django.http import Http404


def peers(request, cluster_slug, **kwargs):  # noqa: ARG001
    raise Http404


def references(request, cluster_slug, **kwargs):  # noqa: ARG001
    raise Http404


def reference_preview(request, cluster_slug, **kwargs):  # noqa: ARG001
    raise Http404


def reference_apply(request, cluster_slug, **kwargs):  # noqa: ARG001
    raise Http404


def reference_delete(request, cluster_slug, **kwargs):  # noqa: ARG001
    raise Http404
