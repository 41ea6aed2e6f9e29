"""The management team: its staff members, their training, and what the team page shows
(total FTE, training days per person — indicator B1 —, job descriptions and vacancies — B2).

Every write goes through a service here: the pages, the API and commands call the same
functions. The rules are public so that forms can show each problem beside its field."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import UploadedFile
from django.db.models import DecimalField, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from clusterdesk.engagement.models import StaffMember, TrainingRecord
from clusterdesk.engagement.rules import days_problems, not_in_future, period_problems
from clusterdesk.engagement.team_continuity import (
    VACANCY_LIMIT_DAYS,
    VACANCY_WINDOW_MONTHS,
    Holding,
    Transition,
    TransitionKind,
    post_histories,
)
from clusterdesk.lib.errors import DomainError, Problems, raise_first
from clusterdesk.lib.periods import Period, last_months
from clusterdesk.lib.tabular import write_table
from clusterdesk.tenancy.access import EDIT_ROLES
from clusterdesk.tenancy.audit import diff, snapshot
from clusterdesk.tenancy.models import Cluster, Membership

from .records import merged_values, record_create, record_delete, record_update

STAFF_FIELDS = ("full_name", "user", "post", "fte", "started_on", "ended_on")
STAFF_RECORD_FIELDS = (*STAFF_FIELDS, "job_description")  # as the audit log shows a change
TRAINING_FIELDS = ("date", "days", "topic", "provider")

FTE_MIN = Decimal("0.05")
FTE_MAX = Decimal("1")
# The SPEC's minimum requirement: a management team of at least half a full-time post.
MINIMUM_TEAM_FTE = Decimal("0.5")
# Indicator B1: every staff member had more than two training days in the last 12 months.
TRAINING_DAYS_EXPECTED = Decimal("2")
TRAINING_WINDOW_MONTHS = 12

DOCUMENT_EXTENSIONS = (".pdf", ".doc", ".docx", ".odt", ".rtf", ".txt")
DOCUMENT_MAX_BYTES = 10 * 1024 * 1024


# --------------------------------------------------------------------------- rules


def _date(value: date) -> str:
    return formats.date_format(value, "SHORT_DATE_FORMAT")


def document_problems(upload: Any, field_name: str) -> Problems:
    """An uploaded document: an office or PDF file of reasonable size."""
    if not isinstance(upload, UploadedFile):
        return []  # nothing new uploaded
    extension = os.path.splitext(upload.name or "")[1].lower()
    if extension not in DOCUMENT_EXTENSIONS:
        return [
            (
                field_name,
                _("Upload a PDF, Word, OpenDocument, RTF or text file (%(types)s).")
                % {"types": ", ".join(DOCUMENT_EXTENSIONS)},
            )
        ]
    if upload.size and upload.size > DOCUMENT_MAX_BYTES:
        return [(field_name, _("The file is larger than 10 MB; upload a smaller copy."))]
    return []


def fte_problems(fte: Any) -> Problems:
    if fte is None or fte == "":
        return [("fte", _("Give the FTE, e.g. 0.5 for half time or 1 for full time."))]
    try:
        value = Decimal(str(fte))
    except (InvalidOperation, ValueError):
        value = Decimal("NaN")
    if not value.is_finite():
        return [("fte", _("Give the FTE as a number, e.g. 0.5 for half time or 1 for full time."))]
    if value < FTE_MIN or value > FTE_MAX:
        return [("fte", _("The FTE is between 0.05 (about two hours a week) and 1 (full time)."))]
    if value != value.quantize(Decimal("0.01")):
        return [("fte", _("Give the FTE with at most two decimals, e.g. 0.75."))]
    return []


def team_accounts(cluster: Cluster) -> QuerySet:
    """The user accounts a staff member may be linked to: this cluster's managers and staff."""
    return (
        get_user_model()
        .objects.filter(
            memberships__cluster=cluster, memberships__role__in=EDIT_ROLES, is_active=True
        )
        .order_by("full_name", "email")
    )


def _training_outside_problems(
    cluster: Cluster, member: StaffMember, started_on: date | None, ended_on: date | None
) -> Problems:
    """Recorded training must stay within the person's time in the post."""
    trainings = TrainingRecord.objects.for_cluster(cluster).filter(staff_member=member)
    problems: Problems = []
    before = trainings.filter(date__lt=started_on).count() if started_on else 0
    if before:
        message = ngettext(
            "%(count)s training record is dated before this start: correct or delete it first.",
            "%(count)s training records are dated before this start: correct or delete them first.",
            before,
        )
        problems.append(("started_on", message % {"count": before}))
    after = trainings.filter(date__gt=ended_on).count() if ended_on else 0
    if after:
        message = ngettext(
            "%(count)s training record is dated after this end: correct or delete it first.",
            "%(count)s training records are dated after this end: correct or delete them first.",
            after,
        )
        problems.append(("ended_on", message % {"count": after}))
    return problems


def staff_member_problems(
    *, cluster: Cluster, data: dict[str, Any], instance: StaffMember | None = None
) -> Problems:
    """What is wrong with these values for a staff member of ``cluster``."""
    problems: Problems = []
    if not (data.get("full_name") or "").strip():
        problems.append(("full_name", _("Give the person's name.")))
    if not (data.get("post") or "").strip():
        problems.append(("post", _("Give the post, e.g. Cluster manager.")))
    problems += fte_problems(data.get("fte"))
    started_on, ended_on = data.get("started_on"), data.get("ended_on")
    if started_on is None:
        problems.append(("started_on", _("Give the date the person started in this post.")))
    problems += period_problems(
        started_on, ended_on, start_field="started_on", end_field="ended_on"
    )
    user = data.get("user")
    unchanged = instance is not None and user is not None and instance.user_id == user.pk
    if (
        user is not None
        and not unchanged
        and not Membership.objects.filter(cluster=cluster, user=user, role__in=EDIT_ROLES).exists()
    ):
        problems.append(("user", _("This person has no account in this cluster's team.")))
    if instance is not None and instance.pk is not None:
        problems += _training_outside_problems(cluster, instance, started_on, ended_on)
    problems += document_problems(data.get("job_description"), "job_description")
    return problems


def training_problems(*, staff_member: StaffMember, data: dict[str, Any], today: date) -> Problems:
    problems: Problems = []
    when = data.get("date")
    if when is None:
        problems.append(("date", _("Give the date of the training.")))
    else:
        problems += not_in_future(when, "date", today=today)
        if when < staff_member.started_on:
            problems.append(
                (
                    "date",
                    _("This is before %(name)s joined the team (%(date)s).")
                    % {"name": staff_member.full_name, "date": _date(staff_member.started_on)},
                )
            )
        elif staff_member.ended_on and when > staff_member.ended_on:
            problems.append(
                (
                    "date",
                    _("This is after %(name)s left the team (%(date)s).")
                    % {"name": staff_member.full_name, "date": _date(staff_member.ended_on)},
                )
            )
    if data.get("days") in (None, ""):
        problems.append(("days", _("Give the training days, e.g. 0.5, 1 or 2.")))
    else:
        problems += days_problems(data["days"], field="days")
    if not (data.get("topic") or "").strip():
        problems.append(("topic", _("Give the topic of the training.")))
    return problems


# --------------------------------------------------------------------------- writes


def _staff_data(data: dict[str, Any]) -> dict[str, Any]:
    """The values a staff member is saved with: the post with single spaces; the job
    description only when one was uploaded or removed."""
    values = {name: data.get(name) for name in STAFF_FIELDS}
    values["post"] = " ".join((values["post"] or "").split())
    if "job_description" in data:
        values["job_description"] = data["job_description"]
    return values


def staff_member_create(
    *, cluster: Cluster, actor: Any, data: dict[str, Any], source: str = "web"
) -> StaffMember:
    raise_first(staff_member_problems(cluster=cluster, data=data))
    return record_create(
        model=StaffMember,
        cluster=cluster,
        actor=actor,
        data=_staff_data(data),
        fields=STAFF_RECORD_FIELDS,
        source=source,
    )


def staff_member_update(
    *, staff_member: StaffMember, actor: Any, data: dict[str, Any], source: str = "web"
) -> StaffMember:
    merged = merged_values(staff_member, data, STAFF_FIELDS)
    checked = {**merged, "job_description": data.get("job_description")}
    raise_first(
        staff_member_problems(cluster=staff_member.cluster, data=checked, instance=staff_member)
    )
    return record_update(
        instance=staff_member,
        actor=actor,
        data=_staff_data({**data, **merged}),
        fields=STAFF_RECORD_FIELDS,
        source=source,
    )


def staff_member_end(
    *, staff_member: StaffMember, actor: Any, ended_on: date | None, source: str = "web"
) -> StaffMember:
    """Record that a person left their post (their last day)."""
    if ended_on is None:
        raise DomainError(_("Give the person's last day in the post."), field="ended_on")
    return staff_member_update(
        staff_member=staff_member, actor=actor, data={"ended_on": ended_on}, source=source
    )


def staff_member_delete(*, staff_member: StaffMember, actor: Any, source: str = "web") -> None:
    """Delete a staff member entered by mistake, with their training records. (Someone who
    left is ended, not deleted: the post's history shows them.)"""
    record_delete(
        instance=staff_member,
        actor=actor,
        source=source,
        changes={"training_records": [staff_member.trainings.count(), 0]},
    )


def training_record_create(
    *,
    staff_member: StaffMember,
    actor: Any,
    data: dict[str, Any],
    today: date,
    source: str = "web",
) -> TrainingRecord:
    raise_first(training_problems(staff_member=staff_member, data=data, today=today))
    return record_create(
        model=TrainingRecord,
        cluster=staff_member.cluster,
        actor=actor,
        data={
            "staff_member": staff_member,
            "date": data["date"],
            "days": Decimal(str(data["days"])),
            "topic": data["topic"],
            "provider": data.get("provider") or "",
        },
        fields=(*TRAINING_FIELDS, "staff_member"),
        source=source,
    )


def training_record_delete(
    *, training_record: TrainingRecord, actor: Any, source: str = "web"
) -> None:
    record_delete(
        instance=training_record,
        actor=actor,
        source=source,
        changes=diff(snapshot(training_record, TRAINING_FIELDS), {}),
    )


# --------------------------------------------------------------------------- reads


def period_status(started_on: date, ended_on: date | None, today: date) -> str:
    """ "current", "upcoming" (starts after today) or "former" (ended before today)."""
    if started_on > today:
        return "upcoming"
    if ended_on is not None and ended_on < today:
        return "former"
    return "current"


def staff_status(member: StaffMember, today: date) -> str:
    return period_status(member.started_on, member.ended_on, today)


def training_window(today: date) -> Period:
    """The days whose training counts: the last 12 months."""
    return last_months(today, TRAINING_WINDOW_MONTHS)


def staff_with_training_days(cluster: Cluster, today: date) -> QuerySet:
    """The cluster's staff members with ``training_days`` (last 12 months) and
    ``training_days_total`` added, in one query."""
    zero = Value(Decimal("0"), output_field=DecimalField(max_digits=8, decimal_places=1))
    recent = Q(trainings__date__range=training_window(today).range)
    return (
        StaffMember.objects.for_cluster(cluster)
        .select_related("user")
        .annotate(
            training_days=Coalesce(Sum("trainings__days", filter=recent), zero),
            training_days_total=Coalesce(Sum("trainings__days"), zero),
        )
    )


@dataclass
class StaffRow:
    member: StaffMember
    status: str
    training_days: Decimal
    training_short: bool
    has_job_description: bool


@dataclass
class TransitionRow:
    transition: Transition
    left_by: StaffMember
    filled_by: StaffMember | None
    days_in_window: int
    too_long: bool


@dataclass
class PostStep:
    """One line of a post's history: a holder, or what happened between two holders."""

    holder: StaffMember | None = None
    change: TransitionRow | None = None


@dataclass
class PostRow:
    post: str
    steps: list[PostStep]
    held_now: bool
    has_long_vacancy: bool


@dataclass
class TeamOverview:
    today: date
    training_window: Period
    vacancy_window: Period
    current: list[StaffRow]
    others: list[StaffRow]
    total_fte: Decimal
    posts: list[PostRow]
    recent_trainings: list[TrainingRecord]
    long_vacancies: list[TransitionRow] = field(default_factory=list)

    minimum_fte = MINIMUM_TEAM_FTE
    training_days_expected = TRAINING_DAYS_EXPECTED
    vacancy_limit_days = VACANCY_LIMIT_DAYS

    @property
    def meets_minimum_fte(self) -> bool:
        return self.total_fte >= MINIMUM_TEAM_FTE

    @property
    def short_of_training(self) -> list[StaffRow]:
        return [row for row in self.current if row.training_short]

    @property
    def without_job_description(self) -> list[StaffRow]:
        return [row for row in self.current if not row.has_job_description]

    @property
    def continuity_problems(self) -> int:
        return len(self.without_job_description) + len(self.long_vacancies)

    @property
    def training_met(self) -> bool | None:
        """Indicator B1; None without a current team."""
        return None if not self.current else not self.short_of_training

    @property
    def continuity_met(self) -> bool | None:
        """Indicator B2; None without a current team."""
        if not self.current:
            return None
        return not self.without_job_description and not self.long_vacancies


def _staff_row(member: StaffMember, today: date) -> StaffRow:
    return StaffRow(
        member=member,
        status=staff_status(member, today),
        training_days=member.training_days,
        training_short=member.training_days <= TRAINING_DAYS_EXPECTED,
        has_job_description=bool(member.job_description),
    )


def _post_rows(
    members: list[StaffMember], today: date, window: Period
) -> tuple[list[PostRow], list[TransitionRow]]:
    holdings = [
        Holding(
            holder=member, post=member.post, started_on=member.started_on, ended_on=member.ended_on
        )
        for member in members
    ]
    rows: list[PostRow] = []
    long: list[TransitionRow] = []
    for history in post_histories(holdings, today=today):
        changes: dict[Any, TransitionRow] = {}
        ending: TransitionRow | None = None
        for transition in history.transitions:
            in_window = transition.vacant_days_between(*window.range)
            row = TransitionRow(
                transition=transition,
                left_by=transition.left_by,  # type: ignore[arg-type]
                filled_by=transition.filled_by,  # type: ignore[arg-type]
                days_in_window=in_window,
                too_long=in_window > VACANCY_LIMIT_DAYS,
            )
            if row.too_long:
                long.append(row)
            if transition.kind is TransitionKind.VACANT:
                ending = row
            else:
                changes[transition.filled_by] = row
        steps: list[PostStep] = []
        for holding in history.holdings:
            if holding.holder in changes:
                steps.append(PostStep(change=changes[holding.holder]))
            steps.append(PostStep(holder=holding.holder))  # type: ignore[arg-type]
        if ending is not None:
            steps.append(PostStep(change=ending))
        rows.append(
            PostRow(
                post=history.post,
                steps=steps,
                held_now=any(
                    staff_status(h.holder, today) == "current"  # type: ignore[arg-type]
                    for h in history.holdings
                ),
                has_long_vacancy=any(
                    step.change is not None and step.change.too_long for step in steps
                ),
            )
        )
    return rows, long


def team_overview(cluster: Cluster, today: date) -> TeamOverview:
    """Everything the team page shows, in three queries whatever the team's size."""
    members = list(staff_with_training_days(cluster, today))
    rows = [_staff_row(member, today) for member in members]
    current = sorted(
        (row for row in rows if row.status == "current"),
        key=lambda row: (row.member.post.casefold(), row.member.full_name.casefold()),
    )
    others = sorted(
        (row for row in rows if row.status != "current"),
        key=lambda row: row.member.ended_on or row.member.started_on,
        reverse=True,
    )
    trainings = training_window(today)
    vacancies = last_months(today, VACANCY_WINDOW_MONTHS)
    posts, long = _post_rows(members, today, vacancies)
    recent = list(
        TrainingRecord.objects.for_cluster(cluster)
        .filter(date__range=trainings.range)
        .select_related("staff_member")
        .order_by("-date", "-id")
    )
    return TeamOverview(
        today=today,
        training_window=trainings,
        vacancy_window=vacancies,
        current=current,
        others=others,
        total_fte=sum((row.member.fte for row in current), Decimal("0")),
        posts=posts,
        recent_trainings=recent,
        long_vacancies=long,
    )


def team_export(cluster: Cluster, file_format: str, today: date) -> bytes:
    """The whole team, current and former, with training days, as CSV or XLSX."""
    statuses = {"current": _("current"), "former": _("left"), "upcoming": _("starting")}
    headers = [
        _("Name"),
        _("Post"),
        _("FTE"),
        _("Started on"),
        _("Ended on"),
        _("Status"),
        _("User account"),
        _("Job description"),
        _("Training days in the last 12 months"),
        _("Training days in all"),
    ]
    rows = [
        [
            member.full_name,
            member.post,
            member.fte,
            member.started_on,
            member.ended_on or "",
            statuses[staff_status(member, today)],
            member.user.email if member.user else "",
            _("yes") if member.job_description else _("no"),
            member.training_days,
            member.training_days_total,
        ]
        for member in staff_with_training_days(cluster, today).order_by("post", "started_on", "id")
    ]
    return write_table(headers, rows, file_format)
