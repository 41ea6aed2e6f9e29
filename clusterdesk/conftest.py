"""Shared test personas: a manager, staff member, board viewer and member representative of
cluster A, a manager of cluster B, and an anonymous visitor."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.test import Client

from clusterdesk.tenancy.models import Cluster, Role, User
from clusterdesk.testing.factories import (
    ClusterFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
)


@dataclass
class Personas:
    cluster_a: Cluster
    cluster_b: Cluster
    manager_a: User
    staff_a: User
    board_a: User
    member_a: User
    manager_b: User
    member_organisation_a: object

    def client_for(self, user: User | None) -> Client:
        client = Client()
        if user is not None:
            client.force_login(user)
        return client


@pytest.fixture
def personas(db) -> Personas:  # type: ignore[no-untyped-def]
    cluster_a = ClusterFactory(name="Tuscany Fashion Cluster", slug="tfc", country="IT")
    cluster_b = ClusterFactory(name="Construction Machinery Cluster", slug="isim", country="TR")
    represented = OrganisationFactory(cluster=cluster_a, name="Lanificio Rossi")
    manager_a = UserFactory(email="manager@a.example")
    staff_a = UserFactory(email="staff@a.example")
    board_a = UserFactory(email="board@a.example")
    member_a = UserFactory(email="member@a.example")
    manager_b = UserFactory(email="manager@b.example")
    MembershipFactory(cluster=cluster_a, user=manager_a, role=Role.MANAGER)
    MembershipFactory(cluster=cluster_a, user=staff_a, role=Role.STAFF)
    MembershipFactory(cluster=cluster_a, user=board_a, role=Role.BOARD)
    MembershipFactory(cluster=cluster_a, user=member_a, role=Role.MEMBER, organisation=represented)
    MembershipFactory(cluster=cluster_b, user=manager_b, role=Role.MANAGER)
    return Personas(
        cluster_a, cluster_b, manager_a, staff_a, board_a, member_a, manager_b, represented
    )


@pytest.fixture
def manager_a_client(personas: Personas) -> Client:
    return personas.client_for(personas.manager_a)


@pytest.fixture
def manager_b_client(personas: Personas) -> Client:
    return personas.client_for(personas.manager_b)
