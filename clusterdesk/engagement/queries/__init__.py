"""The engagement ledger's figures, computed by the database.

Every function takes the cluster first and an explicit ``today`` (or year), so a figure can be
recomputed for any day and tested at the edges of its period. Each one is a fixed number of
aggregate queries (``Count``/``Sum`` with filters, ``Exists``, grouped sub-queries): the cost
does not grow with a loop over rows in Python.

Periods (the SPEC's "in the last 12 months") are ``clusterdesk.lib.periods.last_12_months``:
from the day *after* the same date a year earlier to ``today``, so on 15 June 2026 a contact on
15 June 2025 is out and one on 16 June 2025 is in. Involvements are dated by the activity's
start (``Involvement.starts_on``, a copy kept by the services).
"""

from clusterdesk.lib.periods import last_12_months, quarter_of

from .activity import (
    International,
    Month,
    QuarterActivities,
    Regularity,
    international_involvement,
    monthly_activity,
    regularity,
)
from .common import ACTIVE_DAYS, current_participants, quarter_label
from .dashboard import (
    DASHBOARD_LIST_LIMIT,
    CategoryReach,
    Dashboard,
    EngagedParticipant,
    committed_not_contacted,
    dashboard,
    most_engaged,
    reach_by_category,
)
from .participant import ParticipantEngagement, QuarterCounts, participant_engagement
from .reach import (
    Involved,
    Reach,
    active_involvement,
    active_involvement_evidence,
    contact_reach,
    contact_reach_evidence,
)

__all__ = [
    "ACTIVE_DAYS",
    "DASHBOARD_LIST_LIMIT",
    "CategoryReach",
    "Dashboard",
    "EngagedParticipant",
    "International",
    "Involved",
    "Month",
    "ParticipantEngagement",
    "QuarterActivities",
    "QuarterCounts",
    "Reach",
    "Regularity",
    "active_involvement",
    "active_involvement_evidence",
    "committed_not_contacted",
    "contact_reach",
    "contact_reach_evidence",
    "current_participants",
    "dashboard",
    "international_involvement",
    "last_12_months",
    "monthly_activity",
    "most_engaged",
    "participant_engagement",
    "quarter_label",
    "quarter_of",
    "reach_by_category",
    "regularity",
]
