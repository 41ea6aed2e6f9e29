"""Finance: each year's budget by source, planned and actual; funding commitments."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from html import escape
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from clusterdesk.engagement.forms.finance import BudgetYearForm, CommitmentForm
from clusterdesk.engagement.models import FundingCommitment
from clusterdesk.engagement.services import finance
from clusterdesk.lib.tabular import write_table
from clusterdesk.tenancy.access import EDIT_ROLES, READ_ROLES, role_required

from .common import can_edit, confirm_delete, file_download, form_page, table_download

# --------------------------------------------------------------------------- shared by the pages


def year_or_404(year: int) -> int:
    if finance.budget_year_problems(year, today=timezone.localdate()):
        raise Http404
    return year


def year_param(value: str | None, default: int) -> int:
    """The ``?year=`` of a page: a sensible year, else the default."""
    try:
        year = int(value or default)
    except ValueError:
        return default
    if finance.budget_year_problems(year, today=timezone.localdate()):
        return default
    return year


# --------------------------------------------------------------------------- chart


@dataclass(frozen=True)
class PlannedActual:
    label: str
    planned: Decimal
    actual: Decimal | None


PLANNED_COLOUR = "#9cc3f5"
ACTUAL_COLOUR = "#0b5cad"


def _money(value: Decimal) -> str:
    return number_format(value, decimal_pos=0, use_l10n=True, force_grouping=True)


def planned_actual_chart_svg(
    rows: list[PlannedActual], *, title: str, chart_id: str, width: int = 360
) -> str:
    """Per row, its label above two bars, planned (light) and actual (dark), with their values.
    Labels above the bars keep the picture readable on a phone. Accessible: role=img, a title
    and a description with every figure."""
    label, bar, pair_gap, group_gap, legend = 16, 11, 2, 10, 22
    room = width - 96
    top = max([row.planned for row in rows] + [row.actual or 0 for row in rows] + [1])
    group = label + 2 * bar + pair_gap + group_gap
    height = legend + len(rows) * group
    not_known = _("not known yet")
    description = "; ".join(
        _("%(label)s: planned %(planned)s, actual %(actual)s")
        % {
            "label": row.label,
            "planned": _money(row.planned),
            "actual": not_known if row.actual is None else _money(row.actual),
        }
        for row in rows
    )
    parts = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" width="100%" role="img" '
        'style="max-height: none" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
        f'<rect x="0" y="4" width="12" height="12" rx="2" fill="{PLANNED_COLOUR}"/>'
        f'<text x="18" y="14" font-size="12" fill="currentColor">{escape(_("Planned"))}</text>'
        f'<rect x="100" y="4" width="12" height="12" rx="2" fill="{ACTUAL_COLOUR}"/>'
        f'<text x="118" y="14" font-size="12" fill="currentColor">{escape(_("Actual"))}</text>',
    ]
    for position, row in enumerate(rows):
        y = legend + position * group
        parts.append(
            f'<text x="0" y="{y + 12}" font-size="12" font-weight="600" fill="currentColor">'
            f"{escape(row.label)}</text>"
        )
        for offset, value, colour in (
            (label, row.planned, PLANNED_COLOUR),
            (label + bar + pair_gap, row.actual, ACTUAL_COLOUR),
        ):
            length = round(room * value / top) if value else 0
            text = not_known if value is None else _money(value)
            parts.append(
                f'<rect x="0" y="{y + offset}" width="{length}" height="{bar}" rx="2" '
                f'fill="{colour}"/>'
                f'<text x="{length + 5}" y="{y + offset + bar - 1}" font-size="11" '
                f'fill="currentColor">{escape(text)}</text>'
            )
    parts.append("</svg>")
    return "".join(parts)


# --------------------------------------------------------------------------- pages


@role_required(*READ_ROLES)
def finance_overview(request: HttpRequest, cluster_slug: str) -> HttpResponse:
    today = timezone.localdate()
    year = year_param(request.GET.get("year"), today.year)
    closed_year = finance.last_closed_year(today)
    summaries = finance.budget_summaries(request.cluster)
    chosen = summaries.get(year) or finance.YearSummary(year)
    chosen.logged = finance.logged_income(request.cluster, year)
    closed = summaries.get(closed_year) or finance.YearSummary(closed_year)
    years = sorted({*summaries, today.year, today.year + 1, year}, reverse=True)
    chart_rows = [
        PlannedActual(str(row["label"]), row["planned"] or Decimal(0), row["actual"])
        for row in chosen.rows()
        if row["planned"] or row["actual"]
    ]
    chart = (
        mark_safe(
            planned_actual_chart_svg(
                chart_rows,
                title=_("Budget %(year)s by source: planned and actual") % {"year": year},
                chart_id="budget-chart",
            )
        )
        if chart_rows
        else SafeString("")
    )
    commitments = FundingCommitment.objects.for_cluster(request.cluster).order_by(
        "-runs_to", "funder"
    )
    return render(
        request,
        "engagement/finance/overview.html",
        {
            "year": year,
            "years": years,
            "chosen": chosen,
            "closed": closed,
            "compare": [chosen] if year == closed_year else [chosen, closed],
            "history": list(summaries.values()),
            "chart": chart,
            "cover": finance.commitment_cover(request.cluster, today=today),
            "commitments": commitments,
            "today": today,
            "can_edit": can_edit(request),
            "thresholds": {
                "c1": finance.C1_MET_MONTHS,
                "c2": int(finance.C2_MET_SHARE * 100),
                "c2_excellent": int(finance.C2_EXCELLENT_SHARE * 100),
                "c3": finance.C3_MET_KINDS,
            },
        },
    )


def _finance_url(cluster_slug: str, year: int | None = None) -> str:
    url = reverse("engagement:finance", kwargs={"cluster_slug": cluster_slug})
    return f"{url}?year={year}" if year else url


@role_required(*EDIT_ROLES)
def budget_year_edit(request: HttpRequest, cluster_slug: str, year: int) -> HttpResponse:
    year = year_or_404(year)
    lines = finance.budget_lines_of_year(request.cluster, year)
    logged = finance.logged_income(request.cluster, year)
    form = BudgetYearForm(request.POST or None, year=year, lines=lines, logged=logged)
    return form_page(
        request,
        form,
        save=lambda: finance.budget_year_replace(
            cluster=request.cluster, actor=request.user, year=year, amounts=form.amounts()
        ),
        success=_("The %(year)s budget was saved.") % {"year": year},
        next_url=_finance_url(cluster_slug, year),
        context={
            "year": year,
            "title": _("Budget %(year)s") % {"year": year},
            "intro": _(
                "One row per kind of source, in euros. Leave the actual amount empty until it "
                "is known; leave both empty for a source that brings nothing."
            ),
            "crumbs": [(_("Finance"), _finance_url(cluster_slug, year))],
            "cancel_url": _finance_url(cluster_slug, year),
            "submit": _("Save the budget"),
        },
        template="engagement/finance/budget_form.html",
    )


def _commitment(request: HttpRequest, pk: int) -> FundingCommitment:
    return get_object_or_404(FundingCommitment.objects.for_cluster(request.cluster), pk=pk)


def _commitment_page(request: HttpRequest, title: str) -> dict[str, Any]:
    url = _finance_url(request.cluster.slug)
    return {
        "title": title,
        "intro": _(
            "Money promised for the coming months or years: a grant decision, a multi-year "
            "agreement, a sponsor's contract."
        ),
        "crumbs": [(_("Finance"), url)],
        "cancel_url": url,
        "multipart": True,
    }


@role_required(*EDIT_ROLES)
def commitment_new(request: HttpRequest, cluster_slug: str) -> HttpResponse:
    form = CommitmentForm(request.POST or None, request.FILES or None)
    return form_page(
        request,
        form,
        save=lambda: finance.commitment_create(
            cluster=request.cluster, actor=request.user, data=form.cleaned_data
        ),
        success=lambda commitment: (
            _("The commitment of %(funder)s was added.") % {"funder": commitment.funder}
        ),
        next_url=_finance_url(cluster_slug),
        context=_commitment_page(request, _("Add a funding commitment")),
    )


@role_required(*EDIT_ROLES)
def commitment_edit(request: HttpRequest, cluster_slug: str, pk: int) -> HttpResponse:
    commitment = _commitment(request, pk)
    form = CommitmentForm(request.POST or None, request.FILES or None, instance=commitment)
    return form_page(
        request,
        form,
        # The form's cleaning wrote onto the instance; the service starts from the stored row.
        save=lambda: finance.commitment_update(
            commitment=_commitment(request, pk), actor=request.user, data=form.cleaned_data
        ),
        success=_("The changes were saved."),
        next_url=_finance_url(cluster_slug),
        context=_commitment_page(
            request,
            _("Edit the commitment of %(name)s") % {"name": commitment.funder},
        ),
    )


@role_required(*EDIT_ROLES)
def commitment_delete(request: HttpRequest, cluster_slug: str, pk: int) -> HttpResponse:
    commitment = _commitment(request, pk)
    return confirm_delete(
        request,
        commitment,
        delete=lambda: finance.commitment_delete(commitment=commitment, actor=request.user),
        success=_("%(name)s was deleted.") % {"name": commitment},
        next_url=_finance_url(cluster_slug),
    )


@role_required(*READ_ROLES)
def commitment_document(request: HttpRequest, cluster_slug: str, pk: int) -> HttpResponse:
    return file_download(_commitment(request, pk).document)


@role_required(*READ_ROLES)
def budget_export(request: HttpRequest, cluster_slug: str, file_format: str) -> HttpResponse:
    return table_download(
        request,
        file_format,
        "budget",
        lambda: write_table(*finance.budget_export_rows(request.cluster), file_format),
    )
