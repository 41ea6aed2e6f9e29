"""What a short indicator still needs, in the reader's words ("contact 23 more participants",
"update the strategy"), and the target an implementation-plan action takes from it. Read by
the roadmap, the evidence page and the report."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from . import texts
from .engine import UNKNOWN, Indicator, IndicatorResult, better
from .engine.peers import LOWER

EFFORT_LABELS = {
    1: gettext_lazy("Quick: record or decide"),
    2: gettext_lazy("Weeks of work"),
    3: gettext_lazy("A year or more"),
}


def number(value: float, decimals: int = 0) -> str:
    """A figure in the reader's format, without a trailing ".0"."""
    rounded = round(float(value), decimals)
    if rounded == int(rounded):
        return number_format(int(rounded))
    needed = len(f"{rounded:.{decimals}f}".rstrip("0").split(".")[1])
    return number_format(rounded, decimal_pos=needed)


def percent(share: float | None) -> str:
    return "—" if share is None else f"{number(share * 100)} %"


# --------------------------------------------------------------------------- "more needed"

# What "more" means for each computation, in the reader's words: "contact 23 more
# participants". Keyed by computation (the framework file names it), so an operator's own
# file with the same computations reads the same.
MORE_WORDS: dict[str, Callable[[int, str], str]] = {
    "committed_participants": lambda n, shown: (
        ngettext("%(n)s more committed participant", "%(n)s more committed participants", n)
        % {"n": shown}
    ),
    "committed_share": lambda n, shown: (
        ngettext(
            "%(n)s more participant committed (signing the agreement)",
            "%(n)s more participants committed (signing the agreement)",
            n,
        )
        % {"n": shown}
    ),
    "industry_share": lambda n, shown: (
        ngettext(
            "%(n)s more committed company (SME or large firm)",
            "%(n)s more committed companies (SMEs or large firms)",
            n,
        )
        % {"n": shown}
    ),
    "triple_helix": lambda n, shown: (
        ngettext(
            "%(n)s more kind of committed partner (research, education, intermediary)",
            "%(n)s more kinds of committed partner (research, education, intermediary)",
            n,
        )
        % {"n": shown}
    ),
    "years_since_founding": lambda n, shown: (
        ngettext("%(n)s more year of operation", "%(n)s more years of operation", n) % {"n": shown}
    ),
    "least_training_days": lambda n, shown: (
        ngettext(
            "%(n)s more training day for the staff member with the fewest",
            "%(n)s more training days for the staff member with the fewest",
            n,
        )
        % {"n": shown}
    ),
    "team_continuity": lambda n, shown: (
        ngettext(
            "meet %(n)s more continuity condition (job descriptions for all, no long vacancy)",
            "meet %(n)s more continuity conditions (job descriptions for all, no long vacancy)",
            n,
        )
        % {"n": shown}
    ),
    "governance_points": lambda n, shown: (
        ngettext("%(n)s more governance point", "%(n)s more governance points", n) % {"n": shown}
    ),
    "contact_reach": lambda n, shown: (
        ngettext("contact %(n)s more participant", "contact %(n)s more participants", n)
        % {"n": shown}
    ),
    "active_involvement": lambda n, shown: (
        ngettext(
            "involve %(n)s more participant actively (two days or more)",
            "involve %(n)s more participants actively (two days or more)",
            n,
        )
        % {"n": shown}
    ),
    "active_working_groups": lambda n, shown: (
        ngettext("%(n)s more active working group", "%(n)s more active working groups", n)
        % {"n": shown}
    ),
    "months_secured": lambda n, shown: (
        ngettext("secure %(n)s more month of budget", "secure %(n)s more months of budget", n)
        % {"n": shown}
    ),
    "funding_source_kinds": lambda n, shown: (
        ngettext("%(n)s more kind of funding source", "%(n)s more kinds of funding source", n)
        % {"n": shown}
    ),
    "strategy_age": lambda n, shown: _("update the strategy"),
    "measurable_actions": lambda n, shown: (
        ngettext(
            "give %(n)s more action a measurable target and a budget",
            "give %(n)s more actions a measurable target and a budget",
            n,
        )
        % {"n": shown}
    ),
    "plan_fulfilment": lambda n, shown: (
        ngettext(
            "%(n)s more action of last year's plan achieving its target",
            "%(n)s more actions of last year's plan achieving their target",
            n,
        )
        % {"n": shown}
    ),
    "service_areas": lambda n, shown: (
        ngettext(
            "%(n)s more service area with a delivery in the last 12 months",
            "%(n)s more service areas with a delivery in the last 12 months",
            n,
        )
        % {"n": shown}
    ),
    "active_quarters": lambda n, shown: (
        ngettext(
            "%(n)s more quarter with a collaborative activity",
            "%(n)s more quarters with a collaborative activity",
            n,
        )
        % {"n": shown}
    ),
    "survey_age": lambda n, shown: _("run a participant satisfaction survey"),
    "complete_stories": lambda n, shown: (
        ngettext("%(n)s more complete success story", "%(n)s more complete success stories", n)
        % {"n": shown}
    ),
    "web_presence": lambda n, shown: (
        ngettext(
            "%(n)s more point of the web presence (English and local language, recent, "
            "with a way to contact)",
            "%(n)s more points of the web presence (English and local language, recent, "
            "with a way to contact)",
            n,
        )
        % {"n": shown}
    ),
    "international_share": lambda n, shown: (
        ngettext(
            "involve %(n)s more committed participant in international activities",
            "involve %(n)s more committed participants in international activities",
            n,
        )
        % {"n": shown}
    ),
}


def more_needed_text(indicator: Indicator, result: IndicatorResult) -> str:
    """What the indicator still needs, in words: "contact 23 more participants", "update the
    strategy", "record what is missing"; empty when it is met."""
    if result.is_reached:
        return ""
    if result.status == UNKNOWN:
        return _("record the missing data first")
    if result.more_needed is not None and indicator.computation in MORE_WORDS:
        shown = number(result.more_needed, 1)
        count = texts.plural_count(round(result.more_needed, 1))
        return MORE_WORDS[indicator.computation](count, shown)
    return _("reach %(threshold)s") % {
        "threshold": texts.format_condition(indicator, indicator.met)
    }


def suggested_target(indicator: Indicator, result: IndicatorResult) -> str:
    """The threshold and the way to it: "> 40 %: contact 23 more participants"."""
    threshold = texts.format_condition(indicator, indicator.met)
    more = more_needed_text(indicator, result)
    return f"{threshold}: {more}" if more else threshold


PLAN_UNITS: dict[str, Callable[[Indicator], str]] = {
    "share": lambda indicator: "%",
    "months": lambda indicator: _("months"),
    "years": lambda indicator: _("years"),
    "days": lambda indicator: _("days"),
    "fte": lambda indicator: "FTE",
    "points": lambda indicator: _("of %(total)s") % {"total": indicator.out_of or "?"},
    "count": lambda indicator: "",
}


def plan_target(indicator: Indicator) -> tuple[Decimal | None, str]:
    """An implementation-plan action's target in the indicator's own unit: the value that
    meets it ("41 %" for "> 40 %", "40" for "≥ 40"). None when lower is better (months since
    an update): the plan counts a target as achieved when the value reaches it."""
    clause = indicator.met.value_clause
    if clause is None or better(indicator) == LOWER:
        return None, ""
    value = clause.threshold * 100 if indicator.unit == "share" else clause.threshold
    if clause.op == ">":
        value += 0.5 if indicator.unit == "days" else 1
    unit = PLAN_UNITS.get(indicator.unit, PLAN_UNITS["count"])(indicator)
    rounded = round(value, 2)
    target = Decimal(int(rounded)) if rounded == int(rounded) else Decimal(str(rounded))
    return target, unit


def plan_title(indicator: Indicator, result: IndicatorResult) -> str:
    more = more_needed_text(indicator, result)
    return f"{indicator.id} {texts.tr(indicator.name)}: {more[:1].upper()}{more[1:]}"[:255]
