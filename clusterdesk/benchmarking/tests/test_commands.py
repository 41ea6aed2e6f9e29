"""The commands: `benchmark` (text, JSON, PDF; saving a snapshot), `framework_load` and
`peer_reference_import`, with plain messages for whatever is wrong."""

from __future__ import annotations

import json
from datetime import timedelta
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from clusterdesk.benchmarking.engine import default_framework_text
from clusterdesk.benchmarking.frameworks import active_framework
from clusterdesk.benchmarking.models import Assessment as SavedAssessment
from clusterdesk.benchmarking.models import FrameworkVersion, ReferenceRow, ReferenceSet
from clusterdesk.conftest import Personas
from clusterdesk.tenancy.models import AuditEntry
from clusterdesk.testing.factories import CommittedOrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def run(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


# --------------------------------------------------------------------------- benchmark


def test_the_text_is_a_readable_table(personas: Personas) -> None:
    CommittedOrganisationFactory(cluster=personas.cluster_a)

    text, _err = run("benchmark", "tfc")

    lines = text.splitlines()
    assert lines[0].startswith("Tuscany Fashion Cluster — excellence assessment as of ")
    assert "Framework: ClusterDesk default (after the ESCA Gold indicators and the guide)" in text
    assert "Score: 4 % (Gold needs 80 %); 19 of 23 indicators unknown." in text  # A3 met
    assert "Label readiness: Not yet Bronze-eligible" in text
    assert "    - Minimum requirement not met: At least 15 committed participants." in text
    indicator_lines = [line for line in lines if line.startswith(("A1 ", "B4 "))]
    assert [line.split()[:4] for line in indicator_lines] == [
        ["A1", "Committed", "participants", "1"],
        ["B4", "Participants", "with", "a"],
    ]
    assert indicator_lines[0].rstrip().endswith("Not met")
    assert indicator_lines[1].rstrip().endswith("Unknown")
    assert "M1  At least 15 committed participants" in text
    assert [line.split()[-1] for line in lines if line.startswith(("M1 ", "M3 "))] == [
        "met",  # "not met"
        "unknown",  # no staff recorded
    ]
    assert (
        "  B4: No personal contact has been logged yet. → Contact log (/c/tfc/engagement/contacts/)"
        in text
    )


def test_the_json_is_the_engines_answer_with_the_framework_version(personas: Personas) -> None:
    day = timezone.localdate() - timedelta(days=10)

    text, _err = run("benchmark", "tfc", "--format", "json", "--as-of", day.isoformat())

    data = json.loads(text)
    assert data["as_of"] == day.isoformat() and data["cluster"] == "tfc"
    assert data["framework"]["id"] == "clusterdesk-default"
    assert data["framework"]["version"] == data["framework_version"] == "2026.1"
    assert data["framework"]["digest"] == active_framework()[0].digest
    assert [row["id"] for row in data["indicators"]][:3] == ["A1", "A2", "A3"]
    assert data["score"] == 0.0 and data["unknown"] == 20


def test_the_language_can_be_chosen(personas: Personas) -> None:
    text, _err = run("benchmark", "tfc", "--as-of", "2025-11-03", "--language", "it")

    assert text.splitlines()[0].endswith("03 Novembre 2025")  # the Italian date format


def test_the_output_can_go_to_a_file(personas: Personas, tmp_path: Path) -> None:
    target = tmp_path / "assessment.json"

    text, err = run("benchmark", "tfc", "--format", "json", "--output", str(target))

    assert text == ""
    assert f"Wrote the assessment to {target}." in err
    assert json.loads(target.read_text(encoding="utf-8"))["cluster"] == "tfc"


def test_save_keeps_a_snapshot(personas: Personas) -> None:
    text, err = run("benchmark", "tfc", "--save", "--format", "json")

    saved = SavedAssessment.objects.get(cluster=personas.cluster_a)
    assert f"Saved as snapshot {saved.pk}" in err
    assert json.loads(text)["score"] == saved.score
    assert AuditEntry.objects.filter(object_id=saved.pk, source="cli").exists()


def test_the_pdf_report_is_written_to_the_file(personas: Personas, tmp_path: Path) -> None:
    target = tmp_path / "report.pdf"

    _text, err = run("benchmark", "tfc", "--format", "pdf", "--output", str(target))

    assert target.read_bytes().startswith(b"%PDF")
    assert "Wrote the report" in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nope"], "No cluster has the slug “nope”."),
        (["tfc", "--as-of", "2026-13-01"], "“2026-13-01” is not a date: write it as 2026-03-01."),
        (["tfc", "--as-of", "1999-12-31"], "Give a date from 2000 on."),
        (["tfc", "--format", "pdf"], "A PDF needs a file to go to: give --output report.pdf."),
    ],
)
def test_wrong_arguments_give_a_plain_message(
    personas: Personas, args: list[str], message: str
) -> None:
    with pytest.raises(CommandError) as raised:
        run("benchmark", *args)

    assert str(raised.value) == message
    assert not SavedAssessment.objects.exists()


def test_a_day_in_the_future_is_refused(personas: Personas) -> None:
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()

    with pytest.raises(CommandError, match="An assessment cannot be made for a day in the future"):
        run("benchmark", "tfc", "--as-of", tomorrow, "--save")

    assert not SavedAssessment.objects.exists()


# --------------------------------------------------------------------------- framework_load


def framework_file(tmp_path: Path, text: str) -> str:
    path = tmp_path / "framework.toml"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_a_new_version_is_loaded_and_activated_when_asked(tmp_path: Path) -> None:
    active_framework()
    text = default_framework_text().replace('version = "2026.1"', 'version = "2026.2"', 1)
    text = text.replace('met = "value >= 40"', 'met = "value >= 30"', 1)

    out, _err = run("framework_load", framework_file(tmp_path, text))

    assert "Loaded clusterdesk-default 2026.2" in out
    assert "It is not active: run again with --activate to use it." in out
    assert FrameworkVersion.objects.get(is_active=True).version == "2026.1"

    out, _err = run("framework_load", framework_file(tmp_path, text), "--activate")

    assert "It is the framework new assessments use." in out
    version, framework = active_framework()
    assert version.version == "2026.2"
    assert framework.indicator("A1").met.text == "value >= 30"
    assert FrameworkVersion.objects.count() == 2


def test_every_problem_of_a_bad_file_is_printed_and_nothing_is_loaded(tmp_path: Path) -> None:
    text = default_framework_text().replace('computation = "contact_reach"', 'computation = "x"')
    text = text.replace('met = "value >= 3"\nweight', 'met = "at least three"\nweight', 1)
    before = FrameworkVersion.objects.count()
    err = StringIO()

    with pytest.raises(CommandError, match=r"cannot be loaded \(2 problems\); nothing was changed"):
        call_command("framework_load", framework_file(tmp_path, text), stderr=err)

    assert "indicator B4: the engine does not know the computation “x”." in err.getvalue()
    assert "is not a condition such as “value >= 0.8”" in err.getvalue()
    assert FrameworkVersion.objects.count() == before


def test_the_same_version_with_other_content_is_refused(tmp_path: Path) -> None:
    active_framework()
    text = default_framework_text().replace('met = "value >= 40"', 'met = "value >= 30"', 1)

    with pytest.raises(CommandError, match="give the changed file a new version"):
        run("framework_load", framework_file(tmp_path, text), "--activate")

    assert FrameworkVersion.objects.get(is_active=True).version == "2026.1"


def test_a_missing_file_is_a_plain_message(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="There is no file"):
        run("framework_load", str(tmp_path / "nothing.toml"))


# --------------------------------------------------------------------------- peer_reference_import

GOOD = (
    "country,technology_area,gold_ready,score,A1,B4\n"
    "IT,Textile and fashion,yes,0.84,52,65 %\n"
    "Spain,Agrifood,no,0.41,18,0.3\n"
)


def reference_path(tmp_path: Path, text: str, encoding: str = "utf-8") -> str:
    path = tmp_path / "peers.csv"
    path.write_bytes(text.encode(encoding))
    return str(path)


def test_a_shared_reference_file_is_imported(tmp_path: Path) -> None:
    out, _err = run(
        "peer_reference_import",
        reference_path(tmp_path, GOOD),
        "--name",
        "National survey",
        "--source",
        "Ministry",
    )

    assert "Imported “National survey”: 2 clusters, shared with every cluster." in out
    reference_set = ReferenceSet.objects.get()
    assert (reference_set.cluster, reference_set.source, reference_set.rows) == (
        None,
        "Ministry",
        2,
    )


def test_a_reference_file_can_be_for_one_cluster(personas: Personas, tmp_path: Path) -> None:
    out, _err = run(
        "peer_reference_import",
        reference_path(tmp_path, GOOD),
        "--name",
        "Ours",
        "--cluster",
        "tfc",
    )

    assert "for Tuscany Fashion Cluster only" in out
    assert ReferenceSet.objects.get().cluster == personas.cluster_a


def test_a_bad_reference_file_prints_every_problem_and_imports_nothing(
    personas: Personas, tmp_path: Path
) -> None:
    text = GOOD + "Atlantis;Textile\nIT,Textile,no,0.5,many,145 %\n"
    err = StringIO()

    with pytest.raises(CommandError, match="The file has 3 problems; nothing was imported."):
        call_command(
            "peer_reference_import", reference_path(tmp_path, text), "--name", "X", stderr=err
        )

    assert err.getvalue().splitlines() == [
        "  - Row 4, column country: “Atlantis;Textile” is not a country: give its ISO code (IT) "
        "or its English name (Italy).",
        "  - Row 5, column A1: “many” is not a number.",
        "  - Row 5, column B4: “145 %” is more than 100 %.",
    ]
    assert not ReferenceSet.objects.exists() and not ReferenceRow.objects.exists()


def test_an_unknown_cluster_is_a_plain_message(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="No cluster has the slug “nope”."):
        run(
            "peer_reference_import",
            reference_path(tmp_path, GOOD),
            "--name",
            "X",
            "--cluster",
            "nope",
        )

    assert not ReferenceSet.objects.exists()


def test_a_file_in_windows_1252_with_semicolons_is_read(tmp_path: Path) -> None:
    text = "country;technology_area;score\r\nFrance;Mécanique;0,5\r\n"

    run("peer_reference_import", reference_path(tmp_path, text, "cp1252"), "--name", "FR")

    row: Any = ReferenceRow.objects.get()
    assert (row.country.code, row.technology_area, row.score) == ("FR", "Mécanique", 0.5)


def test_the_operator_activates_a_loaded_version_in_the_admin(tmp_path: Path, client: Any) -> None:
    active_framework()
    text = default_framework_text().replace('version = "2026.1"', 'version = "2026.2"', 1)
    run("framework_load", framework_file(tmp_path, text))
    loaded = FrameworkVersion.objects.get(version="2026.2")
    client.force_login(UserFactory(email="operator@example.org", is_staff=True, is_superuser=True))

    listing = client.get("/admin/benchmarking/frameworkversion/")
    response = client.post(
        "/admin/benchmarking/frameworkversion/",
        {"action": "activate", "_selected_action": [loaded.pk]},
    )

    assert listing.status_code == 200 and "2026.2" in listing.content.decode()
    assert response.status_code == 302
    assert FrameworkVersion.objects.get(is_active=True) == loaded
