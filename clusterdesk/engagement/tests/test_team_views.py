from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from clusterdesk.engagement.models import StaffMember, TrainingRecord
from clusterdesk.engagement.services.team import staff_member_create
from clusterdesk.tenancy.models import AuditEntry

from .team_helpers import StaffMemberFactory, TrainingRecordFactory, media, pdf, url  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]


@pytest.fixture
def member(personas):
    member = staff_member_create(
        cluster=personas.cluster_a,
        actor=None,
        data={
            "full_name": "Giulia Conti",
            "post": "Cluster manager",
            "fte": Decimal("1"),
            "started_on": date(2020, 1, 1),
            "job_description": pdf("giulia.pdf"),
        },
    )
    TrainingRecordFactory(staff_member=member, date=timezone.localdate(), days=Decimal("1"))
    return member


def read_urls(member):
    return [
        url("team"),
        url("team_staff", member.pk),
        url("team_export", "csv"),
        url("team_export", "xlsx"),
        url("team_staff_job_description", member.pk),
    ]


def write_urls(member):
    training = member.trainings.get()
    return [
        url("team_staff_new"),
        url("team_staff_edit", member.pk),
        url("team_staff_end", member.pk),
        url("team_staff_delete", member.pk),
        url("team_training_new", member.pk),
        url("team_training_delete", training.pk),
    ]


def test_another_clusters_manager_gets_404_on_every_team_page(personas, manager_b_client, member):
    for address in read_urls(member) + write_urls(member):
        assert manager_b_client.get(address).status_code == 404, address
        assert manager_b_client.post(address, {"full_name": "x"}).status_code == 404, address
    # Through their own cluster's address, cluster A's records do not exist either.
    for address in [
        url("team_staff", member.pk, cluster="isim"),
        url("team_staff_edit", member.pk, cluster="isim"),
        url("team_staff_delete", member.pk, cluster="isim"),
        url("team_staff_job_description", member.pk, cluster="isim"),
        url("team_training_new", member.pk, cluster="isim"),
        url("team_training_delete", member.trainings.get().pk, cluster="isim"),
    ]:
        assert manager_b_client.get(address).status_code == 404, address
        assert manager_b_client.post(address).status_code == 404, address
    assert StaffMember.objects.count() == 1 and TrainingRecord.objects.count() == 1


def test_the_board_sees_the_team_but_changes_nothing(personas, member):
    client = personas.client_for(personas.board_a)
    for address in read_urls(member):
        assert client.get(address).status_code == 200, address
    for address in write_urls(member):
        assert client.get(address).status_code == 403, address
        assert client.post(address, {"ended_on": "2024-01-01"}).status_code == 403, address
    page = client.get(url("team")).content.decode()
    assert url("team_staff_new") not in page and url("team_staff_edit", member.pk) not in page
    member.refresh_from_db()
    assert member.ended_on is None and TrainingRecord.objects.count() == 1


def test_member_representatives_and_visitors_cannot_reach_the_team(personas, member):
    representative = personas.client_for(personas.member_a)
    visitor = personas.client_for(None)
    for address in read_urls(member) + write_urls(member):
        assert representative.get(address).status_code == 403, address
        assert representative.post(address).status_code == 403, address
        assert visitor.get(address).status_code == 302, address


def test_the_team_page_shows_fte_training_job_descriptions_and_vacancies(
    personas, manager_a_client, member
):
    today = timezone.localdate()
    cluster = personas.cluster_a
    StaffMemberFactory(
        cluster=cluster,
        full_name="Paolo Neri",
        post="Project officer",
        fte=Decimal("0.5"),
        started_on=date(2019, 1, 1),
        ended_on=today - timedelta(days=100),
    )
    StaffMemberFactory(
        cluster=cluster,
        full_name="Sara Galli",
        post="project officer",
        fte=Decimal("0.5"),
        started_on=today - timedelta(days=40),
    )
    response = manager_a_client.get(url("team"))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-testid="total-fte">1.5<' in html
    assert 'data-testid="training-short">2<' in html  # both have 2 days or fewer
    assert "59 days vacant" in html and "vacant over 30 days" in html
    assert "Paolo Neri" in html and "missing" in html
    assert url("team_staff_job_description", member.pk) in html
    assert url("team_staff_new") in html


def test_adding_a_staff_member_through_the_form(personas, manager_a_client):
    response = manager_a_client.post(
        url("team_staff_new"),
        {
            "full_name": "Marco Bruni",
            "post": "Communication officer",
            "user": personas.staff_a.pk,
            "fte": "0.6",
            "started_on": "2024-09-01",
            "ended_on": "",
            "job_description": pdf("marco.pdf"),
        },
    )
    assert response.status_code == 302 and response["Location"] == url("team")
    member = StaffMember.objects.get()
    assert (member.user, member.fte, member.cluster) == (
        personas.staff_a,
        Decimal("0.6"),
        personas.cluster_a,
    )
    assert member.job_description.name
    assert AuditEntry.objects.filter(object_type="staffmember", actor=personas.manager_a).exists()


def test_the_staff_form_explains_each_bad_value_beside_its_field(personas, manager_a_client):
    response = manager_a_client.post(
        url("team_staff_new"),
        {
            "full_name": "Marco Bruni",
            "post": "Communication officer",
            "user": personas.manager_b.pk,
            "fte": "1.2",
            "started_on": "2024-09-01",
            "ended_on": "2024-08-31",
        },
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "account in this team" in errors["user"][0]
    assert "between 0.05" in errors["fte"][0]
    assert "end is before the start" in errors["ended_on"][0]
    assert not response.context["form"].non_field_errors()  # one message per problem
    assert not StaffMember.objects.exists()
    html = response.content.decode()
    assert 'class="form-errors" role="alert"' in html and "has-error" in html


def test_editing_keeps_or_clears_the_job_description(personas, manager_a_client, member):
    values = {
        "full_name": "Giulia Conti",
        "post": "Cluster manager",
        "fte": "0.8",
        "started_on": "2020-01-01",
        "ended_on": "",
    }
    response = manager_a_client.post(url("team_staff_edit", member.pk), values)
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.fte == Decimal("0.8") and member.job_description.name
    response = manager_a_client.post(
        url("team_staff_edit", member.pk), {**values, "job_description-clear": "on"}
    )
    member.refresh_from_db()
    assert response.status_code == 302 and not member.job_description


def test_ending_a_post_through_its_page(personas, manager_a_client, member):
    page = manager_a_client.get(url("team_staff_end", member.pk))
    assert page.status_code == 200 and "ended_on" in page.context["form"].fields
    refused = manager_a_client.post(url("team_staff_end", member.pk), {"ended_on": "2019-12-31"})
    assert "end is before the start" in refused.context["form"].errors["ended_on"][0]
    yesterday = timezone.localdate() - timedelta(days=1)
    refused = manager_a_client.post(url("team_staff_end", member.pk), {"ended_on": yesterday})
    assert "training record is dated after" in refused.context["form"].errors["ended_on"][0]
    today = timezone.localdate()
    response = manager_a_client.post(url("team_staff_end", member.pk), {"ended_on": today})
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.ended_on == today


def test_recording_training_and_refusing_bad_training(personas, manager_a_client, member):
    address = url("team_training_new", member.pk)
    tomorrow = timezone.localdate() + timedelta(days=1)
    for values, field, words in [
        ({"date": tomorrow.isoformat(), "days": "1"}, "date", "in the future"),
        ({"date": "2019-06-01", "days": "1"}, "date", "before Giulia Conti joined"),
        ({"date": "2024-06-01", "days": "1.25"}, "days", "half-day steps"),
        ({"date": "2024-06-01", "days": "0"}, "days", "more than zero"),
    ]:
        response = manager_a_client.post(address, {"topic": "Funding calls", **values})
        assert response.status_code == 200
        assert words in response.context["form"].errors[field][0], values
    assert member.trainings.count() == 1
    response = manager_a_client.post(
        address, {"date": "2024-06-01", "days": "2.5", "topic": "Funding calls", "provider": ""}
    )
    assert response.status_code == 302 and member.trainings.count() == 2


def test_deleting_training_and_staff(personas, manager_a_client, member):
    training = member.trainings.get()
    assert manager_a_client.get(url("team_training_delete", training.pk)).status_code == 200
    assert manager_a_client.post(url("team_training_delete", training.pk)).status_code == 302
    assert not TrainingRecord.objects.exists()
    page = manager_a_client.get(url("team_staff_delete", member.pk))
    assert "end their time in the post instead" in page.content.decode()
    assert manager_a_client.post(url("team_staff_delete", member.pk)).status_code == 302
    assert not StaffMember.objects.exists()


def test_the_export_comes_as_csv_or_xlsx_and_nothing_else(personas, manager_a_client, member):
    csv = manager_a_client.get(url("team_export", "csv"))
    assert csv["Content-Type"].startswith("text/csv")
    assert "Giulia Conti" in csv.content.decode("utf-8-sig")
    xlsx = manager_a_client.get(url("team_export", "xlsx"))
    assert xlsx.content.startswith(b"PK") and "attachment" in xlsx["Content-Disposition"]
    assert manager_a_client.get(url("team_export", "pdf")).status_code == 404


def test_the_job_description_is_served_only_through_its_page(personas, manager_a_client, member):
    response = manager_a_client.get(url("team_staff_job_description", member.pk))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    without = StaffMemberFactory(cluster=personas.cluster_a)
    assert manager_a_client.get(url("team_staff_job_description", without.pk)).status_code == 404


def test_the_team_pages_use_as_many_queries_for_a_large_team_as_for_a_small_one(
    personas, manager_a_client
):
    cluster = personas.cluster_a

    def add(count):
        for index in range(count):
            member = StaffMemberFactory(
                cluster=cluster,
                post=f"Post {index % 3}",
                user=personas.staff_a,
                started_on=date(2020, 1, 1) + timedelta(days=40 * index),
                ended_on=None if index % 2 else date(2020, 1, 1) + timedelta(days=40 * index + 30),
            )
            TrainingRecordFactory.create_batch(2, staff_member=member, date=timezone.localdate())

    def count(address):
        with CaptureQueriesContext(connection) as queries:
            assert manager_a_client.get(address).status_code == 200
        return len(queries)

    add(3)
    few = count(url("team")), count(url("team_export", "csv"))
    member = StaffMember.objects.first()
    detail = count(url("team_staff", member.pk))
    add(30)
    assert (count(url("team")), count(url("team_export", "csv"))) == few
    TrainingRecordFactory.create_batch(10, staff_member=member, date=date(2024, 1, 1))
    assert count(url("team_staff", member.pk)) == detail


def test_every_team_page_opens_for_the_staff(personas, member):
    client = personas.client_for(personas.staff_a)
    for address in read_urls(member) + write_urls(member):
        assert client.get(address).status_code == 200, address
