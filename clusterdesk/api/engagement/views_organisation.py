"""API v1: the cluster organisation's money (budget lines, funding commitments), strategy and
implementation plan, web presence and success stories.

Views are thin: LedgerView resolves the cluster and the role, a serializer checks types, and
every write is one call of the engagement services with ``source="api"``. Social channels are
only added and deleted, as on the pages.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _

from clusterdesk.engagement.models import (
    BudgetLine,
    FundingCommitment,
    FundingSource,
    PlanAction,
    SocialChannel,
    StrategyDocument,
    SuccessStory,
    WebPresence,
)
from clusterdesk.engagement.services import finance, recognition, strategy
from clusterdesk.lib.errors import DomainError
from clusterdesk.participants.models import Organisation

from .base import (
    SOURCE,
    LedgerDetail,
    LedgerList,
    LedgerReadDelete,
    LedgerView,
    detail_schema,
    list_schema,
)
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


class BudgetLineRecords(LedgerView):
    model = BudgetLine
    serializer_class = BudgetLineSerializer

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


@list_schema(
    "finance",
    "budget lines",
    "a budget line",
    BudgetLineSerializer,
    filters=BudgetLineFilterSerializer,
)
class BudgetLineList(BudgetLineRecords, LedgerList):
    filter_serializer = BudgetLineFilterSerializer

    def filtered(self, rows: QuerySet, filters: dict[str, Any]) -> QuerySet:
        if "year" in filters:
            rows = rows.filter(year=filters["year"])
        return rows

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


@detail_schema(
    "finance",
    "a budget line",
    BudgetLineSerializer,
    description=(
        "A change writes the line's year anew through the budget service: the line comes "
        "back with a new id."
    ),
)
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


class CommitmentRecords(LedgerView):
    model = FundingCommitment
    serializer_class = FundingCommitmentSerializer

    def records(self) -> QuerySet[FundingCommitment]:
        return super().records().select_related("cluster")


@list_schema("finance", "funding commitments", "a funding commitment", FundingCommitmentSerializer)
class FundingCommitmentList(CommitmentRecords, LedgerList):
    def create_record(self, data: dict[str, Any]) -> FundingCommitment:
        return finance.commitment_create(
            cluster=self.cluster, actor=self.request.user, data=data, source=SOURCE
        )


@detail_schema("finance", "a funding commitment", FundingCommitmentSerializer)
class FundingCommitmentDetail(CommitmentRecords, LedgerDetail):
    def update_record(self, instance: FundingCommitment, data: dict[str, Any]) -> Any:
        return finance.commitment_update(
            commitment=instance, actor=self.request.user, data=data, source=SOURCE
        )

    def delete_record(self, instance: FundingCommitment) -> None:
        finance.commitment_delete(commitment=instance, actor=self.request.user, source=SOURCE)


# --------------------------------------------------------------------------- strategy and plan


class StrategyDocumentRecords(LedgerView):
    model = StrategyDocument
    serializer_class = StrategyDocumentSerializer

    def records(self) -> QuerySet[StrategyDocument]:
        return super().records().select_related("cluster")


@list_schema("strategy", "strategy documents", "a strategy document", StrategyDocumentSerializer)
class StrategyDocumentList(StrategyDocumentRecords, LedgerList):
    def create_record(self, data: dict[str, Any]) -> StrategyDocument:
        return strategy.strategy_document_create(
            cluster=self.cluster, actor=self.request.user, data=data, source=SOURCE
        )


@detail_schema("strategy", "a strategy document", StrategyDocumentSerializer)
class StrategyDocumentDetail(StrategyDocumentRecords, LedgerDetail):
    def update_record(self, instance: StrategyDocument, data: dict[str, Any]) -> Any:
        return strategy.strategy_document_update(
            document=instance, actor=self.request.user, data=data, source=SOURCE
        )

    def delete_record(self, instance: StrategyDocument) -> None:
        strategy.strategy_document_delete(document=instance, actor=self.request.user, source=SOURCE)


class PlanActionRecords(LedgerView):
    model = PlanAction
    serializer_class = PlanActionSerializer

    def records(self) -> QuerySet[PlanAction]:
        return super().records().select_related("cluster")


@list_schema(
    "strategy",
    "plan actions",
    "a plan action",
    PlanActionSerializer,
    filters=PlanActionFilterSerializer,
)
class PlanActionList(PlanActionRecords, LedgerList):
    filter_serializer = PlanActionFilterSerializer

    def filtered(self, rows: QuerySet, filters: dict[str, Any]) -> QuerySet:
        if "year" in filters:
            rows = rows.filter(year=filters["year"])
        return rows

    def create_record(self, data: dict[str, Any]) -> PlanAction:
        return strategy.plan_action_create(
            cluster=self.cluster, actor=self.request.user, data=data, source=SOURCE
        )


@detail_schema("strategy", "a plan action", PlanActionSerializer)
class PlanActionDetail(PlanActionRecords, LedgerDetail):
    def update_record(self, instance: PlanAction, data: dict[str, Any]) -> PlanAction:
        return strategy.plan_action_update(
            action=instance, actor=self.request.user, data=data, source=SOURCE
        )

    def delete_record(self, instance: PlanAction) -> None:
        strategy.plan_action_delete(action=instance, actor=self.request.user, source=SOURCE)


# --------------------------------------------------------------------------- recognition


class WebsiteRecords(LedgerView):
    model = WebPresence
    serializer_class = WebsiteSerializer

    def records(self) -> QuerySet[WebPresence]:
        return super().records().select_related("cluster")


@list_schema("recognition", "websites", "a website", WebsiteSerializer)
class WebsiteList(WebsiteRecords, LedgerList):
    def create_record(self, data: dict[str, Any]) -> WebPresence:
        return recognition.web_presence_create(
            cluster=self.cluster, actor=self.request.user, data=data, source=SOURCE
        )


@detail_schema("recognition", "a website", WebsiteSerializer)
class WebsiteDetail(WebsiteRecords, LedgerDetail):
    def update_record(self, instance: WebPresence, data: dict[str, Any]) -> WebPresence:
        return recognition.web_presence_update(
            site=instance, actor=self.request.user, data=data, source=SOURCE
        )

    def delete_record(self, instance: WebPresence) -> None:
        recognition.web_presence_delete(site=instance, actor=self.request.user, source=SOURCE)


class SocialChannelRecords(LedgerView):
    model = SocialChannel
    serializer_class = SocialChannelSerializer

    def records(self) -> QuerySet[SocialChannel]:
        return super().records().select_related("cluster")


@list_schema("recognition", "social channels", "a social channel", SocialChannelSerializer)
class SocialChannelList(SocialChannelRecords, LedgerList):
    def create_record(self, data: dict[str, Any]) -> SocialChannel:
        return recognition.social_channel_create(
            cluster=self.cluster, actor=self.request.user, data=data, source=SOURCE
        )


@detail_schema("recognition", "a social channel", SocialChannelSerializer, changes=False)
class SocialChannelDetail(SocialChannelRecords, LedgerReadDelete):
    def delete_record(self, instance: SocialChannel) -> None:
        recognition.social_channel_delete(channel=instance, actor=self.request.user, source=SOURCE)


class SuccessStoryRecords(LedgerView):
    model = SuccessStory
    serializer_class = SuccessStorySerializer

    def records(self) -> QuerySet[SuccessStory]:
        stories = super().records().select_related("cluster")
        if self.request.method not in ("GET", "HEAD"):
            return stories  # the services read the stored participants
        return stories.prefetch_related(
            Prefetch("participants", queryset=Organisation.objects.only("pk").order_by("pk"))
        )


@list_schema("recognition", "success stories", "a success story", SuccessStorySerializer)
class SuccessStoryList(SuccessStoryRecords, LedgerList):
    def create_record(self, data: dict[str, Any]) -> SuccessStory:
        participants = data.pop("participants", [])
        return recognition.success_story_create(
            cluster=self.cluster,
            actor=self.request.user,
            data=data,
            participants=participants,
            source=SOURCE,
        )


@detail_schema("recognition", "a success story", SuccessStorySerializer)
class SuccessStoryDetail(SuccessStoryRecords, LedgerDetail):
    def update_record(self, instance: SuccessStory, data: dict[str, Any]) -> SuccessStory:
        participants = data.pop("participants", None)
        return recognition.success_story_update(
            story=instance,
            actor=self.request.user,
            data=data,
            participants=participants,
            source=SOURCE,
        )

    def delete_record(self, instance: SuccessStory) -> None:
        recognition.success_story_delete(story=instance, actor=self.request.user, source=SOURCE)
