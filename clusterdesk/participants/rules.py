"""The registry's rules, written once for forms, the API, imports and services.

Each function takes plain values (model field names → Python values) and returns the problems
found as (field, message) in plain words; an empty list means the data may be saved.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from .models import Commitment

ORGANISATION_FIELDS = [
    "name",
    "legal_name",
    "vat_number",
    "category",
    "country",
    "region",
    "city",
    "website",
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
]
CONTACT_FIELDS = [
    "first_name",
    "last_name",
    "job_title",
    "email",
    "phone",
    "language",
    "consent_newsletter",
    "consent_publication",
]
EARLIEST_FOUNDING_YEAR = 1800
# Commitment and membership are agreed with the cluster organisation: only its management team
# changes them, never the participant's own representative.
MANAGED_FIELDS = (
    "commitment",
    "agreement_signed_on",
    "agreement_document",
    "membership_start",
    "membership_end",
    "membership_fee",
)


def organisation_problems(data: dict[str, Any], *, today: date) -> list[tuple[str, str]]:
    problems: list[tuple[str, str]] = []
    if not (data.get("name") or "").strip():
        problems.append(("name", _("The name is missing.")))
    if not data.get("category"):
        problems.append(("category", _("The category is missing.")))
    commitment = data.get("commitment") or Commitment.NOT_COMMITTED
    signed = data.get("agreement_signed_on")
    if commitment == Commitment.COMMITTED and not signed:
        problems.append(
            (
                "agreement_signed_on",
                _("A committed participant has signed an agreement: give the date it was signed."),
            )
        )
    if signed and signed > today:
        problems.append(("agreement_signed_on", _("The agreement date is in the future.")))
    start, end = data.get("membership_start"), data.get("membership_end")
    if start and end and end < start:
        problems.append(("membership_end", _("The membership ends before it starts.")))
    year = data.get("founding_year")
    if year is not None and not (EARLIEST_FOUNDING_YEAR <= year <= today.year):
        problems.append(
            (
                "founding_year",
                _("The founding year must be between %(first)s and %(last)s.")
                % {"first": EARLIEST_FOUNDING_YEAR, "last": today.year},
            )
        )
    share = data.get("export_share")
    if share is not None and not (Decimal(0) <= Decimal(share) <= Decimal(100)):
        problems.append(("export_share", _("The export share is a percentage from 0 to 100.")))
    employees = data.get("employees")
    if employees is not None and employees < 0:
        problems.append(("employees", _("The number of employees cannot be negative.")))
    fee = data.get("membership_fee")
    if fee is not None and Decimal(fee) < 0:
        problems.append(("membership_fee", _("The fee cannot be negative.")))
    return problems


def contact_problems(data: dict[str, Any]) -> list[tuple[str, str]]:
    problems: list[tuple[str, str]] = []
    if not (data.get("first_name") or "").strip() and not (data.get("last_name") or "").strip():
        problems.append(("last_name", _("The person's name is missing.")))
    if data.get("consent_newsletter") and not (data.get("email") or "").strip():
        problems.append(
            (
                "email",
                _("The person agreed to the newsletter but has no e-mail address."),
            )
        )
    return problems
