"""Every activity and working-group address: another cluster's manager gets 404 whatever the
method, the board viewer reads but never writes, a member representative stays out."""

import pytest
from django.core.files.base import ContentFile
from django.urls import URLPattern, reverse

from clusterdesk.engagement import urls_activities
from clusterdesk.engagement.models import Activity, WorkingGroup
from clusterdesk.testing.factories import OrganisationFactory

from .activity_helpers import (
    ActivityFactory,
    InvolvementFactory,
    OutputFactory,
    WorkingGroupFactory,
    activity_post,
)

pytestmark = pytest.mark.django_db

READ_PAGES = {
    "activities",
    "activities_export",
    "activity_detail",
    "working_groups",
    "working_groups_export",
    "working_group_detail",
    "working_group_output_document",
}


@pytest.fixture
def cluster_a_records(personas, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    group = WorkingGroupFactory(cluster=personas.cluster_a, name="Circular textiles")
    activity = ActivityFactory(cluster=personas.cluster_a, working_group=group)
    InvolvementFactory(activity=activity, organisation=personas.member_organisation_a)
    output = OutputFactory(working_group=group)
    output.document.save("minutes.pdf", ContentFile(b"%PDF"))
    return activity, group, output


def _urls(personas, records) -> dict[str, str]:
    """Every route of the area, by name, with the ids of cluster A's records."""
    activity, group, output = records
    urls = {}
    for pattern in urls_activities.urlpatterns:
        assert isinstance(pattern, URLPattern)
        route = str(pattern.pattern)
        kwargs = {"cluster_slug": personas.cluster_a.slug}
        if "<int:pk>" in route:
            kwargs["pk"] = group.pk if route.startswith("working-groups/") else activity.pk
        if "<int:output_pk>" in route:
            kwargs["output_pk"] = output.pk
        if "<str:file_format>" in route:
            kwargs["file_format"] = "csv"
        urls[pattern.name] = reverse(f"engagement:{pattern.name}", kwargs=kwargs)
    return urls


def test_every_address_answers_404_to_another_clusters_manager(
    personas, cluster_a_records, manager_b_client
):
    urls = _urls(personas, cluster_a_records)
    assert len(urls) == 17
    for name, address in urls.items():
        for method in ("get", "post"):
            response = getattr(manager_b_client, method)(address + "?pick=ross&for=filter")
            assert response.status_code == 404, (method, name, response.status_code)


def test_another_clusters_manager_changes_nothing_by_posting(
    personas, cluster_a_records, manager_b_client
):
    activity, group, output = cluster_a_records
    urls = _urls(personas, cluster_a_records)
    manager_b_client.post(urls["activity_delete"])
    manager_b_client.post(urls["activity_edit"], activity_post(title="Hacked"))
    manager_b_client.post(urls["working_group_delete"])
    manager_b_client.post(urls["working_group_output_delete"])
    manager_b_client.post(urls["activity_new"], activity_post(title="Planted"))
    assert Activity.objects.get().title == activity.title
    assert WorkingGroup.objects.get().outputs.get() == output


def test_manager_b_cannot_use_cluster_a_records_in_their_own_cluster(personas, manager_b_client):
    """Ids of cluster A posted to cluster B's pages are refused (404 or a message), never used."""
    organisation_a = personas.member_organisation_a
    group_a = WorkingGroupFactory(cluster=personas.cluster_a)
    response = manager_b_client.post(
        reverse("engagement:activity_new", args=["isim"]),
        activity_post(working_group=group_a.pk, rows=[(organisation_a, "active", "1")]),
    )
    assert response.status_code == 200 and not Activity.objects.exists()
    assert organisation_a.name not in response.content.decode()
    response = manager_b_client.get(
        reverse("engagement:participant_pick", args=["isim"]),
        {"pick": "Lanificio", "for": "filter"},
    )
    assert organisation_a.name not in response.content.decode()
    response = manager_b_client.post(
        reverse("engagement:participant_chosen", args=["isim"])
        + f"?for=chair&organisation={organisation_a.pk}"
    )
    assert organisation_a.name not in response.content.decode()
    response = manager_b_client.post(
        reverse("engagement:working_group_new", args=["isim"]),
        {"name": "Borrowed", "members": [str(organisation_a.pk)]},
    )
    assert response.status_code == 200 and not WorkingGroup.objects.filter(name="Borrowed")


def test_the_board_viewer_reads_every_page_but_writes_nothing(personas, cluster_a_records):
    board = personas.client_for(personas.board_a)
    for name, address in _urls(personas, cluster_a_records).items():
        if name in READ_PAGES:
            assert board.get(address).status_code == 200, name
        else:
            assert board.get(address).status_code == 403, name
            # (the suggestions answer GET only, to anyone: 405 to a POST)
            assert board.post(address).status_code in (403, 405), name
    assert Activity.objects.count() == 1 and WorkingGroup.objects.get().outputs.count() == 1


def test_the_board_viewer_sees_no_editing_buttons(personas, cluster_a_records):
    activity, group, _output = cluster_a_records
    board = personas.client_for(personas.board_a)
    for address in (
        reverse("engagement:activities", args=["tfc"]),
        reverse("engagement:activity_detail", args=["tfc", activity.pk]),
        reverse("engagement:working_groups", args=["tfc"]),
        reverse("engagement:working_group_detail", args=["tfc", group.pk]),
    ):
        html = board.get(address).content.decode()
        assert "/edit/" not in html and "/delete/" not in html and "/new/" not in html, address


def test_staff_record_activities_like_the_manager(personas, cluster_a_records):
    staff = personas.client_for(personas.staff_a)
    organisation = OrganisationFactory(cluster=personas.cluster_a)
    response = staff.post(
        reverse("engagement:activity_new", args=["tfc"]),
        activity_post(rows=[(organisation, "active", "1")]),
    )
    assert response.status_code == 302 and Activity.objects.count() == 2


def test_a_member_representative_cannot_reach_the_ledger(personas, cluster_a_records):
    member = personas.client_for(personas.member_a)
    for name, address in _urls(personas, cluster_a_records).items():
        for method in ("get", "post"):
            response = getattr(member, method)(address)
            assert response.status_code == 403, (method, name, response.status_code)


def test_an_anonymous_visitor_is_sent_to_sign_in(personas, cluster_a_records):
    anonymous = personas.client_for(None)
    for address in _urls(personas, cluster_a_records).values():
        response = anonymous.get(address)
        assert response.status_code == 302 and response.url.startswith(reverse("login"))
