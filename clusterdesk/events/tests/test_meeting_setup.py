"""Setting up a meeting day: slots from sessions, overlapping sessions, tables, quotas,
availability, the summary's warnings — and the set-up pages with their tenancy."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from clusterdesk.events.models import MeetingPlacement, RequestStatus
from clusterdesk.events.queries.meetings import day_summary
from clusterdesk.events.services import meeting_setup as setup
from clusterdesk.events.tests.factories import MeetingRequestFactory
from clusterdesk.lib.errors import DomainError
from clusterdesk.tenancy.models import AuditEntry

from .test_meeting_setup_helpers import at, b2b_day, english, person, ready_day

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():  # type: ignore[no-untyped-def]
    with translation.override("en"):
        yield


def test_slot_times_give_seven_slots_between_nine_and_twelve_with_twenty_and_five():
    nine = timezone.make_aware(datetime(2026, 6, 10, 9, 0))
    times = setup.slot_times(nine, nine + timedelta(hours=3), 20, 5)
    assert [f"{s:%H:%M}-{e:%H:%M}" for s, e in times] == [
        "09:00-09:20", "09:25-09:45", "09:50-10:10", "10:15-10:35",
        "10:40-11:00", "11:05-11:25", "11:30-11:50",
    ]  # fmt: skip


def test_slot_times_without_a_pause_fill_the_session_exactly():
    nine = timezone.make_aware(datetime(2026, 6, 10, 9, 0))
    assert len(setup.slot_times(nine, nine + timedelta(hours=2), 30, 0)) == 4


def test_a_session_is_cut_into_slots_and_audited(personas):
    event = b2b_day(personas.cluster_a)
    session = setup.session_create(
        event=event,
        actor=personas.manager_a,
        data={"name": "Morning", "starts_at": at(event, 9), "ends_at": at(event, 12)},
    )
    assert session.slots.count() == 7
    assert AuditEntry.objects.filter(object_type="session", object_id=session.pk).exists()


def test_overlapping_sessions_are_refused_naming_both(personas):
    event = b2b_day(personas.cluster_a)
    data = {"name": "Morning", "starts_at": at(event, 9), "ends_at": at(event, 12)}
    setup.session_create(event=event, actor=None, data=data)
    with pytest.raises(DomainError) as refused:
        setup.session_create(
            event=event,
            actor=None,
            data={"name": "Late morning", "starts_at": at(event, 11), "ends_at": at(event, 13)},
        )
    assert refused.value.message == (
        "“Late morning” (11:00–13:00) overlaps “Morning” (09:00–12:00): sessions must not overlap."
    )


def test_a_session_outside_the_event_is_refused(personas):
    event = b2b_day(personas.cluster_a)
    with pytest.raises(DomainError, match="must lie inside the event"):
        setup.session_create(
            event=event,
            actor=None,
            data={"name": "Evening", "starts_at": at(event, 17), "ends_at": at(event, 19)},
        )


def test_a_session_too_short_for_one_meeting_is_refused(personas):
    event = b2b_day(personas.cluster_a)
    with pytest.raises(
        DomainError, match="A 20-minute meeting does not fit between 09:00 and 09:10"
    ):
        setup.session_create(
            event=event,
            actor=None,
            data={"name": "Short", "starts_at": at(event, 9), "ends_at": at(event, 9, 10)},
        )


def test_changing_a_session_keeps_the_slots_whose_times_stay(personas):
    event, _people = ready_day(personas.cluster_a)
    session = event.sessions.get()
    first = session.slots.order_by("starts_at").first()
    setup.session_update(session=session, actor=None, data={"ends_at": at(event, 13)})
    assert session.slots.count() == 9
    assert session.slots.order_by("starts_at").first().pk == first.pk


def test_changing_a_session_refuses_to_drop_placed_meetings_unless_confirmed(personas):
    event, people = ready_day(personas.cluster_a)
    session = event.sessions.get()
    last = session.slots.order_by("starts_at").last()
    meeting = MeetingRequestFactory(
        event=event, requester=people[0], invitee=people[1], status=RequestStatus.ACCEPTED
    )
    MeetingPlacement.objects.create(
        cluster=event.cluster, request=meeting, slot=last, table=event.tables.first()
    )
    with pytest.raises(DomainError, match="1 placed meeting"):
        setup.session_update(session=session, actor=None, data={"ends_at": at(event, 11)})
    setup.session_update(
        session=session, actor=None, data={"ends_at": at(event, 11)}, drop_placements=True
    )
    assert not MeetingPlacement.objects.filter(request=meeting).exists()


def test_tables_are_numbered_on_and_labels_must_be_unique(personas):
    event, _people = ready_day(personas.cluster_a, tables=2)
    setup.tables_add(event=event, actor=None, count=2)
    assert list(event.tables.values_list("label", flat=True)) == ["T1", "T2", "T3", "T4"]
    with pytest.raises(DomainError, match="“t2” is already a table's label"):
        setup.tables_add(event=event, actor=None, labels=["Sala Verde", "t2"])
    with pytest.raises(DomainError, match="given twice"):
        setup.tables_add(event=event, actor=None, labels=["Sala Verde", "sala verde"])


def test_a_table_with_a_locked_meeting_cannot_be_removed(personas):
    event, people = ready_day(personas.cluster_a)
    table = event.tables.first()
    meeting = MeetingRequestFactory(
        event=event, requester=people[0], invitee=people[1], status=RequestStatus.ACCEPTED
    )
    MeetingPlacement.objects.create(
        cluster=event.cluster, request=meeting, slot=event.slots.first(), table=table, locked=True
    )
    with pytest.raises(DomainError, match="fixed by the organiser takes place at T1"):
        setup.table_delete(table=table, actor=None)


def test_an_availability_outside_the_event_is_refused(personas):
    event, people = ready_day(personas.cluster_a)
    with pytest.raises(DomainError) as refused:
        setup.availability_replace(
            registration=people[0], actor=None, windows=[(at(event, 7), at(event, 10))]
        )
    assert refused.value.message == "07:00–10:00 is outside the event (09:00–18:00)."


def test_an_availability_outside_every_session_or_backwards_or_overlapping_is_refused(personas):
    event, people = ready_day(personas.cluster_a)
    cases = {
        "14:00–15:00 is outside every meeting session (09:00–12:00).": [
            (at(event, 14), at(event, 15))
        ],
        "10:00–09:30 ends before it starts.": [(at(event, 10), at(event, 9, 30))],
        "09:00–10:30 and 10:00–11:00 overlap: give each time once.": [
            (at(event, 9), at(event, 10, 30)),
            (at(event, 10), at(event, 11)),
        ],
    }  # fmt: skip
    for message, windows in cases.items():
        with pytest.raises(DomainError) as refused:
            setup.availability_replace(registration=people[0], actor=None, windows=windows)
        assert refused.value.message == message


def test_availability_is_replaced_and_none_means_all_day(personas):
    event, people = ready_day(personas.cluster_a)
    setup.availability_replace(
        registration=people[0], actor=None, windows=[(at(event, 9), at(event, 10))]
    )
    assert people[0].availability.count() == 1
    setup.availability_replace(registration=people[0], actor=None, windows=[])
    assert people[0].availability.count() == 0


def test_the_summary_warns_when_accepted_meetings_exceed_slots_times_tables(personas):
    event, people = ready_day(personas.cluster_a, people=0, tables=1)
    setup.session_update(
        session=event.sessions.get(), actor=None, data={"ends_at": at(event, 9, 45)}
    )
    pairs = [(person(event), person(event)) for _ in range(3)]
    for requester, invitee in pairs:
        MeetingRequestFactory(
            event=event, requester=requester, invitee=invitee, status=RequestStatus.ACCEPTED
        )
    summary = day_summary(event)
    assert (summary.slots, summary.tables, summary.capacity, summary.accepted) == (2, 1, 2, 3)
    assert summary.warnings[0] == (
        "3 meetings are accepted but 2 slots × 1 tables hold 2: more meetings than slots. "
        "Add tables or slots."
    )


def test_the_summary_warns_of_a_person_with_more_meetings_than_slots(personas):
    event, people = ready_day(personas.cluster_a, people=3, tables=4)
    anna = people[0]
    setup.availability_replace(
        registration=anna, actor=None, windows=[(at(event, 9), at(event, 9, 20))]
    )
    for other in people[1:]:
        MeetingRequestFactory(
            event=event, requester=anna, invitee=other, status=RequestStatus.ACCEPTED
        )
    warnings = day_summary(event).warnings
    assert (
        f"{anna.display_name} has 2 accepted meetings but is available for 1 slots: "
        "more meetings than slots."
    ) in warnings


def test_quotas_are_between_one_and_a_hundred(personas):
    event, people = ready_day(personas.cluster_a)
    setup.meeting_quota_set(event=event, actor=None, quota=6)
    setup.registration_quota_set(registration=people[0], actor=None, quota=3)
    event.refresh_from_db()
    assert event.meeting_quota == 6
    with pytest.raises(DomainError, match="between 1 and 100"):
        setup.meeting_quota_set(event=event, actor=None, quota=0)


# --------------------------------------------------------------------------- pages


def _url(name, event, *args):  # type: ignore[no-untyped-def]
    return reverse(f"events:{name}", args=[event.cluster.slug, event.pk, *args])


def test_the_set_up_page_shows_sessions_tables_and_capacity(personas, manager_a_client):
    event, _people = ready_day(personas.cluster_a, tables=3)
    page = english(manager_a_client).get(_url("meeting_setup", event))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Morning" in text and "T3" in text
    assert page.context["summary"].capacity == 21


def test_the_manager_adds_a_session_through_the_form(personas, manager_a_client):
    event = b2b_day(personas.cluster_a)
    day = timezone.localtime(event.starts_at).date().isoformat()
    answer = english(manager_a_client).post(
        _url("meeting_session_new", event),
        {"name": "Afternoon", "day": day, "starts": "14:00", "ends": "17:00",
         "slot_minutes": 20, "break_minutes": 5},
    )  # fmt: skip
    assert answer.status_code == 302
    assert event.slots.count() == 7


def test_the_session_form_shows_the_overlap_in_plain_words(personas, manager_a_client):
    event, _people = ready_day(personas.cluster_a)
    day = timezone.localtime(event.starts_at).date().isoformat()
    page = english(manager_a_client).post(
        _url("meeting_session_new", event),
        {"name": "Brunch", "day": day, "starts": "11:00", "ends": "13:00",
         "slot_minutes": 20, "break_minutes": 5},
    )  # fmt: skip
    assert "overlaps “Morning” (09:00–12:00)" in page.content.decode()


def test_the_manager_adds_tables_and_sets_the_quota(personas, manager_a_client):
    event, _people = ready_day(personas.cluster_a, tables=1)
    client = english(manager_a_client)
    client.post(_url("meeting_tables_add", event), {"count": 2, "labels": ""})
    client.post(_url("meeting_quota", event), {"meeting_quota": 4})
    event.refresh_from_db()
    assert event.tables.count() == 3 and event.meeting_quota == 4


def test_the_board_reads_the_set_up_but_may_not_change_it(personas):
    event, _people = ready_day(personas.cluster_a)
    board = english(personas.client_for(personas.board_a))
    assert board.get(_url("meeting_setup", event)).status_code == 200
    assert board.get(_url("meeting_session_new", event)).status_code == 403


def test_a_member_representative_edits_the_availability_of_their_own_people_only(personas):
    event, people = ready_day(personas.cluster_a)
    mine = person(event, organisation=personas.member_organisation_a)
    client = english(personas.client_for(personas.member_a))
    assert client.get(_url("meeting_setup", event)).status_code == 403
    assert client.get(_url("meeting_person", event, people[0].pk)).status_code == 404
    day = timezone.localtime(event.starts_at).date().isoformat()
    answer = client.post(
        _url("meeting_person", event, mine.pk),
        {"windows-TOTAL_FORMS": 1, "windows-INITIAL_FORMS": 0,
         "windows-0-day": day, "windows-0-starts": "07:00", "windows-0-ends": "10:00"},
    )  # fmt: skip
    assert "07:00–10:00 is outside the event (09:00–18:00)." in answer.content.decode()
    client.post(
        _url("meeting_person", event, mine.pk),
        {"windows-TOTAL_FORMS": 1, "windows-INITIAL_FORMS": 0,
         "windows-0-day": day, "windows-0-starts": "09:00", "windows-0-ends": "11:00"},
    )  # fmt: skip
    assert mine.availability.count() == 1


@pytest.mark.parametrize(
    "name,extra",
    [
        ("meeting_setup", ()),
        ("meeting_panel", ()),
        ("meeting_session_new", ()),
        ("meeting_session_edit", ("session",)),
        ("meeting_session_delete", ("session",)),
        ("meeting_tables_add", ()),
        ("meeting_table_edit", ("table",)),
        ("meeting_table_delete", ("table",)),
        ("meeting_quota", ()),
        ("meeting_person", ("person",)),
    ],
)
def test_another_clusters_manager_gets_404_on_every_set_up_page(
    personas, manager_b_client, name, extra
):
    event, people = ready_day(personas.cluster_a)
    ids = {
        "session": event.sessions.get().pk,
        "table": event.tables.first().pk,
        "person": people[0].pk,
    }
    address = reverse(
        f"events:{name}", args=[personas.cluster_a.slug, event.pk, *[ids[e] for e in extra]]
    )
    assert manager_b_client.get(address).status_code == 404
    assert manager_b_client.post(address, {}).status_code == 404
    own = reverse(
        f"events:{name}", args=[personas.cluster_b.slug, event.pk, *[ids[e] for e in extra]]
    )
    assert manager_b_client.get(own).status_code in (404, 405)


def test_the_event_page_shows_the_b2b_panel_with_links_for_the_team(personas, manager_a_client):
    event, _people = ready_day(personas.cluster_a)
    page = english(manager_a_client).get(reverse("events:detail", args=["tfc", event.pk]))
    text = page.content.decode()
    assert 'data-testid="b2b-panel"' in text
    assert _url("meeting_setup", event) in text and _url("meeting_panel", event) in text
    assert _url("meeting_attendees", event) in text


def test_a_member_representative_sees_the_panel_without_the_set_up_link(personas):
    event, _people = ready_day(personas.cluster_a)
    person(event, organisation=personas.member_organisation_a)
    client = english(personas.client_for(personas.member_a))
    page = client.get(reverse("events:detail", args=["tfc", event.pk]))
    assert page.status_code == 200
    assert _url("meeting_setup", event) not in page.content.decode()
    assert _url("meeting_marketplace", event) in page.content.decode()
    assert client.get(_url("meeting_panel", event)).status_code == 200
