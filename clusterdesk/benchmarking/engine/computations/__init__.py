"""The computations an indicator's ``computation`` names: each takes the facts and their
windows and returns a ``Measurement`` with the records behind it. Thresholds are not here:
they are the framework's; a computation only measures.

A source with no record at all (no contact ever logged, no budget line for the year) gives no
value: missing data is a gap to fill, never a silent zero.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from decimal import Decimal

from ..facts import ClusterFacts, ParticipantFact, Windows
from ..results import EvidenceGroup, Gap, Item, Measurement

Computation = Callable[[ClusterFacts, Windows], Measurement]
COMPUTATIONS: dict[str, Computation] = {}

ACTIVE_DAYS = Decimal(2)
ACTIVE_GROUP_MEMBERS = 3
SITE_RECENT_DAYS = 90
ENGLISH = "en"
SERVICE_AREA_QUESTIONS = tuple(f"service_area_{number}_last_delivery" for number in range(1, 5))
SURVEY_QUESTION = "satisfaction_survey_closed_on"


# The named parts each computation gives beside its value: what a framework's conditions may
# name ("value > 0.30 and sme_active >= 1"). The loader refuses a condition on another name.
PARTS: dict[str, frozenset[str]] = {}
# The governance points' keys (``GovernancePoint.key``), as the ledger's checklist names them.
GOVERNANCE_POINTS = (
    "statutes",
    "legal_form",
    "general_manager",
    "general_assembly",
    "board",
    "committees",
)


def computation(name: str, *, parts: tuple[str, ...] = ()) -> Callable[[Computation], Computation]:
    def register(function: Computation) -> Computation:
        COMPUTATIONS[name] = function
        PARTS[name] = frozenset(parts)
        return function

    return register


def participant_item(participant: ParticipantFact, **extra: object) -> Item:
    return Item("participant", participant.id, participant.name, **extra)  # type: ignore[arg-type]


# Whether the computations list the records behind their figures. A page that shows only the
# figures asks for none: at 20,000 participants the lists are most of an assessment's cost.
_KEEP_EVIDENCE: ContextVar[bool] = ContextVar("keep_evidence", default=True)


@contextmanager
def keeping_evidence(keep: bool) -> Iterator[None]:
    token = _KEEP_EVIDENCE.set(keep)
    try:
        yield
    finally:
        _KEEP_EVIDENCE.reset(token)


def group(key: str, items: Iterable[Item], *, counted: bool = True) -> EvidenceGroup:
    """An evidence group; without evidence, an empty one (``items`` is never iterated)."""
    if not _KEEP_EVIDENCE.get():
        return EvidenceGroup(key, (), counted)
    return EvidenceGroup(key, tuple(items), counted)


def share_of(part: int, whole: int) -> float:
    return part / whole


def no_participants() -> Measurement:
    return Measurement(None, gaps=(Gap("no_participants", "participants"),))


# The modules register their computations on import.
from . import cooperation, money, recognition, structure, team  # noqa: E402,F401
