"""Anonymous peer reference files: indicator values of clusters elsewhere (a national
benchmarking programme, a network's survey) that join the peer portfolios.

A file is a sheet (CSV in any of the usual encodings and separators, or XLSX) with one row per
cluster and the columns ``country`` (ISO code or English name), ``technology_area``,
``gold_ready`` (yes/no, optional), ``score`` (optional, 0–1 or a percentage) and one column
per indicator id of the active framework (A1, B4…). Shares may be written 0.45 or 45 %.

Reading never writes: ``reference_read`` gives a preview with every problem per row and
column. A cluster's upload waits under ``benchmarking/references/<cluster id>/<token>`` in the
media storage until it is applied (whole, in one transaction) or abandoned. Nothing that could
name a cluster is kept: columns other than the ones above are reported and left out.
"""

from __future__ import annotations

import json
import re
import secrets
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_countries import countries

from clusterdesk.lib.errors import DomainError
from clusterdesk.lib.tabular import read_table
from clusterdesk.participants.importing.values import (
    CellError,
    as_boolean,
    as_decimal,
    as_text,
    simplify,
)
from clusterdesk.tenancy.audit import audit_record
from clusterdesk.tenancy.models import AuditAction, Cluster

from .engine import Framework, Indicator
from .frameworks import active_framework
from .models import ReferenceRow, ReferenceSet

MAX_BYTES = 10 * 1024 * 1024
MAX_ROWS = 20_000
MAX_NAME = 200
MAX_SOURCE = 255
MAX_AREA = 200
ALLOWED_SUFFIXES = (".csv", ".txt", ".tsv", ".xlsx", ".xlsm")
# An upload nobody applied or abandoned is cleared away after this long.
ABANDONED_AFTER = timedelta(days=2)
TOKEN = re.compile(r"^[0-9a-f]{32}$")

COUNTRY, AREA, GOLD, SCORE = "country", "technology_area", "gold_ready", "score"
HEADERS = {
    "country": COUNTRY,
    "countrycode": COUNTRY,
    "technologyarea": AREA,
    "technology": AREA,
    "sector": AREA,
    "goldready": GOLD,
    "gold": GOLD,
    "score": SCORE,
}
# A heading shaped like an indicator id (a letter and a number): a value the framework in use
# does not know is refused rather than dropped without a word.
INDICATOR_LIKE = re.compile(r"^[A-Za-z]\d{1,2}$")


@dataclass(frozen=True)
class Problem:
    """What is wrong, where: ``row`` 0 and ``column`` "" for the file as a whole."""

    row: int
    column: str
    message: str

    def __str__(self) -> str:
        if not self.row:
            return self.message
        if not self.column:
            return _("Row %(row)s: %(message)s") % {"row": self.row, "message": self.message}
        return _("Row %(row)s, column %(column)s: %(message)s") % {
            "row": self.row,
            "column": self.column,
            "message": self.message,
        }


@dataclass(frozen=True)
class Entry:
    """One anonymous cluster of the file, as it will be stored."""

    row: int
    country: str
    technology_area: str
    gold_ready: bool
    score: float | None
    values: dict[str, float]


@dataclass
class Preview:
    entries: list[Entry] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    indicator_columns: list[str] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    framework_label: str = ""

    @property
    def file_problems(self) -> list[Problem]:
        return [problem for problem in self.problems if not problem.row]

    @property
    def row_problems(self) -> list[Problem]:
        return [problem for problem in self.problems if problem.row]

    @property
    def rows_with_problems(self) -> int:
        return len({problem.row for problem in self.row_problems})

    @property
    def can_apply(self) -> bool:
        return bool(self.entries) and not self.problems

    @property
    def countries(self) -> list[tuple[str, int]]:
        counted: dict[str, int] = {}
        for entry in self.entries:
            counted[entry.country] = counted.get(entry.country, 0) + 1
        return sorted(counted.items(), key=lambda item: (-item[1], item[0]))

    @property
    def gold_ready(self) -> int:
        return sum(1 for entry in self.entries if entry.gold_ready)


class ReferenceFileError(DomainError):
    """A file that cannot be imported as it is; ``preview`` holds every problem."""

    def __init__(self, preview: Preview):
        super().__init__(
            _("The file has %(count)s problems; nothing was imported.")
            % {"count": len(preview.problems)}
            if preview.problems
            else _("The file holds no cluster; nothing was imported."),
            field="file",
        )
        self.preview = preview


# --------------------------------------------------------------------------- cells


def country_code(cell: Any) -> str:
    """An ISO 3166-1 code from a code (IT, ITA, 380) or an English name (Italy)."""
    text = as_text(cell)
    if not text:
        raise CellError(_("Give the country, as its ISO code (IT) or its English name (Italy)."))
    code = countries.alpha2(text) or countries.by_name(text)
    if not code:
        raise CellError(
            _("“%(value)s” is not a country: give its ISO code (IT) or its English name (Italy).")
            % {"value": text}
        )
    return str(code)


def _number(cell: Any) -> tuple[Decimal, bool]:
    """The number in a cell, and whether it was written as a percentage."""
    if isinstance(cell, bool):
        raise CellError(_("“%(value)s” is not a number.") % {"value": cell})
    if isinstance(cell, int | float):
        return Decimal(str(cell)), False
    text = as_text(cell).replace("\u00a0", " ").strip()
    percent = text.endswith("%")
    number = as_decimal(text.rstrip("%").strip())
    if number is None or not number.is_finite():
        raise CellError(_("“%(value)s” is not a number.") % {"value": text})
    return number, percent


def share_value(cell: Any) -> float:
    """A share as a fraction: 0.45, 0,45 or 45 % are all 0.45."""
    number, percent = _number(cell)
    shown = as_text(cell)
    if percent:
        number = number / 100
    elif number > 1:
        raise CellError(
            _("“%(value)s” is not a share: write it as a fraction (0.45) or with %% (45 %%).")
            % {"value": shown}
        )
    if number > 1:
        raise CellError(_("“%(value)s” is more than 100 %%.") % {"value": shown})
    if number < 0:
        raise CellError(_("“%(value)s” is below zero.") % {"value": shown})
    return float(number)


def indicator_value(indicator: Indicator, cell: Any) -> float:
    """A value in the indicator's unit, within what the indicator can be."""
    if indicator.unit == "share":
        return share_value(cell)
    number, percent = _number(cell)
    shown = as_text(cell)
    if percent:
        raise CellError(
            _("“%(value)s” is a percentage, but %(id)s is not a share: give the number.")
            % {"value": shown, "id": indicator.id}
        )
    if number < 0:
        raise CellError(_("“%(value)s” is below zero.") % {"value": shown})
    if indicator.out_of is not None and number > indicator.out_of:
        raise CellError(
            _("“%(value)s” is more than %(most)s, the most %(id)s can be.")
            % {"value": shown, "most": indicator.out_of, "id": indicator.id}
        )
    return float(number)


def _blank(cell: Any) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


# --------------------------------------------------------------------------- reading


def _columns(
    headers: list[str], framework: Framework, preview: Preview
) -> dict[int, tuple[str, Indicator | None]]:
    """Which column holds what; unknown headings go to ``ignored_columns`` or, when they look
    like an indicator id, are a problem."""
    indicators = {indicator.id.upper(): indicator for indicator in framework.indicators}
    mapping: dict[int, tuple[str, Indicator | None]] = {}
    seen: dict[str, str] = {}
    for index, header in enumerate(headers):
        heading = header.strip()
        if not heading:
            continue
        indicator = indicators.get(heading.upper())
        key = indicator.id if indicator else HEADERS.get(simplify(heading))
        if key is None:
            if INDICATOR_LIKE.match(heading):
                preview.problems.append(
                    Problem(
                        0,
                        heading,
                        _(
                            "The column “%(column)s” is not an indicator of the framework in "
                            "use (%(framework)s): remove it or correct its heading."
                        )
                        % {"column": heading, "framework": framework.label},
                    )
                )
            else:
                preview.ignored_columns.append(heading)
            continue
        if key in seen:
            preview.problems.append(
                Problem(
                    0,
                    heading,
                    _("The columns “%(one)s” and “%(other)s” both give %(what)s; keep one.")
                    % {"one": seen[key], "other": heading, "what": key},
                )
            )
            continue
        seen[key] = heading
        mapping[index] = (key, indicator)
    if COUNTRY not in seen:
        preview.problems.append(Problem(0, "", _("The file has no “country” column.")))
    if AREA not in seen:
        preview.problems.append(Problem(0, "", _("The file has no “technology_area” column.")))
    preview.indicator_columns = [
        indicator.id for _key, indicator in mapping.values() if indicator is not None
    ]
    if not preview.indicator_columns and SCORE not in seen:
        preview.problems.append(
            Problem(
                0,
                "",
                _("The file has no score column and no indicator column (A1, B4…)."),
            )
        )
    return mapping


def _entry(
    number: int,
    cells: list[Any],
    mapping: dict[int, tuple[str, Indicator | None]],
    problems: list[Problem],
) -> Entry | None:
    found: dict[str, Any] = {GOLD: False, SCORE: None, AREA: "", COUNTRY: ""}
    values: dict[str, float] = {}
    wrong = False
    for index, (key, indicator) in mapping.items():
        cell = cells[index] if index < len(cells) else None
        try:
            if key == COUNTRY:
                found[COUNTRY] = country_code(cell)
            elif key == AREA:
                area = as_text(cell)
                if len(area) > MAX_AREA:
                    raise CellError(
                        _("Keep the technology area under %(max)s characters.") % {"max": MAX_AREA}
                    )
                found[AREA] = area
            elif _blank(cell):
                continue
            elif key == GOLD:
                found[GOLD] = bool(as_boolean(cell))
            elif key == SCORE:
                found[SCORE] = share_value(cell)
            elif indicator is not None:
                values[indicator.id] = indicator_value(indicator, cell)
        except CellError as error:
            problems.append(Problem(number, key, str(error)))
            wrong = True
    if wrong:
        return None
    if not values and found[SCORE] is None:
        problems.append(Problem(number, "", _("The row gives no score and no indicator value.")))
        return None
    return Entry(number, found[COUNTRY], found[AREA], found[GOLD], found[SCORE], values)


def reference_read(content: bytes, filename: str, framework: Framework) -> Preview:
    """Every cluster of the file and every problem, without writing anything."""
    preview = Preview(framework_label=framework.label)
    try:
        table = read_table(content, filename)
    except DomainError as error:
        preview.problems.append(Problem(0, "", error.message))
        return preview
    mapping = _columns(table.headers, framework, preview)
    if not table.rows:
        preview.problems.append(Problem(0, "", _("The file has no row below its headings.")))
    elif len(table.rows) > MAX_ROWS:
        preview.problems.append(
            Problem(
                0,
                "",
                _("The file has more than %(max)s rows; split it.") % {"max": f"{MAX_ROWS:,}"},
            )
        )
    if preview.file_problems:
        return preview
    for number, cells in table.rows:
        entry = _entry(number, cells, mapping, preview.problems)
        if entry is not None:
            preview.entries.append(entry)
    return preview


# --------------------------------------------------------------------------- importing


def _clean_names(name: str, source: str) -> tuple[str, str]:
    name, source = (name or "").strip(), (source or "").strip()
    if not name:
        raise DomainError(_("Give the reference file a name."), field="name")
    if len(name) > MAX_NAME:
        raise DomainError(
            _("Keep the name under %(max)s characters.") % {"max": MAX_NAME}, field="name"
        )
    if len(source) > MAX_SOURCE:
        raise DomainError(
            _("Keep the source under %(max)s characters.") % {"max": MAX_SOURCE}, field="source"
        )
    return name, source


def reference_import(
    *,
    cluster: Cluster | None,
    actor: Any,
    content: bytes,
    filename: str,
    name: str,
    source: str = "",
    origin: str = "web",
) -> ReferenceSet:
    """Import a whole file, or nothing: ``ReferenceFileError`` (with the preview) when any row
    or column is wrong. ``cluster`` None: shared with every cluster of the installation."""
    name, source = _clean_names(name, source)
    _version, framework = active_framework()
    preview = reference_read(content, filename, framework)
    if not preview.can_apply:
        raise ReferenceFileError(preview)
    with transaction.atomic():
        reference_set = ReferenceSet.objects.create(
            cluster=cluster,
            name=name,
            source=source,
            rows=len(preview.entries),
            original_name=(filename or "")[:255],
            imported_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        ReferenceRow.objects.bulk_create(
            [
                ReferenceRow(
                    reference_set=reference_set,
                    country=entry.country,
                    technology_area=entry.technology_area,
                    gold_ready=entry.gold_ready,
                    score=entry.score,
                    values=entry.values,
                )
                for entry in preview.entries
            ],
            batch_size=1000,
        )
        if cluster is not None:
            audit_record(
                cluster=cluster,
                actor=actor,
                action=AuditAction.CREATED,
                instance=reference_set,
                changes={"name": [None, name], "rows": [None, reference_set.rows]},
                source=origin,
            )
    return reference_set


def reference_delete(*, reference_set: ReferenceSet, actor: Any, origin: str = "web") -> None:
    with transaction.atomic():
        if reference_set.cluster_id is not None:
            audit_record(
                cluster=reference_set.cluster,
                actor=actor,
                action=AuditAction.DELETED,
                instance=reference_set,
                changes={"name": [reference_set.name, None], "rows": [reference_set.rows, None]},
                source=origin,
            )
        reference_set.delete()


# --------------------------------------------------------------------------- uploads waiting


@dataclass(frozen=True)
class Upload:
    token: str
    content: bytes
    original_name: str
    name: str
    source: str


def _folder(cluster: Cluster) -> str:
    return f"benchmarking/references/{cluster.pk}"


def _discard_abandoned(cluster: Cluster) -> None:
    folder = _folder(cluster)
    try:
        _folders, files = default_storage.listdir(folder)
    except FileNotFoundError:
        return
    oldest = timezone.now() - ABANDONED_AFTER
    for stored in files:
        path = f"{folder}/{stored}"
        try:
            if default_storage.get_modified_time(path) < oldest:
                default_storage.delete(path)
        except (FileNotFoundError, NotImplementedError):
            continue


def reference_upload_save(
    *, cluster: Cluster, upload: UploadedFile, name: str, source: str = ""
) -> str:
    """Keep an uploaded file for its preview; returns its token."""
    name, source = _clean_names(name, source)
    original = upload.name or "upload.csv"
    if not original.lower().endswith(ALLOWED_SUFFIXES):
        if original.lower().endswith(".xls"):
            raise DomainError(
                _("Old Excel files (.xls) cannot be read: save the sheet as .xlsx or CSV."),
                field="file",
            )
        raise DomainError(_("Upload a CSV or an Excel (.xlsx) file."), field="file")
    if upload.size is not None and upload.size > MAX_BYTES:
        raise DomainError(_("The file is larger than 10 MB."), field="file")
    content = upload.read()
    if not content.strip():
        raise DomainError(_("The file is empty."), field="file")
    _discard_abandoned(cluster)
    token = secrets.token_hex(16)
    folder = _folder(cluster)
    default_storage.save(f"{folder}/{token}.upload", ContentFile(content))
    about = {"original_name": original[:255], "name": name, "source": source}
    default_storage.save(f"{folder}/{token}.json", ContentFile(json.dumps(about).encode()))
    return token


def reference_upload(*, cluster: Cluster, token: str) -> Upload | None:
    """This cluster's waiting upload with this token, or None (unknown, gone, or another
    cluster's: a cluster only ever reads its own folder)."""
    if not TOKEN.match(token):
        return None
    folder = _folder(cluster)
    path, about_path = f"{folder}/{token}.upload", f"{folder}/{token}.json"
    if not (default_storage.exists(path) and default_storage.exists(about_path)):
        return None
    with default_storage.open(path, "rb") as handle:
        content = handle.read()
    with default_storage.open(about_path, "rb") as handle:
        about = json.loads(handle.read().decode())
    return Upload(token, content, about["original_name"], about["name"], about["source"])


def reference_upload_discard(*, cluster: Cluster, token: str) -> None:
    if TOKEN.match(token):
        for suffix in (".upload", ".json"):
            default_storage.delete(f"{_folder(cluster)}/{token}{suffix}")


def reference_upload_apply(*, cluster: Cluster, actor: Any, token: str) -> ReferenceSet:
    """Import a waiting upload of this cluster (whole, or nothing) and then let it go."""
    upload = reference_upload(cluster=cluster, token=token)
    if upload is None:
        raise DomainError(_("This file is no longer here; upload it again."), field="file")
    with transaction.atomic():
        reference_set = reference_import(
            cluster=cluster,
            actor=actor,
            content=upload.content,
            filename=upload.original_name,
            name=upload.name,
            source=upload.source,
        )
        transaction.on_commit(lambda: reference_upload_discard(cluster=cluster, token=token))
    return reference_set
