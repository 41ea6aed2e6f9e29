"""The demo's tables, read from the UTF-8 data files in ``data/`` (each read once, then cached).

A cluster ``<name>`` is described by five files:

- ``<name>.json``: the cluster itself, its seed, counts, fees, demo users, the text and tags
  of its institutions by category, and its districts (key, number of firms, the fantasy
  names and the masculine/feminine adjectives its firms are named with);
- ``<name>_places.csv``: district, city, weight — where a district's firms are;
- ``<name>_trades.csv``: the kinds of firm, with the districts they occur in (space-separated
  keys; a district takes its trades in file order). ``nouns``, ``tags`` and ``technologies``
  are ``;``-separated; a noun carries its gender ("Tintoria/f": m, f, p for plural, or b for
  a brand-like word). ``codes`` are NACE Rev. 2, space-separated: the first always, the
  others now and then. ``goods`` names the wares, as in "Bartolini Tessuti S.r.l.";
- ``<name>_institutions.csv``: the research, education, public, intermediary, finance,
  media and other participants;
- ``<name>_phones.csv``: city, dialling prefix, region, for every city above.

Shared by language: ``names.json`` (first names and surnames), ``job_titles.json`` (a lead
title for the first contact, then others, by "company" or category; "Direttore|Direttrice"
gives the masculine and the feminine form) and ``legal_forms.csv`` (by size class, weighted).
"""

from __future__ import annotations

import csv
import json
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from clusterdesk.tenancy.models import Role

from ..models import Category
from .people import Names
from .spec import VC, Activity, ClusterSpec, DemoUser, District, Institution

DATA = Path(__file__).parent / "data"


@cache
def _json(name: str) -> Any:
    with (DATA / name).open(encoding="utf-8") as handle:
        return json.load(handle)


@cache
def _csv(name: str) -> tuple[dict[str, str], ...]:
    with (DATA / name).open(encoding="utf-8", newline="") as handle:
        return tuple(csv.DictReader(handle))


def _items(cell: str) -> tuple[str, ...]:
    """A ``;``-separated cell as a tuple; an empty cell is an empty tuple."""
    return tuple(item for item in cell.split(";") if item)


def _by_category(table: dict[str, Any]) -> dict[str, Any]:
    """The same table, with the keys that name a participant category as `Category` members."""
    return {
        (Category(key) if key in Category.values else key): value for key, value in table.items()
    }


@cache
def person_names(language: str) -> Names:
    table = _json("names.json")[language]
    return Names(tuple(table["men"]), tuple(table["women"]), tuple(table["surnames"]))


@cache
def legal_forms(language: str) -> dict[str, tuple[tuple[str, ...], tuple[int, ...]]]:
    """Size class → (legal forms, weights), for `random.Random.choices`."""
    forms: dict[str, tuple[list[str], list[int]]] = {}
    for row in _csv("legal_forms.csv"):
        if row["language"] == language:
            names, weights = forms.setdefault(row["size"], ([], []))
            names.append(row["form"])
            weights.append(int(row["weight"]))
    return {size: (tuple(names), tuple(weights)) for size, (names, weights) in forms.items()}


def _job_titles(language: str, kind: str) -> dict[str, tuple[str, ...]]:
    """The lead titles (kind "lead") or the others ("other"), by "company" or category."""
    table = _json("job_titles.json")[language][kind]
    return _by_category({key: tuple(titles) for key, titles in table.items()})


def _activity(row: dict[str, str]) -> Activity:
    return Activity(
        nouns=_items(row["nouns"]),
        goods=row.get("goods", ""),
        codes=tuple(row["codes"].split()),
        position=VC(row["position"]),
        description=row["description"],
        tags=_items(row["tags"]),
        technologies=_items(row["technologies"]),
        export=(int(row["export_min"]), int(row["export_max"])),
        weight=int(row["weight"]),
    )


def _districts(name: str, entries: list[dict[str, Any]]) -> tuple[District, ...]:
    places = _csv(f"{name}_places.csv")
    trades = [(row["districts"].split(), _activity(row)) for row in _csv(f"{name}_trades.csv")]
    return tuple(
        District(
            places=tuple(
                (row["city"], int(row["weight"]))
                for row in places
                if row["district"] == entry["key"]
            ),
            activities=tuple(activity for keys, activity in trades if entry["key"] in keys),
            count=entry["count"],
            fantasy=tuple(entry["fantasy"]),
            adjectives=tuple((male, female) for male, female in entry.get("adjectives", [])),
        )
        for entry in entries
    )


def _institution(row: dict[str, str]) -> Institution:
    return Institution(
        category=Category(row["category"]),
        name=row["name"],
        city=row["city"],
        codes=tuple(row["codes"].split()),
        employees=int(row["employees"]),
        founded=int(row["founded"]),
        domain=row["domain"],
    )


@cache
def cluster_spec(name: str) -> ClusterSpec:
    """The demo cluster described by ``data/<name>.json`` and its ``<name>_*.csv`` tables."""
    table = _json(f"{name}.json")
    language = table["language"]
    cluster = {**table["cluster"], "founded_on": date.fromisoformat(table["cluster"]["founded_on"])}
    low_turnover, high_turnover = table["turnover_per_head"]
    first_year, last_year = table["founded"]
    return ClusterSpec(
        seed=table["seed"],
        cluster=cluster,
        language=language,
        country=table["country"],
        phones={row["city"]: (row["prefix"], row["region"]) for row in _csv(f"{name}_phones.csv")},
        mobiles=tuple(table["mobiles"]),
        domain_suffix=table["domain_suffix"],
        districts=_districts(name, table["districts"]),
        institutions=tuple(_institution(row) for row in _csv(f"{name}_institutions.csv")),
        committed=table["committed"],
        former=table["former"],
        fees=_by_category(table["fees"]),
        turnover_per_head=(low_turnover, high_turnover),
        founded=(first_year, last_year),
        users=tuple(
            DemoUser(user["email"], user["full_name"], Role(user["role"]))
            for user in table["users"]
        ),
        lead_titles=_job_titles(language, "lead"),
        titles=_job_titles(language, "other"),
        category_tags=_by_category(
            {key: tuple(tags) for key, tags in table["category_tags"].items()}
        ),
        category_text=_by_category(table["category_text"]),
    )
