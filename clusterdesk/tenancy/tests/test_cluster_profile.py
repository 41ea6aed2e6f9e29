"""The cluster profile: the manager changes the founding date, languages, sector and region;
the team and the board read it; the audit log keeps what changed."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from clusterdesk.tenancy.models import AuditEntry, Cluster

pytestmark = pytest.mark.django_db


def url(slug: str = "tfc") -> str:
    return reverse("tenancy:cluster_profile", kwargs={"cluster_slug": slug})


def profile_post(**changes: str) -> dict[str, str]:
    data = {
        "sector": "Textile and fashion",
        "region": "Toscana",
        "founded_on": "2012-05-04",
        "local_languages": "it",
        "target_market_languages": "en, de, FR",
    }
    data.update(changes)
    return data


def test_the_manager_sees_the_profile_filled_in(personas, manager_a_client):
    response = manager_a_client.get(url())
    assert response.status_code == 200
    page = response.content.decode()
    assert "Cluster profile" in page
    assert 'value="Textile and fashion"' in page
    assert 'value="en, de"' in page  # the languages as typed codes
    assert 'aria-current="page">Cluster profile<' in page  # in "Our organisation"


def test_the_manager_changes_the_profile_and_the_log_keeps_it(personas, manager_a_client):
    response = manager_a_client.post(url(), profile_post())
    assert response.status_code == 302 and response.url == url()
    cluster = Cluster.objects.get(slug="tfc")
    assert cluster.founded_on == date(2012, 5, 4)
    assert cluster.local_languages == ["it"]
    assert cluster.target_market_languages == ["en", "de", "fr"]
    entry = AuditEntry.objects.get(cluster=cluster, object_type="cluster")
    assert entry.action == "changed"
    assert entry.actor == personas.manager_a
    assert entry.changes["founded_on"] == [None, "2012-05-04"]
    assert entry.changes["target_market_languages"] == [["en", "de"], ["en", "de", "fr"]]
    assert "sector" not in entry.changes  # unchanged fields are not logged
    assert "The cluster profile was saved." in manager_a_client.get(url()).content.decode()


def test_saving_without_a_change_writes_no_log(personas, manager_a_client):
    manager_a_client.post(url(), profile_post(founded_on="", target_market_languages="en, de"))
    assert not AuditEntry.objects.filter(object_type="cluster").exists()


def test_the_founding_date_feeds_the_maturity_indicator(personas, manager_a_client):
    evidence = reverse("benchmarking:indicator", args=["tfc", "A5"])
    before = manager_a_client.get(evidence).content.decode()
    assert "The founding date of the cluster organisation is not recorded." in before
    assert url() in before  # the data gap links to this page
    manager_a_client.post(url(), profile_post(founded_on="2015-01-01"))
    after = manager_a_client.get(evidence).content.decode()
    assert "is not recorded" not in after
    assert 'data-testid="status">Met<' in after


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"local_languages": "italian"}, "local_languages", "is not a language code"),
        ({"target_market_languages": "en, d3"}, "target_market_languages", "is not a language"),
        ({"sector": ""}, "sector", "This field is required."),
        ({"founded_on": "04/05/12x"}, "founded_on", "Enter a valid date."),
    ],
)
def test_bad_values_are_refused_on_their_field(personas, manager_a_client, changes, field, message):
    response = manager_a_client.post(url(), profile_post(**changes))
    assert response.status_code == 200
    page = response.content.decode()
    assert f'id="id_{field}_error"' in page and message in page
    assert Cluster.objects.get(slug="tfc").founded_on is None


def test_a_founding_date_in_the_future_is_refused(personas, manager_a_client):
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = manager_a_client.post(url(), profile_post(founded_on=tomorrow))
    assert "The founding date cannot be in the future." in response.content.decode()
    assert Cluster.objects.get(slug="tfc").founded_on is None


def test_staff_and_board_read_the_profile_but_cannot_change_it(personas):
    for user in (personas.staff_a, personas.board_a):
        client = personas.client_for(user)
        page = client.get(url()).content.decode()
        assert "Textile and fashion" in page
        assert "Only a manager of the cluster can change the profile." in page
        assert '<form method="post" novalidate class="card form">' not in page
        assert client.post(url(), profile_post()).status_code == 403
    assert Cluster.objects.get(slug="tfc").founded_on is None


def test_a_member_representative_may_not_see_the_profile(personas):
    assert personas.client_for(personas.member_a).get(url()).status_code == 403


def test_another_clusters_manager_gets_404(personas, manager_b_client):
    assert manager_b_client.get(url()).status_code == 404
    assert manager_b_client.post(url(), profile_post()).status_code == 404
    assert Cluster.objects.get(slug="tfc").founded_on is None
    assert manager_b_client.get(url("isim")).status_code == 200


def test_the_founding_date_shows_in_the_date_field_in_every_language(personas, manager_a_client):
    Cluster.objects.filter(slug="tfc").update(founded_on=date(2011, 7, 1))
    for language in ("en", "it", "es", "tr"):
        page = manager_a_client.get(url(), HTTP_ACCEPT_LANGUAGE=language).content.decode()
        assert 'type="date" name="founded_on" value="2011-07-01"' in page, language
