"""The engagement ledger: the work of the cluster organisation with its participants, and the
facts about the organisation itself. The excellence indicators are computed from these records,
so each model follows the SPEC glossary's definitions."""

from .activities import (
    Activity,
    ActivityKind,
    Involvement,
    InvolvementRole,
    WorkingGroup,
    WorkingGroupOutput,
)
from .contacts import ContactKind, FollowUpTask, PersonalContact
from .organisation import (
    BoardMember,
    BudgetLine,
    Committee,
    CommitteeKind,
    FundingCommitment,
    FundingSource,
    GeneralAssembly,
    Governance,
    PlanAction,
    PlanActionStatus,
    SocialChannel,
    StaffMember,
    StrategyDocument,
    SuccessStory,
    TrainingRecord,
    WebPresence,
)

__all__ = [
    "Activity",
    "ActivityKind",
    "BoardMember",
    "BudgetLine",
    "Committee",
    "CommitteeKind",
    "ContactKind",
    "FollowUpTask",
    "FundingCommitment",
    "FundingSource",
    "GeneralAssembly",
    "Governance",
    "Involvement",
    "InvolvementRole",
    "PersonalContact",
    "PlanAction",
    "PlanActionStatus",
    "SocialChannel",
    "StaffMember",
    "StrategyDocument",
    "SuccessStory",
    "TrainingRecord",
    "WebPresence",
    "WorkingGroup",
    "WorkingGroupOutput",
]
