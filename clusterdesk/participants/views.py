from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRefresh

from clusterdesk.lib.charts import Bar, bar_chart_svg
from clusterdesk.lib.downloads import file_download
from clusterdesk.lib.errors import DomainError
from clusterdesk.tenancy.access import EDIT_ROLES, READ_ROLES, role_required
from clusterdesk.tenancy.models import AuditEntry, Role

from . import queries
from .exports import contact_export, organisation_export
from .forms import (
    ContactForm,
    ImportForm,
    OrganisationForm,
    OrganisationProfileForm,
    RegistryFilterForm,
)
from .importing.services import import_apply, import_start
from .models import Category, Contact, ImportBatch, ImportStatus, Organisation
from .services import (
    contact_create,
    contact_delete,
    contact_update,
    organisation_create,
    organisation_delete,
    organisation_update,
)

PAGE_SIZE = 25
ALL_ROLES = (*READ_ROLES, Role.MEMBER)


def _organisation(request: HttpRequest, pk: int, *, edit: bool = False) -> Organisation:
    """An organisation of the request's cluster that this user may see (or edit)."""
    organisation = get_object_or_404(Organisation.objects.for_cluster(request.cluster), pk=pk)
    membership = request.membership
    if membership.role == Role.MEMBER:
        if membership.organisation_id != organisation.pk:
            raise Http404
    elif edit and membership.role not in EDIT_ROLES:
        raise PermissionDenied
    return organisation


def _apply_error(form, error: DomainError) -> None:  # type: ignore[no-untyped-def]
    form.add_error(error.field if error.field in form.fields else None, error.message)


@role_required(*ALL_ROLES)
def cluster_home(request: HttpRequest, cluster_slug: str) -> HttpResponse:
    if request.membership.role == Role.MEMBER:
        return redirect(
            "participants:detail", cluster_slug=cluster_slug, pk=request.membership.organisation_id
        )
    return redirect("participants:list", cluster_slug=cluster_slug)


def _filters(request: HttpRequest) -> tuple[RegistryFilterForm, queries.RegistryFilters]:
    cluster = request.cluster
    form = RegistryFilterForm(
        request.GET or None,
        regions=queries.regions_of(cluster),
        sectors=queries.divisions_in_use(cluster),
    )
    if form.is_valid():
        data = form.cleaned_data
        filters = queries.RegistryFilters(
            q=data["q"].strip(),
            category=data["category"],
            commitment=data["commitment"],
            region=data["region"],
            sector=data["sector"],
            sort=data["sort"] if data["sort"] in queries.SORTS else "name",
        )
    else:
        filters = queries.RegistryFilters()
    return form, filters


SORT_COLUMNS = [
    # (sort key, label, numeric: sorted largest first on the first click)
    ("name", _lazy("Name"), False),
    ("category", _lazy("Category"), False),
    ("commitment", _lazy("Commitment"), False),
    ("region", _lazy("Place"), False),
    ("employees", _lazy("Employees"), True),
]


def _sort_headers(current: str) -> list[dict[str, object]]:
    """The list's column headers: where a click sorts to, and how the column is sorted now."""
    headers = []
    for key, label, numeric in SORT_COLUMNS:
        if current == key:
            state, target = "ascending", f"-{key}"
        elif current == f"-{key}":
            state, target = "descending", key
        else:
            state, target = "", f"-{key}" if numeric else key
        headers.append({"label": label, "sort": target, "state": state, "numeric": numeric})
    return headers


@role_required(*READ_ROLES)
def organisation_list(request: HttpRequest, cluster_slug: str) -> HttpResponse:
    form, filters = _filters(request)
    organisations = queries.organisation_search(request.cluster, filters).only(
        "id", "name", "category", "commitment", "city", "region", "employees", "country"
    )
    page = Paginator(organisations, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    unsorted = query.copy()
    unsorted.pop("sort", None)
    context = {
        "form": form,
        "filters": filters,
        "page": page,
        "query": query.urlencode(),  # pages and exports keep the sort
        "filter_query": unsorted.urlencode(),  # column headers set their own
        "sort_headers": _sort_headers(filters.sort),
    }
    if request.htmx:
        return render(request, "participants/_organisation_table.html", context)
    summary = queries.registry_summary(request.cluster)
    bars = [Bar(str(label), summary.by_category[value]) for value, label in Category.choices]
    context.update(
        {
            "summary": summary,
            "category_chart": mark_safe(bar_chart_svg(bars, title=_("Participants by category"))),
        }
    )
    return render(request, "participants/organisation_list.html", context)


@role_required(*ALL_ROLES)
def organisation_detail(request: HttpRequest, cluster_slug: str, pk: int) -> HttpResponse:
    organisation = _organisation(request, pk)
    history = []
    if request.membership.role == Role.MANAGER:
        history = (
            AuditEntry.objects.for_cluster(request.cluster)
            .filter(object_type="organisation", object_id=organisation.pk)
            .select_related("actor")[:10]
        )
    return render(
        request,
        "participants/organisation_detail.html",
        {
            "organisation": organisation,
            "contacts": organisation.contacts.all(),
            "sectors": organisation.sectors.all(),
            "history": history,
            "can_edit": request.membership.role in (*EDIT_ROLES, Role.MEMBER),
        },
    )


@role_required(*ALL_ROLES)
def organisation_agreement(request: HttpRequest, cluster_slug: str, pk: int) -> HttpResponse:
    """The signed agreement, to those who may see the organisation (never a public address)."""
    return file_download(_organisation(request, pk).agreement_document)


@role_required(*EDIT_ROLES)
def organisation_new(request: HttpRequest, cluster_slug: str) -> HttpResponse:
    form = OrganisationForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            organisation = organisation_create(
                cluster=request.cluster,
                actor=request.user,
                data=form.service_data(),
                nace_codes=form.cleaned_data["nace_codes"],
            )
        except DomainError as error:
            _apply_error(form, error)
        else:
            messages.success(request, _("%(name)s was added.") % {"name": organisation.name})
            return redirect("participants:detail", cluster_slug=cluster_slug, pk=organisation.pk)
    return render(request, "participants/organisation_form.html", {"form": form})


@role_required(*ALL_ROLES)
def organisation_edit(request: HttpRequest, cluster_slug: str, pk: int) -> HttpResponse:
    organisation = _organisation(request, pk, edit=True)
    by_representative = request.membership.role == Role.MEMBER
    form_class = OrganisationProfileForm if by_representative else OrganisationForm
    form = form_class(request.POST or None, request.FILES or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        # The form's cleaning wrote onto the instance; the service compares against the
        # stored row, so start again from it.
        stored = Organisation.objects.get(pk=organisation.pk)
        try:
            organisation_update(
                organisation=stored,
                actor=request.user,
                data=form.service_data(),
                nace_codes=form.cleaned_data["nace_codes"],
                by_representative=by_representative,
            )
        except DomainError as error:
            _apply_error(form, error)
        else:
            messages.success(request, _("The changes were saved."))
            return redirect("participants:detail", cluster_slug=cluster_slug, pk=pk)
    return render(
        request, "participants/organisation_form.html", {"form": form, "organisation": organisation}
    )


@role_required(*EDIT_ROLES)
def organisation_remove(request: HttpRequest, cluster_slug: str, pk: int) -> HttpResponse:
    organisation = _organisation(request, pk, edit=True)
    if request.method == "POST":
        organisation_delete(organisation=organisation, actor=request.user)
        messages.success(request, _("%(name)s was deleted.") % {"name": organisation.name})
        return redirect("participants:list", cluster_slug=cluster_slug)
    return render(
        request,
        "participants/confirm_delete.html",
        {
            "object": organisation,
            "contact_count": organisation.contacts.count(),
            "cancel_url": organisation_url(cluster_slug, organisation.pk),
        },
    )


def organisation_url(cluster_slug: str, pk: int) -> str:
    from django.urls import reverse

    return reverse("participants:detail", kwargs={"cluster_slug": cluster_slug, "pk": pk})


@role_required(*ALL_ROLES)
def contact_new(request: HttpRequest, cluster_slug: str, pk: int) -> HttpResponse:
    organisation = _organisation(request, pk, edit=True)
    form = ContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            contact_create(organisation=organisation, actor=request.user, data=form.cleaned_data)
        except DomainError as error:
            _apply_error(form, error)
        else:
            messages.success(request, _("The contact was added."))
            return redirect("participants:detail", cluster_slug=cluster_slug, pk=pk)
    return render(
        request, "participants/contact_form.html", {"form": form, "organisation": organisation}
    )


def _contact(request: HttpRequest, pk: int) -> Contact:
    contact = get_object_or_404(
        Contact.objects.for_cluster(request.cluster).select_related("organisation"), pk=pk
    )
    _organisation(request, contact.organisation_id, edit=True)
    return contact


@role_required(*ALL_ROLES)
def contact_edit(request: HttpRequest, cluster_slug: str, pk: int) -> HttpResponse:
    contact = _contact(request, pk)
    form = ContactForm(request.POST or None, instance=contact)
    if request.method == "POST" and form.is_valid():
        stored = Contact.objects.select_related("organisation", "cluster").get(pk=pk)
        try:
            contact_update(contact=stored, actor=request.user, data=form.cleaned_data)
        except DomainError as error:
            _apply_error(form, error)
        else:
            messages.success(request, _("The changes were saved."))
            return redirect(
                "participants:detail", cluster_slug=cluster_slug, pk=contact.organisation_id
            )
    return render(
        request,
        "participants/contact_form.html",
        {"form": form, "organisation": contact.organisation, "contact": contact},
    )


@role_required(*ALL_ROLES)
def contact_remove(request: HttpRequest, cluster_slug: str, pk: int) -> HttpResponse:
    contact = _contact(request, pk)
    if request.method == "POST":
        contact_delete(contact=contact, actor=request.user)
        messages.success(request, _("%(name)s was deleted.") % {"name": contact})
        return redirect(
            "participants:detail", cluster_slug=cluster_slug, pk=contact.organisation_id
        )
    return render(
        request,
        "participants/confirm_delete.html",
        {"object": contact, "cancel_url": organisation_url(cluster_slug, contact.organisation_id)},
    )


@role_required(*READ_ROLES)
def contact_list(request: HttpRequest, cluster_slug: str) -> HttpResponse:
    q = request.GET.get("q", "").strip()
    page = Paginator(queries.contact_search(request.cluster, q), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    template = (
        "participants/_contact_table.html" if request.htmx else "participants/contact_list.html"
    )
    return render(request, template, {"page": page, "q": q})


@role_required(*READ_ROLES)
def export(request: HttpRequest, cluster_slug: str, kind: str, file_format: str) -> HttpResponse:
    if file_format not in ("csv", "xlsx") or kind not in ("organisations", "contacts"):
        raise Http404
    if kind == "organisations":
        _form, filters = _filters(request)
        content = organisation_export(request.cluster, filters, file_format)
    else:
        content = contact_export(request.cluster, file_format)
    content_type = (
        "text/csv; charset=utf-8"
        if file_format == "csv"
        else "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response = HttpResponse(content, content_type=content_type)
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = (
        f'attachment; filename="{cluster_slug}-{kind}-{stamp}.{file_format}"'
    )
    return response


@role_required(*EDIT_ROLES)
def import_index(request: HttpRequest, cluster_slug: str) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            batch = import_start(
                cluster=request.cluster,
                actor=request.user,
                kind=form.cleaned_data["kind"],
                upload=form.cleaned_data["file"],
            )
        except DomainError as error:
            _apply_error(form, error)
        else:
            return redirect("participants:import_detail", cluster_slug=cluster_slug, pk=batch.pk)
    batches = ImportBatch.objects.for_cluster(request.cluster).defer("plan")[:10]
    return render(request, "participants/import_index.html", {"form": form, "batches": batches})


IMPORT_FILTERS = ("rejected", "create", "update", "unchanged")


@role_required(*EDIT_ROLES)
def import_detail(request: HttpRequest, cluster_slug: str, pk: int) -> HttpResponse:
    batch = get_object_or_404(ImportBatch.objects.for_cluster(request.cluster), pk=pk)
    show = request.GET.get("show", "")
    rows = batch.plan
    if show in IMPORT_FILTERS:
        rows = [row for row in rows if row["action"] == show]
    elif rows and batch.summary.get("rejected"):
        # Rows to fix first: that is what the person has to act on.
        rows = sorted(rows, key=lambda row: (row["action"] != "rejected", row["row"]))
    page = Paginator(rows, 100).get_page(request.GET.get("page"))
    if request.htmx and batch.status != ImportStatus.ANALYSING:
        return HttpResponseClientRefresh()  # the preview is ready: show the whole page
    template = (
        "participants/_import_progress.html" if request.htmx else "participants/import_detail.html"
    )
    return render(
        request,
        template,
        {
            "batch": batch,
            "page": page,
            "show": show,
            "filters": IMPORT_FILTERS,
        },
    )


@role_required(*EDIT_ROLES)
@require_POST
def import_apply_view(request: HttpRequest, cluster_slug: str, pk: int) -> HttpResponse:
    batch = get_object_or_404(ImportBatch.objects.for_cluster(request.cluster), pk=pk)
    try:
        counts = import_apply(batch=batch, actor=request.user)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("participants:import_detail", cluster_slug=cluster_slug, pk=pk)
    messages.success(request, _("Import applied: %(created)s added, %(updated)s updated.") % counts)
    return redirect("participants:list", cluster_slug=cluster_slug)
