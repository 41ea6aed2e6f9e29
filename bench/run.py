"""The registry's benchmarks (issue 2), on an SQLite database of their own.

    make bench            # or: python bench/run.py --participants 20000

Reports the participant list page's server time (median and 95th percentile) at the given
scale, the number of queries per page at 200 and at that scale, and the import throughput of a
10,000-row XLSX through the preview (parsing, validation, duplicate detection) and the apply.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
OUT.mkdir(parents=True, exist_ok=True)
DB = ROOT / "var" / "bench.sqlite3"
os.environ["DATABASE_URL"] = f"sqlite:///{DB}"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clusterdesk.settings_test")
os.environ.setdefault("TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend")
sys.path.insert(0, str(ROOT))

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

from bench.generate import generate, organisation_rows  # noqa: E402

LIST_VARIANTS = [
    "",
    "?sort=-employees",
    "?category=industry_sme&commitment=committed",
    "?q=lanificio",
    "?sector=13&region=Toscana",
    "?page=300",
]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    position = (len(ordered) - 1) * share
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def list_page(slug: str, repeats: int) -> dict:
    from clusterdesk.tenancy.models import User

    client = Client()
    client.force_login(User.objects.get(email=f"manager@{slug}.example"))
    base = f"/c/{slug}/participants/"
    for variant in LIST_VARIANTS:  # warm-up
        assert client.get(base + variant).status_code == 200
    timings: list[float] = []
    queries: dict[str, int] = {}
    for _ in range(repeats):
        for variant in LIST_VARIANTS:
            start = time.perf_counter()
            with CaptureQueriesContext(connection) as captured:
                response = client.get(base + variant)
            timings.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200
            queries[variant or "(no filter)"] = len(captured)
    return {
        "requests": len(timings),
        "median_ms": round(statistics.median(timings), 1),
        "p95_ms": round(percentile(timings, 0.95), 1),
        "max_ms": round(max(timings), 1),
        "queries_per_page": queries,
    }


def import_throughput(rows: int, slug: str = "bench-import", first: int = 0) -> dict:
    """Import ``rows`` new organisations into the cluster ``slug`` (created empty when it is
    "bench-import"), apply them, and preview the same file again (all unchanged)."""
    import openpyxl
    from django.core.files.uploadedfile import SimpleUploadedFile

    from clusterdesk.participants.importing.services import (
        import_analyse,
        import_apply,
        import_start,
    )
    from clusterdesk.participants.models import Organisation
    from clusterdesk.tenancy.models import Cluster, User

    if slug == "bench-import":
        generate(0, slug)
    cluster = Cluster.objects.get(slug=slug)
    user = User.objects.get(email=f"manager@{slug}.example")
    existing = Organisation.objects.for_cluster(cluster).count()
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    header = [
        "name",
        "category",
        "region",
        "city",
        "country",
        "vat_number",
        "employees",
        "commitment",
        "agreement_signed_on",
        "nace_codes",
    ]
    sheet.append(header)
    for row in organisation_rows(rows, seed=11, first=first):
        sheet.append(
            [
                row["name"],
                row["category"],
                row["region"],
                row["city"],
                row["country"],
                row["vat_number"],
                row["employees"],
                row["commitment"],
                row["agreement_signed_on"],
                "; ".join(row["codes"]),
            ]
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    content = buffer.getvalue()

    def preview() -> tuple[object, float]:
        batch = import_start(
            cluster=cluster,
            actor=user,
            kind="organisations",
            upload=SimpleUploadedFile("bench.xlsx", content),
        )
        start = time.perf_counter()
        import_analyse(batch=batch)
        return batch, time.perf_counter() - start

    batch, first_preview = preview()
    batch.refresh_from_db()
    assert batch.summary["create"] == rows, batch.summary
    start = time.perf_counter()
    with CaptureQueriesContext(connection) as captured:
        import_apply(batch=batch, actor=user)
    apply_seconds = time.perf_counter() - start
    assert Organisation.objects.for_cluster(cluster).count() == existing + rows
    again, second_preview = preview()
    again.refresh_from_db()
    assert again.summary["unchanged"] == rows, again.summary
    return {
        "rows": rows,
        "existing_participants": existing,
        "file_bytes": len(content),
        "preview_new_rows_per_s": round(rows / first_preview),
        "apply_seconds": round(apply_seconds, 2),
        "apply_queries": len(captured),
        "preview_against_existing_rows_per_s": round(rows / second_preview),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--participants", type=int, default=20_000)
    parser.add_argument("--repeats", type=int, default=20)
    parser.add_argument("--import-rows", type=int, default=10_000)
    arguments = parser.parse_args()
    setup_test_environment()
    DB.parent.mkdir(exist_ok=True)

    results: dict = {"database": "sqlite", "participants": arguments.participants}
    generate(200, "bench-small")
    results["list_200"] = list_page("bench-small", max(3, arguments.repeats // 4))
    generate(arguments.participants, "bench")
    results["list_large"] = list_page("bench", arguments.repeats)
    results["import"] = import_throughput(arguments.import_rows)
    # The same into the large registry: every new name is compared with every registered one.
    results["import_large"] = import_throughput(
        arguments.import_rows, "bench", first=arguments.participants
    )

    (OUT / "registry.json").write_text(json.dumps(results, indent=2))
    large, small, imported = results["list_large"], results["list_200"], results["import"]
    print(
        f"\nParticipant list page, {arguments.participants} participants "
        f"({large['requests']} requests over {len(LIST_VARIANTS)} filter/sort/page variants):"
    )
    print(f"  median {large['median_ms']} ms, p95 {large['p95_ms']} ms, max {large['max_ms']} ms")
    print(f"  queries per page at 200:    {small['queries_per_page']}")
    print(f"  queries per page at {arguments.participants}: {large['queries_per_page']}")
    print(f"Import of a {imported['rows']}-row XLSX ({imported['file_bytes']:,} bytes):")
    print(f"  preview of new rows: {imported['preview_new_rows_per_s']} rows/s")
    print(f"  apply: {imported['apply_seconds']} s in {imported['apply_queries']} queries")
    print(
        f"  re-import preview against {imported['rows']} existing: "
        f"{imported['preview_against_existing_rows_per_s']} rows/s"
    )
    imported = results["import_large"]
    print(f"The same file into the registry of {imported['existing_participants']}:")
    print(f"  preview of new rows: {imported['preview_new_rows_per_s']} rows/s")
    print(f"  apply: {imported['apply_seconds']} s in {imported['apply_queries']} queries")
    print(f"  re-import preview: {imported['preview_against_existing_rows_per_s']} rows/s")
    print(f"(full figures in {OUT / 'registry.json'})")


if __name__ == "__main__":
    main()
