"""The benchmarking services: running and saving assessments, the Silver rule on saved ones,
questionnaire answers, roadmap actions and loading framework files."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from clusterdesk.benchmarking.engine import default_framework_text
from clusterdesk.benchmarking.frameworks import active_framework, framework_load
from clusterdesk.benchmarking.models import Answer, Assessment, FrameworkVersion
from clusterdesk.benchmarking.services import (
    answer_give,
    assessment_run,
    assessment_save,
    roadmap_action_create,
)
from clusterdesk.engagement.models import PlanAction, StaffMember, TrainingRecord, WebPresence
from clusterdesk.lib.errors import DomainError
from clusterdesk.participants.models import Category, Commitment
from clusterdesk.tenancy.models import AuditEntry, Cluster
from clusterdesk.testing.factories import ClusterFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

AS_OF = date(2026, 6, 15)
AREAS = (
    "structure", "management", "governance", "cooperation",
    "financing", "strategy", "services", "recognition",
)  # fmt: skip


def bronze_cluster(**fields: Any) -> Cluster:
    """A cluster that meets the four minimum requirements on 15 June 2026 and little else:
    15 committed participants (14 SMEs and a lab), a manager (1 FTE, job description, 3 days of
    training) and an Italian and English site updated in May 2026.

    By hand: structure 3/5 (A2 15/15 = 1.0, A3 14/15 > 0.70, A5 6 years; A1 15 < 40, A4 only
    research), management 2/2 (B1 3 > 2, B2 both), recognition 1/4 (E3 met; E1, E2, E4
    unknown), every other area 0 → 6 of 23."""
    cluster = ClusterFactory(founded_on=date(2020, 1, 1), local_languages=["it"], **fields)
    for number in range(15):
        OrganisationFactory(
            cluster=cluster,
            category=Category.RESEARCH if number == 0 else Category.INDUSTRY_SME,
            commitment=Commitment.COMMITTED,
        )
    manager = StaffMember.objects.create(
        cluster=cluster, full_name="Giulia Conti", post="Cluster manager", fte=Decimal(1),
        started_on=date(2020, 1, 1), job_description="team/jd.pdf",
    )  # fmt: skip
    TrainingRecord.objects.create(
        cluster=cluster, staff_member=manager, date=date(2026, 3, 1), days=3, topic="Course"
    )
    WebPresence.objects.create(
        cluster=cluster, url="https://www.bronze.example", languages=["it", "en"],
        last_updated_on=date(2026, 5, 1), contact_page_url="https://www.bronze.example/c",
    )  # fmt: skip
    return cluster


def saved_row(cluster: Cluster, as_of: date, areas: dict[str, float]) -> Assessment:
    """A saved assessment written directly, as an earlier snapshot would be."""
    version, _framework = active_framework()
    return Assessment.objects.create(
        cluster=cluster, as_of=as_of, framework=version, score=0.1, earned=2, total_weight=23,
        unknown=10, level="bronze", bronze_eligible=True, gold_ready=False,
        area_scores={area: areas.get(area, 0.0) for area in AREAS}, result={},
    )  # fmt: skip


# --------------------------------------------------------------------------- running and saving


def test_an_assessment_cannot_be_run_for_a_day_in_the_future() -> None:
    cluster = ClusterFactory()
    with pytest.raises(DomainError) as error:
        assessment_run(cluster=cluster, as_of=timezone.localdate() + timedelta(days=1))
    assert error.value.field == "as_of"
    assert error.value.message == "An assessment cannot be made for a day in the future."


def test_an_assessment_cannot_be_run_before_2000() -> None:
    cluster = ClusterFactory()
    with pytest.raises(DomainError) as error:
        assessment_run(cluster=cluster, as_of=date(1999, 12, 31))
    assert (error.value.field, error.value.message) == ("as_of", "Give a date from 2000 on.")
    # The first day of 2000 is allowed: an empty cluster is unknown everywhere, not zero.
    run = assessment_run(cluster=cluster, as_of=date(2000, 1, 1))
    assert run.assessment.as_of == date(2000, 1, 1)
    assert run.assessment.indicator("B4").status == "unknown"


def test_a_run_without_a_date_is_for_today() -> None:
    run = assessment_run(cluster=ClusterFactory())
    assert run.assessment.as_of == timezone.localdate()
    assert (run.version.framework_id, run.version.version) == ("clusterdesk-default", "2026.1")


def test_saving_keeps_the_figures_the_framework_version_and_an_audit_entry() -> None:
    cluster = bronze_cluster()
    actor = UserFactory(full_name="Giulia Conti")
    saved = assessment_save(cluster=cluster, actor=actor, as_of=AS_OF, note="  Board meeting  ")
    saved.refresh_from_db()
    # 6 of 23 weights (see bronze_cluster), minimums all met, nothing 18–24 months earlier.
    assert saved.as_of == AS_OF
    assert (saved.earned, saved.total_weight) == (6, 23)
    assert saved.score == pytest.approx(6 / 23)
    assert (saved.level, saved.bronze_eligible, saved.gold_ready) == ("bronze", True, False)
    assert saved.area_scores == pytest.approx(
        {area: 0.0 for area in AREAS} | {"structure": 0.6, "management": 1.0, "recognition": 0.25}
    )
    assert saved.values["A1"] == 15 and saved.values["B4"] is None
    assert saved.statuses["A1"] == "not_met" and saved.statuses["E3"] == "met"
    # Unknown: B3, B4, B5, B6, C1, C2, C3, D1, D2, D3, D4, E1, E2, E4 (no record at all);
    # D5 is unknown too (no activity recorded) → 15.
    assert saved.unknown == 15
    assert saved.result["framework_version"] == "2026.1"
    assert saved.result["score"] == pytest.approx(6 / 23)
    assert [row["id"] for row in saved.result["indicators"]][:3] == ["A1", "A2", "A3"]
    assert (saved.framework.version, saved.note, saved.created_by) == (
        "2026.1",
        "Board meeting",
        actor,
    )
    entry = AuditEntry.objects.for_cluster(cluster).get(object_type="assessment")
    assert (entry.action, entry.actor, entry.object_id) == ("created", actor, saved.pk)
    assert entry.changes["as_of"] == [None, "2026-06-15"]
    assert entry.changes["score"] == [None, round(6 / 23, 4)]


# --------------------------------------------------------------------------- the Silver rule


def test_silver_is_ready_when_three_areas_improved_against_a_saved_assessment() -> None:
    cluster = bronze_cluster()
    # 20 months before 2026-06-15, inside the 18–24 month window (2024-06-15 … 2024-12-15).
    earlier = saved_row(
        cluster, date(2024, 10, 15), {"structure": 0.4, "management": 0.5, "recognition": 0.0}
    )
    readiness = assessment_run(cluster=cluster, as_of=AS_OF).assessment.readiness
    # structure 0.6 > 0.4, management 1.0 > 0.5, recognition 0.25 > 0.0; the others stayed 0.
    assert readiness.silver == "ready"
    assert readiness.level == "silver"
    assert readiness.compared_with.id == earlier.pk
    assert set(readiness.improved_areas) == {"structure", "management", "recognition"}
    assert readiness.missing_silver == ()


def test_silver_is_not_ready_when_fewer_than_three_areas_improved() -> None:
    cluster = bronze_cluster()
    saved_row(cluster, date(2024, 10, 15), {"structure": 0.6, "management": 0.5, "recognition": 1})
    readiness = assessment_run(cluster=cluster, as_of=AS_OF).assessment.readiness
    # Only management improved (0.5 → 1.0); structure stayed at 0.6, recognition fell.
    assert readiness.silver == "not_ready"
    assert readiness.level == "bronze"
    assert readiness.improved_areas == ("management",)
    assert [(m.code, dict(m.params)) for m in readiness.missing_silver] == [
        ("areas_to_improve", {"improved": 1, "needed": 3, "more": 2})
    ]


def test_silver_ignores_assessments_outside_the_window_and_of_other_clusters() -> None:
    cluster, other = bronze_cluster(), ClusterFactory()
    saved_row(cluster, date(2024, 12, 16), {})  # 17 months and 30 days earlier: too recent
    saved_row(cluster, date(2024, 6, 14), {})  # 24 months and a day earlier: too old
    saved_row(other, date(2024, 10, 15), {})  # another cluster's
    readiness = assessment_run(cluster=cluster, as_of=AS_OF).assessment.readiness
    assert readiness.silver == "unknown"
    assert readiness.compared_with is None
    assert readiness.missing_silver[0].code == "no_earlier_assessment"


# --------------------------------------------------------------------------- answers


def refused(cluster: Cluster, **data: Any) -> tuple[str | None, str]:
    actor = UserFactory()
    data = {"question": "satisfaction_survey_closed_on", "answered_on": date(2026, 1, 5)} | data
    with pytest.raises(DomainError) as error:
        answer_give(cluster=cluster, actor=actor, data=data)
    return error.value.field, error.value.message


def test_an_answer_is_checked_field_by_field() -> None:
    cluster = ClusterFactory()
    tomorrow = timezone.localdate() + timedelta(days=1)
    assert refused(cluster, question="favourite_colour", value="blue") == (
        "question",
        "This question is not in the indicator framework.",
    )
    assert refused(cluster, value="   ") == ("value", "Give an answer.")
    assert refused(cluster, value="2026-13-01") == ("value", "Give a date, e.g. 2026-03-01.")
    assert refused(cluster, value=tomorrow.isoformat()) == ("value", "This date is in the future.")
    assert refused(cluster, value="1999-12-31") == ("value", "Give a date from 2000 on.")
    assert refused(cluster, question="label_held", value="platinum") == (
        "value",
        "Choose one of the answers offered.",
    )
    assert refused(cluster, value="x" * 256) == ("value", "Keep the answer under 255 characters.")
    assert refused(cluster, value="2026-01-01", answered_on=tomorrow) == (
        "answered_on",
        "This date is in the future.",
    )
    assert refused(cluster, value="2026-01-01", answered_on=None) == (
        "answered_on",
        "Give the date the answer holds from.",
    )
    assert not Answer.objects.exists()


def test_an_answer_records_who_gave_it() -> None:
    cluster = ClusterFactory()
    actor = UserFactory(full_name="Anna Verdi")
    data = {"question": "label_held", "value": " silver ", "answered_on": date(2025, 3, 1)}
    answer = answer_give(cluster=cluster, actor=actor, data=data | {"note": " Awarded in Rome "})
    answer.refresh_from_db()
    assert (answer.cluster, answer.question, answer.value) == (cluster, "label_held", "silver")
    assert (answer.answered_on, answer.answered_by, answer.note) == (
        date(2025, 3, 1),
        actor,
        "Awarded in Rome",
    )
    entry = AuditEntry.objects.for_cluster(cluster).get(object_type="answer")
    assert (entry.action, entry.actor, entry.object_id) == ("created", actor, answer.pk)
    # An earlier answer stays when a new one is given: the history of what was said.
    answer_give(cluster=cluster, actor=actor, data=data | {"value": "gold"})
    assert list(Answer.objects.for_cluster(cluster).values_list("value", flat=True)) == [
        "gold",
        "silver",
    ]


# --------------------------------------------------------------------------- roadmap


def test_a_roadmap_item_becomes_an_action_of_this_years_plan(personas) -> None:  # type: ignore[no-untyped-def]
    _version, framework = active_framework()
    action = roadmap_action_create(
        cluster=personas.cluster_a,
        actor=personas.manager_a,
        framework=framework,
        indicator_id="B4",
        title="Visit the committed participants not seen this year",
        target_value=Decimal("12"),
        unit="participants",
    )
    action.refresh_from_db()
    assert action.cluster == personas.cluster_a
    assert action.year == timezone.localdate().year
    assert action.indicator == "B4 · Participants with a personal contact"
    assert action.title == "Visit the committed participants not seen this year"
    assert (action.target_value, action.unit) == (Decimal("12.00"), "participants")
    assert (action.owner, action.status) == (personas.manager_a, "planned")
    assert (
        AuditEntry.objects.for_cluster(personas.cluster_a)
        .filter(object_type="planaction", object_id=action.pk, actor=personas.manager_a)
        .exists()
    )
    with pytest.raises(DomainError):
        roadmap_action_create(
            cluster=personas.cluster_a,
            actor=personas.manager_a,
            framework=framework,
            indicator_id="Z9",
            title="Nothing",
        )
    assert PlanAction.objects.for_cluster(personas.cluster_a).count() == 1


# --------------------------------------------------------------------------- framework files


def changed(version: str, name: str) -> str:
    text = default_framework_text()
    text = text.replace('version = "2026.1"', f'version = "{version}"', 1)
    return text.replace(
        'name = "ClusterDesk default (after the ESCA Gold indicators and the guide)"',
        f'name = "{name}"',
        1,
    )


def test_a_bad_framework_file_is_refused_with_every_problem() -> None:
    text = default_framework_text().replace(
        'computation = "contact_reach"', 'computation = "crystal_ball"', 1
    )
    text = text.replace('met = "value >= 40"', 'met = "about forty"', 1)
    with pytest.raises(DomainError) as error:
        framework_load(text=text)
    assert "indicator B4: the engine does not know the computation “crystal_ball”." in str(
        error.value.message
    )
    assert "indicator A1: “about forty” is not a condition such as “value >= 0.8”." in str(
        error.value.message
    )
    with pytest.raises(DomainError) as error:
        framework_load(text="this is [not toml")
    assert error.value.message.startswith("The file is not valid TOML")
    assert not FrameworkVersion.objects.exists()


def test_a_new_version_is_used_by_new_assessments_and_saved_ones_keep_theirs() -> None:
    cluster = bronze_cluster()
    actor = UserFactory()
    before = assessment_save(cluster=cluster, actor=actor, as_of=date(2026, 1, 15))
    assert before.framework.version == "2026.1"

    loaded = framework_load(text=changed("2026.2", "Our own"), actor=actor, activate=True)
    assert (loaded.version, loaded.name, loaded.is_active, loaded.loaded_by) == (
        "2026.2",
        "Our own",
        True,
        actor,
    )
    assert FrameworkVersion.objects.filter(is_active=True).get() == loaded
    after = assessment_save(cluster=cluster, actor=actor, as_of=AS_OF)
    assert (after.framework, after.result["framework_version"]) == (loaded, "2026.2")

    before.refresh_from_db()
    assert before.framework.version == "2026.1"
    assert before.result["framework_version"] == "2026.1"
    # Loading the same file again changes nothing.
    assert framework_load(text=changed("2026.2", "Our own")) == loaded
    assert FrameworkVersion.objects.count() == 2


def test_a_framework_loaded_without_activating_is_kept_but_not_used() -> None:
    active_framework()  # the shipped default is stored on first use
    kept = framework_load(text=changed("2026.3", "Draft"))
    assert kept.is_active is False
    assert active_framework()[0].version == "2026.1"


def test_the_same_version_with_other_content_is_refused() -> None:
    active_framework()
    with pytest.raises(DomainError) as error:
        framework_load(text=changed("2026.1", "Quietly changed"), activate=True)
    assert "already loaded with other content" in error.value.message
    assert FrameworkVersion.objects.count() == 1
    assert active_framework()[1].name.startswith("ClusterDesk default")
