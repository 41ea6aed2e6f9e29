"""The engagement ledger's benchmarks (issue 3), on SQLite and on PostgreSQL.

    python bench/run_engagement.py                       # both databases
    python bench/run_engagement.py --database sqlite     # one of them
    python bench/run_engagement.py --reuse --explain     # keep the data, show query plans

Builds 20,000 participants, 500,000 personal contacts, 20,000 activities and 200,000
involvements with bench/generate_engagement.py in var/bench-engagement.sqlite3 and in the
PostgreSQL database clusterdesk_bench (127.0.0.1:5432, user postgres; created when missing;
BENCH_POSTGRES_URL names another), then reports per database the time of the two SPEC
figures computed by the database, "share of participants with a personal contact in the last
12 months" (contact_reach) and "share actively involved two days or more"
(active_involvement), median and 95th percentile of 20 runs, the other dashboard figures for
information, and the dashboard page's server time (median and 95th percentile of 30 requests
through Django's test client). The full record goes to bench/out/engagement.json.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
SQLITE = ROOT / "var" / "bench-engagement.sqlite3"
POSTGRES = os.environ.get(
    "BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/clusterdesk_bench"
)
SLUG = "bench"
TARGETS_MS = {"contact_reach": 200, "active_involvement": 200, "dashboard_page_p95": 300}


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    position = (len(ordered) - 1) * share
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def summary(timings: list[float]) -> dict:
    return {
        "runs": len(timings),
        "median_ms": round(statistics.median(timings), 1),
        "p95_ms": round(percentile(timings, 0.95), 1),
        "max_ms": round(max(timings), 1),
    }


# --------------------------------------------------------------------------- in the worker


def timed(function: Callable[[], Any], repeats: int) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(2):  # warm-up
        function()
    with CaptureQueriesContext(connection) as captured:
        function()
    timings = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        timings.append((time.perf_counter() - start) * 1000)
    return {**summary(timings), "queries": len(captured)}


def explain(function: Callable[[], Any]) -> list[str]:
    """The plan of every query the function runs (EXPLAIN QUERY PLAN / EXPLAIN ANALYZE)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        function()
    prefix = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN ANALYZE "
    plans = []
    for query in captured.captured_queries:
        with connection.cursor() as cursor:
            cursor.execute(prefix + query["sql"])
            rows = cursor.fetchall()
        plans.append(query["sql"] + "\n" + "\n".join("  " + " ".join(map(str, r)) for r in rows))
    return plans


def dashboard_page(requests: int) -> dict:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from clusterdesk.tenancy.models import User

    client = Client()
    client.force_login(User.objects.get(email=f"manager@{SLUG}.example"))
    url = reverse("engagement:dashboard", kwargs={"cluster_slug": SLUG})
    for _ in range(3):  # warm-up
        assert client.get(url).status_code == 200
    timings = []
    for _ in range(requests):
        start = time.perf_counter()
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200
    return {**summary(timings), "queries": len(captured), "bytes": len(response.content)}


def worker(arguments: argparse.Namespace) -> dict:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clusterdesk.settings_test")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db import connection
    from django.db.models import Count
    from django.test.utils import setup_test_environment
    from django.utils import timezone

    from bench.generate_engagement import generate_engagement
    from clusterdesk.engagement import queries
    from clusterdesk.engagement.models import Involvement, PersonalContact
    from clusterdesk.tenancy.models import Cluster

    setup_test_environment()
    today = timezone.localdate()
    cluster = Cluster.objects.filter(slug=SLUG).first() if arguments.reuse else None
    if cluster is None or not PersonalContact.objects.for_cluster(cluster).exists():
        generated = generate_engagement(
            participants=arguments.participants,
            contacts=arguments.contacts,
            activities=arguments.activities,
            involvements=arguments.involvements,
            today=today,
            slug=SLUG,
        )
        cluster = Cluster.objects.get(slug=SLUG)
    else:
        generated = {"reused": True}
    busiest = (
        Involvement.objects.for_cluster(cluster)
        .values("organisation")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .first()
    )
    organisation = cluster.organisations.get(pk=busiest["organisation"])
    figures: dict[str, Callable[[], Any]] = {
        "contact_reach": lambda: queries.contact_reach(cluster, today=today),
        "active_involvement": lambda: queries.active_involvement(cluster, today=today),
        "monthly_activity": lambda: queries.monthly_activity(cluster, year=today.year),
        "international_involvement": lambda: queries.international_involvement(
            cluster, today=today
        ),
        "regularity": lambda: queries.regularity(cluster, today=today),
        "reach_by_category": lambda: queries.reach_by_category(cluster, today=today),
        "most_engaged": lambda: queries.most_engaged(cluster, today=today),
        "committed_not_contacted": lambda: queries.committed_not_contacted(cluster, today=today),
        "participant_engagement": lambda: queries.participant_engagement(
            cluster, organisation, today=today
        ),
        "dashboard_queries": lambda: queries.dashboard(cluster, today=today),
    }
    reach = queries.contact_reach(cluster, today=today)
    involved = queries.active_involvement(cluster, today=today)
    result: dict[str, Any] = {
        "database": connection.vendor,
        "database_version": ".".join(map(str, connection.Database.sqlite_version_info))
        if connection.vendor == "sqlite"
        else str(connection.pg_version),
        "today": today.isoformat(),
        "generated": generated,
        "scale": {
            "participants": cluster.organisations.count(),
            "contacts": PersonalContact.objects.for_cluster(cluster).count(),
            "involvements": Involvement.objects.for_cluster(cluster).count(),
        },
        "values": {
            "reach": [reach.reached, reach.participants, round(reach.share, 3)],
            "involved": [involved.active, involved.participants, round(involved.share, 3)],
            "sme_active": involved.sme_active,
        },
        "figures": {name: timed(function, arguments.repeats) for name, function in figures.items()},
        "dashboard_page": dashboard_page(arguments.requests),
    }
    if arguments.explain:
        result["plans"] = {
            name: explain(figures[name]) for name in ("contact_reach", "active_involvement")
        }
    return result


# --------------------------------------------------------------------------- in the parent


def ensure_postgres_database(url: str) -> None:
    """Create the benchmark's PostgreSQL database when it is missing."""
    import dj_database_url
    import psycopg

    settings = dj_database_url.parse(url)
    server = psycopg.connect(
        host=settings["HOST"] or "127.0.0.1",
        port=settings["PORT"] or 5432,
        user=settings["USER"] or "postgres",
        password=settings["PASSWORD"] or None,
        dbname="postgres",
        autocommit=True,
    )
    with server:
        exists = server.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [settings["NAME"]]
        ).fetchone()
        if not exists:
            server.execute(f'CREATE DATABASE "{settings["NAME"]}"')


def run_database(name: str, script: str, sqlite: Path, postgres: str) -> dict:
    """One database in a process of its own (Django reads DATABASE_URL once, at set-up): the
    benchmark ``script`` run again with ``--worker``, its figures read back."""
    if name == "sqlite":
        sqlite.parent.mkdir(exist_ok=True)
        url = f"sqlite:///{sqlite}"
    else:
        ensure_postgres_database(postgres)
        url = postgres
    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        command = [sys.executable, script, "--worker", out.name, *sys.argv[1:]]
        environment = {
            **os.environ,
            "DATABASE_URL": url,
            "TASKS_BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        }
        subprocess.run(command, check=True, env=environment)
        return json.loads(Path(out.name).read_text())


def report(results: dict[str, dict]) -> None:
    for name, result in results.items():
        scale = result["scale"]
        reach, involved = result["values"]["reach"], result["values"]["involved"]
        print(
            f"\n{name} {result['database_version']}: {scale['participants']:,} participants, "
            f"{scale['contacts']:,} contacts, {scale['involvements']:,} involvements "
            f"(today {result['today']})"
        )
        print(
            f"  reach {reach[0]:,}/{reach[1]:,} = {reach[2]:.1%}; actively involved "
            f"{involved[0]:,}/{involved[1]:,} = {involved[2]:.1%} "
            f"({result['values']['sme_active']:,} SMEs)"
        )
        for figure, timing in result["figures"].items():
            target = TARGETS_MS.get(figure)
            mark = f"  (target < {target} ms)" if target else ""
            print(
                f"  {figure:<26} median {timing['median_ms']:>7} ms  p95 {timing['p95_ms']:>7} ms"
                f"  {timing['queries']} queries{mark}"
            )
        page = result["dashboard_page"]
        print(
            f"  {'dashboard page':<26} median {page['median_ms']:>7} ms  p95 {page['p95_ms']:>7} ms"
            f"  {page['queries']} queries  (target p95 < {TARGETS_MS['dashboard_page_p95']} ms)"
        )
        for figure, plans in result.get("plans", {}).items():
            print(f"\n  plan of {figure}:")
            for plan in plans:
                print("    " + plan.replace("\n", "\n    "))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--participants", type=int, default=20_000)
    parser.add_argument("--contacts", type=int, default=500_000)
    parser.add_argument("--activities", type=int, default=20_000)
    parser.add_argument("--involvements", type=int, default=200_000)
    parser.add_argument("--repeats", type=int, default=20)
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--reuse", action="store_true", help="keep data of an earlier run")
    parser.add_argument("--explain", action="store_true", help="print the query plans")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    dispatch(
        parser.parse_args(),
        worker,
        report,
        "engagement.json",
        script=__file__,
        sqlite=SQLITE,
        postgres=POSTGRES,
    )


def dispatch(
    arguments: argparse.Namespace,
    worker: Callable[[argparse.Namespace], dict],
    report: Callable[[dict], None],
    record: str,
    *,
    script: str,
    sqlite: Path,
    postgres: str,
) -> None:
    """A benchmark's entry point: in a worker process, measure one database and write the
    figures where the parent asked; in the parent, run a worker per database asked for, keep
    the full record in ``bench/out/<record>`` and print the summary."""
    if arguments.worker:
        Path(arguments.worker).write_text(json.dumps(worker(arguments), indent=2))
        return
    names = ["sqlite", "postgres"] if arguments.database == "both" else [arguments.database]
    results = {name: run_database(name, script, sqlite, postgres) for name in names}
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / record).write_text(json.dumps(results, indent=2))
    report(results)
    print(f"(full figures in {OUT / record})")


if __name__ == "__main__":
    main()
