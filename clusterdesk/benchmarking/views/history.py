"""TEMPORARY: replaced by the module's real views (work in progress)."""

from django.http import Http404


def history(request, cluster_slug, **kwargs):  # noqa: ARG001
    raise Http404


def snapshot_save(request, cluster_slug, **kwargs):  # noqa: ARG001
    raise Http404


def compare(request, cluster_slug, **kwargs):  # noqa: ARG001
    raise Http404


def snapshot(request, cluster_slug, **kwargs):  # noqa: ARG001
    raise Http404


def snapshot_delete(request, cluster_slug, **kwargs):  # noqa: ARG001
    raise Http404
