"""Governance of the cluster organisation: its profile (legal form, statutes, general manager),
general assemblies, the management board and the advisory or scientific boards and thematic
committees — and the six points of indicator B3, as a checklist.

Every write goes through a service here; the rules are public so forms can show each problem
beside its field."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import Count, Max, Min, Q
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from clusterdesk.engagement.models import (
    BoardMember,
    Committee,
    CommitteeKind,
    GeneralAssembly,
    Governance,
)
from clusterdesk.engagement.rules import not_in_future, period_problems, same_cluster_problems
from clusterdesk.lib.errors import Problems, raise_first
from clusterdesk.lib.periods import last_months
from clusterdesk.participants.models import Category
from clusterdesk.tenancy.audit import diff, snapshot
from clusterdesk.tenancy.models import Cluster

from .records import merged_values, record_create, record_delete, record_update
from .team import document_problems

GOVERNANCE_FIELDS = (
    "legal_form",
    "statutes_define_benefits_and_duties",
    "statutes_updated_on",
    "general_manager",
    "general_manager_since",
)
ASSEMBLY_FIELDS = ("date", "notes")
BOARD_FIELDS = ("full_name", "organisation", "board_role", "appointment", "started_on", "ended_on")
COMMITTEE_FIELDS = ("kind", "name", "started_on", "ended_on")

INDUSTRY_CATEGORIES = (Category.INDUSTRY_SME, Category.INDUSTRY_LARGE)
CHOSEN_BY_PARTICIPANTS = (BoardMember.Appointment.ELECTED, BoardMember.Appointment.NOMINATED)
ASSEMBLY_WINDOW_MONTHS = 12


def _date(value: date) -> str:
    return formats.date_format(value, "SHORT_DATE_FORMAT")


def current_q(today: date) -> Q:
    """Records in force today (``started_on`` … ``ended_on``, both included)."""
    return Q(started_on__lte=today) & (Q(ended_on__isnull=True) | Q(ended_on__gte=today))


def _text(data: dict[str, Any], name: str) -> str:
    return (data.get(name) or "").strip()


# --------------------------------------------------------------------------- profile


def governance_of(cluster: Cluster) -> Governance | None:
    return Governance.objects.for_cluster(cluster).first()


def governance_problems(*, data: dict[str, Any], today: date) -> Problems:
    problems: Problems = []
    problems += not_in_future(data.get("statutes_updated_on"), "statutes_updated_on", today=today)
    if data.get("general_manager_since") and not _text(data, "general_manager"):
        problems.append(
            ("general_manager", _("Give the general manager's name, or leave the date empty."))
        )
    problems += document_problems(data.get("statutes"), "statutes")
    return problems


def governance_save(
    *, cluster: Cluster, actor: Any, data: dict[str, Any], today: date, source: str = "web"
) -> Governance:
    """Change the cluster's governance profile, creating it on the first save."""
    raise_first(governance_problems(data=data, today=today))
    fields = (*GOVERNANCE_FIELDS, "statutes")
    with transaction.atomic():
        governance = Governance.objects.for_cluster(cluster).select_for_update().first()
        if governance is None:
            return record_create(
                model=Governance,
                cluster=cluster,
                actor=actor,
                data=data,
                fields=fields,
                source=source,
            )
        return record_update(
            instance=governance, actor=actor, data=data, fields=fields, source=source
        )


# --------------------------------------------------------------------------- general assemblies


def general_assembly_problems(*, data: dict[str, Any]) -> Problems:
    """A general assembly may lie ahead: it is then shown as planned."""
    problems: Problems = []
    if data.get("date") is None:
        problems.append(("date", _("Give the date of the general assembly.")))
    problems += document_problems(data.get("minutes"), "minutes")
    return problems


def general_assembly_create(
    *, cluster: Cluster, actor: Any, data: dict[str, Any], source: str = "web"
) -> GeneralAssembly:
    raise_first(general_assembly_problems(data=data))
    return record_create(
        model=GeneralAssembly,
        cluster=cluster,
        actor=actor,
        data={**data, "notes": data.get("notes") or ""},
        fields=(*ASSEMBLY_FIELDS, "minutes"),
        source=source,
    )


def general_assembly_delete(*, assembly: GeneralAssembly, actor: Any, source: str = "web") -> None:
    record_delete(
        instance=assembly,
        actor=actor,
        source=source,
        changes=diff(snapshot(assembly, ASSEMBLY_FIELDS), {}),
    )


# --------------------------------------------------------------------------- management board


def board_member_problems(*, cluster: Cluster, data: dict[str, Any]) -> Problems:
    problems: Problems = []
    if not _text(data, "full_name"):
        problems.append(("full_name", _("Give the board member's name.")))
    if data.get("appointment") not in BoardMember.Appointment.values:
        problems.append(
            ("appointment", _("Say whether the member was elected, nominated or appointed."))
        )
    if data.get("started_on") is None:
        problems.append(("started_on", _("Give the date the member joined the board.")))
    problems += period_problems(
        data.get("started_on"), data.get("ended_on"), start_field="started_on", end_field="ended_on"
    )
    problems += same_cluster_problems(cluster.pk, [data.get("organisation")], "organisation")
    return problems


def board_member_create(
    *, cluster: Cluster, actor: Any, data: dict[str, Any], source: str = "web"
) -> BoardMember:
    raise_first(board_member_problems(cluster=cluster, data=data))
    return record_create(
        model=BoardMember,
        cluster=cluster,
        actor=actor,
        data=data,
        fields=BOARD_FIELDS,
        source=source,
    )


def board_member_update(
    *, board_member: BoardMember, actor: Any, data: dict[str, Any], source: str = "web"
) -> BoardMember:
    merged = merged_values(board_member, data, BOARD_FIELDS)
    raise_first(board_member_problems(cluster=board_member.cluster, data=merged))
    return record_update(
        instance=board_member, actor=actor, data=merged, fields=BOARD_FIELDS, source=source
    )


def board_member_delete(*, board_member: BoardMember, actor: Any, source: str = "web") -> None:
    record_delete(
        instance=board_member,
        actor=actor,
        source=source,
        changes=diff(snapshot(board_member, BOARD_FIELDS), {}),
    )


# --------------------------------------------------------------------------- boards and committees


def committee_problems(*, data: dict[str, Any]) -> Problems:
    problems: Problems = []
    if data.get("kind") not in CommitteeKind.values:
        problems.append(("kind", _("Choose an advisory board, a scientific board or a committee.")))
    if not _text(data, "name"):
        problems.append(("name", _("Give the board's or committee's name.")))
    if data.get("started_on") is None:
        problems.append(("started_on", _("Give the date it was set up.")))
    problems += period_problems(
        data.get("started_on"), data.get("ended_on"), start_field="started_on", end_field="ended_on"
    )
    return problems


def committee_create(
    *, cluster: Cluster, actor: Any, data: dict[str, Any], source: str = "web"
) -> Committee:
    raise_first(committee_problems(data=data))
    return record_create(
        model=Committee,
        cluster=cluster,
        actor=actor,
        data=data,
        fields=COMMITTEE_FIELDS,
        source=source,
    )


def committee_update(
    *, committee: Committee, actor: Any, data: dict[str, Any], source: str = "web"
) -> Committee:
    merged = merged_values(committee, data, COMMITTEE_FIELDS)
    raise_first(committee_problems(data=merged))
    return record_update(
        instance=committee, actor=actor, data=merged, fields=COMMITTEE_FIELDS, source=source
    )


def committee_delete(*, committee: Committee, actor: Any, source: str = "web") -> None:
    record_delete(
        instance=committee,
        actor=actor,
        source=source,
        changes=diff(snapshot(committee, COMMITTEE_FIELDS), {}),
    )


# --------------------------------------------------------------------------- indicator B3


@dataclass(frozen=True)
class ChecklistItem:
    """One of the six governance points. ``met`` is None when nothing has been recorded
    to decide it (a data gap rather than a shortfall)."""

    label: str
    met: bool | None
    detail: str
    key: str = ""


@dataclass(frozen=True)
class BoardComposition:
    current: int
    industry: int
    chosen_by_participants: int
    ever_recorded: bool

    @property
    def mainly_industry(self) -> bool:
        """More than half of the current members represent industry (SMEs or large firms):
        exactly half is not "mainly"."""
        return self.current > 0 and self.industry * 2 > self.current

    @property
    def mainly_chosen_by_participants(self) -> bool:
        return self.current > 0 and self.chosen_by_participants * 2 > self.current


def board_composition(cluster: Cluster, today: date) -> BoardComposition:
    counts = BoardMember.objects.for_cluster(cluster).aggregate(
        recorded=Count("id"),
        current=Count("id", filter=current_q(today)),
        industry=Count(
            "id", filter=current_q(today) & Q(organisation__category__in=INDUSTRY_CATEGORIES)
        ),
        chosen=Count("id", filter=current_q(today) & Q(appointment__in=CHOSEN_BY_PARTICIPANTS)),
    )
    return BoardComposition(
        current=counts["current"],
        industry=counts["industry"],
        chosen_by_participants=counts["chosen"],
        ever_recorded=counts["recorded"] > 0,
    )


def _profile_items(governance: Governance | None, today: date) -> list[ChecklistItem]:
    labels = {
        "statutes": _("Statutes or contracts define members' benefits and duties"),
        "legal_form": _("A legal form"),
        "general_manager": _("A general manager in office"),
    }
    if governance is None:
        missing = _("Not recorded yet: fill in the governance profile.")
        return [ChecklistItem(label, None, missing, key) for key, label in labels.items()]
    items = []
    if governance.statutes_define_benefits_and_duties:
        detail = _("Yes, as recorded in the governance profile.")
        if not governance.statutes:
            detail += " " + _("No copy of the statutes is uploaded yet.")
        items.append(ChecklistItem(labels["statutes"], True, detail, "statutes"))
    else:
        items.append(
            ChecklistItem(
                labels["statutes"],
                False,
                _("The profile does not say that the statutes define them."),
                "statutes",
            )
        )
    if governance.legal_form:
        items.append(ChecklistItem(labels["legal_form"], True, governance.legal_form, "legal_form"))
    else:
        items.append(
            ChecklistItem(labels["legal_form"], False, _("No legal form recorded."), "legal_form")
        )
    name, since = governance.general_manager, governance.general_manager_since
    if not name:
        met, detail = False, _("No general manager recorded.")
    elif since and since > today:
        met, detail = (
            False,
            _("%(name)s takes office on %(date)s.") % {"name": name, "date": _date(since)},
        )
    elif since:
        met, detail = True, _("%(name)s, since %(date)s.") % {"name": name, "date": _date(since)}
    else:
        met, detail = True, name
    items.append(ChecklistItem(labels["general_manager"], met, detail, "general_manager"))
    return items


def _assembly_item(cluster: Cluster, today: date) -> ChecklistItem:
    label = _("A general assembly in the last 12 months")
    window = last_months(today, ASSEMBLY_WINDOW_MONTHS)
    dates = GeneralAssembly.objects.for_cluster(cluster).aggregate(
        recorded=Count("id"),
        last=Max("date", filter=Q(date__lte=today)),
        next=Min("date", filter=Q(date__gt=today)),
    )
    planned = (
        " " + _("The next is planned for %(date)s.") % {"date": _date(dates["next"])}
        if dates["next"]
        else ""
    )
    if not dates["recorded"]:
        return ChecklistItem(label, None, _("No general assembly recorded."), "general_assembly")
    if dates["last"] is None:
        return ChecklistItem(label, False, _("None held yet.") + planned, "general_assembly")
    last = _date(dates["last"])
    if dates["last"] in window:
        return ChecklistItem(
            label, True, _("Last held on %(date)s.") % {"date": last} + planned, "general_assembly"
        )
    return ChecklistItem(
        label,
        False,
        _("Last held on %(date)s, more than 12 months ago.") % {"date": last} + planned,
        "general_assembly",
    )


def _board_item(cluster: Cluster, today: date) -> ChecklistItem:
    label = _(
        "A management board mainly of industry representatives, elected or nominated by the "
        "participants"
    )
    board = board_composition(cluster, today)
    if not board.ever_recorded:
        return ChecklistItem(label, None, _("No board member recorded."), "board")
    if not board.current:
        return ChecklistItem(label, False, _("No board member is in office today."), "board")
    detail = ngettext(
        "%(industry)s of %(total)s current member represents industry; %(chosen)s elected or "
        "nominated by the participants.",
        "%(industry)s of %(total)s current members represent industry; %(chosen)s elected or "
        "nominated by the participants.",
        board.current,
    ) % {
        "industry": board.industry,
        "total": board.current,
        "chosen": board.chosen_by_participants,
    }
    if not board.mainly_industry:
        detail += " " + _("More than half must represent industry.")
    if not board.mainly_chosen_by_participants:
        detail += " " + _("Most must be elected or nominated by the participants.")
    met = board.mainly_industry and board.mainly_chosen_by_participants
    return ChecklistItem(label, met, detail, "board")


def _committee_item(cluster: Cluster, today: date) -> ChecklistItem:
    label = _("Advisory or scientific boards, or thematic committees")
    committees = Committee.objects.for_cluster(cluster)
    current = list(committees.filter(current_q(today)).values_list("name", flat=True)[:6])
    if current:
        names = ", ".join(current[:5]) + (" …" if len(current) > 5 else "")
        return ChecklistItem(label, True, names, "committees")
    if committees.exists():
        return ChecklistItem(label, False, _("None is active today."), "committees")
    return ChecklistItem(label, None, _("No board or committee recorded."), "committees")


def governance_checklist(cluster: Cluster, today: date) -> list[ChecklistItem]:
    """The six governance points of indicator B3 (met with five, excellent with six)."""
    return [
        *_profile_items(governance_of(cluster), today),
        _assembly_item(cluster, today),
        _board_item(cluster, today),
        _committee_item(cluster, today),
    ]


def checklist_points(items: list[ChecklistItem]) -> int:
    return sum(1 for item in items if item.met is True)
