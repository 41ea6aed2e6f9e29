from __future__ import annotations

import factory
from django.utils import timezone

from clusterdesk.participants.matching import name_key
from clusterdesk.participants.models import Category, Commitment, Contact, Organisation
from clusterdesk.tenancy.models import Cluster, Membership, Role, User


class ClusterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cluster
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Cluster {n}")
    slug = factory.Sequence(lambda n: f"cluster-{n}")
    country = "IT"
    region = "Toscana"
    sector = "Textile and fashion"
    local_languages = factory.LazyFunction(lambda: ["it"])
    target_market_languages = factory.LazyFunction(lambda: ["en", "de"])


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("email",)

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Sequence(lambda n: f"Person {n}")
    password = factory.django.Password("a-long-test-password")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    cluster = factory.SubFactory(ClusterFactory)
    user = factory.SubFactory(UserFactory)
    role = Role.MANAGER


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    cluster = factory.SubFactory(ClusterFactory)
    name = factory.Sequence(lambda n: f"Organisation {n}")
    name_key = factory.LazyAttribute(lambda o: name_key(o.name))
    category = Category.INDUSTRY_SME
    country = "IT"
    region = "Toscana"
    city = "Prato"
    commitment = Commitment.NOT_COMMITTED


class CommittedOrganisationFactory(OrganisationFactory):
    commitment = Commitment.COMMITTED
    agreement_signed_on = factory.LazyFunction(
        lambda: timezone.localdate().replace(year=timezone.localdate().year - 1)
    )


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact

    organisation = factory.SubFactory(OrganisationFactory)
    cluster = factory.SelfAttribute("organisation.cluster")
    first_name = factory.Sequence(lambda n: f"Anna{n}")
    last_name = "Bianchi"
    email = factory.Sequence(lambda n: f"anna{n}@example.org")
