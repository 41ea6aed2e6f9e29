"""The columns of a contact-log sheet and the words that name them and their kinds, in the
interface languages (English, Italian, Spanish, Turkish) and as people write them."""

from __future__ import annotations

from functools import cache

from django.conf import settings
from django.utils import translation

from clusterdesk.engagement.models import ContactKind
from clusterdesk.participants.importing.values import simplify

DATE, PARTICIPANT, KIND, STAFF, NOTES, PEOPLE_MET = (
    "date",
    "participant",
    "kind",
    "staff",
    "notes",
    "people met",
)
COLUMNS = (DATE, PARTICIPANT, KIND, STAFF, NOTES, PEOPLE_MET)
REQUIRED = (DATE, PARTICIPANT, KIND)

_HEADERS: dict[str, tuple[str, ...]] = {
    DATE: ("date", "day", "when", "data", "giorno", "fecha", "dia", "tarih", "gun"),
    PARTICIPANT: (
        "participant",
        "organisation",
        "organization",
        "company",
        "member",
        "vat",
        "vat number",
        "partecipante",
        "organizzazione",
        "azienda",
        "impresa",
        "socio",
        "ente",
        "partita iva",
        "participante",
        "organizacion",
        "empresa",
        "entidad",
        "cif",
        "nif",
        "katilimci",
        "kurum",
        "kurulus",
        "firma",
        "sirket",
        "uye",
        "vergi no",
        "vergi numarasi",
    ),
    KIND: (
        "kind",
        "type",
        "contact type",
        "kind of contact",
        "tipo",
        "tipologia",
        "tipo contatto",
        "tipo di contatto",
        "tipo de contacto",
        "tur",
        "temas turu",
        "iletisim turu",
        "gorusme turu",
    ),
    STAFF: (
        "staff",
        "staff member",
        "staff members",
        "team",
        "by",
        "who",
        "personale",
        "referente",
        "referenti",
        "chi",
        "personal",
        "equipo",
        "responsable",
        "quien",
        "personel",
        "ekip",
        "sorumlu",
        "kim",
    ),
    NOTES: (
        "notes",
        "note",
        "comments",
        "comment",
        "summary",
        "subject",
        "description",
        "appunti",
        "commenti",
        "oggetto",
        "descrizione",
        "notas",
        "nota",
        "comentarios",
        "asunto",
        "descripcion",
        "notlar",
        "not",
        "aciklama",
        "konu",
    ),
    PEOPLE_MET: (
        "people met",
        "people",
        "persons met",
        "contacts met",
        "met",
        "persone incontrate",
        "persone",
        "interlocutori",
        "personas",
        "personas contactadas",
        "interlocutores",
        "gorusulen kisiler",
        "kisiler",
        "gorusulenler",
    ),
}

_KIND_WORDS: dict[str, tuple[str, ...]] = {
    ContactKind.VISIT: (
        "visit",
        "site visit",
        "company visit",
        "visita",
        "visita aziendale",
        "sopralluogo",
        "visita a la empresa",
        "ziyaret",
        "firma ziyareti",
    ),
    ContactKind.MEETING: (
        "meeting",
        "in person",
        "riunione",
        "incontro",
        "reunion",
        "encuentro",
        "toplanti",
        "gorusme",
    ),
    ContactKind.PHONE: (
        "phone",
        "call",
        "phone call",
        "telephone",
        "telefono",
        "telefonata",
        "chiamata",
        "llamada",
        "telefon",
        "arama",
        "telefon gorusmesi",
    ),
    ContactKind.VIDEO: (
        "video",
        "video call",
        "videocall",
        "online",
        "teams",
        "zoom",
        "meet",
        "videochiamata",
        "videoconferenza",
        "videollamada",
        "videoconferencia",
        "goruntulu gorusme",
        "video konferans",
    ),
    ContactKind.EMAIL: (
        "email",
        "e-mail",
        "mail",
        "correo",
        "correo electronico",
        "posta elettronica",
        "eposta",
        "e-posta",
    ),
    ContactKind.JOINT_WORK: (
        "joint work",
        "joint project",
        "collaboration",
        "lavoro congiunto",
        "lavoro comune",
        "collaborazione",
        "trabajo conjunto",
        "colaboracion",
        "ortak calisma",
        "isbirligi",
    ),
}


@cache
def _header_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for column, words in _HEADERS.items():
        for word in (column, *words):
            index.setdefault(simplify(word), column)
    return index


def map_headers(headers: list[str]) -> tuple[dict[int, str], list[str]]:
    """Which file column holds which of ours; and the headers that were not understood."""
    index = _header_index()
    mapping: dict[int, str] = {}
    ignored: list[str] = []
    for position, header in enumerate(headers):
        column = index.get(simplify(header)) if header else None
        if column is None or column in mapping.values():
            if header:
                ignored.append(header)
            continue
        mapping[position] = column
    return mapping, ignored


@cache
def _kind_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            for value, label in ContactKind.choices:
                index[simplify(str(label))] = value
    for value in ContactKind.values:
        index[simplify(value)] = value
    for value, words in _KIND_WORDS.items():
        for word in words:
            index.setdefault(simplify(word), value)
    return index


def kind_from_text(text: str) -> str | None:
    """The kind a cell names, in any of the interface languages; None when unknown."""
    return _kind_index().get(simplify(text)) if text else None
