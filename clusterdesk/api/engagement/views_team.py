"""API v1: the cluster organisation's management team (staff and training) and its governance
(profile, general assemblies, management board, boards and committees).

Views are thin: each collection is stated once as a ``Ledger`` (see base.py), LedgerView
resolves the cluster and the role, a serializer checks types, and every write is one call of
the engagement services with ``source="api"``. Records the pages only add and delete (a
training, a general assembly) are only added and deleted here too.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from rest_framework.request import Request
from rest_framework.response import Response

from clusterdesk.api.views import _operation
from clusterdesk.engagement.models import Governance, TrainingRecord
from clusterdesk.engagement.services import governance, team

from .base import READ_ERRORS, SOURCE, Ledger, LedgerList, LedgerView
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

StaffMemberList, StaffMemberDetail = Ledger(
    serializer=StaffMemberSerializer,
    tag="team",
    plural="staff members",
    noun="a staff member",
    record="staff_member",
    create=team.staff_member_create,
    update=team.staff_member_update,
    delete=team.staff_member_delete,
).views()

TRAINING_RECORDS = Ledger(
    serializer=TrainingRecordSerializer,
    tag="team",
    plural="training records",
    noun="a training record",
    record="training_record",
    delete=team.training_record_delete,
    filters=TrainingRecordFilterSerializer,
    lookups={"staff_member": "staff_member_id"},
)


@TRAINING_RECORDS.list_view
class TrainingRecordList(LedgerList):
    def create_record(self, data: dict[str, Any]) -> TrainingRecord:
        return team.training_record_create(
            staff_member=data.pop("staff_member"),
            actor=self.request.user,
            data=data,
            today=timezone.localdate(),
            source=SOURCE,
        )


TrainingRecordDetail = TRAINING_RECORDS.detail_view()


# --------------------------------------------------------------------------- governance


class GovernanceDetail(LedgerView):
    """The cluster's one governance profile: blank (id null) until first saved."""

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


GeneralAssemblyList, GeneralAssemblyDetail = Ledger(
    serializer=GeneralAssemblySerializer,
    tag="governance",
    plural="general assemblies",
    noun="a general assembly",
    record="assembly",
    create=governance.general_assembly_create,
    delete=governance.general_assembly_delete,
).views()

BoardMemberList, BoardMemberDetail = Ledger(
    serializer=BoardMemberSerializer,
    tag="governance",
    plural="board members",
    noun="a board member",
    record="board_member",
    create=governance.board_member_create,
    update=governance.board_member_update,
    delete=governance.board_member_delete,
).views()

CommitteeList, CommitteeDetail = Ledger(
    serializer=CommitteeSerializer,
    tag="governance",
    plural="boards and committees",
    noun="a board or committee",
    record="committee",
    create=governance.committee_create,
    update=governance.committee_update,
    delete=governance.committee_delete,
).views()
