"""Factories for the service portfolio's records."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import factory
from django.utils import timezone

from clusterdesk.engagement.models import StaffMember
from clusterdesk.services.models import (
    Candidate,
    CandidateStatus,
    Delivery,
    DesignRound,
    Service,
    ServiceAreaLink,
    ServiceStatus,
)
from clusterdesk.testing.factories import ClusterFactory


class StaffMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StaffMember

    cluster = factory.SubFactory(ClusterFactory)
    full_name = factory.Sequence(lambda n: f"Giulia Conti {n}")
    post = "Service manager"
    fte = Decimal("1")
    started_on = date(2020, 1, 1)


class ServiceFactory(factory.django.DjangoModelFactory):
    """A service in place; ``areas=[1, 3]`` gives its service areas (default: area 1)."""

    class Meta:
        model = Service
        skip_postgeneration_save = True

    cluster = factory.SubFactory(ClusterFactory)
    code = factory.Sequence(lambda n: f"S{n + 1}")
    name = factory.Sequence(lambda n: f"Technological audit {n}")
    description = "Meetings with entrepreneurs and technicians to find their innovation needs."
    targeted_companies = "SMEs of the fashion value chain"
    methodology = "On-site audit and a written report"
    timing = "Ongoing"
    status = ServiceStatus.IN_PLACE
    member_price = Decimal("400")
    non_member_price = Decimal("600")

    @factory.post_generation
    def areas(self, create: bool, extracted: list[int] | None, **kwargs: object) -> None:
        if not create:
            return
        ServiceAreaLink.objects.bulk_create(
            ServiceAreaLink(service=self, area=area) for area in (extracted or [1])
        )


class DeliveryFactory(factory.django.DjangoModelFactory):
    """A delivery of a service (default: yesterday, € 0); ``participants=[…]`` who received it."""

    class Meta:
        model = Delivery
        skip_postgeneration_save = True

    service = factory.SubFactory(ServiceFactory)
    cluster = factory.SelfAttribute("service.cluster")
    delivered_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=1))
    quantity = Decimal("1")
    fee_invoiced = Decimal("0")

    @factory.post_generation
    def participants(self, create: bool, extracted: list | None, **kwargs: object) -> None:
        if create and extracted:
            self.participants.set(extracted)


class DesignRoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DesignRound

    cluster = factory.SubFactory(ClusterFactory)
    title = factory.Sequence(lambda n: f"New services {2026 + n}")
    started_on = factory.LazyFunction(timezone.localdate)


class CandidateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Candidate

    design_round = factory.SubFactory(DesignRoundFactory)
    cluster = factory.SelfAttribute("design_round.cluster")
    name = factory.Sequence(lambda n: f"Service idea {n}")
    description = "Consultancy to scout business opportunities in new markets."
    areas = factory.LazyFunction(lambda: [3])
    status = CandidateStatus.IDEA
