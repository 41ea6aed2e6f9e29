"""What an import will do, row by row or event by event: which participant each was matched
to and how, what will be added, what is already in the log, what is left out or must be fixed,
and why. The sheets' and calendars' planners fill it in; ``preview.build_plan`` picks one.

Everything the matching needs is loaded first with a fixed number of queries (participants,
their contacts' e-mail addresses, the team, the contacts already logged in the file's dates);
the rows and events are then matched in memory.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from clusterdesk.engagement.models import ContactKind, PersonalContact
from clusterdesk.participants.models import Contact, Organisation
from clusterdesk.tenancy.access import EDIT_ROLES
from clusterdesk.tenancy.models import Cluster, User

from . import matching

CREATE, UNCHANGED, SKIPPED, REJECTED = "create", "unchanged", "skipped", "rejected"
ACTIONS = (CREATE, UNCHANGED, SKIPPED, REJECTED)
SOURCE_TABLE, SOURCE_CALENDAR = "import", "ics"


@dataclass
class Matched:
    """A participant found for a row or event, and in words how."""

    organisation_id: int
    organisation: str
    how: str
    new: bool = True  # False: already in the log


@dataclass
class PlanRow:
    reference: str  # "Row 4", "Event 12"
    day: date | None
    title: str
    action: str = CREATE
    kind: str = ""
    matched: list[Matched] = field(default_factory=list)
    staff: list[str] = field(default_factory=list)
    people: list[str] = field(default_factory=list)
    unmatched: list[str] = field(default_factory=list)  # addresses and why they did not match
    unmatched_addresses: list[str] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)  # public mail addresses
    reason: str = ""  # why skipped or unchanged
    errors: list[tuple[str, str]] = field(default_factory=list)  # (column, message)
    drafts: list[ContactDraft] = field(default_factory=list)

    @property
    def kind_label(self) -> str:
        return str(ContactKind(self.kind).label) if self.kind in ContactKind.values else ""


@dataclass
class ImportPlan:
    source: str  # SOURCE_TABLE or SOURCE_CALENDAR
    rows: list[PlanRow] = field(default_factory=list)
    file_errors: list[str] = field(default_factory=list)
    ignored_headers: list[str] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        counts = Counter(row.action for row in self.rows)
        return {action: counts.get(action, 0) for action in ACTIONS}

    @property
    def drafts(self) -> list[ContactDraft]:
        return [draft for row in self.rows for draft in row.drafts]

    @property
    def can_apply(self) -> bool:
        return not self.file_errors and not self.counts[REJECTED] and bool(self.drafts)


@dataclass
class ContactDraft:
    """A contact read from a file, resolved to ids, ready to be checked and written."""

    organisation_id: int
    kind: str
    date: date
    staff_ids: list[int]
    people_ids: list[int] = field(default_factory=list)
    notes: str = ""
    external_id: str = ""
    row: str = ""  # where it comes from in the file, for messages


# --------------------------------------------------------------------------- what is known


@dataclass
class Registry:
    """The cluster as the matcher needs it, loaded in a fixed number of queries."""

    organisations: dict[int, matching.KnownOrganisation]
    people: list[matching.KnownPerson]
    team: dict[int, matching.TeamMember]
    vats: dict[int, str]

    @classmethod
    def load(cls, cluster: Cluster) -> Registry:
        organisations: dict[int, matching.KnownOrganisation] = {}
        vats: dict[int, str] = {}
        for pk, name, website, vat in Organisation.objects.for_cluster(cluster).values_list(
            "id", "name", "website", "vat_number"
        ):
            organisations[pk] = matching.KnownOrganisation(pk, name, website or "")
            vats[pk] = vat or ""
        people = [
            matching.KnownPerson(pk, organisation_id, f"{first} {last}".strip(), email)
            for pk, organisation_id, first, last, email in Contact.objects.for_cluster(cluster)
            .exclude(email="")
            .values_list("id", "organisation_id", "first_name", "last_name", "email")
        ]
        team = {
            pk: matching.TeamMember(pk, full_name or email, email)
            for pk, full_name, email in User.objects.filter(
                memberships__cluster=cluster, memberships__role__in=EDIT_ROLES, is_active=True
            ).values_list("id", "full_name", "email")
        }
        return cls(organisations, people, team, vats)

    def attendee_index(self) -> matching.AttendeeIndex:
        return matching.AttendeeIndex.build(
            self.organisations.values(), self.people, self.team.values()
        )


def normal_notes(text: str) -> str:
    return " ".join(text.split()).casefold()


def logged_between(cluster: Cluster, days: Iterable[date | None]) -> list[dict[str, Any]]:
    """The contacts already in the log between the first and last day of the file."""
    known = [day for day in days if day is not None]
    if not known:
        return []
    return list(
        PersonalContact.objects.for_cluster(cluster)
        .filter(date__range=(min(known), max(known)))
        .values("organisation_id", "date", "kind", "notes", "external_id")
    )
