"""The portfolio's rules, written once for forms, the API and the services. Each returns the
problems found as (field, message) in plain words; an empty list means the data may be saved."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from clusterdesk.engagement.rules import not_in_future

from .models import ServiceArea, ServiceStatus

Problems = list[tuple[str, str]]

MAX_AMOUNT = Decimal("9999999999.99")  # what the money columns hold
MAX_QUANTITY = Decimal("999999.99")
FIRST_DELIVERY_YEAR = 1990  # the finance records' first budget year
SWOT_PARTS = ("strengths", "weaknesses", "opportunities", "threats")
MAX_SWOT_POINTS = 20
MAX_SWOT_POINT = 300


def _amount_problem(value: Decimal | None, field: str, negative: str) -> Problems:
    if value is None:
        return []
    if value < 0:
        return [(field, negative)]
    if value > MAX_AMOUNT:
        return [(field, _("This amount is too large; give it in euros, e.g. 1500."))]
    return []


def area_problems(areas: Iterable[Any], *, field: str = "areas") -> Problems:
    values = list(areas)
    if not values:
        return [(field, _("Choose at least one service area."))]
    if any(value not in ServiceArea.values for value in values):
        return [(field, _("Choose service areas from the list."))]
    return []


def service_problems(data: Mapping[str, Any]) -> Problems:
    problems: Problems = []
    if not (data.get("code") or "").strip():
        problems.append(("code", _("Give the service an identifier, e.g. its number.")))
    if not (data.get("name") or "").strip():
        problems.append(("name", _("Give the service a name.")))
    if data.get("status") not in ServiceStatus.values:
        problems.append(("status", _("Choose a status from the list.")))
    for name in ("member_price", "non_member_price"):
        problems += _amount_problem(data.get(name), name, _("A price cannot be negative."))
    if data.get("free") and (
        data.get("member_price") is not None or data.get("non_member_price") is not None
    ):
        problems.append(
            ("free", _("A free service has no price: clear the prices or untick “free”."))
        )
    translations = data.get("translations") or {}
    if not isinstance(translations, dict) or any(
        not isinstance(texts, dict) or set(texts) - {"name", "description"}
        for texts in translations.values()
    ):
        problems.append(
            ("translations", _("Give translations as a name and a description per language."))
        )
    return problems


def delivery_problems(data: Mapping[str, Any], *, today: date) -> Problems:
    problems: Problems = []
    delivered_on = data.get("delivered_on")
    if delivered_on is None:
        problems.append(("delivered_on", _("Give the day the service was delivered.")))
    else:
        problems += not_in_future(delivered_on, "delivered_on", today=today)
        if delivered_on.year < FIRST_DELIVERY_YEAR:
            problems.append(
                (
                    "delivered_on",
                    _("Give a day from %(year)s on.") % {"year": FIRST_DELIVERY_YEAR},
                )
            )
    problems += _amount_problem(
        data.get("fee_invoiced"), "fee_invoiced", _("The fee invoiced cannot be negative.")
    )
    quantity = data.get("quantity")
    if quantity is not None:
        if quantity < 0:
            problems.append(("quantity", _("The quantity cannot be negative.")))
        elif quantity > MAX_QUANTITY:
            problems.append(("quantity", _("This quantity is too large.")))
    rating = data.get("rating")
    if rating is not None and not (isinstance(rating, int) and 1 <= rating <= 5):
        problems.append(("rating", _("A rating is a whole number from 1 (poor) to 5 (excellent).")))
    return problems


def recipients_problems(cluster_id: int, participants: list[Any]) -> Problems:
    if not participants:
        return [("participants", _("Say which participant received the service."))]
    for organisation in participants:
        if organisation.cluster_id != cluster_id:
            return [
                (
                    "participants",
                    _("%(name)s is not a participant of this cluster.") % {"name": organisation},
                )
            ]
    return []


def candidate_problems(data: Mapping[str, Any]) -> Problems:
    problems: Problems = []
    if not (data.get("name") or "").strip():
        problems.append(("name", _("Give the idea a name.")))
    areas = data.get("areas") or []
    if any(value not in ServiceArea.values for value in areas):
        problems.append(("areas", _("Choose service areas from the list.")))
    return problems


def swot_problems(swot: Mapping[str, list[str]]) -> Problems:
    for part in SWOT_PARTS:
        points = swot.get(part) or []
        if len(points) > MAX_SWOT_POINTS:
            return [(part, _("Keep to %(count)s points at most.") % {"count": MAX_SWOT_POINTS})]
        if any(len(point) > MAX_SWOT_POINT for point in points):
            return [
                (
                    part,
                    _("Keep each point under %(count)s characters.") % {"count": MAX_SWOT_POINT},
                )
            ]
    return []
