"""Saved snapshots: the history page and its chart, a snapshot's readiness, deleting one, and
two snapshots compared (the Silver rule counts areas improved)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from clusterdesk.benchmarking import services
from clusterdesk.benchmarking.models import Assessment as SavedAssessment
from clusterdesk.engagement.tests.contact_helpers import PersonalContactFactory
from clusterdesk.lib.periods import months_before
from clusterdesk.tenancy.models import AuditEntry

from .page_helpers import records_for, text_of, url

pytestmark = pytest.mark.django_db


@pytest.fixture
def cluster_a(personas):
    records_for(personas.cluster_a)
    return personas.cluster_a


def save(personas, as_of=None, note=""):
    return services.assessment_save(
        cluster=personas.cluster_a, actor=personas.manager_a, as_of=as_of, note=note
    )


def test_a_manager_saves_a_snapshot_of_today(cluster_a, personas, manager_a_client):
    response = manager_a_client.post(url("snapshot_save"), {"as_of": "", "note": "Board, May"})
    saved = SavedAssessment.objects.get(cluster=cluster_a)
    assert response.status_code == 302
    assert response.url == url("snapshot", saved.pk)
    assert saved.as_of == timezone.localdate()
    assert saved.note == "Board, May"
    assert saved.created_by == personas.manager_a
    run = services.assessment_run(cluster=cluster_a)
    assert saved.score == pytest.approx(run.assessment.score)
    followed = text_of(manager_a_client.get(response.url))
    assert f'data-testid="score">{round(saved.score * 100)} %<' in followed
    assert "This is the assessment as it was saved" in followed
    assert "was saved: score" in followed  # the message
    assert AuditEntry.objects.filter(object_type="assessment", object_id=saved.pk).exists()


def test_a_snapshot_for_a_past_date_counts_the_records_of_that_day(
    cluster_a, personas, manager_a_client
):
    before_contacts = timezone.localdate() - timedelta(days=60)
    response = manager_a_client.post(url("snapshot_save"), {"as_of": before_contacts.isoformat()})
    assert response.status_code == 302
    saved = SavedAssessment.objects.get()
    assert saved.as_of == before_contacts
    # No contact was logged 60 days ago: unknown, never a silent zero.
    assert saved.values["B4"] is None and saved.statuses["B4"] == "unknown"
    assert saved.values["A1"] == 24


def test_a_future_date_cannot_be_saved(cluster_a, manager_a_client):
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = manager_a_client.post(url("snapshot_save"), {"as_of": tomorrow})
    assert response.status_code == 400
    assert "An assessment cannot be made for a day in the future." in text_of(response)
    assert not SavedAssessment.objects.exists()


def test_saving_needs_a_post(cluster_a, manager_a_client):
    assert manager_a_client.get(url("snapshot_save")).status_code == 405


def test_the_history_lists_snapshots_and_draws_score_and_areas(
    cluster_a, personas, manager_a_client
):
    today = timezone.localdate()
    first = save(personas, today - timedelta(days=60), note="Before the calls")
    second = save(personas, today, note="After the calls")
    response = manager_a_client.get(url("history"))
    assert response.status_code == 200
    page = text_of(response)
    assert "Before the calls" in page and "After the calls" in page
    assert f'data-testid="snapshot-{first.pk}"' in page
    assert f'data-testid="snapshot-{second.pk}"' in page
    assert "Score and each area over time" in page and 'role="img"' in page
    assert "Structure of the cluster" in page and "Gold 80 %" in page
    assert f"{round(second.score * 100)} %" in page
    assert "Compare two snapshots" in page


def test_a_snapshot_shows_its_readiness_as_it_was(cluster_a, personas, manager_a_client):
    saved = save(personas)
    PersonalContactFactory(
        organisation=cluster_a.organisations.get(name="Tintoria 1"),
        date=timezone.localdate(),
    )
    page = text_of(manager_a_client.get(url("snapshot", saved.pk)))
    assert "32.3 %" in page  # B4 as saved, not today's 35.5 %
    assert url("indicator", "B4", query=f"snapshot={saved.pk}") in page
    assert f'data-testid="score">{round(saved.score * 100)} %<' in page


def test_a_snapshot_is_deleted_after_confirmation(cluster_a, personas, manager_a_client):
    saved = save(personas)
    confirm = text_of(manager_a_client.get(url("snapshot_delete", saved.pk)))
    assert "Delete the snapshot of" in confirm
    response = manager_a_client.post(url("snapshot_delete", saved.pk))
    assert response.status_code == 302 and response.url == url("history")
    assert not SavedAssessment.objects.exists()


def test_two_snapshots_compared_say_how_many_areas_improved(cluster_a, personas, manager_a_client):
    today = timezone.localdate()
    earlier = save(personas, months_before(today, 20))
    later = save(personas, today)
    response = manager_a_client.get(url("compare", query=f"a={later.pk}&b={earlier.pk}"))
    assert response.status_code == 200
    page = text_of(response)
    improved = sum(
        1 for area, score in later.area_scores.items() if score > earlier.area_scores[area]
    )
    assert 'data-testid="areas-improved">' in page
    assert f">{improved}</span>" in page
    assert "(Silver needs 3)" in page
    assert "20</span>" in page and "months apart" in page
    assert "Within the Silver window." in page
    # A5: the organisation is older; B4: unknown then (no contact logged), known now.
    assert "▲ Improved" in page and "Now known" in page
    assert "Participants with a personal contact" in page


def test_comparing_needs_two_snapshots_of_the_cluster(
    cluster_a, personas, manager_a_client, manager_b_client
):
    one = save(personas)
    page = text_of(manager_a_client.get(url("compare")))
    assert "Two saved snapshots are needed to compare." in page
    response = manager_a_client.get(url("compare", query=f"a={one.pk}&b={one.pk}"))
    assert response.status_code == 400
    assert "Choose two different snapshots." in text_of(response)
    assert manager_a_client.get(url("compare", query=f"a={one.pk}&b=999")).status_code == 404
    assert manager_a_client.get(url("compare", query="a=x&b=y")).status_code == 404
    isim = url("compare", slug="isim", query=f"a={one.pk}&b={one.pk}")
    assert manager_b_client.get(isim).status_code == 404


def test_a_board_viewer_reads_the_history_but_cannot_save_or_delete(cluster_a, personas):
    saved = save(personas)
    board = personas.client_for(personas.board_a)
    page = text_of(board.get(url("history")))
    assert f'data-testid="snapshot-{saved.pk}"' in page
    assert "Save the snapshot" not in page
    assert board.get(url("snapshot", saved.pk)).status_code == 200
    assert board.post(url("snapshot_save"), {"as_of": ""}).status_code == 403
    assert board.post(url("snapshot_delete", saved.pk)).status_code == 403
    assert SavedAssessment.objects.count() == 1


def test_a_member_representative_may_not_see_the_history(cluster_a, personas):
    saved = save(personas)
    member = personas.client_for(personas.member_a)
    for address in (url("history"), url("snapshot", saved.pk), url("compare")):
        assert member.get(address).status_code == 403, address


def test_another_clusters_manager_cannot_reach_a_snapshot(cluster_a, personas, manager_b_client):
    saved = save(personas)
    for address in (
        url("history"),
        url("snapshot", saved.pk),
        url("snapshot", saved.pk, slug="isim"),
        url("snapshot_delete", saved.pk, slug="isim"),
    ):
        assert manager_b_client.get(address).status_code == 404, address
    assert manager_b_client.post(url("snapshot_delete", saved.pk, slug="isim")).status_code == 404
    assert SavedAssessment.objects.filter(pk=saved.pk).exists()
