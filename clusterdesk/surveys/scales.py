"""The answer scales a respondent chooses on: five-point Likert scales (also the columns of a
matrix question), the 0–10 recommendation scale and star ratings. Their labels are interface
texts (translated with the interface), so a respondent reads them in their own language."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Scale(models.TextChoices):
    AGREEMENT = "agreement", _("Agreement (strongly disagree … strongly agree)")
    SATISFACTION = "satisfaction", _("Satisfaction (very dissatisfied … very satisfied)")
    INTEREST = "interest", _("Interest (not at all … extremely interested)")
    BENEFIT = "benefit", _("Benefit (none … very large)")
    IMPORTANCE = "importance", _("Importance (not important … very important)")
    EXTENT = "extent", _("Extent (not at all … fully)")


LIKERT_POINTS = (1, 2, 3, 4, 5)

LIKERT_LABELS = {
    Scale.AGREEMENT: (
        _("Strongly disagree"),
        _("Disagree"),
        _("Neither agree nor disagree"),
        _("Agree"),
        _("Strongly agree"),
    ),
    Scale.SATISFACTION: (
        _("Very dissatisfied"),
        _("Dissatisfied"),
        _("Neither satisfied nor dissatisfied"),
        _("Satisfied"),
        _("Very satisfied"),
    ),
    Scale.INTEREST: (
        _("Not at all interested"),
        _("Slightly interested"),
        _("Moderately interested"),
        _("Very interested"),
        _("Extremely interested"),
    ),
    Scale.BENEFIT: (
        _("No benefit"),
        _("Small benefit"),
        _("Some benefit"),
        _("Large benefit"),
        _("Very large benefit"),
    ),
    Scale.IMPORTANCE: (
        _("Not important"),
        _("Slightly important"),
        _("Moderately important"),
        _("Important"),
        _("Very important"),
    ),
    Scale.EXTENT: (
        _("Not at all"),
        _("To a small extent"),
        _("To some extent"),
        _("To a large extent"),
        _("Fully"),
    ),
}

NPS_POINTS = tuple(range(11))
NPS_LOW = _("Not at all likely")
NPS_HIGH = _("Extremely likely")

DEFAULT_RATING_MAX = 5
MAX_RATING_MAX = 10


def likert_labels(scale: str) -> tuple[str, ...]:
    labels = LIKERT_LABELS.get(scale) or LIKERT_LABELS[Scale.AGREEMENT]  # type: ignore[call-overload]
    return tuple(str(label) for label in labels)


def likert_choices(scale: str) -> list[tuple[int, str]]:
    return list(zip(LIKERT_POINTS, likert_labels(scale), strict=True))


def nps_group(score: float) -> str:
    """Detractor (0–6), passive (7–8) or promoter (9–10)."""
    if score >= 9:
        return "promoter"
    if score >= 7:
        return "passive"
    return "detractor"


def nps(promoters: int, detractors: int, total: int) -> float | None:
    """The net promoter score, −100 to 100: share of promoters less share of detractors."""
    if not total:
        return None
    return round(100 * (promoters - detractors) / total, 1)
