"""`manage.py clustermap`: maps files on disk with the engine and no database — each written
table is the engine's result, in CSV, XLSX or Parquet; refused input names every problem,
writes no file and leaves an earlier file at --out as it was."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import polars as pl
import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import Workbook, load_workbook
from polars.testing import assert_frame_equal

from clusterdesk.mapping import samples
from clusterdesk.mapping.engine import (
    ClusterInput,
    MappingInput,
    MappingParameters,
    MappingResult,
    compute,
    load_table,
    naics2012_classification,
)

EARLIER = b"an earlier result, kept when the new data is refused"


def write(folder: Path, file: samples.SampleFile, content: bytes | None = None) -> Path:
    path = folder / file.name
    path.write_bytes(file.content if content is None else content)
    return path


def clustermap(*args: object) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("clustermap", *[str(arg) for arg in args], stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def refused(*args: object) -> tuple[str, str]:
    """The command's refusal: its closing message and what it printed before."""
    err = StringIO()
    with pytest.raises(CommandError) as refusal:
        call_command("clustermap", *[str(arg) for arg in args], stdout=StringIO(), stderr=err)
    return str(refusal.value), err.getvalue()


def counties_args(
    folder: Path, figures: bytes | None = None, reference: str = "US"
) -> list[object]:
    sample = samples.county_industries()
    return [
        write(folder, sample.figures, figures),
        "--regions",
        write(folder, sample.regions),
        "--reference",
        reference,
    ]


def us_states_args(folder: Path) -> list[object]:
    sample = samples.us_states_2016()
    assert sample.classification is not None
    return [
        write(folder, sample.figures),
        "--level",
        "cluster",
        "--classification",
        write(folder, sample.classification),
        "--regions",
        write(folder, sample.regions),
        "--reference",
        "US",
        "--year",
        "2016",
    ]


def engine_counties(parameters: MappingParameters | None = None) -> MappingResult:
    sample = samples.county_industries()
    data = MappingInput(
        load_table(sample.figures.content, sample.figures.name),
        naics2012_classification(),
        load_table(sample.regions.content, sample.regions.name),
        "US",
    )
    return compute(data, parameters)


def engine_us_states() -> MappingResult:
    sample = samples.us_states_2016()
    assert sample.classification is not None
    data = ClusterInput(
        load_table(sample.figures.content, sample.figures.name),
        load_table(sample.classification.content, sample.classification.name),
        load_table(sample.regions.content, sample.regions.name),
        "US",
        2016,
    )
    return compute(data)


def read_back(path: Path, like: pl.DataFrame) -> pl.DataFrame:
    """A written table in the engine's column types."""
    if path.suffix == ".parquet":
        return pl.read_parquet(path)
    if path.suffix == ".csv":
        return pl.read_csv(path, schema=like.schema)
    sheet = load_workbook(path, read_only=True).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == like.columns
    width = len(like.columns)  # a row's empty cells at its end are not stored
    cells = [list(row) + [None] * (width - len(row)) for row in rows[1:]]
    return pl.DataFrame(cells, schema=like.schema, orient="row", strict=False)


def files_in(folder: Path) -> set[str]:
    return {path.name for path in folder.iterdir()}


# --------------------------------------------------------------------------- what it writes


def test_the_published_us_states_are_mapped_as_the_engine_maps_them(tmp_path: Path) -> None:
    out, regions_out = tmp_path / "states.csv", tmp_path / "state-totals.csv"

    stdout, _stderr = clustermap(
        *us_states_args(tmp_path), "--out", out, "--regions-out", regions_out
    )

    expected = engine_us_states()
    assert_frame_equal(read_back(out, expected.clusters), expected.clusters)
    assert_frame_equal(read_back(regions_out, expected.regions), expected.regions)
    assert out.read_bytes().startswith(b"\xef\xbb\xbfyear,region_code,region_name")
    assert "Mapped 1 year (2016) against the reference US." in stdout
    assert "Regions: 51 (1 nation, 50 state)." in stdout
    assert "Clusters: 67 (51 traded, 16 local)." in stdout
    strong = expected.clusters.filter(pl.col("strong") & pl.col("traded")).height
    assert f"Strong traded regional clusters: {strong:,} in 2016." in stdout
    assert f"Wrote 3,417 regional cluster rows to {out}." in stdout
    assert f"Wrote 51 region rows to {regions_out}." in stdout
    assert "seconds" in stdout


@pytest.mark.parametrize("extension", ["csv", "xlsx", "parquet"])
def test_each_format_holds_the_engines_result(tmp_path: Path, extension: str) -> None:
    out, regions_out = tmp_path / f"clusters.{extension}", tmp_path / f"regions.{extension}"

    clustermap(*counties_args(tmp_path), "--out", out, "--regions-out", regions_out)

    expected = engine_counties()
    assert_frame_equal(read_back(out, expected.clusters), expected.clusters)
    assert_frame_equal(read_back(regions_out, expected.regions), expected.regions)
    assert not [name for name in files_in(tmp_path) if name.endswith(".partial")]


def test_industry_figures_use_the_shipped_naics_classification_unless_one_is_given(
    tmp_path: Path,
) -> None:
    own = naics2012_classification().with_columns(
        pl.when(pl.col("cluster_code") == "3")
        .then(pl.lit("Fashion"))
        .otherwise(pl.col("cluster_name"))
        .alias("cluster_name")
    )
    own.write_csv(tmp_path / "our-classification.csv")
    shipped, given = tmp_path / "shipped.parquet", tmp_path / "given.parquet"

    clustermap(*counties_args(tmp_path), "--out", shipped)
    clustermap(
        *counties_args(tmp_path),
        "--classification",
        tmp_path / "our-classification.csv",
        "--out",
        given,
    )

    def apparel_names(path: Path) -> set[str]:
        rows = pl.read_parquet(path).filter(pl.col("cluster_code") == "3")
        return set(rows.get_column("cluster_name").to_list())

    assert apparel_names(shipped) == {"Apparel"}
    assert apparel_names(given) == {"Fashion"}


@pytest.mark.parametrize("extension", ["xlsx", "parquet"])
def test_the_input_files_may_be_excel_or_parquet(tmp_path: Path, extension: str) -> None:
    sample = samples.county_industries()
    inputs = {}
    for role, file in (("figures", sample.figures), ("regions", sample.regions)):
        table = load_table(file.content, file.name)
        path = tmp_path / f"{role}.{extension}"
        if extension == "parquet":
            table.write_parquet(path)
        else:
            workbook = Workbook()
            sheet = workbook.active
            sheet.append(table.columns)
            for row in table.iter_rows():
                sheet.append(list(row))
            workbook.save(path)
        inputs[role] = path
    out = tmp_path / "clusters.parquet"

    clustermap(inputs["figures"], "--regions", inputs["regions"], "--reference", "US", "--out", out)

    assert_frame_equal(pl.read_parquet(out), engine_counties().clusters)


def test_the_star_settings_reach_the_engine(tmp_path: Path) -> None:
    out = tmp_path / "clusters.parquet"

    clustermap(
        *counties_args(tmp_path),
        "--size-star-top-share",
        "0.5",
        "--specialisation-star-lq",
        "3",
        "--focus-star-top-share",
        "0.25",
        "--out",
        out,
    )

    chosen = MappingParameters(
        size_star_top_share=0.5, specialisation_star_lq=3.0, focus_star_top_share=0.25
    )
    written = pl.read_parquet(out)
    assert_frame_equal(written, engine_counties(chosen).clusters)
    default_stars = engine_counties().clusters.get_column("size_star").sum()
    assert written.get_column("size_star").sum() > default_stars


def test_a_star_setting_out_of_range_is_refused_before_any_work(tmp_path: Path) -> None:
    message, _printed = refused(
        *counties_args(tmp_path), "--size-star-top-share", "1.5", "--out", tmp_path / "x.csv"
    )

    assert "size_star_top_share must be above 0 and at most 1" in message
    assert "x.csv" not in files_in(tmp_path)


def test_progress_goes_to_stderr_stage_by_stage(tmp_path: Path) -> None:
    stdout, stderr = clustermap(*counties_args(tmp_path), "--out", tmp_path / "clusters.csv")

    lines = [line.split("%", 1) for line in stderr.splitlines()]
    percents = [int(percent) for percent, _stage in lines]
    stages = [stage.strip() for _percent, stage in lines]
    # the stages in order (a stage may report several steps of its own)
    assert [stage for index, stage in enumerate(stages) if stage not in stages[:index]] == [
        "reading the files",
        "checking the data",
        "summing industries into clusters",
        "adding up regions from their parts",
        "location quotients, flags and stars",
        "writing the results",
    ]
    assert percents[0] == 0 and percents == sorted(percents) and percents[-1] < 100
    assert "reading the files" not in stdout


def test_the_summary_can_be_read_as_json(tmp_path: Path) -> None:
    out = tmp_path / "clusters.csv"

    stdout, _stderr = clustermap(*counties_args(tmp_path), "--out", out, "--report-format", "json")

    answer = json.loads(stdout)
    summary = answer["summary"]
    assert summary["years"] == [2015, 2016]
    assert summary["regions_by_type"] == {"county": 5, "msa": 1, "nation": 1, "state": 2}
    assert summary["clusters"] == 67
    assert summary["rows"] == engine_counties().clusters.height
    strong = engine_counties().clusters.filter(pl.col("strong") & pl.col("traded"))
    assert summary["strong_clusters"] == {
        str(year): count for year, count in strong.group_by("year").len().sort("year").iter_rows()
    }
    assert answer["report"] == {"ok": True, "problems": []}
    assert answer["out"] == str(out)
    assert answer["regions_out"] is None


# --------------------------------------------------------------------------- refused input


def counties_with(*extra_lines: str, replace: tuple[str, str] | None = None) -> bytes:
    text = samples.county_industries().figures.content.decode()
    if replace is not None:
        assert replace[0] in text
        text = text.replace(replace[0], replace[1], 1)
    return (text + "".join(line + "\n" for line in extra_lines)).encode()


# the first data row of the synthetic file: County A1, apparel, 2015, 1,200 people
FIRST_ROW = "06001,315210,2015,1200,,30,62400"

CASES = {
    "unknown industry codes": (
        counties_with("06001,999999,2015,1234,,3,", "06003,999998,2016,66,,1,"),
        "US",
        [],
        [
            "2 industry codes are not in the classification: 999998, 999999.",
            "They account for 1,300 employees in 2 rows",
        ],
    ),
    "negative employment": (
        counties_with(replace=(FIRST_ROW, "06001,315210,2015,-40,,30,62400")),
        "US",
        [],
        ["1 row has negative employment (e.g. row 1 (region 06001, industry 315210, 2015): -40)."],
    ),
    "duplicate rows": (
        counties_with(FIRST_ROW),
        "US",
        [],
        ["1 row repeats a region, industry and year already given in the employment table"],
    ),
    "missing reference": (None, "XX", [], ["The reference region XX"]),
    "mixed years with --year": (
        None,
        "US",
        ["--year", "2016"],
        ["The data should hold 2016 only, but 32 rows are for other years: 2015 (32 rows)."],
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_refused_input_names_the_problem_and_writes_nothing(tmp_path: Path, case: str) -> None:
    figures, reference, options, messages = CASES[case]
    out, regions_out = tmp_path / "clusters.csv", tmp_path / "regions.parquet"
    out.write_bytes(EARLIER)
    before = files_in(tmp_path)
    args = counties_args(tmp_path, figures, reference)

    message, printed = refused(*args, *options, "--out", out, "--regions-out", regions_out)

    assert message == "The data cannot be mapped (1 problem, listed above); no file was written."
    assert "The data cannot be mapped. Problems found:" in printed
    for expected in messages:
        assert expected in printed, printed
    assert out.read_bytes() == EARLIER
    assert files_in(tmp_path) == before | {"counties_naics.csv", "counties_regions.csv"}


def test_every_problem_of_the_report_is_printed_at_once(tmp_path: Path) -> None:
    figures = counties_with(
        "06001,999999,2016,1234,,3,",
        FIRST_ROW,
        replace=(FIRST_ROW, "06001,315210,2015,-40,,30,62400"),
    )
    args = [*counties_args(tmp_path, figures, "XX"), "--year", "2016"]
    out = tmp_path / "clusters.xlsx"

    message, printed = refused(*args, "--out", out)

    assert message.startswith("The data cannot be mapped (")
    problems = [line for line in printed.splitlines() if line.startswith("  - ")]
    assert len(problems) >= 5
    for expected in (
        "industry code is not in the classification: 999999",
        "negative employment",
        "repeats a region, industry and year",
        "The reference region XX",
        "The data should hold 2016 only",
    ):
        assert any(expected in line for line in problems), (expected, printed)
    assert not out.exists()


def test_the_report_of_refused_input_can_be_read_as_json(tmp_path: Path) -> None:
    args = counties_args(tmp_path, reference="XX")

    _message, printed = refused(
        *args, "--out", tmp_path / "clusters.csv", "--report-format", "json", "--verbosity", "0"
    )

    report = json.loads(printed)
    assert report["ok"] is False
    assert [problem["code"] for problem in report["problems"]] == ["missing_reference"]
    assert report["problems"][0]["blocking"] is True


def test_unknown_industries_may_be_left_out_with_a_warning(tmp_path: Path) -> None:
    figures = counties_with("06001,999999,2015,1234,,3,")
    out = tmp_path / "clusters.parquet"

    stdout, stderr = clustermap(
        *counties_args(tmp_path, figures), "--ignore-unknown-industries", "--out", out
    )

    assert "Warning: 1 industry code is not in the classification: 999999." in stderr
    assert "they are left out of the mapping." in stderr
    assert "1 warning (printed above)." in stdout
    assert_frame_equal(pl.read_parquet(out), engine_counties().clusters)


def test_a_table_larger_than_an_excel_sheet_is_refused_as_xlsx(tmp_path: Path) -> None:
    # 15,700 regions × 67 clusters: more rows than an Excel sheet holds
    codes = [f"R{number:05d}" for number in range(15_700)]
    pl.DataFrame(
        {
            "region_code": ["US", *codes],
            "region_type": ["nation"] + ["county"] * len(codes),
            "parent_code": [None] + ["US"] * len(codes),
        }
    ).write_csv(tmp_path / "regions.csv")
    pl.DataFrame(
        {
            "region_code": ["US", *codes],
            "cluster_code": "1",
            "year": 2016,
            "employment": [10_000_000] + [100 + number % 50 for number in range(len(codes))],
        }
    ).write_csv(tmp_path / "figures.csv")
    clusters = samples.us_states_2016().classification
    assert clusters is not None
    out = tmp_path / "clusters.xlsx"

    message, _printed = refused(
        tmp_path / "figures.csv",
        "--level",
        "cluster",
        "--classification",
        write(tmp_path, clusters),
        "--regions",
        tmp_path / "regions.csv",
        "--reference",
        "US",
        "--out",
        out,
    )

    assert message == (
        f"{out}: the table has 1,051,967 rows, more than an Excel sheet holds (1,048,575). "
        "Write it as .csv or .parquet instead; no file was written."
    )
    assert not out.exists()


def test_figures_summed_per_cluster_need_the_cluster_list(tmp_path: Path) -> None:
    args = us_states_args(tmp_path)
    position = args.index("--classification")
    del args[position : position + 2]

    message, _printed = refused(*args, "--out", tmp_path / "clusters.csv")

    assert message.startswith("Figures already summed per cluster need the cluster list")


@pytest.mark.parametrize(
    ("out", "expected"),
    [
        ("clusters.json", "--out {folder}/clusters.json: name a .csv, .xlsx or .parquet file."),
        ("missing/clusters.csv", "the folder {folder}/missing does not exist."),
        ("counties_naics.csv", "is one of the input files; name another file."),
    ],
)
def test_an_output_file_that_cannot_be_written_is_refused_before_any_work(
    tmp_path: Path, out: str, expected: str
) -> None:
    args = counties_args(tmp_path)
    original = (tmp_path / "counties_naics.csv").read_bytes()

    message, printed = refused(*args, "--out", tmp_path / out)

    assert expected.format(folder=tmp_path) in message
    assert printed == ""  # not even "reading the files"
    assert (tmp_path / "counties_naics.csv").read_bytes() == original


def test_a_file_that_is_missing_or_unreadable_is_named(tmp_path: Path) -> None:
    args = counties_args(tmp_path)
    (tmp_path / "broken.xlsx").write_bytes(b"not a workbook")

    missing, _printed = refused(
        tmp_path / "nowhere.csv", *args[1:], "--out", tmp_path / "clusters.csv"
    )
    broken, _printed = refused(
        *args[:2], tmp_path / "broken.xlsx", *args[3:], "--out", tmp_path / "clusters.csv"
    )

    assert missing == f"The statistics file {tmp_path}/nowhere.csv does not exist."
    assert broken.startswith(f"The regions file {tmp_path}/broken.xlsx could not be read (")


def test_from_the_shell_it_needs_no_database_and_exits_non_zero_on_bad_data(
    tmp_path: Path,
) -> None:
    args = [str(arg) for arg in counties_args(tmp_path)]
    manage = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py"), "clustermap"]
    # a database that cannot be reached: the command never asks for one
    environment = {**os.environ, "DATABASE_URL": "postgres://nobody@127.0.0.1:9/none"}

    mapped = subprocess.run(
        [*manage, *args, "--out", str(tmp_path / "clusters.csv")],
        capture_output=True,
        text=True,
        env=environment,
        check=False,
    )
    bad = subprocess.run(
        [*manage, *args[:-1], "XX", "--out", str(tmp_path / "refused.csv")],  # reference XX
        capture_output=True,
        text=True,
        env=environment,
        check=False,
    )

    assert mapped.returncode == 0, mapped.stderr
    assert "Mapped 2 years (2015, 2016) against the reference US." in mapped.stdout
    assert bad.returncode != 0
    assert "The reference region XX" in bad.stderr
    assert "no file was written" in bad.stderr
    assert not (tmp_path / "refused.csv").exists()
