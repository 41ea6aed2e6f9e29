from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from hypothesis import given
from hypothesis import strategies as st

from clusterdesk.engagement.models import (
    Activity,
    ActivityKind,
    Involvement,
    InvolvementRole,
    WorkingGroup,
    WorkingGroupOutput,
)
from clusterdesk.engagement.services.activities import (
    InvolvementInput,
    active_working_groups,
    activity_create,
    activity_delete,
    activity_update,
    default_involvement,
    involvement_set,
    working_group_create,
    working_group_delete,
    working_group_is_active,
    working_group_output_add,
    working_group_output_delete,
    working_group_update,
)
from clusterdesk.lib.errors import DomainError
from clusterdesk.tenancy.models import AuditEntry
from clusterdesk.testing.factories import ContactFactory, OrganisationFactory

from .activity_helpers import ActivityFactory, WorkingGroupFactory

ACTIVE, PASSIVE = InvolvementRole.ACTIVE, InvolvementRole.PASSIVE
TODAY = date(2026, 11, 28)


@pytest.fixture
def three(personas):
    return [
        OrganisationFactory(cluster=personas.cluster_a, name=name)
        for name in ("Filatura Alfa", "Tessitura Beta", "Tintoria Gamma")
    ]


def _fair(personas, involvements=(), **overrides):
    fields = {
        "cluster": personas.cluster_a,
        "actor": personas.manager_a,
        "kind": ActivityKind.JOINT_TRADE_FAIR,
        "title": "Première Vision",
        "starts_on": date(2026, 2, 10),
        "ends_on": date(2026, 2, 12),
        "place": "Paris",
        "is_international": True,
        "involvements": involvements,
    }
    fields.update(overrides)
    return activity_create(**fields)


# Recording an activity ---------------------------------------------------------------------


@pytest.mark.django_db
def test_an_activity_is_recorded_with_its_participants_and_their_start_date(personas, three):
    activity = _fair(
        personas,
        [
            InvolvementInput(three[0], ACTIVE, 3),
            InvolvementInput(three[1], ACTIVE, "1.5"),
            InvolvementInput(three[2], PASSIVE, Decimal("0.5")),
        ],
    )
    rows = list(activity.involvements.order_by("organisation__name"))
    assert [(r.organisation, r.role, r.days) for r in rows] == [
        (three[0], ACTIVE, Decimal("3")),
        (three[1], ACTIVE, Decimal("1.5")),
        (three[2], PASSIVE, Decimal("0.5")),
    ]
    assert {r.starts_on for r in rows} == {date(2026, 2, 10)}
    assert {r.cluster_id for r in rows} == {personas.cluster_a.pk}
    entry = AuditEntry.objects.get(object_type="activity", object_id=activity.pk)
    assert entry.actor == personas.manager_a
    assert entry.changes["involvements.participants"] == [0, 3]


@pytest.mark.django_db
def test_changing_the_dates_moves_the_involvements_with_the_activity(personas, three):
    activity = _fair(personas, [InvolvementInput(o, ACTIVE, 1) for o in three])
    activity_update(
        activity=activity,
        actor=personas.manager_a,
        data={"starts_on": date(2026, 9, 15), "ends_on": date(2026, 9, 17)},
    )
    assert set(Involvement.objects.values_list("starts_on", flat=True)) == {date(2026, 9, 15)}
    assert AuditEntry.objects.filter(object_type="activity", action="changed").count() == 1


@pytest.mark.django_db
def test_changing_the_dates_and_the_rows_at_once_keeps_them_in_step(personas, three):
    activity = _fair(personas, [InvolvementInput(three[0], ACTIVE, 3)])
    kept_id = activity.involvements.get().pk
    activity_update(
        activity=activity,
        actor=personas.manager_a,
        data={"starts_on": date(2026, 5, 4), "ends_on": date(2026, 5, 4)},
        involvements=[
            InvolvementInput(three[0], ACTIVE, 1),
            InvolvementInput(three[1], PASSIVE, "0.5"),
        ],
    )
    rows = {i.organisation_id: i for i in Involvement.objects.all()}
    assert rows[three[0].pk].pk == kept_id and rows[three[0].pk].days == 1
    assert {i.starts_on for i in rows.values()} == {date(2026, 5, 4)}


@pytest.mark.django_db
def test_shortening_an_activity_below_someones_days_is_refused_until_the_days_change(
    personas, three
):
    activity = _fair(personas, [InvolvementInput(three[0], ACTIVE, 3)])
    with pytest.raises(DomainError) as refused:
        activity_update(
            activity=activity, actor=personas.manager_a, data={"ends_on": date(2026, 2, 10)}
        )
    assert refused.value.field == "ends_on"
    assert "Filatura Alfa is down for 3 days" in refused.value.message
    activity.refresh_from_db()
    assert activity.ends_on == date(2026, 2, 12)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("overrides", "field", "words"),
    [
        ({"ends_on": date(2026, 2, 9)}, "ends_on", "end is before the start"),
        ({"title": "  "}, "title", "title"),
        ({"kind": "party"}, "kind", "what kind"),
        ({"starts_on": date(2031, 1, 1), "ends_on": date(2031, 1, 1)}, "starts_on", "years"),
        ({"ends_on": date(2040, 1, 1)}, "ends_on", "more than 10 years"),
    ],
)
def test_an_activity_with_wrong_fields_is_refused_whole(personas, three, overrides, field, words):
    with pytest.raises(DomainError) as refused:
        _fair(personas, [InvolvementInput(three[0], ACTIVE, 1)], **overrides)
    assert refused.value.field == field and words in refused.value.message
    assert not Activity.objects.exists() and not Involvement.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("row", "field", "words"),
    [
        (("first", ACTIVE, -1), "involvements.1.days", "more than zero"),
        (("first", ACTIVE, 0), "involvements.1.days", "more than zero"),
        (("first", ACTIVE, "0.3"), "involvements.1.days", "half-day steps"),
        (("first", ACTIVE, 4), "involvements.1.days", "more than the activity lasts (3)"),
        (("first", ACTIVE, "lots"), "involvements.1.days", "as a number"),
        (("first", ACTIVE, None), "involvements.1.days", "Give the days"),
        (("first", "organiser", 1), "involvements.1.role", "actively or attended"),
        (("other", ACTIVE, 1), "involvements.1.organisation", "not a participant of this"),
        ((None, ACTIVE, 1), "involvements.1.organisation", "Choose a participant"),
    ],
)
def test_a_bad_row_is_named_and_nothing_is_written(personas, three, row, field, words):
    stranger = OrganisationFactory(cluster=personas.cluster_b, name="Makina Delta")
    organisation = {"first": three[1], "other": stranger, None: None}[row[0]]
    with pytest.raises(DomainError) as refused:
        _fair(
            personas,
            [
                InvolvementInput(three[0], ACTIVE, 1),
                InvolvementInput(organisation, row[1], row[2]),
            ],
        )
    assert refused.value.field == field and words in refused.value.message
    assert not Activity.objects.exists() and not Involvement.objects.exists()
    assert not AuditEntry.objects.filter(object_type="activity").exists()


@pytest.mark.django_db
def test_the_same_organisation_twice_is_refused_with_the_row_it_is_already_on(personas, three):
    with pytest.raises(DomainError) as refused:
        _fair(
            personas,
            [
                InvolvementInput(three[0], ACTIVE, 1),
                InvolvementInput(three[1], ACTIVE, 1),
                InvolvementInput(three[0], PASSIVE, "0.5"),
            ],
        )
    assert refused.value.field == "involvements.2.organisation"
    assert refused.value.message == "Filatura Alfa is already in the list (row 1)."
    assert not Activity.objects.exists()


@pytest.mark.django_db
def test_a_working_group_of_another_cluster_is_refused(personas):
    foreign = WorkingGroupFactory(cluster=personas.cluster_b)
    with pytest.raises(DomainError) as refused:
        _fair(personas, working_group=foreign)
    assert refused.value.field == "working_group"


# Replacing the list of participants --------------------------------------------------------


@pytest.mark.django_db
def test_the_list_of_participants_is_replaced_whole_keeping_the_rows_that_stay(personas, three):
    activity = _fair(
        personas, [InvolvementInput(three[0], ACTIVE, 3), InvolvementInput(three[1], ACTIVE, 2)]
    )
    kept = activity.involvements.get(organisation=three[0]).pk
    fourth = OrganisationFactory(cluster=personas.cluster_a, name="Stamperia Delta")
    involvement_set(
        activity=activity,
        actor=personas.staff_a,
        involvements=[
            InvolvementInput(three[0], PASSIVE, "0.5"),
            InvolvementInput(fourth, ACTIVE, "2.5"),
        ],
    )
    rows = {i.organisation_id: i for i in activity.involvements.all()}
    assert set(rows) == {three[0].pk, fourth.pk}
    assert rows[three[0].pk].pk == kept and rows[three[0].pk].role == PASSIVE
    assert rows[fourth.pk].starts_on == activity.starts_on
    entry = AuditEntry.objects.filter(object_type="activity").latest("id")
    assert entry.actor == personas.staff_a and entry.changes["involvements.days"] == ["5", "3"]


@pytest.mark.django_db
def test_a_bad_row_in_a_replacement_leaves_the_old_list_untouched(personas, three):
    activity = _fair(personas, [InvolvementInput(three[0], ACTIVE, 3)])
    with pytest.raises(DomainError):
        involvement_set(
            activity=activity,
            actor=personas.manager_a,
            involvements=[
                InvolvementInput(three[1], ACTIVE, 1),
                InvolvementInput(three[2], ACTIVE, 9),
            ],
        )
    assert list(activity.involvements.values_list("organisation", "days")) == [
        (three[0].pk, Decimal("3"))
    ]


@pytest.mark.django_db
def test_an_empty_list_removes_every_participant(personas, three):
    activity = _fair(personas, [InvolvementInput(three[0], ACTIVE, 3)])
    involvement_set(activity=activity, actor=personas.manager_a, involvements=[])
    assert not activity.involvements.exists()


@pytest.mark.django_db
def test_deleting_an_activity_deletes_its_involvements_and_leaves_a_record(personas, three):
    activity = _fair(personas, [InvolvementInput(three[0], ACTIVE, 3)])
    activity_delete(activity=activity, actor=personas.manager_a)
    assert not Activity.objects.exists() and not Involvement.objects.exists()
    entry = AuditEntry.objects.get(object_type="activity", action="deleted")
    assert entry.changes == {"involvements": [1, 0]}


# Defaults of a new row ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "start", "end", "expected"),
    [
        (ActivityKind.WORKING_GROUP_MEETING, date(2026, 3, 1), date(2026, 3, 1), ("active", 1)),
        (ActivityKind.JOINT_TRADE_FAIR, date(2026, 3, 1), date(2026, 3, 3), ("active", 3)),
        (ActivityKind.DELEGATION, date(2026, 3, 1), date(2026, 3, 5), ("active", 5)),
        (ActivityKind.COLLABORATIVE_PROJECT, date(2026, 3, 1), date(2026, 9, 30), ("active", None)),
        (ActivityKind.SEMINAR, date(2026, 3, 1), date(2026, 3, 1), ("passive", Decimal("0.5"))),
        (ActivityKind.WORKSHOP, None, None, ("passive", Decimal("0.5"))),
        (ActivityKind.BARCAMP, None, None, ("active", 1)),
        (ActivityKind.BARCAMP, date(2026, 3, 2), date(2026, 3, 1), ("active", 1)),
    ],
)
def test_a_new_row_starts_with_a_sensible_role_and_days(kind, start, end, expected):
    assert default_involvement(kind, start, end) == expected


def test_a_chosen_role_keeps_its_own_default_days():
    assert default_involvement(ActivityKind.SEMINAR, date(2026, 3, 1), date(2026, 3, 2), "active")
    assert default_involvement(
        ActivityKind.SEMINAR, date(2026, 3, 1), date(2026, 3, 2), "active"
    ) == ("active", 2)


# Working groups ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_working_group_has_its_chair_among_its_members(personas, three):
    person = ContactFactory(organisation=three[0], first_name="Giulia", last_name="Neri")
    group = working_group_create(
        cluster=personas.cluster_a,
        actor=personas.manager_a,
        name="Circular textiles",
        chair_person=person,
        members=three[1:],
        started_on=date(2025, 1, 15),
    )
    assert group.chair == three[0] and group.chair_person == person
    assert set(group.members.all()) == set(three)
    entry = AuditEntry.objects.get(object_type="workinggroup")
    assert entry.changes["members"][1] == ["Filatura Alfa", "Tessitura Beta", "Tintoria Gamma"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("case", "field", "words"),
    [
        ("no name", "name", "name"),
        ("ends first", "ended_on", "end is before the start"),
        ("foreign member", "members", "Makina Delta is not a participant of this cluster"),
        ("foreign chair", "chair", "Makina Delta is not a participant of this cluster"),
        ("person elsewhere", "chair_person", "is not a contact of Filatura Alfa"),
    ],
)
def test_a_working_group_with_wrong_fields_is_refused(personas, three, case, field, words):
    stranger = OrganisationFactory(cluster=personas.cluster_b, name="Makina Delta")
    fields = {"name": "Circular textiles", "members": three, "chair": three[0]}
    if case == "no name":
        fields["name"] = ""
    elif case == "ends first":
        fields.update(started_on=date(2026, 3, 1), ended_on=date(2026, 2, 1))
    elif case == "foreign member":
        fields["members"] = [*three, stranger]
    elif case == "foreign chair":
        fields["chair"] = stranger
    else:
        fields["chair_person"] = ContactFactory(organisation=three[1])
    with pytest.raises(DomainError) as refused:
        working_group_create(cluster=personas.cluster_a, actor=personas.manager_a, **fields)
    assert refused.value.field == field and words in refused.value.message
    assert not WorkingGroup.objects.exists()


@pytest.mark.django_db
def test_a_working_groups_members_are_set_to_exactly_the_ones_given(personas, three):
    group = WorkingGroupFactory(cluster=personas.cluster_a, members=three[:2])
    working_group_update(
        working_group=group,
        actor=personas.manager_a,
        data={"theme": "Recycled fibres"},
        members=[three[1], three[2]],
    )
    group.refresh_from_db()
    assert group.theme == "Recycled fibres"
    assert set(group.members.all()) == {three[1], three[2]}
    entry = AuditEntry.objects.get(object_type="workinggroup")
    assert entry.changes["members"] == [
        ["Filatura Alfa", "Tessitura Beta"],
        ["Tessitura Beta", "Tintoria Gamma"],
    ]


@pytest.mark.django_db
def test_deleting_a_group_keeps_its_meetings_as_activities(
    personas, three, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    group = WorkingGroupFactory(cluster=personas.cluster_a, members=three)
    meeting = ActivityFactory(
        cluster=personas.cluster_a, kind=ActivityKind.WORKING_GROUP_MEETING, working_group=group
    )
    output = working_group_output_add(
        working_group=group,
        actor=personas.manager_a,
        title="Minutes",
        date=date(2026, 1, 20),
        document=ContentFile(b"minutes", name="minutes.pdf"),
    )
    stored = tmp_path / output.document.name
    assert stored.exists()
    with django_capture_on_commit_callbacks(execute=True):
        working_group_delete(working_group=group, actor=personas.manager_a)
    meeting.refresh_from_db()
    assert meeting.working_group is None
    assert not WorkingGroupOutput.objects.exists() and not stored.exists()


@pytest.mark.django_db
def test_an_output_in_the_future_is_refused_and_a_deleted_one_loses_its_file(
    personas, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    group = WorkingGroupFactory(cluster=personas.cluster_a)
    tomorrow = date.today() + timedelta(days=2)
    with pytest.raises(DomainError) as refused:
        working_group_output_add(
            working_group=group, actor=personas.manager_a, title="Paper", date=tomorrow
        )
    assert refused.value.field == "date"
    output = working_group_output_add(
        working_group=group,
        actor=personas.manager_a,
        title="Paper",
        date=date(2026, 1, 5),
        document=ContentFile(b"%PDF", name="paper.pdf"),
    )
    stored = tmp_path / output.document.name
    with django_capture_on_commit_callbacks(execute=True):
        working_group_output_delete(output=output, actor=personas.manager_a)
    assert not stored.exists() and not WorkingGroupOutput.objects.exists()


# Is a working group active? (SPEC B6) --------------------------------------------------------


@pytest.mark.parametrize(
    ("members", "last", "active"),
    [
        (3, TODAY, True),
        (3, date(2025, 11, 29), True),  # the first day of the last 12 months
        (3, date(2025, 11, 28), False),  # a year ago to the day: outside
        (2, TODAY, False),
        (30, None, False),
        (3, TODAY + timedelta(days=1), False),  # a planned meeting has not happened yet
    ],
)
def test_a_group_is_active_with_three_members_and_a_meeting_in_the_last_12_months(
    members, last, active
):
    assert working_group_is_active(members, last, TODAY) is active


def test_the_last_12_months_of_a_29_february_start_after_28_february():
    assert working_group_is_active(3, date(2027, 3, 1), date(2028, 2, 29))
    assert not working_group_is_active(3, date(2027, 2, 28), date(2028, 2, 29))


@given(
    today=st.dates(min_value=date(2001, 1, 1), max_value=date(2099, 12, 31)),
    earlier=st.integers(min_value=-30, max_value=800),
    later=st.integers(min_value=0, max_value=800),
)
def test_a_later_meeting_never_makes_an_active_group_inactive(today, earlier, later):
    first = today - timedelta(days=earlier)
    second = min(today, first + timedelta(days=later))
    if working_group_is_active(3, first, today):
        assert working_group_is_active(3, second, today)
    if earlier < 0 or earlier > 366:
        assert not working_group_is_active(3, first, today)
    if 0 <= earlier < 365:
        assert working_group_is_active(3, first, today)


@pytest.mark.django_db
def test_the_database_counts_the_same_active_groups_as_the_rule(personas):
    cluster = personas.cluster_a
    members = OrganisationFactory.create_batch(3, cluster=cluster)

    def group(name, last_meeting, *, member_count=3, kind=ActivityKind.WORKING_GROUP_MEETING):
        created = WorkingGroupFactory(cluster=cluster, name=name, members=members[:member_count])
        if last_meeting:
            ActivityFactory(
                cluster=cluster, working_group=created, kind=kind, starts_on=date(2024, 1, 1)
            )
            ActivityFactory(
                cluster=cluster, working_group=created, kind=kind, starts_on=last_meeting
            )
        return created

    group("met today", TODAY)
    group("met just inside", date(2025, 11, 29))
    group("met a year ago to the day", date(2025, 11, 28))
    group("too small", TODAY, member_count=2)
    group("never met", None)
    group("only planned", TODAY + timedelta(days=3))
    group("held a workshop only", TODAY, kind=ActivityKind.WORKSHOP)
    WorkingGroupFactory(cluster=personas.cluster_b, name="other cluster")

    names = set(active_working_groups(cluster, TODAY).values_list("name", flat=True))
    assert names == {"met today", "met just inside"}
