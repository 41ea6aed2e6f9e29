"""API v1: the cluster organisation's management team (staff and training) and its governance
(profile, general assemblies, management board, boards and committees).

Views are thin: LedgerView resolves the cluster and the role, a serializer checks types, and
every write is one call of the engagement services with ``source="api"``. Records the pages
only add and delete (a training, a general assembly) are only added and deleted here too.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from rest_framework.request import Request
from rest_framework.response import Response

from clusterdesk.api.views import _operation
from clusterdesk.engagement.models import (
    BoardMember,
    Committee,
    GeneralAssembly,
    Governance,
    StaffMember,
    TrainingRecord,
)
from clusterdesk.engagement.services import governance, team

from .base import (
    READ_ERRORS,
    SOURCE,
    LedgerDetail,
    LedgerList,
    LedgerReadDelete,
    LedgerView,
    detail_schema,
    list_schema,
)
from .serializers_organisation import (
    BoardMemberSerializer,
    CommitteeSerializer,
    GeneralAssemblySerializer,
    GovernanceSerializer,
    StaffMemberSerializer,
    TrainingRecordFilterSerializer,
    TrainingRecordSerializer,
)

# --------------------------------------------------------------------------- team


class StaffMemberRecords(LedgerView):
    model = StaffMember
    serializer_class = StaffMemberSerializer

    def records(self) -> QuerySet[StaffMember]:
        return super().records().select_related("cluster")


@list_schema("team", "staff members", "a staff member", StaffMemberSerializer)
class StaffMemberList(StaffMemberRecords, LedgerList):
    def create_record(self, data: dict[str, Any]) -> StaffMember:
        return team.staff_member_create(
            cluster=self.cluster, actor=self.request.user, data=data, source=SOURCE
        )


@detail_schema("team", "a staff member", StaffMemberSerializer)
class StaffMemberDetail(StaffMemberRecords, LedgerDetail):
    def update_record(self, instance: StaffMember, data: dict[str, Any]) -> StaffMember:
        return team.staff_member_update(
            staff_member=instance, actor=self.request.user, data=data, source=SOURCE
        )

    def delete_record(self, instance: StaffMember) -> None:
        team.staff_member_delete(staff_member=instance, actor=self.request.user, source=SOURCE)


class TrainingRecords(LedgerView):
    model = TrainingRecord
    serializer_class = TrainingRecordSerializer

    def records(self) -> QuerySet[TrainingRecord]:
        return super().records().select_related("cluster")


@list_schema(
    "team",
    "training records",
    "a training record",
    TrainingRecordSerializer,
    filters=TrainingRecordFilterSerializer,
)
class TrainingRecordList(TrainingRecords, LedgerList):
    filter_serializer = TrainingRecordFilterSerializer

    def filtered(self, rows: QuerySet, filters: dict[str, Any]) -> QuerySet:
        if "staff_member" in filters:
            rows = rows.filter(staff_member_id=filters["staff_member"])
        return rows

    def create_record(self, data: dict[str, Any]) -> TrainingRecord:
        return team.training_record_create(
            staff_member=data.pop("staff_member"),
            actor=self.request.user,
            data=data,
            today=timezone.localdate(),
            source=SOURCE,
        )


@detail_schema("team", "a training record", TrainingRecordSerializer, changes=False)
class TrainingRecordDetail(TrainingRecords, LedgerReadDelete):
    def delete_record(self, instance: TrainingRecord) -> None:
        team.training_record_delete(
            training_record=instance, actor=self.request.user, source=SOURCE
        )


# --------------------------------------------------------------------------- governance


class GovernanceDetail(LedgerView):
    """The cluster's one governance profile: blank (id null) until first saved."""

    model = Governance
    serializer_class = GovernanceSerializer

    def get_object(self) -> Governance:
        return governance.governance_of(self.cluster) or Governance(cluster=self.cluster)

    @_operation(
        "Show the governance profile", "governance", {200: GovernanceSerializer}, errors=READ_ERRORS
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return Response(self.get_serializer(self.get_object()).data)

    @_operation("Replace the governance profile", "governance", {200: GovernanceSerializer})
    def put(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self._save(request, partial=False)

    @_operation("Change some of the governance profile", "governance", {200: GovernanceSerializer})
    def patch(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self._save(request, partial=True)

    def _save(self, request: Request, *, partial: bool) -> Response:
        serializer = self.get_serializer(self.get_object(), data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        profile = governance.governance_save(
            cluster=self.cluster,
            actor=request.user,
            data=dict(serializer.validated_data),
            today=timezone.localdate(),
            source=SOURCE,
        )
        return Response(self.get_serializer(profile).data)


class AssemblyRecords(LedgerView):
    model = GeneralAssembly
    serializer_class = GeneralAssemblySerializer

    def records(self) -> QuerySet[GeneralAssembly]:
        return super().records().select_related("cluster")


@list_schema("governance", "general assemblies", "a general assembly", GeneralAssemblySerializer)
class GeneralAssemblyList(AssemblyRecords, LedgerList):
    def create_record(self, data: dict[str, Any]) -> GeneralAssembly:
        return governance.general_assembly_create(
            cluster=self.cluster, actor=self.request.user, data=data, source=SOURCE
        )


@detail_schema("governance", "a general assembly", GeneralAssemblySerializer, changes=False)
class GeneralAssemblyDetail(AssemblyRecords, LedgerReadDelete):
    def delete_record(self, instance: GeneralAssembly) -> None:
        governance.general_assembly_delete(
            assembly=instance, actor=self.request.user, source=SOURCE
        )


class BoardMemberRecords(LedgerView):
    model = BoardMember
    serializer_class = BoardMemberSerializer

    def records(self) -> QuerySet[BoardMember]:
        return super().records().select_related("cluster")


@list_schema("governance", "board members", "a board member", BoardMemberSerializer)
class BoardMemberList(BoardMemberRecords, LedgerList):
    def create_record(self, data: dict[str, Any]) -> BoardMember:
        return governance.board_member_create(
            cluster=self.cluster, actor=self.request.user, data=data, source=SOURCE
        )


@detail_schema("governance", "a board member", BoardMemberSerializer)
class BoardMemberDetail(BoardMemberRecords, LedgerDetail):
    def update_record(self, instance: BoardMember, data: dict[str, Any]) -> BoardMember:
        return governance.board_member_update(
            board_member=instance, actor=self.request.user, data=data, source=SOURCE
        )

    def delete_record(self, instance: BoardMember) -> None:
        governance.board_member_delete(
            board_member=instance, actor=self.request.user, source=SOURCE
        )


class CommitteeRecords(LedgerView):
    model = Committee
    serializer_class = CommitteeSerializer

    def records(self) -> QuerySet[Committee]:
        return super().records().select_related("cluster")


@list_schema("governance", "boards and committees", "a board or committee", CommitteeSerializer)
class CommitteeList(CommitteeRecords, LedgerList):
    def create_record(self, data: dict[str, Any]) -> Committee:
        return governance.committee_create(
            cluster=self.cluster, actor=self.request.user, data=data, source=SOURCE
        )


@detail_schema("governance", "a board or committee", CommitteeSerializer)
class CommitteeDetail(CommitteeRecords, LedgerDetail):
    def update_record(self, instance: Committee, data: dict[str, Any]) -> Committee:
        return governance.committee_update(
            committee=instance, actor=self.request.user, data=data, source=SOURCE
        )

    def delete_record(self, instance: Committee) -> None:
        governance.committee_delete(committee=instance, actor=self.request.user, source=SOURCE)
