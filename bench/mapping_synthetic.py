"""A synthetic County Business Patterns-like data set at the scale of the real one, for the
cluster mapping benchmark (issue 6).

    python bench/mapping_synthetic.py --out /tmp/cbp        # writes the files and says where

Deterministic (seeded numpy): 3,221 counties in 51 states (the real number of counties per
state, the surplus over the real 3,142 spread over the largest states), 380 metro areas
covering 1,200 counties (a county in at most one, some metro areas spanning two states), and
the nation "US". Every county × every one of the 978 six-digit industries of the shipped NAICS
2012 classification, each year: 3,150,138 rows per year. Employment is log-normal (a county's
size × an industry's size × noise; about 122 million people in all), 15 % of cells are 0, and
a quarter of all cells — small ones more often — are withheld as County Business Patterns
withholds them: employment, establishments and payroll blank, the size-class letter (A…M) of
the true figure in ``employment_flag``. Ten years (2007–2016) grow by an industry trend, a
county trend and noise.

Files (Parquet, codes as text as a real file carries them):
- ``cbp_<last year>.parquet``: the last year only;
- ``cbp_<first>_<last>.parquet``: all the years, one row group per year or less;
- ``regions.parquet``: a county → its state and (for 1,200 of them) → its metro area, a state
  → the nation, metro areas and the nation without parents. States, metro areas and the
  nation have no figures of their own: the engine sums them from their counties.
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import polars as pl

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from clusterdesk.mapping.engine import naics2012_classification  # noqa: E402

SEED = 20161
COUNTIES = 3_221
METROS = 380
METRO_COUNTIES = 1_200
FIRST_YEAR, LAST_YEAR = 2007, 2016
NATION = "US"
ZERO_SHARE = 0.15
WITHHELD_SHARE = 0.25

# FIPS code, name, real number of counties (2016)
STATES: tuple[tuple[str, str, int], ...] = (
    ("01", "Alabama", 67),
    ("02", "Alaska", 29),
    ("04", "Arizona", 15),
    ("05", "Arkansas", 75),
    ("06", "California", 58),
    ("08", "Colorado", 64),
    ("09", "Connecticut", 8),
    ("10", "Delaware", 3),
    ("11", "District of Columbia", 1),
    ("12", "Florida", 67),
    ("13", "Georgia", 159),
    ("15", "Hawaii", 5),
    ("16", "Idaho", 44),
    ("17", "Illinois", 102),
    ("18", "Indiana", 92),
    ("19", "Iowa", 99),
    ("20", "Kansas", 105),
    ("21", "Kentucky", 120),
    ("22", "Louisiana", 64),
    ("23", "Maine", 16),
    ("24", "Maryland", 24),
    ("25", "Massachusetts", 14),
    ("26", "Michigan", 83),
    ("27", "Minnesota", 87),
    ("28", "Mississippi", 82),
    ("29", "Missouri", 115),
    ("30", "Montana", 56),
    ("31", "Nebraska", 93),
    ("32", "Nevada", 17),
    ("33", "New Hampshire", 10),
    ("34", "New Jersey", 21),
    ("35", "New Mexico", 33),
    ("36", "New York", 62),
    ("37", "North Carolina", 100),
    ("38", "North Dakota", 53),
    ("39", "Ohio", 88),
    ("40", "Oklahoma", 77),
    ("41", "Oregon", 36),
    ("42", "Pennsylvania", 67),
    ("44", "Rhode Island", 5),
    ("45", "South Carolina", 46),
    ("46", "South Dakota", 66),
    ("47", "Tennessee", 95),
    ("48", "Texas", 254),
    ("49", "Utah", 29),
    ("50", "Vermont", 14),
    ("51", "Virginia", 133),
    ("53", "Washington", 39),
    ("54", "West Virginia", 55),
    ("55", "Wisconsin", 72),
    ("56", "Wyoming", 23),
)

# County Business Patterns size classes: the upper bound (exclusive) of each letter
SIZE_CLASSES = ("A", "B", "C", "E", "F", "G", "H", "I", "J", "K", "L", "M")
SIZE_CLASS_BOUNDS = np.array([20, 100, 250, 500, 1_000, 2_500, 5_000, 10_000, 25_000, 50_000, 1e5])


@dataclass(frozen=True)
class SyntheticFiles:
    one_year: Path
    all_years: Path
    regions: Path
    reference: str
    years: tuple[int, ...]
    rows_per_year: int
    counties: int
    industries: int


@dataclass(frozen=True)
class Geography:
    county_codes: np.ndarray
    county_states: np.ndarray
    regions: pl.DataFrame


def geography(rng: np.random.Generator) -> Geography:
    """3,221 counties (one more in each state, largest first, then the rest in the largest one
    as the real total is 3,142), the metro areas, the regions table."""
    counts = np.array([count for _, _, count in STATES])
    surplus = COUNTIES - int(counts.sum())
    for index in np.argsort(-counts, kind="stable")[:surplus] if surplus > 0 else []:
        counts[index] += 1
    while counts.sum() < COUNTIES:
        counts[np.argmax(counts)] += 1
    codes, states, names = [], [], []
    for (state, name, _), count in zip(STATES, counts, strict=True):
        for number in range(count):
            codes.append(f"{state}{2 * number + 1:03d}")
            states.append(state)
            names.append(f"{name} county {number + 1}")
    county_codes, county_states = np.array(codes), np.array(states)
    metro_of = metro_areas(rng, county_states)
    rows = [
        (code, name, "county", state)
        for code, name, state in zip(codes, names, states, strict=True)
    ]
    rows += [
        (code, name, "county", f"M{metro:03d}")
        for code, name, metro in zip(codes, names, metro_of, strict=True)
        if metro >= 0
    ]
    rows += [(state, name, "state", NATION) for state, name, _ in STATES]
    rows += [(f"M{metro:03d}", f"Metro area {metro + 1}", "msa", None) for metro in range(METROS)]
    rows.append((NATION, "United States", "nation", None))
    regions = pl.DataFrame(
        rows,
        schema=["region_code", "region_name", "region_type", "parent_code"],
        orient="row",
    )
    return Geography(county_codes, county_states, regions)


def metro_areas(rng: np.random.Generator, county_states: np.ndarray) -> np.ndarray:
    """For each county its metro area's number, or -1: 380 metro areas of skewed sizes (most
    one to three counties, a few over ten) taking 1,200 counties, mostly from one state, some
    reaching into the next."""
    weights = rng.lognormal(0.0, 1.0, METROS)
    sizes = 1 + rng.multinomial(METRO_COUNTIES - METROS, weights / weights.sum())
    state_codes = np.array([code for code, _, _ in STATES])
    free = {
        code: list(rng.permutation(np.flatnonzero(county_states == code))) for code in state_codes
    }
    state_weight = np.array([count for _, _, count in STATES], dtype=float)
    metro_of = np.full(county_states.size, -1)
    for metro, size in enumerate(sizes):
        home = rng.choice(state_codes.size, p=state_weight / state_weight.sum())
        spans = size > 2 and rng.random() < 0.15
        taken = 0
        for offset in range(state_codes.size):
            state = state_codes[(home + offset) % state_codes.size]
            want = size - taken if (offset or not spans) else max(1, size - 1 - size // 4)
            while want and free[state]:
                metro_of[free[state].pop()] = metro
                want -= 1
                taken += 1
            if taken == size:
                break
    return metro_of


def size_class(employment: np.ndarray, withheld: np.ndarray) -> pl.Series:
    """The size-class letter of each withheld cell's true employment; null elsewhere."""
    letters = pl.Series(SIZE_CLASSES).gather(
        np.searchsorted(SIZE_CLASS_BOUNDS, employment, side="right")
    )
    return letters.zip_with(pl.Series(withheld), pl.Series([None], dtype=pl.String)).alias(
        "employment_flag"
    )


def year_tables(rng: np.random.Generator, geo: Geography, industries: np.ndarray, years: range):
    """One table per year: every county × every industry (county-major order)."""
    counties, kinds = geo.county_codes.size, industries.size
    county_size = rng.lognormal(0.0, 1.3, counties)
    industry_size = rng.lognormal(0.0, 1.4, kinds)
    base = 4.5 * np.outer(county_size, industry_size) * rng.lognormal(0.0, 1.0, (counties, kinds))
    zero = rng.random((counties, kinds)) < ZERO_SHARE
    # small cells are withheld more often than large ones; a cell stays withheld or published
    # from year to year unless its size changes a lot
    withhold_draw = rng.random((counties, kinds))
    industry_trend = rng.normal(0.01, 0.02, kinds)
    county_trend = rng.normal(0.0, 0.01, counties)
    firm_size = rng.lognormal(2.3, 0.6, kinds)
    wage = rng.uniform(25.0, 95.0, kinds)  # thousand dollars a year
    region_code = pl.Series("region_code", np.repeat(geo.county_codes, kinds))
    industry_code = pl.Series("industry_code", np.tile(industries, counties))
    level = base
    for step, year in enumerate(years):
        if step:
            growth = industry_trend[None, :] + county_trend[:, None]
            level = level * (1 + growth) * rng.lognormal(0.0, 0.05, (counties, kinds))
        employment = np.where(zero, 0, np.maximum(1, np.rint(level))).astype(np.int64)
        present = employment > 0
        small = np.clip(1.6 - np.log10(np.maximum(employment, 1)) / 3, 0.3, 1.6)
        chance = small * (WITHHELD_SHARE / present.mean() / small[present].mean())
        withheld = present & (withhold_draw < chance)
        establishments = np.where(
            employment > 0, np.maximum(1, np.rint(employment / firm_size[None, :])), 0
        ).astype(np.int64)
        payroll = np.rint(
            employment * wage[None, :] * rng.lognormal(0.0, 0.15, (counties, kinds))
        ).astype(np.int64)
        flat_withheld = withheld.ravel()
        yield pl.DataFrame(
            [
                region_code,
                industry_code,
                pl.Series("year", np.full(counties * kinds, year, dtype=np.int32)),
                pl.Series("employment", employment.ravel()),
                size_class(employment.ravel(), flat_withheld),
                pl.Series("establishments", establishments.ravel()),
                pl.Series("annual_payroll", payroll.ravel()),
            ]
        ).with_columns(
            pl.when(pl.Series(flat_withheld)).then(None).otherwise(pl.col(name)).alias(name)
            for name in ("employment", "establishments", "annual_payroll")
        )


def generate(
    directory: Path, *, first_year: int = FIRST_YEAR, last_year: int = LAST_YEAR, seed: int = SEED
) -> SyntheticFiles:
    directory.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    geo = geography(rng)
    industries = np.array(naics2012_classification().get_column("industry_code").to_list())
    years = range(first_year, last_year + 1)
    parts = []
    rows = 0
    for year, table in zip(years, year_tables(rng, geo, industries, years), strict=True):
        part = directory / f"part_{year}.parquet"
        table.write_parquet(part, row_group_size=1_000_000, statistics=True)
        parts.append(part)
        rows = table.height
        if year == last_year:
            one_year = directory / f"cbp_{year}.parquet"
            table.write_parquet(one_year, row_group_size=1_000_000, statistics=True)
    all_years = directory / f"cbp_{first_year}_{last_year}.parquet"
    pl.scan_parquet(parts).sink_parquet(all_years, row_group_size=1_000_000, statistics=True)
    for part in parts:
        part.unlink()
    regions = directory / "regions.parquet"
    geo.regions.write_parquet(regions)
    return SyntheticFiles(
        one_year=one_year,
        all_years=all_years,
        regions=regions,
        reference=NATION,
        years=tuple(years),
        rows_per_year=rows,
        counties=geo.county_codes.size,
        industries=industries.size,
    )


def describe(files: SyntheticFiles) -> dict[str, object]:
    """What the data set holds, from the files (for the benchmark's record)."""
    one = pl.scan_parquet(files.one_year)
    shares = one.select(
        pl.len().alias("rows"),
        ((pl.col("employment") == 0).sum() / pl.len()).alias("zero_share"),
        pl.col("employment_flag").is_not_null().mean().alias("withheld_share"),
        pl.col("employment").sum().alias("published_employment"),
    ).collect()
    regions = pl.read_parquet(files.regions)
    types = regions.unique("region_code").group_by("region_type").len().sort("region_type").rows()
    metro_counties = regions.filter(pl.col("parent_code").str.starts_with("M")).height
    return {
        **shares.row(0, named=True),
        "regions_by_type": dict(types),
        "counties_in_metro_areas": metro_counties,
        "rows_all_years": pl.scan_parquet(files.all_years).select(pl.len()).collect().item(),
        "years": list(files.years),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, required=True, help="directory for the files")
    arguments = parser.parse_args()
    started = time.perf_counter()
    files = generate(arguments.out)
    print(f"written in {time.perf_counter() - started:.1f} s to {arguments.out}")
    for key, value in describe(files).items():
        print(f"  {key}: {value}")


if __name__ == "__main__":
    main()
