"""What the engine returns: plain frozen dataclasses, turned to and from JSON for snapshots.

Texts a person reads (evidence titles, gaps, what is missing) are codes with parameters: the
pages, the report and the CLI put them into words in the reader's language.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any, NamedTuple

EXCELLENT, MET, NOT_MET, UNKNOWN = "excellent", "met", "not_met", "unknown"
STATUSES = (EXCELLENT, MET, NOT_MET, UNKNOWN)
READY, NOT_READY = "ready", "not_ready"


class Item(NamedTuple):
    """One record behind a figure: ``kind`` names the table, ``id`` the row. A named tuple:
    an assessment with its evidence lists some 100,000 of them."""

    kind: str
    id: int | str | None
    label: str
    on: date | None = None
    number: float | None = None
    note: str = ""  # a short code, e.g. "no_job_description"


@dataclass(frozen=True)
class EvidenceGroup:
    key: str  # e.g. "reached", "not_reached"
    items: tuple[Item, ...]
    counted: bool = True  # counted towards the value, or shown beside it


@dataclass(frozen=True)
class Gap:
    """Data missing to compute (or to decide) an indicator, and the page to fill it in."""

    code: str
    where: str
    params: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Measurement:
    """A computation's answer. ``value`` None: it cannot be computed (see ``gaps``).
    ``best_case``: the value if every gap were filled in the cluster's favour; when the
    status would differ, the indicator is unknown rather than short. ``whole_grows``: a
    share whose added records join its denominator too (one more committed company is one
    more committed participant), so "more needed" counts (n + k) / (d + k)."""

    value: float | None
    parts: Mapping[str, float] = field(default_factory=dict)
    evidence: tuple[EvidenceGroup, ...] = ()
    gaps: tuple[Gap, ...] = ()
    best_case: float | None = None
    whole_grows: bool = False


@dataclass(frozen=True)
class IndicatorResult:
    id: str
    area: str
    status: str
    value: float | None
    weight: float
    earned: float
    parts: Mapping[str, float]
    evidence: tuple[EvidenceGroup, ...]
    gaps: tuple[Gap, ...]
    target: float | None  # the value clause of "met", e.g. 0.40 for "value > 0.40"
    more_needed: float | None  # how many more (participants, stories…) would meet it

    @property
    def is_short(self) -> bool:
        return self.status in (NOT_MET, UNKNOWN)

    @property
    def is_reached(self) -> bool:
        return self.status in (MET, EXCELLENT)


@dataclass(frozen=True)
class MinimumResult:
    id: str
    met: bool
    value: float | None
    gaps: tuple[Gap, ...]


@dataclass(frozen=True)
class AreaScore:
    area: str
    earned: float
    total: float
    unknown: int

    @property
    def score(self) -> float:
        return self.earned / self.total if self.total else 0.0


@dataclass(frozen=True)
class PastAssessment:
    """An earlier saved assessment, as the Silver rule compares with it."""

    id: int | str | None
    as_of: date
    areas: Mapping[str, float]  # area → score (0–1)


@dataclass(frozen=True)
class Missing:
    """Something missing for a label level, as a code with parameters."""

    code: str
    params: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Readiness:
    bronze_eligible: bool
    silver: str  # READY, NOT_READY or UNKNOWN (no assessment 18–24 months earlier)
    gold_ready: bool
    compared_with: PastAssessment | None
    improved_areas: tuple[str, ...]
    missing_bronze: tuple[Missing, ...]
    missing_silver: tuple[Missing, ...]
    missing_gold: tuple[Missing, ...]

    @property
    def silver_ready(self) -> bool:
        return self.silver == READY

    @property
    def level(self) -> str:
        """The highest level reached: "gold", "silver", "bronze" or "none"."""
        if self.gold_ready:
            return "gold"
        if self.silver_ready:
            return "silver"
        return "bronze" if self.bronze_eligible else "none"


@dataclass(frozen=True)
class Assessment:
    framework_id: str
    framework_version: str
    framework_digest: str
    as_of: date
    indicators: tuple[IndicatorResult, ...]
    minimums: tuple[MinimumResult, ...]
    areas: tuple[AreaScore, ...]
    earned: float
    total_weight: float
    readiness: Readiness

    @property
    def score(self) -> float:
        return self.earned / self.total_weight if self.total_weight else 0.0

    @property
    def unknown(self) -> int:
        return sum(1 for result in self.indicators if result.status == UNKNOWN)

    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(STATUSES, 0)
        for result in self.indicators:
            counts[result.status] += 1
        return counts

    def indicator(self, indicator_id: str) -> IndicatorResult:
        for result in self.indicators:
            if result.id == indicator_id:
                return result
        raise KeyError(indicator_id)

    def area_scores(self) -> dict[str, float]:
        return {area.area: area.score for area in self.areas}


# --------------------------------------------------------------------------- JSON


def _plain(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, tuple) and hasattr(value, "_asdict"):  # a named tuple: an Item
        return {key: _plain(item) for key, item in value._asdict().items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value


def assessment_to_dict(assessment: Assessment) -> dict[str, Any]:
    data = _plain(asdict(assessment))
    data["score"] = assessment.score
    data["unknown"] = assessment.unknown
    return data


def _date(value: Any) -> date | None:
    return date.fromisoformat(value) if value else None


def _evidence(groups: list[dict[str, Any]]) -> tuple[EvidenceGroup, ...]:
    return tuple(
        EvidenceGroup(
            key=group["key"],
            counted=group.get("counted", True),
            items=tuple(
                Item(
                    kind=item["kind"],
                    id=item["id"],
                    label=item["label"],
                    on=_date(item.get("on")),
                    number=item.get("number"),
                    note=item.get("note", ""),
                )
                for item in group["items"]
            ),
        )
        for group in groups
    )


def _gaps(gaps: list[dict[str, Any]]) -> tuple[Gap, ...]:
    return tuple(Gap(gap["code"], gap["where"], gap.get("params", {})) for gap in gaps)


def _past(data: dict[str, Any] | None) -> PastAssessment | None:
    if not data:
        return None
    return PastAssessment(data["id"], date.fromisoformat(data["as_of"]), data["areas"])


def _missing(items: list[dict[str, Any]]) -> tuple[Missing, ...]:
    return tuple(Missing(item["code"], item.get("params", {})) for item in items)


def assessment_from_dict(data: Mapping[str, Any]) -> Assessment:
    """The inverse of ``assessment_to_dict``: a saved snapshot read back."""
    readiness = data["readiness"]
    return Assessment(
        framework_id=data["framework_id"],
        framework_version=data["framework_version"],
        framework_digest=data["framework_digest"],
        as_of=date.fromisoformat(data["as_of"]),
        indicators=tuple(
            IndicatorResult(
                id=row["id"],
                area=row["area"],
                status=row["status"],
                value=row["value"],
                weight=row["weight"],
                earned=row["earned"],
                parts=row["parts"],
                evidence=_evidence(row["evidence"]),
                gaps=_gaps(row["gaps"]),
                target=row["target"],
                more_needed=row["more_needed"],
            )
            for row in data["indicators"]
        ),
        minimums=tuple(
            MinimumResult(row["id"], row["met"], row["value"], _gaps(row["gaps"]))
            for row in data["minimums"]
        ),
        areas=tuple(
            AreaScore(row["area"], row["earned"], row["total"], row["unknown"])
            for row in data["areas"]
        ),
        earned=data["earned"],
        total_weight=data["total_weight"],
        readiness=Readiness(
            bronze_eligible=readiness["bronze_eligible"],
            silver=readiness["silver"],
            gold_ready=readiness["gold_ready"],
            compared_with=_past(readiness["compared_with"]),
            improved_areas=tuple(readiness["improved_areas"]),
            missing_bronze=_missing(readiness["missing_bronze"]),
            missing_silver=_missing(readiness["missing_silver"]),
            missing_gold=_missing(readiness["missing_gold"]),
        ),
    )
