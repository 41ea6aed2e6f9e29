"""Finance, strategy and plan, web presence and success stories."""

from django.urls import path

from .views import finance, recognition, strategy

urlpatterns = [
    # finance
    path("finance/", finance.finance_overview, name="finance"),
    path("finance/<int:year>/edit/", finance.budget_year_edit, name="finance_year_edit"),
    path("finance/commitments/new/", finance.commitment_new, name="finance_commitment_new"),
    path(
        "finance/commitments/<int:pk>/document/",
        finance.commitment_document,
        name="finance_commitment_document",
    ),
    path(
        "finance/commitments/<int:pk>/edit/",
        finance.commitment_edit,
        name="finance_commitment_edit",
    ),
    path(
        "finance/commitments/<int:pk>/delete/",
        finance.commitment_delete,
        name="finance_commitment_delete",
    ),
    path("finance/export.<str:file_format>", finance.budget_export, name="finance_export"),
    # strategy and implementation plan
    path("strategy/", strategy.strategy_overview, name="strategy"),
    path("strategy/documents/new/", strategy.document_new, name="strategy_document_new"),
    path(
        "strategy/documents/<int:pk>/file/",
        strategy.document_file,
        name="strategy_document_file",
    ),
    path(
        "strategy/documents/<int:pk>/edit/",
        strategy.document_edit,
        name="strategy_document_edit",
    ),
    path(
        "strategy/documents/<int:pk>/delete/",
        strategy.document_delete,
        name="strategy_document_delete",
    ),
    path("strategy/plan/<int:year>/", strategy.plan_year, name="strategy_plan"),
    path(
        "strategy/plan/<int:year>/export.<str:file_format>",
        strategy.plan_export,
        name="strategy_plan_export",
    ),
    path("strategy/plan/actions/new/", strategy.action_new, name="strategy_action_new"),
    path(
        "strategy/plan/actions/<int:pk>/edit/",
        strategy.action_edit,
        name="strategy_action_edit",
    ),
    path(
        "strategy/plan/actions/<int:pk>/delete/",
        strategy.action_delete,
        name="strategy_action_delete",
    ),
    # web presence and success stories
    path("recognition/", recognition.recognition_overview, name="recognition"),
    path("recognition/sites/new/", recognition.site_new, name="recognition_site_new"),
    path("recognition/sites/<int:pk>/edit/", recognition.site_edit, name="recognition_site_edit"),
    path(
        "recognition/sites/<int:pk>/delete/",
        recognition.site_delete,
        name="recognition_site_delete",
    ),
    path("recognition/channels/new/", recognition.channel_new, name="recognition_channel_new"),
    path(
        "recognition/channels/<int:pk>/delete/",
        recognition.channel_delete,
        name="recognition_channel_delete",
    ),
    path("recognition/stories/", recognition.story_list, name="recognition_stories"),
    path(
        "recognition/stories/export.<str:file_format>",
        recognition.story_export,
        name="recognition_stories_export",
    ),
    path("recognition/stories/new/", recognition.story_new, name="recognition_story_new"),
    path(
        "recognition/stories/participants/",
        recognition.story_participant_suggestions,
        name="recognition_participant_suggestions",
    ),
    path(
        "recognition/stories/participants/add/",
        recognition.story_participant_add,
        name="recognition_participant_add",
    ),
    path("recognition/stories/<int:pk>/", recognition.story_detail, name="recognition_story"),
    path(
        "recognition/stories/<int:pk>/edit/",
        recognition.story_edit,
        name="recognition_story_edit",
    ),
    path(
        "recognition/stories/<int:pk>/delete/",
        recognition.story_delete,
        name="recognition_story_delete",
    ),
]
