"""The design rounds: their progress and the ranking of the shortlisted ideas."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import (
    Count,
    QuerySet,
)
from django.utils.translation import gettext as _

from clusterdesk.participants.models import Category

from ..models import (
    Candidate,
    CandidateStatus,
    DesignRound,
)

# --------------------------------------------------------------------------- design rounds


@dataclass(frozen=True)
class RoundProgress:
    ideas: int
    shortlisted: int
    introduced: int
    rejected: int


def round_progress(design_round: DesignRound) -> RoundProgress:
    counts = dict(
        Candidate.objects.filter(design_round=design_round)
        .values_list("status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return RoundProgress(
        ideas=sum(counts.values()),
        shortlisted=sum(
            counts.get(status, 0)
            for status in (
                CandidateStatus.SHORTLISTED,
                CandidateStatus.INTRODUCED,
                CandidateStatus.REJECTED,
            )
        ),
        introduced=counts.get(CandidateStatus.INTRODUCED, 0),
        rejected=counts.get(CandidateStatus.REJECTED, 0),
    )


def shortlist_of(design_round: DesignRound) -> QuerySet[Candidate]:
    """The candidates that went on the shortlist (decided ones stay on it)."""
    return Candidate.objects.filter(design_round=design_round).exclude(status=CandidateStatus.IDEA)


@dataclass(frozen=True)
class RankedCandidate:
    candidate: Candidate
    segment: str
    segment_label: str
    responses: int
    interest: float | None
    benefit: float | None
    willing_to_pay: float | None

    @property
    def score(self) -> float | None:
        """One figure to rank by, 0–1: the mean of interest and expected benefit (each 1–5
        taken to 0–1) and the share willing to pay, of those known."""
        parts = [(value - 1) / 4 for value in (self.interest, self.benefit) if value is not None]
        if self.willing_to_pay is not None:
            parts.append(self.willing_to_pay)
        return sum(parts) / len(parts) if parts else None


SEGMENTS = {"all": None, "category": "category", "size": "size"}


def segment_label(segment_by: str | None, segment: str) -> str:
    if segment_by is None or segment == "all":
        return str(_("All respondents"))
    if segment_by == "category":
        return str(dict(Category.choices).get(segment) or _("Category not known"))
    from clusterdesk.surveys.models import SizeBand

    return str(dict(SizeBand.choices).get(segment, segment))


def candidate_ranking(
    design_round: DesignRound, *, segment_by: str | None = None
) -> dict[str, list[RankedCandidate]]:
    """The shortlisted candidates ranked by the questionnaire's answers, per segment ("all",
    or each participant category or size band), best first; a candidate without answers
    last. Empty while the round has no questionnaire."""
    if design_round.survey_id is None:
        return {}
    from clusterdesk.surveys.queries import interest_scores

    candidates = {candidate.key: candidate for candidate in shortlist_of(design_round)}
    ranking: dict[str, list[RankedCandidate]] = {}
    for score in interest_scores(design_round.survey, segment_by=segment_by):
        candidate = candidates.get(score.candidate_key)
        if candidate is None:
            continue
        ranking.setdefault(score.segment, []).append(
            RankedCandidate(
                candidate=candidate,
                segment=score.segment,
                segment_label=segment_label(segment_by, score.segment),
                responses=score.responses,
                interest=score.interest,
                benefit=score.benefit,
                willing_to_pay=score.willing_to_pay,
            )
        )
    for rows in ranking.values():
        rows.sort(key=lambda row: (row.score is None, -(row.score or 0), row.candidate.name))
    return ranking
