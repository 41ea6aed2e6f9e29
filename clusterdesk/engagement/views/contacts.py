"""Pages of the contact log, the follow-up tasks and the contact import. The management team
(manager, staff) writes; the board reads the log and the tasks; member representatives never
see them."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from clusterdesk.engagement.contact_import import ACTIONS, build_plan, upload_read, upload_save
from clusterdesk.engagement.forms.contacts import (
    SORTS,
    ContactFilterForm,
    ContactImportForm,
    PersonalContactForm,
    QuickLogForm,
    TaskForm,
    find_participant,
)
from clusterdesk.engagement.models import ContactKind, FollowUpTask, PersonalContact
from clusterdesk.engagement.services.contacts import (
    contact_import_apply,
    personal_contact_delete,
    personal_contact_log,
    personal_contact_update,
    task_complete,
    task_create,
    task_reopen,
)
from clusterdesk.lib.charts import Bar, bar_chart_svg
from clusterdesk.lib.errors import DomainError
from clusterdesk.lib.tabular import write_table
from clusterdesk.participants.models import Contact, Organisation
from clusterdesk.participants.queries import participant_suggestions
from clusterdesk.tenancy.access import EDIT_ROLES, READ_ROLES, role_required
from clusterdesk.tenancy.models import Cluster, User

from .common import apply_error, can_edit, column_label, confirm_delete, table_download

PAGE_SIZE = 25
PREVIEW_PAGE_SIZE = 100
SUGGESTIONS_SHOWN = 12
EXPORT_HEADERS = ["date", "participant", "kind", "staff", "notes", "people met"]


def _safe_next(request: HttpRequest, value: str | None) -> str | None:
    if value and url_has_allowed_host_and_scheme(
        value, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return value
    return None


def _contact(request: HttpRequest, pk: int) -> PersonalContact:
    return get_object_or_404(
        PersonalContact.objects.for_cluster(request.cluster).select_related(
            "organisation", "cluster"
        ),
        pk=pk,
    )


# --------------------------------------------------------------------------- the log


@dataclass(frozen=True)
class LogFilters:
    q: str = ""
    kind: str = ""
    staff: int | None = None
    date_from: date | None = None
    date_to: date | None = None
    sort: str = "-date"


def _filters(request: HttpRequest) -> tuple[ContactFilterForm, LogFilters]:
    form = ContactFilterForm(request.GET or None, cluster=request.cluster)
    if form.is_valid():
        data = form.cleaned_data
        filters = LogFilters(
            q=data["q"].strip(),
            kind=data["kind"],
            staff=data["staff"] or None,
            date_from=data["date_from"],
            date_to=data["date_to"],
            sort=data["sort"] or "-date",
        )
    else:
        filters = LogFilters()
    return form, filters


def contact_search(cluster: Cluster, filters: LogFilters) -> QuerySet[PersonalContact]:
    contacts = PersonalContact.objects.for_cluster(cluster)
    for word in filters.q.split()[:5]:
        contacts = contacts.filter(
            Q(organisation__name__icontains=word) | Q(organisation__vat_number__icontains=word)
        )
    if filters.kind:
        contacts = contacts.filter(kind=filters.kind)
    if filters.staff:
        contacts = contacts.filter(staff__pk=filters.staff)
    if filters.date_from:
        contacts = contacts.filter(date__gte=filters.date_from)
    if filters.date_to:
        contacts = contacts.filter(date__lte=filters.date_to)
    return contacts.order_by(*SORTS.get(filters.sort, SORTS["-date"]))


@role_required(*READ_ROLES)
def contact_list(request: HttpRequest, cluster_slug: str) -> HttpResponse:
    form, filters = _filters(request)
    found = contact_search(request.cluster, filters)
    contacts = found.select_related("organisation").prefetch_related(
        "staff",
        "people_met",
        Prefetch("tasks", queryset=FollowUpTask.objects.filter(done_on__isnull=True)),
    )
    page = Paginator(contacts, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    unsorted = query.copy()
    unsorted.pop("sort", None)
    context: dict[str, Any] = {
        "form": form,
        "filters": filters,
        "page": page,
        "query": query.urlencode(),
        "filter_query": unsorted.urlencode(),
        "next_sort": "date" if filters.sort == "-date" else "-date",
        "can_edit": can_edit(request),
    }
    if request.htmx:
        return render(request, "engagement/contacts/_contact_table.html", context)
    by_kind = dict(found.order_by().values_list("kind").annotate(total=Count("id")))
    bars = [Bar(str(label), by_kind.get(value, 0)) for value, label in ContactKind.choices]
    context.update(
        {
            "total": sum(by_kind.values()),
            "reached": found.order_by().values("organisation_id").distinct().count(),
            "kind_chart": mark_safe(bar_chart_svg(bars, title=_("Contacts by kind"))),
        }
    )
    return render(request, "engagement/contacts/contact_list.html", context)


@role_required(*READ_ROLES)
def contacts_export(request: HttpRequest, cluster_slug: str, file_format: str) -> HttpResponse:
    return table_download(
        request, file_format, "contact-log", lambda: _contact_table(request, file_format)
    )


def _contact_table(request: HttpRequest, file_format: str) -> bytes:
    _form, filters = _filters(request)
    contacts = (
        contact_search(request.cluster, filters)
        .select_related("organisation")
        .prefetch_related(
            Prefetch("staff", queryset=User.objects.only("id", "email")),
            Prefetch("people_met", queryset=Contact.objects.only("id", "email")),
        )
    )
    rows = [
        [
            contact.date,
            contact.organisation.name,
            str(contact.get_kind_display()),
            "; ".join(person.email for person in contact.staff.all()),
            contact.notes,
            "; ".join(person.email for person in contact.people_met.all() if person.email),
        ]
        for contact in contacts.iterator(chunk_size=2000)
    ]
    return write_table(EXPORT_HEADERS, rows, file_format)


# --------------------------------------------------------------------------- logging


def _form_context(form: PersonalContactForm, **extra: Any) -> dict[str, Any]:
    people, ticked = form.people_choices()
    return {"form": form, "people": people, "ticked": ticked, **extra}


@role_required(*EDIT_ROLES)
def contact_new(request: HttpRequest, cluster_slug: str) -> HttpResponse:
    initial: dict[str, Any] = {}
    chosen = request.GET.get("organisation", "")
    if chosen.isdigit():
        organisation = (
            Organisation.objects.for_cluster(request.cluster).filter(pk=int(chosen)).first()
        )
        if organisation is not None:
            initial = {"participant": organisation.name, "organisation_id": organisation.pk}
    next_url = _safe_next(request, request.POST.get("next") or request.GET.get("next"))
    if request.method == "POST":
        form = PersonalContactForm(request.POST, cluster=request.cluster, user=request.user)
        if form.is_valid():
            try:
                contact = personal_contact_log(
                    cluster=request.cluster,
                    actor=request.user,
                    follow_up=form.follow_up(),
                    **form.service_data(),
                )
            except DomainError as error:
                apply_error(form, error)
            else:
                messages.success(
                    request,
                    _("The contact with %(name)s was logged.") % {"name": contact.organisation},
                )
                return redirect(next_url or reverse("engagement:contacts", args=[cluster_slug]))
    else:
        form = PersonalContactForm(initial=initial, cluster=request.cluster, user=request.user)
    return render(
        request, "engagement/contacts/contact_form.html", _form_context(form, next=next_url)
    )


@role_required(*EDIT_ROLES)
def contact_edit(request: HttpRequest, cluster_slug: str, pk: int) -> HttpResponse:
    contact = _contact(request, pk)
    if request.method == "POST":
        form = PersonalContactForm(
            request.POST, cluster=request.cluster, user=request.user, contact=contact
        )
        if form.is_valid():
            try:
                personal_contact_update(contact=contact, actor=request.user, **form.service_data())
            except DomainError as error:
                apply_error(form, error)
            else:
                messages.success(request, _("The changes were saved."))
                return redirect("engagement:contacts", cluster_slug=cluster_slug)
    else:
        form = PersonalContactForm(cluster=request.cluster, user=request.user, contact=contact)
    return render(
        request, "engagement/contacts/contact_form.html", _form_context(form, contact=contact)
    )


@role_required(*EDIT_ROLES)
def contact_delete(request: HttpRequest, cluster_slug: str, pk: int) -> HttpResponse:
    contact = _contact(request, pk)
    return confirm_delete(
        request,
        contact,
        delete=lambda: personal_contact_delete(contact=contact, actor=request.user),
        success=_("The contact was deleted."),
        next_url=reverse("engagement:contacts", args=[cluster_slug]),
        cancel_url=reverse("engagement:contact_edit", args=[cluster_slug, pk]),
        template="engagement/contacts/confirm_delete.html",
    )


@role_required(*EDIT_ROLES)
def quick_log(request: HttpRequest, cluster_slug: str) -> HttpResponse:
    """The quick-log box posts here from any page and goes back there."""
    if request.method != "POST":
        return redirect("engagement:contact_new", cluster_slug=cluster_slug)
    form = QuickLogForm(request.POST, cluster=request.cluster)
    next_url = _safe_next(request, request.POST.get("next"))
    if form.is_valid():
        try:
            contact = personal_contact_log(
                cluster=request.cluster,
                actor=request.user,
                organisation=form.cleaned_data["organisation"],
                kind=form.cleaned_data["kind"],
                date=form.cleaned_data["date"],
                notes=form.cleaned_data["notes"],
            )
        except DomainError as error:
            apply_error(form, error)
        else:
            messages.success(
                request,
                _("The contact with %(name)s was logged.") % {"name": contact.organisation},
            )
            return redirect(next_url or reverse("engagement:contacts", args=[cluster_slug]))
    # Shown again on the full form, with what was typed and what to correct.
    full = PersonalContactForm(request.POST, cluster=request.cluster, user=request.user)
    full.is_valid()
    for name, errors in form.errors.items():
        for error in errors:
            if error not in full.errors.get(name, []):
                full.add_error(name if name in full.fields else None, error)
    return render(
        request, "engagement/contacts/contact_form.html", _form_context(full, next=next_url)
    )


@role_required(*EDIT_ROLES)
def participant_suggest(request: HttpRequest, cluster_slug: str) -> HttpResponse:
    text = request.GET.get("q") or request.GET.get("participant") or ""
    return render(
        request,
        "engagement/contacts/_participant_options.html",
        {"suggestions": participant_suggestions(request.cluster, text, limit=SUGGESTIONS_SHOWN)},
    )


@role_required(*EDIT_ROLES)
def contact_people(request: HttpRequest, cluster_slug: str) -> HttpResponse:
    """The people-met checkboxes of the participant being typed in the log form."""
    organisation = find_participant(
        request.cluster, request.GET.get("participant", ""), request.GET.get("organisation_id")
    )
    people = list(organisation.contacts.all()) if organisation else []
    return render(
        request,
        "engagement/contacts/_people_met.html",
        {"people": people, "ticked": set(), "organisation": organisation},
    )


# --------------------------------------------------------------------------- tasks


def _task_tab(request: HttpRequest) -> str:
    """Whose tasks are shown: "mine" (the default for the team) or "team" (always for the
    board, who are assigned none)."""
    editor = can_edit(request)
    show = request.GET.get("show", "mine" if editor else "team")
    return show if editor and show in ("mine", "team") else "team"


@role_required(*READ_ROLES)
def my_tasks(request: HttpRequest, cluster_slug: str) -> HttpResponse:
    editor = can_edit(request)
    show = _task_tab(request)
    open_tasks = FollowUpTask.objects.for_cluster(request.cluster).filter(done_on__isnull=True)
    counts = open_tasks.aggregate(
        mine=Count("id", filter=Q(assigned_to=request.user)), team=Count("id")
    )
    tasks = open_tasks.select_related("organisation", "assigned_to", "personal_contact")
    if show == "mine":
        tasks = tasks.filter(assigned_to=request.user)
    page = Paginator(tasks.order_by("due_on", "id"), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "engagement/contacts/my_tasks.html",
        {
            "page": page,
            "show": show,
            "counts": counts,
            "today": timezone.localdate(),
            "can_edit": editor,
            "query": f"show={show}",
        },
    )


@role_required(*READ_ROLES)
def tasks_export(request: HttpRequest, cluster_slug: str, file_format: str) -> HttpResponse:
    """The tasks of the tab (mine or the whole team), open ones first, then those done."""
    return table_download(request, file_format, "tasks", lambda: _task_table(request, file_format))


def _task_table(request: HttpRequest, file_format: str) -> bytes:
    tasks = (
        FollowUpTask.objects.for_cluster(request.cluster)
        .select_related("organisation", "assigned_to", "personal_contact")
        .order_by(F("done_on").asc(nulls_first=True), "due_on", "id")
    )
    if _task_tab(request) == "mine":
        tasks = tasks.filter(assigned_to=request.user)
    headers = [
        column_label(FollowUpTask, "title"),
        column_label(FollowUpTask, "due_on"),
        column_label(FollowUpTask, "assigned_to"),
        column_label(FollowUpTask, "organisation"),
        column_label(FollowUpTask, "done_on"),
        _("Contact date"),
        _("Contact kind"),
    ]
    rows = [
        [
            task.title,
            task.due_on,
            task.assigned_to.get_full_name() if task.assigned_to else "",
            task.organisation.name if task.organisation else "",
            task.done_on or "",
            task.personal_contact.date if task.personal_contact else "",
            str(task.personal_contact.get_kind_display()) if task.personal_contact else "",
        ]
        for task in tasks.iterator(chunk_size=2000)
    ]
    return write_table(headers, rows, file_format)


@role_required(*EDIT_ROLES)
def task_new(request: HttpRequest, cluster_slug: str) -> HttpResponse:
    form = TaskForm(request.POST or None, cluster=request.cluster, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            task = task_create(
                cluster=request.cluster,
                actor=request.user,
                title=form.cleaned_data["title"],
                due_on=form.cleaned_data["due_on"],
                assignee=form.cleaned_data["assignee"],
                organisation=form.cleaned_data.get("organisation"),
            )
        except DomainError as error:
            apply_error(form, error)
        else:
            messages.success(request, _("The task “%(title)s” was added.") % {"title": task})
            return redirect("engagement:my_tasks", cluster_slug=cluster_slug)
    return render(request, "engagement/contacts/task_form.html", {"form": form})


def _task_answer(request: HttpRequest, task: FollowUpTask, message: str) -> HttpResponse:
    if request.htmx:
        task = (
            FollowUpTask.objects.for_cluster(request.cluster)
            .select_related("organisation", "assigned_to", "personal_contact")
            .get(pk=task.pk)
        )
        return render(
            request,
            "engagement/contacts/_task_row.html",
            {
                "task": task,
                "today": timezone.localdate(),
                "can_edit": True,
                "show": request.POST.get("show", "mine"),
            },
        )
    messages.success(request, message)
    url = reverse("engagement:my_tasks", args=[request.cluster.slug])
    return redirect(f"{url}?show={'team' if request.POST.get('show') == 'team' else 'mine'}")


@role_required(*EDIT_ROLES)
@require_POST
def task_done(request: HttpRequest, cluster_slug: str, pk: int) -> HttpResponse:
    task = get_object_or_404(FollowUpTask.objects.for_cluster(request.cluster), pk=pk)
    task_complete(task=task, actor=request.user)
    return _task_answer(request, task, _("“%(title)s” is done.") % {"title": task})


@role_required(*EDIT_ROLES)
@require_POST
def task_reopen_view(request: HttpRequest, cluster_slug: str, pk: int) -> HttpResponse:
    task = get_object_or_404(FollowUpTask.objects.for_cluster(request.cluster), pk=pk)
    task_reopen(task=task, actor=request.user)
    return _task_answer(request, task, _("“%(title)s” is open again.") % {"title": task})


# --------------------------------------------------------------------------- import


@role_required(*EDIT_ROLES)
def contact_import(request: HttpRequest, cluster_slug: str) -> HttpResponse:
    form = ContactImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            name = upload_save(cluster=request.cluster, upload=upload)
        except DomainError as error:
            apply_error(form, error)
        else:
            url = reverse("engagement:contact_import_preview", args=[cluster_slug, name])
            return redirect(f"{url}?{_file_query(upload.name)}")
    return render(request, "engagement/contacts/import_index.html", {"form": form})


def _file_query(original: str) -> str:
    return urlencode({"file": original[:120]})


@role_required(*EDIT_ROLES)
def contact_import_preview(request: HttpRequest, cluster_slug: str, upload: str) -> HttpResponse:
    content = upload_read(cluster=request.cluster, name=upload)
    if content is None:
        raise Http404
    plan = build_plan(request.cluster, request.user, content, upload)
    show = request.GET.get("show", "")
    rows = plan.rows
    if show in ACTIONS:
        rows = [row for row in rows if row.action == show]
    elif plan.counts["rejected"]:
        rows = sorted(rows, key=lambda row: row.action != "rejected")
    unmatched = Counter(address for row in plan.rows for address in row.unmatched_addresses)
    page = Paginator(rows, PREVIEW_PAGE_SIZE).get_page(request.GET.get("page"))
    original = request.GET.get("file", "")
    return render(
        request,
        "engagement/contacts/import_preview.html",
        {
            "plan": plan,
            "counts": plan.counts,
            "contacts_to_add": len(plan.drafts),
            "page": page,
            "show": show,
            "actions": ACTIONS,
            "upload": upload,
            "original": original,
            "file_query": _file_query(original),
            "unmatched": unmatched.most_common(15),
        },
    )


@role_required(*EDIT_ROLES)
@require_POST
def contact_import_apply_view(request: HttpRequest, cluster_slug: str, upload: str) -> HttpResponse:
    if upload_read(cluster=request.cluster, name=upload) is None:
        raise Http404
    try:
        added = contact_import_apply(cluster=request.cluster, actor=request.user, upload=upload)
    except DomainError as error:
        messages.error(request, error.message)
        url = reverse("engagement:contact_import_preview", args=[cluster_slug, upload])
        return redirect(f"{url}?{_file_query(request.POST.get('file', ''))}")
    if added:
        messages.success(
            request,
            ngettext(
                "Import applied: %(count)s contact added to the log.",
                "Import applied: %(count)s contacts added to the log.",
                added,
            )
            % {"count": added},
        )
    else:
        messages.info(request, _("The log already holds every contact of this file."))
    return redirect("engagement:contacts", cluster_slug=cluster_slug)
