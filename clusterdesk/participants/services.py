"""Every write to the registry: forms, the API, imports and commands call these."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from clusterdesk.lib.errors import DomainError, raise_first
from clusterdesk.tenancy.audit import audit_record, diff, snapshot
from clusterdesk.tenancy.models import AuditAction, Cluster

from .matching import name_key, vat_key, website_key
from .models import Contact, Organisation, OrganisationSector
from .nace import parse_codes
from .rules import (
    CONTACT_FIELDS,
    MANAGED_FIELDS,
    ORGANISATION_FIELDS,
    contact_problems,
    organisation_problems,
)


def organisation_snapshot(organisation: Organisation) -> dict[str, Any]:
    values = snapshot(organisation, ORGANISATION_FIELDS)
    values["nace_codes"] = organisation_codes(organisation)
    return values


def organisation_codes(organisation: Organisation) -> list[str]:
    if organisation.pk is None:
        return []
    return sorted(sector.code for sector in organisation.sectors.all())


def organisation_duplicate(
    *, cluster: Cluster, name: str, vat_number: str = "", website: str = "", exclude_id: int | None
) -> tuple[Organisation, str] | None:
    """An organisation of the cluster that is the same one: same VAT, website or name."""
    conditions = Q(name_key=name_key(name))
    vat = vat_key(vat_number)
    if vat:
        conditions |= Q(vat_number__icontains=vat)
    domain = website_key(website)
    if domain:
        conditions |= Q(website__icontains=domain)
    candidates = Organisation.objects.for_cluster(cluster).filter(conditions)
    if exclude_id is not None:
        candidates = candidates.exclude(pk=exclude_id)
    for candidate in candidates[:20]:
        if vat and vat_key(candidate.vat_number) == vat:
            return candidate, "vat_number"
        if domain and website_key(candidate.website) == domain:
            return candidate, "website"
        if candidate.name_key == name_key(name):
            return candidate, "name"
    return None


def _check_organisation(
    cluster: Cluster, data: dict[str, Any], nace_codes: list[str], exclude_id: int | None
) -> list[str]:
    raise_first(organisation_problems(data, today=timezone.localdate()))
    codes, rejected = parse_codes(nace_codes)
    if rejected:
        raise DomainError(
            _("These are not NACE Rev. 2 codes: %(codes)s.") % {"codes": ", ".join(rejected)},
            field="nace_codes",
        )
    duplicate = organisation_duplicate(
        cluster=cluster,
        name=data["name"],
        vat_number=data.get("vat_number") or "",
        website=data.get("website") or "",
        exclude_id=exclude_id,
    )
    if duplicate:
        other, field = duplicate
        reason = {
            "vat_number": _("%(name)s is already in the registry with this VAT number."),
            "website": _("%(name)s is already in the registry with this website."),
            "name": _("%(name)s is already in the registry under this name."),
        }[field]
        raise DomainError(reason % {"name": other.name}, field=field, code="duplicate")
    return codes


def _set_codes(organisation: Organisation, codes: list[str]) -> None:
    organisation.sectors.all().delete()
    OrganisationSector.objects.bulk_create(
        OrganisationSector(organisation=organisation, code=code, division=code[:2])
        for code in codes
    )


def organisation_create(
    *,
    cluster: Cluster,
    actor: Any,
    data: dict[str, Any],
    nace_codes: list[str] | None = None,
    source: str = "web",
) -> Organisation:
    data = {
        key: value
        for key, value in data.items()
        if key in ORGANISATION_FIELDS or key == "agreement_document"
    }
    codes = _check_organisation(cluster, data, nace_codes or [], exclude_id=None)
    with transaction.atomic():
        organisation = Organisation(cluster=cluster, **data)
        organisation.name_key = name_key(organisation.name)
        organisation.save()
        _set_codes(organisation, codes)
        audit_record(
            cluster=cluster,
            actor=actor,
            action=AuditAction.CREATED,
            instance=organisation,
            changes=diff({}, organisation_snapshot(organisation)),
            source=source,
        )
    return organisation


def organisation_update(
    *,
    organisation: Organisation,
    actor: Any,
    data: dict[str, Any],
    nace_codes: list[str] | None = None,
    source: str = "web",
    by_representative: bool = False,
) -> Organisation:
    """Change an organisation. ``by_representative``: the participant's own representative,
    who may not change what was agreed with the cluster (commitment, membership, fee)."""
    if by_representative:
        for name in MANAGED_FIELDS:
            if name in data and data[name] != getattr(organisation, name):
                raise DomainError(
                    _("Only the cluster's management team changes commitment and membership."),
                    field=name,
                    code="permission_denied",
                )
    before = organisation_snapshot(organisation)
    merged = {name: getattr(organisation, name) for name in ORGANISATION_FIELDS}
    merged.update({key: value for key, value in data.items() if key in ORGANISATION_FIELDS})
    codes = _check_organisation(
        organisation.cluster,
        merged,
        before["nace_codes"] if nace_codes is None else nace_codes,
        exclude_id=organisation.pk,
    )
    with transaction.atomic():
        for name, value in data.items():
            if name in ORGANISATION_FIELDS or name == "agreement_document":
                setattr(organisation, name, value)
        organisation.name_key = name_key(organisation.name)
        if codes != before["nace_codes"]:
            _set_codes(organisation, codes)
        after = organisation_snapshot(organisation)
        changes = diff(before, after)
        if "agreement_document" in data and data["agreement_document"]:
            changes["agreement_document"] = [None, str(data["agreement_document"])]
        if changes:
            organisation.updated_at = timezone.now()
            organisation.save()
            audit_record(
                cluster=organisation.cluster,
                actor=actor,
                action=AuditAction.CHANGED,
                instance=organisation,
                changes=changes,
                source=source,
            )
    return organisation


def organisation_delete(*, organisation: Organisation, actor: Any, source: str = "web") -> None:
    with transaction.atomic():
        audit_record(
            cluster=organisation.cluster,
            actor=actor,
            action=AuditAction.DELETED,
            instance=organisation,
            changes={"contacts": [organisation.contacts.count(), 0]},
            source=source,
        )
        organisation.delete()


def contact_create(
    *,
    organisation: Organisation,
    actor: Any,
    data: dict[str, Any],
    source: str = "web",
) -> Contact:
    data = {key: value for key, value in data.items() if key in CONTACT_FIELDS}
    raise_first(contact_problems(data))
    with transaction.atomic():
        contact = Contact.objects.create(
            cluster=organisation.cluster, organisation=organisation, **data
        )
        audit_record(
            cluster=organisation.cluster,
            actor=actor,
            action=AuditAction.CREATED,
            instance=contact,
            changes=diff({}, snapshot(contact, [*CONTACT_FIELDS, "organisation"])),
            source=source,
        )
    return contact


def contact_update(
    *,
    contact: Contact,
    actor: Any,
    data: dict[str, Any],
    source: str = "web",
) -> Contact:
    fields = [*CONTACT_FIELDS, "organisation"]
    before = snapshot(contact, fields)
    organisation = data.get("organisation")
    if organisation is not None and organisation.cluster_id != contact.cluster_id:
        raise DomainError(_("Choose an organisation of this cluster."), field="organisation")
    merged = {name: getattr(contact, name) for name in CONTACT_FIELDS}
    merged.update({key: value for key, value in data.items() if key in CONTACT_FIELDS})
    raise_first(contact_problems(merged))
    with transaction.atomic():
        for name, value in data.items():
            if name in fields:
                setattr(contact, name, value)
        changes = diff(before, snapshot(contact, fields))
        if changes:
            contact.updated_at = timezone.now()
            contact.save()
            audit_record(
                cluster=contact.cluster,
                actor=actor,
                action=AuditAction.CHANGED,
                instance=contact,
                changes=changes,
                source=source,
            )
    return contact


def contact_delete(*, contact: Contact, actor: Any, source: str = "web") -> None:
    with transaction.atomic():
        audit_record(
            cluster=contact.cluster,
            actor=actor,
            action=AuditAction.DELETED,
            instance=contact,
            changes={"organisation": [str(contact.organisation), None]},
            source=source,
        )
        contact.delete()
