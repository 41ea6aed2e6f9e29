from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from clusterdesk.engagement.models import Activity, ActivityKind, Involvement
from clusterdesk.lib.tabular import read_table
from clusterdesk.tenancy.models import AuditEntry
from clusterdesk.testing.factories import OrganisationFactory

from .activity_helpers import (
    ActivityFactory,
    InvolvementFactory,
    WorkingGroupFactory,
    activity_post,
    url,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def three(personas):
    return [
        OrganisationFactory(cluster=personas.cluster_a, name=name)
        for name in ("Filatura Alfa", "Tessitura Beta", "Tintoria Gamma")
    ]


def _this_year(month=3, day=10):
    return date(timezone.localdate().year, month, day)


# The list ------------------------------------------------------------------------------------


def test_the_list_counts_this_years_activities_participants_and_active_days(
    personas, manager_a_client, three
):
    fair = ActivityFactory(
        cluster=personas.cluster_a,
        kind=ActivityKind.JOINT_TRADE_FAIR,
        starts_on=_this_year(),
        ends_on=_this_year(day=12),
    )
    InvolvementFactory(activity=fair, organisation=three[0], days=3)
    InvolvementFactory(activity=fair, organisation=three[1], days="1.5")
    seminar = ActivityFactory(cluster=personas.cluster_a, starts_on=_this_year(month=4))
    InvolvementFactory(activity=seminar, organisation=three[2], role="passive", days="0.5")
    InvolvementFactory(activity=seminar, organisation=three[0], role="passive", days="0.5")
    last_year = ActivityFactory(
        cluster=personas.cluster_a, starts_on=_this_year().replace(year=_this_year().year - 1)
    )
    InvolvementFactory(activity=last_year, days=1)
    ActivityFactory(cluster=personas.cluster_b, starts_on=_this_year())

    response = manager_a_client.get(url("activities"))
    summary = response.context["summary"]
    assert (summary.activities, summary.participants, summary.active_participants) == (2, 3, 2)
    assert summary.active_days == Decimal("4.5")
    html = response.content.decode()
    assert 'data-testid="active-days">4.5<' in html
    assert "Joint trade-fair stand: 1" in html  # the chart's description
    assert response.context["page"].paginator.count == 3  # the list shows every year


def test_the_list_filters_by_kind_group_international_period_and_participant(
    personas, manager_a_client, three
):
    cluster = personas.cluster_a
    group = WorkingGroupFactory(cluster=cluster, name="Circular textiles")
    meeting = ActivityFactory(
        cluster=cluster,
        kind=ActivityKind.WORKING_GROUP_MEETING,
        working_group=group,
        title="Kick-off",
        starts_on=date(2025, 5, 6),
    )
    InvolvementFactory(activity=meeting, organisation=three[0])
    fair = ActivityFactory(
        cluster=cluster,
        kind=ActivityKind.JOINT_TRADE_FAIR,
        is_international=True,
        title="Première Vision",
        starts_on=date(2026, 2, 10),
    )
    InvolvementFactory(activity=fair, organisation=three[1])

    def titles(**params):
        response = manager_a_client.get(url("activities"), params)
        return [a.title for a in response.context["page"].object_list]

    assert titles(kind="working_group_meeting") == ["Kick-off"]
    assert titles(working_group=group.pk) == ["Kick-off"]
    assert titles(international="yes") == ["Première Vision"]
    assert titles(international="no") == ["Kick-off"]
    assert titles(year=2025) == ["Kick-off"]
    assert titles(date_from="2026-01-01", date_to="2026-12-31") == ["Première Vision"]
    assert titles(participant=three[1].pk) == ["Première Vision"]
    assert titles(q="kick") == ["Kick-off"]
    assert titles(q="paris vision") == []  # every word, in the title or the place
    assert titles(q="prato vision") == ["Première Vision"]
    response = manager_a_client.get(url("activities"), {"participant": three[1].pk})
    assert "Only <strong>Tessitura Beta</strong>" in response.content.decode()
    summary = manager_a_client.get(url("activities"), {"year": 2025}).context["summary"]
    assert (summary.year, summary.activities, summary.participants) == (2025, 1, 1)


def test_the_figures_follow_the_other_filters_too(personas, manager_a_client, three):
    fair = ActivityFactory(
        cluster=personas.cluster_a, kind=ActivityKind.JOINT_TRADE_FAIR, starts_on=_this_year()
    )
    InvolvementFactory(activity=fair, organisation=three[0], days=1)
    seminar = ActivityFactory(cluster=personas.cluster_a, starts_on=_this_year())
    InvolvementFactory(activity=seminar, organisation=three[1], days=1)
    summary = manager_a_client.get(url("activities"), {"kind": "joint_trade_fair"}).context[
        "summary"
    ]
    assert (summary.activities, summary.participants, summary.active_days) == (1, 1, 1)
    summary = manager_a_client.get(
        url("activities"), {"year": _this_year().year, "date_from": _this_year(month=3, day=11)}
    ).context["summary"]
    assert (summary.year, summary.activities) == (None, 0)  # a range inside the year


def test_the_list_answers_htmx_with_the_table_only(personas, manager_a_client):
    ActivityFactory(cluster=personas.cluster_a, title="BarCamp Prato")
    response = manager_a_client.get(url("activities"), headers={"HX-Request": "true"})
    html = response.content.decode()
    assert "BarCamp Prato" in html and "<html" not in html and "summary" not in response.context


def test_the_list_takes_the_same_number_of_queries_for_many_rows(personas, manager_a_client):
    cluster = personas.cluster_a
    group = WorkingGroupFactory(cluster=cluster)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert manager_a_client.get(url("activities")).status_code == 200
        return len(queries)

    def add(n):
        for _ in range(n):
            activity = ActivityFactory(cluster=cluster, working_group=group)
            InvolvementFactory.create_batch(2, activity=activity)

    add(2)
    few = count()
    add(20)
    assert count() == few


# The export ----------------------------------------------------------------------------------


def test_the_export_has_one_row_per_involvement_as_people_check_figures(
    personas, manager_a_client, three
):
    group = WorkingGroupFactory(cluster=personas.cluster_a, name="Circular textiles")
    meeting = ActivityFactory(
        cluster=personas.cluster_a,
        kind=ActivityKind.WORKING_GROUP_MEETING,
        title="Kick-off",
        working_group=group,
        starts_on=date(2026, 3, 10),
    )
    InvolvementFactory(activity=meeting, organisation=three[0], days=1)
    InvolvementFactory(activity=meeting, organisation=three[1], role="passive", days="0.5")
    ActivityFactory(cluster=personas.cluster_a, title="Nobody came")
    other = ActivityFactory(cluster=personas.cluster_b, title="Other cluster")
    InvolvementFactory(activity=other)

    response = manager_a_client.get(url("activities_export", "csv"))
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="tfc-involvements-' in response["Content-Disposition"]
    table = read_table(response.content, "x.csv")
    assert table.headers == [
        "Date",
        "End date",
        "Activity",
        "Kind",
        "Working group",
        "International",
        "Participant",
        "Category",
        "Role",
        "Days",
    ]
    assert [cells for _n, cells in table.rows] == [
        [
            "2026-03-10",
            "2026-03-10",
            "Kick-off",
            "Working-group meeting",
            "Circular textiles",
            "no",
            "Filatura Alfa",
            "Industry – SME",
            "Active contributor",
            "1",
        ],
        [
            "2026-03-10",
            "2026-03-10",
            "Kick-off",
            "Working-group meeting",
            "Circular textiles",
            "no",
            "Tessitura Beta",
            "Industry – SME",
            "Passive attendee",
            "0.5",
        ],
    ]


def test_the_xlsx_export_follows_the_filters_and_keeps_numbers_as_numbers(
    personas, manager_a_client, three
):
    fair = ActivityFactory(
        cluster=personas.cluster_a,
        kind=ActivityKind.JOINT_TRADE_FAIR,
        starts_on=date(2026, 2, 10),
        ends_on=date(2026, 2, 12),
    )
    InvolvementFactory(activity=fair, organisation=three[0], days="2.5")
    seminar = ActivityFactory(cluster=personas.cluster_a, kind=ActivityKind.SEMINAR)
    InvolvementFactory(activity=seminar, organisation=three[1])
    response = manager_a_client.get(url("activities_export", "xlsx"), {"kind": "joint_trade_fair"})
    table = read_table(response.content, "x.xlsx")
    [(_number, cells)] = table.rows
    assert cells[6] == "Filatura Alfa" and cells[9] == 2.5


def test_an_unknown_export_format_is_not_found(personas, manager_a_client):
    assert manager_a_client.get(url("activities_export", "pdf")).status_code == 404


# The detail ----------------------------------------------------------------------------------


def test_the_detail_lists_the_participants_with_role_days_and_totals(
    personas, manager_a_client, three
):
    fair = ActivityFactory(
        cluster=personas.cluster_a,
        kind=ActivityKind.JOINT_TRADE_FAIR,
        title="Première Vision",
        starts_on=date(2026, 2, 10),
        ends_on=date(2026, 2, 12),
    )
    InvolvementFactory(activity=fair, organisation=three[0], days=3)
    InvolvementFactory(activity=fair, organisation=three[1], days="1.5")
    InvolvementFactory(activity=fair, organisation=three[2], role="passive", days="0.5")
    response = manager_a_client.get(url("activity_detail", fair.pk))
    assert response.context["totals"] == {
        "participants": 3,
        "active": 2,
        "days": Decimal("5.0"),
        "active_days": Decimal("4.5"),
    }
    html = response.content.decode()
    assert "Tintoria Gamma" in html and "Passive attendee" in html
    assert 'data-testid="total-days">5<' in html
    assert "3 days" in html


# Recording and editing -----------------------------------------------------------------------


def test_a_new_activity_from_a_working_group_is_a_meeting_of_it(personas, manager_a_client):
    group = WorkingGroupFactory(cluster=personas.cluster_a, name="Circular textiles")
    response = manager_a_client.get(url("activity_new"), {"working_group": group.pk})
    form = response.context["form"]
    assert form.initial["kind"] == ActivityKind.WORKING_GROUP_MEETING
    assert form.initial["working_group"] == group.pk
    assert form.initial["title"] == "Circular textiles meeting"
    assert form.initial["starts_on"] == timezone.localdate()
    foreign = WorkingGroupFactory(cluster=personas.cluster_b)
    response = manager_a_client.get(url("activity_new"), {"working_group": foreign.pk})
    assert "working_group" not in response.context["form"].initial


def test_recording_an_activity_saves_its_rows_and_goes_back_where_asked(
    personas, manager_a_client, three
):
    group = WorkingGroupFactory(cluster=personas.cluster_a, members=three)
    back = url("working_group_detail", group.pk)
    data = activity_post(
        working_group=group.pk,
        # a row removed in the page leaves a gap in the numbering
        rows=[
            (three[0], "active", "1"),
            None,
            (three[1], "active", "1"),
            (three[2], "passive", "0.5"),
        ],
        next=back,
    )
    response = manager_a_client.post(url("activity_new"), data)
    assert response.status_code == 302 and response.url == back
    activity = Activity.objects.get()
    assert activity.working_group == group and activity.cluster == personas.cluster_a
    assert sorted(activity.involvements.values_list("organisation__name", "role", "days")) == [
        ("Filatura Alfa", "active", Decimal("1")),
        ("Tessitura Beta", "active", Decimal("1")),
        ("Tintoria Gamma", "passive", Decimal("0.5")),
    ]
    assert AuditEntry.objects.filter(object_type="activity", actor=personas.manager_a).exists()


def test_an_outside_next_address_is_ignored(personas, manager_a_client, three):
    data = activity_post(rows=[(three[0], "active", "1")], next="https://evil.example/")
    response = manager_a_client.post(url("activity_new"), data)
    assert response.url == url("activity_detail", Activity.objects.get().pk)


def test_bad_rows_are_explained_on_their_rows_and_nothing_is_saved(
    personas, manager_a_client, three
):
    stranger = OrganisationFactory(cluster=personas.cluster_b, name="Makina Delta")
    data = activity_post(
        starts_on="2026-03-10",
        ends_on="2026-03-11",
        rows=[
            (three[0], "active", "3"),
            (three[1], "active", "0.3"),
            (three[0], "passive", "0.5"),
            (stranger, "active", "1"),
            (three[2], "active", "-1"),
        ],
    )
    response = manager_a_client.post(url("activity_new"), data)
    assert response.status_code == 200
    assert not Activity.objects.exists() and not Involvement.objects.exists()
    rows = response.context["formset"].forms
    assert rows[0].errors["days"] == ["3 days is more than the activity lasts (2)."]
    assert "half-day steps" in rows[1].errors["days"][0]
    assert rows[2].non_field_errors() == ["Filatura Alfa is already in the list (row 1)."]
    assert rows[3].non_field_errors() == ["Choose a participant of this cluster."]
    assert rows[4].errors["days"] == ["The days must be more than zero."]
    html = response.content.decode()
    assert 'role="alert"' in html
    assert "Makina Delta" not in html  # another cluster's name is never shown
    assert "Tessitura Beta – days" in html  # the summary names the row


def test_a_removed_row_does_not_come_back_when_the_page_is_shown_again(
    personas, manager_a_client, three
):
    data = activity_post(rows=[(three[0], "active", "3"), None, (three[1], "active", "1")])
    html = manager_a_client.post(url("activity_new"), data).content.decode()
    assert "more than the activity lasts" in html
    assert "Unknown participant" not in html and "involvements-1-role" not in html
    assert 'name="involvements-TOTAL_FORMS" value="3"' in html


def test_an_end_before_the_start_is_explained_and_nothing_is_saved(
    personas, manager_a_client, three
):
    data = activity_post(
        starts_on="2026-03-10", ends_on="2026-03-09", rows=[(three[0], "active", "1")]
    )
    response = manager_a_client.post(url("activity_new"), data)
    assert response.context["form"].errors["ends_on"] == ["The end is before the start."]
    assert not Activity.objects.exists()


def test_a_row_without_days_or_with_words_says_so(personas, manager_a_client, three):
    data = activity_post(rows=[(three[0], "active", ""), (three[1], "active", "one")])
    response = manager_a_client.post(url("activity_new"), data)
    rows = response.context["formset"].forms
    assert rows[0].errors["days"] == ["Give the days of involvement."]
    assert rows[1].errors["days"] == ["Give the days as a number, e.g. 0.5, 1 or 2.5."]


def test_editing_shows_the_rows_and_saves_new_dates_and_rows_together(
    personas, manager_a_client, three
):
    fair = ActivityFactory(
        cluster=personas.cluster_a,
        kind=ActivityKind.JOINT_TRADE_FAIR,
        starts_on=date(2026, 2, 10),
        ends_on=date(2026, 2, 12),
    )
    InvolvementFactory(activity=fair, organisation=three[0], days=3)
    InvolvementFactory(activity=fair, organisation=three[2], days=Decimal("10"))
    page = manager_a_client.get(url("activity_edit", fair.pk))
    html = page.content.decode()
    assert f'name="involvements-0-organisation" value="{three[0].pk}"' in html
    assert 'name="involvements-0-days" value="3"' in html
    assert 'name="involvements-1-days" value="10"' in html  # never 1E+1
    assert 'name="involvements-INITIAL_FORMS" value="0"' in html

    data = activity_post(
        kind="joint_trade_fair",
        title="Première Vision",
        starts_on="2026-09-15",
        ends_on="2026-09-15",
        rows=[(three[0], "active", "1"), (three[1], "passive", "0.5")],
    )
    response = manager_a_client.post(url("activity_edit", fair.pk), data)
    assert response.status_code == 302
    fair.refresh_from_db()
    assert (fair.title, fair.starts_on) == ("Première Vision", date(2026, 9, 15))
    assert set(fair.involvements.values_list("starts_on", flat=True)) == {date(2026, 9, 15)}
    assert fair.involvements.count() == 2


def test_deleting_an_activity_asks_first(personas, manager_a_client):
    activity = ActivityFactory(cluster=personas.cluster_a, title="BarCamp Prato")
    InvolvementFactory.create_batch(2, activity=activity)
    page = manager_a_client.get(url("activity_delete", activity.pk))
    assert "Its 2 involvements will be deleted too" in page.content.decode()
    assert Activity.objects.exists()
    response = manager_a_client.post(url("activity_delete", activity.pk))
    assert response.url == url("activities")
    assert not Activity.objects.exists() and not Involvement.objects.exists()


# The participant chooser ---------------------------------------------------------------------


def test_the_chooser_suggests_only_this_clusters_participants(personas, manager_a_client):
    OrganisationFactory(cluster=personas.cluster_a, name="Tessitura Rossi")
    OrganisationFactory(cluster=personas.cluster_b, name="Rossi Makina")
    response = manager_a_client.get(
        url("participant_pick"), {"pick": "rossi", "for": "involvement"}
    )
    html = response.content.decode()
    assert "Tessitura Rossi" in html and "Lanificio Rossi" in html
    assert "Rossi Makina" not in html
    assert 'hx-target="#involvement-rows"' in html
    assert (
        "Type at least two letters"
        in manager_a_client.get(url("participant_pick"), {"pick": "r"}).content.decode()
    )
    assert (
        "No participant’s name contains “zzz”"
        in manager_a_client.get(url("participant_pick"), {"pick": "zzz"}).content.decode()
    )
    assert (
        manager_a_client.get(url("participant_pick"), {"pick": "ro", "for": "x"}).status_code == 404
    )


def test_the_lists_participant_filter_suggests_links_that_keep_the_other_filters(personas, three):
    board = personas.client_for(personas.board_a)
    response = board.get(
        url("participant_pick"),
        {"for": "filter", "pick": "tessitura", "kind": "seminar", "page": "3", "participant": "9"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    link = f'href="{url("activities")}?kind=seminar&amp;participant={three[1].pk}">Tessitura Beta<'
    assert link in html
    # the board viewer may filter, not fill in a form
    assert board.get(url("participant_pick"), {"pick": "tess"}).status_code == 403


def test_the_chooser_never_lists_all_participants(personas, manager_a_client):
    OrganisationFactory.create_batch(30, cluster=personas.cluster_a, name="Tessitura")
    response = manager_a_client.get(url("participant_pick"), {"pick": "tessitura"})
    assert response.content.decode().count("<li>") == 10


def test_a_chosen_participant_becomes_a_row_with_the_default_role_and_days(
    personas, manager_a_client, three
):
    response = manager_a_client.post(
        url("participant_chosen") + f"?for=involvement&organisation={three[1].pk}",
        {
            "kind": "joint_trade_fair",
            "starts_on": "2026-02-10",
            "ends_on": "2026-02-12",
            "involvements-TOTAL_FORMS": "2",
            "involvements-0-organisation": str(three[0].pk),
        },
    )
    html = response.content.decode()
    assert f'name="involvements-2-organisation" value="{three[1].pk}"' in html
    assert 'name="involvements-2-days" value="3"' in html
    assert '<option value="active" selected>' in html
    assert 'name="involvements-TOTAL_FORMS" value="3"' in html and "hx-swap-oob" in html
    assert "Added Tessitura Beta." in html


def test_choosing_a_participant_already_in_the_list_adds_no_row(personas, manager_a_client, three):
    response = manager_a_client.post(
        url("participant_chosen") + f"?for=involvement&organisation={three[0].pk}",
        {"involvements-TOTAL_FORMS": "1", "involvements-0-organisation": str(three[0].pk)},
    )
    html = response.content.decode()
    assert "Filatura Alfa is already in the list." in html
    assert "involvements-1-organisation" not in html


def test_every_member_of_the_chosen_group_can_be_added_at_once(personas, manager_a_client, three):
    group = WorkingGroupFactory(cluster=personas.cluster_a, members=three)
    response = manager_a_client.post(
        url("participant_chosen") + "?for=involvement&group_members=1",
        {
            "kind": "working_group_meeting",
            "working_group": str(group.pk),
            "starts_on": "2026-03-10",
            "ends_on": "2026-03-10",
            "involvements-TOTAL_FORMS": "1",
            "involvements-0-organisation": str(three[0].pk),
        },
    )
    html = response.content.decode()
    assert "Added 2 participants: Tessitura Beta, Tintoria Gamma." in html
    assert "involvements-1-organisation" in html and "involvements-2-organisation" in html
    assert "Filatura Alfa is already in the list." in html


def test_a_participant_of_another_cluster_cannot_be_chosen(personas, manager_a_client):
    stranger = OrganisationFactory(cluster=personas.cluster_b, name="Makina Delta")
    response = manager_a_client.post(
        url("participant_chosen") + f"?for=involvement&organisation={stranger.pk}",
        {"involvements-TOTAL_FORMS": "0"},
    )
    assert "Makina Delta" not in response.content.decode()
    assert "involvements-0-organisation" not in response.content.decode()
