"""Every page and endpoint of the contact log: another cluster's manager gets 404 whatever the
method, the board reads but never writes, a member representative never reaches them."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, reverse
from django.utils import timezone

from clusterdesk.engagement import urls_contacts
from clusterdesk.engagement.contact_import import upload_read, upload_save
from clusterdesk.engagement.models import FollowUpTask, PersonalContact
from clusterdesk.testing.factories import OrganisationFactory

from .contact_helpers import (
    FollowUpTaskFactory,
    PersonalContactFactory,
    csv_bytes,
    isolated_media,  # noqa: F401
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("isolated_media")]

READ_ONLY = {"contacts", "contacts_export", "my_tasks", "tasks_export"}


@pytest.fixture
def cluster_a_records(personas):
    organisation = OrganisationFactory(cluster=personas.cluster_a, name="Tessitura Fiorentina")
    contact = PersonalContactFactory(organisation=organisation, notes="Secret of A")
    task = FollowUpTaskFactory(
        organisation=organisation, personal_contact=contact, assigned_to=personas.manager_a
    )
    content = csv_bytes(
        [
            ["date", "participant", "kind"],
            [timezone.localdate().isoformat(), organisation.name, "visit"],
        ]
    )
    upload = upload_save(cluster=personas.cluster_a, upload=SimpleUploadedFile("log.csv", content))
    return {"organisation": organisation, "contact": contact, "task": task, "upload": upload}


def _urls(records) -> dict[str, str]:
    ids = {
        "contact_edit": {"pk": records["contact"].pk},
        "contact_delete": {"pk": records["contact"].pk},
        "task_done": {"pk": records["task"].pk},
        "task_reopen": {"pk": records["task"].pk},
        "contacts_export": {"file_format": "csv"},
        "tasks_export": {"file_format": "csv"},
        "contact_import_preview": {"upload": records["upload"]},
        "contact_import_apply": {"upload": records["upload"]},
    }
    urls = {}
    for pattern in urls_contacts.urlpatterns:
        assert isinstance(pattern, URLPattern)
        kwargs = {"cluster_slug": "tfc", **ids.get(pattern.name, {})}
        urls[pattern.name] = reverse(f"engagement:{pattern.name}", kwargs=kwargs)
    return urls


def test_every_contact_page_answers_404_to_another_clusters_manager(
    personas, manager_b_client, cluster_a_records
):
    urls = _urls(cluster_a_records)
    assert len(urls) == 16
    for name, address in urls.items():
        for method in ("get", "post"):
            response = getattr(manager_b_client, method)(address)
            assert response.status_code == 404, (name, method, response.status_code)
    assert PersonalContact.objects.get().notes == "Secret of A"
    assert FollowUpTask.objects.get().done_on is None
    assert upload_read(cluster=personas.cluster_a, name=cluster_a_records["upload"])


def test_an_upload_of_cluster_a_is_not_found_from_cluster_b(
    personas, manager_b_client, cluster_a_records
):
    """Even under B's own address, A's stored file is not there."""
    upload = cluster_a_records["upload"]
    preview = reverse("engagement:contact_import_preview", args=["isim", upload])
    apply = reverse("engagement:contact_import_apply", args=["isim", upload])
    assert manager_b_client.get(preview).status_code == 404
    assert manager_b_client.post(apply).status_code == 404
    assert upload_read(cluster=personas.cluster_b, name=upload) is None
    assert upload_read(cluster=personas.cluster_a, name="../../secret.csv") is None


def test_the_own_manager_reaches_every_page(manager_a_client, cluster_a_records):
    for name, address in _urls(cluster_a_records).items():
        if name in ("task_done", "task_reopen", "contact_import_apply"):
            continue  # POST-only actions
        response = manager_a_client.get(address)
        assert response.status_code in (200, 302), (name, response.status_code)


def test_the_board_reads_but_never_writes(personas, cluster_a_records):
    board = personas.client_for(personas.board_a)
    for name, address in _urls(cluster_a_records).items():
        if name in READ_ONLY:
            assert board.get(address).status_code == 200, name
        else:
            assert board.get(address).status_code == 403, name
            assert board.post(address).status_code == 403, name
    assert PersonalContact.objects.count() == 1
    assert FollowUpTask.objects.get().done_on is None


def test_a_member_representative_never_reaches_the_log(personas, cluster_a_records):
    member = personas.client_for(personas.member_a)
    for name, address in _urls(cluster_a_records).items():
        for method in ("get", "post"):
            response = getattr(member, method)(address)
            assert response.status_code in (403, 404), (name, method, response.status_code)
    assert PersonalContact.objects.count() == 1


def test_an_anonymous_visitor_is_sent_to_sign_in(personas, cluster_a_records, client):
    for address in _urls(cluster_a_records).values():
        response = client.get(address)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_tasks_and_contacts_of_cluster_b_are_404_under_cluster_a(personas, manager_a_client):
    theirs = OrganisationFactory(cluster=personas.cluster_b)
    contact = PersonalContactFactory(organisation=theirs)
    task = FollowUpTaskFactory(organisation=theirs)
    for name, pk in (
        ("contact_edit", contact.pk),
        ("contact_delete", contact.pk),
        ("task_done", task.pk),
        ("task_reopen", task.pk),
    ):
        address = reverse(f"engagement:{name}", args=["tfc", pk])
        assert manager_a_client.post(address).status_code == 404, name
    assert PersonalContact.objects.filter(pk=contact.pk).exists()
    task.refresh_from_db()
    assert task.done_on is None
