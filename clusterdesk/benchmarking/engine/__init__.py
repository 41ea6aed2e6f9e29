"""The excellence indicator engine: pure computation, no Django.

``assess(framework, facts)`` turns a cluster's facts as of a date into an ``Assessment``:
every indicator's value, status, earned weight, evidence and data gaps, the score, the
minimum requirements and the label readiness. ``roadmap`` orders what is short; ``peers``
summarises portfolios without revealing a peer.
"""

from .computations import COMPUTATIONS, PARTS
from .facts import (
    ActivityFact,
    Answer,
    BudgetLineFact,
    ClusterFacts,
    CommitmentFact,
    DeliveryFact,
    GovernancePoint,
    ParticipantFact,
    PlanActionFact,
    SiteFact,
    StaffFact,
    StoryFact,
    StrategyFact,
    SurveyFact,
    Windows,
    WorkingGroupFact,
)
from .framework import (
    DEFAULT_FRAMEWORK_PATH,
    Framework,
    FrameworkError,
    Indicator,
    default_framework_text,
    parse_framework,
)
from .peers import Quartiles, better, position, quartiles
from .results import (
    EXCELLENT,
    MET,
    NOT_MET,
    NOT_READY,
    READY,
    UNKNOWN,
    Assessment,
    IndicatorResult,
    PastAssessment,
    assessment_from_dict,
    assessment_to_dict,
)
from .roadmap import RoadmapItem, roadmap
from .scoring import assess, holds, status_of


def load_framework(text: str) -> Framework:
    """Parse and check a framework against the computations this engine knows."""
    return parse_framework(text, known_computations=COMPUTATIONS, known_parts=PARTS)


def default_framework() -> Framework:
    return load_framework(default_framework_text())


__all__ = [
    "COMPUTATIONS",
    "DEFAULT_FRAMEWORK_PATH",
    "EXCELLENT",
    "MET",
    "NOT_MET",
    "NOT_READY",
    "READY",
    "UNKNOWN",
    "ActivityFact",
    "Answer",
    "Assessment",
    "BudgetLineFact",
    "ClusterFacts",
    "CommitmentFact",
    "DeliveryFact",
    "Framework",
    "FrameworkError",
    "GovernancePoint",
    "Indicator",
    "IndicatorResult",
    "ParticipantFact",
    "PastAssessment",
    "PlanActionFact",
    "Quartiles",
    "RoadmapItem",
    "SiteFact",
    "StaffFact",
    "StoryFact",
    "StrategyFact",
    "SurveyFact",
    "Windows",
    "WorkingGroupFact",
    "assess",
    "assessment_from_dict",
    "assessment_to_dict",
    "better",
    "default_framework",
    "default_framework_text",
    "holds",
    "load_framework",
    "parse_framework",
    "position",
    "quartiles",
    "roadmap",
    "status_of",
]
