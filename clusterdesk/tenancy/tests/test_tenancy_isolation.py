"""Another cluster's manager gets 404 on every page of a cluster, whatever the method."""

import pytest
from django.urls import URLPattern, reverse

from clusterdesk.participants import urls as participant_urls
from clusterdesk.participants.models import ImportBatch
from clusterdesk.tenancy import cluster_urls
from clusterdesk.tenancy.models import Invitation, Membership
from clusterdesk.testing.factories import ContactFactory

pytestmark = pytest.mark.django_db


def _cluster_a_urls(personas) -> list[str]:
    organisation = personas.member_organisation_a
    contact = ContactFactory(organisation=organisation)
    batch = ImportBatch.objects.create(
        cluster=personas.cluster_a,
        kind="organisations",
        file="imports/x.csv",
        original_name="x.csv",
    )
    invitation = Invitation.objects.create(
        cluster=personas.cluster_a, email="x@a.example", role="staff"
    )
    membership = Membership.objects.get(cluster=personas.cluster_a, user=personas.staff_a)
    ids = {
        "participants:detail": organisation.pk,
        "participants:edit": organisation.pk,
        "participants:delete": organisation.pk,
        "participants:agreement": organisation.pk,
        "participants:contact_new": organisation.pk,
        "participants:contact_edit": contact.pk,
        "participants:contact_delete": contact.pk,
        "participants:import_detail": batch.pk,
        "participants:import_apply": batch.pk,
        "tenancy:invitation_revoke": invitation.pk,
        "tenancy:membership_remove": membership.pk,
    }
    urls = []
    for namespace, module in (("participants", participant_urls), ("tenancy", cluster_urls)):
        for pattern in module.urlpatterns:
            assert isinstance(pattern, URLPattern)
            name = f"{namespace}:{pattern.name}"
            kwargs = {"cluster_slug": personas.cluster_a.slug}
            if "<int:pk>" in str(pattern.pattern):
                kwargs["pk"] = ids[name]
            if "<str:kind>" in str(pattern.pattern):
                kwargs.update(kind="organisations", file_format="csv")
            urls.append(reverse(name, kwargs=kwargs))
    return urls


def test_every_cluster_page_answers_404_to_another_clusters_manager(personas, manager_b_client):
    urls = _cluster_a_urls(personas)
    assert len(urls) >= 17
    for url in urls:
        for method in ("get", "post"):
            response = getattr(manager_b_client, method)(url)
            assert response.status_code == 404, (method, url, response.status_code)


def test_nothing_of_cluster_a_changes_when_b_posts_to_it(personas, manager_b_client):
    organisation = personas.member_organisation_a
    manager_b_client.post(reverse("participants:delete", args=["tfc", organisation.pk]))
    manager_b_client.post(
        reverse("participants:edit", args=["tfc", organisation.pk]),
        {"name": "Hacked", "category": "other"},
    )
    organisation.refresh_from_db()
    assert organisation.name == "Lanificio Rossi"


def test_the_same_pages_answer_cluster_as_own_manager(personas, manager_a_client):
    for url in _cluster_a_urls(personas):
        if url.endswith(("/apply/", "/revoke/", "/remove/", "/agreement/")):
            continue  # POST-only actions, and a document that was never stored
        response = manager_a_client.get(url)
        assert response.status_code in (200, 302), (url, response.status_code)


def test_an_anonymous_visitor_is_sent_to_sign_in(personas):
    client = personas.client_for(None)
    response = client.get(reverse("participants:list", args=["tfc"]))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_an_unknown_cluster_is_404_even_for_a_platform_operator(personas):
    personas.manager_b.is_staff = True
    personas.manager_b.save()
    client = personas.client_for(personas.manager_b)
    assert client.get(reverse("participants:list", args=["tfc"])).status_code == 404
    assert client.get(reverse("participants:list", args=["nope"])).status_code == 404
