"""County Business Patterns suppression: a cell withheld to protect a business is published with
employment 0 and a size-class letter; the mapping takes the midpoint of the class instead.

The reported figure is kept beside the imputed one, so a reader can always see how much of a
region's employment is estimated.
"""

from __future__ import annotations

import polars as pl

SIZE_CLASS_MIDPOINTS: dict[str, int] = {
    "A": 10,  # 0 to 19 employees
    "B": 60,  # 20 to 99
    "C": 175,  # 100 to 249
    "E": 375,  # 250 to 499
    "F": 750,  # 500 to 999
    "G": 1_750,  # 1,000 to 2,499
    "H": 3_750,  # 2,500 to 4,999
    "I": 7_500,  # 5,000 to 9,999
    "J": 17_500,  # 10,000 to 24,999
    "K": 37_500,  # 25,000 to 49,999
    "L": 75_000,  # 50,000 to 99,999
    "M": 100_000,  # 100,000 or more
}


def size_class_midpoint(flag: pl.Expr) -> pl.Expr:
    """The midpoint of a size-class letter; null for no letter or an unknown one."""
    return flag.replace_strict(SIZE_CLASS_MIDPOINTS, default=None, return_dtype=pl.Float64)


def imputed_employment(
    employment: pl.Expr, flag: pl.Expr, midpoint: pl.Expr | None = None
) -> pl.Expr:
    """The published figure where there is one; the size class's midpoint where the cell is
    withheld (published as empty or 0 with a letter). ``midpoint`` looks the class up another
    way (the engine reads the letters as an enum)."""
    published = employment.fill_null(0)
    return (
        pl.when((published == 0) & flag.is_not_null())
        .then(size_class_midpoint(flag) if midpoint is None else midpoint)
        .otherwise(employment)
    )
