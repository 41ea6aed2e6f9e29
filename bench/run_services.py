"""The service portfolio's benchmark (issue 5), on SQLite and on PostgreSQL.

    python bench/run_services.py                       # both databases
    python bench/run_services.py --database sqlite     # one of them
    python bench/run_services.py --reuse --explain     # keep the data, show query plans

Builds, with bench/generate.py, the engagement issue's registry of 20,000 participants in the
cluster "services-bench", then a catalogue of 40 services over the eight service areas and
50,000 deliveries spread over the three years before today (one to three participants each,
about 80,000 recipient rows; a few services popular, most not), in var/bench-services.sqlite3
and in the PostgreSQL database clusterdesk_bench (127.0.0.1:5432, user postgres; created when
missing; BENCH_POSTGRES_URL names another).

Reports per database the service-coverage computation (``queries.area_coverage``: the four
areas of indicator D4 and the further ones, deliveries and participants reached in the last 12
months, last delivery; target < 200 ms) and the D4 contract query
(``queries.last_delivery_by_area``), median and 95th percentile of 20 runs with their query
counts, then the coverage, catalogue and delivery-log pages through Django's test client
(logged in as the manager), median and 95th percentile of 20 requests. The full record goes to
bench/out/services.json.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.run_engagement import dispatch, explain, summary, timed  # noqa: E402

SQLITE = ROOT / "var" / "bench-services.sqlite3"
POSTGRES = os.environ.get(
    "BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/clusterdesk_bench"
)
SLUG = "services-bench"
TARGETS_MS = {"area_coverage": 200}
SERVICES = 40
YEARS = 3
BATCH = 10_000


# --------------------------------------------------------------------------- in the worker


def clear_portfolio(slug: str) -> None:
    """Delete an earlier run's deliveries set-wise, so that the registry's delete does not walk
    them one by one (and the protected services can go)."""
    from django.db import connection, transaction

    from clusterdesk.services.models import Delivery, DeliveryRecipient, Service
    from clusterdesk.tenancy.models import Cluster

    cluster = Cluster.objects.filter(slug=slug).first()
    if cluster is None:
        return
    deliveries = Delivery._meta.db_table
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {DeliveryRecipient._meta.db_table} WHERE delivery_id IN "  # noqa: S608
            f"(SELECT id FROM {deliveries} WHERE cluster_id = %s)",
            [cluster.pk],
        )
        cursor.execute(f"DELETE FROM {deliveries} WHERE cluster_id = %s", [cluster.pk])  # noqa: S608
        Service.objects.filter(cluster=cluster).delete()


def generate_portfolio(*, participants: int, deliveries: int, today: date, seed: int = 5) -> dict:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction

    from bench.generate import generate
    from clusterdesk.participants.models import Organisation
    from clusterdesk.services.models import (
        Delivery,
        DeliveryRecipient,
        Service,
        ServiceAreaLink,
        ServiceStatus,
    )
    from clusterdesk.tenancy.models import Cluster

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    clear_portfolio(SLUG)
    generate(participants, SLUG)
    rng = random.Random(seed)
    cluster = Cluster.objects.get(slug=SLUG)
    organisations = list(Organisation.objects.for_cluster(cluster).values_list("pk", flat=True))
    first_day = today - timedelta(days=365 * YEARS)
    span = (today - first_day).days
    with transaction.atomic():
        services = Service.objects.bulk_create(
            Service(
                cluster=cluster,
                code=str(number + 1),
                name=f"Service {number + 1}",
                status=ServiceStatus.RETIRED if number % 13 == 12 else ServiceStatus.IN_PLACE,
                member_price=Decimal(100 + 50 * (number % 8)),
            )
            for number in range(SERVICES)
        )
        if services and services[0].pk is None:
            services = list(Service.objects.filter(cluster=cluster).order_by("pk"))
        # Each service serves one area, every fourth a second one; area 4 (people and
        # entrepreneurship) only through two services, last delivered 14 months ago, so the
        # coverage has a gap to show.
        ServiceAreaLink.objects.bulk_create(
            [
                ServiceAreaLink(service=service, area=number % 8 + 1)
                for number, service in enumerate(services)
            ]
            + [
                ServiceAreaLink(service=service, area=(number + 2) % 8 + 1)
                for number, service in enumerate(services)
                if number % 4 == 0 and (number + 2) % 8 + 1 != 4
            ]
        )
        area_four = {service.pk for number, service in enumerate(services) if number % 8 == 3}
        weights = [rng.lognormvariate(0, 1) for _ in services]
        made = 0
        while made < deliveries:
            size = min(BATCH, deliveries - made)
            chosen = rng.choices(services, weights=weights, k=size)
            rows = []
            for service in chosen:
                day = first_day + timedelta(days=rng.randrange(span))
                if service.pk in area_four:
                    day = min(day, today - timedelta(days=430))
                rows.append(
                    Delivery(
                        cluster=cluster,
                        service=service,
                        delivered_on=day,
                        quantity=Decimal(rng.choice((1, 1, 2, 3))),
                        fee_invoiced=Decimal(rng.choice((0, 0, 150, 300, 600))),
                        rating=rng.choice((None, 3, 4, 4, 5)),
                    )
                )
            rows = Delivery.objects.bulk_create(rows, batch_size=2000)
            if rows and rows[0].pk is None:  # pragma: no cover - both databases return keys
                raise RuntimeError("the database did not return the new deliveries' ids")
            DeliveryRecipient.objects.bulk_create(
                [
                    DeliveryRecipient(delivery=delivery, organisation_id=organisation)
                    for delivery in rows
                    for organisation in rng.sample(organisations, k=rng.choice((1, 1, 1, 2, 3)))
                ],
                batch_size=5000,
            )
            made += size
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    return {
        "seconds": round(time.perf_counter() - started, 1),
        "deliveries": deliveries,
        "recipients": DeliveryRecipient.objects.filter(delivery__cluster=cluster).count(),
    }


def page(url: str, requests: int) -> dict:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from clusterdesk.tenancy.models import User

    client = Client()
    client.force_login(User.objects.get(email=f"manager@{SLUG}.example"))
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
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import setup_test_environment
    from django.urls import reverse
    from django.utils import timezone

    from clusterdesk.services import queries
    from clusterdesk.services.models import Delivery
    from clusterdesk.tenancy.models import Cluster

    setup_test_environment()
    today = timezone.localdate()
    cluster = Cluster.objects.filter(slug=SLUG).first() if arguments.reuse else None
    if cluster is None or not Delivery.objects.for_cluster(cluster).exists():
        generated = generate_portfolio(
            participants=arguments.participants, deliveries=arguments.deliveries, today=today
        )
        cluster = Cluster.objects.get(slug=SLUG)
    else:
        generated = {"reused": True}
    figures: dict[str, Callable[[], Any]] = {
        "area_coverage": lambda: queries.area_coverage(cluster, as_of=today),
        "last_delivery_by_area": lambda: queries.last_delivery_by_area(cluster, as_of=today),
        "catalogue_figures": lambda: queries.catalogue_figures(cluster, as_of=today),
    }
    coverage = queries.coverage_summary(cluster, as_of=today)
    pages = {
        "coverage page": reverse("services:coverage", args=[SLUG]),
        "catalogue page": reverse("services:catalogue", args=[SLUG]),
        "delivery log page": reverse("services:deliveries", args=[SLUG]),
    }
    result: dict[str, Any] = {
        "database": connection.vendor,
        "database_version": ".".join(map(str, connection.Database.sqlite_version_info))
        if connection.vendor == "sqlite"
        else str(connection.pg_version),
        "today": today.isoformat(),
        "generated": generated,
        "scale": {
            "participants": cluster.organisations.count(),
            "deliveries": Delivery.objects.for_cluster(cluster).count(),
        },
        "values": {
            "core_covered": coverage.core_covered,
            "uncovered": [area.area for area in coverage.uncovered],
            "deliveries_12m": sum(area.deliveries_12m for area in coverage.core),
        },
        "figures": {name: timed(function, arguments.repeats) for name, function in figures.items()},
        "pages": {name: page(url, arguments.requests) for name, url in pages.items()},
    }
    if arguments.explain:
        result["plans"] = {"area_coverage": explain(figures["area_coverage"])}
    return result


# --------------------------------------------------------------------------- in the parent


def report(results: dict[str, dict]) -> None:
    for name, result in results.items():
        scale, values = result["scale"], result["values"]
        print(
            f"\n{name} {result['database_version']}: {scale['participants']:,} participants, "
            f"{scale['deliveries']:,} deliveries (today {result['today']})"
        )
        print(
            f"  areas 1–4 covered: {values['core_covered']} of 4 (not: {values['uncovered']}); "
            f"{values['deliveries_12m']:,} deliveries in areas 1–4 in the last 12 months"
        )
        for figure, timing in result["figures"].items():
            target = TARGETS_MS.get(figure)
            mark = f"  (target < {target} ms)" if target else ""
            print(
                f"  {figure:<24} median {timing['median_ms']:>7} ms  p95 {timing['p95_ms']:>7} ms"
                f"  {timing['queries']} queries{mark}"
            )
        for page_name, timing in result["pages"].items():
            print(
                f"  {page_name:<24} median {timing['median_ms']:>7} ms"
                f"  p95 {timing['p95_ms']:>7} ms  {timing['queries']} queries"
            )
        for figure, plans in result.get("plans", {}).items():
            print(f"\n  plan of {figure}:")
            for plan in plans:
                print("    " + plan.replace("\n", "\n    "))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--participants", type=int, default=20_000)
    parser.add_argument("--deliveries", type=int, default=50_000)
    parser.add_argument("--repeats", type=int, default=20)
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--reuse", action="store_true", help="keep data of an earlier run")
    parser.add_argument("--explain", action="store_true", help="print the query plans")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    dispatch(
        parser.parse_args(),
        worker,
        report,
        "services.json",
        script=__file__,
        sqlite=SQLITE,
        postgres=POSTGRES,
    )


if __name__ == "__main__":
    main()
