"""What the mapping's pages share: the year and region type a page shows, the query that
keeps them in links, and a page of rows of a Polars table."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import polars as pl
from django.core.paginator import Page, Paginator
from django.http import Http404, HttpRequest
from django.urls import reverse

from .. import presentation, readers
from ..models import MappingDataset
from ..queries import dataset_for

PAGE_SIZE = 50


@dataclass(frozen=True)
class Choice:
    value: str
    label: str


@dataclass(frozen=True)
class Selection:
    """The year and region type of a results page, and those it can switch to."""

    year: int
    years: list[int]
    region_type: str
    region_types: list[readers.RegionType]

    @property
    def type_label(self) -> str:
        return presentation.region_type_label(self.region_type)

    @property
    def type_plural(self) -> str:
        return presentation.region_type_label(self.region_type, plural=True)

    @property
    def type_choices(self) -> list[Choice]:
        return [
            Choice(
                kind.code,
                f"{presentation.region_type_label(kind.code, plural=True)} "
                f"({presentation.whole(kind.regions)})",
            )
            for kind in self.region_types
        ]

    @property
    def regions(self) -> int:
        return next((k.regions for k in self.region_types if k.code == self.region_type), 0)

    def query(self, **extra: Any) -> str:
        values = {"year": self.year, "region_type": self.region_type} | extra
        return urlencode({key: value for key, value in values.items() if value not in ("", None)})


def dataset_years(dataset: MappingDataset) -> list[int]:
    return sorted(int(year) for year in (dataset.summary or {}).get("years") or [])


def chosen_year(request: HttpRequest, years: Sequence[int]) -> int | None:
    """The ``?year=`` asked for when the data holds it, else the latest year."""
    try:
        asked = int(request.GET.get("year", ""))
    except ValueError:
        asked = None
    if asked in years:
        return asked
    return years[-1] if years else None


def selection_for(request: HttpRequest, dataset: MappingDataset) -> Selection | None:
    """None when the dataset has no region to compare (nothing to show)."""
    years = dataset_years(dataset)
    kinds = readers.region_types(dataset)
    year = chosen_year(request, years)
    if year is None or not kinds:
        return None
    asked = request.GET.get("region_type", "")
    region_type = asked if any(kind.code == asked for kind in kinds) else kinds[0].code
    return Selection(year, years, region_type, kinds)


class FramePages(Sequence[dict[str, Any]]):
    """A Polars table as the paginator's list: only the page's rows become dicts."""

    def __init__(self, frame: pl.DataFrame) -> None:
        self.frame = frame

    def __len__(self) -> int:
        return self.frame.height

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, slice):
            start, stop, _step = index.indices(self.frame.height)
            return self.frame.slice(start, max(0, stop - start)).to_dicts()
        return self.frame.row(index, named=True)


def page_of(request: HttpRequest, frame: pl.DataFrame, size: int = PAGE_SIZE) -> Page:
    return Paginator(FramePages(frame), size).get_page(request.GET.get("page"))


def done_dataset(request: HttpRequest, pk: int) -> MappingDataset:
    dataset = dataset_for(request.cluster, pk)
    if not (dataset.summary or {}).get("years"):
        raise Http404  # never mapped: nothing to show yet
    return dataset


def cluster_url(dataset: MappingDataset, code: str, query: str) -> str:
    address = reverse("mapping:cluster", args=[dataset.cluster.slug, dataset.pk, code])
    return f"{address}?{query}"


def region_url(dataset: MappingDataset, code: str, year: int) -> str:
    address = reverse("mapping:region", args=[dataset.cluster.slug, dataset.pk, code])
    return f"{address}?{urlencode({'year': year})}"
