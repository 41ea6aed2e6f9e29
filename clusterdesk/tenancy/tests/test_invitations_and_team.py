from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from clusterdesk.tenancy.models import Invitation, Membership, Role, User

pytestmark = pytest.mark.django_db


def team_url():
    return reverse("tenancy:team", args=["tfc"])


def _invite(client, django_capture_on_commit_callbacks, **data):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(team_url(), data)


def test_the_invitation_mail_writes_an_apostrophe_as_it_is(
    personas, manager_a_client, django_capture_on_commit_callbacks
):
    personas.cluster_a.name = "Distretto dell'Oreficeria"
    personas.cluster_a.save()
    _invite(
        manager_a_client,
        django_capture_on_commit_callbacks,
        email="someone@example.org",
        role=Role.STAFF,
    )
    [message] = mail.outbox
    assert "Distretto dell'Oreficeria" in message.body
    assert "&#x27;" not in message.body


def test_a_manager_invites_by_email_and_the_link_arrives(
    personas, manager_a_client, django_capture_on_commit_callbacks
):
    response = _invite(
        manager_a_client,
        django_capture_on_commit_callbacks,
        email="New.Person@Example.org",
        role=Role.STAFF,
    )
    assert response.status_code == 302
    invitation = Invitation.objects.get(email="new.person@example.org")
    [message] = mail.outbox
    assert message.to == ["new.person@example.org"]
    assert f"/invitations/{invitation.token}/" in message.body
    assert "Tuscany Fashion Cluster" in message.subject


def test_a_new_person_accepts_chooses_a_password_and_lands_in_the_cluster(personas, client):
    invitation = Invitation.objects.create(
        cluster=personas.cluster_a, email="new@example.org", role=Role.BOARD
    )
    link = reverse("invitation_accept", args=[invitation.token])
    response = client.post(link, {"full_name": "Nuova Persona", "password": "x"})
    assert "password" in response.context["form"].errors  # too short, said plainly
    response = client.post(
        link, {"full_name": "Nuova Persona", "password": "tessuti-di-prato-2026"}
    )
    assert response.status_code == 302
    user = User.objects.get(email="new@example.org")
    assert Membership.objects.get(user=user, cluster=personas.cluster_a).role == Role.BOARD
    assert client.get(reverse("participants:list", args=["tfc"])).status_code == 200
    assert client.get(link).status_code == 410  # used


def test_someone_already_signed_in_joins_a_second_cluster(personas):
    invitation = Invitation.objects.create(
        cluster=personas.cluster_b, email=personas.manager_a.email, role=Role.STAFF
    )
    client = personas.client_for(personas.manager_a)
    client.post(reverse("invitation_accept", args=[invitation.token]))
    roles = dict(
        Membership.objects.filter(user=personas.manager_a).values_list("cluster__slug", "role")
    )
    assert roles == {"tfc": Role.MANAGER, "isim": Role.STAFF}


def test_an_expired_or_unknown_invitation_gets_a_clear_page(personas, client):
    invitation = Invitation.objects.create(
        cluster=personas.cluster_a,
        email="late@example.org",
        role=Role.STAFF,
        expires_at=timezone.now() - timedelta(days=1),
    )
    response = client.get(reverse("invitation_accept", args=[invitation.token]))
    assert response.status_code == 410
    assert b"cannot be used" in response.content
    assert client.get(reverse("invitation_accept", args=["nope"])).status_code == 404


def test_an_invitation_for_someone_else_is_refused(personas):
    invitation = Invitation.objects.create(
        cluster=personas.cluster_b, email="other@example.org", role=Role.STAFF
    )
    client = personas.client_for(personas.manager_a)
    response = client.post(reverse("invitation_accept", args=[invitation.token]))
    assert "This invitation is for other@example.org" in response.content.decode()
    assert not Membership.objects.filter(
        user=personas.manager_a, cluster=personas.cluster_b
    ).exists()


def test_a_member_representative_invitation_needs_an_organisation(
    personas, manager_a_client, django_capture_on_commit_callbacks
):
    response = _invite(
        manager_a_client,
        django_capture_on_commit_callbacks,
        email="rep@example.org",
        role=Role.MEMBER,
    )
    assert "speaks for one organisation" in str(response.context["form"].errors)
    _invite(
        manager_a_client,
        django_capture_on_commit_callbacks,
        email="rep@example.org",
        role=Role.MEMBER,
        organisation=personas.member_organisation_a.pk,
    )
    assert (
        Invitation.objects.get(email="rep@example.org").organisation
        == personas.member_organisation_a
    )


def test_only_managers_reach_the_team_page(personas):
    for user in (personas.staff_a, personas.board_a, personas.member_a):
        assert personas.client_for(user).get(team_url()).status_code == 403


def test_the_last_manager_cannot_be_removed(personas, manager_a_client):
    other_manager = Membership.objects.create(
        cluster=personas.cluster_a, user=User.objects.create_user("m2@a.example"), role=Role.MANAGER
    )
    staff = Membership.objects.get(user=personas.staff_a)
    manager_a_client.post(reverse("tenancy:membership_remove", args=["tfc", staff.pk]))
    assert not Membership.objects.filter(pk=staff.pk).exists()
    other_manager.delete()
    own = Membership.objects.get(user=personas.manager_a)
    response = manager_a_client.post(
        reverse("tenancy:membership_remove", args=["tfc", own.pk]), follow=True
    )
    assert Membership.objects.filter(pk=own.pk).exists()
    assert "at least one manager" in response.content.decode()


def test_withdrawing_an_invitation_makes_its_link_useless(personas, manager_a_client, client):
    invitation = Invitation.objects.create(
        cluster=personas.cluster_a, email="w@example.org", role=Role.STAFF
    )
    manager_a_client.post(reverse("tenancy:invitation_revoke", args=["tfc", invitation.pk]))
    assert client.get(reverse("invitation_accept", args=[invitation.token])).status_code == 410
