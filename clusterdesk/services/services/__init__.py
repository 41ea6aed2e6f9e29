"""Every write of the service portfolio: the catalogue, the delivery log (which keeps the
finance records' "Service fees" income in step), and the guide's design workflow.

Fees and the budget: the fees invoiced for deliveries of a year are that year's service-fee
income. The budget line's actual amount is what the manager typed for fees invoiced outside
the log plus the log's sum; every change of the log moves it by what the log's sum of that
year moved, in the same transaction, so a figure typed before the log existed is kept (and
the budget service refuses an actual amount below the log's sum).
"""

from .catalogue import (
    SERVICE_FIELDS,
    next_service_code,
    service_create,
    service_delete,
    service_update,
)
from .deliveries import (
    DELIVERY_FIELDS,
    delivery_create,
    delivery_delete,
    delivery_update,
)
from .design import (
    CANDIDATE_FIELDS,
    INTRODUCE,
    REJECT,
    ROUND_FIELDS,
    candidate_create,
    candidate_decide,
    candidate_delete,
    candidate_shortlist,
    candidate_swot_update,
    candidate_update,
    design_round_create,
    design_round_delete,
    design_round_update,
    interest_survey_make,
)

__all__ = [
    "CANDIDATE_FIELDS",
    "DELIVERY_FIELDS",
    "INTRODUCE",
    "REJECT",
    "ROUND_FIELDS",
    "SERVICE_FIELDS",
    "candidate_create",
    "candidate_decide",
    "candidate_delete",
    "candidate_shortlist",
    "candidate_swot_update",
    "candidate_update",
    "delivery_create",
    "delivery_delete",
    "delivery_update",
    "design_round_create",
    "design_round_delete",
    "design_round_update",
    "interest_survey_make",
    "next_service_code",
    "service_create",
    "service_delete",
    "service_update",
]
