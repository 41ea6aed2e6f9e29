"""Services and recognition: service areas, the satisfaction survey, success stories and
web presence."""

from __future__ import annotations

from datetime import timedelta

from clusterdesk.lib.periods import whole_months_between

from ..facts import ClusterFacts, Windows
from ..results import Gap, Item, Measurement
from . import (
    ENGLISH,
    SERVICE_AREA_QUESTIONS,
    SITE_RECENT_DAYS,
    SURVEY_QUESTION,
    computation,
    group,
)


@computation(
    "service_areas",
    parts=(
        "area_1",
        "area_2",
        "area_3",
        "area_4",
    ),
)
def service_areas(facts: ClusterFacts, windows: Windows) -> Measurement:
    """Once the delivery log is in use, it is the record: an area without a delivery in the
    last 12 months is not covered. The questionnaire's dates (deliveries made before the
    log, or outside it) count beside it: the later of the two is the area's last delivery."""
    window = windows.last_12_months
    covered: list[Item] = []
    stale: list[Item] = []
    unanswered: list[int] = []
    for number, question in enumerate(SERVICE_AREA_QUESTIONS, start=1):
        answer = facts.answers.get(question)
        answered_on = answer.as_date if answer else None
        delivery = facts.deliveries.get(number)
        item: Item | None = None
        if delivery is not None and (answered_on is None or delivery.delivered_on >= answered_on):
            item = Item(
                "delivery",
                delivery.id,
                f"area_{number}",
                on=delivery.delivered_on,
                note=delivery.service,
            )
        elif answer is not None and answered_on is not None:
            item = Item(
                "answer", answer.id, f"area_{number}", on=answered_on, note=answer.answered_by
            )
        if item is None:
            unanswered.append(number)
        elif item.on in window:
            covered.append(item)
        else:
            stale.append(item)
    if facts.deliveries_recorded:
        # the log is the record: an area it never saw is simply not covered
        unanswered = []
    elif len(unanswered) == len(SERVICE_AREA_QUESTIONS):
        return Measurement(None, gaps=(Gap("no_service_answers", "services"),))
    return Measurement(
        float(len(covered)),
        parts={item.label: 1.0 for item in covered},
        evidence=(
            group("areas_covered", covered),
            group("areas_not_covered", stale, counted=False),
        ),
        gaps=tuple(Gap("service_area_unanswered", "services", {"area": n}) for n in unanswered),
        best_case=float(len(covered) + len(unanswered)) if unanswered else None,
    )


# --------------------------------------------------------------------------- recognition


@computation("survey_age")
def survey_age(facts: ClusterFacts, windows: Windows) -> Measurement:
    """Months since the last satisfaction survey closed: the surveys run in ClusterDesk, or
    the date the questionnaire gives for one run elsewhere, whichever is later."""
    answer = facts.answers.get(SURVEY_QUESTION)
    answered_on = answer.as_date if answer else None
    if answered_on is not None and answered_on > facts.as_of:
        answered_on = None
    survey = facts.satisfaction_survey
    if survey is not None and (answered_on is None or survey.closed_on >= answered_on):
        closed = survey.closed_on
        item = Item("survey", survey.id, survey.title, on=closed)
    elif answer is not None and answered_on is not None:
        closed = answered_on
        item = Item("answer", answer.id, "survey", on=closed, note=answer.answered_by)
    else:
        return Measurement(None, gaps=(Gap("no_survey", "surveys"),))
    return Measurement(
        float(whole_months_between(closed, facts.as_of)),
        evidence=(group("survey", [item]),),
    )


@computation("complete_stories")
def complete_stories(facts: ClusterFacts, windows: Windows) -> Measurement:
    if not facts.stories:
        return Measurement(None, gaps=(Gap("no_stories", "stories"),))
    window = windows.last_24_months
    recent = [s for s in facts.stories if s.published_on in window]
    complete = [s for s in recent if s.complete]
    return Measurement(
        float(len(complete)),
        evidence=(
            group(
                "complete_stories",
                (Item("story", s.id, s.title, on=s.published_on) for s in complete),
            ),
            group(
                "incomplete_stories",
                (Item("story", s.id, s.title, on=s.published_on) for s in recent if not s.complete),
                counted=False,
            ),
        ),
    )


@computation(
    "web_presence",
    parts=(
        "languages",
        "updated",
        "contact",
        "target_languages",
    ),
)
def web_presence(facts: ClusterFacts, windows: Windows) -> Measurement:
    if not facts.sites:
        return Measurement(None, gaps=(Gap("no_site", "web_presence"),))
    if not facts.local_languages:
        return Measurement(None, gaps=(Gap("no_local_languages", "cluster_settings"),))
    required = list(dict.fromkeys([*facts.local_languages, ENGLISH]))
    recent_after = facts.as_of - timedelta(days=SITE_RECENT_DAYS)

    def recent(site) -> bool:  # type: ignore[no-untyped-def]
        return site.last_updated_on is not None and recent_after <= site.last_updated_on

    def covered(sites) -> bool:  # type: ignore[no-untyped-def]
        languages = {code for site in sites for code in site.languages}
        return all(code in languages for code in required)

    present = covered(facts.sites)
    updated = present and covered([s for s in facts.sites if recent(s)])
    reachable = updated and covered([s for s in facts.sites if recent(s) and s.has_contact])
    counting = [s for s in facts.sites if recent(s) and s.has_contact]
    targets = [code for code in dict.fromkeys(facts.target_languages) if code not in required]
    counted_languages = {code for site in counting for code in site.languages}
    targets_covered = bool(targets) and all(code in counted_languages for code in targets)
    return Measurement(
        float(present) + float(updated) + float(reachable),
        parts={
            "languages": float(present),
            "updated": float(updated),
            "contact": float(reachable),
            "target_languages": float(targets_covered),
        },
        evidence=(
            group(
                "sites_counted",
                (
                    Item("site", s.id, s.url, on=s.last_updated_on, note=",".join(s.languages))
                    for s in counting
                ),
            ),
            group(
                "sites_not_counted",
                (
                    Item("site", s.id, s.url, on=s.last_updated_on, note=",".join(s.languages))
                    for s in facts.sites
                    if s not in counting
                ),
                counted=False,
            ),
        ),
    )


@computation("english_web_presence")
def english_web_presence(facts: ClusterFacts, windows: Windows) -> Measurement:
    if not facts.sites:
        return Measurement(None, gaps=(Gap("no_site", "web_presence"),))
    english = [s for s in facts.sites if ENGLISH in s.languages]
    return Measurement(
        float(bool(english)),
        evidence=(group("english_sites", (Item("site", s.id, s.url) for s in english)),),
    )
