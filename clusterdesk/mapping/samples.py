"""Sample files a cluster manager (and the tests, and the demo) can map straight away.

- The U.S. Cluster Mapping Project's published 2016 figures for the 50 states and the nation,
  already summed per cluster (67 clusters): a real dataset, whose results the golden test
  compares with the published ones.
- A small synthetic county file by six-digit NAICS code for two years, with withheld cells,
  two states, a metro area across them and the nation: every rule of the engine shows on it
  (size-class midpoints, aggregation from counties, growth). It says it is synthetic.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

DATA = Path(__file__).resolve().parent / "demo" / "data"


@dataclass(frozen=True)
class SampleFile:
    name: str
    content: bytes


@dataclass(frozen=True)
class Sample:
    """What the upload form asks for: statistics, classification (None: the shipped NAICS 2012
    classification), regions, the reference and the level."""

    title: str
    level: str
    figures: SampleFile
    regions: SampleFile
    reference: str
    classification: SampleFile | None = None
    year: int | None = None


def us_states_2016() -> Sample:
    return Sample(
        title="U.S. states 2016 (U.S. Cluster Mapping Project)",
        level="cluster",
        figures=_file("us_states_2016_figures.csv"),
        classification=_file("us_clusters.csv"),
        regions=_file("us_states_regions.csv"),
        reference="US",
        year=2016,
    )


def _file(name: str) -> SampleFile:
    return SampleFile(name, (DATA / name).read_bytes())


# region code, name, type, parent (a county in a metro area is listed once per parent)
COUNTY_REGIONS = [
    ("US", "United States (synthetic)", "nation", ""),
    ("06", "State A", "state", "US"),
    ("41", "State B", "state", "US"),
    ("06001", "County A1", "county", "06"),
    ("06003", "County A2", "county", "06"),
    ("06005", "County A3", "county", "06"),
    ("41001", "County B1", "county", "41"),
    ("41003", "County B2", "county", "41"),
    ("M100", "Metro A1–B1", "msa", ""),
    ("06001", "County A1", "county", "M100"),
    ("41001", "County B1", "county", "M100"),
]

INDUSTRIES = {
    "315210": "Apparel",
    "336411": "Aerospace",
    "541511": "Business Services",
    "325412": "Biopharmaceuticals",
    "334413": "Information Technology",
    "722511": "Local Hospitality (local)",
    "311811": "Local Food (local)",
    "621111": "Local Health (local)",
}

# county → industry → (employment in the first year, growth per year, size class when withheld)
COUNTY_EMPLOYMENT: dict[str, dict[str, tuple[float, float, str]]] = {
    "06001": {
        "315210": (1200, 0.05, ""),
        "541511": (800, 0.08, ""),
        "722511": (2400, 0.02, ""),
        "311811": (300, 0.0, ""),
        "621111": (900, 0.03, ""),
        "334413": (0, 0.0, "C"),
    },
    "06003": {
        "315210": (450, -0.04, ""),
        "336411": (0, 0.0, "E"),
        "722511": (1100, 0.01, ""),
        "621111": (500, 0.02, ""),
    },
    "06005": {
        "541511": (150, 0.1, ""),
        "722511": (600, 0.0, ""),
        "311811": (0, 0.0, "B"),
        "621111": (220, 0.01, ""),
    },
    "41001": {
        "336411": (3100, 0.06, ""),
        "325412": (700, 0.12, ""),
        "722511": (2000, 0.02, ""),
        "621111": (1300, 0.02, ""),
        "311811": (260, 0.01, ""),
    },
    "41003": {
        "334413": (1900, -0.02, ""),
        "541511": (420, 0.05, ""),
        "722511": (900, 0.01, ""),
        "621111": (400, 0.0, ""),
        "315210": (0, 0.0, "A"),
    },
}

# The nation's own figures (larger than the two states: the rest of the country)
NATION_EMPLOYMENT = {
    "315210": 60_000,
    "336411": 90_000,
    "541511": 400_000,
    "325412": 80_000,
    "334413": 120_000,
    "722511": 1_500_000,
    "311811": 40_000,
    "621111": 700_000,
}


def county_industries(years: tuple[int, ...] = (2015, 2016)) -> Sample:
    """Synthetic county figures by NAICS code (CBP style: withheld cells carry a size class)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        [
            "region_code",
            "industry_code",
            "year",
            "employment",
            "employment_flag",
            "establishments",
            "annual_payroll",
        ]
    )
    for step, year in enumerate(years):
        for county, industries in COUNTY_EMPLOYMENT.items():
            for code, (people, growth, size_class) in industries.items():
                if size_class:
                    writer.writerow([county, code, year, "", size_class, 2, ""])
                    continue
                employment = round(people * (1 + growth) ** step)
                establishments = max(1, employment // 40)
                payroll = employment * 52  # thousand dollars a year
                writer.writerow([county, code, year, employment, "", establishments, payroll])
        for code, people in NATION_EMPLOYMENT.items():
            employment = round(people * 1.01**step)
            writer.writerow(["US", code, year, employment, "", employment // 30, employment * 55])
    regions = io.StringIO()
    region_writer = csv.writer(regions)
    region_writer.writerow(["region_code", "region_name", "region_type", "parent_code"])
    region_writer.writerows(COUNTY_REGIONS)
    return Sample(
        title="Synthetic counties (example)",
        level="industry",
        figures=SampleFile("counties_naics.csv", out.getvalue().encode()),
        regions=SampleFile("counties_regions.csv", regions.getvalue().encode()),
        reference="US",
    )
