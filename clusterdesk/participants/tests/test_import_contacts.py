import pytest

from clusterdesk.participants.importing.services import import_apply
from clusterdesk.participants.models import Contact, ImportStatus
from clusterdesk.testing.factories import ContactFactory, OrganisationFactory

from .importing_helpers import csv_bytes, preview, xlsx_bytes

pytestmark = pytest.mark.django_db

HEADER = [
    "organisation",
    "first_name",
    "last_name",
    "job_title",
    "email",
    "language",
    "consent_newsletter",
    "consent_publication",
]


@pytest.fixture
def tecnotessile(personas):
    return OrganisationFactory(cluster=personas.cluster_a, name="Tecnotessile S.r.l.")


def test_contacts_are_linked_to_their_organisation_even_written_differently(personas, tecnotessile):
    content = csv_bytes(
        [
            HEADER,
            [
                "TECNOTESSILE SRL",
                "Niccolò",
                "Bellandi",
                "Direttore tecnico",
                "N.Bellandi@tecnotessile.example.it",
                "it",
                "sì",
                "no",
            ],
        ],
        separator=";",
    )
    batch = preview(personas.cluster_a, personas.manager_a, content, kind="contacts")
    assert batch.status == ImportStatus.READY, batch.plan
    import_apply(batch=batch, actor=personas.manager_a)
    contact = Contact.objects.for_cluster(personas.cluster_a).get(last_name="Bellandi")
    assert contact.organisation == tecnotessile
    assert contact.email == "n.bellandi@tecnotessile.example.it"
    assert contact.consent_newsletter is True and contact.consent_publication is False


def test_a_contact_of_an_unknown_organisation_is_rejected_with_what_to_do(personas):
    content = csv_bytes([HEADER, ["Nowhere Ltd", "Ada", "Rossi", "", "", "", "", ""]])
    batch = preview(personas.cluster_a, personas.manager_a, content, kind="contacts")
    [row] = batch.plan
    assert row["action"] == "rejected"
    assert "No organisation called “Nowhere Ltd”" in row["errors"][0][1]
    assert "import it first" in row["errors"][0][1]


def test_an_organisation_of_another_cluster_is_not_found(personas):
    OrganisationFactory(cluster=personas.cluster_b, name="Ostim Hidrolik")
    content = csv_bytes([HEADER, ["Ostim Hidrolik", "Ayşe", "Yılmaz", "", "", "", "", ""]])
    batch = preview(personas.cluster_a, personas.manager_a, content, kind="contacts")
    assert batch.plan[0]["action"] == "rejected"


def test_an_existing_contact_is_found_by_email_and_updated(personas, tecnotessile):
    existing = ContactFactory(
        organisation=tecnotessile,
        first_name="Anna",
        last_name="Neri",
        email="anna@tecnotessile.example.it",
        job_title="",
    )
    content = xlsx_bytes(
        [
            HEADER,
            [
                "Tecnotessile S.r.l.",
                "Anna",
                "Neri",
                "CEO",
                "ANNA@tecnotessile.example.it",
                "it",
                "yes",
                "yes",
            ],
        ]
    )
    batch = preview(personas.cluster_a, personas.manager_a, content, "c.xlsx", kind="contacts")
    [row] = batch.plan
    assert row["action"] == "update" and row["target_id"] == existing.pk
    assert row["changes"]["job_title"] == ["", "CEO"]
    import_apply(batch=batch, actor=personas.manager_a)
    existing.refresh_from_db()
    assert existing.job_title == "CEO" and existing.consent_publication is True
    again = preview(personas.cluster_a, personas.manager_a, content, "c.xlsx", kind="contacts")
    assert again.summary["unchanged"] == 1


def test_newsletter_consent_without_an_email_is_rejected(personas, tecnotessile):
    content = csv_bytes([HEADER, ["Tecnotessile", "Ugo", "Sarti", "", "", "", "yes", ""]])
    batch = preview(personas.cluster_a, personas.manager_a, content, kind="contacts")
    assert "no e-mail address" in batch.plan[0]["errors"][0][1]


def test_bad_email_and_bad_yes_no_are_explained(personas, tecnotessile):
    content = csv_bytes([HEADER, ["Tecnotessile", "Ugo", "Sarti", "", "ugo@", "", "maybe", ""]])
    batch = preview(personas.cluster_a, personas.manager_a, content, kind="contacts")
    messages = [error[1] for error in batch.plan[0]["errors"]]
    assert "“ugo@” is not an e-mail address." in messages
    assert "“maybe” should be yes or no." in messages


def test_the_same_person_twice_in_a_file_is_rejected(personas, tecnotessile):
    row = ["Tecnotessile", "Ugo", "Sarti", "", "ugo@tt.example.it", "", "", ""]
    content = csv_bytes([HEADER, row, row])
    batch = preview(personas.cluster_a, personas.manager_a, content, kind="contacts")
    assert [r["action"] for r in batch.plan] == ["create", "rejected"]
    assert "row 2" in batch.plan[1]["errors"][0][1]


def test_contact_export_goes_back_in_unchanged(personas, tecnotessile):
    from clusterdesk.participants.exports import contact_export

    ContactFactory(
        organisation=tecnotessile,
        first_name="Çağla",
        last_name="Öztürk",
        email="cagla@tt.example.it",
        language="tr",
        consent_newsletter=True,
    )
    for file_format in ("csv", "xlsx"):
        exported = contact_export(personas.cluster_a, file_format)
        batch = preview(
            personas.cluster_a, personas.manager_a, exported, f"c.{file_format}", kind="contacts"
        )
        assert batch.summary["unchanged"] == 1, batch.plan
