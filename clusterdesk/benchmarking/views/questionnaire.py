"""TEMPORARY: replaced by the module's real views (work in progress)."""

from django.http import Http404


def questionnaire(request, cluster_slug, **kwargs):  # noqa: ARG001
    raise Http404


def answer_document(request, cluster_slug, **kwargs):  # noqa: ARG001
    raise Http404


def answer_delete(request, cluster_slug, **kwargs):  # noqa: ARG001
    raise Http404
