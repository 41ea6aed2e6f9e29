"""Matchmaking and events from the database (issue 7), on SQLite and on PostgreSQL.

    python bench/run_events.py                       # both databases, 20,000 participants
    python bench/run_events.py --database sqlite     # one of them
    python bench/run_events.py --participants 2000 --registrations 300 --meeting-participants 60
    python bench/run_events.py --reuse               # keep the data of an earlier run

Builds, with bench/generate.py, a registry of 20,000 participants in the cluster
"events-bench", then with bench/generate_events.py: a matchmaking profile per participant
(the texts of bench/matching_synthetic.py, 0–3 offers and requests each, a tenth expired) and
2,000 follow-ups with their steps; a conference today with 2,000 registrations (contacts and
guests, the last 7.5 % waiting, about half checked in); 200 events over the year for the
cluster's calendar feed; and a B2B day of 500 people of different participants who sent 5
requests each, all accepted (2,500; bench/run_scheduling.py's day), two sessions of 20-minute
slots (20 slots, made by the meeting set-up service) and tables for 90 % of the meetings (113).
In var/bench-events.sqlite3 and in the PostgreSQL database clusterdesk_bench (127.0.0.1:5432,
user postgres; created when missing; BENCH_POSTGRES_URL names another).

Reports per database, with the TF-IDF engine: building the cluster's index from the database
(``index_store.index_build``: reading the profiles, indexing, saving) and its queries; with the
stored index, one participant's top 10 (``recommendations_for_organisation``) and the
recommendations page (20 different participants; target p95 < 200 ms), the matchmaking home
and a participant's page with its follow-ups; the event's detail, check-in (and a search),
list and CSV export pages, one check-in through ``registration_check_in`` (involvements
included) and the calendar feed; the scheduler run (``scheduler_run_execute``, time limit
60 s) with meetings placed, bound and idle gaps, then the schedule with its grid, a personal
agenda (page, PDF, .ics), the table cards PDF and the attendee and request pages. Pages go
through Django's test client logged in as the manager: median and 95th percentile of 20
requests (5 for PDFs) with the queries of one. The full record goes to bench/out/events.json.
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import os
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.run_engagement import dispatch, summary  # noqa: E402

SQLITE = ROOT / "var" / "bench-events.sqlite3"
LOCK = ROOT / "var" / "bench-events.lock"
POSTGRES = os.environ.get(
    "BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/clusterdesk_bench"
)
SLUG = "events-bench"
INDEX_DIR = ROOT / "var" / "bench-matchmaking"
FEED_EVENTS = 200
TARGETS_MS = {"top 10 (service)": 200, "recommendations page": 200}


# --------------------------------------------------------------------------- in the worker


def generate_all(arguments: argparse.Namespace, today: Any) -> dict:
    from django.core.management import call_command
    from django.db import connection

    from bench import run_scheduling
    from bench.generate import generate
    from bench.generate_events import (
        clear_events,
        generate_big_event,
        generate_feed_events,
        generate_matchmaking,
        generate_meeting_day,
    )
    from clusterdesk.tenancy.models import Cluster, User

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    clear_events(SLUG)
    generate(arguments.participants, SLUG)
    cluster = Cluster.objects.get(slug=SLUG)
    manager = User.objects.get(email=f"manager@{SLUG}.example")
    generated: dict[str, Any] = {}
    step = time.perf_counter()
    generated["matchmaking"] = generate_matchmaking(cluster, today=today)
    generated["matchmaking"]["seconds"] = round(time.perf_counter() - step, 1)
    step = time.perf_counter()
    generated["event"] = generate_big_event(
        cluster, manager, registrations=arguments.registrations, today=today
    )
    generated["event"]["seconds"] = round(time.perf_counter() - step, 1)
    step = time.perf_counter()
    generated["feed"] = generate_feed_events(cluster, manager, count=FEED_EVENTS, today=today)
    generated["feed"]["seconds"] = round(time.perf_counter() - step, 1)
    step = time.perf_counter()
    run_scheduling.REQUESTS_EACH = arguments.meeting_requests
    generated["meeting_day"] = generate_meeting_day(
        cluster, manager, participants=arguments.meeting_participants, today=today
    )
    generated["meeting_day"]["seconds"] = round(time.perf_counter() - step, 1)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    generated["seconds"] = round(time.perf_counter() - started, 1)
    return generated


def measure(function: Callable[[], Any], repeats: int, warmups: int = 1) -> dict:
    """Median and p95 of ``repeats`` calls after ``warmups``, with the queries of one call."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(warmups):
        function()
    timings = []
    queries = 0
    for number in range(repeats):
        start = time.perf_counter()
        if number == 0:
            with CaptureQueriesContext(connection) as captured:
                function()
            queries = len(captured)
        else:
            function()
        timings.append((time.perf_counter() - start) * 1000)
    return {**summary(timings), "queries": queries}


def content_of(response: Any) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


def pages_over(client: Any, urls: list[str], warmups: int = 3) -> dict:
    """One request per address (the first ``warmups`` requested once before), each timed;
    the queries are those of the last request, the most of any in ``max_queries``."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for url in urls[:warmups]:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        content_of(response)
    timings, counts = [], []
    size = 0
    for url in urls:
        start = time.perf_counter()
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
            body = content_of(response)
        timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        counts.append(len(captured))
        size = len(body)
    return {
        **summary(timings),
        "queries": counts[-1],
        "max_queries": max(counts),
        "bytes": size,
    }


def page(client: Any, url: str, requests: int) -> dict:
    return pages_over(client, [url] * requests)


def matchmaking_figures(arguments: argparse.Namespace, client: Any, cluster: Any) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from clusterdesk.matchmaking import index_store
    from clusterdesk.matchmaking.models import Listing, Match, MatchProfile
    from clusterdesk.matchmaking.recommendations import recommendations_for_organisation
    from clusterdesk.participants.models import Organisation

    figures: dict[str, Any] = {}
    # Reading the profiles for the engine, alone.
    figures["read profiles (engine_profiles)"] = measure(
        lambda: index_store.engine_profiles(cluster), repeats=2, warmups=0
    )
    # The whole build: read, index, save.
    start = time.perf_counter()
    with CaptureQueriesContext(connection) as captured:
        state = index_store.index_build(cluster=cluster)
    build_ms = (time.perf_counter() - start) * 1000
    folder_bytes = sum(
        path.stat().st_size for path in Path(state.folder).rglob("*") if path.is_file()
    )
    figures["build index (index_build)"] = {
        "runs": 1,
        "median_ms": round(build_ms, 1),
        "p95_ms": round(build_ms, 1),
        "queries": len(captured),
        "engine": state.engine,
        "profiles": state.profiles,
        "megabytes": round(folder_bytes / 1e6, 1),
    }
    ids = list(
        MatchProfile.objects.for_cluster(cluster)
        .order_by("?")
        .values_list("organisation_id", flat=True)[: arguments.requests + 3]
    )
    # The first page after a restart: the index read from its folder.
    index_store._cache.clear()
    url = reverse("matchmaking:recommendations", args=[SLUG, ids[0]])
    start = time.perf_counter()
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    figures["recommendations page, index loaded from disk"] = {
        "runs": 1,
        "median_ms": round((time.perf_counter() - start) * 1000, 1),
        "p95_ms": round((time.perf_counter() - start) * 1000, 1),
        "queries": len(captured),
    }
    organisations = Organisation.objects.in_bulk(ids)
    queue = [organisations[pk] for pk in ids[3:]]

    def top_ten() -> None:
        organisation = queue.pop(0)
        queue.append(organisation)
        found = recommendations_for_organisation(
            cluster=cluster, organisation=organisation, limit=10
        )
        assert len(found) == 10, (organisation.pk, len(found))

    figures["top 10 (service)"] = measure(top_ten, repeats=arguments.requests, warmups=3)
    figures["recommendations page"] = pages_over(
        client,
        [reverse("matchmaking:recommendations", args=[SLUG, pk]) for pk in ids],
    )
    figures["matchmaking home"] = page(
        client, reverse("matchmaking:home", args=[SLUG]), arguments.requests
    )
    busiest = Counter(
        pk
        for pair in Match.objects.for_cluster(cluster).values_list("organisation_id", "partner_id")
        for pk in pair
    ).most_common(1)[0]
    figures["participant page with follow-ups"] = {
        **page(client, reverse("participants:detail", args=[SLUG, busiest[0]]), arguments.requests),
        "follow_ups": busiest[1],
    }
    scale = {
        "profiles": MatchProfile.objects.for_cluster(cluster).count(),
        "listings": Listing.objects.for_cluster(cluster).count(),
        "matches": Match.objects.for_cluster(cluster).count(),
    }
    return {"scale": scale, "figures": figures}


def event_figures(arguments: argparse.Namespace, client: Any, cluster: Any, manager: Any) -> dict:
    from django.urls import reverse

    from clusterdesk.engagement.models import Involvement
    from clusterdesk.events.models import Event, Registration, RegistrationStatus
    from clusterdesk.events.services.attendance import registration_check_in
    from clusterdesk.events.services.feeds import cluster_feed

    event = (
        Event.objects.for_cluster(cluster)
        .filter(kind="conference", title="Textile innovation forum")
        .get()
    )
    registrations = Registration.objects.filter(event=event)
    searched = (
        registrations.filter(organisation__isnull=False)
        .select_related("organisation")
        .order_by("pk")
        .first()
        .organisation.name.split()[1]
    )
    feed = cluster_feed(cluster=cluster)
    figures: dict[str, Any] = {
        "event detail page": page(
            client, reverse("events:detail", args=[SLUG, event.pk]), arguments.requests
        ),
        "check-in page": page(
            client, reverse("events:checkin", args=[SLUG, event.pk]), arguments.requests
        ),
        "check-in search": {
            **page(
                client,
                reverse("events:checkin", args=[SLUG, event.pk]) + f"?q={searched}",
                arguments.requests,
            ),
            "query": searched,
        },
        "events list page": page(client, reverse("events:list", args=[SLUG]), arguments.requests),
        "registrations CSV": page(
            client, reverse("events:export", args=[SLUG, event.pk, "csv"]), arguments.requests
        ),
        "calendar feed (.ics)": page(
            client, reverse("events_public:feed", args=[feed.token]), arguments.requests
        ),
    }
    waiting = list(
        registrations.filter(
            status=RegistrationStatus.CONFIRMED,
            checked_in_at__isnull=True,
            organisation__isnull=False,
        )
        .select_related("event", "event__activity", "cluster", "contact")
        .order_by("pk")[: arguments.checkins + 1]
    )

    def check_in() -> None:
        registration_check_in(registration=waiting.pop(0), actor=manager, source="web")

    figures["one check-in (service, involvements included)"] = measure(
        check_in, repeats=min(arguments.checkins, len(waiting) - 1), warmups=1
    )
    scale = {
        "registrations": registrations.count(),
        "waiting": registrations.filter(status=RegistrationStatus.WAITING).count(),
        "checked_in": registrations.filter(checked_in_at__isnull=False).count(),
        "involvements": Involvement.objects.filter(activity_id=event.activity_id).count(),
        "events": Event.objects.for_cluster(cluster).count(),
        "feed_bytes": figures["calendar feed (.ics)"]["bytes"],
    }
    return {"scale": scale, "figures": figures}


def meeting_figures(arguments: argparse.Namespace, client: Any, cluster: Any, manager: Any) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from clusterdesk.events.models import (
        Event,
        MeetingPlacement,
        MeetingRequest,
        MeetingTable,
        Registration,
        SchedulerRun,
        TimeSlot,
    )
    from clusterdesk.events.services.scheduling import scheduler_run_execute

    event = Event.objects.for_cluster(cluster).filter(has_meetings=True).get()
    previous = MeetingPlacement.objects.filter(request__event=event).count()
    run = SchedulerRun.objects.create(
        cluster=cluster, event=event, time_limit=arguments.time_limit, requested_by=manager
    )
    start = time.perf_counter()
    with CaptureQueriesContext(connection) as captured:
        run = scheduler_run_execute(run=run)
    seconds = time.perf_counter() - start
    report = run.report
    assert run.status == "done", (run.status, run.problems, run.error)
    scheduler = {
        "seconds": round(seconds, 1),
        "queries": len(captured),
        "previous_placements": previous,
        "placed": report["placed"],
        "requested": report["requested"],
        "bound": report["bound"],
        "ratio": report["ratio"],
        "optimal": report["optimal"],
        "idle_gaps": report["idle_gaps"],
        "idle_gaps_mean": round(report["idle_gaps_mean"], 2),
        "idle_gaps_max": report["idle_gaps_max"],
        "moved": report["moved"],
        "first_free": report["first_free"],
        "engine_seconds": {key: round(value, 2) for key, value in report["seconds"].items()},
        "placements_saved": MeetingPlacement.objects.filter(request__event=event).count(),
    }
    busiest = Counter(
        pk
        for pair in MeetingRequest.objects.filter(event=event).values_list(
            "requester_id", "invitee_id"
        )
        for pk in pair
    ).most_common(1)[0][0]
    person = Registration.objects.get(pk=busiest)
    pdf = max(1, arguments.pdf_requests)
    figures = {
        "schedule page with grid": page(
            client, reverse("events:schedule", args=[SLUG, event.pk]), arguments.requests
        ),
        "agenda page": page(
            client, reverse("events:agenda", args=[SLUG, event.pk, person.pk]), arguments.requests
        ),
        "agenda PDF": page(
            client, reverse("events:agenda_pdf", args=[SLUG, event.pk, person.pk]), pdf
        ),
        "agenda .ics": page(
            client,
            reverse("events:agenda_ics", args=[SLUG, event.pk, person.pk]),
            arguments.requests,
        ),
        "table cards PDF": page(
            client, reverse("events:table_cards_pdf", args=[SLUG, event.pk]), pdf
        ),
        "attendee list page": page(
            client, reverse("events:meeting_attendees", args=[SLUG, event.pk]), arguments.requests
        ),
        "requests page": page(
            client, reverse("events:meeting_requests", args=[SLUG, event.pk]), arguments.requests
        ),
    }
    scale = {
        "participants": Registration.objects.filter(event=event, wants_meetings=True).count(),
        "requests": MeetingRequest.objects.filter(event=event).count(),
        "slots": TimeSlot.objects.filter(event=event).count(),
        "tables": MeetingTable.objects.filter(event=event).count(),
        "agenda_meetings": MeetingPlacement.objects.filter(request__event=event)
        .filter(request__requester=person)
        .count()
        + MeetingPlacement.objects.filter(request__invitee=person).count(),
    }
    return {"scale": scale, "scheduler": scheduler, "figures": figures}


def worker(arguments: argparse.Namespace) -> dict:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clusterdesk.settings_test")
    os.environ["MATCHMAKING_ENGINE"] = "tfidf"
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.utils import timezone

    from clusterdesk.events.models import Event
    from clusterdesk.matchmaking.models import MatchProfile
    from clusterdesk.tenancy.models import Cluster, User

    settings.MATCHMAKING_ENGINE = "tfidf"
    settings.MATCHMAKING_INDEX_DIR = INDEX_DIR
    setup_test_environment()
    today = timezone.localdate()
    cluster = Cluster.objects.filter(slug=SLUG).first() if arguments.reuse else None
    if (
        cluster is None
        or not MatchProfile.objects.for_cluster(cluster).exists()
        or not Event.objects.for_cluster(cluster).filter(has_meetings=True).exists()
    ):
        generated = generate_all(arguments, today)
        cluster = Cluster.objects.get(slug=SLUG)
    else:
        generated = {"reused": True}
    manager = User.objects.get(email=f"manager@{SLUG}.example")
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(manager)
    return {
        "database": connection.vendor,
        "database_version": ".".join(map(str, connection.Database.sqlite_version_info))
        if connection.vendor == "sqlite"
        else str(connection.pg_version),
        "today": today.isoformat(),
        "load_average": [round(value, 2) for value in os.getloadavg()],
        "generated": generated,
        "participants": cluster.organisations.count(),
        "matchmaking": matchmaking_figures(arguments, client, cluster),
        "event": event_figures(arguments, client, cluster, manager),
        "meeting_day": meeting_figures(arguments, client, cluster, manager),
        "load_average_after": [round(value, 2) for value in os.getloadavg()],
    }


# --------------------------------------------------------------------------- in the parent


def _line(name: str, timing: dict) -> str:
    target = TARGETS_MS.get(name)
    mark = f"  (target p95 < {target} ms)" if target else ""
    most = timing.get("max_queries")
    queries = f"{timing['queries']} queries" + (
        f" (at most {most})" if most is not None and most != timing["queries"] else ""
    )
    return (
        f"  {name:<48} median {timing['median_ms']:>8} ms  p95 {timing['p95_ms']:>8} ms"
        f"  {queries}{mark}"
    )


def report(results: dict[str, dict]) -> None:
    for name, result in results.items():
        matchmaking, event, day = result["matchmaking"], result["event"], result["meeting_day"]
        print(
            f"\n{name} {result['database_version']}: {result['participants']:,} participants "
            f"(today {result['today']}, load average {result['load_average']})"
        )
        scale = matchmaking["scale"]
        print(
            f" matchmaking: {scale['profiles']:,} profiles, {scale['listings']:,} offers and "
            f"requests, {scale['matches']:,} follow-ups"
        )
        for figure, timing in matchmaking["figures"].items():
            print(_line(figure, timing))
        scale = event["scale"]
        print(
            f" event: {scale['registrations']:,} registrations ({scale['waiting']:,} waiting, "
            f"{scale['checked_in']:,} checked in, {scale['involvements']:,} involvements); "
            f"{scale['events']} events in the cluster"
        )
        for figure, timing in event["figures"].items():
            print(_line(figure, timing))
        scale, scheduler = day["scale"], day["scheduler"]
        print(
            f" B2B day: {scale['participants']:,} people, {scale['requests']:,} accepted "
            f"requests, {scale['slots']} slots, {scale['tables']} tables"
        )
        print(
            f"  scheduler_run_execute: {scheduler['seconds']} s, {scheduler['queries']} queries; "
            f"placed {scheduler['placed']:,} of {scheduler['requested']:,}, bound "
            f"{scheduler['bound']:,}, ratio {scheduler['ratio']:.3f}"
            f"{' (optimal)' if scheduler['optimal'] else ''}, idle gaps {scheduler['idle_gaps']}"
            f" (mean {scheduler['idle_gaps_mean']}, max {scheduler['idle_gaps_max']}); "
            f"first free slot {scheduler['first_free']['placed']:,}"
        )
        for figure, timing in day["figures"].items():
            print(_line(figure, timing))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--participants", type=int, default=20_000)
    parser.add_argument("--registrations", type=int, default=2_000)
    parser.add_argument("--meeting-participants", type=int, default=500)
    parser.add_argument(
        "--meeting-requests", type=int, default=5, help="accepted requests each person sends"
    )
    parser.add_argument("--requests", type=int, default=20, help="requests per page")
    parser.add_argument("--pdf-requests", type=int, default=5, help="requests per PDF")
    parser.add_argument("--checkins", type=int, default=10)
    parser.add_argument("--time-limit", type=int, default=60, help="the scheduler's, seconds")
    parser.add_argument("--reuse", action="store_true", help="keep data of an earlier run")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    with one_run_at_a_time(arguments):
        dispatch(
            arguments,
            worker,
            report,
            "events.json",
            script=__file__,
            sqlite=SQLITE,
            postgres=POSTGRES,
        )


@contextlib.contextmanager
def one_run_at_a_time(arguments: argparse.Namespace) -> Iterator[None]:
    """Two runs would regenerate the same databases under each other: the second waits."""
    if arguments.worker:  # the parent holds the lock
        yield
        return
    LOCK.parent.mkdir(parents=True, exist_ok=True)
    with LOCK.open("w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print("Another run of this benchmark is going on; waiting for it to end…", flush=True)
            fcntl.flock(lock, fcntl.LOCK_EX)
        yield


if __name__ == "__main__":
    main()
