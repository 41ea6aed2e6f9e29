"""API v1: the cluster organisation's money (budget lines, funding commitments), strategy and
implementation plan, web presence and success stories.

Views are thin: each collection is stated once as a ``Ledger`` (see base.py), LedgerView
resolves the cluster and the role, a serializer checks types, and every write is one call of
the engagement services with ``source="api"``. Social channels are only added and deleted, as
on the pages.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from clusterdesk.engagement.models import BudgetLine, FundingSource
from clusterdesk.engagement.services import finance, recognition, strategy
from clusterdesk.lib.errors import DomainError
from clusterdesk.participants.models import Organisation

from .base import SOURCE, Ledger, LedgerDetail, LedgerList, LedgerRecords
from .fields import fields_renamed
from .serializers_organisation import (
    BudgetLineFilterSerializer,
    BudgetLineSerializer,
    FundingCommitmentSerializer,
    PlanActionFilterSerializer,
    PlanActionSerializer,
    SocialChannelSerializer,
    StrategyDocumentSerializer,
    SuccessStorySerializer,
    WebsiteSerializer,
)

# --------------------------------------------------------------------------- budget lines

# The budget grid names its fields per source; the API has one line's planned and actual.
BUDGET_GRID_FIELDS = {
    f"{amount}_{source}": amount
    for amount in ("planned", "actual")
    for source in FundingSource.values
}
Amounts = dict[str, tuple[Decimal | None, Decimal | None]]

BUDGET_LINES = Ledger(
    serializer=BudgetLineSerializer,
    tag="finance",
    plural="budget lines",
    noun="a budget line",
    filters=BudgetLineFilterSerializer,
    lookups={"year": "year"},
    change_description=(
        "A change writes the line's year anew through the budget service: the line comes "
        "back with a new id."
    ),
)


class BudgetLineRecords(LedgerRecords):
    def year_amounts(self, year: int) -> Amounts:
        lines = finance.budget_lines_of_year(self.cluster, year)
        return {source: (line.planned, line.actual) for source, line in lines.items()}

    def replace_year(self, year: int, amounts: Amounts) -> list[BudgetLine]:
        """Every write is a new version of the line's year, through the one budget service."""
        with fields_renamed(BUDGET_GRID_FIELDS):
            return finance.budget_year_replace(
                cluster=self.cluster,
                actor=self.request.user,
                year=year,
                amounts=amounts,
                source=SOURCE,
            )


def _line_amounts(planned: Decimal | None, actual: Decimal | None) -> tuple[Decimal, Any]:
    """A line holds a planned or an actual amount; with neither the year has no line."""
    if not planned and actual is None:
        raise DomainError(
            _("Give a planned or an actual amount; to remove a line, delete it."), "planned"
        )
    return planned or Decimal(0), actual


def _line_of(lines: list[BudgetLine], source: str) -> BudgetLine:
    return next(line for line in lines if line.source == source)


@BUDGET_LINES.list_view
class BudgetLineList(BudgetLineRecords, LedgerList):
    def create_record(self, data: dict[str, Any]) -> BudgetLine:
        year, source = data["year"], data["source"]
        amounts = self.year_amounts(year)
        if source in amounts:
            raise DomainError(
                _("This year already has a line for this source: change that line."),
                "source",
                code="duplicate",
            )
        amounts[source] = _line_amounts(data.get("planned"), data.get("actual"))
        return _line_of(self.replace_year(year, amounts), source)


@BUDGET_LINES.detail_view
class BudgetLineDetail(BudgetLineRecords, LedgerDetail):
    def update_record(self, instance: BudgetLine, data: dict[str, Any]) -> BudgetLine:
        amounts = self.year_amounts(instance.year)
        amounts[instance.source] = _line_amounts(
            data.get("planned", instance.planned), data.get("actual", instance.actual)
        )
        return _line_of(self.replace_year(instance.year, amounts), instance.source)

    def delete_record(self, instance: BudgetLine) -> None:
        amounts = self.year_amounts(instance.year)
        del amounts[instance.source]
        self.replace_year(instance.year, amounts)


# --------------------------------------------------------------------------- commitments

FundingCommitmentList, FundingCommitmentDetail = Ledger(
    serializer=FundingCommitmentSerializer,
    tag="finance",
    plural="funding commitments",
    noun="a funding commitment",
    record="commitment",
    create=finance.commitment_create,
    update=finance.commitment_update,
    delete=finance.commitment_delete,
).views()


# --------------------------------------------------------------------------- strategy and plan

StrategyDocumentList, StrategyDocumentDetail = Ledger(
    serializer=StrategyDocumentSerializer,
    tag="strategy",
    plural="strategy documents",
    noun="a strategy document",
    record="document",
    create=strategy.strategy_document_create,
    update=strategy.strategy_document_update,
    delete=strategy.strategy_document_delete,
).views()

PlanActionList, PlanActionDetail = Ledger(
    serializer=PlanActionSerializer,
    tag="strategy",
    plural="plan actions",
    noun="a plan action",
    record="action",
    create=strategy.plan_action_create,
    update=strategy.plan_action_update,
    delete=strategy.plan_action_delete,
    filters=PlanActionFilterSerializer,
    lookups={"year": "year"},
).views()


# --------------------------------------------------------------------------- recognition

WebsiteList, WebsiteDetail = Ledger(
    serializer=WebsiteSerializer,
    tag="recognition",
    plural="websites",
    noun="a website",
    record="site",
    create=recognition.web_presence_create,
    update=recognition.web_presence_update,
    delete=recognition.web_presence_delete,
).views()

SocialChannelList, SocialChannelDetail = Ledger(
    serializer=SocialChannelSerializer,
    tag="recognition",
    plural="social channels",
    noun="a social channel",
    record="channel",
    create=recognition.social_channel_create,
    delete=recognition.social_channel_delete,
).views()

SuccessStoryList, SuccessStoryDetail = Ledger(
    serializer=SuccessStorySerializer,
    tag="recognition",
    plural="success stories",
    noun="a success story",
    record="story",
    create=recognition.success_story_create,
    update=recognition.success_story_update,
    delete=recognition.success_story_delete,
    apart=("participants",),
    prefetch=lambda: (
        Prefetch("participants", queryset=Organisation.objects.only("pk").order_by("pk")),
    ),
).views()
