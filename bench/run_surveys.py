"""The surveys' benchmark (issue 5), on SQLite and on PostgreSQL.

    python bench/run_surveys.py                       # both databases
    python bench/run_surveys.py --database sqlite     # one of them
    python bench/run_surveys.py --reuse --profile     # keep the data, time every query

Builds, in the cluster "surveys" of var/bench-surveys.sqlite3 and of the PostgreSQL database
clusterdesk_bench (127.0.0.1:5432, user postgres; created when missing; BENCH_POSTGRES_URL
names another), 6,000 participants with a contact each (bench/generate.py), a survey of 30
questions of every kind (12 scales of 1 to 5, a 0–10 recommendation, 2 star ratings, 4 single
and 3 multiple choices, 2 matrices of 5 rows, 2 numbers, a date and 3 free texts), 6,000
personal invitations and 5,000 responses sent (plus 300 drafts), about 200,000 answer rows.

Reports per database the results page (``GET /c/surveys/surveys/<id>/results/`` through
Django's test client, logged in as the manager: response rate, NPS, satisfaction, a chart per
question, breakdowns by category and size, free texts) — median and 95th percentile of 30
requests and its query count, and the same count at a tenth of the responses (it must not
grow with them); the results computation alone (``results.survey_results``); and the CSV
export of the 5,000 responses. The full record goes to bench/out/surveys.json.
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import sys
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.run_engagement import dispatch, summary  # noqa: E402

SQLITE = ROOT / "var" / "bench-surveys.sqlite3"
POSTGRES = os.environ.get(
    "BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/clusterdesk_bench"
)
SLUG = "surveys"
TARGETS_MS = {"results_page_p95": 500}
TEXTS = [
    "More matchmaking with foreign buyers, please.",
    "The training on export was very useful.",
    "Events are too often in Prato; some in Florence would help.",
    "Faster answers to e-mails.",
    "A shared stand at the next trade fair.",
]


# --------------------------------------------------------------------------- the survey


def _texts(text: str) -> dict[str, str]:
    return {"en": text}


def survey_spec() -> dict[str, Any]:
    """Thirty questions of every kind, in three sections."""
    scales = ["satisfaction", "agreement", "importance"]
    choice = [{"value": f"o{n}", "label": _texts(f"Option {n}")} for n in range(1, 6)]
    many = [{"value": f"m{n}", "label": _texts(f"Service {n}")} for n in range(1, 7)]
    rows = [{"value": f"r{n}", "label": _texts(f"Service area {n}")} for n in range(1, 6)]
    questions: list[dict[str, Any]] = []

    def add(kind: str, **more: Any) -> None:
        number = len(questions) + 1
        questions.append(
            {
                "key": f"q{number:02d}",
                "kind": kind,
                "text": _texts(f"Question {number} ({kind})"),
                "required": kind in ("likert", "nps"),
                **more,
            }
        )

    for number in range(12):
        add("likert", scale=scales[number % 3])
    add("nps")
    add("rating", max_value=5)
    add("rating", max_value=10)
    for _ in range(4):
        add("single", options=choice)
    for _ in range(3):
        add("multiple", options=many)
    add("matrix", scale="satisfaction", options=rows)
    add("matrix", scale="agreement", options=rows)
    add("number", min_value=0, max_value=1000)
    add("number", min_value=0, max_value=100)
    add("date")
    for _ in range(3):
        add("text", max_length=2000)
    assert len(questions) == 30
    return {
        "key": "",
        "kind": "satisfaction",
        "title": _texts("Bench satisfaction survey"),
        "intro": {},
        "languages": ["en"],
        "sections": [
            {"title": _texts(f"Part {part + 1}"), "intro": {}, "questions": questions[s:e]}
            for part, (s, e) in enumerate([(0, 12), (12, 22), (22, 30)])
        ],
    }


def answer_rows(rng: random.Random, questions: list[Any], options_of: dict) -> list[tuple]:
    """One respondent's answers as (question id, option id, number, day, text)."""
    rows: list[tuple] = []
    for question in questions:
        kind = question.kind
        options = options_of[question.pk]
        if kind == "likert":
            rows.append(
                (question.pk, None, float(rng.choices(range(1, 6), (1, 2, 3, 5, 3))[0]), None, "")
            )
        elif kind == "nps":
            rows.append(
                (
                    question.pk,
                    None,
                    float(rng.choices(range(11), [1] * 6 + [2, 3, 4, 4, 3])[0]),
                    None,
                    "",
                )
            )
        elif kind == "rating":
            rows.append(
                (question.pk, None, float(rng.randint(1, int(question.max_value))), None, "")
            )
        elif kind == "single":
            rows.append((question.pk, rng.choice(options).pk, None, None, ""))
        elif kind == "multiple":
            for option in rng.sample(options, k=rng.randint(1, 4)):
                rows.append((question.pk, option.pk, None, None, ""))
        elif kind == "matrix":
            for option in options:
                rows.append((question.pk, option.pk, float(rng.randint(1, 5)), None, ""))
        elif kind == "number":
            rows.append(
                (question.pk, None, float(rng.randint(0, int(question.max_value))), None, "")
            )
        elif kind == "date":
            rows.append(
                (question.pk, None, None, date(2026, 1, 1) + timedelta(days=rng.randrange(300)), "")
            )
        elif kind == "text" and rng.random() < 0.4:
            rows.append((question.pk, None, None, None, rng.choice(TEXTS)))
    return rows


def fill(cluster: Any, responses: int, drafts: int, *, template: str, seed: int = 5) -> dict:
    """A survey of the cluster with its invitations (one per contact) and responses (bulk
    writes, no services in the loop: the answers are what the services would store)."""
    from django.db import transaction
    from django.utils import timezone

    from clusterdesk.participants.models import Contact
    from clusterdesk.surveys.models import (
        Answer,
        Invitation,
        Option,
        Question,
        Response,
        ResponseStatus,
        SurveyStatus,
        size_band,
    )
    from clusterdesk.surveys.services import survey_build
    from clusterdesk.tenancy.models import User

    manager = User.objects.get(email=f"manager@{SLUG}.example")
    rng = random.Random(seed)
    spec = {**survey_spec(), "key": template}
    survey = survey_build(cluster=cluster, actor=manager, spec=spec, languages=["en"])
    survey.status = SurveyStatus.OPEN
    survey.save(update_fields=["status"])
    questions = list(
        Question.objects.filter(survey=survey).order_by("section__position", "position")
    )
    options_of: dict[int, list[Any]] = {question.pk: [] for question in questions}
    for option in Option.objects.filter(question__survey=survey).order_by("position"):
        options_of[option.question_id].append(option)
    contacts = list(
        Contact.objects.for_cluster(cluster).select_related("organisation").order_by("pk")
    )
    now = timezone.now()
    total = 0
    with transaction.atomic():
        invitations = Invitation.objects.bulk_create(
            [
                Invitation(
                    cluster=cluster,
                    survey=survey,
                    contact=contact,
                    email=contact.email,
                    language="en",
                    sent_at=now,
                    token=f"bench-{survey.pk}-{contact.pk}-{rng.getrandbits(64):x}",
                )
                for contact in contacts
            ],
            batch_size=2000,
        )
        pairs = list(zip(invitations, contacts, strict=True))[: responses + drafts]
        saved = Response.objects.bulk_create(
            [
                Response(
                    cluster=cluster,
                    survey=survey,
                    invitation=invitation,
                    status=ResponseStatus.SUBMITTED if index < responses else ResponseStatus.DRAFT,
                    language="en",
                    organisation=contact.organisation,
                    category=contact.organisation.category,
                    size_band=size_band(contact.organisation.employees),
                    submitted_at=now - timedelta(minutes=index) if index < responses else None,
                )
                for index, (invitation, contact) in enumerate(pairs)
            ],
            batch_size=2000,
        )
        batch: list[Answer] = []
        for index, response in enumerate(saved):
            for question, option, number, day, text in answer_rows(rng, questions, options_of):
                batch.append(
                    Answer(
                        survey=survey,
                        response=response,
                        question_id=question,
                        option_id=option,
                        number=number,
                        day=day,
                        text=text,
                        submitted=index < responses,
                    )
                )
            if len(batch) >= 20_000:
                Answer.objects.bulk_create(batch, batch_size=5000)
                total += len(batch)
                batch = []
        Answer.objects.bulk_create(batch, batch_size=5000)
        total += len(batch)
    return {
        "survey": survey.pk,
        "questions": len(questions),
        "invitations": len(invitations),
        "responses": responses,
        "drafts": drafts,
        "answers": total,
    }


def build(arguments: argparse.Namespace) -> dict:
    """The cluster with its participants, the survey and a tenth of it, then statistics."""
    from django.db import connection

    from bench.generate import generate
    from clusterdesk.tenancy.models import Cluster

    started = time.perf_counter()
    generate(arguments.participants, SLUG)
    cluster = Cluster.objects.get(slug=SLUG)
    full = fill(cluster, arguments.responses, arguments.drafts, template="bench")
    small = fill(cluster, arguments.responses // 10, 0, template="bench-tenth", seed=7)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE" if connection.vendor == "sqlite" else "VACUUM ANALYZE")
    return {**full, "tenth": small, "seconds": round(time.perf_counter() - started, 1)}


# --------------------------------------------------------------------------- in the worker


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


def page(url: str, requests: int) -> dict:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from clusterdesk.tenancy.models import User

    client = Client()
    client.force_login(User.objects.get(email=f"manager@{SLUG}.example"))
    for _ in range(2):  # warm-up
        assert client.get(url).status_code == 200
    timings = []
    for _ in range(requests):
        start = time.perf_counter()
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, response.status_code
    return {**summary(timings), "queries": len(captured), "bytes": len(response.content)}


def profile(function: Callable[[], Any]) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    function()
    start = time.perf_counter()
    with CaptureQueriesContext(connection) as captured:
        function()
    total = (time.perf_counter() - start) * 1000
    queries = sorted(
        (
            {"ms": round(float(query["time"]) * 1000, 1), "sql": query["sql"][:400]}
            for query in captured.captured_queries
        ),
        key=lambda query: -query["ms"],
    )
    return {"total_ms": round(total, 1), "queries": queries}


def worker(arguments: argparse.Namespace) -> dict:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clusterdesk.settings_test")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import setup_test_environment
    from django.urls import reverse

    from clusterdesk.surveys.models import Answer, Survey
    from clusterdesk.surveys.results import responses_export, survey_results

    setup_test_environment()
    call_command("migrate", verbosity=0)
    surveys = Survey.objects.filter(cluster__slug=SLUG)
    survey = surveys.filter(template="bench").first() if arguments.reuse else None
    small = surveys.filter(template="bench-tenth").first() if arguments.reuse else None
    if (
        survey is None
        or small is None
        or survey.responses.filter(status="submitted").count() != arguments.responses
    ):
        generated = build(arguments)
        survey = Survey.objects.get(pk=generated["survey"])
        small = Survey.objects.get(pk=generated["tenth"]["survey"])
    else:
        generated = {"reused": True}

    def url(one: Survey) -> str:
        return reverse("surveys:results", kwargs={"cluster_slug": SLUG, "pk": one.pk})

    results = survey_results(survey, "en")
    result: dict[str, Any] = {
        "database": connection.vendor,
        "database_version": ".".join(map(str, connection.Database.sqlite_version_info))
        if connection.vendor == "sqlite"
        else str(connection.pg_version),
        "generated": generated,
        "scale": {
            "questions": survey.questions.count(),
            "responses": results.submitted,
            "invited": results.rate.invited,
            "answers": Answer.objects.filter(survey=survey).count(),
        },
        "values": {
            "rate": round(results.rate.share or 0, 3),
            "nps": results.recommendation.score if results.recommendation else None,
            "satisfaction": round(results.satisfaction or 0, 2),
        },
    }
    measures: dict[str, Callable[[], dict]] = {
        "results_page": lambda: page(url(survey), arguments.requests),
        "results_page_tenth": lambda: page(url(small), max(5, arguments.requests // 3)),
        "survey_results": lambda: timed(lambda: survey_results(survey, "en"), arguments.repeats),
        "export_csv": lambda: timed(
            lambda: responses_export(survey, "en", "csv"), max(3, arguments.repeats // 4), 1
        ),
    }
    if arguments.profile:
        measures["profile"] = lambda: profile(lambda: survey_results(survey, "en"))
    for name, measure in measures.items():
        gc.collect()
        result[name] = measure()
    return result


# --------------------------------------------------------------------------- in the parent


def _line(label: str, timing: dict, target: str = "") -> str:
    mark = f"  (target {target})" if target else ""
    return (
        f"  {label:<34} median {timing['median_ms']:>8} ms  p95 {timing['p95_ms']:>8} ms"
        f"  {timing['queries']} queries{mark}"
    )


def report(results: dict[str, dict]) -> None:
    for name, result in results.items():
        scale, values = result["scale"], result["values"]
        print(
            f"\n{name} {result['database_version']}: {scale['questions']} questions, "
            f"{scale['responses']:,} responses of {scale['invited']:,} invited, "
            f"{scale['answers']:,} answer rows; rate {values['rate']:.1%}, "
            f"NPS {values['nps']}, satisfaction {values['satisfaction']}"
        )
        print(_line("results page", result["results_page"], "p95 < 500 ms"))
        print(
            _line("… with a tenth of the responses", result["results_page_tenth"], "same queries")
        )
        print(_line("results computation", result["survey_results"]))
        print(_line("CSV export (5,000 rows)", result["export_csv"]))
        if "profile" in result:
            found = result["profile"]
            print(f"\n  one computation: {found['total_ms']} ms")
            for query in found["queries"][:8]:
                print(f"    {query['ms']:>7} ms  {query['sql'][:160]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--participants", type=int, default=6_000)
    parser.add_argument("--responses", type=int, default=5_000)
    parser.add_argument("--drafts", type=int, default=300)
    parser.add_argument("--repeats", type=int, default=20)
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--reuse", action="store_true", help="keep data of an earlier run")
    parser.add_argument("--profile", action="store_true", help="time every query once")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    dispatch(
        parser.parse_args(),
        worker,
        report,
        "surveys.json",
        script=__file__,
        sqlite=SQLITE,
        postgres=POSTGRES,
    )


if __name__ == "__main__":
    main()
