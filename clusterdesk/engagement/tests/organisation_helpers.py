"""Factories and small helpers for the tests of finance, strategy and plan, web presence and
success stories."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import factory
from django.test import Client
from django.urls import reverse

from clusterdesk.engagement.models import (
    BudgetLine,
    FundingCommitment,
    FundingSource,
    PlanAction,
    SocialChannel,
    StrategyDocument,
    SuccessStory,
    WebPresence,
)
from clusterdesk.testing.factories import ClusterFactory


class BudgetLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BudgetLine

    cluster = factory.SubFactory(ClusterFactory)
    year = 2025
    source = FundingSource.REGIONAL_PUBLIC
    planned = Decimal("100000")
    actual = Decimal("95000")


class FundingCommitmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FundingCommitment

    cluster = factory.SubFactory(ClusterFactory)
    funder = factory.Sequence(lambda n: f"Funder {n}")
    source = FundingSource.REGIONAL_PUBLIC
    amount = Decimal("250000")
    starts_on = date(2025, 1, 1)
    runs_to = date(2027, 12, 31)


class StrategyDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StrategyDocument

    cluster = factory.SubFactory(ClusterFactory)
    title = factory.Sequence(lambda n: f"Cluster strategy {n}")
    adopted_on = date(2024, 3, 1)
    updated_on = date(2025, 3, 1)


class PlanActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanAction

    cluster = factory.SubFactory(ClusterFactory)
    year = 2025
    title = factory.Sequence(lambda n: f"Action {n}")
    indicator = "SMEs taking part"
    target_value = Decimal("10")
    unit = "companies"
    budget = Decimal("5000")


class WebPresenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WebPresence

    cluster = factory.SubFactory(ClusterFactory)
    url = factory.Sequence(lambda n: f"https://www.cluster{n}.example")
    languages = factory.LazyFunction(lambda: ["it", "en"])
    last_updated_on = None
    contact_page_url = factory.LazyAttribute(lambda o: f"{o.url}/contact")


class SocialChannelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SocialChannel

    cluster = factory.SubFactory(ClusterFactory)
    network = "LinkedIn"
    url = factory.Sequence(lambda n: f"https://www.linkedin.com/company/cluster-{n}")


class SuccessStoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SuccessStory
        skip_postgeneration_save = True

    cluster = factory.SubFactory(ClusterFactory)
    title = factory.Sequence(lambda n: f"Story {n}")
    text = "Eight SMEs developed a recycled-wool yarn together with the university."
    published_on = None
    complexity = "Three labs, eight firms, two years."
    impact_on_participants = "Most spinners now buy the recycled fibre."
    objectives_achieved = "The circular-textile objective of the strategy is met."
    sustainability = "The pilot line is now a paid service."

    @factory.post_generation
    def participants(self, create: bool, extracted: list | None, **kwargs: object) -> None:
        if create and extracted:
            self.participants.set(extracted)


def url(name: str, *args: object, slug: str = "tfc") -> str:
    return reverse(f"engagement:{name}", args=[slug, *args])


def status_of(client: Client, method: str, address: str) -> int:
    response = client.get(address) if method == "get" else client.post(address, {})
    return response.status_code
