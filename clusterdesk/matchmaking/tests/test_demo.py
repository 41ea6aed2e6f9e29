"""The demo clusters get matchmaking profiles, offers and requests and a few follow-ups, the
same on every run, and nothing in the engagement ledger."""

from __future__ import annotations

from datetime import timedelta

import pytest

from clusterdesk.engagement.models import Activity, Involvement
from clusterdesk.participants.demo import DEMO_CLUSTERS, REFERENCE_DATE, demo_seed
from clusterdesk.participants.models import Organisation

from ..demo import matchmaking_demo_seed
from ..models import Listing, ListingKind, Match, MatchOutcome, MatchProfile

SLUGS = [spec.slug for spec in DEMO_CLUSTERS]


def _snapshot() -> list:
    return [
        sorted(
            MatchProfile.objects.values_list(
                "organisation__name", "competences", "markets", "visible_to_other_clusters"
            )
        ),
        sorted(Listing.objects.values_list("profile__organisation__name", "kind", "title")),
        sorted(Match.objects.values_list("organisation__name", "partner__name", "stage")),
    ]


@pytest.mark.django_db
def test_the_demo_gives_most_participants_a_profile_with_offers_requests_and_follow_ups(
    settings,
):
    settings.MATCHMAKING_ENGINE = "tfidf"
    demo_seed()
    activities, involvements = Activity.objects.count(), Involvement.objects.count()

    made = matchmaking_demo_seed(slugs=SLUGS, as_of=REFERENCE_DATE)

    participants = Organisation.objects.count()
    assert made == MatchProfile.objects.count()
    assert 0.7 * participants < made < 0.9 * participants
    kinds = set(Listing.objects.values_list("kind", flat=True))
    assert len(kinds) >= 5 and ListingKind.RD_PARTNER_REQUEST in kinds
    history = Listing.objects.exclude(pk__in=Listing.objects.active_on(REFERENCE_DATE).values("pk"))
    assert history.exists()  # some expired or were withdrawn: kept as history
    assert MatchProfile.objects.filter(visible_to_other_clusters=True).count() >= 4
    for slug in SLUGS:
        assert Match.objects.filter(cluster__slug=slug).count() >= 3
    assert not MatchOutcome.objects.filter(date__gte=REFERENCE_DATE).exists()
    assert Listing.objects.filter(cluster__slug="isim", title__contains="arıyoruz").exists()
    # nothing in the engagement ledger
    assert (Activity.objects.count(), Involvement.objects.count()) == (activities, involvements)

    # the same registry and day give the same matchmaking; a second call keeps it
    first = _snapshot()
    assert matchmaking_demo_seed(slugs=SLUGS, as_of=REFERENCE_DATE) == 0
    MatchProfile.objects.all().delete()
    Match.objects.all().delete()
    matchmaking_demo_seed(slugs=SLUGS, as_of=REFERENCE_DATE)
    assert _snapshot() == first


@pytest.mark.django_db
def test_the_demo_leaves_a_cluster_it_is_not_given_alone():
    demo_seed()
    matchmaking_demo_seed(slugs=[SLUGS[1]], as_of=REFERENCE_DATE - timedelta(days=1))
    assert not MatchProfile.objects.filter(cluster__slug=SLUGS[0]).exists()
    assert MatchProfile.objects.filter(cluster__slug=SLUGS[1]).exists()
