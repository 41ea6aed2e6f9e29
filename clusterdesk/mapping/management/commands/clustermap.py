"""`manage.py clustermap INPUT --regions FILE --reference CODE --out FILE`: a statistical cluster
mapping of files on disk — the engine the pages, the API and the background task use, without
the database or any cluster.

Bad input is refused whole: every problem of the validation report is printed and no file is
written (a file already at ``--out`` stays as it was). The results are written to a temporary
file beside the target and moved into place only once complete.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import polars as pl
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext

from clusterdesk.lib.errors import DomainError
from clusterdesk.mapping.engine import (
    ClusterInput,
    MappingInput,
    MappingInputError,
    MappingResult,
    ValidationReport,
    compute,
    load_table,
    naics2012_classification,
    table_format,
)
from clusterdesk.mapping.models import DatasetLevel
from clusterdesk.mapping.services import mapping_parameters, result_summary

OUTPUT_FORMATS = {".csv": "csv", ".xlsx": "xlsx", ".parquet": "parquet"}
XLSX_MAX_ROWS = 1_048_575
"""Excel's 1,048,576 rows a sheet, less the header."""

# The share of the progress each step takes: reading the files, the engine, writing.
READ_SHARE, ENGINE_SHARE = 0.10, 0.80

STAGES = {
    "reading": gettext_noop("reading the files"),
    "validating": gettext_noop("checking the data"),
    "classifying": gettext_noop("summing industries into clusters"),
    "aggregating": gettext_noop("adding up regions from their parts"),
    "rating": gettext_noop("location quotients, flags and stars"),
    "writing": gettext_noop("writing the results"),
}


class Command(BaseCommand):
    help = (
        "Map regional clusters from statistics files (CSV, XLSX or Parquet): location "
        "quotients, the U.S. Cluster Mapping flags, the European Cluster Observatory stars, "
        "growth and each region's cluster strength. Needs no database. Writes the region × "
        "cluster × year table to --out (.csv, .xlsx or .parquet)."
    )
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "input",
            metavar="INPUT",
            help="Employment by region × industry × year (or × cluster with --level cluster).",
        )
        parser.add_argument(
            "--classification",
            metavar="FILE",
            help="Industry code → cluster (default for industry figures: the shipped U.S. "
            "NAICS 2012 classification, 67 clusters); with --level cluster, the cluster list.",
        )
        parser.add_argument(
            "--regions",
            metavar="FILE",
            required=True,
            help="Regions with their type and parent (region_code, region_name, region_type, "
            "parent_code).",
        )
        parser.add_argument(
            "--reference",
            metavar="CODE",
            required=True,
            help="The code of the reference region (the nation, the EU).",
        )
        parser.add_argument(
            "--out",
            metavar="FILE",
            required=True,
            help="Where to write the region × cluster × year table: .csv, .xlsx or .parquet.",
        )
        parser.add_argument(
            "--regions-out",
            metavar="FILE",
            help="Also write the region × year table (totals, cluster strength) here.",
        )
        parser.add_argument(
            "--level",
            choices=DatasetLevel.values,
            default=DatasetLevel.INDUSTRY,
            help="industry: INPUT is by industry code (default); cluster: already summed per "
            "cluster.",
        )
        parser.add_argument(
            "--year", type=int, help="The one year INPUT must hold (other years are refused)."
        )
        parser.add_argument(
            "--size-star-top-share",
            type=float,
            metavar="SHARE",
            help="Size star: employment in this top share of the regional clusters (0.10).",
        )
        parser.add_argument(
            "--specialisation-star-lq",
            type=float,
            metavar="LQ",
            help="Specialisation star: location quotient against total employment (2.0).",
        )
        parser.add_argument(
            "--focus-star-top-share",
            type=float,
            metavar="SHARE",
            help="Focus star: the cluster's share of the region's employment in this top "
            "share (0.10).",
        )
        parser.add_argument(
            "--ignore-unknown-industries",
            action="store_true",
            help="Leave out industry codes the classification lacks (reported as a warning) "
            "instead of refusing the data.",
        )
        parser.add_argument(
            "--report-format",
            choices=("text", "json"),
            default="text",
            help="How the summary (or the problems of refused data) is printed.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        self.show_progress, self.last_progress = options["verbosity"] > 0, ""
        as_json = options["report_format"] == "json"
        targets = self._targets(options)
        try:
            parameters = mapping_parameters(
                {
                    "size_star_top_share": options["size_star_top_share"],
                    "specialisation_star_lq": options["specialisation_star_lq"],
                    "focus_star_top_share": options["focus_star_top_share"],
                    "ignore_unknown_industries": options["ignore_unknown_industries"] or None,
                }
            )
        except DomainError as error:
            raise CommandError(error.message) from None

        self._progress("reading", 0.0)
        data = self._inputs(options)
        try:
            result = compute(
                data,
                parameters,
                progress=lambda stage, share: self._progress(
                    stage, READ_SHARE + ENGINE_SHARE * share
                ),
            )
        except MappingInputError as refused:
            self._print_refusal(refused.report, as_json=as_json)
            count = len(refused.report.blocking)
            raise CommandError(
                ngettext(
                    "The data cannot be mapped (%(count)s problem, listed above); no file was "
                    "written.",
                    "The data cannot be mapped (%(count)s problems, listed above); no file was "
                    "written.",
                    count,
                )
                % {"count": count}
            ) from None

        tables = {"out": result.clusters, "regions_out": result.regions}
        for key, path in targets.items():
            if path.suffix.lower() == ".xlsx" and tables[key].height > XLSX_MAX_ROWS:
                raise CommandError(
                    _(
                        "%(file)s: the table has %(rows)s rows, more than an Excel sheet holds "
                        "(%(limit)s). Write it as .csv or .parquet instead; no file was written."
                    )
                    % {
                        "file": path,
                        "rows": f"{tables[key].height:,}",
                        "limit": f"{XLSX_MAX_ROWS:,}",
                    }
                )
        self._progress("writing", READ_SHARE + ENGINE_SHARE)
        write_all({path: tables[key] for key, path in targets.items()})
        summary = result_summary(result, data, seconds=time.perf_counter() - started)
        self._print_summary(result, summary, targets, as_json=as_json)

    # ------------------------------------------------------------------ arguments and inputs

    def _targets(self, options: dict[str, Any]) -> dict[str, Path]:
        """The output files, checked before any work: a known format, an existing folder,
        and none of them one of the inputs."""
        targets = {"out": Path(options["out"])}
        if options.get("regions_out"):
            targets["regions_out"] = Path(options["regions_out"])
        inputs = [options["input"], options["regions"], options.get("classification")]
        given = {Path(name).resolve() for name in inputs if name}
        for key, path in targets.items():
            option = "--" + key.replace("_", "-")
            if path.suffix.lower() not in OUTPUT_FORMATS:
                raise CommandError(
                    _("%(option)s %(file)s: name a .csv, .xlsx or .parquet file.")
                    % {"option": option, "file": path}
                )
            if not path.parent.is_dir():
                raise CommandError(
                    _("%(option)s %(file)s: the folder %(folder)s does not exist.")
                    % {"option": option, "file": path, "folder": path.parent}
                )
            if path.resolve() in given:
                raise CommandError(
                    _("%(option)s %(file)s is one of the input files; name another file.")
                    % {"option": option, "file": path}
                )
        if len({path.resolve() for path in targets.values()}) < len(targets):
            raise CommandError(_("--out and --regions-out name the same file."))
        return targets

    def _inputs(self, options: dict[str, Any]) -> MappingInput | ClusterInput:
        figures = read_file(options["input"], _("statistics"))
        regions = read_file(options["regions"], _("regions"))
        year, reference = options.get("year"), options["reference"].strip()
        if options["level"] == DatasetLevel.CLUSTER:
            if not options.get("classification"):
                raise CommandError(
                    _(
                        "Figures already summed per cluster need the cluster list: give it with "
                        "--classification FILE (cluster_code, cluster_name, traded)."
                    )
                )
            clusters = read_file(options["classification"], _("cluster list"))
            return ClusterInput(figures, clusters, regions, reference, year)
        if options.get("classification"):
            classification = read_file(options["classification"], _("classification"))
        else:
            classification = naics2012_classification()
        return MappingInput(figures, classification, regions, reference, year)

    # ------------------------------------------------------------------ what is printed

    def _progress(self, stage: str, share: float) -> None:
        if not self.show_progress or stage == "done":  # "writing" follows at once
            return
        line = f"{round(100 * share):>3} %  {_(STAGES.get(stage, stage))}"
        if line != self.last_progress:  # a stage may report its own steps, often alike
            self.stderr.write(line)
            self.last_progress = line

    def _print_refusal(self, report: ValidationReport, *, as_json: bool) -> None:
        if as_json:
            self.stderr.write(json.dumps(report.to_dict(), indent=2, ensure_ascii=False))
            return
        self.stderr.write(_("The data cannot be mapped. Problems found:"))
        for problem in report.blocking:
            self.stderr.write(f"  - {problem.message}")
        if report.warnings:
            self.stderr.write(_("Warnings:"))
            for problem in report.warnings:
                self.stderr.write(f"  - {problem.message}")

    def _print_summary(
        self,
        result: MappingResult,
        summary: dict[str, Any],
        targets: dict[str, Path],
        *,
        as_json: bool,
    ) -> None:
        by_type = regions_by_type(result.regions)
        strong = strong_by_year(result.clusters)
        if as_json:
            answer = {
                "summary": {
                    **summary,
                    "reference": result.reference,
                    "regions_by_type": by_type,
                    "strong_clusters": {str(year): count for year, count in strong.items()},
                },
                "report": result.report.to_dict(),
                "out": str(targets["out"]),
                "regions_out": str(targets["regions_out"]) if "regions_out" in targets else None,
            }
            self.stdout.write(json.dumps(answer, indent=2, ensure_ascii=False))
            return
        for problem in result.report.warnings:
            self.stderr.write(_("Warning: %(message)s") % {"message": problem.message})
        years = ", ".join(str(year) for year in summary["years"])
        types = ", ".join(f"{count} {kind}" for kind, count in by_type.items())
        clusters = result.clusters.select("cluster_code", "traded").unique()
        traded = clusters.get_column("traded").sum()
        lines = [
            ngettext(
                "Mapped %(count)s year (%(years)s) against the reference %(reference)s.",
                "Mapped %(count)s years (%(years)s) against the reference %(reference)s.",
                len(summary["years"]),
            )
            % {"count": len(summary["years"]), "years": years, "reference": result.reference},
            _("Regions: %(count)s (%(types)s).") % {"count": summary["regions"], "types": types},
            _("Clusters: %(count)s (%(traded)s traded, %(local)s local).")
            % {
                "count": summary["clusters"],
                "traded": traded,
                "local": clusters.height - traded,
            },
            _("Strong traded regional clusters: %(counts)s.")
            % {"counts": ", ".join(f"{count:,} in {year}" for year, count in strong.items())},
            _("Wrote %(rows)s regional cluster rows to %(file)s.")
            % {"rows": f"{result.clusters.height:,}", "file": targets["out"]},
        ]
        if "regions_out" in targets:
            lines.append(
                _("Wrote %(rows)s region rows to %(file)s.")
                % {"rows": f"{result.regions.height:,}", "file": targets["regions_out"]}
            )
        if result.report.warnings:
            warnings = len(result.report.warnings)
            lines.append(
                ngettext(
                    "%(count)s warning (printed above).",
                    "%(count)s warnings (printed above).",
                    warnings,
                )
                % {"count": warnings}
            )
        lines.append(_("Took %(seconds)s seconds.") % {"seconds": f"{summary['seconds']:.1f}"})
        self.stdout.write("\n".join(lines))


def read_file(name: str, title: str) -> pl.DataFrame:
    """A CSV, XLSX or Parquet file as the engine's table; a plain message when it cannot be."""
    path = Path(name)
    if not path.is_file():
        raise CommandError(
            _("The %(title)s file %(file)s does not exist.") % {"title": title, "file": path}
        )
    if table_format(path.name) is None:
        raise CommandError(
            _("The %(title)s file %(file)s is not a CSV, XLSX or Parquet file.")
            % {"title": title, "file": path}
        )
    try:
        return load_table(path, path.name)
    except Exception as error:  # any reader's error: the file is not what its name says
        first_line = str(error).splitlines()[0][:200] if str(error) else type(error).__name__
        raise CommandError(
            _("The %(title)s file %(file)s could not be read (%(error)s).")
            % {"title": title, "file": path, "error": first_line}
        ) from None


def regions_by_type(regions: pl.DataFrame) -> dict[str, int]:
    counts = (
        regions.group_by("region_type")
        .agg(pl.col("region_code").n_unique().alias("regions"))
        .sort("region_type", nulls_last=True)
    )
    return {str(row["region_type"]): row["regions"] for row in counts.to_dicts()}


def strong_by_year(clusters: pl.DataFrame) -> dict[int, int]:
    """Traded regional clusters rated strong, per year — those a region's cluster strength
    counts (the reference region is never rated)."""
    counts = (
        clusters.group_by("year")
        .agg((pl.col("strong").fill_null(False) & pl.col("traded")).sum().alias("strong"))
        .sort("year")
    )
    return {row["year"]: row["strong"] for row in counts.to_dicts()}


# ---------------------------------------------------------------------- writing the tables


def write_all(tables: dict[Path, pl.DataFrame]) -> None:
    """Every table to a temporary file beside its target, then all moved into place: a failure
    writes nothing and leaves any earlier file as it was."""
    written: dict[Path, Path] = {}
    try:
        for path, frame in tables.items():
            written[path] = _write_beside(path, frame)
        for path, temporary in written.items():
            os.replace(temporary, path)
    finally:
        for temporary in written.values():
            temporary.unlink(missing_ok=True)


def _write_beside(path: Path, frame: pl.DataFrame) -> Path:
    handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".partial")
    os.close(handle)
    temporary = Path(name)
    try:
        WRITERS[OUTPUT_FORMATS[path.suffix.lower()]](frame, temporary)
        os.chmod(temporary, 0o666 & ~_umask())  # as an ordinary new file, not mkstemp's 0600
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return temporary


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def write_csv(frame: pl.DataFrame, path: Path) -> None:
    # UTF-8 with a BOM, as every export of ClusterDesk: Excel then reads "İş" and "–" right
    frame.write_csv(path, include_bom=True)


def write_parquet(frame: pl.DataFrame, path: Path) -> None:
    frame.write_parquet(path, compression="zstd", statistics=True)


def write_xlsx(frame: pl.DataFrame, path: Path) -> None:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("mapping")
    sheet.freeze_panes = "A2"
    sheet.append(frame.columns)
    # NaN and infinity have no place in a spreadsheet cell: empty, as a missing value
    floats = [name for name, dtype in frame.schema.items() if dtype.is_float()]
    cleaned = frame.with_columns(
        pl.when(pl.col(name).is_finite()).then(pl.col(name)).alias(name) for name in floats
    )
    for row in cleaned.iter_rows():
        sheet.append(row)
    workbook.save(path)


WRITERS: dict[str, Callable[[pl.DataFrame, Path], None]] = {
    "csv": write_csv,
    "xlsx": write_xlsx,
    "parquet": write_parquet,
}
