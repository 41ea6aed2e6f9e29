"""Factories and helpers for the tests of the management team and governance."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import factory
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from clusterdesk.engagement.models import (
    BoardMember,
    Committee,
    CommitteeKind,
    GeneralAssembly,
    Governance,
    StaffMember,
    TrainingRecord,
)
from clusterdesk.testing.factories import ClusterFactory, OrganisationFactory

# A fixed "today" for the services; pages use the real date.
TODAY = date(2026, 6, 15)


def url(name: str, *args: object, cluster: str = "tfc") -> str:
    return reverse(f"engagement:{name}", args=[cluster, *args])


def pdf(name: str = "document.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4 test document", content_type="application/pdf")


@pytest.fixture
def media(settings, tmp_path):  # type: ignore[no-untyped-def]
    """Uploads go to a temporary folder."""
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


class StaffMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StaffMember

    cluster = factory.SubFactory(ClusterFactory)
    full_name = factory.Sequence(lambda n: f"Staff Person {n}")
    post = "Cluster manager"
    fte = Decimal("1.00")
    started_on = date(2020, 1, 1)
    ended_on = None


class TrainingRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrainingRecord

    staff_member = factory.SubFactory(StaffMemberFactory)
    cluster = factory.SelfAttribute("staff_member.cluster")
    date = date(2026, 3, 1)
    days = Decimal("1.0")
    topic = factory.Sequence(lambda n: f"Cluster management course {n}")
    provider = "TCI Network"


class GovernanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Governance

    cluster = factory.SubFactory(ClusterFactory)
    legal_form = "Registered association"
    statutes_define_benefits_and_duties = True
    statutes_updated_on = date(2024, 5, 1)
    general_manager = "Giulia Conti"
    general_manager_since = date(2019, 9, 1)


class GeneralAssemblyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GeneralAssembly

    cluster = factory.SubFactory(ClusterFactory)
    date = date(2026, 4, 20)
    notes = "Annual assembly: budget approved."


class BoardMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BoardMember

    cluster = factory.SubFactory(ClusterFactory)
    full_name = factory.Sequence(lambda n: f"Board Person {n}")
    organisation = factory.SubFactory(
        OrganisationFactory, cluster=factory.SelfAttribute("..cluster")
    )
    board_role = "Member"
    appointment = BoardMember.Appointment.ELECTED
    started_on = date(2024, 1, 1)
    ended_on = None


class CommitteeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Committee

    cluster = factory.SubFactory(ClusterFactory)
    kind = CommitteeKind.SCIENTIFIC
    name = factory.Sequence(lambda n: f"Scientific board {n}")
    started_on = date(2022, 1, 1)
    ended_on = None
