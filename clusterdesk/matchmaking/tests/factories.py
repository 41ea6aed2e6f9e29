"""Matchmaking records for tests: profiles, offers and requests, follow-ups."""

from __future__ import annotations

import factory

from clusterdesk.testing.factories import OrganisationFactory

from ..models import FollowUpStage, Listing, ListingKind, Match, MatchOutcome, MatchProfile


class MatchProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MatchProfile

    organisation = factory.SubFactory(OrganisationFactory)
    cluster = factory.SelfAttribute("organisation.cluster")
    competences = factory.LazyFunction(lambda: ["laser welding", "aluminium frames"])
    technologies = factory.LazyFunction(lambda: ["fibre lasers"])
    markets = factory.LazyFunction(lambda: ["IT", "DE"])
    languages = factory.LazyFunction(lambda: ["it", "en"])
    summary = "Laser welding of aluminium frames for bicycles."


class ListingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Listing

    profile = factory.SubFactory(MatchProfileFactory)
    cluster = factory.SelfAttribute("profile.cluster")
    kind = ListingKind.TECHNOLOGY_OFFER
    title = "Laser welding cells for aluminium"
    text = "Robotic fibre-laser welding cells for thin aluminium frames."


class MatchFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Match

    organisation = factory.SubFactory(OrganisationFactory)
    cluster = factory.SelfAttribute("organisation.cluster")
    partner = factory.SubFactory(
        OrganisationFactory, cluster=factory.SelfAttribute("..organisation.cluster")
    )
    score = 0.5
    reasons = factory.LazyFunction(list)


class MatchOutcomeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MatchOutcome

    match = factory.SubFactory(MatchFactory)
    cluster = factory.SelfAttribute("match.cluster")
    stage = FollowUpStage.CONTACTED
    date = factory.Faker("past_date")
