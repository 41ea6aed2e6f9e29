"""The cluster organisation's money: each year's budget by source, planned and actual, and the
funding commitments that secure it ahead.

The indicator helpers at the top take plain numbers and dates, so they are tested without a
database; the reads and writes below call them. The thresholds shown beside the figures are the
defaults of the SPEC's framework (C1, C2, C3); an assessment reads its own from the framework
file.

It also holds what the organisation pages share (the status words, a share as a percentage),
used by ``strategy`` and ``recognition`` too.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_DOWN, Decimal
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from clusterdesk.engagement.models import BudgetLine, FundingCommitment, FundingSource
from clusterdesk.engagement.models.organisation import PRIVATE_SOURCES
from clusterdesk.engagement.rules import period_problems
from clusterdesk.lib.errors import raise_first
from clusterdesk.lib.periods import (  # C1's rule lives with the calendar arithmetic
    months_secured_ahead as months_secured_ahead,
)
from clusterdesk.lib.periods import secured_until as secured_until
from clusterdesk.tenancy.audit import audit_entry, diff, snapshot
from clusterdesk.tenancy.models import AuditAction, AuditEntry, Cluster

from .records import merged_values, record_create, record_delete, record_update

# --------------------------------------------------------------------------- shared helpers

# The verdict of an indicator, as shown beside its figure.
EXCELLENT, MET, NOT_MET, UNKNOWN = "excellent", "met", "not_met", "unknown"


def share_percent(share: Decimal | None) -> Decimal | None:
    """A share (0–1) as a percentage with one decimal, rounded down, so that "20.0 %" is never
    shown for a share that is not more than 20 %."""
    if share is None:
        return None
    return (share * 100).quantize(Decimal("0.1"), rounding=ROUND_DOWN)


# --------------------------------------------------------------------------- indicators

C1_MET_MONTHS = 24
C2_MET_SHARE = Decimal("0.20")
C2_EXCELLENT_SHARE = Decimal("0.50")
C3_MET_KINDS = 3


def private_share(actual_by_source: Mapping[str, Decimal | None]) -> Decimal | None:
    """C2: the private sources' part (0–1) of the actual budget; None while no actual amount
    is known or the actual budget is zero."""
    known = {source: amount for source, amount in actual_by_source.items() if amount is not None}
    total = sum(known.values(), Decimal(0))
    if not known or total <= 0:
        return None
    private = sum(
        (amount for source, amount in known.items() if source in PRIVATE_SOURCES), Decimal(0)
    )
    return private / total


def source_kinds(actual_by_source: Mapping[str, Decimal | None]) -> int | None:
    """C3: how many distinct kinds of source brought money (an actual amount above zero);
    None while no actual amount is known."""
    known = [amount for amount in actual_by_source.values() if amount is not None]
    if not known:
        return None
    return sum(1 for amount in known if amount > 0)


def months_secured_status(months: int) -> str:
    return MET if months >= C1_MET_MONTHS else NOT_MET


def private_share_status(share: Decimal | None) -> str:
    if share is None:
        return UNKNOWN
    if share > C2_EXCELLENT_SHARE:
        return EXCELLENT
    return MET if share > C2_MET_SHARE else NOT_MET


def source_kinds_status(kinds: int | None) -> str:
    if kinds is None:
        return UNKNOWN
    return MET if kinds >= C3_MET_KINDS else NOT_MET


def last_closed_year(today: date) -> int:
    """The last calendar year that has ended: the year C2 and C3 are about."""
    return today.year - 1


# --------------------------------------------------------------------------- rules

FIRST_BUDGET_YEAR = 1990
YEARS_AHEAD = 10
MAX_AMOUNT = Decimal("9999999999.99")  # what the budget columns hold


def budget_year_problems(year: int, *, today: date) -> list[tuple[str, str]]:
    if not FIRST_BUDGET_YEAR <= year <= today.year + YEARS_AHEAD:
        return [
            (
                "year",
                _("Give a year between %(first)s and %(last)s.")
                % {"first": FIRST_BUDGET_YEAR, "last": today.year + YEARS_AHEAD},
            )
        ]
    return []


def _amount_problem(amount: Decimal | None, *, negative: str) -> str | None:
    if amount is None:
        return None
    if amount < 0:
        return negative
    if amount > MAX_AMOUNT:
        return _("This amount is too large; give it in euros, e.g. 125000.")
    return None


def budget_line_problems(
    source: str, planned: Decimal | None, actual: Decimal | None
) -> list[tuple[str, str]]:
    """One row of a year's budget. Fields are named ``planned_<source>`` and
    ``actual_<source>``, as in the budget grid."""
    if source not in FundingSource.values:
        return [("source", _("“%(source)s” is not a kind of funding source.") % {"source": source})]
    problems = []
    planned_problem = _amount_problem(planned, negative=_("The planned amount cannot be negative."))
    if planned_problem:
        problems.append((f"planned_{source}", planned_problem))
    actual_problem = _amount_problem(actual, negative=_("The actual amount cannot be negative."))
    if actual_problem:
        problems.append((f"actual_{source}", actual_problem))
    return problems


COMMITMENT_FIELDS = ["funder", "source", "amount", "starts_on", "runs_to", "document"]


def commitment_problems(data: Mapping[str, Any]) -> list[tuple[str, str]]:
    problems: list[tuple[str, str]] = []
    if not (data.get("funder") or "").strip():
        problems.append(("funder", _("Say who committed the money.")))
    if data.get("source") not in FundingSource.values:
        problems.append(("source", _("Choose the kind of source.")))
    problem = _amount_problem(data.get("amount"), negative=_("The amount cannot be negative."))
    if problem:
        problems.append(("amount", problem))
    problems += period_problems(
        data.get("starts_on"), data.get("runs_to"), start_field="starts_on", end_field="runs_to"
    )
    return problems


# --------------------------------------------------------------------------- income kept elsewhere

# A source whose income another record keeps: the service portfolio registers the fees
# invoiced in its delivery log as the "Service fees" (clusterdesk.services.apps). The budget's
# actual amount for such a source is what was typed for it outside that record plus the
# record's sum, so it is never less than that sum; the record keeps it in step as it changes.


@dataclass(frozen=True)
class _IncomeRecord:
    amount_of: Callable[[Cluster, int], Decimal]  # the record's sum for a cluster and year
    url_name: str  # the record's page, reversed with the cluster's slug


@dataclass(frozen=True)
class LoggedAmount:
    """A year's income of one source as another record keeps it."""

    amount: Decimal
    url: str


_INCOME_RECORDS: dict[str, _IncomeRecord] = {}


def logged_income_register(
    source: str, amount_of: Callable[[Cluster, int], Decimal], url_name: str
) -> None:
    _INCOME_RECORDS[source] = _IncomeRecord(amount_of, url_name)


def logged_income(cluster: Cluster, year: int) -> dict[str, LoggedAmount]:
    """The year's amounts that other records keep, by source (those above zero only)."""
    logged = {}
    for source, record in _INCOME_RECORDS.items():
        amount = record.amount_of(cluster, year)
        if amount:
            url = reverse(record.url_name, kwargs={"cluster_slug": cluster.slug})
            logged[source] = LoggedAmount(amount, f"{url}?year={year}")
    return logged


def logged_income_problems(
    amounts: Mapping[str, tuple[Decimal | None, Decimal | None]],
    logged: Mapping[str, LoggedAmount],
    *,
    year: int,
) -> list[tuple[str, str]]:
    """A source whose income another record keeps has an actual amount of at least that."""
    problems = []
    for source, entry in logged.items():
        _planned, actual = amounts.get(source, (None, None))
        if actual is None or actual < entry.amount:
            problems.append(
                (
                    f"actual_{source}",
                    _(
                        "The delivery log records %(amount)s € of fees invoiced in %(year)s: "
                        "the actual amount cannot be less. Change the deliveries, or give here "
                        "what was invoiced outside the log on top of it."
                    )
                    % {
                        "amount": number_format(entry.amount, decimal_pos=2, force_grouping=True),
                        "year": year,
                    },
                )
            )
    return problems


# --------------------------------------------------------------------------- reads


@dataclass
class YearSummary:
    year: int
    planned: dict[str, Decimal] = field(default_factory=dict)
    actual: dict[str, Decimal | None] = field(default_factory=dict)
    logged: dict[str, LoggedAmount] = field(default_factory=dict)  # set by the page that shows it

    @property
    def planned_total(self) -> Decimal:
        return sum(self.planned.values(), Decimal(0))

    @property
    def actual_total(self) -> Decimal | None:
        known = [amount for amount in self.actual.values() if amount is not None]
        return sum(known, Decimal(0)) if known else None

    @property
    def actual_complete(self) -> bool:
        """Every source with a line has its actual amount."""
        return bool(self.actual) and all(amount is not None for amount in self.actual.values())

    @property
    def private_share(self) -> Decimal | None:
        return private_share(self.actual)

    @property
    def private_percent(self) -> Decimal | None:
        return share_percent(self.private_share)

    @property
    def source_kinds(self) -> int | None:
        return source_kinds(self.actual)

    @property
    def private_share_status(self) -> str:
        return private_share_status(self.private_share)

    @property
    def source_kinds_status(self) -> str:
        return source_kinds_status(self.source_kinds)

    @property
    def is_empty(self) -> bool:
        return not self.planned

    def rows(self) -> list[dict[str, Any]]:
        """One row per kind of source, in the usual order, with its planned and actual amounts."""
        return [
            {
                "source": source,
                "label": label,
                "planned": self.planned.get(source),
                "actual": self.actual.get(source),
                "private": source in PRIVATE_SOURCES,
                "logged": self.logged.get(source),
            }
            for source, label in FundingSource.choices
        ]


def budget_summaries(cluster: Cluster) -> dict[int, YearSummary]:
    """Every year's budget of the cluster, newest first (one query: a year has ten lines)."""
    summaries: dict[int, YearSummary] = {}
    lines = (
        BudgetLine.objects.for_cluster(cluster)
        .order_by("-year", "source")
        .values_list("year", "source", "planned", "actual")
    )
    for year, source, planned, actual in lines:
        summary = summaries.setdefault(year, YearSummary(year))
        summary.planned[source] = planned
        summary.actual[source] = actual
    return summaries


def budget_lines_of_year(cluster: Cluster, year: int) -> dict[str, BudgetLine]:
    return {line.source: line for line in BudgetLine.objects.for_cluster(cluster).filter(year=year)}


@dataclass
class CommitmentCover:
    months: int
    until: date | None
    running: int  # commitments running today

    @property
    def status(self) -> str:
        return months_secured_status(self.months)


def commitment_cover(cluster: Cluster, *, today: date) -> CommitmentCover:
    periods = list(
        FundingCommitment.objects.for_cluster(cluster)
        .filter(runs_to__gte=today)
        .values_list("starts_on", "runs_to")
    )
    return CommitmentCover(
        months=months_secured_ahead(periods, today=today),
        until=secured_until(periods, today=today),
        running=sum(1 for starts_on, runs_to in periods if starts_on <= today <= runs_to),
    )


def budget_export_rows(cluster: Cluster) -> tuple[list[str], list[list[Any]]]:
    headers = [
        _("Year"),
        _("Source"),
        _("Private source"),
        _("Planned (€)"),
        _("Actual (€)"),
    ]
    labels = dict(FundingSource.choices)
    rows = [
        [
            line.year,
            str(labels.get(line.source, line.source)),
            _("yes") if line.source in PRIVATE_SOURCES else _("no"),
            line.planned,
            "" if line.actual is None else line.actual,
        ]
        for line in BudgetLine.objects.for_cluster(cluster).order_by("-year", "source")
    ]
    return headers, rows


# --------------------------------------------------------------------------- writes

BUDGET_FIELDS = ["year", "source", "planned", "actual"]


def budget_year_replace(
    *,
    cluster: Cluster,
    actor: Any,
    year: int,
    amounts: Mapping[str, tuple[Decimal | None, Decimal | None]],
    today: date | None = None,
    source: str = "web",
) -> list[BudgetLine]:
    """Replace a year's budget with these (planned, actual) amounts by source, all or nothing.

    A source left out, or with no planned amount and no actual one, has no line. A blank
    planned amount counts as zero; a blank actual amount means it is not known yet. A source
    whose income another record keeps (the service fees of the delivery log) needs an actual
    amount of at least that record's sum.
    """
    today = today or timezone.localdate()
    raise_first(budget_year_problems(year, today=today))
    for kind, (planned, actual) in amounts.items():
        raise_first(budget_line_problems(kind, planned, actual))
    raise_first(logged_income_problems(amounts, logged_income(cluster, year), year=year))
    wanted = {
        kind: (planned or Decimal(0), actual)
        for kind, (planned, actual) in amounts.items()
        if planned or actual is not None
    }
    with transaction.atomic():
        existing = {
            line.source: line
            for line in BudgetLine.objects.for_cluster(cluster)
            .select_for_update()
            .filter(year=year)
        }
        entries: list[AuditEntry] = []
        for kind, line in existing.items():
            if kind not in wanted:
                entries.append(_budget_entry(cluster, actor, AuditAction.DELETED, line, source))
        BudgetLine.objects.for_cluster(cluster).filter(year=year).delete()
        lines = BudgetLine.objects.bulk_create(
            BudgetLine(cluster=cluster, year=year, source=kind, planned=planned, actual=actual)
            for kind, (planned, actual) in wanted.items()
        )
        if lines and lines[0].pk is None:  # a database that does not return new keys
            lines = list(BudgetLine.objects.for_cluster(cluster).filter(year=year))
        for line in lines:
            before = existing.get(line.source)
            changes = diff(
                snapshot(before, BUDGET_FIELDS) if before else {}, snapshot(line, BUDGET_FIELDS)
            )
            if changes:
                action = AuditAction.CHANGED if before else AuditAction.CREATED
                entry = _budget_entry(cluster, actor, action, line, source)
                entry.changes = changes
                entries.append(entry)
        AuditEntry.objects.bulk_create(entries)
    return sorted(lines, key=lambda line: FundingSource.values.index(line.source))


def _budget_entry(
    cluster: Cluster, actor: Any, action: str, line: BudgetLine, source: str
) -> AuditEntry:
    return audit_entry(cluster=cluster, actor=actor, action=action, instance=line, source=source)


def _clean_commitment(data: Mapping[str, Any]) -> dict[str, Any]:
    cleaned = {name: data[name] for name in COMMITMENT_FIELDS if name in data}
    if "funder" in cleaned:
        cleaned["funder"] = (cleaned["funder"] or "").strip()
    return cleaned


def commitment_create(
    *, cluster: Cluster, actor: Any, data: Mapping[str, Any], source: str = "web"
) -> FundingCommitment:
    cleaned = _clean_commitment(data)
    raise_first(commitment_problems(cleaned))
    return record_create(
        model=FundingCommitment,
        cluster=cluster,
        actor=actor,
        data=cleaned,
        fields=COMMITMENT_FIELDS,
        source=source,
    )


def commitment_update(
    *, commitment: FundingCommitment, actor: Any, data: Mapping[str, Any], source: str = "web"
) -> FundingCommitment:
    cleaned = _clean_commitment(data)
    raise_first(commitment_problems(merged_values(commitment, cleaned, COMMITMENT_FIELDS)))
    return record_update(
        instance=commitment, actor=actor, data=cleaned, fields=COMMITMENT_FIELDS, source=source
    )


def commitment_delete(*, commitment: FundingCommitment, actor: Any, source: str = "web") -> None:
    record_delete(instance=commitment, actor=actor, source=source)
