"""The preview of a contact-log sheet (CSV or XLSX): each row resolved to a participant, a
kind, the team and the people met, or the reasons it cannot be imported."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from django.utils.translation import gettext as _

from clusterdesk.engagement import rules
from clusterdesk.engagement.models import ContactKind
from clusterdesk.lib.tabular import Table
from clusterdesk.participants.importing.values import CellError, as_date, as_text
from clusterdesk.participants.matching import Known, OrganisationIndex, vat_key
from clusterdesk.tenancy.models import Cluster

from .columns import (
    DATE,
    KIND,
    NOTES,
    PARTICIPANT,
    PEOPLE_MET,
    REQUIRED,
    STAFF,
    kind_from_text,
    map_headers,
)
from .plan import (
    REJECTED,
    SKIPPED,
    SOURCE_TABLE,
    UNCHANGED,
    ContactDraft,
    ImportPlan,
    Matched,
    PlanRow,
    Registry,
    logged_between,
    normal_notes,
)

_SEPARATORS = re.compile(r"[;,\s]+")


def _participant_index(registry: Registry) -> OrganisationIndex:
    return OrganisationIndex.build(
        [
            Known(pk, known.name, registry.vats.get(pk, ""), known.website)
            for pk, known in registry.organisations.items()
        ]
    )


def _looks_like_vat(text: str) -> bool:
    return sum(ch.isdigit() for ch in vat_key(text)) >= 6


def _match_words(reason: str, name: str, score: float) -> str:
    if reason == "vat":
        return _("by VAT number")
    if reason == "website":
        return _("by website")
    if reason == "similar_name":
        return _("by a similar name (%(score)s %% alike): check it is %(name)s") % {
            "score": round(score),
            "name": name,
        }
    return _("by name")


def table_plan(cluster: Cluster, actor: Any, table: Table, *, today: date) -> ImportPlan:
    mapping, ignored = map_headers(table.headers)
    plan = ImportPlan(SOURCE_TABLE, ignored_headers=ignored)
    missing = [column for column in REQUIRED if column not in mapping.values()]
    if missing:
        names = {DATE: _("date"), PARTICIPANT: _("participant"), KIND: _("kind")}
        plan.file_errors.append(
            _(
                "The file has no column for: %(columns)s. Name the columns date, participant, "
                "kind, staff, notes and people met (or their Italian, Spanish or Turkish names)."
            )
            % {"columns": ", ".join(str(names[column]) for column in missing)}
        )
        return plan
    registry = Registry.load(cluster)
    participants = _participant_index(registry)
    people_by_email = {person.email.lower(): person for person in registry.people}
    team_by_email = {member.email.lower(): member for member in registry.team.values()}
    actor_id = getattr(actor, "pk", None)

    cells: list[tuple[int, dict[str, Any]]] = []
    for number, row in table.rows:
        values = {
            column: row[position] if position < len(row) else None
            for position, column in mapping.items()
        }
        cells.append((number, values))
    participants.prepare_similar([as_text(values.get(PARTICIPANT)) for _n, values in cells])
    parsed_days: list[date | None] = []
    for _number, values in cells:
        try:
            parsed_days.append(as_date(values.get(DATE)))
        except CellError:
            parsed_days.append(None)
    logged = {
        (row["organisation_id"], row["date"], row["kind"], normal_notes(row["notes"]))
        for row in logged_between(cluster, parsed_days)
    }
    seen: dict[tuple[Any, ...], str] = {}
    for (number, values), day in zip(cells, parsed_days, strict=True):
        reference = _("Row %(number)s") % {"number": number}
        participant_text = as_text(values.get(PARTICIPANT))
        row = PlanRow(reference, day, participant_text or _("(no participant)"))
        errors = row.errors
        # date
        try:
            as_date(values.get(DATE))
        except CellError as error:
            errors.append((DATE, str(error)))
        else:
            if day is None:
                errors.append((DATE, _("The date is missing.")))
            else:
                errors += rules.not_in_future(day, DATE, today=today)
        # participant
        organisation_id: int | None = None
        if not participant_text:
            errors.append((PARTICIPANT, _("The participant is missing.")))
        else:
            found = participants.find(
                name=participant_text,
                vat=participant_text if _looks_like_vat(participant_text) else "",
            )
            if found is None:
                errors.append(
                    (
                        PARTICIPANT,
                        _(
                            "No participant called “%(name)s” is in the registry; correct the "
                            "name, give its VAT number, or add it to the registry first."
                        )
                        % {"name": participant_text},
                    )
                )
            else:
                organisation_id = found.id
                row.title = found.name
                row.matched.append(
                    Matched(
                        found.id, found.name, _match_words(found.reason, found.name, found.score)
                    )
                )
        # kind
        kind_text = as_text(values.get(KIND))
        kind = kind_from_text(kind_text)
        if not kind_text:
            errors.append((KIND, _("The kind of contact is missing.")))
        elif kind is None:
            errors.append(
                (
                    KIND,
                    _("“%(value)s” is not a kind of contact; use one of: %(kinds)s.")
                    % {
                        "value": kind_text,
                        "kinds": ", ".join(str(label) for label in ContactKind.labels),
                    },
                )
            )
        else:
            row.kind = kind
        # staff
        staff_ids: list[int] = []
        for address in _addresses(values.get(STAFF)):
            member = team_by_email.get(address)
            if member is None:
                errors.append(
                    (
                        STAFF,
                        _("%(address)s is not a member of this cluster's team.")
                        % {"address": address},
                    )
                )
            elif member.id not in staff_ids:
                staff_ids.append(member.id)
                row.staff.append(member.name)
        if not staff_ids and actor_id is not None:
            staff_ids = [actor_id]
            row.staff.append(str(actor))
        # people met
        people_ids: list[int] = []
        for address in _addresses(values.get(PEOPLE_MET)):
            person = people_by_email.get(address)
            if person is None:
                errors.append(
                    (
                        PEOPLE_MET,
                        _("%(address)s is not a contact in the registry.") % {"address": address},
                    )
                )
            elif organisation_id is not None and person.organisation_id != organisation_id:
                errors.append(
                    (
                        PEOPLE_MET,
                        _("%(person)s works at %(other)s, not at %(organisation)s.")
                        % {
                            "person": person.name,
                            "other": registry.organisations[person.organisation_id].name,
                            "organisation": row.title,
                        },
                    )
                )
            elif person.id not in people_ids:
                people_ids.append(person.id)
                row.people.append(person.name)
        notes = as_text(values.get(NOTES))
        if errors:
            row.action = REJECTED
            plan.rows.append(row)
            continue
        assert organisation_id is not None and day is not None and kind is not None
        key = (organisation_id, day, kind, normal_notes(notes))
        if key in logged:
            row.action = UNCHANGED
            row.reason = _("Already in the contact log.")
            row.matched[0].new = False
        elif key in seen:
            row.action = SKIPPED
            row.reason = _("The same contact as %(row)s.") % {"row": seen[key]}
        else:
            seen[key] = reference
            row.drafts.append(
                ContactDraft(
                    organisation_id=organisation_id,
                    kind=kind,
                    date=day,
                    staff_ids=staff_ids,
                    people_ids=people_ids,
                    notes=notes,
                    row=reference,
                )
            )
        plan.rows.append(row)
    # Messages name the columns as the file does.
    labels = {column: table.headers[position] for position, column in mapping.items()}
    for row in plan.rows:
        row.errors = [(labels.get(column, column), message) for column, message in row.errors]
    return plan


def _addresses(cell: Any) -> list[str]:
    text = as_text(cell).lower()
    return [part.strip("<>()\"'") for part in _SEPARATORS.split(text) if "@" in part]
