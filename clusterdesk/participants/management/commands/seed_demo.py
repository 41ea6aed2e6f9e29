"""`manage.py seed_demo`: load the two demo clusters and print how to sign in."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction
from django.utils import timezone

from clusterdesk.benchmarking.demo import benchmarking_demo_seed, reference_set_load
from clusterdesk.events.demo import events_demo_seed
from clusterdesk.events.meeting_demo import meetings_demo_seed
from clusterdesk.events.schedule_demo import schedule_demo_seed
from clusterdesk.mapping.demo import mapping_demo_seed
from clusterdesk.matchmaking.demo import matchmaking_demo_seed
from clusterdesk.participants.demo import DEMO_CLUSTERS, DEMO_PASSWORD, SIGN_IN_URL, demo_seed
from clusterdesk.services.demo import services_demo_seed
from clusterdesk.surveys.demo import surveys_demo_seed


class Command(BaseCommand):
    help = (
        "Create the demo clusters (Tuscany Fashion Cluster and İSİM) with invented participants "
        "and demo users. Clusters already loaded are kept unless --reset is given."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Delete the demo clusters and create them again, as they were first loaded.",
        )
        parser.add_argument(
            "--as-of",
            type=date.fromisoformat,
            default=None,
            metavar="YYYY-MM-DD",
            help="The day the demo's engagement ledger runs up to (default: today, so that "
            "the dashboards look alive). The same day always gives the same data.",
        )

    def handle(self, *args: Any, reset: bool = False, **options: Any) -> None:
        as_of = options.get("as_of") or timezone.localdate()
        with transaction.atomic():  # a cluster comes with its benchmarking history, or not at all
            report = demo_seed(reset=reset, ledger_as_of=as_of)
            # Excellence benchmarking: answers and saved assessments for the clusters just
            # created (kept ones keep theirs), and the synthetic peer reference set, loaded once.
            created = {name for name, _organisations, _committed in report.created}
            saved = benchmarking_demo_seed(
                slugs=[spec.slug for spec in DEMO_CLUSTERS if spec.cluster["name"] in created],
                as_of=as_of,
            )
            reference_set = reference_set_load()
            # Cluster mapping: the sample datasets, mapped now so the pages show results.
            mapping_datasets = mapping_demo_seed(
                slugs=[spec.slug for spec in DEMO_CLUSTERS if spec.cluster["name"] in created]
            )
            # Service portfolio and surveys: what the excellence questionnaire speaks of.
            new = [spec.slug for spec in DEMO_CLUSTERS if spec.cluster["name"] in created]
            deliveries = services_demo_seed(slugs=new, as_of=as_of)
            surveys = surveys_demo_seed(slugs=new, as_of=as_of)
            # Matchmaking profiles and follow-ups; events to come, among them a B2B meeting
            # day with its requests and a schedule.
            profiles = matchmaking_demo_seed(slugs=new, as_of=as_of)
            registrations = events_demo_seed(slugs=new, as_of=as_of)
            meeting_requests = meetings_demo_seed(slugs=new, as_of=as_of)
            meetings = schedule_demo_seed(slugs=new, as_of=as_of)
        for name, organisations, committed in report.created:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Created {name}: {organisations} participants, {committed} committed."
                )
            )
        for name, organisations in report.kept:
            self.stdout.write(
                f"{name} is already loaded ({organisations} participants); "
                "run with --reset to create it again."
            )
        if saved:
            self.stdout.write(f"Saved {saved} excellence assessments as the clusters' history.")
        self.stdout.write(
            f"Peer reference set: {reference_set.name} ({reference_set.rows} clusters)."
        )
        if mapping_datasets:
            self.stdout.write(f"Mapped {mapping_datasets} sample cluster mapping datasets.")
        if deliveries or surveys:
            self.stdout.write(f"Logged {deliveries} service deliveries; made {surveys} surveys.")
        if profiles or registrations:
            self.stdout.write(
                f"Made {profiles} matchmaking profiles and {registrations} event registrations; "
                f"the B2B meeting days have {meeting_requests} accepted meeting requests, "
                f"{meetings} of them scheduled."
            )
        self.stdout.write("")
        self.stdout.write(f"Sign in at {SIGN_IN_URL} with the password: {DEMO_PASSWORD}")
        width = max((len(sign_in.email) for sign_in in report.sign_ins), default=0)
        for sign_in in report.sign_ins:
            role = sign_in.role
            if sign_in.organisation:
                role += f" of {sign_in.organisation}"
            if sign_in.cluster:
                role += f" · {sign_in.cluster}"
            self.stdout.write(f"  {sign_in.email.ljust(width)}  {role}")
