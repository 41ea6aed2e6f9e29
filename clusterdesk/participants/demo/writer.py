"""Writing the demo clusters, their registries and their users to the database."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.contrib.auth.hashers import make_password
from django.db import transaction

from clusterdesk.engagement.demo import engagement_demo_seed
from clusterdesk.tenancy.models import Cluster, Membership, Role, User
from clusterdesk.tenancy.services import cluster_create

from ..matching import name_key
from ..models import Category, Commitment, Contact, Organisation, OrganisationSector
from .commitment import REFERENCE_DATE
from .generator import demo_plan
from .spec import VC, ClusterSpec
from .tables import cluster_spec

DEMO_PASSWORD = "clusterdesk-demo"
SIGN_IN_URL = "http://127.0.0.1:8000/"
OPERATOR_EMAIL = "operator@clusterdesk.example"

DEMO_CLUSTERS = (cluster_spec("tuscany"), cluster_spec("isim"))  # data/tuscany.json, …


@dataclass(frozen=True)
class SignIn:
    email: str
    role: str
    cluster: str = ""
    organisation: str = ""


@dataclass
class SeedReport:
    created: list[tuple[str, int, int]] = field(default_factory=list)  # name, orgs, committed
    kept: list[tuple[str, int]] = field(default_factory=list)  # name, organisations
    sign_ins: list[SignIn] = field(default_factory=list)


def demo_seed(*, reset: bool = False, ledger_as_of: date | None = None) -> SeedReport:
    """Create the demo clusters, their registry, their engagement ledger and their users.

    A demo cluster that is already there is left alone, unless ``reset``: then it is deleted
    and created again, identical. The demo users' passwords are set to ``DEMO_PASSWORD``.
    The ledger (contacts, activities…) covers the two years up to ``ledger_as_of`` (by
    default the fixed ``REFERENCE_DATE``); the same date always gives the same ledger.
    """
    report = SeedReport()
    password = make_password(DEMO_PASSWORD)
    with transaction.atomic():
        slugs = [spec.slug for spec in DEMO_CLUSTERS]
        existing = {c.slug: c for c in Cluster.objects.filter(slug__in=slugs)}
        to_create = []
        for spec in DEMO_CLUSTERS:
            cluster = existing.get(spec.slug)
            if cluster is not None and not reset:
                report.kept.append((cluster.name, cluster.organisations.count()))
                continue
            if cluster is not None:
                cluster.delete()
            to_create.append(spec)
        if to_create:
            users = _demo_users_upsert(to_create, password)
            for spec in to_create:
                organisations = _cluster_create(spec, users, ledger_as_of or REFERENCE_DATE)
                committed = sum(o.commitment == Commitment.COMMITTED for o in organisations)
                report.created.append((spec.cluster["name"], len(organisations), committed))
    report.sign_ins = demo_sign_ins()
    return report


def _demo_users_upsert(specs: list[ClusterSpec], password: str) -> dict[str, User]:
    wanted = {OPERATOR_EMAIL: "ClusterDesk Operator"}
    for spec in specs:
        wanted.update({user.email: user.full_name for user in spec.users})
    users = {u.email: u for u in User.objects.filter(email__in=list(wanted))}
    for user in users.values():
        user.password, user.is_active = password, True
        if user.email == OPERATOR_EMAIL:
            user.is_staff = user.is_superuser = True
    User.objects.bulk_update(
        list(users.values()), ["password", "is_active", "is_staff", "is_superuser"]
    )
    User.objects.bulk_create(
        [
            User(
                email=email,
                full_name=name,
                password=password,
                is_staff=email == OPERATOR_EMAIL,
                is_superuser=email == OPERATOR_EMAIL,
            )
            for email, name in wanted.items()
            if email not in users
        ]
    )
    return {u.email: u for u in User.objects.filter(email__in=list(wanted))}


def _cluster_create(
    spec: ClusterSpec, users: dict[str, User], ledger_as_of: date
) -> list[Organisation]:
    cluster = cluster_create(**spec.cluster)
    plan = demo_plan(spec)
    organisations = Organisation.objects.bulk_create(
        [
            Organisation(cluster=cluster, name_key=name_key(item.fields["name"]), **item.fields)
            for item in plan
        ]
    )
    OrganisationSector.objects.bulk_create(
        [
            OrganisationSector(organisation=organisation, code=code, division=code[:2])
            for organisation, item in zip(organisations, plan, strict=True)
            for code in item.codes
        ]
    )
    Contact.objects.bulk_create(
        [
            Contact(cluster=cluster, organisation=organisation, **contact)
            for organisation, item in zip(organisations, plan, strict=True)
            for contact in item.contacts
        ]
    )
    represented, representative = next(
        (organisation, item.contacts[0])
        for organisation, item in zip(organisations, plan, strict=True)
        if organisation.commitment == Commitment.COMMITTED
        and organisation.category == Category.INDUSTRY_SME
        and organisation.value_chain_position in (VC.MANUFACTURING, VC.COMPONENTS)
    )
    memberships = []
    for demo_user in spec.users:
        user = users[demo_user.email]
        organisation = represented if demo_user.role == Role.MEMBER else None
        if demo_user.role == Role.MEMBER:
            full_name = f"{representative['first_name']} {representative['last_name']}"
            if user.full_name != full_name:
                user.full_name = full_name
                user.save(update_fields=["full_name"])
        memberships.append(
            Membership(cluster=cluster, user=user, role=demo_user.role, organisation=organisation)
        )
    Membership.objects.bulk_create(memberships)
    engagement_demo_seed(
        cluster=cluster,
        organisations=organisations,
        memberships=memberships,
        reference_date=ledger_as_of,
    )
    return organisations


_ROLE_NAMES = {
    Role.MANAGER: "manager",
    Role.STAFF: "staff",
    Role.BOARD: "board viewer",
    Role.MEMBER: "member representative",
}


def demo_sign_ins() -> list[SignIn]:
    """The demo accounts as they are in the database, the operator first."""
    sign_ins = []
    if User.objects.filter(email=OPERATOR_EMAIL, is_superuser=True).exists():
        sign_ins.append(SignIn(OPERATOR_EMAIL, "platform operator"))
    emails = [user.email for spec in DEMO_CLUSTERS for user in spec.users]
    memberships = Membership.objects.filter(
        user__email__in=emails, cluster__slug__in=[spec.slug for spec in DEMO_CLUSTERS]
    ).select_related("user", "cluster", "organisation")
    by_email = {m.user.email: m for m in memberships}
    for email in emails:
        if membership := by_email.get(email):
            sign_ins.append(
                SignIn(
                    email,
                    _ROLE_NAMES[membership.role],
                    membership.cluster.name,
                    membership.organisation.name if membership.organisation else "",
                )
            )
    return sign_ins
