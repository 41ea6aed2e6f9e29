import pytest

from clusterdesk.events.models import MeetingPlacement
from clusterdesk.events.tests.test_scheduling_helpers import b2b_day

from .conftest import sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_organiser_runs_the_scheduler_and_sees_the_grid(personas, page):
    day = b2b_day(
        personas.cluster_a,
        people=6,
        sessions=(3, 2),
        tables=2,
        pairs=[(0, 1), (2, 3), (4, 5), (0, 2), (1, 3)],
    )

    sign_in(page, "manager@a.example")
    page.goto(f"/c/tfc/events/{day.event.pk}/schedule/")
    page.get_by_text("The scheduler has not run on this day yet.").wait_for()
    assert page.get_by_test_id("grid-meeting").count() == 0

    page.get_by_label("Time limit (seconds)").fill("5")
    page.get_by_role("button", name="Run the scheduler").click()

    report = page.get_by_test_id("run-report")
    report.wait_for()
    assert "5 of 5 accepted meetings placed" in report.inner_text()
    assert "Proven optimal" in report.inner_text()
    grid = page.get_by_test_id("meeting-grid")
    assert grid.get_by_test_id("grid-meeting").count() == 5
    assert day.people[0].display_name in grid.inner_text()
    assert MeetingPlacement.objects.filter(request__event=day.event).count() == 5

    # the organiser locks a meeting from the grid
    grid.get_by_role("button", name="Lock").first.click()
    page.get_by_text("The meeting is locked where it is.").wait_for()
    assert MeetingPlacement.objects.filter(request__event=day.event, locked=True).count() == 1
