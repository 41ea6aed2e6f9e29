"""`manage.py benchmark <cluster-slug>`: a cluster's excellence assessment as a readable table,
as JSON, or as the PDF report — computed by the same service as the pages and the API."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from clusterdesk.benchmarking import services
from clusterdesk.benchmarking.engine import assessment_from_dict, assessment_to_dict
from clusterdesk.benchmarking.frameworks import framework_of
from clusterdesk.benchmarking.texts import (
    area_name,
    format_condition,
    format_value,
    gap_text,
    indicator_texts,
    level_label,
    missing_text,
    status_label,
    tr,
    where_link,
)
from clusterdesk.lib.errors import DomainError
from clusterdesk.tenancy.models import Cluster

FORMATS = ("text", "json", "pdf")


def _percent(value: float) -> str:
    return f"{number_format(round(value * 100), decimal_pos=0)} %"


def _table(headings: list[str], rows: list[list[str]]) -> list[str]:
    widths = [
        max(len(heading), *(len(row[index]) for row in rows)) if rows else len(heading)
        for index, heading in enumerate(headings)
    ]

    def line(cells: list[str]) -> str:
        return "  ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=True))

    return [
        line(headings).rstrip(),
        "  ".join("-" * width for width in widths),
        *(line(row).rstrip() for row in rows),
    ]


def assessment_text(cluster: Cluster, run: services.Run) -> str:
    """The assessment as a person reads it in a terminal, in the active language."""
    assessment, framework = run.assessment, run.framework
    readiness = assessment.readiness
    lines = [
        _("%(cluster)s — excellence assessment as of %(day)s")
        % {"cluster": cluster.name, "day": date_format(assessment.as_of)},
        _("Framework: %(name)s (%(id)s %(version)s)")
        % {
            "name": run.version.name,
            "id": run.version.framework_id,
            "version": run.version.version,
        },
        "",
        _("Score: %(score)s (Gold needs %(gold)s); %(unknown)s of %(total)s indicators unknown.")
        % {
            "score": _percent(assessment.score),
            "gold": _percent(framework.labels.gold_score),
            "unknown": assessment.unknown,
            "total": len(assessment.indicators),
        },
        _("Label readiness: %(level)s") % {"level": level_label(readiness.level)},
    ]
    for title, missing in (
        (_("Missing for Bronze:"), readiness.missing_bronze),
        (_("Missing for Silver:"), readiness.missing_silver),
        (_("Missing for Gold:"), readiness.missing_gold),
    ):
        if missing:
            lines.append(f"  {title}")
            lines += [f"    - {missing_text(framework, item)}" for item in missing]
    lines += ["", _("Minimum requirements")]
    names = {minimum.id: tr(minimum.name) for minimum in framework.minimums}
    lines += _table(
        [_("Id"), _("Requirement"), _("Status")],
        [
            [
                minimum.id,
                names.get(minimum.id, minimum.id),
                _("met")
                if minimum.met
                else _("unknown")
                if minimum.value is None
                else _("not met"),
            ]
            for minimum in assessment.minimums
        ],
    )
    lines += ["", _("Areas")]
    lines += _table(
        [_("Area"), _("Score"), _("Unknown")],
        [
            [area_name(framework, area.area), _percent(area.score), str(area.unknown)]
            for area in assessment.areas
        ],
    )
    lines += ["", _("Indicators")]
    rows = []
    for result in assessment.indicators:
        indicator = framework.indicator(result.id)
        rows.append(
            [
                result.id,
                indicator_texts(indicator)["name"],
                format_value(indicator, result.value),
                format_condition(indicator, indicator.met),
                status_label(result.status),
            ]
        )
    lines += _table([_("Id"), _("Indicator"), _("Value"), _("Met when"), _("Status")], rows)
    gaps = [(result.id, gap) for result in assessment.indicators for gap in result.gaps] + [
        (minimum.id, gap) for minimum in assessment.minimums for gap in minimum.gaps
    ]
    lines += ["", _("Data gaps")]
    if not gaps:
        lines.append("  " + _("None: every indicator could be computed."))
    for owner, gap in gaps:
        link = where_link(cluster.slug, gap.where)
        where = f" → {link[1]} ({link[0]})" if link else ""
        lines.append(f"  {owner}: {gap_text(gap)}{where}")
    return "\n".join(lines) + "\n"


def assessment_json(cluster: Cluster, run: services.Run) -> str:
    data = assessment_to_dict(run.assessment)
    data["cluster"] = cluster.slug
    data["framework"] = {
        "id": run.version.framework_id,
        "version": run.version.version,
        "name": run.version.name,
        "digest": run.version.digest,
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


class Command(BaseCommand):
    help = (
        "Show a cluster's excellence assessment: score, label readiness with what is missing, "
        "every indicator with its value, threshold and status, and the data gaps."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("cluster_slug", help="The cluster's slug, as in /c/<slug>/.")
        parser.add_argument(
            "--as-of", metavar="YYYY-MM-DD", help="The assessment date (default: today)."
        )
        parser.add_argument("--format", choices=FORMATS, default="text", dest="file_format")
        parser.add_argument(
            "--output", metavar="FILE", help="Write to this file (required for pdf)."
        )
        parser.add_argument(
            "--language",
            choices=[code for code, _name in settings.LANGUAGES],
            default=settings.LANGUAGE_CODE,
        )
        parser.add_argument(
            "--save", action="store_true", help="Also keep the assessment as a dated snapshot."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        cluster = Cluster.objects.filter(slug=options["cluster_slug"]).first()
        if cluster is None:
            raise CommandError(f"No cluster has the slug “{options['cluster_slug']}”.")
        as_of = None
        if options.get("as_of"):
            try:
                as_of = date.fromisoformat(options["as_of"])
            except ValueError:
                raise CommandError(
                    f"“{options['as_of']}” is not a date: write it as 2026-03-01."
                ) from None
        file_format, output = options["file_format"], options.get("output")
        if file_format == "pdf" and not output:
            raise CommandError("A PDF needs a file to go to: give --output report.pdf.")
        with translation.override(options["language"]):
            try:
                run = self._run(cluster, as_of, save=options["save"])
            except DomainError as error:
                raise CommandError(error.message) from None
            if file_format == "pdf":
                from clusterdesk.benchmarking.report import report_pdf

                Path(output).write_bytes(report_pdf(cluster, run, language=options["language"]))
                self.stderr.write(f"Wrote the report to {output}.")
                return
            text = (
                assessment_json(cluster, run)
                if file_format == "json"
                else assessment_text(cluster, run)
            )
        if output:
            Path(output).write_text(text, encoding="utf-8")
            self.stderr.write(f"Wrote the assessment to {output}.")
        else:
            self.stdout.write(text, ending="")

    def _run(self, cluster: Cluster, as_of: date | None, *, save: bool) -> services.Run:
        if not save:
            return services.assessment_run(cluster=cluster, as_of=as_of)
        saved = services.assessment_save(cluster=cluster, actor=None, as_of=as_of, source="cli")
        self.stderr.write(f"Saved as snapshot {saved.pk} of {saved.as_of.isoformat()}.")
        return services.Run(
            assessment_from_dict(saved.result), framework_of(saved.framework), saved.framework
        )
