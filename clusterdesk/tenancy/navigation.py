"""The main menu of a cluster: which section the current page belongs to, and the page inside
the sections that have their own row of pages: "Our organisation" (team, governance, finance,
strategy, recognition, cluster profile) and "Excellence" (readiness, history, roadmap, peers,
questionnaire, report)."""

from __future__ import annotations

from django.http import HttpRequest

# (section key, view-name prefixes that belong to it); the first match wins.
SECTIONS = [
    ("dashboard", ("engagement:dashboard",)),
    (
        "participants",
        (
            "participants:list",
            "participants:detail",
            "participants:new",
            "participants:edit",
            "participants:delete",
            "participants:contact_",
            "participants:home",
        ),
    ),
    ("people", ("participants:contacts",)),
    (
        "contact_log",
        ("engagement:contact", "engagement:quick_log", "engagement:participant_suggest"),
    ),
    ("tasks", ("engagement:my_tasks", "engagement:task_")),
    (
        "activities",
        ("engagement:activit", "engagement:participant_pick", "engagement:participant_chosen"),
    ),
    ("working_groups", ("engagement:working_group",)),
    (
        "organisation",
        (
            "engagement:team",
            "engagement:governance",
            "engagement:finance",
            "engagement:strategy",
            "engagement:recognition",
            "tenancy:cluster_profile",
        ),
    ),
    ("services", ("services:",)),
    ("surveys", ("surveys:",)),
    ("matchmaking", ("matchmaking:",)),
    ("events", ("events:",)),
    ("excellence", ("benchmarking:",)),
    ("mapping", ("mapping:",)),
    ("import", ("participants:import",)),
    ("access", ("tenancy:team", "tenancy:invitation", "tenancy:membership")),
    ("audit", ("tenancy:audit",)),
]

ORGANISATION_PAGES = [
    ("team", "engagement:team"),
    ("governance", "engagement:governance"),
    ("finance", "engagement:finance"),
    ("strategy", "engagement:strategy"),
    ("recognition", "engagement:recognition"),
    ("profile", "tenancy:cluster_profile"),
]

EXCELLENCE_PAGES = [
    ("history", ("benchmarking:history", "benchmarking:snapshot", "benchmarking:compare")),
    ("roadmap", ("benchmarking:roadmap",)),
    ("peers", ("benchmarking:peers", "benchmarking:reference")),
    ("questionnaire", ("benchmarking:questionnaire", "benchmarking:answer")),
    ("report", ("benchmarking:report",)),
    ("readiness", ("benchmarking:",)),
]


def nav_section(request: HttpRequest) -> tuple[str, str]:
    """(section, page inside the section) of the current page; empty strings when none."""
    match = getattr(request, "resolver_match", None)
    view_name = match.view_name if match else ""
    section = next((key for key, prefixes in SECTIONS if view_name.startswith(prefixes)), "")
    page = ""
    if section == "organisation":
        page = next((key for key, name in ORGANISATION_PAGES if view_name.startswith(name)), "")
    elif section == "excellence":
        page = next((key for key, names in EXCELLENCE_PAGES if view_name.startswith(names)), "")
    return section, page
