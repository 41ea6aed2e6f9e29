"""Export of the registry in the columns the import reads, so a file goes out and back in
unchanged."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from clusterdesk.lib.tabular import write_table
from clusterdesk.tenancy.audit import audit_value
from clusterdesk.tenancy.models import Cluster

from .importing.columns import CONTACT_COLUMNS, ORGANISATION_COLUMNS
from .models import (
    Category,
    Commitment,
    Contact,
    OrganisationSector,
    TurnoverBand,
    ValueChainPosition,
)
from .queries import RegistryFilters, organisation_search

_CHOICES = {
    "category": Category,
    "commitment": Commitment,
    "turnover_band": TurnoverBand,
    "value_chain_position": ValueChainPosition,
}


def _cell(key: str, value: Any) -> Any:
    if value is None:
        return ""
    if key in _CHOICES and value:
        return str(_CHOICES[key](value).label)
    if isinstance(value, list):
        return "; ".join(str(item) for item in value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    return audit_value(value)


def organisation_export(cluster: Cluster, filters: RegistryFilters, file_format: str) -> bytes:
    keys = [column.key for column in ORGANISATION_COLUMNS]
    organisations = organisation_search(cluster, filters)
    fields = [key for key in keys if key != "nace_codes"]
    rows = list(organisations.values("id", *fields))
    codes: dict[int, list[str]] = defaultdict(list)
    for organisation_id, code in (
        OrganisationSector.objects.filter(organisation__in=organisations.values("id"))
        .order_by("code")
        .values_list("organisation_id", "code")
    ):
        codes[organisation_id].append(code)
    table = [
        [_cell(key, codes[row["id"]] if key == "nace_codes" else row[key]) for key in keys]
        for row in rows
    ]
    return write_table(keys, table, file_format)


def contact_export(cluster: Cluster, file_format: str) -> bytes:
    keys = [column.key for column in CONTACT_COLUMNS]
    rows = (
        Contact.objects.for_cluster(cluster)
        .order_by("organisation__name", "last_name", "first_name", "id")
        .values("organisation__name", *keys[1:])
    )
    table = [
        [_cell(key, row["organisation__name" if key == "organisation" else key]) for key in keys]
        for row in rows
    ]
    return write_table(keys, table, file_format)
