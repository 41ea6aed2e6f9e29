"""The long lists of the event pages come a page at a time: the event's registrations (and its
waiting list, in order), the check-in list (a search's too) and a B2B day's meeting requests.
Page 2 shows the next rows, filters and searches stay in the page links, the counts stay the
whole event's, and a page takes as many queries for many rows as for few."""

from __future__ import annotations

from datetime import timedelta
from itertools import permutations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from clusterdesk.events.models import MeetingRequest, Registration, RequestStatus
from clusterdesk.events.tests.factories import RegistrationFactory
from clusterdesk.events.views.events import REGISTRATIONS_PAGE_SIZE, WAITING_PREVIEW
from clusterdesk.events.views.meeting_requests import REQUESTS_PAGE_SIZE
from clusterdesk.events.views.registrations import CHECKIN_PAGE_SIZE
from clusterdesk.testing.factories import ContactFactory

from .events_helpers import make_event
from .test_meeting_setup_helpers import english, person, ready_day

pytestmark = pytest.mark.django_db


def url(name: str, *args, slug: str = "tfc") -> str:
    return reverse(f"events:{name}", args=[slug, *args])


def guests(event, count: int, *, status: str = "confirmed", start: int = 0, **fields):  # type: ignore[no-untyped-def]
    """``count`` guests registered a minute apart, named “Guest 0001”… in that order."""
    first = timezone.now() - timedelta(days=1)
    rows = [
        Registration(
            cluster=event.cluster,
            event=event,
            guest_name=f"Guest {start + index:04d}",
            guest_organisation="Textil Export S.L.",
            status=status,
            registered_at=first + timedelta(minutes=start + index),
            **fields,
        )
        for index in range(count)
    ]
    Registration.objects.bulk_create(rows)
    return list(
        Registration.objects.filter(event=event, status=status).order_by("registered_at", "pk")
    )


def shown(content: str, rows) -> list[bool]:  # type: ignore[no-untyped-def]
    return [f'data-testid="registration-{row.pk}"' in content for row in rows]


def queries_of(client, address: str) -> int:  # type: ignore[no-untyped-def]
    with CaptureQueriesContext(connection) as captured:
        assert client.get(address).status_code == 200
    return len(captured)


# The event's page


def test_the_event_page_shows_the_registered_a_hundred_at_a_time_and_page_two_the_next(
    personas, manager_a_client
):
    client = english(manager_a_client)
    event = make_event(personas.cluster_a)
    people = guests(event, REGISTRATIONS_PAGE_SIZE + 30)
    first = client.get(url("detail", event.pk)).content.decode()
    assert all(shown(first, people[:REGISTRATIONS_PAGE_SIZE]))
    assert not any(shown(first, people[REGISTRATIONS_PAGE_SIZE:]))
    assert "Page 1 of 2" in first and "page=2" in first
    second = client.get(url("detail", event.pk) + "?page=2").content.decode()
    assert all(shown(second, people[REGISTRATIONS_PAGE_SIZE:]))
    assert not any(shown(second, people[:REGISTRATIONS_PAGE_SIZE]))
    assert "Page 2 of 2" in second


def test_the_waiting_list_keeps_its_order_below_and_on_its_own_pages(personas, manager_a_client):
    client = english(manager_a_client)
    event = make_event(personas.cluster_a, capacity=5)
    guests(event, 5)
    waiting = guests(event, REGISTRATIONS_PAGE_SIZE + 20, status="waiting", start=5)
    first = client.get(url("detail", event.pk)).content.decode()
    assert all(shown(first, waiting[:WAITING_PREVIEW]))
    assert not any(shown(first, waiting[WAITING_PREVIEW:]))
    positions = [first.index(f'data-testid="registration-{row.pk}"') for row in waiting[:5]]
    assert positions == sorted(positions)
    more = len(waiting) - WAITING_PREVIEW
    assert f"{more} more people waiting: see the whole waiting list" in first
    second = client.get(url("detail", event.pk) + "?show=waiting&page=2").content.decode()
    assert all(shown(second, waiting[REGISTRATIONS_PAGE_SIZE:]))
    assert not any(shown(second, waiting[:REGISTRATIONS_PAGE_SIZE]))
    # numbered on from the first page: the 101st person waiting is number 101
    number = REGISTRATIONS_PAGE_SIZE + 1
    row = second[second.index(f'data-testid="registration-{waiting[number - 1].pk}"') :]
    assert f'<td class="num">{number}</td>' in row[:200]
    assert "show=waiting&amp;page=1" in second  # the tab stays in the page links


def test_the_facts_and_tabs_count_the_whole_event_on_every_page(personas, manager_a_client):
    client = english(manager_a_client)
    event = make_event(personas.cluster_a, capacity=REGISTRATIONS_PAGE_SIZE + 10)
    people = guests(event, REGISTRATIONS_PAGE_SIZE + 10)
    Registration.objects.filter(pk__in=[row.pk for row in people[:7]]).update(
        checked_in_at=timezone.now()
    )
    guests(event, 3, status="waiting", start=500)
    guests(event, 2, status="cancelled", start=600)
    second = client.get(url("detail", event.pk) + "?page=2").content.decode()
    checked_in = second[second.index('data-testid="checked-in-count"') :]
    assert checked_in.startswith('data-testid="checked-in-count">7<')
    assert f"Registered ({REGISTRATIONS_PAGE_SIZE + 10})" in second
    assert "Waiting list (3)" in second and "Cancelled (2)" in second
    cancelled = client.get(url("detail", event.pk) + "?show=cancelled").content.decode()
    assert cancelled.count('data-testid="registration-') == 2


def test_a_representative_pages_through_their_own_people_only(personas):
    client = english(personas.client_for(personas.member_a))
    event = make_event(personas.cluster_a)
    guests(event, 10)  # nobody's of the representative
    own = [
        RegistrationFactory(
            event=event,
            contact=ContactFactory(organisation=personas.member_organisation_a),
            registered_at=timezone.now() + timedelta(minutes=index),
        )
        for index in range(REGISTRATIONS_PAGE_SIZE + 2)
    ]
    second = client.get(url("detail", event.pk) + "?page=2").content.decode()
    assert all(shown(second, own[REGISTRATIONS_PAGE_SIZE:]))
    assert second.count('data-testid="registration-') == 2
    assert "Page 2 of 2" in second


def test_the_event_page_takes_as_many_queries_for_many_registrations_as_for_few(
    personas, manager_a_client, django_assert_max_num_queries
):
    event = make_event(personas.cluster_a)
    guests(event, 3)
    guests(event, 1, status="waiting", start=10)
    queries_of(manager_a_client, url("list"))  # the cluster's calendar feed, made once
    few = {
        address: queries_of(manager_a_client, address)
        for address in (url("detail", event.pk), url("detail", event.pk) + "?show=waiting")
    }
    guests(event, 3 * REGISTRATIONS_PAGE_SIZE, start=20)
    guests(event, 2 * REGISTRATIONS_PAGE_SIZE, status="waiting", start=2000)
    for address, count in few.items():
        with django_assert_max_num_queries(count):
            assert (
                manager_a_client.get(
                    address + "&page=2" if "?" in address else address + "?page=2"
                ).status_code
                == 200
            )


# The check-in page


def test_the_check_in_list_comes_a_page_at_a_time_with_the_whole_events_counts(
    personas, manager_a_client
):
    client = english(manager_a_client)
    event = make_event(personas.cluster_a)
    people = guests(event, CHECKIN_PAGE_SIZE + 25)  # by name: the order they registered in
    Registration.objects.filter(pk=people[0].pk).update(checked_in_at=timezone.now())
    first = client.get(url("checkin", event.pk)).content.decode()
    assert "Guest 0000" in first and f"Guest {CHECKIN_PAGE_SIZE - 1:04d}" in first
    assert f"Guest {CHECKIN_PAGE_SIZE:04d}" not in first
    second = client.get(url("checkin", event.pk) + "?page=2").content.decode()
    assert f"Guest {CHECKIN_PAGE_SIZE:04d}" in second and "Guest 0000" not in second
    assert f'data-testid="check-in-{people[-1].pk}"' in second
    assert f"1 of {CHECKIN_PAGE_SIZE + 25} checked in" in second


def test_a_check_in_search_is_paged_and_keeps_its_words_in_the_page_links(
    personas, manager_a_client
):
    client = english(manager_a_client)
    event = make_event(personas.cluster_a)
    guests(event, CHECKIN_PAGE_SIZE + 10, guest_email="someone@lana.example")
    guests(event, 30, start=5000, guest_email="someone@other.example")
    first = client.get(
        url("checkin", event.pk) + "?q=lana&partial=rows", HTTP_HX_REQUEST="true"
    ).content.decode()
    assert "<html" not in first
    assert f"{CHECKIN_PAGE_SIZE + 10} confirmed people found" in first
    assert "q=lana&amp;page=2" in first and 'hx-target="#checkin-rows"' in first
    assert "partial=rows" not in first  # the pushed address opens the whole page
    second = client.get(
        url("checkin", event.pk) + "?q=lana&page=2",
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="checkin-rows",
    ).content.decode()
    assert "<html" not in second
    assert second.count('data-testid="check-in-') == 10
    assert "Guest 5000" not in second and f"Guest {CHECKIN_PAGE_SIZE:04d}" in second
    whole = client.get(url("checkin", event.pk) + "?q=lana&page=2").content.decode()
    assert "<html" in whole and 'value="lana"' in whole
    assert f"0 of {CHECKIN_PAGE_SIZE + 40} checked in" in whole


def test_checking_in_without_javascript_comes_back_to_the_same_search_and_page(
    personas, manager_a_client
):
    event = make_event(personas.cluster_a)
    people = guests(event, CHECKIN_PAGE_SIZE + 5)
    page = english(manager_a_client).get(url("checkin", event.pk) + "?q=guest&page=2")
    assert 'name="page" value="2"' in page.content.decode()
    response = manager_a_client.post(
        url("checkin_toggle", event.pk, people[-1].pk), {"q": "guest a", "page": "2"}
    )
    assert response.status_code == 302
    assert response["Location"] == url("checkin", event.pk) + "?q=guest+a&page=2"
    people[-1].refresh_from_db()
    assert people[-1].checked_in_at is not None


def test_the_check_in_page_takes_as_many_queries_for_many_people_as_for_few(
    personas, manager_a_client, django_assert_max_num_queries
):
    event = make_event(personas.cluster_a)
    guests(event, 3)
    addresses = (url("checkin", event.pk), url("checkin", event.pk) + "?q=guest")
    few = {address: queries_of(manager_a_client, address) for address in addresses}
    guests(event, 3 * CHECKIN_PAGE_SIZE, start=10)
    for address, count in few.items():
        separator = "&" if "?" in address else "?"
        with django_assert_max_num_queries(count):
            assert manager_a_client.get(f"{address}{separator}page=2").status_code == 200


# The meeting requests of a B2B day


def crowded_requests(cluster, count: int):  # type: ignore[no-untyped-def]
    """A B2B day with ``count`` requests among 20 people: pending and declined by turns."""
    event, _people = ready_day(cluster, people=0)
    people = [person(event) for _ in range(20)]
    pairs = list(permutations(people, 2))[:count]
    MeetingRequest.objects.bulk_create(
        MeetingRequest(
            cluster=cluster,
            event=event,
            requester=first,
            invitee=second,
            message=f"Request {index}",
            status=RequestStatus.DECLINED if index % 2 else RequestStatus.PENDING,
        )
        for index, (first, second) in enumerate(pairs)
    )
    return event


def newest_first(event, **filters):  # type: ignore[no-untyped-def]
    return list(
        MeetingRequest.objects.filter(event=event, **filters).order_by("-created_at", "-pk")
    )


def listed(content: str, rows) -> list[bool]:  # type: ignore[no-untyped-def]
    return [f'data-testid="request-{row.pk}"' in content for row in rows]


def test_the_requests_page_shows_a_hundred_and_page_two_the_next(personas, manager_a_client):
    client = english(manager_a_client)
    event = crowded_requests(personas.cluster_a, REQUESTS_PAGE_SIZE + 40)
    rows = newest_first(event)
    address = url("meeting_requests", event.pk)
    first = client.get(address).content.decode()
    assert all(listed(first, rows[:REQUESTS_PAGE_SIZE]))
    assert not any(listed(first, rows[REQUESTS_PAGE_SIZE:]))
    assert f"All ({REQUESTS_PAGE_SIZE + 40})" in first and "Page 1 of 2" in first
    second = client.get(address + "?page=2").content.decode()
    assert all(listed(second, rows[REQUESTS_PAGE_SIZE:]))
    assert not any(listed(second, rows[:REQUESTS_PAGE_SIZE]))
    # each row's forms post to the request's own address
    pending = next(row for row in rows[REQUESTS_PAGE_SIZE:] if row.status == "pending")
    answer = reverse("events:meeting_request_answer", args=["tfc", event.pk, pending.pk])
    withdraw = reverse("events:meeting_request_withdraw", args=["tfc", event.pk, pending.pk])
    assert f'action="{answer}"' in second and f'action="{withdraw}"' in second


def test_the_status_filter_survives_paging_through_the_requests(personas, manager_a_client):
    client = english(manager_a_client)
    event = crowded_requests(personas.cluster_a, 2 * REQUESTS_PAGE_SIZE + 40)
    declined = newest_first(event, status=RequestStatus.DECLINED)
    address = url("meeting_requests", event.pk) + "?status=declined"
    first = client.get(address).content.decode()
    assert "status=declined&amp;page=2" in first
    second = client.get(address + "&page=2").content.decode()
    assert all(listed(second, declined[REQUESTS_PAGE_SIZE:]))
    assert second.count('data-testid="request-') == len(declined) - REQUESTS_PAGE_SIZE
    assert "Pending" not in second.split('data-testid="requests"')[1].split("</table>")[0]
    assert "status=declined&amp;page=1" in second


def test_the_person_links_of_the_quota_table_open_each_persons_page(personas, manager_a_client):
    event = crowded_requests(personas.cluster_a, 5)
    content = english(manager_a_client).get(url("meeting_requests", event.pk)).content.decode()
    for someone in Registration.objects.filter(event=event, wants_meetings=True):
        assert reverse("events:meeting_person", args=["tfc", event.pk, someone.pk]) in content


def test_the_requests_page_takes_as_many_queries_for_many_requests_as_for_few(
    personas, manager_a_client, django_assert_max_num_queries
):
    small = crowded_requests(personas.cluster_a, 4)
    few = queries_of(manager_a_client, url("meeting_requests", small.pk))
    large = crowded_requests(personas.cluster_a, 3 * REQUESTS_PAGE_SIZE)
    with django_assert_max_num_queries(few):
        assert (
            manager_a_client.get(url("meeting_requests", large.pk) + "?page=2").status_code == 200
        )


def test_another_clusters_manager_gets_404_on_the_paged_lists(personas, manager_b_client):
    event = make_event(personas.cluster_a)
    day = crowded_requests(personas.cluster_a, 3)
    for address in (
        url("detail", event.pk, slug="isim") + "?page=2",
        url("detail", event.pk, slug="isim") + "?show=waiting",
        url("checkin", event.pk, slug="isim") + "?q=guest&page=2",
        url("meeting_requests", day.pk, slug="isim") + "?status=pending&page=2",
    ):
        assert manager_b_client.get(address).status_code == 404
