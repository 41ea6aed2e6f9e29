"""Files as people exchange them: any usual encoding and separator, codes with leading zeros."""

from __future__ import annotations

import io

import polars as pl

from clusterdesk.mapping.engine import (
    MappingInput,
    compute,
    load_csv,
    load_parquet,
    naics2012_classification,
    validate,
)

REGIONS_CSV = (
    "Region_Code;Region_Name;Region_Type;Parent_Code\n"
    "01;Alabama;state;US\n"
    "01001;Autauga;county;01\n"
    "US;United States;nation;\n"
)


def test_a_semicolon_file_in_windows_1252_with_leading_zeros_is_read_as_text():
    content = (REGIONS_CSV + "02;Société Générale Land;state;US\n").encode("cp1252")
    regions = load_csv(content)
    assert regions.columns == ["region_code", "region_name", "region_type", "parent_code"]
    assert regions.get_column("region_code").to_list() == ["01", "01001", "US", "02"]
    assert regions.get_column("region_name")[3] == "Société Générale Land"
    assert regions.get_column("parent_code")[2] is None


def test_a_utf8_file_with_a_byte_order_mark_and_its_own_headers_is_renamed(tmp_path):
    path = tmp_path / "cbp.csv"
    path.write_bytes(
        "\ufefffips,naics,emp,empflag,est,ap\n01001,336411,0,C,2,0\n01001,722511,120,,9,1800\n".encode()
    )
    rename = {
        "fips": "region_code",
        "naics": "industry_code",
        "emp": "employment",
        "empflag": "employment_flag",
        "est": "establishments",
        "ap": "annual_payroll",
    }
    table = load_csv(path, rename=rename).with_columns(pl.lit("2016").alias("year"))
    assert table.get_column("region_code").to_list() == ["01001", "01001"]
    data = MappingInput(
        employment=table,
        classification=naics2012_classification(),
        regions=load_csv(REGIONS_CSV.encode()),
        reference="US",
        year=2016,
    )
    assert validate(data).ok
    result = compute(data)
    aerospace = result.clusters.filter(
        (pl.col("region_code") == "01001") & (pl.col("cluster_code") == "1")
    ).row(0, named=True)
    assert (aerospace["employment"], aerospace["employment_reported"]) == (175.0, 0.0)
    # Alabama and the nation are summed from the county
    assert result.regions.get_column("region_code").to_list() == ["01", "01001", "US"]
    assert set(result.regions.get_column("source")) == {"own", "aggregated"}


def test_a_parquet_file_is_read_with_its_types():
    buffer = io.BytesIO()
    pl.DataFrame({"region_code": ["01"], "employment": [12.5]}).write_parquet(buffer)
    table = load_parquet(buffer.getvalue())
    assert table.schema == {"region_code": pl.String, "employment": pl.Float64}
