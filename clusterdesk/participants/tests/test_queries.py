"""The registry's reads that other pages share."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from clusterdesk.participants.queries import participant_suggestions
from clusterdesk.testing.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def names(organisations):  # type: ignore[no-untyped-def]
    return [organisation.name for organisation in organisations]


def test_suggestions_hold_every_word_typed_and_names_starting_with_it_come_first(personas):
    cluster = personas.cluster_a  # it has a "Lanificio Rossi" already
    for name in ("Tessitura Rossi", "Rossi Filati", "Lanificio Bianchi", "Rossini Tessuti"):
        OrganisationFactory(cluster=cluster, name=name)
    OrganisationFactory(cluster=personas.cluster_b, name="Rossi Makina")
    assert names(participant_suggestions(cluster, "rossi", limit=10)) == [
        "Rossi Filati",
        "Rossini Tessuti",
        "Lanificio Rossi",
        "Tessitura Rossi",
    ]
    assert names(participant_suggestions(cluster, " tess   ross ", limit=10)) == [
        "Rossini Tessuti",
        "Tessitura Rossi",
    ]


def test_suggestions_need_two_characters_and_stop_at_the_limit(personas):
    cluster = personas.cluster_a
    OrganisationFactory.create_batch(5, cluster=cluster, name="Filatura")
    assert participant_suggestions(cluster, "f", limit=10) == []
    assert participant_suggestions(cluster, "  ", limit=10) == []
    assert len(participant_suggestions(cluster, "fi", limit=2)) == 2


def test_suggestions_find_a_legal_name_or_a_vat_number(personas):
    cluster = personas.cluster_a
    OrganisationFactory(cluster=cluster, name="Alfa", legal_name="Tessitura Alfa S.p.A.")
    OrganisationFactory(cluster=cluster, name="Beta", vat_number="IT01234567890")
    assert names(participant_suggestions(cluster, "tessitura alfa", limit=10)) == ["Alfa"]
    assert names(participant_suggestions(cluster, "IT 0123 4567", limit=10)) == ["Beta"]
    assert participant_suggestions(cluster, "012", limit=10) == []  # too few digits for a VAT


def test_suggestions_take_one_query(personas):
    OrganisationFactory.create_batch(30, cluster=personas.cluster_a)
    with CaptureQueriesContext(connection) as queries:
        assert len(participant_suggestions(personas.cluster_a, "organisation", limit=12)) == 12
    assert len(queries) == 1
