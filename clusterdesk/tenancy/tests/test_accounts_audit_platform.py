import pytest
from django.urls import reverse
from rest_framework.authtoken.models import Token

from clusterdesk.participants.services import organisation_create, organisation_update
from clusterdesk.tenancy.models import Cluster, Invitation, Role

pytestmark = pytest.mark.django_db


def test_people_sign_in_with_their_email_in_any_case(personas, client):
    personas.manager_a.set_password("prato-tessile-2026")
    personas.manager_a.save()
    response = client.post(
        reverse("login"), {"username": "Manager@A.example", "password": "prato-tessile-2026"}
    )
    assert response.status_code == 302
    assert client.get(reverse("home")).status_code == 302  # one cluster: straight to it


def test_a_wrong_password_says_so(personas, client):
    response = client.post(reverse("login"), {"username": "manager@a.example", "password": "no"})
    assert response.status_code == 200
    assert "correct email and password" in response.content.decode().replace("e-mail", "email")


def test_the_audit_log_shows_who_changed_what_to_managers_only(personas, manager_a_client):
    organisation = organisation_create(
        cluster=personas.cluster_a,
        actor=personas.staff_a,
        data={"name": "Filatura Gamma", "category": "industry_sme"},
    )
    organisation_update(organisation=organisation, actor=personas.staff_a, data={"city": "Vaiano"})
    response = manager_a_client.get(reverse("tenancy:audit", args=["tfc"]))
    html = response.content.decode()
    assert "Filatura Gamma" in html and "Vaiano" in html and personas.staff_a.full_name in html
    for user in (personas.staff_a, personas.board_a, personas.member_a):
        assert (
            personas.client_for(user).get(reverse("tenancy:audit", args=["tfc"])).status_code == 403
        )


def test_the_audit_log_of_one_cluster_never_shows_another(personas, manager_b_client):
    organisation_create(
        cluster=personas.cluster_a,
        actor=personas.manager_a,
        data={"name": "Segreto Tessile", "category": "industry_sme"},
    )
    response = manager_b_client.get(reverse("tenancy:audit", args=["isim"]))
    assert "Segreto Tessile" not in response.content.decode()


def test_a_person_creates_and_replaces_their_api_token(personas, manager_a_client):
    manager_a_client.post(reverse("account_token_rotate"))
    first = Token.objects.get(user=personas.manager_a).key
    manager_a_client.post(reverse("account_token_rotate"))
    second = Token.objects.get(user=personas.manager_a).key
    assert first != second
    assert second in manager_a_client.get(reverse("account")).content.decode()


def test_the_platform_operator_creates_a_cluster_and_invites_its_manager(
    personas, django_capture_on_commit_callbacks
):
    operator = personas.manager_b
    operator.is_staff = True
    operator.save()
    client = personas.client_for(operator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("platform"),
            {
                "name": "Asociación de Empresarios Textiles",
                "country": "ES",
                "region": "Valencia",
                "sector": "Textile",
                "local_languages": "es, ca",
                "target_market_languages": "en, fr",
                "manager_email": "gerente@ateval.example.es",
            },
        )
    assert response.status_code == 302
    cluster = Cluster.objects.get(slug="asociacion-de-empresarios-textiles")
    assert cluster.local_languages == ["es", "ca"]
    invitation = Invitation.objects.get(cluster=cluster)
    assert invitation.role == Role.MANAGER and invitation.email == "gerente@ateval.example.es"


def test_the_platform_page_shows_counts_not_records(personas):
    organisation_create(
        cluster=personas.cluster_a,
        actor=None,
        data={"name": "Non Visibile", "category": "industry_sme"},
    )
    personas.manager_b.is_staff = True
    personas.manager_b.save()
    html = personas.client_for(personas.manager_b).get(reverse("platform")).content.decode()
    assert "Tuscany Fashion Cluster" in html and "Non Visibile" not in html


def test_a_bad_language_code_is_explained(personas):
    personas.manager_b.is_staff = True
    personas.manager_b.save()
    response = personas.client_for(personas.manager_b).post(
        reverse("platform"),
        {
            "name": "X",
            "country": "IT",
            "sector": "Y",
            "local_languages": "italiano",
            "manager_email": "a@b.example",
        },
    )
    assert "is not a language code" in str(response.context["form"].errors)


def test_non_operators_cannot_reach_the_platform_page(personas, manager_a_client):
    response = manager_a_client.get(reverse("platform"))
    assert response.status_code == 302 and "/admin/login/" in response.url


def test_the_interface_switches_language(personas, manager_a_client):
    manager_a_client.post(reverse("set_language"), {"language": "it", "next": "/"})
    response = manager_a_client.get(reverse("participants:list", args=["tfc"]))
    assert response.headers["Content-Language"] == "it"


def test_the_audit_log_names_ledger_records_by_their_kind(personas, manager_a_client):
    from clusterdesk.tenancy.audit import audit_record
    from clusterdesk.tenancy.models import AuditAction

    organisation = organisation_create(
        cluster=personas.cluster_a,
        actor=personas.manager_a,
        data={"name": "Filatura Delta", "category": "industry_sme"},
    )
    from clusterdesk.engagement.models import WorkingGroup

    group = WorkingGroup.objects.create(cluster=personas.cluster_a, name="Moda circolare")
    audit_record(
        cluster=personas.cluster_a,
        actor=personas.manager_a,
        action=AuditAction.CREATED,
        instance=group,
    )
    html = manager_a_client.get(
        reverse("tenancy:audit", args=["tfc"]), {"type": "ledger"}
    ).content.decode()
    assert "Working group: Moda circolare" in html
    assert organisation.name not in html
