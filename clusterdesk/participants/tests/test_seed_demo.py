"""`manage.py seed_demo`: two invented clusters, the same on every run, and their demo users."""

from __future__ import annotations

import hashlib
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from clusterdesk.benchmarking.models import Assessment
from clusterdesk.participants.demo import DEMO_CLUSTERS, DEMO_PASSWORD, REFERENCE_DATE, demo_plan
from clusterdesk.participants.matching import Known, OrganisationIndex, name_key
from clusterdesk.participants.models import (
    Category,
    Commitment,
    Contact,
    Organisation,
    OrganisationQuerySet,
    OrganisationSector,
)
from clusterdesk.participants.nace import normalise_code
from clusterdesk.participants.rules import contact_problems, organisation_problems
from clusterdesk.tenancy.models import Cluster, Membership, Role, User
from clusterdesk.testing.demo_queries import demo_query_allowance
from clusterdesk.testing.factories import ClusterFactory, OrganisationFactory

TUSCANY, ISIM = "tuscany-fashion", "isim"
TURKISH_LETTERS = set("şŞğĞıİçÇöÖüÜ")


def seed(*args: str) -> str:
    out = StringIO()
    # A fixed ledger date: the command's default (today) would change with the calendar.
    call_command("seed_demo", *args, "--as-of", "2025-12-31", stdout=out)
    return out.getvalue()


def registry_digest() -> str:
    """A stable fingerprint of both demo registries, independent of database ids."""
    demo = {"cluster__slug__in": [TUSCANY, ISIM]}
    organisations = Organisation.objects.filter(**demo).order_by("cluster__slug", "name")
    rows = [
        list(
            organisations.values_list(
                "cluster__slug",
                "name",
                "category",
                "commitment",
                "vat_number",
                "employees",
                "agreement_signed_on",
                "membership_fee",
            )
        ),
        list(
            OrganisationSector.objects.filter(**{f"organisation__{k}": v for k, v in demo.items()})
            .order_by("organisation__cluster__slug", "organisation__name", "code")
            .values_list("organisation__name", "code")
        ),
        list(
            Contact.objects.filter(**demo)
            .order_by("cluster__slug", "organisation__name", "last_name", "first_name", "email")
            .values_list("organisation__name", "first_name", "last_name", "email", "phone")
        ),
    ]
    return hashlib.sha256(repr(rows).encode()).hexdigest()


def participants(slug: str) -> OrganisationQuerySet:
    return Organisation.objects.filter(cluster__slug=slug)


@pytest.mark.django_db
def test_it_creates_a_textile_cluster_of_about_480_and_a_machinery_cluster_of_about_144():
    seed()

    tuscany = Cluster.objects.get(slug=TUSCANY)
    isim = Cluster.objects.get(slug=ISIM)
    assert (tuscany.name, tuscany.country.code, tuscany.region) == (
        "Tuscany Fashion Cluster",
        "IT",
        "Toscana",
    )
    assert tuscany.target_market_languages == ["en", "de", "fr", "zh"]
    assert (isim.name, isim.country.code) == ("İş ve İnşaat Makineleri Kümelenme Derneği", "TR")
    assert 470 <= participants(TUSCANY).count() <= 490
    assert 140 <= participants(ISIM).count() <= 148
    assert 75 <= participants(TUSCANY).filter(commitment=Commitment.COMMITTED).count() <= 85
    assert 90 <= participants(ISIM).filter(commitment=Commitment.COMMITTED).count() <= 110
    assert set(participants(TUSCANY).values_list("category", flat=True)) == set(Category.values)
    assert {
        Category.RESEARCH,
        Category.EDUCATION,
        Category.PUBLIC_BODY,
        Category.INTERMEDIARY,
    } <= set(participants(ISIM).values_list("category", flat=True))


@pytest.mark.django_db
def test_the_textile_cluster_covers_its_five_districts_with_matching_sector_codes():
    seed()

    codes = set(
        OrganisationSector.objects.filter(organisation__cluster__slug=TUSCANY).values_list(
            "code", flat=True
        )
    )
    districts = {"13.10", "13.20", "13.30", "14.13", "15.11", "15.12", "15.20", "32.12", "28.94"}
    assert districts <= codes
    cities = set(participants(TUSCANY).values_list("city", flat=True))
    assert {
        "Prato",
        "Firenze",
        "Santa Croce sull'Arno",
        "Lucca",
        "Monsummano Terme",
        "Arezzo",
    } <= cities
    tanneries = participants(TUSCANY).filter(name__startswith="Conceria ")
    assert tanneries.exists()
    assert all(
        code == "15.11"
        for code in OrganisationSector.objects.filter(organisation__in=tanneries).values_list(
            "code", flat=True
        )
    )


@pytest.mark.django_db
def test_every_committed_participant_has_signed_an_agreement_and_pays_a_fee():
    seed()

    committed = Organisation.objects.filter(commitment=Commitment.COMMITTED)
    assert committed.count() >= 170
    assert not committed.filter(agreement_signed_on__isnull=True).exists()
    assert not committed.filter(membership_start__isnull=True).exists()
    assert not committed.filter(membership_fee__isnull=True).exists()
    assert not Organisation.objects.filter(agreement_signed_on__gt=REFERENCE_DATE).exists()
    assert not Organisation.objects.filter(
        commitment=Commitment.FORMER, membership_end__isnull=True
    ).exists()


@pytest.mark.django_db
def test_every_organisation_has_its_name_key_and_a_nace_code_the_registry_accepts():
    seed()

    organisations = Organisation.objects.filter(cluster__slug__in=[TUSCANY, ISIM])
    for organisation in organisations.prefetch_related("sectors"):
        assert organisation.name_key and organisation.name_key == name_key(organisation.name)
        codes = [sector.code for sector in organisation.sectors.all()]
        assert codes, organisation.name
        assert all(normalise_code(code) == code for code in codes), codes
        assert all(sector.division == sector.code[:2] for sector in organisation.sectors.all())
    assert not organisations.filter(contacts__isnull=True).exists()


@pytest.mark.django_db
def test_the_machinery_cluster_has_turkish_names_and_turkish_speaking_contacts():
    seed()

    names = list(participants(ISIM).values_list("name", flat=True))
    assert sum(bool(TURKISH_LETTERS & set(name)) for name in names) > len(names) / 2
    assert set(Contact.objects.filter(cluster__slug=ISIM).values_list("language", flat=True)) == {
        "tr"
    }
    assert set(
        Contact.objects.filter(cluster__slug=TUSCANY).values_list("language", flat=True)
    ) == {"it"}


@pytest.mark.django_db
def test_running_it_again_without_reset_changes_nothing():
    seed()
    before = (
        Organisation.objects.count(),
        Contact.objects.count(),
        User.objects.count(),
        Membership.objects.count(),
        registry_digest(),
    )
    ids = set(Organisation.objects.values_list("id", flat=True))

    output = seed()

    after = (
        Organisation.objects.count(),
        Contact.objects.count(),
        User.objects.count(),
        Membership.objects.count(),
        registry_digest(),
    )
    assert after == before
    assert set(Organisation.objects.values_list("id", flat=True)) == ids
    assert "already loaded" in output
    assert f"with the password: {DEMO_PASSWORD}" in output


@pytest.mark.django_db
def test_reset_recreates_the_same_registry():
    seed()
    digest = registry_digest()
    counts = (Organisation.objects.count(), Contact.objects.count(), Membership.objects.count())

    seed("--reset")

    assert registry_digest() == digest
    assert (
        Organisation.objects.count(),
        Contact.objects.count(),
        Membership.objects.count(),
    ) == counts


@pytest.mark.django_db
def test_reset_leaves_other_clusters_alone():
    other = ClusterFactory(slug="another-cluster")
    OrganisationFactory(cluster=other, name="Lanificio Esterno S.r.l.")
    seed()

    seed("--reset")

    assert Cluster.objects.filter(slug="another-cluster").exists()
    assert Organisation.objects.filter(cluster=other).count() == 1


@pytest.mark.django_db
def test_it_runs_in_a_bounded_number_of_queries():
    with CaptureQueriesContext(connection) as captured:
        seed()
    # A fixed cost per record made whole through the services (a saved assessment, a survey,
    # an event…: ``demo_query_allowance``), never one per participant or contact.
    assert Assessment.objects.exists()
    allowed = demo_query_allowance(210)
    allowed_again = demo_query_allowance(350)
    assert len(captured) <= allowed
    # Deleting the clusters' engagement ledgers goes by batches of 100 rows (SQLite: 287).
    with CaptureQueriesContext(connection) as captured:
        seed("--reset")
    assert len(captured) <= allowed_again


@pytest.mark.django_db
def test_every_printed_account_signs_in_with_the_printed_password():
    output = seed()

    assert "http://127.0.0.1:8000/" in output
    emails = ["operator@clusterdesk.example"] + [
        f"{role}@{slug}.example"
        for slug in (TUSCANY, ISIM)
        for role in ("manager", "staff", "board", "member")
    ]
    for email in emails:
        assert email in output
        assert Client().login(email=email, password=DEMO_PASSWORD), email
    operator = User.objects.get(email="operator@clusterdesk.example")
    assert operator.is_staff and operator.is_superuser
    for slug in (TUSCANY, ISIM):
        roles = dict(
            Membership.objects.filter(cluster__slug=slug).values_list("user__email", "role")
        )
        assert roles == {
            f"manager@{slug}.example": Role.MANAGER,
            f"staff@{slug}.example": Role.STAFF,
            f"board@{slug}.example": Role.BOARD,
            f"member@{slug}.example": Role.MEMBER,
        }
        member = Membership.objects.get(cluster__slug=slug, role=Role.MEMBER)
        assert member.organisation.cluster.slug == slug
        assert member.organisation.commitment == Commitment.COMMITTED
        assert f"member representative of {member.organisation.name}" in output


@pytest.mark.parametrize("spec", DEMO_CLUSTERS, ids=lambda spec: spec.slug)
def test_every_demo_organisation_and_contact_passes_the_registry_rules(spec):
    for organisation in demo_plan(spec):
        assert organisation_problems(organisation.fields, today=REFERENCE_DATE) == []
        for contact in organisation.contacts:
            assert contact_problems(contact) == []


@pytest.mark.parametrize("spec", DEMO_CLUSTERS, ids=lambda spec: spec.slug)
def test_the_demo_registry_holds_no_duplicates_by_the_import_rules(spec):
    plan = demo_plan(spec)
    index = OrganisationIndex()
    for number, organisation in enumerate(plan):
        fields = organisation.fields
        # Without the VAT number, so that a close name alone would count as a duplicate.
        assert index.find(name=fields["name"], website=fields["website"]) is None, fields["name"]
        index.add(Known(number, fields["name"], fields["vat_number"], fields["website"]))
    vat_numbers = [organisation.fields["vat_number"] for organisation in plan]
    assert len(set(vat_numbers)) == len(vat_numbers)


@pytest.mark.parametrize("spec", DEMO_CLUSTERS, ids=lambda spec: spec.slug)
def test_the_plan_is_the_same_on_every_draw(spec):
    first, second = demo_plan(spec), demo_plan(spec)

    assert [o.fields for o in first] == [o.fields for o in second]
    assert [o.contacts for o in first] == [o.contacts for o in second]
