"""A cluster with some records for the page tests of excellence benchmarking: enough for the
readiness, evidence, roadmap and report pages to show real values, and known by hand.

Cluster A ("tfc", founded 2015) gets 30 participants besides the personas' "Lanificio Rossi"
(not committed): 24 committed (20 SMEs, one research institution, one education
organisation, one intermediary, one large firm) and 6 not committed (SMEs). Ten committed
SMEs had a personal contact 20 days ago. The strategy was updated 6 months ago; one English
and Italian website was updated 10 days ago. Nothing else: the rest is unknown.

So of 31 participants: A1 = 24 (not met, 16 more needed), A2 = 24/31 = 77.4 % (not met: one
more committed makes 25/31 = 80.6 %), A3 = 21/24 = 87.5 % (met), B4 = 10/31 = 32.3 % (not
met: 3 more contacts make 13/31 = 41.9 % > 40 %), D1 excellent, E3 met.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.urls import reverse
from django.utils import timezone

from clusterdesk.engagement.tests.contact_helpers import PersonalContactFactory
from clusterdesk.engagement.tests.organisation_helpers import (
    StrategyDocumentFactory,
    WebPresenceFactory,
)
from clusterdesk.participants.models import Category
from clusterdesk.testing.factories import CommittedOrganisationFactory, OrganisationFactory

CONTACTED = 10


def records_for(cluster) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """The records described in the module's docstring; returns a few of them by name."""
    today = timezone.localdate()
    cluster.founded_on = date(2015, 3, 1)
    cluster.save(update_fields=["founded_on"])
    smes = [
        CommittedOrganisationFactory(cluster=cluster, name=f"Lanificio {number:02d}")
        for number in range(1, 21)
    ]
    research = CommittedOrganisationFactory(
        cluster=cluster, name="Università di Firenze", category=Category.RESEARCH
    )
    CommittedOrganisationFactory(
        cluster=cluster, name="Istituto Buzzi", category=Category.EDUCATION
    )
    CommittedOrganisationFactory(
        cluster=cluster, name="Camera di Commercio", category=Category.INTERMEDIARY
    )
    CommittedOrganisationFactory(
        cluster=cluster, name="Gruppo Tessile", category=Category.INDUSTRY_LARGE
    )
    loose = [
        OrganisationFactory(cluster=cluster, name=f"Tintoria {number}") for number in range(1, 7)
    ]
    for organisation in smes[:CONTACTED]:
        PersonalContactFactory(organisation=organisation, date=today - timedelta(days=20))
    StrategyDocumentFactory(
        cluster=cluster,
        title="Strategy 2025–2028",
        adopted_on=today - timedelta(days=400),
        updated_on=today - timedelta(days=180),
    )
    WebPresenceFactory(
        cluster=cluster,
        url="https://www.tfc.example",
        languages=["it", "en"],
        last_updated_on=today - timedelta(days=10),
    )
    return {"smes": smes, "research": research, "loose": loose}


def url(name: str, *args: object, slug: str = "tfc", query: str = "") -> str:
    address = reverse(f"benchmarking:{name}", args=[slug, *args])
    return f"{address}?{query}" if query else address


def text_of(response) -> str:  # type: ignore[no-untyped-def]
    return response.content.decode()
