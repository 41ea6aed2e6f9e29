"""Turning spreadsheet cells into values, with a plain-words message when a cell is wrong.

Cells arrive as text from CSV and as text, numbers or dates from XLSX, written the way people
in Italy, Spain, Turkey or elsewhere write them.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.utils.translation import gettext as _


class CellError(ValueError):
    """A cell that cannot be read; the message says why in plain words."""


def simplify(text: str) -> str:
    """Lower case, no accents, letters and digits only: for comparing labels and headers."""
    text = unicodedata.normalize("NFKD", str(text).casefold().replace("ı", "i"))
    return re.sub(r"[^a-z0-9]", "", "".join(c for c in text if not unicodedata.combining(c)))


def as_text(cell: Any) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, datetime):
        return cell.date().isoformat()
    if isinstance(cell, date):
        return cell.isoformat()
    return str(cell).strip()


_DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y", "%d-%m-%Y", "%Y/%m/%d", "%d/%m/%y")


def as_date(cell: Any) -> date | None:
    if cell is None or cell == "":
        return None
    if isinstance(cell, datetime):
        return cell.date()
    if isinstance(cell, date):
        return cell
    text = as_text(cell)
    if not text:
        return None
    text = text.split(" ")[0].split("T")[0]
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise CellError(
        _("“%(value)s” is not a date; write it as 2026-03-01 or 01/03/2026.") % {"value": text}
    )


_GROUPED = re.compile(r"^-?\d{1,3}([.,' \u00a0\u202f]\d{3})+$")


def as_integer(cell: Any) -> int | None:
    if cell is None or cell == "":
        return None
    if isinstance(cell, bool):
        raise CellError(_("“%(value)s” is not a whole number.") % {"value": cell})
    if isinstance(cell, int):
        return cell
    if isinstance(cell, float):
        if cell.is_integer():
            return int(cell)
        raise CellError(_("“%(value)s” is not a whole number.") % {"value": cell})
    text = as_text(cell).replace("\u00a0", " ").strip()
    if not text:
        return None
    if _GROUPED.match(text):
        text = re.sub(r"[.,' \u00a0\u202f]", "", text)
    try:
        return int(text)
    except ValueError:
        raise CellError(_("“%(value)s” is not a whole number.") % {"value": text}) from None


def as_decimal(cell: Any) -> Decimal | None:
    if cell is None or cell == "":
        return None
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        return Decimal(str(cell))
    text = re.sub(r"[€$£%\s\u00a0]|EUR|TRY|TL", "", as_text(cell), flags=re.IGNORECASE)
    if not text:
        return None
    if "," in text and "." in text:
        # The separator written last is the decimal one: 1.234,56 or 1,234.56.
        if text.rfind(",") > text.rfind("."):
            text = text.replace(".", "").replace(",", ".")
        else:
            text = text.replace(",", "")
    elif "," in text:
        text = text.replace(",", ".") if text.count(",") == 1 else text.replace(",", "")
    try:
        return Decimal(text)
    except InvalidOperation:
        raise CellError(_("“%(value)s” is not a number.") % {"value": as_text(cell)}) from None


_YES = {"yes", "y", "true", "1", "x", "si", "sì", "sí", "evet", "e", "ja", "oui", "✓", "vero"}
_NO = {"no", "n", "false", "0", "hayir", "hayır", "h", "nein", "non", "falso", "-"}


def as_boolean(cell: Any) -> bool | None:
    if cell is None or cell == "":
        return None
    if isinstance(cell, bool):
        return cell
    text = as_text(cell).casefold()
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise CellError(_("“%(value)s” should be yes or no.") % {"value": as_text(cell)})


def as_list(cell: Any) -> list[str]:
    text = as_text(cell)
    if not text:
        return []
    items: list[str] = []
    for item in re.split(r"[;|\n]+", text):
        item = item.strip()
        if item and item not in items:
            items.append(item)
    return items


_URL = URLValidator(schemes=["http", "https"])


def as_url(cell: Any) -> str:
    text = as_text(cell)
    if not text:
        return ""
    if "://" not in text:
        text = "https://" + text
    try:
        _URL(text)
    except ValidationError:
        raise CellError(_("“%(value)s” is not a web address.") % {"value": as_text(cell)}) from None
    return text


def as_email(cell: Any) -> str:
    text = as_text(cell).lower()
    if not text:
        return ""
    try:
        validate_email(text)
    except ValidationError:
        raise CellError(_("“%(value)s” is not an e-mail address.") % {"value": text}) from None
    return text


def as_choice(cell: Any, lookup: dict[str, str], what: Any) -> str:
    """A value of a list, given as its code or its label in any interface language."""
    text = as_text(cell)
    if not text:
        return ""
    value = lookup.get(simplify(text))
    if value is None:
        message = _("“%(value)s” is not a known %(what)s.")
        raise CellError(message % {"value": text, "what": str(what)})
    return value
