"""`manage.py peer_reference_import FILE --name NAME [--source TEXT] [--cluster SLUG]`: import
an anonymous peer reference file, shared with every cluster of the installation or, with
--cluster, for one cluster only. The whole file, or nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from clusterdesk.benchmarking.references import ReferenceFileError, reference_import
from clusterdesk.lib.errors import DomainError
from clusterdesk.tenancy.models import Cluster


class Command(BaseCommand):
    help = (
        "Import a peer reference file (CSV or XLSX: country, technology_area, gold_ready, "
        "score and one column per indicator id). Every problem is printed, row by row, and "
        "nothing is imported unless the whole file is right."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="The reference file (.csv or .xlsx).")
        parser.add_argument("--name", required=True, help="How the file is listed.")
        parser.add_argument("--source", default="", help="Where the figures come from.")
        parser.add_argument(
            "--cluster",
            metavar="SLUG",
            help="Import it for this cluster only (default: shared with every cluster).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        cluster = None
        if options.get("cluster"):
            cluster = Cluster.objects.filter(slug=options["cluster"]).first()
            if cluster is None:
                raise CommandError(f"No cluster has the slug “{options['cluster']}”.")
        path = Path(options["file"])
        try:
            content = path.read_bytes()
        except FileNotFoundError:
            raise CommandError(f"There is no file {path}.") from None
        try:
            reference_set = reference_import(
                cluster=cluster,
                actor=None,
                content=content,
                filename=path.name,
                name=options["name"],
                source=options["source"],
                origin="cli",
            )
        except ReferenceFileError as error:
            for problem in error.preview.problems:
                self.stderr.write(f"  - {problem}")
            raise CommandError(error.message) from None
        except DomainError as error:
            raise CommandError(error.message) from None
        whom = f"for {cluster.name} only" if cluster else "shared with every cluster"
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported “{reference_set.name}”: {reference_set.rows} clusters, {whom}."
            )
        )
