"""The attendee matcher and the calendar reader, without a database."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from clusterdesk.engagement.contact_import import matching
from clusterdesk.engagement.contact_import.calendar import (
    CalendarError,
    clean_description,
    read_calendar,
)
from clusterdesk.engagement.contact_import.matching import (
    AttendeeIndex,
    KnownOrganisation,
    KnownPerson,
    TeamMember,
)

ROME = ZoneInfo("Europe/Rome")


def _index() -> AttendeeIndex:
    return AttendeeIndex.build(
        [
            KnownOrganisation(1, "Tecnotessile", "https://www.tecnotessile.it/en/"),
            KnownOrganisation(2, "Filatura Pratese", ""),
            KnownOrganisation(3, "Studio A", "studio.it"),
            KnownOrganisation(4, "Studio B", "https://studio.it/b"),
            KnownOrganisation(5, "Pagina Facebook", "https://www.facebook.com/lanificio"),
        ],
        [
            KnownPerson(10, 1, "Anna Bianchi", "Anna@Tecnotessile.it"),
            KnownPerson(11, 2, "Carlo Neri", "carlo@pratese.it"),
            KnownPerson(12, 2, "Gina Sarti", "gina.sarti@gmail.com"),
            KnownPerson(13, 9, "Nobody", "ghost@elsewhere.it"),  # of no known organisation
        ],
        [TeamMember(100, "Manager", "manager@cluster.it")],
    )


def test_an_exact_address_wins_over_its_domain():
    found = _index().match("ANNA@tecnotessile.it")
    assert (found.rule, found.organisation.id, found.person.id) == ("email", 1, 10)


def test_a_domain_names_the_organisation_from_its_website_or_its_contacts():
    index = _index()
    assert index.match("someone@tecnotessile.it").organisation.id == 1
    assert index.match("luca@pratese.it").organisation.id == 2
    subdomain = index.match("prof@mail.tecnotessile.it")
    assert (subdomain.rule, subdomain.domain) == ("domain", "tecnotessile.it")


def test_public_domains_never_match_but_known_addresses_there_do():
    index = _index()
    assert index.match("someone@gmail.com").rule == "public"
    assert index.match("gina.sarti@gmail.com").organisation.id == 2
    for address in (
        "x@hotmail.it",
        "x@yahoo.es",
        "x@outlook.com.tr",
        "x@libero.it",
        "x@icloud.com",
    ):
        assert index.match(address).rule == "public", address


def test_team_members_and_colleagues_are_not_participants():
    index = _index()
    assert index.match("manager@cluster.it").rule == "team"
    assert index.match("secretary@cluster.it").rule == "colleague"


def test_a_shared_domain_or_a_shared_host_matches_nobody():
    index = _index()
    shared = index.match("x@studio.it")
    assert shared.rule == "ambiguous" and shared.candidates == ("Studio A", "Studio B")
    assert index.match("someone@facebook.com").rule == "unknown"
    assert index.match("ghost@elsewhere.it").rule == "unknown"
    assert index.match("not-an-address").rule == "unknown"


@given(
    local=st.from_regex(r"[a-z][a-z0-9.]{0,15}", fullmatch=True),
    domain=st.sampled_from(sorted(matching.PUBLIC_MAIL_DOMAINS)),
)
def test_no_public_address_is_ever_matched_by_its_domain(local, domain):
    index = AttendeeIndex.build(
        [KnownOrganisation(1, "Claims the domain", f"https://{domain}")],
        [KnownPerson(2, 1, "Someone", f"someone.else@{domain}")],
        [],
    )
    assert index.match(f"{local}@{domain}").rule in ("public", "email")
    assert index.match(f"{local}@{domain}").rule != "domain"


@given(st.sampled_from(["anna@tecnotessile.it", "carlo@pratese.it", "x@tecnotessile.it"]))
def test_matching_ignores_case_and_spaces(address):
    index = _index()
    assert index.match(f"  {address.upper()} ") == index.match(address)


def test_video_links_are_recognised():
    assert matching.has_video_link("Join: https://teams.microsoft.com/l/meetup-join/x")
    assert matching.has_video_link("", "https://us02web.zoom.us/j/123")
    assert matching.has_video_link("https://meet.google.com/abc-defg-hij")
    assert not matching.has_video_link("Meet at the Teams office, zoom in on the map")


def test_the_joining_instructions_are_cut_from_the_notes():
    text = "Agenda\n\n\n\n1. Loom\n-::~:~::~:~:~:~::-\nJoin with Google Meet: https://meet.google.com/x"
    assert clean_description(text) == "Agenda\n\n1. Loom"
    assert clean_description("Riunione di Microsoft Teams\nlink") == ""


def _calendar(*lines: str) -> bytes:
    return (
        "\r\n".join(["BEGIN:VCALENDAR", "VERSION:2.0", *lines, "END:VCALENDAR"]) + "\r\n"
    ).encode()


def test_days_are_counted_in_the_clusters_time_zone():
    content = _calendar(
        "BEGIN:VEVENT",
        "UID:a",
        "DTSTART:20260105T233000Z",
        "END:VEVENT",
        "BEGIN:VEVENT",
        "UID:b",
        "DTSTART;TZID=America/New_York:20260105T200000",
        "END:VEVENT",
        "BEGIN:VEVENT",
        "UID:c",
        "DTSTART:20260105T233000",
        "END:VEVENT",
        "BEGIN:VEVENT",
        "UID:d",
        "DTSTART;VALUE=DATE:20260105",
        "END:VEVENT",
    )
    days = [event.day for event in read_calendar(content, zone=ROME, until=date(2026, 6, 1))]
    # UTC 23:30 and New York 20:00 are the next day in Rome; floating and all-day stay.
    assert days == [date(2026, 1, 6), date(2026, 1, 6), date(2026, 1, 5), date(2026, 1, 5)]


def test_a_repeating_event_is_one_contact_per_meeting_with_exceptions():
    content = _calendar(
        "BEGIN:VEVENT",
        "UID:weekly",
        "DTSTART;TZID=Europe/Rome:20260105T090000",
        "RRULE:FREQ=WEEKLY;UNTIL=20260202T080000Z",
        "EXDATE;TZID=Europe/Rome:20260112T090000",
        "ATTENDEE;CN=Carlo:mailto:carlo@pratese.it",
        "END:VEVENT",
        "BEGIN:VEVENT",
        "UID:weekly",
        "RECURRENCE-ID;TZID=Europe/Rome:20260119T090000",
        "DTSTART;TZID=Europe/Rome:20260120T090000",
        "SUMMARY:Moved to Tuesday",
        "END:VEVENT",
    )
    events = read_calendar(content, zone=ROME, until=date(2026, 1, 28))
    assert [(event.day, event.external_id) for event in events] == [
        (date(2026, 1, 5), "weekly/2026-01-05"),
        (date(2026, 1, 26), "weekly/2026-01-26"),
        (date(2026, 1, 20), "weekly/2026-01-19"),
    ]
    assert events[0].attendees[0].email == "carlo@pratese.it"


def test_declined_rooms_and_duplicates_among_attendees():
    content = _calendar(
        "BEGIN:VEVENT",
        "UID:x",
        "DTSTART:20260105T100000Z",
        'ORGANIZER;CN="Anna":MAILTO:Anna@Tecnotessile.it',
        "ATTENDEE;CN=Anna:mailto:anna@tecnotessile.it",
        "ATTENDEE;CUTYPE=ROOM;CN=Sala 1:mailto:sala1@cluster.it",
        "ATTENDEE;PARTSTAT=DECLINED;CN=Carlo:mailto:carlo@pratese.it",
        "ATTENDEE:tel:+390551234567",
        "END:VEVENT",
    )
    [event] = read_calendar(content, zone=ROME, until=date(2026, 6, 1))
    assert [(a.email, a.organiser, a.declined) for a in event.attendees] == [
        ("anna@tecnotessile.it", True, False),
        ("carlo@pratese.it", False, True),
    ]


def test_what_is_not_a_calendar_is_refused():
    for content in (b"", b"date;participant\n", b"BEGIN:VCALENDAR\r\nBROKEN\r\n"):
        try:
            read_calendar(content, zone=ROME, until=date(2026, 6, 1))
        except CalendarError:
            continue
        raise AssertionError(content)


def test_a_floating_datetime_is_read_as_local():
    content = _calendar("BEGIN:VEVENT", "UID:f", "DTSTART:20260301T080000", "END:VEVENT")
    [event] = read_calendar(content, zone=ROME, until=date(2026, 6, 1))
    assert event.day == datetime(2026, 3, 1, 8).date()
