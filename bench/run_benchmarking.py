"""Excellence benchmarking's benchmarks (issue 4), on SQLite and on PostgreSQL.

    python bench/run_benchmarking.py                       # both databases
    python bench/run_benchmarking.py --database sqlite     # one of them
    python bench/run_benchmarking.py --reuse --profile     # keep the data, time every query

Builds, with bench/generate_engagement.py, the engagement issue's scale (20,000 participants,
500,000 personal contacts, 20,000 activities, 200,000 involvements) in the cluster "excellence"
and a tenth of it in "excellence-tenth", in var/bench-benchmarking.sqlite3 and in the
PostgreSQL database clusterdesk_bench (127.0.0.1:5432, user postgres; created when missing;
BENCH_POSTGRES_URL names another). Each cluster also gets what the engagement generator leaves
out and a full assessment reads: a team with training, governance, budget and funding,
strategy and plan, web presence, success stories, 40 working groups (with their meetings
linked), questionnaire answers and two saved assessments; the demo's synthetic peer reference
file is loaded as a shared reference set.

Reports per database: a full assessment (``services.assessment_run``: facts, engine, readiness)
median and 95th percentile of 10 runs and its query count, the query count at a tenth of the
scale (it must not grow with the participants), the PDF report
(``clusterdesk.benchmarking.report.report_pdf``) and the readiness page
(``GET /c/<slug>/excellence/`` through Django's test client, logged in as the manager),
median and 95th percentile of 20 requests. ``--profile`` times every query of one assessment.
The full record goes to bench/out/benchmarking.json.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import time
import traceback
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.run_engagement import (  # noqa: E402
    dispatch,
    summary,
)

OUT = ROOT / "bench" / "out"
SQLITE = ROOT / "var" / "bench-benchmarking.sqlite3"
POSTGRES = os.environ.get(
    "BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/clusterdesk_bench"
)
SLUG, TENTH_SLUG = "excellence", "excellence-tenth"
TARGETS_MS = {"assessment_p95": 1000, "report_pdf": 5000, "readiness_page_p95": 500}
WORKING_GROUPS = 40


# --------------------------------------------------------------------------- in the worker


def organisation_write(cluster: Any, today: date) -> None:
    """What a full assessment reads besides the ledger, written again on every run: the team,
    governance, money, strategy and plan, web presence, stories, working groups (their
    meetings are the generated ``working_group_meeting`` activities, shared out among them),
    questionnaire answers. A few hundred rows: the ledger is what makes the scale."""
    import random

    from django.db import transaction

    from clusterdesk.benchmarking.models import Answer
    from clusterdesk.benchmarking.models import Assessment as SavedAssessment
    from clusterdesk.engagement.models import (
        Activity,
        BoardMember,
        BudgetLine,
        Committee,
        FundingCommitment,
        GeneralAssembly,
        Governance,
        PlanAction,
        StaffMember,
        StrategyDocument,
        SuccessStory,
        TrainingRecord,
        WebPresence,
        WorkingGroup,
    )
    from clusterdesk.participants.models import Commitment, Organisation
    from clusterdesk.tenancy.models import User

    rng = random.Random(4)
    manager = User.objects.get(email=f"manager@{cluster.slug}.example")
    with transaction.atomic():
        Activity.objects.for_cluster(cluster).update(working_group=None)
        for model in (
            SavedAssessment,
            Answer,
            TrainingRecord,
            StaffMember,
            Governance,
            GeneralAssembly,
            BoardMember,
            Committee,
            BudgetLine,
            FundingCommitment,
            StrategyDocument,
            PlanAction,
            WebPresence,
            SuccessStory,
            WorkingGroup,
        ):
            model.objects.for_cluster(cluster).delete()
        cluster.founded_on = date(2012, 3, 1)
        cluster.local_languages = ["it"]
        cluster.target_market_languages = ["en", "de"]
        cluster.save(update_fields=["founded_on", "local_languages", "target_market_languages"])

        staff = StaffMember.objects.bulk_create(
            [
                StaffMember(
                    cluster=cluster,
                    full_name=f"Staff member {number}",
                    post=f"Post {number}",
                    fte=Decimal("1"),
                    started_on=today - timedelta(days=400 * (number + 1)),
                )
                for number in range(6)
            ]
        )
        TrainingRecord.objects.bulk_create(
            [
                TrainingRecord(
                    cluster=cluster,
                    staff_member=member,
                    date=today - timedelta(days=30 * month + 7),
                    days=Decimal("1.5"),
                    topic=f"Course {month}",
                )
                for member in staff
                for month in range(0, 24, 4)
            ]
        )
        Governance.objects.create(
            cluster=cluster,
            legal_form="Association",
            statutes_define_benefits_and_duties=True,
            statutes_updated_on=today - timedelta(days=900),
            general_manager="Staff member 0",
            general_manager_since=today - timedelta(days=2000),
        )
        GeneralAssembly.objects.bulk_create(
            [
                GeneralAssembly(cluster=cluster, date=today - timedelta(days=120 + 365 * year))
                for year in range(4)
            ]
        )
        committed = list(
            Organisation.objects.for_cluster(cluster)
            .filter(commitment=Commitment.COMMITTED)
            .order_by("pk")
            .values_list("pk", flat=True)[:400]
        )
        BoardMember.objects.bulk_create(
            [
                BoardMember(
                    cluster=cluster,
                    full_name=f"Board member {number}",
                    organisation_id=committed[number],
                    board_role="Member",
                    appointment=BoardMember.Appointment.ELECTED,
                    started_on=today - timedelta(days=480),
                )
                for number in range(9)
            ]
        )
        Committee.objects.create(
            cluster=cluster, kind="scientific", name="Scientific board", started_on=date(2015, 1, 1)
        )
        BudgetLine.objects.bulk_create(
            [
                BudgetLine(
                    cluster=cluster,
                    year=year,
                    source=source,
                    planned=Decimal(amount),
                    actual=Decimal(amount) if year <= today.year else None,
                )
                for year in range(today.year - 3, today.year + 2)
                for source, amount in (
                    ("regional_public", 300000),
                    ("eu_projects", 150000),
                    ("membership_fees", 90000),
                    ("service_fees", 70000),
                    ("events", 30000),
                )
            ]
        )
        FundingCommitment.objects.bulk_create(
            [
                FundingCommitment(
                    cluster=cluster,
                    funder=f"Funder {number}",
                    source="regional_public",
                    amount=Decimal(100000),
                    starts_on=today - timedelta(days=365 * (3 - number)),
                    runs_to=today + timedelta(days=300 * number),
                )
                for number in range(4)
            ]
        )
        StrategyDocument.objects.bulk_create(
            [
                StrategyDocument(
                    cluster=cluster,
                    title=f"Strategy {number}",
                    adopted_on=today - timedelta(days=700 * (number + 1)),
                    updated_on=today - timedelta(days=250 + 700 * number),
                )
                for number in range(3)
            ]
        )
        PlanAction.objects.bulk_create(
            [
                PlanAction(
                    cluster=cluster,
                    year=year,
                    title=f"Action {number}",
                    indicator="Things done",
                    target_value=Decimal(10),
                    unit="things",
                    budget=Decimal(5000),
                    owner=manager,
                    achieved_value=Decimal(rng.choice([8, 10, 12])) if year < today.year else None,
                )
                for year in (today.year - 1, today.year)
                for number in range(15)
            ]
        )
        WebPresence.objects.create(
            cluster=cluster,
            url="https://www.bench.example/",
            languages=["it", "en", "de"],
            last_updated_on=today - timedelta(days=12),
            contact_page_url="https://www.bench.example/contact",
        )
        SuccessStory.objects.bulk_create(
            [
                SuccessStory(
                    cluster=cluster,
                    title=f"Story {number}",
                    text="What happened.",
                    published_on=today - timedelta(days=90 * number + 10),
                    complexity="Complex." if number % 3 else "",
                    impact_on_participants="Wide.",
                    objectives_achieved="Reached.",
                    sustainability="Lasting.",
                )
                for number in range(8)
            ]
        )
        groups = WorkingGroup.objects.bulk_create(
            [
                WorkingGroup(
                    cluster=cluster,
                    name=f"Working group {number}",
                    chair_id=committed[number],
                    started_on=today - timedelta(days=1500),
                )
                for number in range(WORKING_GROUPS)
            ]
        )
        Members = WorkingGroup.members.through
        Members.objects.bulk_create(
            [
                Members(workinggroup_id=group.pk, organisation_id=organisation)
                for group in groups
                for organisation in rng.sample(committed, rng.randint(3, 30))
            ]
        )
        meetings = list(
            Activity.objects.for_cluster(cluster)
            .filter(kind="working_group_meeting")
            .values_list("pk", flat=True)
        )
        for number, group in enumerate(groups):
            Activity.objects.filter(pk__in=meetings[number::WORKING_GROUPS]).update(
                working_group=group
            )
        Answer.objects.bulk_create(
            [
                Answer(
                    cluster=cluster,
                    question=question,
                    value=(today - timedelta(days=days)).isoformat(),
                    answered_on=today - timedelta(days=days - 5),
                    answered_by=manager,
                )
                for question, days in (
                    ("satisfaction_survey_closed_on", 200),
                    ("service_area_1_last_delivery", 40),
                    ("service_area_2_last_delivery", 90),
                    ("service_area_3_last_delivery", 150),
                    ("service_area_4_last_delivery", 500),
                )
            ]
        )


def prepare(slug: str, scale: float, arguments: argparse.Namespace, today: date) -> dict:
    """The cluster ``slug`` at ``scale`` of the asked size: generated unless reused, then its
    organisation written again and two snapshots saved."""
    from bench.generate_engagement import generate_engagement
    from clusterdesk.benchmarking.services import assessment_save
    from clusterdesk.engagement.models import PersonalContact
    from clusterdesk.lib.periods import months_before
    from clusterdesk.tenancy.models import Cluster, User

    cluster = Cluster.objects.filter(slug=slug).first() if arguments.reuse else None
    if cluster is None or not PersonalContact.objects.for_cluster(cluster).exists():
        generated = generate_engagement(
            participants=round(arguments.participants * scale),
            contacts=round(arguments.contacts * scale),
            activities=round(arguments.activities * scale),
            involvements=round(arguments.involvements * scale),
            today=today,
            slug=slug,
        )
        cluster = Cluster.objects.get(slug=slug)
    else:
        generated = {"reused": True}
    organisation_write(cluster, today)
    manager = User.objects.get(email=f"manager@{slug}.example")
    for months in (20, 3):  # one for the Silver rule's window, one recent
        assessment_save(cluster=cluster, actor=manager, as_of=months_before(today, months))
    return generated


def timed(function: Callable[[], Any], repeats: int, warm_up: int = 2) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(warm_up):
        function()
    with CaptureQueriesContext(connection) as captured:
        function()
    timings = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        timings.append((time.perf_counter() - start) * 1000)
    return {**summary(timings), "queries": len(captured)}


def profile(function: Callable[[], Any]) -> dict:
    """One run with every query's own time, the slowest first, and the time outside them."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    function()
    start = time.perf_counter()
    with CaptureQueriesContext(connection) as captured:
        function()
    total = (time.perf_counter() - start) * 1000
    queries = sorted(
        (
            {"ms": round(float(query["time"]) * 1000, 1), "sql": query["sql"][:600]}
            for query in captured.captured_queries
        ),
        key=lambda query: -query["ms"],
    )
    in_queries = sum(query["ms"] for query in queries)
    return {
        "total_ms": round(total, 1),
        "in_queries_ms": round(in_queries, 1),
        "outside_queries_ms": round(total - in_queries, 1),
        "queries": queries,
    }


def readiness_page(slug: str, requests: int) -> dict:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from clusterdesk.tenancy.models import User

    client = Client()
    client.force_login(User.objects.get(email=f"manager@{slug}.example"))
    url = reverse("benchmarking:readiness", kwargs={"cluster_slug": slug})
    response = client.get(url)
    if response.status_code != 200:
        return {"error": f"GET {url} answered {response.status_code} (the view is not ready)"}
    for _ in range(2):  # warm-up
        client.get(url)
    timings = []
    for _ in range(requests):
        start = time.perf_counter()
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, response.status_code
    return {**summary(timings), "queries": len(captured), "bytes": len(response.content)}


def report_pdf(cluster: Any, repeats: int) -> dict:
    try:
        from clusterdesk.benchmarking.report import report_pdf as render
    except ImportError as error:
        return {"error": f"clusterdesk.benchmarking.report is not there yet ({error})"}
    from clusterdesk.benchmarking.services import assessment_run

    run = assessment_run(cluster=cluster)
    try:
        pdf = render(cluster, run, language="en")
    except Exception as error:  # noqa: BLE001 - reported, not hidden
        return {"error": f"report_pdf failed: {error!r}", "traceback": traceback.format_exc()}
    size = len(pdf if isinstance(pdf, bytes | bytearray) else getattr(pdf, "content", b""))
    # Timed as a manager waits for it: the assessment and the document together.
    result = timed(
        lambda: render(cluster, assessment_run(cluster=cluster), language="en"),
        repeats,
        warm_up=1,
    )
    return {**result, "bytes": size}


def worker(arguments: argparse.Namespace) -> dict:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clusterdesk.settings_test")
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import setup_test_environment
    from django.utils import timezone

    from clusterdesk.benchmarking.demo import reference_set_load
    from clusterdesk.benchmarking.services import assessment_run
    from clusterdesk.engagement.models import Involvement, PersonalContact
    from clusterdesk.tenancy.models import Cluster

    setup_test_environment()
    today = timezone.localdate()
    generated = {
        SLUG: prepare(SLUG, 1.0, arguments, today),
        TENTH_SLUG: prepare(TENTH_SLUG, 0.1, arguments, today),
    }
    reference_set_load()
    cluster = Cluster.objects.get(slug=SLUG)
    tenth = Cluster.objects.get(slug=TENTH_SLUG)

    def scale_of(one: Any) -> dict:
        return {
            "participants": one.organisations.count(),
            "contacts": PersonalContact.objects.for_cluster(one).count(),
            "involvements": Involvement.objects.for_cluster(one).count(),
        }

    assessment = assessment_run(cluster=cluster).assessment
    result: dict[str, Any] = {
        "database": connection.vendor,
        "database_version": ".".join(map(str, connection.Database.sqlite_version_info))
        if connection.vendor == "sqlite"
        else str(connection.pg_version),
        "today": today.isoformat(),
        "generated": generated,
        "scale": scale_of(cluster),
        "tenth_scale": scale_of(tenth),
        "values": {
            "score": round(assessment.score, 3),
            "level": assessment.readiness.level,
            "statuses": {i.id: i.status for i in assessment.indicators},
        },
    }
    # Nothing of an earlier run is kept alive between the measures: an assessment at this
    # scale holds some 100,000 evidence items, which every later full garbage collection
    # would walk again (a server process does not keep them either).
    del assessment
    measures: dict[str, Callable[[], dict]] = {
        "assessment": lambda: timed(lambda: assessment_run(cluster=cluster), arguments.repeats),
        "assessment_tenth": lambda: timed(lambda: assessment_run(cluster=tenth), arguments.repeats),
    }
    if arguments.profile:
        measures["profile"] = lambda: profile(lambda: assessment_run(cluster=cluster))
    # The report and the page (written by other hands) come last, and say so when not ready.
    measures["report_pdf"] = lambda: report_pdf(cluster, arguments.pdf_repeats)
    measures["readiness_page"] = lambda: readiness_page(SLUG, arguments.requests)
    for name, measure in measures.items():
        gc.collect()
        result[name] = measure()
    return result


# --------------------------------------------------------------------------- in the parent


def _line(label: str, timing: dict, target: str = "") -> str:
    if "error" in timing:
        return f"  {label:<28} not measured: {timing['error']}"
    mark = f"  (target {target})" if target else ""
    return (
        f"  {label:<28} median {timing['median_ms']:>8} ms  p95 {timing['p95_ms']:>8} ms"
        f"  {timing['queries']} queries{mark}"
    )


def report(results: dict[str, dict]) -> None:
    for name, result in results.items():
        scale, tenth = result["scale"], result["tenth_scale"]
        values = result["values"]
        print(
            f"\n{name} {result['database_version']}: {scale['participants']:,} participants, "
            f"{scale['contacts']:,} contacts, {scale['involvements']:,} involvements "
            f"(today {result['today']}); score {values['score']:.1%}, {values['level']}"
        )
        print(_line("full assessment", result["assessment"], "p95 < 1000 ms"))
        print(
            _line(
                f"… at a tenth ({tenth['participants']:,} part.)",
                result["assessment_tenth"],
                "same queries",
            )
        )
        print(_line("PDF report", result["report_pdf"], "< 5000 ms"))
        print(_line("readiness page", result["readiness_page"], "p95 < 500 ms"))
        if "profile" in result:
            found = result["profile"]
            print(
                f"\n  one assessment: {found['total_ms']} ms, {found['in_queries_ms']} ms in "
                f"{len(found['queries'])} queries, {found['outside_queries_ms']} ms outside"
            )
            for query in found["queries"][:8]:
                print(f"    {query['ms']:>7} ms  {query['sql'][:160]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--participants", type=int, default=20_000)
    parser.add_argument("--contacts", type=int, default=500_000)
    parser.add_argument("--activities", type=int, default=20_000)
    parser.add_argument("--involvements", type=int, default=200_000)
    parser.add_argument("--repeats", type=int, default=10)
    parser.add_argument("--pdf-repeats", type=int, default=3)
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--reuse", action="store_true", help="keep data of an earlier run")
    parser.add_argument("--profile", action="store_true", help="time every assessment query")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    dispatch(
        parser.parse_args(),
        worker,
        report,
        "benchmarking.json",
        script=__file__,
        sqlite=SQLITE,
        postgres=POSTGRES,
    )


if __name__ == "__main__":
    main()
