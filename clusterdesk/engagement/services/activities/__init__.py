"""Collaborative activities, the participants involved in them, and working groups.

Every write goes through these functions: the pages, the API, imports and the later events
capability (registration, B2B meeting days) call them, so each rule is written once.

Involvement days count in half-day steps and never exceed the activity's length; each
involvement carries a copy of its activity's ``starts_on`` (period sums need no join), which
these services keep equal on every write.
"""

from .checks import (
    ACTIVE_GROUP_MEMBERS,
    ACTIVITY_FIELDS,
    WORKING_GROUP_FIELDS,
    InvolvementInput,
    activity_problems,
    default_involvement,
    involvement_problems,
    output_problems,
    row_field,
    working_group_problems,
)
from .groups import (
    active_working_groups,
    working_group_create,
    working_group_delete,
    working_group_is_active,
    working_group_output_add,
    working_group_output_delete,
    working_group_update,
    working_groups_with_activity,
)
from .reads import (
    ActivityFilters,
    ActivitySummary,
    activity_search,
    activity_summary,
    involvement_rows,
    with_involvement_totals,
)
from .records import activity_create, activity_delete, activity_update, involvement_set

__all__ = [
    "ACTIVE_GROUP_MEMBERS",
    "ACTIVITY_FIELDS",
    "WORKING_GROUP_FIELDS",
    "ActivityFilters",
    "ActivitySummary",
    "InvolvementInput",
    "active_working_groups",
    "activity_create",
    "activity_delete",
    "activity_problems",
    "activity_search",
    "activity_summary",
    "activity_update",
    "default_involvement",
    "involvement_problems",
    "involvement_rows",
    "involvement_set",
    "output_problems",
    "row_field",
    "working_group_create",
    "working_group_delete",
    "working_group_is_active",
    "working_group_output_add",
    "working_group_output_delete",
    "working_group_problems",
    "working_group_update",
    "with_involvement_totals",
    "working_groups_with_activity",
]
