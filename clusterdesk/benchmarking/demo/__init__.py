"""Excellence benchmarking for the demo clusters of `manage.py seed_demo`.

`benchmarking_demo_seed` gives each demo cluster just created its questionnaire answers
(`stories`) and its history: assessments saved at the end of every quarter of the past
months and on the ledger's day, each computed by ``services.assessment_save`` from the
ledger as it stood on that day, so the history page shows the cluster's progress and the
Silver rule finds an assessment 18–24 months earlier.

`reference_set_load` loads ``data/peer-reference-demo.csv`` as a shared peer reference set:
40 **synthetic, fictitious** clusters in Italy, Türkiye, Spain and Germany, with values drawn
at random around each indicator's threshold (no real cluster's figures), so that the peer
portfolios of the demo hold enough clusters to be shown. It is loaded once and kept.
"""

from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone

from clusterdesk.lib.periods import months_before, quarter_of
from clusterdesk.tenancy.models import Cluster, Membership, Role

from ..models import Answer, ReferenceSet
from ..models import Assessment as SavedAssessment
from ..services import assessment_save
from .stories import STORIES, DemoBenchmarking

REFERENCE_FILE = Path(__file__).resolve().parent / "data" / "peer-reference-demo.csv"
REFERENCE_SET_NAME = "Demo reference portfolio (synthetic)"
REFERENCE_SOURCE = (
    "Invented for the ClusterDesk demo: 40 fictitious anonymous clusters, not real figures."
)
SOURCE = "demo"

__all__ = [
    "REFERENCE_SET_NAME",
    "STORIES",
    "benchmarking_demo_seed",
    "reference_set_load",
    "snapshot_days",
]


def reference_set_load() -> ReferenceSet:
    """The demo's shared reference set, imported from its CSV the first time."""
    from ..references import reference_import

    existing = ReferenceSet.objects.filter(cluster__isnull=True, name=REFERENCE_SET_NAME).first()
    if existing is not None:
        return existing
    return reference_import(
        cluster=None,
        actor=None,
        content=REFERENCE_FILE.read_bytes(),
        filename=REFERENCE_FILE.name,
        name=REFERENCE_SET_NAME,
        source=REFERENCE_SOURCE,
        origin=SOURCE,
    )


def snapshot_days(as_of: date, months: int) -> list[date]:
    """The last day of every quarter that ended within ``months`` months before ``as_of``,
    oldest first, then ``as_of`` itself."""
    earliest = months_before(as_of, months)
    days = []
    end = quarter_of(as_of).first.toordinal() - 1
    while (day := date.fromordinal(end)) >= earliest:
        days.append(day)
        end = quarter_of(day).first.toordinal() - 1
    return [*reversed(days), as_of]


def _answers(cluster: Cluster, story: DemoBenchmarking, as_of: date, manager: Any) -> None:
    Answer.objects.bulk_create(
        [
            Answer(
                cluster=cluster,
                question=answer.question,
                value=answer.choice
                if answer.months_before is None
                else months_before(as_of, answer.months_before).isoformat(),
                answered_on=months_before(as_of, answer.answered_months_before),
                answered_by=manager,
                note=answer.note,
            )
            for answer in story.answers
        ]
    )


def benchmarking_demo_seed(*, slugs: list[str], as_of: date) -> int:
    """Answers and saved assessments for the demo clusters ``slugs`` (just created, their
    ledger running up to ``as_of``); returns how many assessments were saved. Days after
    today are skipped: an assessment cannot be made for the future."""
    today = timezone.localdate()
    saved = 0
    for cluster in Cluster.objects.filter(slug__in=slugs).order_by("slug"):
        story = STORIES.get(cluster.slug)
        if story is None:
            continue
        manager = (
            Membership.objects.filter(cluster=cluster, role=Role.MANAGER)
            .select_related("user")
            .order_by("pk")
            .first()
        )
        actor = manager.user if manager else None
        with transaction.atomic():
            _answers(cluster, story, as_of, actor)
            days = [day for day in snapshot_days(as_of, story.history_months) if day <= today]
            for day in days:
                snapshot = assessment_save(
                    cluster=cluster,
                    actor=actor,
                    as_of=day,
                    note=story.latest_note if day == as_of else story.snapshot_note,
                    source=SOURCE,
                )
                # Saved on its day, as the manager would have, rather than all at seeding.
                saved_at = min(timezone.now(), _evening(day))
                SavedAssessment.objects.filter(pk=snapshot.pk).update(
                    created_at=saved_at, updated_at=saved_at
                )
                saved += 1
    return saved


def _evening(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(17, 30)))
