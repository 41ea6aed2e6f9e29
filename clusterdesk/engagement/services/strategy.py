"""The written strategy and its implementation plan: actions with a measurable target, a
budget, an owner and a due date.

The indicator helpers at the top take plain numbers (D1, D2, D3); the reads and writes below
call them. Thresholds are the SPEC framework's defaults, shown beside the figures.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Count, F, Max, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from clusterdesk.engagement.models import PlanAction, PlanActionStatus, StrategyDocument
from clusterdesk.engagement.rules import not_in_future
from clusterdesk.lib.errors import raise_first
from clusterdesk.lib.periods import whole_months_between
from clusterdesk.tenancy.access import EDIT_ROLES
from clusterdesk.tenancy.models import Cluster, Membership

from .finance import (
    EXCELLENT,
    MET,
    NOT_MET,
    UNKNOWN,
    budget_year_problems,
    share_percent,
)
from .records import merged_values, record_create, record_delete, record_update

# --------------------------------------------------------------------------- indicators

D1_MET_MONTHS = 24
D1_EXCELLENT_MONTHS = 12
D2_MET_SHARE = Decimal("0.80")
D3_MET_SHARE = Decimal("0.80")


def months_since_update(updated_on: date | None, *, today: date) -> int | None:
    """D1: whole months from the strategy's last update to today (None: no strategy)."""
    if updated_on is None:
        return None
    return whole_months_between(updated_on, today)


def strategy_age_status(months: int | None) -> str:
    if months is None:
        return UNKNOWN
    if months <= D1_EXCELLENT_MONTHS:
        return EXCELLENT
    return MET if months <= D1_MET_MONTHS else NOT_MET


def measurable_share(measurable: int, total: int) -> Decimal | None:
    """D2: the share (0–1) of a plan's actions with an indicator, a target value and a budget;
    None for a plan without actions."""
    if total <= 0:
        return None
    return Decimal(measurable) / Decimal(total)


def measurable_status(share: Decimal | None) -> str:
    if share is None:
        return UNKNOWN
    return MET if share >= D2_MET_SHARE else NOT_MET


def achieved_share(achieved: int, with_target: int) -> Decimal | None:
    """D3: the share (0–1) of a plan's targets that were achieved (achieved value at or above
    the target value), out of every action that had a target — a cancelled one included, as
    its target was not achieved. None when no action had a target."""
    if with_target <= 0:
        return None
    return Decimal(achieved) / Decimal(with_target)


def achieved_status(share: Decimal | None) -> str:
    if share is None:
        return UNKNOWN
    return MET if share > D3_MET_SHARE else NOT_MET


# --------------------------------------------------------------------------- rules

DOCUMENT_FIELDS = ["title", "document", "adopted_on", "updated_on"]
ACTION_FIELDS = [
    "year",
    "title",
    "indicator",
    "target_value",
    "unit",
    "budget",
    "owner",
    "due_on",
    "status",
    "achieved_value",
]
TEXT_FIELDS = ("title", "indicator", "unit")


def document_problems(data: Mapping[str, Any], *, today: date) -> list[tuple[str, str]]:
    problems: list[tuple[str, str]] = []
    if not (data.get("title") or "").strip():
        problems.append(("title", _("Give the document a title.")))
    adopted, updated = data.get("adopted_on"), data.get("updated_on")
    problems += not_in_future(adopted, "adopted_on", today=today)
    problems += not_in_future(updated, "updated_on", today=today)
    if adopted and updated and updated < adopted:
        problems.append(("updated_on", _("The last update is before the adoption.")))
    return problems


def action_problems(data: Mapping[str, Any], *, today: date) -> list[tuple[str, str]]:
    problems: list[tuple[str, str]] = []
    year = data.get("year")
    if year is None:
        problems.append(("year", _("Give the plan year.")))
    else:
        problems += budget_year_problems(year, today=today)
    if not (data.get("title") or "").strip():
        problems.append(("title", _("Say what the action is.")))
    budget = data.get("budget")
    if budget is not None and budget < 0:
        problems.append(("budget", _("The budget cannot be negative.")))
    if data.get("status") and data["status"] not in PlanActionStatus.values:
        problems.append(("status", _("Choose a status.")))
    due = data.get("due_on")
    if due and year and due.year != year:
        problems.append(("due_on", _("The due date is not in the plan year.")))
    if data.get("achieved_value") is not None and data.get("target_value") is None:
        problems.append(
            ("achieved_value", _("An achieved value needs a target value to compare with."))
        )
    return problems


def owner_problems(cluster: Cluster, owner: Any) -> list[tuple[str, str]]:
    if owner is None:
        return []
    is_team = (
        Membership.objects.for_cluster(cluster)
        .filter(user_id=owner.pk, role__in=EDIT_ROLES)
        .exists()
    )
    if not is_team:
        return [("owner", _("Choose the owner among the cluster's managers and staff."))]
    return []


def plan_owners(cluster: Cluster) -> Any:
    """The people who may own an action: the cluster's managers and staff."""
    team = Membership.objects.for_cluster(cluster).filter(role__in=EDIT_ROLES).values("user_id")
    return get_user_model().objects.filter(pk__in=team).order_by("full_name", "email")


# --------------------------------------------------------------------------- reads


@dataclass
class PlanSummary:
    year: int
    actions: int
    measurable: int
    with_target: int
    achieved: int
    budget: Decimal
    done: int

    @property
    def measurable_share(self) -> Decimal | None:
        return measurable_share(self.measurable, self.actions)

    @property
    def measurable_percent(self) -> Decimal | None:
        return share_percent(self.measurable_share)

    @property
    def measurable_status(self) -> str:
        return measurable_status(self.measurable_share)

    @property
    def achieved_share(self) -> Decimal | None:
        return achieved_share(self.achieved, self.with_target)

    @property
    def achieved_percent(self) -> Decimal | None:
        return share_percent(self.achieved_share)

    @property
    def achieved_status(self) -> str:
        return achieved_status(self.achieved_share)


MEASURABLE = ~Q(indicator="") & Q(target_value__isnull=False) & Q(budget__isnull=False)
ACHIEVED = (
    Q(target_value__isnull=False)
    & Q(achieved_value__isnull=False)
    & Q(achieved_value__gte=F("target_value"))
)


def plan_summary(cluster: Cluster, year: int) -> PlanSummary:
    """The plan of one year counted by the database, in one query."""
    totals = (
        PlanAction.objects.for_cluster(cluster)
        .filter(year=year)
        .aggregate(
            actions=Count("id"),
            measurable=Count("id", filter=MEASURABLE),
            with_target=Count("id", filter=Q(target_value__isnull=False)),
            achieved=Count("id", filter=ACHIEVED),
            done=Count("id", filter=Q(status=PlanActionStatus.DONE)),
            budget=Sum("budget"),
        )
    )
    totals["budget"] = totals["budget"] or Decimal(0)
    return PlanSummary(year=year, **totals)


def plan_years(cluster: Cluster) -> list[int]:
    return list(
        PlanAction.objects.for_cluster(cluster)
        .order_by("-year")
        .values_list("year", flat=True)
        .distinct()
    )


def plan_actions(cluster: Cluster, year: int) -> Any:
    return (
        PlanAction.objects.for_cluster(cluster)
        .filter(year=year)
        .select_related("owner")
        .order_by(F("due_on").asc(nulls_last=True), "id")
    )


def latest_strategy_update(cluster: Cluster) -> date | None:
    return StrategyDocument.objects.for_cluster(cluster).aggregate(latest=Max("updated_on"))[
        "latest"
    ]


def plan_export_rows(cluster: Cluster, year: int) -> tuple[list[str], list[list[Any]]]:
    headers = [
        _("Plan year"),
        _("Action"),
        _("Indicator"),
        _("Target value"),
        _("Unit"),
        _("Budget (€)"),
        _("Owner"),
        _("Due on"),
        _("Status"),
        _("Achieved value"),
        _("Target achieved"),
        _("Measurable with a budget"),
    ]
    yes, no = _("yes"), _("no")
    rows = []
    for action in plan_actions(cluster, year):
        achieved = action.target_achieved
        rows.append(
            [
                action.year,
                action.title,
                action.indicator,
                _blank(action.target_value),
                action.unit,
                _blank(action.budget),
                action.owner.get_full_name() if action.owner else "",
                action.due_on or "",
                str(action.get_status_display()),
                _blank(action.achieved_value),
                "" if achieved is None else (yes if achieved else no),
                yes if action.is_measurable else no,
            ]
        )
    return headers, rows


def _blank(value: Any) -> Any:
    return "" if value is None else value


# --------------------------------------------------------------------------- writes


def _clean(data: Mapping[str, Any], fields: list[str]) -> dict[str, Any]:
    cleaned = {name: data[name] for name in fields if name in data}
    for name in TEXT_FIELDS:
        if name in cleaned:
            cleaned[name] = (cleaned[name] or "").strip()
    return cleaned


def strategy_document_create(
    *, cluster: Cluster, actor: Any, data: Mapping[str, Any], source: str = "web"
) -> StrategyDocument:
    cleaned = _clean(data, DOCUMENT_FIELDS)
    raise_first(document_problems(cleaned, today=timezone.localdate()))
    return record_create(
        model=StrategyDocument,
        cluster=cluster,
        actor=actor,
        data=cleaned,
        fields=DOCUMENT_FIELDS,
        source=source,
    )


def strategy_document_update(
    *, document: StrategyDocument, actor: Any, data: Mapping[str, Any], source: str = "web"
) -> StrategyDocument:
    cleaned = _clean(data, DOCUMENT_FIELDS)
    merged = merged_values(document, cleaned, DOCUMENT_FIELDS)
    raise_first(document_problems(merged, today=timezone.localdate()))
    return record_update(
        instance=document, actor=actor, data=cleaned, fields=DOCUMENT_FIELDS, source=source
    )


def strategy_document_delete(
    *, document: StrategyDocument, actor: Any, source: str = "web"
) -> None:
    record_delete(instance=document, actor=actor, source=source)


def _check_action(cluster: Cluster, data: Mapping[str, Any]) -> None:
    raise_first(action_problems(data, today=timezone.localdate()))
    raise_first(owner_problems(cluster, data.get("owner")))


def plan_action_create(
    *, cluster: Cluster, actor: Any, data: Mapping[str, Any], source: str = "web"
) -> PlanAction:
    cleaned = _clean(data, ACTION_FIELDS)
    cleaned.setdefault("status", PlanActionStatus.PLANNED)
    _check_action(cluster, cleaned)
    return record_create(
        model=PlanAction,
        cluster=cluster,
        actor=actor,
        data=cleaned,
        fields=ACTION_FIELDS,
        source=source,
    )


def plan_action_update(
    *, action: PlanAction, actor: Any, data: Mapping[str, Any], source: str = "web"
) -> PlanAction:
    cleaned = _clean(data, ACTION_FIELDS)
    merged = merged_values(action, cleaned, ACTION_FIELDS)
    if "owner" not in cleaned:
        merged.pop("owner")  # the stored owner was checked when it was chosen
    _check_action(action.cluster, merged)
    return record_update(
        instance=action, actor=actor, data=cleaned, fields=ACTION_FIELDS, source=source
    )


def plan_action_delete(*, action: PlanAction, actor: Any, source: str = "web") -> None:
    record_delete(instance=action, actor=actor, source=source)
