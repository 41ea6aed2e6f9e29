from pathlib import Path

import pytest

from clusterdesk.participants.models import Organisation
from clusterdesk.participants.tests.importing_helpers import csv_bytes

from .conftest import sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_manager_signs_in_and_adds_an_organisation(personas, page):
    sign_in(page, "manager@a.example")
    page.get_by_role("link", name="Add organisation").click()
    page.get_by_label("Name", exact=True).fill("Tessitura Fiorentina")
    page.get_by_label("Category").select_option(label="Industry – SME")
    page.get_by_label("Sector codes (NACE Rev. 2)").fill("13.20")
    page.get_by_label("City").fill("Firenze")
    page.get_by_role("button", name="Save").click()
    page.get_by_role("heading", name="Tessitura Fiorentina").wait_for()
    assert "Tessitura Fiorentina was added." in page.content()
    assert Organisation.objects.get(name="Tessitura Fiorentina").sectors.get().code == "13.20"


def test_a_form_with_mistakes_says_what_to_fix_and_keeps_what_was_typed(personas, page):
    sign_in(page, "manager@a.example")
    page.goto("/c/tfc/participants/new/")
    page.get_by_label("Name", exact=True).fill("Filatura Senza Data")
    page.get_by_label("Category").select_option("industry_sme")
    page.get_by_label("Commitment", exact=True).select_option("committed")
    page.get_by_role("button", name="Save").click()
    alert = page.get_by_role("alert")
    assert "give the date it was signed" in alert.inner_text()
    assert page.get_by_label("Name", exact=True).input_value() == "Filatura Senza Data"


def test_an_import_with_errors_is_fixed_and_applied(personas, page, tmp_path: Path):
    bad = tmp_path / "members.csv"
    bad.write_bytes(
        csv_bytes(
            [
                ["Nome", "Categoria", "Partita IVA"],
                ["Lanificio Bartolini S.r.l.", "PMI", "IT01234567890"],
                ["Conceria Nardi S.p.A.", "Conceria", "IT09876543210"],
            ],
            separator=";",
            encoding="cp1252",
        )
    )
    sign_in(page, "manager@a.example")
    page.get_by_role("link", name="Import").first.click()
    page.get_by_label("File (CSV or Excel .xlsx)").set_input_files(str(bad))
    page.get_by_role("button", name="Upload and preview").click()
    page.get_by_test_id("count-rejected").wait_for()
    assert page.get_by_test_id("count-rejected").inner_text() == "1"
    assert "“Conceria” is not a known category." in page.content()
    assert page.get_by_role("button", name="Apply the import").count() == 0

    fixed = tmp_path / "members-fixed.csv"
    fixed.write_bytes(
        csv_bytes(
            [
                ["Nome", "Categoria", "Partita IVA"],
                ["Lanificio Bartolini S.r.l.", "PMI", "IT01234567890"],
                ["Conceria Nardi S.p.A.", "Industry – large firm", "IT09876543210"],
            ],
            separator=";",
            encoding="cp1252",
        )
    )
    page.get_by_role("link", name="Upload the corrected file").click()
    page.get_by_label("File (CSV or Excel .xlsx)").set_input_files(str(fixed))
    page.get_by_role("button", name="Upload and preview").click()
    page.get_by_test_id("count-create").wait_for()
    assert page.get_by_test_id("count-create").inner_text() == "2"
    page.get_by_role("button", name="Apply the import").click()
    page.get_by_text("Import applied: 2 added, 0 updated.").wait_for()
    assert (
        Organisation.objects.filter(
            cluster=personas.cluster_a,
            name__in=["Lanificio Bartolini S.r.l.", "Conceria Nardi S.p.A."],
        ).count()
        == 2
    )


def test_the_language_switcher_changes_the_interface(personas, page):
    sign_in(page, "manager@a.example")
    page.goto("/c/tfc/participants/")
    page.get_by_label("Language").select_option("it")
    page.wait_for_load_state()
    page.get_by_role("heading", name="Partecipanti").wait_for()
    assert page.locator("html").get_attribute("lang") == "it"
    page.get_by_label("Lingua").select_option("tr")
    page.get_by_role("heading", name="Katılımcılar").wait_for()


def test_the_list_filters_without_reloading_the_page(personas, page):
    from clusterdesk.testing.factories import OrganisationFactory

    OrganisationFactory(
        cluster=personas.cluster_a, name="Istituto di Ricerca Tessile", category="research"
    )
    sign_in(page, "manager@a.example")
    page.goto("/c/tfc/participants/")
    page.get_by_label("Category", exact=True).select_option("research")
    page.wait_for_url("**category=research**")
    rows = page.locator("#registry-table tbody tr")
    rows.first.wait_for()
    assert rows.count() == 1 and "Istituto di Ricerca Tessile" in rows.first.inner_text()
