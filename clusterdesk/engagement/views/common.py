"""What the ledger's pages share: who may change things, a service's refusal shown on its form,
the add/edit and confirm-delete pages, and downloads."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django import forms
from django.contrib import messages
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.text import capfirst

from clusterdesk.lib.downloads import file_download  # noqa: F401  (shared, re-exported)
from clusterdesk.lib.errors import DomainError
from clusterdesk.tenancy.access import EDIT_ROLES

FORM_TEMPLATE = "engagement/form.html"
DELETE_TEMPLATE = "engagement/confirm_delete.html"
EXPORT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}

Saved = TypeVar("Saved")


def can_edit(request: HttpRequest) -> bool:
    return request.membership.role in EDIT_ROLES


def apply_error(form: forms.BaseForm, error: DomainError) -> None:
    """A service's refusal beside the field it names, else above the form."""
    form.add_error(error.field if error.field in form.fields else None, error.message)


def form_page(
    request: HttpRequest,
    form: forms.BaseForm,
    *,
    save: Callable[[], Saved],
    success: str | Callable[[Saved], str],
    next_url: str | Callable[[Saved], str],
    context: dict[str, Any],
    template: str = FORM_TEMPLATE,
) -> HttpResponse:
    """An add or edit page: a valid form posted is given to ``save`` (the service call); what
    it saved gives the message and the page to go on to, a refusal goes back on the form."""
    if request.method == "POST" and form.is_valid():
        try:
            saved = save()
        except DomainError as error:
            apply_error(form, error)
        else:
            messages.success(request, success(saved) if callable(success) else success)
            return redirect(next_url(saved) if callable(next_url) else next_url)
    return render(request, template, {"form": form, **context})


def confirm_delete(
    request: HttpRequest,
    thing: object,
    *,
    delete: Callable[[], object],
    success: str,
    next_url: str,
    cancel_url: str | None = None,
    consequence: str = "",
    template: str = DELETE_TEMPLATE,
) -> HttpResponse:
    """The page that asks before ``thing`` is deleted, and the deletion once it is confirmed."""
    if request.method == "POST":
        delete()
        messages.success(request, success)
        return redirect(next_url)
    return render(
        request,
        template,
        {"object": thing, "consequence": consequence, "cancel_url": cancel_url or next_url},
    )


def column_label(model: type[models.Model], field: str) -> str:
    """An export's column header: the field's label, which the translations already hold."""
    return str(capfirst(model._meta.get_field(field).verbose_name))


def table_download(
    request: HttpRequest, file_format: str, name: str, table: Callable[[], bytes]
) -> HttpResponse:
    """A CSV or XLSX file of ``table()`` (asked for a known format only), named after the
    cluster, what it holds and today's date."""
    if file_format not in EXPORT_TYPES:
        raise Http404
    response = HttpResponse(table(), content_type=EXPORT_TYPES[file_format])
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = (
        f'attachment; filename="{request.cluster.slug}-{name}-{stamp}.{file_format}"'
    )
    return response
