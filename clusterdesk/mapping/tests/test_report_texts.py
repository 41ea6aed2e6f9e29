"""The problems of a validation report are said again on the pages in the reader's language,
from their code and details: every code the engine can give has words here, the English words
mean what the engine says (with the same figures), the words go through gettext and ngettext
with figures in the reader's number format, and a refused dataset's page shows them."""

from __future__ import annotations

import ast
import html
from collections.abc import Iterator
from pathlib import Path

import polars as pl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from django.utils.formats import number_format
from django.utils.translation import gettext, ngettext, trans_real

from clusterdesk.mapping import report_texts, samples
from clusterdesk.mapping.engine import (
    ClusterInput,
    MappingInput,
    MappingParameters,
    Problem,
    naics2012_classification,
    validate,
)
from clusterdesk.mapping.models import DatasetStatus
from clusterdesk.mapping.presentation import problem_views
from clusterdesk.mapping.report_texts import problem_message

from .builders import CLUSTERS, NATION, cluster_input, nation_row, regions, regions_table
from .test_services import create

ENGINE = Path(report_texts.__file__).parent.parent / "engine"
AIRCRAFT, RESTAURANTS, SOFTWARE = "336411", "722511", "541511"
COLUMNS = [
    "region_code",
    "industry_code",
    "year",
    "employment",
    "employment_flag",
    "establishments",
    "annual_payroll",
]


# --------------------------------------------------------------------------- inputs


def employment(*extra: dict, base: bool = True) -> pl.DataFrame:
    """Text cells, as a CSV file gives them: region A and the nation N in 2016."""
    rows = (
        [
            {"region_code": "A", "industry_code": AIRCRAFT, "employment": "100"},
            {"region_code": "A", "industry_code": RESTAURANTS, "employment": "200"},
            {"region_code": NATION, "industry_code": AIRCRAFT, "employment": "1000"},
            {"region_code": NATION, "industry_code": RESTAURANTS, "employment": "5000"},
        ]
        if base
        else []
    )
    return pl.DataFrame(
        [{"year": "2016", **row} for row in [*rows, *extra]],
        schema=dict.fromkeys(COLUMNS, pl.String),
    )


def region_list(*extra: dict) -> pl.DataFrame:
    return regions_table([*regions(["A"]), nation_row(), *extra])


def industry_data(
    table: pl.DataFrame | None = None,
    *,
    region_table: pl.DataFrame | None = None,
    classification: pl.DataFrame | None = None,
    reference: str = NATION,
    year: int | None = 2016,
) -> MappingInput:
    return MappingInput(
        employment=employment() if table is None else table,
        classification=naics2012_classification() if classification is None else classification,
        regions=region_list() if region_table is None else region_table,
        reference=reference,
        year=year,
    )


def cluster_data(extra: list[dict], *, clusters: pl.DataFrame = CLUSTERS) -> ClusterInput:
    good = cluster_input({"A": {"T1": 10.0, "T2": 20.0}}, nation={"T1": 100.0, "T2": 900.0})
    figures = pl.concat([good.figures, pl.DataFrame(extra)], how="diagonal_relaxed")
    return ClusterInput(figures=figures, clusters=clusters, regions=good.regions, reference=NATION)


def reports() -> Iterator:
    """Inputs that between them give every problem the engine knows, several in two forms."""
    # the statistics rows: unknown codes, negative figures, repeats, other years and regions
    yield validate(
        industry_data(
            employment(
                {"region_code": "A", "industry_code": "999999", "employment": "12345"},
                {"region_code": "A", "industry_code": "31----", "employment": "7"},
                {"region_code": "A", "industry_code": SOFTWARE, "employment": "-4"},
                {
                    "region_code": "A",
                    "industry_code": "541512",
                    "employment": "4",
                    "establishments": "-1",
                },
                {"region_code": "A", "industry_code": AIRCRAFT, "employment": "100"},
                {"region_code": "A", "industry_code": "541330", "employment": "5", "year": "2014"},
                {"region_code": "Z9", "industry_code": AIRCRAFT, "employment": "1.5"},
            )
        )
    )
    yield validate(
        industry_data(
            employment(
                {"region_code": "A", "industry_code": "999999", "employment": "50"},
                {"region_code": "A", "industry_code": SOFTWARE, "employment": "-4"},
                {"region_code": "A", "industry_code": "541512", "employment": "-2"},
                {"region_code": "A", "industry_code": "541330", "employment": "5", "year": "2014"},
                {"region_code": "A", "industry_code": "541511", "employment": "5", "year": "2015"},
            )
        )
    )
    # left out with a warning
    yield validate(
        industry_data(
            employment({"region_code": "A", "industry_code": "999999", "employment": "50"})
        ),
        MappingParameters(ignore_unknown_industries=True),
    )
    # the reference: none, not a region, without figures in a year
    yield validate(industry_data(reference=" "))
    yield validate(industry_data(reference="US"))
    yield validate(
        industry_data(
            employment(
                {"region_code": "A", "industry_code": AIRCRAFT, "employment": "90", "year": "2015"}
            ),
            region_table=regions_table([*regions(["A"], parent=None), nation_row()]),
            year=None,
        )
    )
    # the regions table: parents it lacks, a loop, a region described two ways
    yield validate(industry_data(region_table=region_list(*regions(["B", "C"], parent="XX"))))
    yield validate(
        industry_data(
            region_table=region_list(*regions(["B"], parent="C"), *regions(["C"], parent="B"))
        )
    )
    yield validate(
        industry_data(region_table=region_list(*regions(["A"], region_type="county", parent=None)))
    )
    # the classification: an industry in two clusters, a cluster traded and local, a bad bool
    doubled = pl.DataFrame(
        [{"industry_code": AIRCRAFT, "cluster_code": "2", "cluster_name": "Agri", "traded": "TRUE"}]
    )
    yield validate(
        industry_data(
            classification=pl.concat([naics2012_classification(), doubled], how="diagonal")
        )
    )
    traded = pl.when(pl.col("industry_code") == AIRCRAFT).then(pl.lit("FALSE"))
    yield validate(
        industry_data(
            classification=naics2012_classification().with_columns(
                traded.otherwise(pl.col("traded")).alias("traded")
            )
        )
    )
    maybe = pl.when(pl.col("industry_code") == AIRCRAFT).then(pl.lit("maybe"))
    yield validate(
        industry_data(
            classification=naics2012_classification().with_columns(
                maybe.otherwise(pl.col("traded")).alias("traded")
            )
        )
    )
    # size classes and blank employment
    yield validate(
        industry_data(
            employment(
                {"region_code": "A", "industry_code": SOFTWARE, "employment_flag": "D"},
                {"region_code": "A", "industry_code": "541512", "employment": " "},
            )
        )
    )
    # values that cannot be read, values left empty
    yield validate(
        industry_data(
            employment(
                {"region_code": "A", "industry_code": SOFTWARE, "employment": "n/a"},
                {"region_code": "A", "industry_code": "541512", "employment": "x"},
                {"region_code": "A", "industry_code": "541330", "employment": "3", "year": "20x6"},
                {"region_code": "", "industry_code": "541519", "employment": "3"},
            )
        )
    )
    yield validate(
        industry_data(
            region_table=region_list({"region_code": "B", "region_name": "B", "region_type": None})
        )
    )
    # columns missing, tables without rows
    yield validate(industry_data(employment().drop("industry_code", "year")))
    yield validate(industry_data(employment().drop("year")))
    yield validate(industry_data(employment(base=False)))
    yield validate(industry_data(region_table=region_list().drop("region_type")))
    yield validate(industry_data(classification=naics2012_classification().head(0)))
    # cluster figures: unknown clusters, repeats, negatives, a cluster list at odds with itself
    yield validate(
        cluster_data(
            [
                {"region_code": "A", "cluster_code": "X9", "year": 2016, "employment": 7.0},
                {"region_code": "A", "cluster_code": "T1", "year": 2016, "employment": 10.0},
                {"region_code": "A", "cluster_code": "L1", "year": 2016, "employment": -3.0},
                {"region_code": "Q", "cluster_code": "L2", "year": 2016, "employment": 3.0},
            ]
        )
    )
    yield validate(
        cluster_data(
            [],
            clusters=pl.concat(
                [CLUSTERS, pl.DataFrame([{"cluster_code": "T1", "traded": False}])],
                how="diagonal",
            ),
        )
    )
    yield validate(
        cluster_data([{"region_code": "A", "cluster_code": "L1", "year": 2016, "employment": "x"}])
    )
    yield validate(cluster_data([], clusters=CLUSTERS.drop("traded")))


def engine_problems() -> list[Problem]:
    return [problem for report in reports() for problem in report.problems]


def engine_codes() -> set[str]:
    """Every code a ``Problem(...)`` in the engine's sources is given."""
    codes: set[str] = set()
    unread: list[str] = []

    def collect(node: ast.expr, where: str) -> None:
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            codes.add(node.value)
        elif isinstance(node, ast.IfExp):
            collect(node.body, where)
            collect(node.orelse, where)
        else:
            unread.append(where)

    for source in sorted(ENGINE.glob("*.py")):
        for node in ast.walk(ast.parse(source.read_text(), str(source))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            if name != "Problem":
                continue
            where = f"{source.name}:{node.lineno}"
            code = node.args[0] if node.args else None
            code = next((k.value for k in node.keywords if k.arg == "code"), code)
            if code is None:
                unread.append(where)
            else:
                collect(code, where)
    assert not unread, f"problem codes that are not plain strings: {unread}"
    return codes


# --------------------------------------------------------------------------- every code


def test_every_code_the_engine_can_give_has_words_on_the_pages():
    codes = engine_codes()
    assert len(codes) >= 19
    assert codes - set(report_texts.RENDERERS) == set()


def test_the_inputs_here_give_every_code_of_the_engine():
    assert {problem.code for problem in engine_problems()} >= engine_codes()


def test_in_english_each_problem_reads_as_the_engine_says_it():
    problems = engine_problems()
    with translation.override("en"):
        for problem in problems:
            assert problem_message(problem.to_dict()) == problem.message, problem.code
    # several forms of a code are said: singular and plural, warning and refusal
    messages = [problem.message for problem in problems]
    assert any(m.startswith("2 industry codes are not in the classification") for m in messages)
    assert any(m.startswith("1 industry code is not in the classification") for m in messages)
    assert any(m.endswith("they are left out of the mapping.") for m in messages)
    assert any("12,352 employees" in m for m in messages)
    assert any("1.5 employees" in m for m in messages)


def test_the_figures_of_the_details_are_in_the_message():
    problem = Problem(
        "unknown_industries",
        "",
        {
            "count": 12,
            "codes": [f"9999{n:02}" for n in range(12)],
            "rows": 1500,
            "employment": 23456.5,
            "share": 0.0123,
        },
    ).to_dict()
    message = problem_message(problem)
    assert message == (
        "12 industry codes are not in the classification: 999900, 999901, 999902, 999903, "
        "999904, 999905, 999906, 999907, 999908, 999909 and 2 more. They account for 23,456.5 "
        "employees in 1,500 rows (1.2% of all employment)."
    )


def test_row_numbers_beyond_the_examples_are_counted_as_more():
    problem = Problem("missing_employment", "", {"count": 25, "rows": list(range(1001, 1011))})
    assert problem_message(problem.to_dict()) == (
        "25 rows have neither employment nor a size class (row 1,001, 1,002, 1,003 and 22 more)."
    )


def test_a_problem_this_module_cannot_say_keeps_the_engines_words():
    unknown = Problem("something_new", "Something new is wrong.", {"count": 1})
    assert problem_message(unknown.to_dict()) == "Something new is wrong."
    odd_table = Problem("empty_table", "The sales table has no rows.", {"table": "sales table"})
    assert problem_message(odd_table.to_dict()) == "The sales table has no rows."
    old_details = Problem("negative_employment", "1 row has negative employment.", {})
    assert problem_message(old_details.to_dict()) == "1 row has negative employment."


# --------------------------------------------------------------------------- other languages


@pytest.fixture
def italian(monkeypatch):
    """Put words into the Italian catalogue for one test (the translators fill the real one)."""
    catalog = trans_real.translation("it")._catalog._catalogs[0]

    def add(msgid: str, text: str | tuple[str, str]) -> None:
        if isinstance(text, str):
            monkeypatch.setitem(catalog, msgid, text)
        else:
            for index in range(3):
                monkeypatch.setitem(catalog, (msgid, index), text[min(index, 1)])

    return add


NEGATIVE = (
    "%(count)s row has negative employment (e.g. %(examples)s).",
    "%(count)s rows have negative employment (e.g. %(examples)s).",
)
EXAMPLE = "row %(row)s (region %(region)s, industry %(code)s, %(year)s): %(value)s"


def negative_problem(count: int) -> dict:
    return Problem(
        "negative_employment",
        "",
        {
            "count": count,
            "examples": [
                {
                    "row": 12345,
                    "region_code": "A",
                    "industry_code": SOFTWARE,
                    "year": 2016,
                    "employment": -1234.5,
                }
            ],
        },
    ).to_dict()


@pytest.mark.parametrize("language", ["it", "es", "tr"])
def test_a_message_comes_through_gettext_with_the_readers_numbers(language):
    with translation.override(language):
        example = gettext(EXAMPLE) % {
            "row": number_format(12345, force_grouping=True),
            "region": "A",
            "code": SOFTWARE,
            "year": 2016,
            "value": number_format(-1234.5, decimal_pos=1, force_grouping=True),
        }
        assert "12345" not in example  # grouped as the reader groups thousands
        for count in (1, 3, 2000):
            expected = ngettext(*NEGATIVE, count) % {
                "count": number_format(count, force_grouping=True),
                "examples": example,
            }
            assert problem_message(negative_problem(count)) == expected


def test_the_plural_form_is_chosen_by_ngettext_in_the_readers_language(italian):
    italian(
        NEGATIVE[0],
        (
            "%(count)s riga ha occupazione negativa (ad es. %(examples)s).",
            "%(count)s righe hanno occupazione negativa (ad es. %(examples)s).",
        ),
    )
    italian(EXAMPLE, "riga %(row)s (regione %(region)s, settore %(code)s, %(year)s): %(value)s")
    with translation.override("it"):
        one = problem_message(negative_problem(1))
        many = problem_message(negative_problem(2000))
    assert one == (
        "1 riga ha occupazione negativa (ad es. riga 12.345 (regione A, settore 541511, 2016): "
        "-1.234,5)."
    )
    assert many.startswith("2.000 righe hanno occupazione negativa")
    with translation.override("en"):
        assert problem_message(negative_problem(1)).startswith("1 row has negative employment")


def test_a_table_is_named_in_the_readers_words_and_a_column_as_the_file_has_it(italian):
    italian(
        (
            "%(count)s value of %(column)s in the employment table is not a number "
            "(e.g. %(examples)s)."
        ),
        (
            "%(count)s valore di %(column)s nella tabella dell'occupazione non è un numero "
            "(ad es. %(examples)s).",
            "%(count)s valori di %(column)s nella tabella dell'occupazione non sono numeri "
            "(ad es. %(examples)s).",
        ),
    )
    italian("“%(value)s” in row %(row)s", "«%(value)s» alla riga %(row)s")
    problem = Problem(
        "unreadable_values",
        "",
        {
            "table": "employment table",
            "column": "annual_payroll",
            "count": 2,
            "examples": [{"row": 5, "value": "n/a"}, {"row": 1200, "value": "?"}],
        },
    ).to_dict()
    with translation.override("it"):
        assert problem_message(problem) == (
            "2 valori di annual_payroll nella tabella dell'occupazione non sono numeri "
            "(ad es. «n/a» alla riga 5, «?» alla riga 1.200)."
        )


def test_the_warnings_and_refusals_of_the_presentation_carry_the_readers_words(italian):
    italian(
        "The reference region %(reference)s is not in the regions table.",
        "La regione di riferimento %(reference)s non è nella tabella delle regioni.",
    )
    report = validate(industry_data(reference="US")).to_dict()
    with translation.override("it"):
        (view,) = problem_views(report, blocking=True)
    assert view.message == "La regione di riferimento US non è nella tabella delle regioni."


# --------------------------------------------------------------------------- the page


def bad_figures() -> bytes:
    """The synthetic counties of 2016 with two industry codes NAICS 2012 lacks and a row of
    negative employment."""
    text = samples.county_industries(years=(2016,)).figures.content.decode().strip()
    extra = [
        "06001,999999,2016,12345,,10,26000",
        "06003,999998,2016,5,,1,0",
        "06005,336411,2016,-1234,,1,0",
    ]
    return ("\n".join([text, *extra]) + "\n").encode()


@pytest.fixture
def refused(personas, django_capture_on_commit_callbacks):
    sample = samples.county_industries(years=(2016,))
    with django_capture_on_commit_callbacks(execute=True):
        dataset = create(
            personas, sample, figures=SimpleUploadedFile("bad.csv", bad_figures()), year=2016
        )
    dataset.refresh_from_db()
    assert dataset.status == DatasetStatus.INVALID, (dataset.failure, dataset.report)
    assert {p["code"] for p in dataset.report["problems"]} == {
        "unknown_industries",
        "negative_employment",
    }
    return dataset


def page(client, dataset, language: str) -> str:
    address = reverse("mapping:dataset", args=[dataset.cluster.slug, dataset.pk])
    return client.get(address, HTTP_ACCEPT_LANGUAGE=language).content.decode()


def article(text: str, code: str) -> str:
    return text.split(f'data-testid="problem-{code}"')[1].split("</article>")[0]


@pytest.mark.django_db
def test_a_refused_datasets_page_shows_the_rendered_messages(refused, manager_a_client):
    text = page(manager_a_client, refused, "en")
    unknown = article(text, "unknown_industries")
    with translation.override("en"):
        for problem in refused.report["problems"]:
            assert html.escape(problem_message(problem)) in text
    assert "2 industry codes are not in the classification: 999998, 999999." in unknown
    assert "12,350 employees in 2 rows" in unknown
    assert "<td>999999</td>" in unknown  # the details table is still there
    negative = article(text, "negative_employment")
    assert "1 row has negative employment (e.g. row " in negative
    assert "(region 06005, industry 336411, 2016): -1,234)." in negative
    assert "<td>06005</td>" in negative


@pytest.mark.django_db
def test_a_refused_datasets_page_speaks_the_readers_language(
    refused, manager_a_client, manager_b_client, italian
):
    italian(
        "%(count)s industry code is not in the classification: %(codes)s.",
        (
            "%(count)s codice di settore non è nella classificazione: %(codes)s.",
            "%(count)s codici di settore non sono nella classificazione: %(codes)s.",
        ),
    )
    italian(
        "It accounts for %(employees)s in %(rows)s (%(share)s%% of all employment).",
        (
            "Corrisponde a %(employees)s in %(rows)s (%(share)s%% dell'occupazione totale).",
            "Corrispondono a %(employees)s in %(rows)s (%(share)s%% dell'occupazione totale).",
        ),
    )
    italian("%(count)s employee", ("%(count)s addetto", "%(count)s addetti"))
    italian("%(count)s row", ("%(count)s riga", "%(count)s righe"))
    italian(
        NEGATIVE[0],
        (
            "%(count)s riga ha occupazione negativa (ad es. %(examples)s).",
            "%(count)s righe hanno occupazione negativa (ad es. %(examples)s).",
        ),
    )
    italian(EXAMPLE, "riga %(row)s (regione %(region)s, settore %(code)s, %(year)s): %(value)s")
    text = page(manager_a_client, refused, "it")
    unknown = article(text, "unknown_industries")
    assert "2 codici di settore non sono nella classificazione: 999998, 999999." in unknown
    assert "Corrispondono a 12.350 addetti in 2 righe (" in unknown
    assert "industry codes are not in the classification" not in unknown
    negative = article(text, "negative_employment")
    assert "1 riga ha occupazione negativa (ad es. riga " in negative
    assert "(regione 06005, settore 336411, 2016): -1.234)." in negative
    # cluster B's manager does not see cluster A's dataset
    address = reverse("mapping:dataset", args=["tfc", refused.pk])
    assert manager_b_client.get(address).status_code == 404


def test_the_file_a_problem_is_in_is_named_in_the_readers_words(italian):
    italian("Employment table", "Tabella dell'occupazione")
    report = validate(industry_data(employment().drop("year"))).to_dict()
    with translation.override("it"):
        (view,) = problem_views(report, blocking=True)
    assert view.facts[0][1] == "Tabella dell'occupazione"
    assert view.listed == ["year"]  # the column as the file's header names it
    with translation.override("en"):
        (view,) = problem_views(report, blocking=True)
    assert view.facts[0][1] == "Employment table"
