from datetime import date
from decimal import Decimal

import pytest

from clusterdesk.lib.errors import DomainError
from clusterdesk.participants.importing.services import import_apply
from clusterdesk.participants.models import Commitment, ImportStatus, Organisation
from clusterdesk.tenancy.models import AuditEntry
from clusterdesk.testing.factories import OrganisationFactory

from .importing_helpers import csv_bytes, preview, rows_by_action, xlsx_bytes

pytestmark = pytest.mark.django_db

HEADER = [
    "name",
    "category",
    "commitment",
    "agreement_signed_on",
    "city",
    "vat_number",
    "website",
    "nace_codes",
    "employees",
]


def _organisations(cluster):
    return Organisation.objects.for_cluster(cluster)


def test_a_clean_file_previews_every_row_as_created_and_changes_nothing_yet(personas):
    content = csv_bytes(
        [
            HEADER,
            [
                "Lanificio Bartolini S.r.l.",
                "Industry – SME",
                "Committed",
                "2025-03-01",
                "Prato",
                "IT01234567890",
                "bartolini.example.it",
                "13.10; 13.20",
                "42",
            ],
            [
                "Università di Firenze",
                "Education organisation",
                "Not committed",
                "",
                "Firenze",
                "",
                "",
                "85.42",
                "",
            ],
        ]
    )
    batch = preview(personas.cluster_a, personas.manager_a, content)
    assert batch.status == ImportStatus.READY
    assert batch.summary["create"] == 2 and batch.summary["rejected"] == 0
    assert _organisations(personas.cluster_a).count() == 1  # only the represented one


def test_applying_creates_the_organisations_with_their_codes_and_an_audit_entry_each(personas):
    content = csv_bytes(
        [
            HEADER,
            [
                "Lanificio Bartolini S.r.l.",
                "industry_sme",
                "committed",
                "01/03/2025",
                "Prato",
                "IT01234567890",
                "https://bartolini.example.it",
                "13.10; 1320",
                "1.250",
            ],
        ]
    )
    batch = preview(personas.cluster_a, personas.manager_a, content)
    counts = import_apply(batch=batch, actor=personas.manager_a)
    assert counts == {"created": 1, "updated": 0}
    organisation = _organisations(personas.cluster_a).get(name="Lanificio Bartolini S.r.l.")
    assert organisation.commitment == Commitment.COMMITTED
    assert organisation.agreement_signed_on == date(2025, 3, 1)
    assert organisation.employees == 1250
    assert sorted(organisation.sectors.values_list("code", flat=True)) == ["13.10", "13.20"]
    entry = AuditEntry.objects.get(object_type="organisation", object_id=organisation.pk)
    assert entry.actor == personas.manager_a and entry.source == f"import:{batch.pk}"


def test_reimporting_the_same_file_changes_nothing(personas):
    content = xlsx_bytes(
        [
            HEADER,
            [
                "Tintoria Cecchi & C. S.n.c.",
                "Industry – SME",
                "Committed",
                date(2024, 5, 2),
                "Prato",
                "IT09876543210",
                "",
                "13.30",
                12,
            ],
        ]
    )
    first = preview(personas.cluster_a, personas.manager_a, content, "members.xlsx")
    import_apply(batch=first, actor=personas.manager_a)
    entries = AuditEntry.objects.count()
    second = preview(personas.cluster_a, personas.manager_a, content, "members.xlsx")
    assert second.summary["unchanged"] == 1
    assert second.summary["create"] == second.summary["update"] == 0
    import_apply(batch=second, actor=personas.manager_a)
    assert AuditEntry.objects.count() == entries
    assert _organisations(personas.cluster_a).filter(name__startswith="Tintoria").count() == 1


@pytest.mark.parametrize(
    ("existing", "incoming", "reason"),
    [
        ({"name": "Tecnotessile S.r.l."}, ["TECNOTESSILE SRL", "", ""], "same name"),
        (
            {"name": "Filatura Alfa", "vat_number": "IT01234567890"},
            ["Alfa Filati", "01234567890", ""],
            "same VAT number",
        ),
        (
            {"name": "Beta Tessuti", "website": "https://www.beta-tessuti.example.it/"},
            ["Tessuti Beta S.p.A.", "", "beta-tessuti.example.it"],
            "same website",
        ),
        ({"name": "Maglificio Lucchesi"}, ["Maglificio Lucchessi", "", ""], "name close to"),
    ],
)
def test_an_organisation_already_in_the_registry_is_updated_not_duplicated(
    personas, existing, incoming, reason
):
    original = OrganisationFactory(cluster=personas.cluster_a, **existing)
    content = csv_bytes([["name", "vat_number", "website", "city"], [*incoming, "Empoli"]])
    batch = preview(personas.cluster_a, personas.manager_a, content)
    [row] = batch.plan
    assert row["action"] == "update"
    assert row["target_id"] == original.pk
    assert reason in row["match"]
    import_apply(batch=batch, actor=personas.manager_a)
    original.refresh_from_db()
    assert original.city == "Empoli"


def test_two_rows_for_the_same_organisation_are_rejected_with_the_row_named(personas):
    content = csv_bytes(
        [
            ["name", "category"],
            ["Tecnotessile S.r.l.", "Research institution"],
            ["TECNOTESSILE SRL", "Research institution"],
        ]
    )
    batch = preview(personas.cluster_a, personas.manager_a, content)
    [rejected] = rows_by_action(batch, "rejected")
    assert rejected["row"] == 3
    assert "row 2" in rejected["errors"][0][1]
    assert batch.status == ImportStatus.HAS_ERRORS


def test_each_bad_cell_is_explained_in_plain_words_per_row(personas):
    content = csv_bytes(
        [
            [
                "name",
                "category",
                "commitment",
                "agreement_signed_on",
                "employees",
                "website",
                "nace_codes",
                "export_share",
                "founding_year",
            ],
            ["Alfa", "Spaceship maker", "", "", "", "", "", "", ""],
            ["Beta", "industry_sme", "committed", "", "", "", "", "", ""],
            ["Gamma", "industry_sme", "", "31/02/2025", "", "", "", "", ""],
            ["Delta", "industry_sme", "", "", "many", "", "", "", ""],
            ["Epsilon", "industry_sme", "", "", "", "not a site", "", "", ""],
            ["Zeta", "industry_sme", "", "", "", "", "13.10; 00.99", "", ""],
            ["Eta", "industry_sme", "", "", "", "", "", "140", ""],
            ["Theta", "industry_sme", "", "", "", "", "", "", "2999"],
            ["", "industry_sme", "", "", "", "", "", "", ""],
        ]
    )
    batch = preview(personas.cluster_a, personas.manager_a, content)
    errors = {row["row"]: row["errors"] for row in batch.plan}
    assert errors[2] == [["category", "“Spaceship maker” is not a known category."]]
    assert errors[3][0][0] == "agreement_signed_on" and "signed" in errors[3][0][1]
    assert "is not a date" in errors[4][0][1]
    assert errors[5] == [["employees", "“many” is not a whole number."]]
    assert "not a web address" in errors[6][0][1]
    assert "00.99" in errors[7][0][1] and "NACE" in errors[7][0][1]
    assert "0 to 100" in errors[8][0][1]
    assert "founding year" in errors[9][0][1]
    assert errors[10][0] == ["name", "The name is missing."]
    assert batch.summary["rejected"] == 9


def test_a_file_with_errors_cannot_be_applied_and_nothing_is_written(personas):
    content = csv_bytes([["name", "category"], ["Good One", "industry_sme"], ["Bad", "??"]])
    batch = preview(personas.cluster_a, personas.manager_a, content)
    before = _organisations(personas.cluster_a).count()
    with pytest.raises(DomainError, match="correct the file"):
        import_apply(batch=batch, actor=personas.manager_a)
    assert _organisations(personas.cluster_a).count() == before


def test_apply_writes_all_rows_or_none_when_the_database_refuses_one(personas, monkeypatch):
    content = csv_bytes([["name", "category"], ["One", "industry_sme"], ["Two", "research"]])
    batch = preview(personas.cluster_a, personas.manager_a, content)
    from clusterdesk.participants.importing import services

    def failing_bulk_create(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(services.AuditEntry.objects, "bulk_create", failing_bulk_create)
    with pytest.raises(RuntimeError):
        import_apply(batch=batch, actor=personas.manager_a)
    assert not _organisations(personas.cluster_a).filter(name__in=["One", "Two"]).exists()
    batch.refresh_from_db()
    assert batch.status == ImportStatus.READY


def test_a_registry_changed_since_the_preview_asks_for_a_new_look(personas):
    content = csv_bytes([["name", "category"], ["Nuova Tessitura", "industry_sme"]])
    batch = preview(personas.cluster_a, personas.manager_a, content)
    OrganisationFactory(cluster=personas.cluster_a, name="Nuova Tessitura S.r.l.")
    with pytest.raises(DomainError, match="changed since the preview"):
        import_apply(batch=batch, actor=personas.manager_a)
    batch.refresh_from_db()
    assert batch.summary["update"] == 1


@pytest.mark.parametrize(
    ("encoding", "bom", "separator"),
    [
        ("utf-8", False, ","),
        ("utf-8", True, ";"),
        ("cp1252", False, ";"),
        ("latin-1", False, ","),
        ("utf-8", True, "\t"),
    ],
)
def test_it_reads_the_encodings_and_separators_people_send(personas, encoding, bom, separator):
    names = ["Società Nazionale", "Asociación de Empresarios Textiles", "Maglieria Ñandú"]
    content = csv_bytes(
        [["Nome", "Categoria", "Città"], *[[name, "PMI", "Prato"] for name in names]],
        separator=separator,
        encoding=encoding,
        bom=bom,
    )
    batch = preview(personas.cluster_a, personas.manager_a, content)
    assert [row["label"] for row in batch.plan] == names
    assert batch.summary["create"] == 3


def test_turkish_names_and_headers_are_read_from_utf8(personas):
    content = csv_bytes(
        [
            ["Ad", "Kategori", "Şehir", "Vergi No", "Notlar"],
            [
                "İş ve İnşaat Makineleri Kümelenme Derneği",
                "Aracı kuruluş",
                "Ankara",
                "1234567890",
                "",
            ],
            ["Ostim Hidrolik Makine San. ve Tic. Ltd. Şti.", "KOBİ", "Ankara", "9876543210", "x"],
        ],
        separator=";",
    )
    batch = preview(personas.cluster_b, personas.manager_b, content)
    assert batch.summary["ignored_headers"] == ["Notlar"]
    assert batch.summary["rejected"] == 0, batch.plan
    import_apply(batch=batch, actor=personas.manager_b)
    organisation = _organisations(personas.cluster_b).get(name__startswith="İş ve")
    assert organisation.name == "İş ve İnşaat Makineleri Kümelenme Derneği"
    assert organisation.city == "Ankara" and organisation.category == "intermediary"


def test_both_date_forms_give_the_same_date(personas):
    content = csv_bytes(
        [
            ["name", "category", "membership_start", "membership_end"],
            ["Uno", "industry_sme", "2026-03-01", "01/03/2027"],
        ]
    )
    batch = preview(personas.cluster_a, personas.manager_a, content)
    import_apply(batch=batch, actor=personas.manager_a)
    organisation = _organisations(personas.cluster_a).get(name="Uno")
    assert organisation.membership_start == date(2026, 3, 1)
    assert organisation.membership_end == date(2027, 3, 1)


def test_a_file_without_a_name_column_is_refused_before_any_row(personas):
    content = csv_bytes([["city", "category"], ["Prato", "industry_sme"]])
    batch = preview(personas.cluster_a, personas.manager_a, content)
    assert batch.summary["file_errors"] == ["The file has no “name” column."]
    assert batch.status == ImportStatus.HAS_ERRORS


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"", "empty.csv", "The file is empty."),
        (b"PK\x03\x04garbage", "broken.xlsx", "could not be opened"),
        (b"name\nA\n", "old.xls", "cannot be read"),
    ],
)
def test_an_unreadable_file_fails_with_a_clear_message(personas, content, name, message):
    if name.endswith(".xls"):
        from django.core.files.uploadedfile import SimpleUploadedFile

        from clusterdesk.participants.importing.services import import_start

        with pytest.raises(DomainError, match="CSV or an Excel"):
            import_start(
                cluster=personas.cluster_a,
                actor=personas.manager_a,
                kind="organisations",
                upload=SimpleUploadedFile(name, content),
            )
        return
    batch = preview(personas.cluster_a, personas.manager_a, content, name)
    assert batch.status == ImportStatus.FAILED
    assert message in batch.error


def test_export_gives_back_what_was_imported(personas):
    from clusterdesk.participants.exports import organisation_export
    from clusterdesk.participants.queries import RegistryFilters

    content = xlsx_bytes(
        [
            [
                "name",
                "legal_name",
                "category",
                "country",
                "region",
                "city",
                "website",
                "nace_codes",
                "tags",
                "technologies",
                "employees",
                "turnover_band",
                "export_share",
                "founding_year",
                "value_chain_position",
                "description",
                "commitment",
                "agreement_signed_on",
                "membership_start",
                "membership_end",
                "membership_fee",
                "vat_number",
            ],
            [
                "Conceria La Rosa S.p.A.",
                "Conceria La Rosa Società per Azioni",
                "industry_large",
                "IT",
                "Toscana",
                "Santa Croce sull'Arno",
                "https://larosa.example.it",
                "15.11",
                "leather; circular fashion",
                "chrome-free tanning",
                260,
                "le_50m",
                "62,5",
                1961,
                "components",
                "Vegetable-tanned leather.",
                "committed",
                "2019-02-01",
                "2019-02-01",
                "",
                "1500",
                "IT11122233344",
            ],
        ]
    )
    batch = preview(personas.cluster_a, personas.manager_a, content, "in.xlsx")
    import_apply(batch=batch, actor=personas.manager_a)
    organisation = _organisations(personas.cluster_a).get(name__startswith="Conceria")
    assert organisation.export_share == Decimal("62.5")
    assert organisation.tags == ["leather", "circular fashion"]
    for file_format in ("xlsx", "csv"):
        exported = organisation_export(personas.cluster_a, RegistryFilters(), file_format)
        again = preview(personas.cluster_a, personas.manager_a, exported, f"out.{file_format}")
        assert again.summary["unchanged"] == 2, again.plan  # with the represented organisation
        assert again.summary["create"] == again.summary["update"] == again.summary["rejected"] == 0
