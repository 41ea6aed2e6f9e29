"""Scale data for the benchmarks: one cluster with N synthetic participants and contacts.

    python bench/generate.py --participants 20000

Writes into the database that DATABASE_URL names (bench/run.py points it at var/bench.sqlite3).
"""

from __future__ import annotations

import argparse
import os
import random
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clusterdesk.settings")

CATEGORIES = (
    ["industry_sme"] * 70
    + ["industry_large"] * 8
    + ["research"] * 5
    + ["education"] * 4
    + ["intermediary"] * 5
    + ["public_body"] * 3
    + ["finance"] * 2
    + ["marketing_media"] * 2
    + ["other"]
)
REGIONS = ["Toscana", "Emilia-Romagna", "Lombardia", "Veneto", "Piemonte", "Marche", "Lazio"]
CITIES = ["Prato", "Firenze", "Arezzo", "Lucca", "Pistoia", "Empoli", "Carpi", "Biella", "Como"]
WORDS = [
    "Lanificio",
    "Tessitura",
    "Filatura",
    "Tintoria",
    "Maglificio",
    "Conceria",
    "Calzaturificio",
    "Oreficeria",
    "Confezioni",
    "Stamperia",
    "Rifinizione",
]
FAMILY = [
    "Rossi",
    "Bianchi",
    "Bartolini",
    "Cecchi",
    "Nardi",
    "Lucchesi",
    "Galli",
    "Conti",
    "Fabbri",
    "Mancini",
    "Parenti",
    "Vannucci",
    "Gori",
    "Benelli",
    "Sarti",
]
CODES = [
    "13.10",
    "13.20",
    "13.30",
    "13.91",
    "13.96",
    "14.13",
    "14.19",
    "15.11",
    "15.12",
    "15.20",
    "32.12",
    "28.94",
    "72.19",
    "85.42",
    "94.11",
    "64.19",
    "73.11",
]


SYLLABLES = [
    "ba",
    "be",
    "bi",
    "ca",
    "ce",
    "chi",
    "da",
    "di",
    "fa",
    "fe",
    "ga",
    "gi",
    "la",
    "le",
    "li",
    "lu",
    "ma",
    "me",
    "mi",
    "na",
    "ne",
    "ni",
    "no",
    "pa",
    "pe",
    "ra",
    "re",
    "ri",
    "ro",
    "sa",
    "se",
    "si",
    "ta",
    "te",
    "ti",
    "to",
    "va",
    "ve",
    "vi",
    "za",
]
ENDINGS = ["ni", "ri", "li", "tti", "cci", "lli", "nti", "schi", "ghi", "sso"]


def invented_surname(rng: random.Random) -> str:
    """An Italian-sounding surname nobody has: realistic names for duplicate detection."""
    parts = [rng.choice(SYLLABLES) for _ in range(1 + rng.randrange(3))]
    return ("".join(parts) + rng.choice(ENDINGS)).capitalize()


def organisation_rows(count: int, seed: int = 7, first: int = 0) -> list[dict]:
    """Synthetic participants; names are invented and distinct within one call."""
    rng = random.Random(seed)
    rows = []
    seen: set[str] = set()
    for number in range(first, first + count):
        name = f"{rng.choice(WORDS)} {invented_surname(rng)} {rng.choice(FAMILY)} S.r.l."
        while name in seen:
            name = f"{rng.choice(WORDS)} {invented_surname(rng)} {rng.choice(FAMILY)} S.r.l."
        seen.add(name)
        committed = rng.random() < 0.2
        rows.append(
            {
                "name": name,
                "category": rng.choice(CATEGORIES),
                "region": rng.choice(REGIONS),
                "city": rng.choice(CITIES),
                "country": "IT",
                "vat_number": f"IT{10_000_000_000 + number:011d}",
                "employees": int(rng.lognormvariate(2.5, 1.1)),
                "commitment": "committed" if committed else "not_committed",
                "agreement_signed_on": date(2020 + rng.randrange(5), 1 + rng.randrange(12), 1)
                if committed
                else None,
                "codes": rng.sample(CODES, k=1 + rng.randrange(2)),
            }
        )
    return rows


def generate(participants: int, slug: str = "bench") -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import transaction

    from clusterdesk.participants.matching import name_key
    from clusterdesk.participants.models import Contact, Organisation, OrganisationSector
    from clusterdesk.tenancy.models import Cluster, Membership, Role, User

    call_command("migrate", verbosity=0)
    with transaction.atomic():
        Cluster.objects.filter(slug=slug).delete()
        cluster = Cluster.objects.create(
            name=f"Bench cluster ({participants})", slug=slug, country="IT", sector="Textile"
        )
        manager, _ = User.objects.get_or_create(email=f"manager@{slug}.example")
        Membership.objects.create(cluster=cluster, user=manager, role=Role.MANAGER)
        rows = organisation_rows(participants)
        organisations = Organisation.objects.bulk_create(
            [
                Organisation(
                    cluster=cluster,
                    name_key=name_key(row["name"]),
                    **{k: v for k, v in row.items() if k != "codes"},
                )
                for row in rows
            ],
            batch_size=1000,
        )
        OrganisationSector.objects.bulk_create(
            [
                OrganisationSector(organisation=organisation, code=code, division=code[:2])
                for organisation, row in zip(organisations, rows, strict=True)
                for code in row["codes"]
            ],
            batch_size=2000,
        )
        Contact.objects.bulk_create(
            [
                Contact(
                    cluster=cluster,
                    organisation=organisation,
                    first_name="Anna",
                    last_name=f"Rossi {organisation.pk}",
                    email=f"anna{organisation.pk}@bench.example",
                )
                for organisation in organisations
            ],
            batch_size=2000,
        )
    print(f"cluster {slug}: {participants} participants")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--participants", type=int, default=20_000)
    parser.add_argument("--slug", default="bench")
    arguments = parser.parse_args()
    generate(arguments.participants, arguments.slug)
