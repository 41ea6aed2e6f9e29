"""The preview of an import: per row, what will be created, updated, left unchanged or
rejected and why. The same plan is computed again when the import is applied."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.utils.translation import gettext as _

from clusterdesk.lib.tabular import Table
from clusterdesk.tenancy.audit import audit_value
from clusterdesk.tenancy.models import Cluster

from ..matching import Known, OrganisationIndex, name_key
from ..models import Contact, Organisation, OrganisationSector
from ..nace import parse_codes
from ..rules import CONTACT_FIELDS, ORGANISATION_FIELDS, contact_problems, organisation_problems
from .columns import Column, map_headers
from .values import CellError

CREATE, UPDATE, UNCHANGED, REJECTED = "create", "update", "unchanged", "rejected"
Progress = Callable[[int], None]


@dataclass
class RowPlan:
    row: int
    action: str
    label: str
    target_id: int | None = None
    match: str = ""
    changes: dict[str, list[Any]] = field(default_factory=dict)
    errors: list[list[str]] = field(default_factory=list)
    values: dict[str, Any] = field(default_factory=dict)  # parsed values, not stored

    def as_json(self, labels: dict[str, str]) -> dict[str, Any]:
        """For the preview: fields named as the person knows them (their column's header)."""
        return {
            "row": self.row,
            "action": self.action,
            "label": self.label,
            "target_id": self.target_id,
            "match": self.match,
            "changes": {labels.get(key, key): change for key, change in self.changes.items()},
            "errors": [[labels.get(key, key), message] for key, message in self.errors],
        }


@dataclass
class Plan:
    rows: list[RowPlan]
    ignored_headers: list[str]
    file_errors: list[str]
    labels: dict[str, str] = field(default_factory=dict)  # field → header in the file

    @property
    def summary(self) -> dict[str, Any]:
        counts = {CREATE: 0, UPDATE: 0, UNCHANGED: 0, REJECTED: 0}
        for row in self.rows:
            counts[row.action] += 1
        return {
            **counts,
            "total": len(self.rows),
            "ignored_headers": self.ignored_headers,
            "file_errors": self.file_errors,
        }

    @property
    def can_apply(self) -> bool:
        return not self.file_errors and all(row.action != REJECTED for row in self.rows)


def _parse_cells(
    cells: list[Any], mapping: dict[int, Column]
) -> tuple[dict[str, Any], list[list[str]]]:
    parsed: dict[str, Any] = {}
    errors: list[list[str]] = []
    for position, column in mapping.items():
        cell = cells[position] if position < len(cells) else None
        try:
            value = column.parse(cell)
        except CellError as error:
            errors.append([column.key, str(error)])
            continue
        if value not in ("", None, []):
            parsed[column.key] = value
    return parsed, errors


def _labels(table: Table, mapping: dict[int, Column]) -> dict[str, str]:
    labels = {"nace_codes": _("Sector codes (NACE Rev. 2)"), "organisation": _("Organisation")}
    for model in (Organisation, Contact):
        for model_field in model._meta.get_fields():
            if hasattr(model_field, "verbose_name"):
                labels.setdefault(model_field.name, str(model_field.verbose_name))
    labels.update({column.key: table.headers[position] for position, column in mapping.items()})
    return labels


def _parse_rows(
    table: Table, mapping: dict[int, Column], progress: Progress | None
) -> list[tuple[int, dict[str, Any], list[list[str]]]]:
    """Every row's cells read into values; reading is the first half of the progress bar."""
    parsed_rows = []
    for position, (number, cells) in enumerate(table.rows, start=1):
        parsed_rows.append((number, *_parse_cells(cells, mapping)))
        if progress is not None and position % 250 == 0:
            progress(position // 2)
    return parsed_rows


def _match_words(reason: str, name: str, score: float) -> str:
    return {
        "vat": _("same VAT number as %(name)s"),
        "website": _("same website as %(name)s"),
        "name": _("same name as %(name)s"),
        "similar_name": _("name close to %(name)s (%(score)s%%)"),
    }[reason] % {"name": name, "score": int(score)}


def _twin_words(reason: str) -> str:
    return {
        "vat": _("same VAT number"),
        "website": _("same website"),
        "name": _("same name"),
        "similar_name": _("a very similar name"),
    }[reason]


def _missing_required(kind: str, mapping: dict[int, Column]) -> list[str]:
    from .columns import columns_for

    present = {column.key for column in mapping.values()}
    return [
        _("The file has no “%(column)s” column.") % {"column": column.key}
        for column in columns_for(kind)
        if column.required and column.key not in present
    ]


# --------------------------------------------------------------------------- organisations


def _existing_organisations(
    cluster: Cluster,
) -> tuple[dict[int, dict[str, Any]], OrganisationIndex]:
    records: dict[int, dict[str, Any]] = {}
    for row in Organisation.objects.for_cluster(cluster).values("id", *ORGANISATION_FIELDS):
        record = {name: audit_value(row[name]) for name in ORGANISATION_FIELDS}
        record["nace_codes"] = []
        records[row["id"]] = record
    for organisation_id, code in OrganisationSector.objects.filter(
        organisation__cluster=cluster
    ).values_list("organisation_id", "code"):
        records[organisation_id]["nace_codes"].append(code)
    for record in records.values():
        record["nace_codes"].sort()
    index = OrganisationIndex.build(
        [
            Known(pk, record["name"], record["vat_number"] or "", record["website"] or "")
            for pk, record in records.items()
        ]
    )
    return records, index


def organisation_plan(
    cluster: Cluster, table: Table, *, today: date, progress: Progress | None = None
) -> Plan:
    mapping, ignored = map_headers("organisations", table.headers)
    file_errors = _missing_required("organisations", mapping)
    if file_errors:
        return Plan([], ignored, file_errors)
    existing, index = _existing_organisations(cluster)
    in_file = OrganisationIndex()
    targeted: dict[int, int] = {}  # existing id → row that updates it
    rows: list[RowPlan] = []
    parsed_rows = _parse_rows(table, mapping, progress)
    index.prepare_similar([parsed.get("name", "") for _number, parsed, _errors in parsed_rows])
    for position, (number, parsed, errors) in enumerate(parsed_rows, start=1):
        name = parsed.get("name", "")
        plan = RowPlan(row=number, action=CREATE, label=name or _("(no name)"))
        if "nace_codes" in parsed:
            codes, rejected = parse_codes(parsed["nace_codes"])
            parsed["nace_codes"] = codes
            if rejected:
                errors.append(
                    [
                        "nace_codes",
                        _("These are not NACE Rev. 2 codes: %(codes)s.")
                        % {"codes": ", ".join(rejected)},
                    ]
                )
        match = (
            index.find(
                name=name, vat=parsed.get("vat_number", ""), website=parsed.get("website", "")
            )
            if name
            else None
        )
        # Within one file only exact twins count: close names there are usually two firms.
        twin = (
            in_file.find(
                name=name,
                vat=parsed.get("vat_number", ""),
                website=parsed.get("website", ""),
                similar=False,
            )
            if name
            else None
        )
        if match is not None:
            plan.target_id = match.id
            plan.match = _match_words(match.reason, match.name, match.score)
            if match.id in targeted:
                errors.append(
                    [
                        "name",
                        _("Row %(row)s already updates %(name)s; keep one of the two.")
                        % {"row": targeted[match.id], "name": match.name},
                    ]
                )
        elif twin is not None:
            errors.append(
                [
                    "name",
                    _("This is the same organisation as row %(row)s (%(why)s).")
                    % {"row": twin.id, "why": _twin_words(twin.reason)},
                ]
            )
        current = existing[match.id] if match else {}
        merged = {**{k: v for k, v in current.items()}, **parsed}
        if not errors:
            rule_input = {
                key: (
                    date.fromisoformat(value)
                    if key in _DATE_FIELDS and isinstance(value, str)
                    else value
                )
                for key, value in merged.items()
            }
            errors.extend(
                [list(problem) for problem in organisation_problems(rule_input, today=today)]
            )
        if errors:
            plan.action = REJECTED
            plan.errors = errors
        else:
            new_values = {key: audit_value(value) for key, value in parsed.items()}
            plan.changes = {
                key: [current.get(key), value]
                for key, value in new_values.items()
                if current.get(key) != value
            }
            plan.values = parsed
            if match is None:
                plan.action = CREATE
                in_file.add(
                    Known(number, name, parsed.get("vat_number", ""), parsed.get("website", ""))
                )
            else:
                targeted[match.id] = number
                plan.action = UPDATE if plan.changes else UNCHANGED
        rows.append(plan)
        if progress is not None and position % 250 == 0:
            progress((len(parsed_rows) + position) // 2)
    return Plan(rows, ignored, [], _labels(table, mapping))


_DATE_FIELDS = {"agreement_signed_on", "membership_start", "membership_end"}


# --------------------------------------------------------------------------- contacts


def _person_key(organisation_id: int, first_name: str, last_name: str) -> tuple[int, str]:
    return organisation_id, name_key(f"{first_name} {last_name}")


def contact_plan(
    cluster: Cluster, table: Table, *, today: date, progress: Progress | None = None
) -> Plan:
    mapping, ignored = map_headers("contacts", table.headers)
    file_errors = _missing_required("contacts", mapping)
    if file_errors:
        return Plan([], ignored, file_errors)
    organisations = OrganisationIndex.build(
        [
            Known(pk, name, vat or "", website or "")
            for pk, name, vat, website in Organisation.objects.for_cluster(cluster).values_list(
                "id", "name", "vat_number", "website"
            )
        ]
    )
    by_email: dict[str, int] = {}
    by_person: dict[tuple[int, str], int] = {}
    current: dict[int, dict[str, Any]] = {}
    for row in Contact.objects.for_cluster(cluster).values(
        "id", "organisation_id", *CONTACT_FIELDS
    ):
        current[row["id"]] = {name: row[name] for name in [*CONTACT_FIELDS, "organisation_id"]}
        if row["email"]:
            by_email.setdefault(row["email"].lower(), row["id"])
        by_person.setdefault(
            _person_key(row["organisation_id"], row["first_name"], row["last_name"]), row["id"]
        )
    seen_email: dict[str, int] = {}
    seen_person: dict[tuple[int, str], int] = {}
    rows: list[RowPlan] = []
    parsed_rows = _parse_rows(table, mapping, progress)
    organisations.prepare_similar(
        [parsed.get("organisation", "") for _number, parsed, _errors in parsed_rows]
    )
    for position, (number, parsed, errors) in enumerate(parsed_rows, start=1):
        person = f"{parsed.get('first_name', '')} {parsed.get('last_name', '')}".strip()
        plan = RowPlan(row=number, action=CREATE, label=person or _("(no name)"))
        organisation_name = parsed.pop("organisation", "")
        organisation = organisations.find(name=organisation_name) if organisation_name else None
        if organisation_name and organisation is None:
            errors.append(
                [
                    "organisation",
                    _(
                        "No organisation called “%(name)s” is in the registry; "
                        "import it first or correct the name."
                    )
                    % {"name": organisation_name},
                ]
            )
        elif not organisation_name:
            errors.append(["organisation", _("The organisation is missing.")])
        target: int | None = None
        if organisation is not None:
            plan.label = f"{person} · {organisation.name}"
            email = parsed.get("email", "")
            key = _person_key(
                organisation.id, parsed.get("first_name", ""), parsed.get("last_name", "")
            )
            target = by_email.get(email) if email else None
            if target is None:
                target = by_person.get(key)
            twin = seen_email.get(email) if email else seen_person.get(key)
            if twin is not None:
                errors.append(
                    ["email", _("This is the same person as row %(row)s.") % {"row": twin}]
                )
            if email:
                seen_email[email] = number
            seen_person[key] = number
        errors.extend(
            [list(p) for p in contact_problems({**(current.get(target) or {}), **parsed})]
            if not errors
            else []
        )
        if errors:
            plan.action = REJECTED
            plan.errors = errors
        else:
            assert organisation is not None
            parsed["organisation_id"] = organisation.id
            before = current.get(target, {}) if target else {}
            plan.changes = {
                key: [before.get(key), value]
                for key, value in parsed.items()
                if before.get(key) != value
            }
            if "organisation_id" in plan.changes:
                plan.changes["organisation"] = (
                    [None, organisation.name]
                    if not target
                    else [before.get("organisation_id"), organisation.name]
                )
                del plan.changes["organisation_id"]
            plan.values = parsed
            plan.target_id = target
            if target is None:
                plan.action = CREATE
            else:
                plan.match = (
                    _("same e-mail")
                    if parsed.get("email") and by_email.get(parsed["email"]) == target
                    else _("same name")
                )
                plan.action = UPDATE if plan.changes else UNCHANGED
        rows.append(plan)
        if progress is not None and position % 250 == 0:
            progress((len(parsed_rows) + position) // 2)
    return Plan(rows, ignored, [], _labels(table, mapping))
