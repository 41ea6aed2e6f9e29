"""TEMPORARY: replaced by the module's real views (work in progress)."""

from django.http import Http404


def readiness(request, cluster_slug, **kwargs):  # noqa: ARG001
    raise Http404


def readiness_export(request, cluster_slug, **kwargs):  # noqa: ARG001
    raise Http404


def indicator(request, cluster_slug, **kwargs):  # noqa: ARG001
    raise Http404


def indicator_export(request, cluster_slug, **kwargs):  # noqa: ARG001
    raise Http404
