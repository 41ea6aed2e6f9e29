"""Pages for collaborative activities, the participants involved, and working groups."""

from .activity_pages import (
    activity_delete,
    activity_detail,
    activity_edit,
    activity_export,
    activity_list,
    activity_new,
)
from .chooser import participant_chosen, participant_pick
from .group_pages import (
    working_group_delete,
    working_group_detail,
    working_group_edit,
    working_group_export,
    working_group_list,
    working_group_new,
    working_group_output_add,
    working_group_output_delete,
    working_group_output_document,
)

__all__ = [
    "activity_delete",
    "activity_detail",
    "activity_edit",
    "activity_export",
    "activity_list",
    "activity_new",
    "participant_chosen",
    "participant_pick",
    "working_group_delete",
    "working_group_detail",
    "working_group_edit",
    "working_group_export",
    "working_group_list",
    "working_group_new",
    "working_group_output_add",
    "working_group_output_delete",
    "working_group_output_document",
]
