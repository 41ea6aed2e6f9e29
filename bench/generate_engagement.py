"""Scale data for the engagement benchmarks: the registry of bench/generate.py, then personal
contacts, activities and involvements spread over the three years before a fixed day.

    python bench/generate_engagement.py --participants 20000 --contacts 500000 \\
        --activities 20000 --involvements 200000 --today 2026-11-28

Writes into the database that DATABASE_URL names (bench/run_engagement.py points it at
var/bench-engagement.sqlite3, then at the PostgreSQL database clusterdesk_bench).

The records are shaped like a real ledger rather than spread evenly: about half of the
participants are never contacted and a few are contacted often (committed ones more), and
activities draw on a pool of about half of the participants, 60 % of the involvements active.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clusterdesk.settings")

from bench.generate import generate  # noqa: E402

YEARS = 3
STAFF = 5
BATCH = 10_000
CONTACT_KINDS = ["visit"] * 3 + ["meeting"] * 3 + ["phone"] * 4 + ["video"] * 3 + ["email"] * 2
CONTACT_KINDS += ["joint_work"]
ACTIVITY_KINDS = [
    "working_group_meeting",
    "working_group_meeting",
    "working_group_meeting",
    "collaborative_project",
    "delegation",
    "joint_trade_fair",
    "training",
    "lecture",
    "barcamp",
    "seminar",
    "seminar",
    "workshop",
    "workshop",
    "networking",
]
TOPICS = [
    "circular textiles",
    "digital twins",
    "export to Japan",
    "dyeing without water",
    "smart fabrics",
    "traceability",
    "skills for the loom",
    "energy costs",
]


def clear_engagement(slug: str) -> None:
    """Delete the ledger rows of an earlier run in a few set-wise statements, so that
    generate()'s delete of the cluster does not walk half a million contacts one by one."""
    from django.db import connection, transaction

    from clusterdesk.engagement.models import (
        Activity,
        FollowUpTask,
        Involvement,
        PersonalContact,
    )
    from clusterdesk.tenancy.models import Cluster

    cluster = Cluster.objects.filter(slug=slug).first()
    if cluster is None:
        return
    contacts = PersonalContact._meta.db_table
    with transaction.atomic(), connection.cursor() as cursor:
        for field in ("staff", "people_met"):
            through = getattr(PersonalContact, field).through._meta.db_table
            cursor.execute(
                f"DELETE FROM {through} WHERE personalcontact_id IN "  # noqa: S608
                f"(SELECT id FROM {contacts} WHERE cluster_id = %s)",
                [cluster.pk],
            )
        for model in (FollowUpTask, Involvement, PersonalContact, Activity):
            cursor.execute(
                f"DELETE FROM {model._meta.db_table} WHERE cluster_id = %s",  # noqa: S608
                [cluster.pk],
            )


def generate_engagement(
    *,
    participants: int,
    contacts: int,
    activities: int,
    involvements: int,
    today: date,
    slug: str = "bench",
    seed: int = 3,
) -> dict:
    import django

    django.setup()
    from django.db import connection, transaction

    from clusterdesk.engagement.models import Activity, Involvement, PersonalContact
    from clusterdesk.participants.models import Organisation
    from clusterdesk.tenancy.models import Cluster, Membership, Role, User

    started = time.perf_counter()
    if "engagement_personalcontact" in connection.introspection.table_names():
        clear_engagement(slug)
    generate(participants, slug)
    rng = random.Random(seed)
    cluster = Cluster.objects.get(slug=slug)
    organisations = list(
        Organisation.objects.for_cluster(cluster).order_by("pk").values_list("pk", "commitment")
    )
    first_day = today - timedelta(days=365 * YEARS)
    span = (today - first_day).days

    with transaction.atomic():
        staff = [User.objects.get(email=f"manager@{slug}.example")]
        for number in range(1, STAFF):
            user, _ = User.objects.get_or_create(email=f"staff{number}@{slug}.example")
            Membership.objects.create(cluster=cluster, user=user, role=Role.STAFF)
            staff.append(user)

        # Who gets the team's attention: about half never, a few often, committed ones more.
        weights = [
            0.0
            if rng.random() < 0.5
            else rng.lognormvariate(0, 1) * (3 if commitment == "committed" else 1)
            for _, commitment in organisations
        ]
        targets = rng.choices([pk for pk, _ in organisations], weights=weights, k=contacts)
        Through = PersonalContact.staff.through
        for offset in range(0, contacts, BATCH):
            rows = PersonalContact.objects.bulk_create(
                [
                    PersonalContact(
                        cluster=cluster,
                        organisation_id=organisation_id,
                        kind=rng.choice(CONTACT_KINDS),
                        date=first_day + timedelta(days=rng.randrange(span + 1)),
                        source="bench",
                    )
                    for organisation_id in targets[offset : offset + BATCH]
                ]
            )
            Through.objects.bulk_create(
                [Through(personalcontact_id=row.pk, user_id=rng.choice(staff).pk) for row in rows]
            )

        new_activities = []
        for number in range(activities):
            starts_on = first_day + timedelta(days=rng.randrange(span + 1))
            kind = rng.choice(ACTIVITY_KINDS)
            new_activities.append(
                Activity(
                    cluster=cluster,
                    kind=kind,
                    title=f"{kind.replace('_', ' ').capitalize()}: {rng.choice(TOPICS)} #{number}",
                    starts_on=starts_on,
                    ends_on=starts_on + timedelta(days=rng.choice([0, 0, 0, 1, 1, 2])),
                    place=rng.choice(["Prato", "Firenze", "Milano", "Osaka", "Lyon"]),
                    is_international=rng.random() < 0.1,
                    source="bench",
                )
            )
        new_activities = Activity.objects.bulk_create(new_activities, batch_size=BATCH)

        # Activities draw on a pool of about half of the participants.
        pool = [pk for pk, _ in organisations if rng.random() < 0.5] or [
            pk for pk, _ in organisations
        ]
        per_activity = max(1, involvements // max(activities, 1))
        batch: list[Involvement] = []
        written = 0
        for activity in new_activities:
            length = (activity.ends_on - activity.starts_on).days + 1
            for organisation_id in rng.sample(pool, k=min(per_activity, len(pool))):
                active = rng.random() < 0.6
                days = rng.randrange(1, 2 * length + 1) / 2 if active else rng.choice([0.5, 1])
                batch.append(
                    Involvement(
                        cluster=cluster,
                        activity_id=activity.pk,
                        organisation_id=organisation_id,
                        role="active" if active else "passive",
                        days=Decimal(str(days)),
                        starts_on=activity.starts_on,
                    )
                )
            if len(batch) >= BATCH:
                Involvement.objects.bulk_create(batch)
                written += len(batch)
                batch = []
        Involvement.objects.bulk_create(batch)
        written += len(batch)

    if connection.vendor == "postgresql":
        # What autovacuum does after a large insert (PostgreSQL 13 and later): statistics for
        # the planner, and the visibility map that lets counts be read from an index alone.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    summary = {
        "today": today.isoformat(),
        "participants": len(organisations),
        "contacts": contacts,
        "activities": len(new_activities),
        "involvements": written,
        "seconds": round(time.perf_counter() - started, 1),
    }
    print(
        f"cluster {slug}: {summary['participants']} participants, {contacts} contacts, "
        f"{summary['activities']} activities, {written} involvements "
        f"around {today} ({summary['seconds']} s)"
    )
    return summary


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--participants", type=int, default=20_000)
    parser.add_argument("--contacts", type=int, default=500_000)
    parser.add_argument("--activities", type=int, default=20_000)
    parser.add_argument("--involvements", type=int, default=200_000)
    parser.add_argument("--today", type=date.fromisoformat, default=None)
    parser.add_argument("--slug", default="bench")
    arguments = parser.parse_args()
    generate_engagement(
        participants=arguments.participants,
        contacts=arguments.contacts,
        activities=arguments.activities,
        involvements=arguments.involvements,
        today=arguments.today or date.today(),
        slug=arguments.slug,
    )
