"""Statistics are read, checked and summed a year at a time, from a table or from a lazy scan of
a Parquet file: the results and the report are those of the whole table at once."""

from __future__ import annotations

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from clusterdesk.mapping import samples
from clusterdesk.mapping.engine import (
    MappingInput,
    MappingInputError,
    compute,
    load_csv,
    naics2012_classification,
    validate,
)

YEARS = (2014, 2015, 2016)
TABLES = ("clusters", "regions", "flag_thresholds", "star_thresholds")
GROWTH = ("previous_year", "employment_change", "growth_rate")
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


def county_sample(years: tuple[int, ...] = YEARS) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The synthetic county file (text cells, as read from CSV) and its regions."""
    sample = samples.county_industries(years=years)
    return load_csv(sample.figures.content), load_csv(sample.regions.content)


def mapping(
    table: pl.DataFrame | pl.LazyFrame, regions: pl.DataFrame, *, year: int | None = None
) -> MappingInput:
    return MappingInput(table, naics2012_classification(), regions, "US", year)


def text_rows(*rows: dict) -> pl.DataFrame:
    return pl.DataFrame(
        [{name: row.get(name) for name in COLUMNS} for row in rows],
        schema=dict.fromkeys(COLUMNS, pl.String),
    )


def good_rows(year: str) -> list[dict]:
    return [
        {"region_code": "06001", "industry_code": AIRCRAFT, "year": year, "employment": "40"},
        {"region_code": "06001", "industry_code": RESTAURANTS, "year": year, "employment": "90"},
        {"region_code": "US", "industry_code": AIRCRAFT, "year": year, "employment": "500"},
        {"region_code": "US", "industry_code": RESTAURANTS, "year": year, "employment": "900"},
    ]


def test_a_lazy_scan_of_a_parquet_file_maps_like_the_table_given_whole(tmp_path):
    table, regions = county_sample()
    path = tmp_path / "counties.parquet"
    table.write_parquet(path, row_group_size=50)
    whole = compute(mapping(table, regions))
    scanned = compute(mapping(pl.scan_parquet(path), regions))
    for name in TABLES:
        assert_frame_equal(getattr(scanned, name), getattr(whole, name))
    assert scanned.years == list(YEARS)
    assert scanned.report == whole.report
    assert validate(mapping(pl.scan_parquet(path), regions)).ok


def test_a_bad_table_read_lazily_gets_the_report_of_the_table_read_whole(tmp_path):
    table = text_rows(
        *good_rows("2015"),
        *good_rows("2016"),
        {"region_code": "06001", "industry_code": "999999", "year": "2015", "employment": "7"},
        {"region_code": "06001", "industry_code": SOFTWARE, "year": "2016", "employment": "-3"},
        {"region_code": "06001", "industry_code": AIRCRAFT, "year": "2016", "employment": "41"},
        {"region_code": "99001", "industry_code": AIRCRAFT, "year": "2015", "employment": "5"},
        {"region_code": "06001", "industry_code": SOFTWARE, "year": "20x6", "employment": "1"},
        {"region_code": "06001", "industry_code": SOFTWARE, "year": " ", "employment": "2"},
        {"region_code": "06001", "industry_code": "999999", "year": "2016", "employment": "9"},
        {
            "region_code": "06001",
            "industry_code": SOFTWARE,
            "year": "2015",
            "employment": "0",
            "employment_flag": "D",
        },
    )
    _, regions = county_sample()
    path = tmp_path / "bad.parquet"
    table.write_parquet(path)
    whole = validate(mapping(table, regions, year=2016))
    assert whole.codes == [
        "unreadable_values",
        "missing_values",
        "unknown_size_classes",
        "unknown_industries",
        "negative_employment",
        "duplicate_rows",
        "mixed_years",
        "unknown_regions",
    ]
    assert validate(mapping(pl.scan_parquet(path), regions, year=2016)) == whole
    unknown = whole.find("unknown_industries")
    assert unknown is not None
    assert unknown.details["rows"] == 2
    assert unknown.details["employment"] == 16
    assert unknown.details["by_code"] == [
        {"industry_code": "999999", "employment": 16.0, "rows": 2}
    ]
    with pytest.raises(MappingInputError) as refused:
        compute(mapping(pl.scan_parquet(path), regions, year=2016))
    assert refused.value.report == whole


def test_counts_add_up_and_the_examples_are_the_first_rows_of_the_whole_table():
    # twelve negative rows in three years, the years interleaved in the file
    rows = [*good_rows("2014"), *good_rows("2015"), *good_rows("2016")]
    counties = ["06001", "06003", "06005", "41001"]
    for index in range(12):
        rows.append(
            {
                "region_code": counties[index // 3],
                "industry_code": SOFTWARE,
                "year": str(YEARS[2 - index % 3]),
                "employment": f"-{index + 1}",
                "establishments": "1",
            }
        )
        rows.append({**good_rows(str(YEARS[index % 3]))[0], "industry_code": f"11111{index % 10}"})
    _, regions = county_sample()
    report = validate(mapping(text_rows(*rows), regions))
    negative = report.find("negative_employment")
    assert negative is not None
    assert negative.details["count"] == 12
    numbers = [13 + 2 * index for index in range(10)]
    assert [example["row"] for example in negative.details["examples"]] == numbers
    assert negative.details["examples"][0] == {
        "row": 13,
        "region_code": "06001",
        "industry_code": SOFTWARE,
        "year": 2016,
        "employment": -1.0,
        "employment_flag": None,
        "establishments": 1.0,
        "annual_payroll": None,
    }
    assert negative.message == (
        "12 rows have negative employment (e.g. row 13 (region 06001, industry 541511, 2016): "
        "-1, row 15 (region 06001, industry 541511, 2015): -2, row 17 (region 06001, industry "
        "541511, 2014): -3)."
    )
    unknown = report.find("unknown_industries")
    assert unknown is not None
    assert unknown.details["codes"] == [f"11111{digit}" for digit in range(10)]
    assert unknown.details["rows"] == 12


def test_the_same_region_and_industry_in_two_years_is_no_repeat_but_twice_in_a_year_is():
    rows = [*good_rows("2015"), *good_rows("2016")]
    repeat = {**good_rows("2016")[1], "employment": "91"}
    _, regions = county_sample()
    assert validate(mapping(text_rows(*rows), regions)).ok
    report = validate(mapping(text_rows(*rows, repeat, {**repeat, "year": "2015"}), regions))
    problem = report.find("duplicate_rows")
    assert problem is not None
    assert problem.details["count"] == 2
    assert problem.details["keys"] == 2
    assert [(example["year"], example["row"]) for example in problem.details["examples"]] == [
        (2015, [2, 10]),
        (2016, [6, 9]),
    ]


def test_a_year_written_in_several_ways_is_read_as_one_year():
    clean = text_rows(*good_rows("2016"))
    written = clean.with_columns(pl.Series("year", ["2016", " 2016 ", "2016.0", "2016"]))
    _, regions = county_sample()
    report = validate(mapping(written, regions, year=2016))
    assert report.ok, str(report)
    result = compute(mapping(written, regions, year=2016))
    assert_frame_equal(result.clusters, compute(mapping(clean, regions)).clusters)


def test_progress_hears_the_reading_of_every_year_then_the_other_stages():
    table, regions = county_sample()
    heard: list[tuple[str, float]] = []
    compute(mapping(table, regions), progress=lambda stage, done: heard.append((stage, done)))
    stages = [stage for stage, _ in heard]
    assert stages == [*["validating"] * len(YEARS), "classifying", "aggregating", "rating", "done"]
    shares = [done for _, done in heard]
    assert shares == sorted(shares) and shares[0] == 0.0 and shares[-1] == 1.0


def test_a_years_ratings_do_not_depend_on_the_other_years_only_its_growth_does():
    table, regions = county_sample()
    together = compute(mapping(table, regions)).clusters
    for year in YEARS:
        alone = compute(mapping(table.filter(pl.col("year") == str(year)), regions)).clusters
        assert_frame_equal(together.filter(pl.col("year") == year).drop(GROWTH), alone.drop(GROWTH))
    assert together.get_column("previous_year").drop_nulls().unique().sort().to_list() == [
        2014,
        2015,
    ]


def test_industries_all_left_out_leave_empty_tables():
    from clusterdesk.mapping.engine import MappingParameters

    table = text_rows(
        {"region_code": "06001", "industry_code": "999999", "year": "2016", "employment": "4"},
        {"region_code": "US", "industry_code": "999999", "year": "2016", "employment": "40"},
    )
    _, regions = county_sample()
    result = compute(mapping(table, regions), MappingParameters(ignore_unknown_industries=True))
    assert result.clusters.is_empty() and result.regions.is_empty()
    assert result.report.codes == ["unknown_industries"]
