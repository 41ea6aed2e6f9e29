"""The ledger's endpoints, included under ``/api/v1/c/<cluster_slug>/``."""

from __future__ import annotations

from django.urls import URLPattern, path

from . import views, views_organisation, views_team
from .base import LedgerView


def _collection(
    prefix: str, name: str, listing: type[LedgerView], detail: type[LedgerView]
) -> list[URLPattern]:
    """``<prefix>/`` lists and adds, ``<prefix>/<id>/`` shows, changes and deletes (named
    ``api-<prefix>`` and ``api-<name>``)."""
    return [
        path(f"{prefix}/", listing.as_view(), name=f"api-{prefix}"),
        path(f"{prefix}/<int:pk>/", detail.as_view(), name=f"api-{name}"),
    ]


urlpatterns = [
    *_collection(
        "personal-contacts",
        "personal-contact",
        views.PersonalContactList,
        views.PersonalContactDetail,
    ),
    *_collection("tasks", "task", views.TaskList, views.TaskDetail),
    path("tasks/<int:pk>/complete/", views.TaskComplete.as_view(), name="api-task-complete"),
    path("tasks/<int:pk>/reopen/", views.TaskReopen.as_view(), name="api-task-reopen"),
    *_collection("activities", "activity", views.ActivityList, views.ActivityDetail),
    *_collection(
        "working-groups", "working-group", views.WorkingGroupList, views.WorkingGroupDetail
    ),
    *_collection("staff", "staff-member", views_team.StaffMemberList, views_team.StaffMemberDetail),
    *_collection(
        "training-records",
        "training-record",
        views_team.TrainingRecordList,
        views_team.TrainingRecordDetail,
    ),
    path("governance/", views_team.GovernanceDetail.as_view(), name="api-governance"),
    *_collection(
        "general-assemblies",
        "general-assembly",
        views_team.GeneralAssemblyList,
        views_team.GeneralAssemblyDetail,
    ),
    *_collection(
        "board-members", "board-member", views_team.BoardMemberList, views_team.BoardMemberDetail
    ),
    *_collection("committees", "committee", views_team.CommitteeList, views_team.CommitteeDetail),
    *_collection(
        "budget-lines",
        "budget-line",
        views_organisation.BudgetLineList,
        views_organisation.BudgetLineDetail,
    ),
    *_collection(
        "funding-commitments",
        "funding-commitment",
        views_organisation.FundingCommitmentList,
        views_organisation.FundingCommitmentDetail,
    ),
    *_collection(
        "strategy-documents",
        "strategy-document",
        views_organisation.StrategyDocumentList,
        views_organisation.StrategyDocumentDetail,
    ),
    *_collection(
        "plan-actions",
        "plan-action",
        views_organisation.PlanActionList,
        views_organisation.PlanActionDetail,
    ),
    *_collection(
        "websites", "website", views_organisation.WebsiteList, views_organisation.WebsiteDetail
    ),
    *_collection(
        "social-channels",
        "social-channel",
        views_organisation.SocialChannelList,
        views_organisation.SocialChannelDetail,
    ),
    *_collection(
        "success-stories",
        "success-story",
        views_organisation.SuccessStoryList,
        views_organisation.SuccessStoryDetail,
    ),
    path("engagement/summary/", views.EngagementSummary.as_view(), name="api-engagement-summary"),
]
