"""What makes an activity, its list of participants, a working group or an output right: each
rule returns the problems found as (field, message), so that a form shows them beside their
fields and rows and the services refuse the same input for every other caller. Problems in a list
of participants name their row: ``involvements.<index>.<field>``."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from clusterdesk.engagement import rules
from clusterdesk.engagement.models import ActivityKind, InvolvementRole, WorkingGroup
from clusterdesk.lib.errors import Problems
from clusterdesk.participants.models import Contact, Organisation
from clusterdesk.tenancy.models import Cluster

ACTIVITY_FIELDS = (
    "kind",
    "title",
    "starts_on",
    "ends_on",
    "place",
    "is_international",
    "working_group",
    "description",
)
WORKING_GROUP_FIELDS = (
    "name",
    "theme",
    "chair",
    "chair_person",
    "started_on",
    "ended_on",
    "description",
)
# Typing errors, not plans: an activity of more than ten years, or starting years ahead.
MAX_ACTIVITY_YEARS = 10
MAX_YEARS_AHEAD = 3
# Up to a working week an activity is an event people attend throughout (a meeting, a fair, a
# delegation), so an active contributor's days default to its length; beyond that (a project)
# only the person recording it knows the days.
EVENT_LENGTH_DAYS = 5
PASSIVE_BY_DEFAULT = {
    ActivityKind.SEMINAR,
    ActivityKind.WORKSHOP,
    ActivityKind.NETWORKING,
    ActivityKind.LECTURE,
}
PASSIVE_DEFAULT_DAYS = Decimal("0.5")
# A working group is active with at least this many member organisations (SPEC B6).
ACTIVE_GROUP_MEMBERS = 3


@dataclass(frozen=True)
class InvolvementInput:
    """One organisation's part in an activity, as a caller gives it: its role (an
    ``InvolvementRole`` value) and its days (anything ``Decimal`` reads: 1, "0.5", 2.5)."""

    organisation: Organisation | None
    role: str
    days: Decimal | int | float | str | None


def as_days(value: Any) -> Decimal:
    return Decimal(str(value))


def row_field(index: int, name: str) -> str:
    """How a problem in the involvement list names its field: ``involvements.2.days``."""
    return f"involvements.{index}.{name}"


def activity_problems(
    *,
    cluster: Cluster,
    kind: str,
    title: str,
    starts_on: date | None,
    ends_on: date | None,
    working_group: WorkingGroup | None = None,
    today: date | None = None,
    **_ignored: Any,
) -> Problems:
    """What is wrong with an activity's own fields, as (field, message)."""
    today = today or timezone.localdate()
    problems: Problems = []
    if kind not in ActivityKind.values:
        problems.append(("kind", _("Choose what kind of activity it was.")))
    if not (title or "").strip():
        problems.append(("title", _("Give the activity a title.")))
    if starts_on is None:
        problems.append(("starts_on", _("Give the day the activity starts.")))
    elif starts_on.year > today.year + MAX_YEARS_AHEAD:
        problems.append(("starts_on", _("This is years ahead; check the year.")))
    if ends_on is None:
        problems.append(("ends_on", _("Give the day it ends (the same day for one day).")))
    problems += rules.period_problems(starts_on, ends_on)
    if starts_on and ends_on and (ends_on - starts_on).days > 366 * MAX_ACTIVITY_YEARS:
        problems.append(
            (
                "ends_on",
                _("An activity of more than %(years)s years: check the dates.")
                % {"years": MAX_ACTIVITY_YEARS},
            )
        )
    if working_group is not None and working_group.cluster_id != cluster.pk:
        problems.append(("working_group", _("Choose a working group of this cluster.")))
    return problems


def _period_for_days(starts_on: date | None, ends_on: date | None) -> tuple[date | None, ...]:
    if starts_on and ends_on and not rules.period_problems(starts_on, ends_on):
        return starts_on, ends_on
    return None, None


def involvement_problems(
    *,
    cluster_id: int,
    starts_on: date | None,
    ends_on: date | None,
    involvements: Sequence[InvolvementInput],
) -> Problems:
    """What is wrong with a list of involvements, each problem named by its row
    (``involvements.<index>.<field>``): another cluster's organisation, the same organisation
    twice, an unknown role, days that are not positive half-days within the activity."""
    start, end = _period_for_days(starts_on, ends_on)
    problems: Problems = []
    seen: dict[int, int] = {}
    for index, item in enumerate(involvements):
        organisation = item.organisation
        if organisation is None:
            problems.append((row_field(index, "organisation"), _("Choose a participant.")))
        else:
            problems += rules.same_cluster_problems(
                cluster_id, [organisation], row_field(index, "organisation")
            )
            if organisation.pk in seen:
                problems.append(
                    (
                        row_field(index, "organisation"),
                        _("%(name)s is already in the list (row %(row)s).")
                        % {"name": organisation, "row": seen[organisation.pk] + 1},
                    )
                )
            else:
                seen[organisation.pk] = index
        if item.role not in InvolvementRole.values:
            problems.append(
                (
                    row_field(index, "role"),
                    _("Say whether it contributed actively or attended."),
                )
            )
        if item.days is None or item.days == "":
            problems.append((row_field(index, "days"), _("Give the days of involvement.")))
        else:
            problems += rules.days_problems(
                item.days, field=row_field(index, "days"), starts_on=start, ends_on=end
            )
    return problems


def working_group_problems(
    *,
    cluster: Cluster,
    name: str,
    chair: Organisation | None = None,
    chair_person: Contact | None = None,
    started_on: date | None = None,
    ended_on: date | None = None,
    members: Sequence[Organisation] = (),
    **_ignored: Any,
) -> Problems:
    problems: Problems = []
    if not (name or "").strip():
        problems.append(("name", _("Give the working group a name.")))
    problems += rules.same_cluster_problems(cluster.pk, [chair], "chair")
    if chair_person is not None:
        if chair_person.cluster_id != cluster.pk:
            problems.append(("chair_person", _("Choose a person of this cluster.")))
        elif chair is not None and chair_person.organisation_id != chair.pk:
            problems.append(
                (
                    "chair_person",
                    _("%(person)s is not a contact of %(organisation)s.")
                    % {"person": chair_person, "organisation": chair},
                )
            )
    problems += rules.period_problems(
        started_on, ended_on, start_field="started_on", end_field="ended_on"
    )
    problems += rules.same_cluster_problems(cluster.pk, list(members), "members")
    return problems


def output_problems(*, title: str, date: date | None, today: date | None = None) -> Problems:
    problems: Problems = []
    if not (title or "").strip():
        problems.append(("title", _("Give the output a title.")))
    if date is None:
        problems.append(("date", _("Give the date of the output.")))
    else:
        problems += rules.not_in_future(date, "date", today=today or timezone.localdate())
    return problems


def default_involvement(
    kind: str, starts_on: date | None, ends_on: date | None, role: str | None = None
) -> tuple[str, Decimal | None]:
    """The role and days a new row starts with. Attendees of seminars, workshops, lectures and
    networking events are usually passive, everyone else active. Active contributors are there
    throughout an event of up to a working week; for longer activities (a project) the days
    are left for the person to give. Passive attendance defaults to half a day: it does not
    count towards being actively involved, whatever its days."""
    if role not in InvolvementRole.values:
        role = InvolvementRole.PASSIVE if kind in PASSIVE_BY_DEFAULT else InvolvementRole.ACTIVE
    if role == InvolvementRole.PASSIVE:
        return role, PASSIVE_DEFAULT_DAYS
    start, end = _period_for_days(starts_on, ends_on)
    if start is None or end is None:
        return role, Decimal(1)
    span = (end - start).days + 1
    return role, (Decimal(span) if span <= EVENT_LENGTH_DAYS else None)
