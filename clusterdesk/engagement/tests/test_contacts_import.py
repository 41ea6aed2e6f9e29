"""Importing the contact log from sheets and calendars: the preview says per row or event what
matched and what did not; applying is all or nothing; importing again changes nothing."""

from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from clusterdesk.engagement.contact_import import build_plan, upload_read, upload_save
from clusterdesk.engagement.models import PersonalContact
from clusterdesk.engagement.services.contacts import contact_import_apply
from clusterdesk.lib.errors import DomainError
from clusterdesk.testing.factories import ContactFactory, OrganisationFactory

from .contact_helpers import (
    PersonalContactFactory,
    csv_bytes,
    days_ago,
    google_ics,
    ics_day,
    ics_event,
    isolated_media,  # noqa: F401
    outlook_ics,
    xlsx_bytes,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("isolated_media")]


@pytest.fixture
def registry(personas):
    cluster = personas.cluster_a
    tecno = OrganisationFactory(
        cluster=cluster,
        name="Tecnotessile S.r.l.",
        vat_number="IT01234567890",
        website="https://www.tecnotessile.it",
    )
    pratese = OrganisationFactory(cluster=cluster, name="Filatura Pratese")
    university = OrganisationFactory(
        cluster=cluster, name="Università di Firenze", website="https://www.unifi.it"
    )
    anna = ContactFactory(
        organisation=tecno, first_name="Anna", last_name="Bianchi", email="anna@tecnotessile.it"
    )
    carlo = ContactFactory(
        organisation=pratese, first_name="Carlo", last_name="Neri", email="carlo.neri@pratese.it"
    )
    # Someone of the Filatura writes from gmail: that address is known, the domain says nothing.
    gina = ContactFactory(
        organisation=pratese, first_name="Gina", last_name="Sarti", email="gina.sarti@gmail.com"
    )
    return {
        "tecno": tecno,
        "pratese": pratese,
        "university": university,
        "anna": anna,
        "carlo": carlo,
        "gina": gina,
    }


def _plan(personas, content, name):
    return build_plan(personas.cluster_a, personas.manager_a, content, name)


def _apply(personas, content, name):
    upload = upload_save(cluster=personas.cluster_a, upload=SimpleUploadedFile(name, content))
    return contact_import_apply(cluster=personas.cluster_a, actor=personas.manager_a, upload=upload)


# --------------------------------------------------------------------------- sheets


def test_an_italian_csv_with_semicolons_windows_1252_and_day_first_dates(personas, registry):
    content = csv_bytes(
        [
            ["Data", "Partecipante", "Tipo", "Referente", "Note", "Persone incontrate"],
            [
                "01/03/2026",
                "Tecnotessile SRL",
                "Visita",
                "staff@a.example",
                "Caffè e telai",
                "anna@tecnotessile.it",
            ],
            ["02/03/2026", "IT01234567890", "Telefonata", "", "Richiamare", ""],
            [
                "03/03/2026",
                "Filatura Pratese",
                "videochiamata",
                "manager@a.example, staff@a.example",
                "",
                "carlo.neri@pratese.it",
            ],
        ],
        separator=";",
        encoding="cp1252",
    )
    plan = build_plan(
        personas.cluster_a, personas.manager_a, content, "diario.csv", today=date(2026, 6, 1)
    )
    assert plan.counts == {"create": 3, "unchanged": 0, "skipped": 0, "rejected": 0}
    first, second, third = plan.drafts
    assert (first.date.isoformat(), first.organisation_id, first.kind) == (
        "2026-03-01",
        registry["tecno"].pk,
        "visit",
    )
    assert first.notes == "Caffè e telai"
    assert first.staff_ids == [personas.staff_a.pk] and first.people_ids == [registry["anna"].pk]
    assert second.kind == "phone" and second.staff_ids == [personas.manager_a.pk]
    assert plan.rows[1].matched[0].how == "by VAT number"
    assert third.kind == "video" and set(third.staff_ids) == {
        personas.manager_a.pk,
        personas.staff_a.pk,
    }


def test_an_xlsx_with_spanish_and_turkish_words_and_real_dates(personas, registry):
    content = xlsx_bytes(
        [
            ["Fecha", "Empresa", "Tipo de contacto", "Notas"],
            [days_ago(3), "Tecnotessile", "Llamada", "Hablamos del proyecto"],
        ]
    )
    plan = _plan(personas, content, "contactos.xlsx")
    assert plan.counts["create"] == 1
    assert plan.drafts[0].kind == "phone" and plan.drafts[0].date == days_ago(3)
    turkish = xlsx_bytes(
        [
            ["Tarih", "Katılımcı", "Tür", "Notlar"],
            [days_ago(1).isoformat(), "Filatura Pratese", "Ziyaret", ""],
        ]
    )
    plan = _plan(personas, turkish, "temaslar.xlsx")
    assert plan.counts["create"] == 1 and plan.drafts[0].kind == "visit"


def test_bad_rows_are_explained_and_block_the_whole_import(personas, registry):
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    content = csv_bytes(
        [
            ["date", "participant", "kind", "staff", "notes", "people met"],
            [days_ago(2).isoformat(), "Tecnotessile", "visit", "", "Good row", ""],
            [days_ago(2).isoformat(), "Nessuno S.p.A.", "visit", "", "", ""],
            [tomorrow, "Tecnotessile", "visit", "", "", ""],
            ["31/02/2026", "Tecnotessile", "visit", "", "", ""],
            [days_ago(2).isoformat(), "Tecnotessile", "lunch", "", "", ""],
            [days_ago(2).isoformat(), "Tecnotessile", "visit", "manager@b.example", "", ""],
            [days_ago(2).isoformat(), "Tecnotessile", "visit", "", "", "carlo.neri@pratese.it"],
            ["", "", "", "", "", ""],  # blank rows are skipped
        ]
    )
    plan = _plan(personas, content, "log.csv")
    assert plan.counts == {"create": 1, "unchanged": 0, "skipped": 0, "rejected": 6}
    assert not plan.can_apply
    messages = {row.reference: row.errors for row in plan.rows if row.errors}
    assert messages["Row 3"][0][0] == "participant"
    assert "No participant called “Nessuno S.p.A.”" in messages["Row 3"][0][1]
    assert "in the future" in messages["Row 4"][0][1]
    assert "“31/02/2026” is not a date" in messages["Row 5"][0][1]
    assert "“lunch” is not a kind of contact" in messages["Row 6"][0][1]
    assert "manager@b.example is not a member of this cluster's team" in messages["Row 7"][0][1]
    assert (
        "Carlo Neri works at Filatura Pratese, not at Tecnotessile S.r.l."
        in messages["Row 8"][0][1]
    )
    with pytest.raises(DomainError):
        _apply(personas, content, "log.csv")
    assert not PersonalContact.objects.exists()


def test_a_sheet_without_the_needed_columns_or_broken_is_refused(personas, registry):
    plan = _plan(personas, csv_bytes([["when", "who"], ["x", "y"]]), "log.csv")
    assert plan.file_errors and "participant, kind" in plan.file_errors[0]
    broken = _plan(personas, b"PK\x03\x04 this is no workbook", "log.xlsx")
    assert broken.file_errors == ["The file could not be opened as an Excel workbook (.xlsx)."]
    assert not broken.can_apply


def test_a_sheet_imported_twice_changes_nothing_the_second_time(personas, registry):
    content = csv_bytes(
        [
            ["date", "participant", "kind", "notes"],
            [days_ago(5).isoformat(), "Tecnotessile", "visit", "Visit"],
            [days_ago(4).isoformat(), "Filatura Pratese", "phone", "Call"],
            [days_ago(4).isoformat(), "Filatura Pratese", "phone", "Call"],
        ]
    )
    first = _plan(personas, content, "log.csv")
    assert first.counts == {"create": 2, "unchanged": 0, "skipped": 1, "rejected": 0}
    assert first.rows[2].reason == "The same contact as Row 3."
    assert _apply(personas, content, "log.csv") == 2
    contact = PersonalContact.objects.get(notes="Visit")
    assert contact.source == "import" and list(contact.staff.all()) == [personas.manager_a]
    again = _plan(personas, content, "log.csv")
    assert again.counts["create"] == 0 and again.counts["unchanged"] == 3
    assert _apply(personas, content, "log.csv") == 0
    assert PersonalContact.objects.count() == 2


def test_the_export_of_the_log_imports_back_unchanged(personas, manager_a_client, registry):
    PersonalContactFactory(
        organisation=registry["tecno"],
        staff=[personas.staff_a],
        people_met=[registry["anna"]],
        notes="Talked; about, separators",
        kind="joint_work",
    )
    for file_format in ("csv", "xlsx"):
        export = manager_a_client.get(
            reverse("engagement:contacts_export", args=["tfc", file_format])
        ).content
        plan = _plan(personas, export, f"export.{file_format}")
        assert plan.counts == {"create": 0, "unchanged": 1, "skipped": 0, "rejected": 0}, (
            file_format,
            [row.errors for row in plan.rows],
        )


# --------------------------------------------------------------------------- calendars


def _outlook_calendar():
    teams = (
        "Agenda: new dyeing line\n\n"
        "________________________________________________________________________________\n"
        "Microsoft Teams meeting\nJoin on your computer or mobile app\n"
        "https://teams.microsoft.com/l/meetup-join/19%3ameeting_abc/0?context=x\n"
    )
    stamp = days_ago(6).strftime("%Y%m%d")
    return outlook_ics(
        # 1 · exact e-mail of a contact, a Teams link, and a private address ignored
        ics_event(
            uid="040000008200E00074C5B7101A82E00800000000A1B2",
            start=f';TZID="W. Europe Standard Time":{stamp}T100000',
            summary="Dyeing line",
            organiser=("Manager A", "manager@a.example"),
            attendees=[
                ("Anna Bianchi", "anna@tecnotessile.it"),
                ("Someone", "someone@hotmail.it"),
            ],
            description=teams,
        ),
        # 2 · by domain of the website (an unknown person of the university) and of contacts
        ics_event(
            uid="040000008200E00074C5B7101A82E00800000000C3D4",
            start=f';TZID="W. Europe Standard Time":{days_ago(5).strftime("%Y%m%d")}T150000',
            summary="Research day",
            organiser=("Prof. Verdi", "verdi@dsi.unifi.it"),
            attendees=[("Staff A", "staff@a.example"), ("Luca", "luca@pratese.it")],
            extra="LOCATION:Polo di Novoli",
        ),
        # 3 · nobody known: skipped, with the addresses listed
        ics_event(
            uid="outlook-unmatched",
            start=ics_day(4),
            summary="Dentist",
            attendees=[("Dr. X", "x@dentist.example"), ("Me", "gina.other@gmail.com")],
        ),
        # 4 · in the future
        ics_event(
            uid="outlook-future",
            start=ics_day(-3),
            summary="Next visit",
            attendees=[("Anna Bianchi", "anna@tecnotessile.it")],
        ),
    )


def test_an_outlook_calendar_is_matched_by_email_and_by_domain(personas, registry):
    plan = _plan(personas, _outlook_calendar(), "calendar.ics")
    assert plan.source == "ics"
    rows = plan.rows
    assert [row.action for row in rows] == ["create", "create", "skipped", "skipped"]

    teams = rows[0]
    assert teams.day == days_ago(6) and teams.kind == "video"
    assert [(m.organisation, m.how) for m in teams.matched] == [
        ("Tecnotessile S.r.l.", "e-mail of Anna Bianchi")
    ]
    assert teams.ignored == ["someone@hotmail.it"]
    assert teams.people == ["Anna Bianchi"] and teams.staff == [str(personas.manager_a)]
    draft = teams.drafts[0]
    assert draft.people_ids == [registry["anna"].pk]
    assert draft.notes == "Dyeing line\n\nAgenda: new dyeing line"
    assert draft.external_id == "040000008200E00074C5B7101A82E00800000000A1B2"

    research = rows[1]
    assert research.kind == "meeting"
    assert {(m.organisation, m.how) for m in research.matched} == {
        ("Università di Firenze", "domain unifi.it"),
        ("Filatura Pratese", "domain pratese.it"),
    }
    assert research.staff == [str(personas.staff_a)]
    assert {draft.staff_ids[0] for draft in research.drafts} == {personas.staff_a.pk}

    unmatched = rows[2]
    assert unmatched.reason == "No participant matched any attendee."
    assert unmatched.unmatched == [
        "x@dentist.example: no participant has this address or its domain"
    ]
    assert unmatched.ignored == ["gina.other@gmail.com"]  # gmail never matches by domain
    assert rows[3].reason == "It is in the future; import it once it has happened."
    assert len(plan.drafts) == 3


def test_a_known_private_address_still_matches_its_contact(personas, registry):
    calendar = google_ics(
        ics_event(
            uid="gina@google.com",
            start=ics_day(2),
            summary="Coffee",
            attendees=[("Gina", "gina.sarti@gmail.com")],
            style="google",
        )
    )
    [row] = _plan(personas, calendar, "g.ics").rows
    assert [(m.organisation, m.how) for m in row.matched] == [
        ("Filatura Pratese", "e-mail of Gina Sarti")
    ]


def test_a_google_calendar_with_utc_times_meet_links_and_repeats(personas, registry):
    # 23:30 UTC is already the next day in Rome: the contact is dated as the team lived it.
    late = days_ago(10)
    calendar = google_ics(
        ics_event(
            uid="7kukuqrfedlm2f9t6vbk2tnlnc@google.com",
            start=":" + late.strftime("%Y%m%d") + "T233000Z",
            summary="Late call with Tecnotessile",
            organiser=("manager@a.example", "manager@a.example"),
            attendees=[
                ("manager@a.example", "manager@a.example"),
                ("anna@tecnotessile.it", "anna@tecnotessile.it"),
            ],
            description="Join with Google Meet: https://meet.google.com/abc-defg-hij\n",
            style="google",
        ),
        ics_event(
            uid="weekly-pratese@google.com",
            start=";TZID=Europe/Rome:" + days_ago(15).strftime("%Y%m%d") + "T090000",
            summary="Weekly with the spinning mill",
            attendees=[("Carlo", "carlo.neri@pratese.it")],
            extra="RRULE:FREQ=WEEKLY;COUNT=10",
            style="google",
        ),
        ics_event(
            uid="cancelled@google.com",
            start=ics_day(3),
            summary="Visit",
            attendees=[("Anna", "anna@tecnotessile.it")],
            extra="STATUS:CANCELLED",
            style="google",
        ),
    )
    plan = _plan(personas, calendar, "google.ics")
    late_call = plan.rows[0]
    assert late_call.day == late + timedelta(days=1)
    assert late_call.kind == "video" and late_call.drafts[0].notes == "Late call with Tecnotessile"
    weekly = [row for row in plan.rows if row.title == "Weekly with the spinning mill"]
    # Three meetings have happened (15, 8 and 1 days ago); the other seven are to come.
    assert [row.day for row in weekly] == [days_ago(15), days_ago(8), days_ago(1)]
    assert len({row.drafts[0].external_id for row in weekly}) == 3
    assert plan.rows[-1].reason == "The event was cancelled."


def test_a_calendar_imported_twice_changes_nothing(personas, registry):
    calendar = _outlook_calendar()
    assert _apply(personas, calendar, "calendar.ics") == 3
    stored = PersonalContact.objects.get(organisation=registry["tecno"])
    assert stored.kind == "video" and stored.source == "ics"
    assert stored.external_id == "040000008200E00074C5B7101A82E00800000000A1B2"
    assert list(stored.people_met.all()) == [registry["anna"]]
    assert list(stored.staff.all()) == [personas.manager_a]
    again = _plan(personas, calendar, "calendar.ics")
    assert again.counts["create"] == 0 and again.counts["unchanged"] == 2
    assert "already imported" in again.rows[0].matched[0].how
    assert _apply(personas, calendar, "calendar.ics") == 0
    assert PersonalContact.objects.count() == 3


def test_a_meeting_already_logged_by_hand_that_day_is_not_added_again(personas, registry):
    PersonalContactFactory(organisation=registry["tecno"], date=days_ago(6), kind="visit")
    plan = _plan(personas, _outlook_calendar(), "calendar.ics")
    assert plan.rows[0].action == "unchanged"
    assert "a contact that day is already in the log" in plan.rows[0].matched[0].how


def test_a_domain_shared_by_two_participants_matches_neither(personas, registry):
    OrganisationFactory(cluster=personas.cluster_a, name="Consulenti A", website="studio.it")
    OrganisationFactory(
        cluster=personas.cluster_a, name="Consulenti B", website="http://studio.it/b"
    )
    calendar = outlook_ics(
        ics_event(uid="s", start=ics_day(1), summary="?", attendees=[("X", "x@studio.it")])
    )
    [row] = _plan(personas, calendar, "c.ics").rows
    assert row.action == "skipped"
    assert row.unmatched == [
        "x@studio.it: the domain studio.it is shared by Consulenti A, Consulenti B"
    ]


def test_a_broken_calendar_is_explained(personas, registry):
    for content in (b"BEGIN:VCALENDAR\r\nthis is not\r\n", b"hello"):
        plan = _plan(personas, content, "calendar.ics")
        assert plan.file_errors and "could not be read as a calendar" in plan.file_errors[0]
        assert not plan.can_apply
    no_start = outlook_ics("BEGIN:VEVENT\r\nUID:x\r\nSUMMARY:No start\r\nEND:VEVENT")
    [row] = _plan(personas, no_start, "calendar.ics").rows
    assert row.action == "skipped" and row.reason == "Its start date could not be read."


def test_apply_is_all_or_nothing(personas, registry, monkeypatch):
    """A failure while writing leaves nothing half-written."""
    from clusterdesk.engagement.services import contacts as services

    original = services.audit_entry
    calls = {"n": 0}

    def fail_on_the_second(**kwargs):
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("disk full")
        return original(**kwargs)

    monkeypatch.setattr(services, "audit_entry", fail_on_the_second)
    with pytest.raises(RuntimeError):
        _apply(personas, _outlook_calendar(), "calendar.ics")
    assert not PersonalContact.objects.exists()
    assert not PersonalContact.staff.through.objects.exists()


def test_a_large_calendar_is_previewed_with_a_fixed_number_of_queries(
    personas, registry, django_assert_max_num_queries
):
    events = [
        ics_event(
            uid=f"event-{number}",
            start=ics_day(1 + number % 300),
            summary=f"Meeting {number}",
            attendees=[
                ("Anna", "anna@tecnotessile.it") if number % 2 else ("Luca", "luca@pratese.it"),
                ("Someone", f"person{number}@elsewhere{number % 50}.example"),
            ],
        )
        for number in range(2000)
    ]
    calendar = outlook_ics(*events)
    with django_assert_max_num_queries(6):
        plan = _plan(personas, calendar, "big.ics")
    assert len(plan.rows) == 2000 and len(plan.drafts) == 2000


# --------------------------------------------------------------------------- pages


def test_upload_preview_and_apply_through_the_pages(
    personas, manager_a_client, registry, django_capture_on_commit_callbacks
):
    upload = SimpleUploadedFile("my calendar.ics", _outlook_calendar(), "text/calendar")
    response = manager_a_client.post(
        reverse("engagement:contact_import", args=["tfc"]), {"file": upload}
    )
    assert response.status_code == 302
    preview_url = response["Location"]
    assert "/contacts/import/" in preview_url and "file=my+calendar.ics" in preview_url
    page = manager_a_client.get(preview_url).content.decode()
    assert "my calendar.ics" in page
    assert "e-mail of Anna Bianchi" in page and "domain unifi.it" in page
    assert "x@dentist.example: no participant has this address or its domain" in page
    assert "It is in the future" in page
    assert "Private addresses, not used to match:" in page and "someone@hotmail.it" in page
    assert 'data-testid="count-contacts">3<' in page
    skipped = manager_a_client.get(preview_url + "&show=skipped").content.decode()
    assert "Dentist" in skipped and "Dyeing line" not in skipped

    apply_url = preview_url.split("?")[0] + "apply/"
    with django_capture_on_commit_callbacks(execute=True):
        response = manager_a_client.post(apply_url, {"file": "my calendar.ics"})
    assert response.status_code == 302 and response["Location"].endswith("/engagement/contacts/")
    assert PersonalContact.objects.count() == 3
    # the stored file is gone once applied
    name = preview_url.split("/contacts/import/")[1].split("/")[0]
    assert upload_read(cluster=personas.cluster_a, name=name) is None
    assert manager_a_client.get(preview_url).status_code == 404


def test_a_rejected_sheet_shows_what_to_fix_and_cannot_be_applied(
    personas, manager_a_client, registry
):
    content = csv_bytes([["data", "partecipante", "tipo"], ["01/03/2026", "Nessuno", "visita"]])
    response = manager_a_client.post(
        reverse("engagement:contact_import", args=["tfc"]),
        {"file": SimpleUploadedFile("log.csv", content)},
    )
    preview_url = response["Location"]
    page = manager_a_client.get(preview_url).content.decode()
    assert "No participant called “Nessuno”" in page and "partecipante" in page
    assert "Apply the import" not in page and "Upload the corrected file" in page
    apply_url = preview_url.split("?")[0] + "apply/"
    response = manager_a_client.post(apply_url, follow=True)
    assert "Some rows must be fixed first; nothing was imported." in response.content.decode()
    assert not PersonalContact.objects.exists()


def test_files_of_other_kinds_are_refused_at_upload(manager_a_client):
    for name, content, message in (
        ("notes.pdf", b"%PDF-1.4", "Upload a CSV or Excel (.xlsx) sheet, or a calendar file"),
        ("old.xls", b"\xd0\xcf\x11\xe0", "Old Excel files (.xls) cannot be read"),
        ("empty.csv", b"  ", "The file is empty."),
    ):
        response = manager_a_client.post(
            reverse("engagement:contact_import", args=["tfc"]),
            {"file": SimpleUploadedFile(name, content)},
        )
        assert response.status_code == 200 and message in response.content.decode(), name
