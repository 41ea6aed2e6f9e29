"""The preview of a calendar file: each past event matched, attendee by attendee, to the team,
to participants' contact persons (by e-mail) and to participants (by domain)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils.translation import gettext as _

from clusterdesk.engagement.models import ContactKind
from clusterdesk.tenancy.models import Cluster

from . import matching
from .calendar import CalendarEvent
from .plan import (
    SKIPPED,
    SOURCE_CALENDAR,
    UNCHANGED,
    ContactDraft,
    ImportPlan,
    Matched,
    PlanRow,
    Registry,
    logged_between,
)


def _address_words(match: matching.AddressMatch) -> str:
    if match.rule == matching.AMBIGUOUS:
        return _("%(address)s: the domain %(domain)s is shared by %(names)s") % {
            "address": match.address,
            "domain": match.domain,
            "names": ", ".join(match.candidates),
        }
    if match.rule == matching.COLLEAGUE:
        return _("%(address)s: an address of the cluster organisation, not on the team") % {
            "address": match.address
        }
    return _("%(address)s: no participant has this address or its domain") % {
        "address": match.address
    }


def calendar_plan(
    cluster: Cluster, actor: Any, events: list[CalendarEvent], *, today: date
) -> ImportPlan:
    plan = ImportPlan(SOURCE_CALENDAR)
    registry = Registry.load(cluster)
    index = registry.attendee_index()
    logged_ids: set[tuple[str, int]] = set()
    logged_days: set[tuple[int, date]] = set()
    for row in logged_between(
        cluster, (event.day for event in events if event.day and event.day <= today)
    ):
        logged_days.add((row["organisation_id"], row["date"]))
        if row["external_id"]:
            logged_ids.add((row["external_id"], row["organisation_id"]))
    planned: set[tuple[str, int]] = set()
    actor_id = getattr(actor, "pk", None)
    for event in events:
        reference = _("Event %(number)s") % {"number": event.position}
        row = PlanRow(reference, event.day, event.summary or _("(no title)"))
        row.kind = ContactKind.VIDEO if event.video else ContactKind.MEETING
        plan.rows.append(row)
        if event.problem:
            row.action = SKIPPED
            row.reason = _("Its start date could not be read.")
            continue
        if event.cancelled:
            row.action = SKIPPED
            row.reason = _("The event was cancelled.")
            continue
        assert event.day is not None
        if event.day > today:
            row.action = SKIPPED
            row.reason = _("It is in the future; import it once it has happened.")
            continue
        organisations: dict[int, list[str]] = {}  # id → how it matched
        people: dict[int, list[int]] = {}
        staff_ids: list[int] = []
        for attendee in event.attendees:
            found = index.match(attendee.email)
            if attendee.declined and found.rule != matching.TEAM:
                row.unmatched.append(
                    _("%(address)s declined the invitation") % {"address": attendee.email}
                )
                continue
            if found.rule == matching.TEAM and found.member is not None:
                if found.member.id not in staff_ids:
                    staff_ids.append(found.member.id)
                    row.staff.append(found.member.name)
            elif found.rule == matching.EMAIL and found.organisation and found.person:
                organisations.setdefault(found.organisation.id, []).append(
                    _("e-mail of %(person)s") % {"person": found.person.name}
                )
                people.setdefault(found.organisation.id, []).append(found.person.id)
                row.people.append(found.person.name)
            elif found.rule == matching.DOMAIN and found.organisation:
                organisations.setdefault(found.organisation.id, []).append(
                    _("domain %(domain)s") % {"domain": found.domain}
                )
            elif found.rule == matching.PUBLIC:
                row.ignored.append(attendee.email)
            else:
                row.unmatched.append(_address_words(found))
                row.unmatched_addresses.append(found.address)
        if not organisations:
            row.action = SKIPPED
            row.reason = _("No participant matched any attendee.")
            continue
        if not staff_ids and actor_id is not None:
            staff_ids = [actor_id]
            row.staff.append(str(actor))
        external_id = event.external_id
        for organisation_id, hows in organisations.items():
            name = registry.organisations[organisation_id].name
            matched = Matched(organisation_id, name, ", ".join(dict.fromkeys(hows)))
            row.matched.append(matched)
            key = (external_id, organisation_id)
            if key in logged_ids or key in planned:
                matched.new = False
                matched.how += " · " + _("already imported")
            elif (organisation_id, event.day) in logged_days:
                matched.new = False
                matched.how += " · " + _("a contact that day is already in the log")
            else:
                planned.add(key)
                row.drafts.append(
                    ContactDraft(
                        organisation_id=organisation_id,
                        kind=row.kind,
                        date=event.day,
                        staff_ids=list(staff_ids),
                        people_ids=list(dict.fromkeys(people.get(organisation_id, []))),
                        notes=event.notes,
                        external_id=external_id,
                        row=reference,
                    )
                )
        if not row.drafts:
            row.action = UNCHANGED
            row.reason = _("Already in the contact log.")
    return plan
