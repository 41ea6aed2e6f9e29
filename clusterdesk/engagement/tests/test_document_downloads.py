"""Documents of the finance and strategy pages are served by views that check tenancy, never
from a public media address."""

from datetime import date

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from clusterdesk.engagement.models import FundingCommitment, StrategyDocument

pytestmark = pytest.mark.django_db


def _body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_a_strategy_document_downloads_for_the_team_and_404s_elsewhere(
    personas, manager_a_client, manager_b_client
):
    document = StrategyDocument.objects.create(
        cluster=personas.cluster_a,
        title="Strategia 2026",
        adopted_on=date(2026, 1, 10),
        updated_on=date(2026, 2, 1),
    )
    document.document.save("strategia.pdf", ContentFile(b"%PDF strategy"), save=True)
    url = reverse("engagement:strategy_document_file", args=["tfc", document.pk])
    assert _body(manager_a_client.get(url)) == b"%PDF strategy"
    assert _body(personas.client_for(personas.board_a).get(url)) == b"%PDF strategy"
    assert personas.client_for(personas.member_a).get(url).status_code == 403
    assert manager_b_client.get(url).status_code == 404
    other = reverse("engagement:strategy_document_file", args=["isim", document.pk])
    assert manager_b_client.get(other).status_code == 404
    page = manager_a_client.get(reverse("engagement:strategy", args=["tfc"])).content.decode()
    assert url in page and "/media/" not in page


def test_a_funding_commitment_document_downloads_through_its_page(personas, manager_a_client):
    commitment = FundingCommitment.objects.create(
        cluster=personas.cluster_a,
        funder="Regione Toscana",
        source="regional_public",
        amount=100000,
        starts_on=date(2026, 1, 1),
        runs_to=date(2027, 12, 31),
    )
    commitment.document.save("decreto.pdf", ContentFile(b"%PDF decree"), save=True)
    url = reverse("engagement:finance_commitment_document", args=["tfc", commitment.pk])
    assert _body(manager_a_client.get(url)) == b"%PDF decree"
    page = manager_a_client.get(reverse("engagement:finance", args=["tfc"])).content.decode()
    assert url in page
