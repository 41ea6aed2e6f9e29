from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from clusterdesk.engagement.models import StaffMember, TrainingRecord
from clusterdesk.engagement.services.team import (
    staff_member_create,
    staff_member_delete,
    staff_member_end,
    staff_member_update,
    team_export,
    team_overview,
    training_record_create,
)
from clusterdesk.lib.errors import DomainError
from clusterdesk.lib.tabular import read_table
from clusterdesk.tenancy.models import AuditEntry, Role
from clusterdesk.testing.factories import MembershipFactory, UserFactory

from .team_helpers import TODAY, StaffMemberFactory, TrainingRecordFactory, media, pdf  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]


def staff_data(**changes):
    data = {
        "full_name": "Giulia Conti",
        "post": "Cluster manager",
        "user": None,
        "fte": Decimal("0.8"),
        "started_on": date(2021, 2, 1),
        "ended_on": None,
    }
    data.update(changes)
    return data


def test_adding_a_staff_member_records_who_did_it(personas):
    member = staff_member_create(
        cluster=personas.cluster_a,
        actor=personas.manager_a,
        data=staff_data(post="  Cluster   manager ", job_description=pdf("jd.pdf")),
    )
    assert member.post == "Cluster manager" and member.job_description.name.endswith(".pdf")
    entry = AuditEntry.objects.for_cluster(personas.cluster_a).get(object_type="staffmember")
    assert entry.actor == personas.manager_a and entry.changes["fte"] == [None, "0.8"]


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"ended_on": date(2021, 1, 31)}, "ended_on", "end is before the start"),
        ({"fte": Decimal("0")}, "fte", "between 0.05"),
        ({"fte": Decimal("0.04")}, "fte", "between 0.05"),
        ({"fte": Decimal("1.5")}, "fte", "between 0.05"),
        ({"fte": Decimal("0.125")}, "fte", "two decimals"),
        ({"fte": "half"}, "fte", "as a number"),
        ({"fte": None}, "fte", "Give the FTE"),
        ({"full_name": " "}, "full_name", "name"),
        ({"post": ""}, "post", "post"),
        ({"started_on": None}, "started_on", "started"),
        (
            {"job_description": SimpleUploadedFile("cv.exe", b"MZ")},
            "job_description",
            "PDF, Word",
        ),
    ],
)
def test_bad_staff_values_are_refused_with_their_field_and_nothing_is_written(
    personas, changes, field, words
):
    with pytest.raises(DomainError) as refused:
        staff_member_create(
            cluster=personas.cluster_a, actor=personas.manager_a, data=staff_data(**changes)
        )
    assert refused.value.field == field and words in refused.value.message
    assert not StaffMember.objects.exists() and not AuditEntry.objects.exists()


@pytest.mark.parametrize("fte", [Decimal("0.05"), Decimal("1"), Decimal("0.75")])
def test_the_fte_limits_themselves_are_accepted(personas, fte):
    member = staff_member_create(cluster=personas.cluster_a, actor=None, data=staff_data(fte=fte))
    assert member.fte == fte


def test_only_an_account_of_this_clusters_team_can_be_linked(personas):
    with pytest.raises(DomainError) as refused:
        staff_member_create(
            cluster=personas.cluster_a, actor=None, data=staff_data(user=personas.manager_b)
        )
    assert refused.value.field == "user"
    with pytest.raises(DomainError):  # a member representative is not in the team
        staff_member_create(
            cluster=personas.cluster_a, actor=None, data=staff_data(user=personas.member_a)
        )
    member = staff_member_create(
        cluster=personas.cluster_a, actor=None, data=staff_data(user=personas.staff_a)
    )
    assert member.user == personas.staff_a


def test_a_link_kept_after_the_account_left_does_not_block_other_changes(personas):
    former = UserFactory(email="former@a.example")
    membership = MembershipFactory(cluster=personas.cluster_a, user=former, role=Role.STAFF)
    member = staff_member_create(
        cluster=personas.cluster_a, actor=None, data=staff_data(user=former)
    )
    membership.delete()
    staff_member_update(staff_member=member, actor=None, data={"fte": Decimal("0.5")})
    member.refresh_from_db()
    assert member.fte == Decimal("0.5") and member.user == former


def test_ending_a_post_before_it_started_is_refused(personas):
    member = StaffMemberFactory(cluster=personas.cluster_a, started_on=date(2022, 1, 1))
    with pytest.raises(DomainError) as refused:
        staff_member_end(staff_member=member, actor=None, ended_on=date(2021, 12, 31))
    assert refused.value.field == "ended_on"
    staff_member_end(staff_member=member, actor=None, ended_on=date(2022, 1, 1))
    member.refresh_from_db()
    assert member.ended_on == date(2022, 1, 1)


def test_moving_the_dates_past_recorded_training_is_explained(personas):
    member = StaffMemberFactory(cluster=personas.cluster_a, started_on=date(2022, 1, 1))
    TrainingRecordFactory(staff_member=member, date=date(2022, 3, 1))
    with pytest.raises(DomainError) as refused:
        staff_member_update(staff_member=member, actor=None, data={"started_on": date(2022, 5, 1)})
    assert refused.value.field == "started_on" and "1 training record" in refused.value.message
    with pytest.raises(DomainError) as refused:
        staff_member_end(staff_member=member, actor=None, ended_on=date(2022, 2, 1))
    assert refused.value.field == "ended_on"


def test_a_new_job_description_replaces_the_old_file_once_saved(
    personas, django_capture_on_commit_callbacks
):
    member = staff_member_create(
        cluster=personas.cluster_a, actor=None, data=staff_data(job_description=pdf("old.pdf"))
    )
    old = Path(member.job_description.path)
    assert old.exists()
    with django_capture_on_commit_callbacks(execute=True):
        staff_member_update(
            staff_member=member, actor=None, data={"job_description": pdf("new.pdf")}
        )
    assert not old.exists() and Path(member.job_description.path).exists()


def test_deleting_a_staff_member_deletes_their_training(personas):
    member = StaffMemberFactory(cluster=personas.cluster_a)
    TrainingRecordFactory.create_batch(2, staff_member=member)
    staff_member_delete(staff_member=member, actor=personas.manager_a)
    assert not TrainingRecord.objects.exists()
    entry = AuditEntry.objects.get(action="deleted")
    assert entry.changes == {"training_records": [2, 0]}


# --------------------------------------------------------------------------- training


def training_data(**changes):
    data = {"date": date(2026, 3, 1), "days": Decimal("1.5"), "topic": "Cluster management"}
    data.update(changes)
    return data


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"date": date(2026, 6, 16)}, "date", "in the future"),
        ({"date": date(2020, 12, 31)}, "date", "before Ada Rossi joined"),
        ({"days": Decimal("0.3")}, "days", "half-day steps"),
        ({"days": Decimal("0")}, "days", "more than zero"),
        ({"days": Decimal("-1")}, "days", "more than zero"),
        ({"days": None}, "days", "training days"),
        ({"topic": " "}, "topic", "topic"),
        ({"date": None}, "date", "date"),
    ],
)
def test_bad_training_is_refused_with_its_field(personas, changes, field, words):
    member = StaffMemberFactory(
        cluster=personas.cluster_a, full_name="Ada Rossi", started_on=date(2021, 1, 1)
    )
    with pytest.raises(DomainError) as refused:
        training_record_create(
            staff_member=member, actor=None, data=training_data(**changes), today=TODAY
        )
    assert refused.value.field == field and words in refused.value.message
    assert not TrainingRecord.objects.exists()


def test_training_after_the_person_left_is_refused(personas):
    member = StaffMemberFactory(
        cluster=personas.cluster_a, started_on=date(2021, 1, 1), ended_on=date(2025, 12, 31)
    )
    with pytest.raises(DomainError) as refused:
        training_record_create(staff_member=member, actor=None, data=training_data(), today=TODAY)
    assert "after" in refused.value.message


def test_training_today_on_the_first_day_in_half_days_is_fine(personas):
    member = StaffMemberFactory(cluster=personas.cluster_a, started_on=TODAY)
    record = training_record_create(
        staff_member=member,
        actor=personas.staff_a,
        data=training_data(date=TODAY, days=Decimal("0.5"), provider=" EIT "),
        today=TODAY,
    )
    assert (record.cluster, record.provider, record.days) == (
        personas.cluster_a,
        "EIT",
        Decimal("0.5"),
    )


# --------------------------------------------------------------------------- overview


def test_the_overview_totals_the_fte_of_todays_team_only(personas):
    cluster = personas.cluster_a
    StaffMemberFactory(cluster=cluster, fte=Decimal("0.25"), post="Manager")
    StaffMemberFactory(cluster=cluster, fte=Decimal("0.20"), post="Officer")
    StaffMemberFactory(cluster=cluster, fte=Decimal("1"), ended_on=date(2025, 1, 1))
    StaffMemberFactory(cluster=cluster, fte=Decimal("1"), started_on=date(2026, 9, 1))
    StaffMemberFactory(cluster=personas.cluster_b, fte=Decimal("1"))
    overview = team_overview(cluster, TODAY)
    assert overview.total_fte == Decimal("0.45") and not overview.meets_minimum_fte
    assert len(overview.current) == 2
    assert sorted(row.status for row in overview.others) == ["former", "upcoming"]
    StaffMemberFactory(cluster=cluster, fte=Decimal("0.05"), post="Assistant")
    assert team_overview(cluster, TODAY).meets_minimum_fte  # 0.5 exactly is enough


def test_training_days_count_the_last_12_months_and_two_days_are_too_few(personas):
    cluster = personas.cluster_a
    two = StaffMemberFactory(cluster=cluster, full_name="Two days")
    more = StaffMemberFactory(cluster=cluster, full_name="Two and a half")
    TrainingRecordFactory(staff_member=two, date=date(2025, 6, 15), days=Decimal("5"))  # too old
    TrainingRecordFactory(staff_member=two, date=date(2025, 6, 16), days=Decimal("1.5"))
    TrainingRecordFactory(staff_member=two, date=TODAY, days=Decimal("0.5"))
    TrainingRecordFactory(staff_member=more, date=date(2026, 1, 10), days=Decimal("2.5"))
    overview = team_overview(cluster, TODAY)
    days = {row.member.full_name: row.training_days for row in overview.current}
    assert days == {"Two days": Decimal("2"), "Two and a half": Decimal("2.5")}
    assert [row.member.full_name for row in overview.short_of_training] == ["Two days"]
    assert overview.training_met is False
    assert len(overview.recent_trainings) == 3


def test_continuity_needs_job_descriptions_and_no_long_vacancy(personas):
    cluster = personas.cluster_a
    StaffMemberFactory(
        cluster=cluster, post="Manager", ended_on=date(2025, 1, 31), job_description="a.pdf"
    )
    successor = StaffMemberFactory(
        cluster=cluster, post="Manager", started_on=date(2025, 3, 13), job_description="b.pdf"
    )
    overview = team_overview(cluster, TODAY)
    assert overview.without_job_description == []
    [vacancy] = overview.long_vacancies
    assert (vacancy.left_by.post, vacancy.filled_by, vacancy.transition.days) == (
        "Manager",
        successor,
        40,
    )
    assert overview.continuity_met is False
    [post] = overview.posts
    assert [bool(step.holder) for step in post.steps] == [True, False, True]
    assert post.has_long_vacancy and post.held_now


def test_without_a_team_the_indicators_are_not_known(personas):
    overview = team_overview(personas.cluster_a, TODAY)
    assert overview.training_met is None and overview.continuity_met is None
    assert overview.total_fte == 0


def test_the_export_lists_the_whole_team_with_training_days(personas):
    cluster = personas.cluster_a
    member = StaffMemberFactory(cluster=cluster, full_name="Ada Rossi", user=personas.staff_a)
    TrainingRecordFactory(staff_member=member, date=date(2026, 2, 1), days=Decimal("3"))
    TrainingRecordFactory(staff_member=member, date=date(2023, 2, 1), days=Decimal("1"))
    StaffMemberFactory(cluster=cluster, full_name="Former", ended_on=date(2024, 1, 1))
    StaffMemberFactory(cluster=personas.cluster_b, full_name="Other cluster")
    for file_format in ("csv", "xlsx"):
        table = read_table(team_export(cluster, file_format, TODAY), f"team.{file_format}")
        assert table.headers[0] == "Name" and table.headers[-2].startswith("Training days")
        rows = {str(cells[0]): cells for _number, cells in table.rows}
        assert set(rows) == {"Ada Rossi", "Former"}
        ada = rows["Ada Rossi"]
        assert ada[5] == "current" and ada[6] == "staff@a.example" and ada[7] == "no"
        assert Decimal(str(ada[8])) == 3 and Decimal(str(ada[9])) == 4
        assert rows["Former"][5] == "left"
