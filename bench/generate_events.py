"""Scale data for the matchmaking and events benchmark (issue 7), on top of bench/generate.py's
registry of synthetic participants.

- ``generate_matchmaking``: a matchmaking profile for every participant, with the texts of
  bench/matching_synthetic.py (competences, technologies, markets, languages, a description
  and 0–3 offers and requests each, a tenth of them expired), and follow-ups (matches with
  their steps) between random pairs, more of them around one participant.
- ``generate_big_event``: one event with N registrations (contacts of participants and
  guests; the last ones on the waiting list; about half of the confirmed checked in), its
  involvements worked out once by the attendance service.
- ``generate_feed_events``: events spread over the year around today, through the event
  service (so each has its activity in the ledger), for the cluster's calendar feed.
- ``generate_meeting_day``: a B2B day as bench/run_scheduling.py generates it (everyone sends
  5 requests, all accepted, to a long tail of popular people; a fifth arrive late, leave early
  or are away a slot or two; tables for 90 % of the meetings), written as registrations,
  availability windows and accepted requests; sessions and tables through the meeting set-up
  services, so the slots are cut as on a real day.

Rows are bulk-created; everything is of the cluster ``slug`` and ``clear_events`` removes it
set-wise before bench/generate.py deletes the cluster.
"""

from __future__ import annotations

import math
import random
import shutil
import sys
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BATCH = 2000
MATCHES = 2000
HISTORY_MATCHES = 8
B2B_SLOTS = 20
TABLE_SHARE = 0.9


def clear_events(slug: str) -> None:
    """Delete an earlier run's rows of the cluster set-wise (children first), so that the
    cluster's delete in bench/generate.py does not walk them one by one."""
    from django.db import connection, transaction

    from clusterdesk.engagement.models import Activity, Involvement
    from clusterdesk.events.models import (
        AvailabilityWindow,
        CalendarFeed,
        Event,
        MeetingPlacement,
        MeetingRequest,
        MeetingTable,
        Registration,
        SchedulerRun,
        Session,
        TimeSlot,
    )
    from clusterdesk.matchmaking.models import (
        Listing,
        Match,
        MatchIndexState,
        MatchOutcome,
        MatchProfile,
    )
    from clusterdesk.tenancy.models import Cluster

    cluster = Cluster.objects.filter(slug=slug).first()
    if cluster is None:
        return
    for folder in MatchIndexState.objects.filter(cluster=cluster).values_list("folder", flat=True):
        if folder:  # the index's folders of this cluster (<index dir>/<cluster id>/<build>)
            shutil.rmtree(Path(folder).parent, ignore_errors=True)
    models = [
        MeetingPlacement,
        SchedulerRun,
        AvailabilityWindow,
        MeetingRequest,
        TimeSlot,
        Session,
        MeetingTable,
        Registration,
        CalendarFeed,
        Event,
        Involvement,
        Activity,
        MatchOutcome,
        Match,
        Listing,
        MatchProfile,
        MatchIndexState,
    ]
    with transaction.atomic(), connection.cursor() as cursor:
        for model in models:
            cursor.execute(
                f"DELETE FROM {model._meta.db_table} WHERE cluster_id = %s",  # noqa: S608
                [cluster.pk],
            )


# --------------------------------------------------------------------------- matchmaking


def generate_matchmaking(cluster: Any, *, today: date, seed: int = 7) -> dict:
    """A profile per participant (texts of bench/matching_synthetic.py, in the order of the
    participants' ids), their offers and requests, and follow-ups with their steps."""
    from django.db import transaction

    from bench import matching_synthetic
    from clusterdesk.matchmaking.models import (
        STAGE_ORDER,
        Listing,
        Match,
        MatchOutcome,
        MatchProfile,
    )
    from clusterdesk.participants.models import Organisation

    rng = random.Random(seed)
    organisations = list(
        Organisation.objects.for_cluster(cluster).order_by("pk").values_list("pk", flat=True)
    )
    synthetic = matching_synthetic.generate(len(organisations), seed=seed)
    with transaction.atomic():
        profiles = MatchProfile.objects.bulk_create(
            [
                MatchProfile(
                    cluster=cluster,
                    organisation_id=organisation,
                    competences=list(made.competences),
                    technologies=list(made.technologies),
                    markets=list(made.markets),
                    languages=list(made.languages),
                    summary=made.description,
                )
                for organisation, made in zip(organisations, synthetic, strict=True)
            ],
            batch_size=BATCH,
        )
        listings = []
        for profile, made in zip(profiles, synthetic, strict=True):
            for item in made.listings:
                listings.append(
                    Listing(
                        cluster=cluster,
                        profile=profile,
                        kind=item.kind,
                        title=item.title[:200],
                        text=item.text,
                        expires_on=None
                        if item.active
                        else today - timedelta(days=1 + rng.randrange(300)),
                    )
                )
        Listing.objects.bulk_create(listings, batch_size=BATCH)
        # Follow-ups between random pairs, and a handful around the participant whose card
        # the benchmark shows.
        subject = organisations[len(organisations) // 2]
        pairs: set[tuple[int, int]] = set()
        others = [pk for pk in organisations if pk != subject]
        for partner in rng.sample(others, HISTORY_MATCHES):
            pairs.add((subject, partner))
        while len(pairs) < min(MATCHES, len(organisations) * 2):
            first, second = rng.sample(organisations, 2)
            if (second, first) not in pairs:
                pairs.add((first, second))
        stages = [rng.randint(0, 3) for _ in pairs]
        matches = Match.objects.bulk_create(
            [
                Match(
                    cluster=cluster,
                    organisation_id=first,
                    partner_id=second,
                    score=round(rng.random(), 3),
                    stage=STAGE_ORDER[count - 1] if count else "",
                )
                for (first, second), count in zip(sorted(pairs), stages, strict=True)
            ],
            batch_size=BATCH,
        )
        outcomes = [
            MatchOutcome(
                cluster=cluster,
                match=match,
                stage=STAGE_ORDER[step],
                date=today - timedelta(days=10 * (count - step) + rng.randrange(10)),
                note="Met at the fair; samples sent." if step == 1 else "",
            )
            for match, count in zip(matches, stages, strict=True)
            for step in range(count)
        ]
        MatchOutcome.objects.bulk_create(outcomes, batch_size=BATCH)
    return {
        "profiles": len(profiles),
        "listings": len(listings),
        "active_listings": sum(1 for item in listings if item.expires_on is None),
        "matches": len(matches),
        "outcomes": len(outcomes),
        "history_participant": subject,
    }


# --------------------------------------------------------------------------- events


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    from django.utils import timezone

    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def _event(cluster: Any, manager: Any, **data: Any) -> Any:
    from clusterdesk.events.models import EventStatus
    from clusterdesk.events.services.events import event_create

    return event_create(
        cluster=cluster,
        actor=manager,
        data={"status": EventStatus.PUBLISHED, "visibility": "members", **data},
        source="web",
    )


def generate_big_event(
    cluster: Any, manager: Any, *, registrations: int, today: date, seed: int = 11
) -> dict:
    """A conference today with ``registrations`` people: 85 % contacts of participants, 15 %
    guests; the capacity leaves the last 7.5 % on the waiting list; a few speakers and
    exhibitors; about half of the confirmed checked in, their involvements written once."""
    from django.db import transaction
    from django.utils import timezone

    from clusterdesk.events.models import Registration, RegistrationRole, RegistrationStatus
    from clusterdesk.events.services.attendance import involvements_sync
    from clusterdesk.participants.models import Contact

    rng = random.Random(seed)
    guests = registrations * 15 // 100
    contacts = list(
        Contact.objects.for_cluster(cluster)
        .order_by("pk")
        .values_list("pk", "organisation_id")[: registrations - guests]
    )
    guests = registrations - len(contacts)
    capacity = registrations - registrations * 75 // 1000
    event = _event(
        cluster,
        manager,
        kind="conference",
        title="Textile innovation forum",
        description="The cluster's yearly conference: talks, exhibition and networking.",
        starts_at=_at(today, 0, 30),
        ends_at=_at(today, 23, 30),
        place="Prato, Museo del Tessuto",
        capacity=capacity,
    )
    first = timezone.now() - timedelta(days=40)
    people: list[tuple[int | None, int | None]] = [*contacts, *[(None, None)] * guests]
    rng.shuffle(people)
    rows = []
    for number, (contact, organisation) in enumerate(people):
        confirmed = number < capacity
        role = rng.choices(
            [
                RegistrationRole.ATTENDEE,
                RegistrationRole.SPEAKER,
                RegistrationRole.EXHIBITOR,
                RegistrationRole.MODERATOR,
            ],
            [90, 4, 5, 1],
        )[0]
        rows.append(
            Registration(
                cluster=cluster,
                event=event,
                contact_id=contact,
                organisation_id=organisation,
                guest_name="" if contact else f"Guest {number} Ospite",
                guest_email="" if contact else f"guest{number}@guests.example",
                guest_organisation="" if contact else f"Studio Ospite {number % 97}",
                language=rng.choice(["it", "en", ""]),
                role=role,
                status=RegistrationStatus.CONFIRMED if confirmed else RegistrationStatus.WAITING,
                registered_at=first + timedelta(minutes=20 * number),
                checked_in_at=timezone.now() - timedelta(minutes=rng.randrange(300))
                if confirmed and rng.random() < 0.5
                else None,
            )
        )
    with transaction.atomic():
        Registration.objects.bulk_create(rows, batch_size=BATCH)
        involvements_sync(event=event, actor=manager, source="web")
    return {
        "event": event.pk,
        "registrations": len(rows),
        "guests": guests,
        "waiting": sum(1 for row in rows if row.status == RegistrationStatus.WAITING),
        "checked_in": sum(1 for row in rows if row.checked_in_at is not None),
    }


KINDS = ["seminar", "workshop", "networking", "training", "conference", "barcamp"]


def generate_feed_events(cluster: Any, manager: Any, *, count: int, today: date) -> dict:
    """``count`` published events over the last eleven months and the next six (a few
    cancelled, some with an Italian translation), through the event service."""
    from clusterdesk.events.services.events import event_cancel

    rng = random.Random(13)
    made = []
    for number in range(count):
        day = today + timedelta(days=rng.randrange(-330, 180))
        start = rng.choice([9, 10, 14, 17])
        online = rng.random() < 0.4
        event = _event(
            cluster,
            manager,
            kind=rng.choice(KINDS),
            title=f"{rng.choice(['Seminar', 'Workshop', 'Meeting', 'Training'])} {number + 1}: "
            "sustainable fibres and digital product passports",
            description="What the new rules ask of textile firms, and how to get ready. " * 3,
            translations={"it": {"title": f"Incontro {number + 1}", "description": "Descrizione"}}
            if number % 3 == 0
            else {},
            starts_at=_at(day, start),
            ends_at=_at(day, start + 2 + rng.randrange(3)),
            place=rng.choice(["Prato", "Firenze", ""])
            if online
            else rng.choice(["Prato", "Firenze"]),
            online_url="https://meet.example/room" if online else "",
        )
        if number % 25 == 24:
            event_cancel(event=event, actor=manager, source="web")
        made.append(event.pk)
    return {"events": len(made)}


def _windows(available: frozenset[int] | None, slots: list[Any]) -> list[tuple[Any, Any]]:
    """The engine's set of available slot numbers as windows of consecutive slots."""
    if available is None:
        return []
    windows = []
    run: list[Any] = []
    for number, slot in enumerate(slots, start=1):
        if number in available:
            run.append(slot)
        elif run:
            windows.append((run[0].starts_at, run[-1].ends_at))
            run = []
    if run:
        windows.append((run[0].starts_at, run[-1].ends_at))
    return windows


def generate_meeting_day(
    cluster: Any, manager: Any, *, participants: int, today: date, seed: int = 7
) -> dict:
    """A B2B day in a month's time with ``participants`` people of different participants
    who take part in the meetings (as bench/run_scheduling.py's day of that size)."""
    from django.db import transaction
    from django.utils import timezone

    from bench.run_scheduling import meeting_day
    from clusterdesk.events.models import (
        AvailabilityWindow,
        MeetingRequest,
        Registration,
        RegistrationStatus,
        RequestStatus,
    )
    from clusterdesk.events.services.meeting_setup import session_create, tables_add
    from clusterdesk.participants.models import Contact

    day = today + timedelta(days=30)
    engine_day = meeting_day(participants, B2B_SLOTS, seed=seed)
    morning = B2B_SLOTS // 2
    event = _event(
        cluster,
        manager,
        kind="b2b_day",
        title="Matchmaking day: suppliers meet brands",
        description="Twenty-minute meetings between suppliers, brands, labs and funders.",
        starts_at=_at(day, 8, 30),
        ends_at=_at(day, 18, 0),
        place="Prato, Camera di Commercio",
        has_meetings=True,
        meeting_quota=B2B_SLOTS,
    )
    # The morning's slots from 9:00, the afternoon's after an hour's lunch, 20 minutes each
    # without pauses (the engine benchmark's day).
    session_create(
        event=event,
        actor=manager,
        data={
            "name": "Morning",
            "starts_at": _at(day, 9),
            "ends_at": _at(day, 9) + timedelta(minutes=20 * morning),
            "slot_minutes": 20,
            "break_minutes": 0,
        },
    )
    afternoon = _at(day, 9) + timedelta(minutes=20 * morning + 60)
    session_create(
        event=event,
        actor=manager,
        data={
            "name": "Afternoon",
            "starts_at": afternoon,
            "ends_at": afternoon + timedelta(minutes=20 * (B2B_SLOTS - morning)),
            "slot_minutes": 20,
            "break_minutes": 0,
        },
    )
    slots = list(event.slots.order_by("starts_at"))
    tables = math.ceil(TABLE_SHARE * len(engine_day.requests) / B2B_SLOTS)
    tables_add(event=event, actor=manager, count=tables)
    # The meeting participants: contacts of the last participants of the registry (other
    # people than the conference's).
    contacts = list(
        Contact.objects.for_cluster(cluster)
        .order_by("-pk")
        .values_list("pk", "organisation_id")[:participants]
    )
    if len(contacts) < participants:
        raise RuntimeError("not enough participants for the meeting day")
    first = timezone.now() - timedelta(days=20)
    with transaction.atomic():
        people = Registration.objects.bulk_create(
            [
                Registration(
                    cluster=cluster,
                    event=event,
                    contact_id=contact,
                    organisation_id=organisation,
                    status=RegistrationStatus.CONFIRMED,
                    registered_at=first + timedelta(minutes=number),
                    wants_meetings=True,
                    language="it" if number % 3 else "en",
                )
                for number, (contact, organisation) in enumerate(contacts)
            ],
            batch_size=BATCH,
        )
        windows = [
            AvailabilityWindow(
                cluster=cluster, registration=person, starts_at=starts_at, ends_at=ends_at
            )
            for person, made in zip(people, engine_day.participants, strict=True)
            for starts_at, ends_at in _windows(made.available, slots)
        ]
        AvailabilityWindow.objects.bulk_create(windows, batch_size=BATCH)
        answered = timezone.now() - timedelta(days=2)
        requests = MeetingRequest.objects.bulk_create(
            [
                MeetingRequest(
                    cluster=cluster,
                    event=event,
                    requester=people[request.first - 1],
                    invitee=people[request.second - 1],
                    message="We would like to meet you about your offer.",
                    status=RequestStatus.ACCEPTED,
                    priority=request.priority,
                    answered_at=answered,
                )
                for request in engine_day.requests
            ],
            batch_size=BATCH,
        )
    return {
        "event": event.pk,
        "participants": len(people),
        "people_with_windows": len({window.registration_id for window in windows}),
        "requests": len(requests),
        "slots": len(slots),
        "tables": tables,
    }
