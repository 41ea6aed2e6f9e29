"""What makes a question well formed, written once for the builder's forms, the API and the
ready-made questionnaires: texts, options, ranges, lengths and conditions."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from clusterdesk.lib.errors import Problems

from .models import (
    CHOICE_KINDS,
    TEXT_MAX_LENGTH_LIMIT,
    Profile,
    QuestionKind,
)
from .scales import MAX_RATING_MAX, NPS_POINTS, Scale

MAX_OPTIONS = 40
LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


def language_problems(languages: list[str]) -> Problems:
    if not languages:
        return [("languages", _("Offer the survey in at least one language."))]
    unknown = [code for code in languages if code not in LANGUAGE_CODES]
    if unknown:
        return [
            (
                "languages",
                _("These languages are not offered: %(codes)s.") % {"codes": ", ".join(unknown)},
            )
        ]
    if len(set(languages)) != len(languages):
        return [("languages", _("A language is listed twice."))]
    return []


def question_problems(
    data: dict[str, Any], *, first_language: str, condition_kind: str | None = None
) -> Problems:
    """Problems of a question's description (see ``services.question_create``);
    ``condition_kind`` is the kind of the question it depends on, if any."""
    kind = data.get("kind")
    if kind not in QuestionKind.values:
        return [("kind", _("Choose a kind of question."))]
    problems: Problems = []
    if not (data.get("text") or {}).get(first_language, "").strip():
        problems.append(
            ("text", _("Write the question (at least in the survey's first language)."))
        )
    options = data.get("options") or []
    if kind in CHOICE_KINDS or kind == QuestionKind.MATRIX:
        labelled = [o for o in options if (o.get("label") or {}).get(first_language, "").strip()]
        if len(labelled) != len(options):
            problems.append(
                ("options", _("Every option needs a text in the survey's first language."))
            )
        least = 2 if kind == QuestionKind.SINGLE else 1
        if len(options) < least:
            message = (
                _("A matrix question needs at least one row.")
                if kind == QuestionKind.MATRIX
                else _("Give at least %(count)s options.") % {"count": least}
            )
            problems.append(("options", message))
        if len(options) > MAX_OPTIONS:
            problems.append(
                ("options", _("Give at most %(count)s options.") % {"count": MAX_OPTIONS})
            )
        values = [o.get("value") for o in options if o.get("value")]
        if len(set(values)) != len(values):
            problems.append(("options", _("Two options have the same value.")))
    elif options:
        problems.append(("options", _("Only choice and matrix questions have options.")))
    if kind in (QuestionKind.LIKERT, QuestionKind.MATRIX) and data.get("scale") not in Scale.values:
        problems.append(("scale", _("Choose the scale of the answers.")))
    low, high = data.get("min_value"), data.get("max_value")
    if kind == QuestionKind.NUMBER and low is not None and high is not None and low > high:
        problems.append(("max_value", _("The largest allowed is smaller than the smallest.")))
    if kind == QuestionKind.RATING and high is not None and not 2 <= high <= MAX_RATING_MAX:
        problems.append(
            (
                "max_value",
                _("A star rating has from 2 to %(count)s stars.") % {"count": MAX_RATING_MAX},
            )
        )
    length = data.get("max_length")
    if (
        kind == QuestionKind.TEXT
        and length is not None
        and not 1 <= length <= TEXT_MAX_LENGTH_LIMIT
    ):
        problems.append(
            (
                "max_length",
                _("The longest answer must be from 1 to %(count)s characters.")
                % {"count": f"{TEXT_MAX_LENGTH_LIMIT:,}"},
            )
        )
    profile = data.get("profile") or ""
    if profile not in Profile.values:
        problems.append(("profile", _("Unknown profile.")))
    elif profile and kind != QuestionKind.SINGLE:
        problems.append(("profile", _("A question about who answers is a single choice.")))
    if condition_kind is not None:
        problems.extend(condition_problems(condition_kind, data))
    return problems


def condition_problems(condition_kind: str, data: dict[str, Any]) -> Problems:
    """The values a condition waits for must be answers its question can have."""
    values = [str(value) for value in data.get("condition_values") or []]
    if not values:
        return []
    if condition_kind in CHOICE_KINDS:
        allowed = set(data.get("condition_options") or [])
    elif condition_kind == QuestionKind.NPS:
        allowed = {str(point) for point in NPS_POINTS}
    elif condition_kind in (QuestionKind.LIKERT, QuestionKind.RATING):
        allowed = {str(point) for point in range(1, MAX_RATING_MAX + 1)}
    else:
        return [
            (
                "condition_values",
                _("This question can only be shown when the other one is answered at all."),
            )
        ]
    wrong = [value for value in values if value not in allowed]
    if wrong:
        return [
            (
                "condition_values",
                _("The other question has no answer %(values)s.") % {"values": ", ".join(wrong)},
            )
        ]
    return []
