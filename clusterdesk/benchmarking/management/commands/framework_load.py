"""`manage.py framework_load FILE [--activate]`: load an indicator framework file (TOML) on
the installation, and make it the one new assessments use when asked."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from clusterdesk.benchmarking.engine import FrameworkError, load_framework
from clusterdesk.benchmarking.frameworks import framework_load
from clusterdesk.lib.errors import DomainError


class Command(BaseCommand):
    help = (
        "Load an indicator framework file (TOML, see docs/benchmarking.md). Every problem of a "
        "bad file is printed and nothing is loaded. Saved assessments keep the version they used."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="The framework file, e.g. my-framework.toml.")
        parser.add_argument(
            "--activate",
            action="store_true",
            help="Make it the framework new assessments use.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise CommandError(f"There is no file {path}.") from None
        except UnicodeDecodeError:
            raise CommandError(f"{path} is not UTF-8 text: save it as UTF-8.") from None
        try:
            load_framework(text)  # checked first, to list every problem on its own line
        except FrameworkError as error:
            for problem in error.problems:
                self.stderr.write(f"  - {problem}")
            raise CommandError(
                f"{path} cannot be loaded ({len(error.problems)} problems); nothing was changed."
            ) from None
        try:
            version = framework_load(text=text, activate=options["activate"])
        except DomainError as error:
            raise CommandError(error.message) from None
        self.stdout.write(
            self.style.SUCCESS(f"Loaded {version.framework_id} {version.version}: {version.name}.")
        )
        if version.is_active:
            self.stdout.write("It is the framework new assessments use.")
        else:
            self.stdout.write("It is not active: run again with --activate to use it.")
