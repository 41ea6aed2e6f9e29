"""What the checks of the statistics rows found, gathered over the years the table is read in,
and the problems it makes: the same messages, counts and examples as a check of the whole table
at once. Counts are added, totals per code summed, and of the examples each year keeps its first
few, so the first ones over the whole table (by row number, or by key for repeated rows) are
always among them."""

from __future__ import annotations

from dataclasses import dataclass, field

import polars as pl

from .inputs import TableSpec
from .report import EXAMPLES, Problem, listing, number, plural
from .suppression import SIZE_CLASS_MIDPOINTS

UNREADABLE_AS = {
    "number": ("is not a number", "are not numbers"),
    "year": ("is not a year", "are not years"),
    "bool": ("is neither true nor false", "are neither true nor false"),
}


@dataclass
class Tally:
    """A count of rows and the first of them (by row number) over the years."""

    count: int = 0
    parts: list[pl.DataFrame] = field(default_factory=list)

    def add(self, rows: pl.DataFrame | pl.Series) -> None:
        """``rows`` in row order, with a ``row`` column (or the row numbers themselves)."""
        frame = rows.to_frame("row") if isinstance(rows, pl.Series) else rows
        self.count += frame.height
        self.parts.append(frame.head(EXAMPLES).with_columns(pl.col("row").cast(pl.Int64)))

    def first(self, limit: int = EXAMPLES) -> pl.DataFrame:
        return pl.concat(self.parts, how="vertical_relaxed").sort("row").head(limit)

    def rows(self) -> list[int]:
        return self.first().get_column("row").to_list()

    def __bool__(self) -> bool:
        return self.count > 0


@dataclass
class Findings:
    unreadable: dict[str, Tally] = field(default_factory=dict)
    """Column → rows whose value could not be read (``row``, ``value`` as written)."""
    missing: dict[str, Tally] = field(default_factory=dict)
    """Column → rows without the required value."""
    size_classes: Tally = field(default_factory=Tally)
    letters: set[str] = field(default_factory=set)
    missing_employment: Tally = field(default_factory=Tally)
    unknown_codes: list[pl.DataFrame] = field(default_factory=list)
    """Per year: code, employment, rows of the codes the classification (or list) lacks."""
    employment: float = 0.0
    """All the rows' employment (withheld cells at their midpoint)."""
    negative: dict[str, Tally] = field(default_factory=dict)
    repeated_rows: int = 0
    repeated_keys: int = 0
    repeated: list[pl.DataFrame] = field(default_factory=list)
    years: dict[int, int] = field(default_factory=dict)
    """Rows per year."""
    unknown_regions: list[pl.DataFrame] = field(default_factory=list)
    covered: list[pl.DataFrame] = field(default_factory=list)
    """region_code, year: the regions with rows, per year."""

    def unreadable_value(self, name: str, rows: pl.DataFrame) -> None:
        self.unreadable.setdefault(name, Tally()).add(
            rows.select(
                pl.col(rows.columns[0]).alias("row"), pl.col(name).cast(pl.String).alias("value")
            )
        )

    def missing_value(self, name: str, rows: pl.Series) -> None:
        self.missing.setdefault(name, Tally()).add(rows)

    def unknown_size_classes(self, rows: pl.DataFrame) -> None:
        self.size_classes.add(rows.select("row"))
        self.letters.update(rows.get_column("employment_flag").unique().to_list())

    def negative_value(self, name: str, rows: pl.DataFrame) -> None:
        self.negative.setdefault(name, Tally()).add(rows)

    def duplicates(self, repeated: pl.DataFrame) -> None:
        """A year's repeated keys (sorted) with how many times and in which rows."""
        self.repeated_rows += int(repeated.get_column("times").sum()) - repeated.height
        self.repeated_keys += repeated.height
        self.repeated.append(repeated.head(EXAMPLES))

    def refuses(self, expected_year: int | None, ignore_unknown_codes: bool) -> bool:
        """Whether a blocking problem has turned up in the rows read so far."""
        return bool(
            self.unreadable
            or self.missing
            or self.size_classes
            or self.missing_employment
            or (self.unknown_codes and not ignore_unknown_codes)
            or self.negative
            or self.repeated_rows
            or (expected_year is not None and set(self.years) - {expected_year})
            or self.unknown_regions
        )

    def region_years(self) -> pl.DataFrame:
        if not self.covered:
            return pl.DataFrame(schema={"region_code": pl.String, "year": pl.Int32})
        return pl.concat(self.covered)

    # The problems, in the order a check of the whole table gives them.

    def read_problems(self, spec: TableSpec) -> list[Problem]:
        """Values that could not be read, then required values left empty."""
        problems = []
        for column in spec.columns:
            lost = self.unreadable.get(column.name)
            if not lost:
                continue
            first = lost.first()
            examples = [
                f"“{row['value']}” in row {row['row']:,}" for row in first.head(3).to_dicts()
            ]
            problems.append(
                Problem(
                    "unreadable_values",
                    f"{plural(lost.count, 'value')} of {column.name} in the {spec.title} "
                    f"{UNREADABLE_AS[column.kind][lost.count != 1]} (e.g. {listing(examples)}).",
                    {
                        "table": spec.title,
                        "column": column.name,
                        "count": lost.count,
                        "examples": first.to_dicts(),
                    },
                )
            )
        for column in spec.columns:
            empty = self.missing.get(column.name)
            if not empty:
                continue
            rows = empty.rows()
            problems.append(
                Problem(
                    "missing_values",
                    f"{plural(empty.count, 'row')} of the {spec.title} "
                    f"{'has' if empty.count == 1 else 'have'} no {column.name} "
                    f"(row {listing(rows, limit=3)}).",
                    {
                        "table": spec.title,
                        "column": column.name,
                        "count": empty.count,
                        "rows": rows,
                    },
                )
            )
        return problems

    def size_class_problems(self) -> list[Problem]:
        problems = []
        if self.size_classes:
            letters = sorted(self.letters)
            count = self.size_classes.count
            problems.append(
                Problem(
                    "unknown_size_classes",
                    f"{plural(count, 'row carries', 'rows carry')} a size class that "
                    f"County Business Patterns does not use ({listing(letters)}); the classes "
                    f"are {', '.join(SIZE_CLASS_MIDPOINTS)}.",
                    {"count": count, "classes": letters, "rows": self.size_classes.rows()},
                )
            )
        if self.missing_employment:
            count, rows = self.missing_employment.count, self.missing_employment.rows()
            problems.append(
                Problem(
                    "missing_employment",
                    f"{plural(count, 'row has', 'rows have')} neither employment nor a size "
                    f"class (row {listing(rows, limit=3)}).",
                    {"count": count, "rows": rows},
                )
            )
        return problems

    def unknown_code_problems(self, column: str, *, ignored: bool) -> list[Problem]:
        """Industry codes the classification lacks (or cluster codes the cluster list lacks):
        how many, which, and how much employment they hold."""
        if not self.unknown_codes:
            return []
        by_code = (
            pl.concat(self.unknown_codes)
            .group_by(column)
            .agg(pl.col("employment").sum(), pl.col("rows").sum())
            .sort(["employment", column], descending=[True, False])
        )
        codes = sorted(by_code.get_column(column).to_list())
        rows = int(by_code.get_column("rows").sum())
        held = float(by_code.get_column("employment").sum())
        share = held / self.employment if self.employment else 0.0
        industry = column == "industry_code"
        what = "industry code" if industry else "cluster code"
        where = "the classification" if industry else "the cluster list"
        return [
            Problem(
                "unknown_industries" if industry else "unknown_clusters",
                f"{plural(len(codes), what + ' is', what + 's are')} not in {where}: "
                f"{listing(codes)}. {accounts(len(codes), held, rows)} "
                f"({share:.1%} of all employment)"
                + ("; they are left out of the mapping." if ignored else "."),
                {
                    "count": len(codes),
                    "codes": codes,
                    "rows": rows,
                    "employment": held,
                    "share": share,
                    "by_code": by_code.head(1000).to_dicts(),
                },
                blocking=not ignored,
            )
        ]

    def negative_problems(self) -> list[Problem]:
        problems = []
        negative = self.negative.get("employment")
        if negative:
            first = negative.first()
            problems.append(
                Problem(
                    "negative_employment",
                    f"{plural(negative.count, 'row has', 'rows have')} negative employment "
                    f"(e.g. {listing(described_rows(first, 'employment'), limit=3)}).",
                    {"count": negative.count, "examples": first.to_dicts()},
                )
            )
        for column in ("establishments", "annual_payroll"):
            below = self.negative.get(column)
            if below:
                first = below.first()
                problems.append(
                    Problem(
                        "negative_values",
                        f"{plural(below.count, 'row has', 'rows have')} a negative {column} "
                        f"(e.g. {listing(described_rows(first, column), limit=3)}).",
                        {"column": column, "count": below.count, "examples": first.to_dicts()},
                    )
                )
        return problems

    def duplicate_problems(self, keys: list[str], spec: TableSpec) -> list[Problem]:
        if not self.repeated_rows:
            return []
        examples = pl.concat(self.repeated).sort(keys).head(EXAMPLES)
        what = keys[1].removesuffix("_code")
        shown = [
            f"region {row['region_code']}, {what} {row[keys[1]]}, {row['year']} "
            f"in rows {', '.join(f'{number:,}' for number in row['row'][:5])}"
            for row in examples.head(3).to_dicts()
        ]
        extra = self.repeated_rows
        return [
            Problem(
                "duplicate_rows",
                f"{plural(extra, 'row repeats', 'rows repeat')} a region, {what} and year "
                f"already given in the {spec.title} (e.g. {listing(shown, limit=3)}).",
                {"count": extra, "keys": self.repeated_keys, "examples": examples.to_dicts()},
            )
        ]

    def year_problems(self, expected: int | None) -> list[Problem]:
        if expected is None:
            return []
        others = sorted((year, rows) for year, rows in self.years.items() if year != expected)
        if not others:
            return []
        found = [f"{year} ({plural(rows, 'row')})" for year, rows in others]
        total = sum(rows for _, rows in others)
        return [
            Problem(
                "mixed_years",
                f"The data should hold {expected} only, but "
                f"{plural(total, 'row is', 'rows are')} for other years: {listing(found)}.",
                {
                    "expected": expected,
                    "found": [{"year": year, "rows": rows} for year, rows in others],
                },
            )
        ]

    def unknown_region_problems(self, spec: TableSpec) -> list[Problem]:
        if not self.unknown_regions:
            return []
        by_code = (
            pl.concat(self.unknown_regions)
            .group_by("region_code")
            .agg(pl.col("employment").sum(), pl.col("rows").sum())
            .sort("region_code")
        )
        rows = int(by_code.get_column("rows").sum())
        codes = by_code.get_column("region_code").to_list()
        held = float(by_code.get_column("employment").sum())
        return [
            Problem(
                "unknown_regions",
                f"{plural(len(codes), 'region code', 'region codes')} in the {spec.title} "
                f"{'is' if len(codes) == 1 else 'are'} not in the regions table: "
                f"{listing(codes)}. {accounts(len(codes), held, rows)}.",
                {
                    "count": len(codes),
                    "codes": codes,
                    "rows": rows,
                    "employment": held,
                    "by_code": by_code.head(1000).to_dicts(),
                },
            )
        ]


def described_rows(frame: pl.DataFrame, column: str) -> list[str]:
    """ "row 5 (region 01, industry 311111, 2016): -4"."""
    what = "industry" if "industry_code" in frame.columns else "cluster"
    return [
        f"row {row['row']:,} (region {row['region_code']}, {what} {row[what + '_code']}, "
        f"{row['year']}): {number(row[column])}"
        for row in frame.head(3).to_dicts()
    ]


def accounts(codes: int, people: float, rows: int) -> str:
    """ "They account for 1,250 employees in 12 rows"."""
    who = "It accounts" if codes == 1 else "They account"
    return (
        f"{who} for {number(people)} employee{'' if people == 1 else 's'} in {plural(rows, 'row')}"
    )
