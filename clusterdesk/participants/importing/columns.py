"""The columns of the organisation and contact files: what each holds and the headers that
name it (the export's own header, the field's label in every interface language, and the
words people commonly use in their own sheets)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy
from django_countries import countries

from ..models import (
    Category,
    Commitment,
    Contact,
    Organisation,
    TurnoverBand,
    ValueChainPosition,
)
from . import values
from .values import CellError, simplify


@dataclass(frozen=True)
class Column:
    key: str  # the export's header and the model field (or "nace_codes", "organisation")
    parse: Callable[[Any], Any]
    extra_headers: tuple[str, ...] = ()
    required: bool = False


def _labels(choices: type[models.TextChoices], synonyms: dict[str, str]) -> dict[str, str]:
    lookup: dict[str, str] = {}
    for code, _language_name in settings.LANGUAGES:
        with translation.override(code):
            for value, label in choices.choices:
                lookup[simplify(str(label))] = value
    for value in choices.values:
        lookup[simplify(value)] = value
    lookup.update({simplify(word): value for word, value in synonyms.items()})
    return lookup


@cache
def _lookups() -> dict[str, dict[str, str]]:
    return {
        "category": _labels(
            Category,
            {
                "sme": "industry_sme",
                "pmi": "industry_sme",
                "pyme": "industry_sme",
                "kobi": "industry_sme",
                "company": "industry_sme",
                "impresa": "industry_sme",
                "large company": "industry_large",
                "grande impresa": "industry_large",
                "gran empresa": "industry_large",
                "buyuk isletme": "industry_large",
                "research": "research",
                "university": "education",
                "universita": "education",
                "universidad": "education",
                "universite": "education",
                "school": "education",
                "public": "public_body",
                "government": "public_body",
                "pa": "public_body",
                "bank": "finance",
                "media": "marketing_media",
                "marketing": "marketing_media",
                "chamber": "intermediary",
                "incubator": "intermediary",
                "intermediario": "intermediary",
                "araci kurulus": "intermediary",
                "camera di commercio": "intermediary",
                "ticaret odasi": "intermediary",
                "ricerca": "research",
                "centro di ricerca": "research",
                "investigacion": "research",
                "arastirma": "research",
                "arastirma kurumu": "research",
                "universitesi": "education",
                "ente pubblico": "public_body",
                "kamu": "public_body",
                "kamu kurumu": "public_body",
                "banca": "finance",
                "banco": "finance",
                "banka": "finance",
            },
        ),
        "commitment": _labels(
            Commitment,
            {
                "member": "committed",
                "socio": "committed",
                "socia": "committed",
                "uye": "committed",
                "yes": "committed",
                "si": "committed",
                "evet": "committed",
                "no": "not_committed",
                "hayir": "not_committed",
                "ex": "former",
            },
        ),
        "turnover_band": _labels(TurnoverBand, {}),
        "value_chain_position": _labels(ValueChainPosition, {}),
    }


def _choice(field: str, what: Any) -> Callable[[Any], str]:
    def parse(cell: Any) -> str:
        return values.as_choice(cell, _lookups()[field], what)

    return parse


def _country(cell: Any) -> str:
    text = values.as_text(cell)
    if not text:
        return ""
    code = countries.alpha2(text)
    if code:
        return code
    for language, _name in settings.LANGUAGES:
        code = countries.by_name(text, language=language)
        if code:
            return code
    raise CellError(translation.gettext("“%(value)s” is not a country.") % {"value": text})


def _text(limit: int) -> Callable[[Any], str]:
    def parse(cell: Any) -> str:
        text = values.as_text(cell)
        if len(text) > limit:
            raise CellError(
                translation.gettext("This is longer than %(limit)s characters.") % {"limit": limit}
            )
        return text

    return parse


ORGANISATION_COLUMNS = [
    Column(
        "name",
        _text(200),
        (
            "organisation",
            "company",
            "ragione sociale breve",
            "nome",
            "denominazione",
            "nombre",
            "empresa",
            "firma",
            "kurum",
            "ad",
        ),
        required=True,
    ),
    Column("legal_name", _text(255), ("ragione sociale", "razon social", "unvan", "ticari unvan")),
    Column(
        "vat_number",
        _text(32),
        (
            "vat",
            "partita iva",
            "p iva",
            "piva",
            "cif",
            "nif",
            "vergi no",
            "vergi numarasi",
            "tax id",
        ),
    ),
    Column(
        "category", _choice("category", gettext_lazy("category")), ("categoria", "kategori", "type")
    ),
    Column("country", _country, ("paese", "nazione", "pais", "ulke")),
    Column("region", _text(120), ("regione", "region", "bolge", "il")),
    Column("city", _text(120), ("citta", "comune", "ciudad", "localidad", "sehir", "ilce")),
    Column("website", values.as_url, ("web", "sito", "sito web", "sitio web", "web sitesi", "url")),
    Column(
        "nace_codes",
        values.as_list,
        ("nace", "ateco", "cnae", "nace rev 2", "sector codes", "codici ateco", "nace kodu"),
    ),
    Column("tags", values.as_list, ("etichette", "etiquetas", "etiketler")),
    Column("technologies", values.as_list, ("tecnologie", "tecnologias", "teknolojiler")),
    Column(
        "employees",
        values.as_integer,
        ("dipendenti", "addetti", "empleados", "calisan", "calisan sayisi"),
    ),
    Column(
        "turnover_band",
        _choice("turnover_band", gettext_lazy("turnover band")),
        ("fatturato", "ciro"),
    ),
    Column(
        "export_share", values.as_decimal, ("export", "export %", "quota export", "ihracat orani")
    ),
    Column(
        "founding_year",
        values.as_integer,
        ("anno di fondazione", "ano de fundacion", "kurulus yili", "founded"),
    ),
    Column(
        "value_chain_position",
        _choice("value_chain_position", gettext_lazy("value-chain position")),
        ("filiera", "cadena de valor", "deger zinciri"),
    ),
    Column("description", _text(20_000), ("descrizione", "descripcion", "aciklama")),
    Column(
        "commitment",
        _choice("commitment", gettext_lazy("commitment")),
        (
            "status",
            "membership",
            "associato",
            "socio",
            "uyelik",
            "stato",
            "stato adesione",
            "estado",
            "durum",
            "uyelik durumu",
        ),
    ),
    Column(
        "agreement_signed_on",
        values.as_date,
        ("agreement date", "data adesione", "fecha de adhesion", "sozlesme tarihi"),
    ),
    Column("membership_start", values.as_date, ("inizio adesione", "inicio", "uyelik baslangic")),
    Column("membership_end", values.as_date, ("fine adesione", "fin", "uyelik bitis")),
    Column("membership_fee", values.as_decimal, ("fee", "quota", "cuota", "aidat")),
]

CONTACT_COLUMNS = [
    Column(
        "organisation",
        _text(200),
        ("organization", "company", "azienda", "empresa", "firma", "kurum", "ente"),
        required=True,
    ),
    Column("first_name", _text(100), ("name", "nome", "nombre", "ad", "adi")),
    Column(
        "last_name", _text(100), ("surname", "cognome", "apellidos", "apellido", "soyad", "soyadi")
    ),
    Column(
        "job_title",
        _text(150),
        ("role", "title", "position", "ruolo", "cargo", "puesto", "gorev", "unvan"),
    ),
    Column("email", values.as_email, ("e-mail", "mail", "correo", "posta", "eposta")),
    Column(
        "phone",
        _text(40),
        ("telephone", "mobile", "telefono", "tel", "cellulare", "movil", "telefon", "gsm"),
    ),
    Column("language", _text(8), ("lingua", "idioma", "dil")),
    Column("consent_newsletter", values.as_boolean, ("newsletter", "bulten")),
    Column(
        "consent_publication",
        values.as_boolean,
        ("publication", "public catalogue", "pubblicazione", "publicacion", "yayin"),
    ),
]


def _header_names(model: type[models.Model], column: Column) -> set[str]:
    names = {simplify(column.key), *(simplify(h) for h in column.extra_headers)}
    try:
        field = model._meta.get_field(column.key)
    except Exception:
        field = None
    if field is not None:
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                names.add(simplify(str(field.verbose_name)))
    return names


@cache
def _header_index(kind: str) -> dict[str, str]:
    model, columns = (
        (Organisation, ORGANISATION_COLUMNS)
        if kind == "organisations"
        else (Contact, CONTACT_COLUMNS)
    )
    index: dict[str, str] = {}
    # Own keys and labels first, so that a generic alias never hides a column's own name.
    for column in columns:
        index[simplify(column.key)] = column.key
    for column in columns:
        for name in _header_names(model, column):
            index.setdefault(name, column.key)
    return index


def columns_for(kind: str) -> list[Column]:
    return ORGANISATION_COLUMNS if kind == "organisations" else CONTACT_COLUMNS


def map_headers(kind: str, headers: list[str]) -> tuple[dict[int, Column], list[str]]:
    """Which file column holds which field; and the headers that were not understood."""
    by_key = {column.key: column for column in columns_for(kind)}
    index = _header_index(kind)
    mapping: dict[int, Column] = {}
    used: set[str] = set()
    ignored: list[str] = []
    for position, header in enumerate(headers):
        key = index.get(simplify(header)) if header else None
        if key is None or key in used:
            if header:
                ignored.append(header)
            continue
        used.add(key)
        mapping[position] = by_key[key]
    return mapping, ignored
