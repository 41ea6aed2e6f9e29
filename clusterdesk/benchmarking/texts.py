"""The engine's codes in the reader's language: statuses, areas, indicator texts, data gaps,
evidence titles, what is missing for a label, values and thresholds, and the page where each
kind of data is kept. The pages, the report, the API and the CLI all read them here.

The framework's own texts (indicator names, definitions, recommendations, area names,
questions) are English in the file; ``framework_strings.py`` lists the default file's texts
for the translation catalogues, and ``tr`` looks them up, so an operator's own file still
shows its own words.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.urls import NoReverseMatch, reverse
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, ngettext_lazy

from clusterdesk.engagement.models import FundingSource
from clusterdesk.participants.models import Category

from .engine import EXCELLENT, MET, NOT_MET, UNKNOWN, Framework, Indicator
from .engine.framework import Condition
from .engine.results import Gap, Item, Missing

STATUS_LABELS = {
    EXCELLENT: gettext_lazy("Excellent"),
    MET: gettext_lazy("Met"),
    NOT_MET: gettext_lazy("Not met"),
    UNKNOWN: gettext_lazy("Unknown"),
}

LEVEL_LABELS = {
    "gold": gettext_lazy("Gold-ready"),
    "silver": gettext_lazy("Silver-ready"),
    "bronze": gettext_lazy("Bronze-eligible"),
    "none": gettext_lazy("Not yet Bronze-eligible"),
}

# Where each kind of data is kept: (view name, label of the page).
WHERE = {
    "participants": ("participants:list", gettext_lazy("Participants")),
    "cluster_settings": ("tenancy:cluster_profile", gettext_lazy("Cluster profile")),
    "team": ("engagement:team", gettext_lazy("Management team")),
    "governance": ("engagement:governance", gettext_lazy("Governance")),
    "contacts": ("engagement:contacts", gettext_lazy("Contact log")),
    "activities": ("engagement:activities", gettext_lazy("Activities")),
    "working_groups": ("engagement:working_groups", gettext_lazy("Working groups")),
    "finance": ("engagement:finance", gettext_lazy("Finance")),
    "strategy": ("engagement:strategy", gettext_lazy("Strategy")),
    "plan": ("engagement:strategy_plan", gettext_lazy("Implementation plan")),
    "stories": ("engagement:recognition_stories", gettext_lazy("Success stories")),
    "web_presence": ("engagement:recognition", gettext_lazy("Web presence")),
    "questionnaire": ("benchmarking:questionnaire", gettext_lazy("Benchmarking questionnaire")),
    "services": ("services:coverage", gettext_lazy("Service portfolio")),
    "surveys": ("surveys:list", gettext_lazy("Surveys")),
}

GAPS = {
    "no_participants": gettext_lazy("No participant is recorded in the registry."),
    "no_committed": gettext_lazy("No participant is recorded as committed."),
    "no_founding_date": gettext_lazy(
        "The founding date of the cluster organisation is not recorded."
    ),
    "no_staff": gettext_lazy("No member of the management team is recorded."),
    "no_staff_in_post": gettext_lazy("No member of the management team is in post on this date."),
    "no_governance": gettext_lazy("Nothing about governance is recorded yet."),
    "governance_point_unrecorded": gettext_lazy("Not recorded: %(point)s."),
    "no_contacts": gettext_lazy("No personal contact has been logged yet."),
    "no_activities": gettext_lazy("No collaborative activity has been recorded yet."),
    "no_working_groups": gettext_lazy("No working group is recorded."),
    "no_commitments": gettext_lazy("No funding commitment is recorded."),
    "no_budget": gettext_lazy("No budget is recorded for %(year)s."),
    "no_actuals": gettext_lazy("The actual income of %(year)s is not recorded."),
    "actual_missing": gettext_lazy("The actual amount of “%(line)s” in %(year)s is missing."),
    "no_strategy": gettext_lazy("No written strategy is recorded."),
    "no_plan": gettext_lazy("The implementation plan for %(year)s has no action."),
    "no_plan_targets": gettext_lazy("No action of the %(year)s plan has a target value."),
    "achievement_missing": gettext_lazy(
        "The achieved value of “%(action)s” (%(year)s plan) is not recorded."
    ),
    "no_service_answers": gettext_lazy(
        "Nothing says when services were last delivered in the four service areas."
    ),
    "service_area_unanswered": gettext_lazy(
        "Nothing says when a service was last delivered in service area %(area)s."
    ),
    "no_survey": gettext_lazy("Nothing says when the last participant satisfaction survey closed."),
    "no_stories": gettext_lazy("No success story is recorded."),
    "no_site": gettext_lazy("No website is recorded."),
    "no_local_languages": gettext_lazy("The cluster's local languages are not recorded."),
}

EVIDENCE_TITLES = {
    "committed": gettext_lazy("Committed participants"),
    "not_committed": gettext_lazy("Participants not committed"),
    "industry": gettext_lazy("Committed participants from industry"),
    "not_industry": gettext_lazy("Other committed participants"),
    "research": gettext_lazy("Committed research institutions"),
    "education": gettext_lazy("Committed education organisations"),
    "support": gettext_lazy(
        "Committed intermediaries, public bodies, finance, marketing and others"
    ),
    "founded": gettext_lazy("Founding date"),
    "categories": gettext_lazy("Participant categories"),
    "staff_training": gettext_lazy("Training days of each staff member in the last 12 months"),
    "job_descriptions": gettext_lazy("Staff with a job description"),
    "no_job_description": gettext_lazy("Staff without a job description"),
    "long_vacancies": gettext_lazy("Posts vacant more than 30 days in the last 24 months"),
    "staff_fte": gettext_lazy("Staff in post and their FTE"),
    "points_met": gettext_lazy("Governance points met"),
    "points_not_met": gettext_lazy("Governance points not met"),
    "reached": gettext_lazy("Participants with a personal contact in the last 12 months"),
    "not_reached": gettext_lazy("Participants without one"),
    "actively_involved": gettext_lazy("Participants with two or more active days"),
    "some_days": gettext_lazy("Participants active less than two days"),
    "active_groups": gettext_lazy("Active working groups"),
    "inactive_groups": gettext_lazy("Working groups that do not count"),
    "commitments": gettext_lazy("Funding commitments running"),
    "private_lines": gettext_lazy("Income from private sources"),
    "public_lines": gettext_lazy("Other income"),
    "earning_lines": gettext_lazy("Sources with income"),
    "strategy": gettext_lazy("Latest strategy"),
    "measurable": gettext_lazy("Actions with a measurable target and a budget"),
    "not_measurable": gettext_lazy("Actions without"),
    "achieved": gettext_lazy("Actions whose target was achieved"),
    "not_achieved": gettext_lazy("Actions whose target was not achieved"),
    "areas_covered": gettext_lazy("Service areas with a delivery in the last 12 months"),
    "areas_not_covered": gettext_lazy("Service areas without"),
    "survey": gettext_lazy("Last satisfaction survey"),
    "complete_stories": gettext_lazy("Complete success stories of the last 24 months"),
    "incomplete_stories": gettext_lazy("Stories missing one of the four points"),
    "sites_counted": gettext_lazy("Sites updated in the last 90 days with a way to contact"),
    "sites_not_counted": gettext_lazy("Sites that do not count"),
    "english_sites": gettext_lazy("Sites in English"),
    "international": gettext_lazy("Committed participants in international activities"),
    "not_international": gettext_lazy("Committed participants not in one"),
}

SERVICE_AREAS = {
    "area_1": gettext_lazy("Information, market intelligence and matchmaking"),
    "area_2": gettext_lazy("Initiation of R&D and innovation projects"),
    "area_3": gettext_lazy("Promotion of the cluster and internationalisation"),
    "area_4": gettext_lazy("Human development and entrepreneurship support"),
}


def tr(text: str) -> str:
    """A framework text in the reader's language when the catalogues know it."""
    return _(text) if text else ""


def status_label(status: str) -> str:
    return str(STATUS_LABELS.get(status, status))


def level_label(level: str) -> str:
    return str(LEVEL_LABELS.get(level, level))


def area_name(framework: Framework, area: str) -> str:
    return tr(framework.areas.get(area, area))


def where_link(cluster_slug: str, where: str) -> tuple[str, str] | None:
    """(address, page name) of the page where a kind of data is kept."""
    if where not in WHERE:
        return None
    name, label = WHERE[where]
    try:
        return reverse(name, kwargs={"cluster_slug": cluster_slug}), str(label)
    except NoReverseMatch:
        return None


def gap_text(gap: Gap) -> str:
    template = GAPS.get(gap.code)
    if template is None:
        return gap.code
    return str(template) % dict(gap.params) if gap.params else str(template)


def evidence_title(key: str) -> str:
    if key.startswith("quarter:"):
        first = date.fromisoformat(key.split(":", 1)[1])
        return _("Activities in Q%(quarter)s %(year)s") % {
            "quarter": (first.month - 1) // 3 + 1,
            "year": first.year,
        }
    return str(EVIDENCE_TITLES.get(key, key))


def item_label(item: Item) -> str:
    if item.kind == "budget_line":
        try:
            return str(FundingSource(item.label).label)
        except ValueError:
            return item.label
    if item.kind == "category":
        try:
            return str(Category(item.label).label)
        except ValueError:
            return item.label
    if item.kind in ("answer", "delivery") and item.label in SERVICE_AREAS:
        return str(SERVICE_AREAS[item.label])
    if item.kind == "answer" and item.label == "survey":
        return _("Participant satisfaction survey")
    if item.kind == "cluster":
        return _("Founded")
    return item.label


ITEM_VIEWS = {
    "participant": ("participants:detail", "pk"),
    "activity": ("engagement:activity_detail", "pk"),
    "working_group": ("engagement:working_group_detail", "pk"),
    "staff": ("engagement:team_staff", "pk"),
    "story": ("engagement:recognition_story", "pk"),
    "plan_action": ("engagement:strategy_action_edit", "pk"),
    "delivery": ("services:delivery_edit", "pk"),
    "survey": ("surveys:results", "pk"),
}


def item_url(cluster_slug: str, item: Item) -> str | None:
    """The page of the record behind an evidence item, when it has one."""
    view = ITEM_VIEWS.get(item.kind)
    if view is None or item.id is None:
        return None
    try:
        return reverse(view[0], kwargs={"cluster_slug": cluster_slug, view[1]: item.id})
    except NoReverseMatch:
        return None


def plural_count(shown: float) -> int:
    """The number that picks the singular or the plural of a text about a figure, as shown
    (rounded): the figure itself when it is whole ("1 month", "2 months"), else one that takes
    the plural ("1.5 days", "0.5 days")."""
    return int(shown) if float(shown).is_integer() else 2


def _number(value: float, decimals: int = 0) -> str:
    """A figure in the reader's format: whole numbers without a decimal point (40, not 40.0)."""
    if not decimals:
        return number_format(int(round(value)))
    return number_format(round(value, decimals), decimal_pos=decimals)


def format_value(indicator: Indicator, value: float | None) -> str:
    """A value as a person reads it: "45 %", "18 months", "5 of 6", "1.5 days"."""
    if value is None:
        return _("unknown")
    unit = indicator.unit
    if unit == "share":
        return f"{_number(value * 100, 0 if value * 100 == int(value * 100) else 1)} %"
    if unit == "points":
        return _("%(value)s of %(total)s") % {
            "value": _number(value),
            "total": indicator.out_of if indicator.out_of else "?",
        }
    if unit == "months":
        count = plural_count(round(value))
        return ngettext("%(n)s month", "%(n)s months", count) % {"n": _number(value)}
    if unit == "years":
        count = plural_count(round(value))
        return ngettext("%(n)s year", "%(n)s years", count) % {"n": _number(value)}
    if unit == "days":
        decimals = 0 if value == int(value) else 1
        return ngettext("%(n)s day", "%(n)s days", plural_count(value)) % {
            "n": _number(value, decimals)
        }
    if unit == "fte":
        return _("%(n)s FTE") % {"n": _number(value, 2)}
    return _number(value)


OPERATOR_SIGNS = {">=": "≥", ">": ">", "<=": "≤", "<": "<", "==": "="}


def format_condition(indicator: Indicator, condition: Condition | None) -> str:
    """A threshold as the SPEC words it: "> 40 %", "≥ 5 of 6", "≤ 24 months"."""
    if condition is None:
        return "—"
    words = []
    for clause in condition.clauses:
        if clause.name == "value":
            shown = format_value(indicator, clause.threshold)
            if clause.op == ">=" and indicator.out_of and clause.threshold == indicator.out_of:
                words.append(shown)  # "3 of 3", not "≥ 3 of 3"
                continue
        elif clause.name == "sme_active":
            words.append(_("at least one SME among them"))
            continue
        elif clause.name == "target_languages":
            words.append(_("plus the languages of the target markets"))
            continue
        else:
            shown = _number(clause.threshold)
        words.append(f"{OPERATOR_SIGNS.get(clause.op, clause.op)} {shown}")
    return ", ".join(words)


# A text counted by one of its parameters (ngettext_lazy with the parameter's name) takes the
# singular or the plural from it when it is formatted: "1 more indicator", "2 more indicators".
MISSING = {
    "minimum_not_met": gettext_lazy("Minimum requirement not met: %(name)s."),
    "minimum_unknown": gettext_lazy("Minimum requirement not yet known: %(name)s."),
    "bronze_first": gettext_lazy("First meet every minimum requirement (Bronze-eligible)."),
    "minimums_first": gettext_lazy("Every minimum requirement must be met."),
    "no_earlier_assessment": gettext_lazy(
        "Silver compares with a saved assessment from 18 to 24 months ago (between %(from)s "
        "and %(to)s); there is none."
    ),
    "areas_to_improve": ngettext_lazy(
        "%(improved)s area improved since the earlier assessment; Silver needs %(needed)s "
        "(%(more)s more).",
        "%(improved)s areas improved since the earlier assessment; Silver needs %(needed)s "
        "(%(more)s more).",
        "improved",
    ),
    "score_short": ngettext_lazy(
        "The score is %(score)s; Gold needs %(needed_score)s: %(weight_more)s more indicator met.",
        "The score is %(score)s; Gold needs %(needed_score)s: %(weight_more)s more indicators met.",
        "weight_more",
    ),
}


def missing_text(framework: Framework, missing: Missing) -> str:
    params: dict[str, Any] = dict(missing.params)
    if "id" in params:
        minimum = next((m for m in framework.minimums if m.id == params["id"]), None)
        params["name"] = tr(minimum.name) if minimum else params["id"]
    for key in ("from", "to"):
        if key in params:
            params[key] = date_format(date.fromisoformat(params[key]))
    for key in ("score", "needed_score"):
        if key in params:
            params[key] = f"{_number(float(params[key]) * 100)} %"
    template = MISSING.get(missing.code)
    # Formatting the lazy text itself lets a counted one pick its form from ``params``.
    return str(template % params) if template else missing.code


def indicator_texts(indicator: Indicator) -> Mapping[str, str]:
    return {
        "name": tr(indicator.name),
        "definition": tr(indicator.definition),
        "recommendation": tr(indicator.recommendation),
        "source": tr(indicator.source),
    }


CHOICE_LABELS = {
    "none": gettext_lazy("No label"),
    "bronze": gettext_lazy("Bronze label"),
    "silver": gettext_lazy("Silver label"),
    "gold": gettext_lazy("Gold label"),
    "yes": gettext_lazy("Yes"),
    "no": gettext_lazy("No"),
}


def choice_label(value: str) -> str:
    """A questionnaire answer as a person reads it (a choice's label, or the value itself)."""
    return str(CHOICE_LABELS.get(value, value))
