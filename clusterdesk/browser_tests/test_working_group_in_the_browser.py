from decimal import Decimal

import pytest
from django.utils import timezone

from clusterdesk.engagement.models import Activity
from clusterdesk.engagement.services.activities import working_group_create
from clusterdesk.testing.factories import OrganisationFactory

from .conftest import sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def _group_with_three_members(personas):
    members = [
        OrganisationFactory(cluster=personas.cluster_a, name=name)
        for name in ("Filatura Alfa", "Tessitura Beta", "Tintoria Gamma")
    ]
    return working_group_create(
        cluster=personas.cluster_a,
        actor=personas.manager_a,
        name="Circular textiles",
        chair=members[0],
        members=members,
    )


def _add_participant(page, typed: str, name: str) -> None:  # type: ignore[no-untyped-def]
    form = page.locator("#activity-form")
    form.get_by_label("Add a participant").fill(typed)
    form.get_by_role("button", name=name, exact=True).click()
    form.get_by_label(f"Role of {name}").wait_for()
    # The search box is swapped in afresh; htmx wires it up once the swap has settled.
    page.locator("#pick-involvement-field:not(.htmx-added)").wait_for()


def test_a_manager_records_a_meeting_with_three_participants_and_their_days(personas, page):
    group = _group_with_three_members(personas)
    sign_in(page, "manager@a.example")
    page.goto(f"/c/tfc/engagement/working-groups/{group.pk}/")
    page.get_by_role("link", name="Record a meeting").click()
    page.get_by_role("heading", name="Record an activity").wait_for()
    form = page.locator("#activity-form")
    assert form.get_by_label("Kind").input_value() == "working_group_meeting"
    assert form.get_by_label("Title").input_value() == "Circular textiles meeting"

    _add_participant(page, "alfa", "Filatura Alfa")
    _add_participant(page, "tessitura", "Tessitura Beta")
    _add_participant(page, "gamma", "Tintoria Gamma")
    assert form.get_by_label("Days of Filatura Alfa").input_value() == "1"  # a one-day meeting
    form.get_by_label("Role of Tintoria Gamma").select_option(label="Passive attendee")
    form.get_by_label("Days of Tintoria Gamma").fill("0.5")
    form.get_by_role("button", name="Save").click()

    page.get_by_role("heading", name="Circular textiles").wait_for()
    assert "was recorded with 3 participants" in page.content()
    meetings = page.get_by_test_id("meetings")
    text = meetings.inner_text()
    assert "Filatura Alfa – 1 day" in text
    assert "Tessitura Beta – 1 day" in text
    assert "Tintoria Gamma – 0.5 days" in text
    assert page.get_by_test_id("group-status").inner_text() == "Active"

    meeting = Activity.objects.get(working_group=group)
    assert meeting.starts_on == timezone.localdate()
    assert sorted(meeting.involvements.values_list("organisation__name", "role", "days")) == [
        ("Filatura Alfa", "active", Decimal("1")),
        ("Tessitura Beta", "active", Decimal("1")),
        ("Tintoria Gamma", "passive", Decimal("0.5")),
    ]


def test_a_removed_row_and_a_mistake_are_handled_in_the_page(personas, page):
    group = _group_with_three_members(personas)
    sign_in(page, "manager@a.example")
    page.goto(f"/c/tfc/engagement/activities/new/?working_group={group.pk}")
    form = page.locator("#activity-form")
    _add_participant(page, "alfa", "Filatura Alfa")
    _add_participant(page, "beta", "Tessitura Beta")
    form.get_by_role("button", name="Remove Tessitura Beta").click()
    assert form.get_by_label("Role of Tessitura Beta").count() == 0
    form.get_by_label("Days of Filatura Alfa").fill("3")
    form.get_by_role("button", name="Save").click()

    alert = page.get_by_role("alert").filter(has_text="Please correct the following")
    assert "3 days is more than the activity lasts (1)." in alert.inner_text()
    assert not Activity.objects.exists()
    assert page.get_by_text("Unknown participant").count() == 0  # the removed row stays out
    form.get_by_label("Days of Filatura Alfa").fill("1")
    form.get_by_role("button", name="Save").click()
    page.get_by_role("heading", name="Circular textiles meeting").wait_for()
    assert list(
        Activity.objects.get().involvements.values_list("organisation__name", flat=True)
    ) == ["Filatura Alfa"]


def test_the_list_of_activities_is_filtered_by_a_participant_found_by_name(personas, page):
    from clusterdesk.engagement.services.activities import InvolvementInput, activity_create

    group = _group_with_three_members(personas)
    alfa, beta, _gamma = group.members.order_by("name")
    for title, organisation in (("Fair with Alfa", alfa), ("Fair with Beta", beta)):
        activity_create(
            cluster=personas.cluster_a,
            actor=personas.manager_a,
            kind="joint_trade_fair",
            title=title,
            starts_on=timezone.localdate(),
            ends_on=timezone.localdate(),
            involvements=[InvolvementInput(organisation, "active", 1)],
        )
    sign_in(page, "manager@a.example")
    page.goto("/c/tfc/engagement/activities/?kind=joint_trade_fair")
    page.locator("#pick-filter").fill("tessitura")
    page.get_by_role("link", name="Tessitura Beta").click()
    page.get_by_test_id("participant-filter").wait_for()
    assert "kind=joint_trade_fair" in page.url
    rows = page.locator("#activity-table tbody tr")
    assert rows.count() == 1 and "Fair with Beta" in rows.first.inner_text()
