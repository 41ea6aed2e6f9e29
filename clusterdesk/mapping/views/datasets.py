"""The cluster's mappings: the list with what the mapping does and sample files to try it, the
upload form, a dataset's page (progress while it is mapped, the report when it is refused,
the strong clusters by region once done), mapping again and deleting."""

from __future__ import annotations

import os
from typing import Any

from django.contrib import messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRefresh

from clusterdesk.engagement.views.common import apply_error, can_edit, confirm_delete
from clusterdesk.lib.errors import DomainError
from clusterdesk.tenancy.access import EDIT_ROLES, READ_ROLES, role_required

from .. import presentation, readers, samples, services
from ..engine import naics2012_classification
from ..exports import XLSX_MAX_ROWS
from ..forms import DatasetForm, StarThresholdsForm
from ..models import DatasetStatus, MappingDataset
from ..queries import dataset_for
from .common import cluster_url, page_of, region_url, selection_for

DATASETS_PAGE_SIZE = 25

SAMPLES = {
    "us-states-2016": samples.us_states_2016,
    "counties": samples.county_industries,
}
SAMPLE_PARTS = ("figures", "classification", "regions")
NAICS_COLUMNS = ["industry_code", "industry_name", "cluster_code", "cluster_name", "traded"]


def dataset_url(dataset: MappingDataset) -> str:
    return reverse("mapping:dataset", args=[dataset.cluster.slug, dataset.pk])


def _sample_cards(cluster_slug: str) -> list[dict[str, Any]]:
    cards = []
    for key, make in SAMPLES.items():
        sample = make()
        cards.append(
            {
                "key": key,
                "title": sample.title,
                "level": sample.level,
                "reference": sample.reference,
                "year": sample.year,
                "files": [
                    (
                        part,
                        getattr(sample, part).name,
                        reverse("mapping:sample_file", args=[cluster_slug, key, part]),
                    )
                    for part in SAMPLE_PARTS
                    if getattr(sample, part) is not None
                ],
            }
        )
    return cards


# --------------------------------------------------------------------------- the list


@role_required(*READ_ROLES)
def index(request: HttpRequest, cluster_slug: str) -> HttpResponse:
    datasets = (
        MappingDataset.objects.for_cluster(request.cluster)
        .select_related("created_by")
        .defer("report", "failure")
    )
    page = Paginator(datasets, DATASETS_PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [
        {
            "dataset": dataset,
            "badge": presentation.STATUS_BADGES.get(dataset.status, ""),
            "years": presentation.years_text((dataset.summary or {}).get("years") or []),
            "region_types": ", ".join(
                presentation.region_type_label(code, plural=True)
                for code in (dataset.summary or {}).get("region_types") or []
            ),
        }
        for dataset in page
    ]
    return render(
        request,
        "mapping/index.html",
        {
            "page": page,
            "rows": rows,
            "can_edit": can_edit(request),
            "samples": _sample_cards(cluster_slug),
        },
    )


# --------------------------------------------------------------------------- files to try it


@role_required(*READ_ROLES)
def sample_file(request: HttpRequest, cluster_slug: str, sample: str, part: str) -> HttpResponse:
    """A sample file, or the shipped NAICS 2012 classification in the upload's columns."""
    if sample == "naics2012" and part == "classification":
        content = naics2012_classification().select(NAICS_COLUMNS).write_csv().encode()
        name = "naics2012_clusters.csv"
    else:
        if sample not in SAMPLES or part not in SAMPLE_PARTS:
            raise Http404
        found = getattr(SAMPLES[sample](), part)
        if found is None:
            raise Http404
        content, name = found.content, found.name
    response = HttpResponse(content, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@role_required(*EDIT_ROLES)
@require_POST
def sample_map(request: HttpRequest, cluster_slug: str, sample: str) -> HttpResponse:
    """Map a sample as it is: what the upload form would do with its files."""
    if sample not in SAMPLES:
        raise Http404
    chosen = SAMPLES[sample]()

    def upload(file: samples.SampleFile | None) -> SimpleUploadedFile | None:
        return SimpleUploadedFile(file.name, file.content) if file else None

    dataset = services.dataset_create(
        cluster=request.cluster,
        actor=request.user,
        name=chosen.title,
        level=chosen.level,
        figures=upload(chosen.figures),
        regions=upload(chosen.regions),
        classification=upload(chosen.classification),
        reference=chosen.reference,
        year=chosen.year,
    )
    return redirect(dataset_url(dataset))


# --------------------------------------------------------------------------- upload


def _initial_from(request: HttpRequest) -> tuple[dict[str, Any], dict[str, Any]]:
    """``?from=<id>``: the settings of an earlier upload, to send corrected files."""
    try:
        earlier = dataset_for(request.cluster, int(request.GET.get("from", "")))
    except (ValueError, Http404):
        return {}, {}
    initial = {
        "name": earlier.name,
        "level": earlier.level,
        "reference": earlier.reference,
        "year": earlier.year,
    }
    return initial, earlier.parameters or {}


@role_required(*EDIT_ROLES)
def new(request: HttpRequest, cluster_slug: str) -> HttpResponse:
    initial, stored = _initial_from(request) if request.method == "GET" else ({}, {})
    form = DatasetForm(request.POST or None, request.FILES or None, initial=initial, stored=stored)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            dataset = services.dataset_create(
                cluster=request.cluster,
                actor=request.user,
                name=data["name"],
                level=data["level"],
                figures=data["figures_file"],
                classification=data["classification_file"] or None,
                regions=data["regions_file"],
                reference=data["reference"],
                year=data["year"],
                parameters=form.parameters(),
            )
        except DomainError as error:
            apply_error(form, error)
        else:
            return redirect(dataset_url(dataset))
    threshold_fields = [form[name] for name in StarThresholdsForm.base_fields]
    return render(
        request,
        "mapping/new.html",
        {
            "form": form,
            "main_fields": [
                field for field in form if field.name not in StarThresholdsForm.base_fields
            ],
            "threshold_fields": threshold_fields,
            "thresholds_open": any(field.errors for field in threshold_fields) or bool(stored),
            "naics_url": reverse(
                "mapping:sample_file", args=[cluster_slug, "naics2012", "classification"]
            ),
        },
        status=400 if form.errors else 200,
    )


# --------------------------------------------------------------------------- a dataset


def _progress_context(dataset: MappingDataset) -> dict[str, Any]:
    return {
        "dataset": dataset,
        "stage": presentation.stage_label(dataset.stage),
        "steps": presentation.stage_steps(dataset.stage),
        "queued": dataset.status == DatasetStatus.QUEUED,
    }


@role_required(*READ_ROLES)
def progress(request: HttpRequest, cluster_slug: str, pk: int) -> HttpResponse:
    """What the page polls while the mapping runs; once it is over, the whole page again."""
    dataset = dataset_for(request.cluster, pk)
    if not request.htmx:
        return redirect(dataset_url(dataset))
    if not dataset.is_working:
        return HttpResponseClientRefresh()
    return render(request, "mapping/_progress.html", _progress_context(dataset))


def _results_context(request: HttpRequest, dataset: MappingDataset) -> dict[str, Any]:
    selection = selection_for(request, dataset)
    if selection is None:
        return {"selection": None}
    search = request.GET.get("q", "").strip()[:100]
    ranking = readers.region_ranking(
        dataset, year=selection.year, region_type=selection.region_type
    )
    found = readers.searched(ranking, search)
    page = page_of(request, found)
    strongest = readers.strongest_clusters(
        dataset, year=selection.year, region_codes=[row["region_code"] for row in page]
    )
    cluster_query = selection.query()
    rows = [
        {
            **row,
            "strength": presentation.percent(row["cluster_strength"]),
            "strength_width": round(100 * (row["cluster_strength"] or 0)),
            "traded": presentation.whole(row["traded_employment"]),
            "growth": presentation.signed_percent(row["growth_rate"]),
            "growth_class": presentation.change_class(row["growth_rate"]),
            "url": region_url(dataset, row["region_code"], selection.year),
            "clusters": [
                {
                    "name": item["cluster_name"],
                    "lq": presentation.decimal(item["lq"]),
                    "top10": bool(item["strong10"]),
                    "url": cluster_url(dataset, item["cluster_code"], cluster_query),
                }
                for item in strongest.get(row["region_code"], [])
            ],
        }
        for row in page
    ]
    overview = readers.cluster_overview(
        dataset, year=selection.year, region_type=selection.region_type
    )
    clusters = [
        {
            **item,
            "url": cluster_url(dataset, item["cluster_code"], cluster_query),
            "top_url": (
                region_url(dataset, item["top_region_code"], selection.year)
                if item["top_region_code"]
                else ""
            ),
            "top_lq_text": presentation.decimal(item["top_lq"]),
            "reference_text": presentation.whole(item["reference_employment"]),
        }
        for item in overview
    ]
    traded = sum(1 for item in overview if item["traded"])
    counts = {
        "strong": sum(item["strong"] for item in overview if item["traded"]),
        "starred": sum(item["starred"] for item in overview),
    }
    return {
        "selection": selection,
        "search": search,
        "page": page,
        "rows": rows,
        "found": found.height,
        "query": selection.query(q=search),
        "counts": counts,
        "clusters": clusters,
        "traded_count": traded,
        "local_count": len(overview) - traded,
        "strong_share": presentation.percent(
            counts["strong"] / (traded * selection.regions)
            if traded and selection.regions
            else None
        ),
    }


def _export_links(dataset: MappingDataset, selection: Any) -> list[dict[str, Any]]:
    slug, pk = dataset.cluster.slug, dataset.pk
    rows = (dataset.summary or {}).get("rows") or 0

    def url(table: str, file_format: str, query: str = "") -> str:
        address = reverse("mapping:export", args=[slug, pk, table, file_format])
        return f"{address}?{query}" if query else address

    links = []
    if selection is not None:
        query = selection.query()
        links.append(
            {
                "label": _("Regional clusters, %(year)s, %(types)s")
                % {"year": selection.year, "types": selection.type_plural.lower()},
                "csv": url("clusters", "csv", query),
                "xlsx": url("clusters", "xlsx", query),
            }
        )
        links.append(
            {
                "label": _("Regions, %(year)s, %(types)s")
                % {"year": selection.year, "types": selection.type_plural.lower()},
                "csv": url("regions", "csv", query),
                "xlsx": url("regions", "xlsx", query),
            }
        )
    links.append(
        {
            "label": _("All regional clusters, every year and region type"),
            "csv": url("clusters", "csv"),
            "xlsx": url("clusters", "xlsx") if rows <= XLSX_MAX_ROWS else "",
        }
    )
    links.append(
        {
            "label": _("All regions, every year"),
            "csv": url("regions", "csv"),
            "xlsx": url("regions", "xlsx"),
        }
    )
    return links


@role_required(*READ_ROLES)
def dataset(request: HttpRequest, cluster_slug: str, pk: int) -> HttpResponse:
    dataset = dataset_for(request.cluster, pk)
    context: dict[str, Any] = {
        **_progress_context(dataset),
        "badge": presentation.STATUS_BADGES.get(dataset.status, ""),
        "can_edit": can_edit(request),
        "parameters": presentation.parameter_lines(dataset.parameters or {}),
        "years_text": presentation.years_text((dataset.summary or {}).get("years") or []),
        "figures_name": os.path.basename(dataset.figures_file.name or ""),
    }
    if dataset.status == DatasetStatus.INVALID:
        context["problems"] = presentation.problem_views(dataset.report, blocking=True)
    elif dataset.status == DatasetStatus.DONE:
        context.update(_results_context(request, dataset))
        context["warnings"] = presentation.problem_views(dataset.report, blocking=False)
        context["exports"] = _export_links(dataset, context.get("selection"))
        context["rerun_form"] = StarThresholdsForm(stored=dataset.parameters or {})
    return render(request, "mapping/dataset.html", context)


@role_required(*EDIT_ROLES)
def rerun(request: HttpRequest, cluster_slug: str, pk: int) -> HttpResponse:
    """Map the same files again: with other star thresholds from the form, or as they were
    (the "try again" of a failed mapping posts no thresholds)."""
    dataset = dataset_for(request.cluster, pk)
    form = StarThresholdsForm(
        request.POST if request.method == "POST" else None, stored=dataset.parameters or {}
    )
    if request.method == "POST":
        given = any(name in request.POST for name in StarThresholdsForm.base_fields)
        if not given or form.is_valid():
            try:
                services.dataset_rerun(
                    dataset=dataset,
                    actor=request.user,
                    parameters=form.parameters() if given else None,
                )
            except DomainError as error:
                if not given:
                    messages.error(request, error.message)
                    return redirect(dataset_url(dataset))
                apply_error(form, error)
            else:
                messages.success(request, _("The mapping runs again."))
                return redirect(dataset_url(dataset))
    return render(
        request,
        "mapping/rerun.html",
        {"dataset": dataset, "form": form},
        status=400 if form.errors else 200,
    )


@role_required(*EDIT_ROLES)
def delete(request: HttpRequest, cluster_slug: str, pk: int) -> HttpResponse:
    dataset = dataset_for(request.cluster, pk)
    return confirm_delete(
        request,
        dataset,
        delete=lambda: services.dataset_delete(dataset=dataset, actor=request.user),
        success=_("%(name)s was deleted.") % {"name": dataset.name},
        next_url=reverse("mapping:index", args=[cluster_slug]),
        cancel_url=dataset_url(dataset),
        consequence=_("Its files and its results are deleted with it."),
    )
