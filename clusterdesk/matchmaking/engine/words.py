"""How texts become words for matching, in the participants' languages (English, Italian,
Spanish, Turkish and their neighbours).

Matching is accent-blind and case-blind: "Saldatura", "SALDATURA" and "saldatura" are one
word, so are "tecnología" and "tecnologia", "Türkiye" and "turkiye". Turkish needs care:
Python lower-cases "İ" to "i" plus a combining dot and keeps the dotless "ı", so "ISI", "ısı"
and "İSİ" would be three words; here the dot is dropped and "ı" is read as "i", so all three
are "isi". Words shown to a person keep the spelling they were written with
(``surface_tokens``).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence
from typing import NamedTuple

_TOKEN = re.compile(r"[^\W_]{2,}")
_MARKS = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_LETTERS = str.maketrans({"ı": "i", "ø": "o", "ł": "l", "đ": "d", "æ": "ae", "œ": "oe"})


def fold(text: str) -> str:
    """Lower-case ``text`` and fold accents away (see the module's docstring)."""
    if text.isascii():
        return text.lower()
    text = unicodedata.normalize("NFKD", text.casefold())
    return _MARKS.sub("", text).translate(_LETTERS)


# Function words of the four languages, and the words every profile or request uses, which say
# nothing about what two participants have in common. Written folded (no accents).
_STOP_WORDS_BY_LANGUAGE = {
    "en": """
    a about after all also an and any are as at be been being both but by can could do does
    each for from had has have having he her his how i if in into is it its more most much my
    no not of on one only or other our ours out over own she so some such than that the their
    them then there these they this those through to too under up us very was we were what
    when where which while who whom why will with within would you your
    company companies firm business businesses based products product services service offer
    offers offering looking look seek seeking seeks need needs partner partners partnership
    customers clients client experience years provide provides providing including new work
    working works help support solutions solution activities sector field area areas
    specialise specialised specialises specialising specialize specialized strengths long
    small medium sized large
    """,
    "it": """
    il lo la i gli le un uno una di del dello della dei degli delle da dal dallo dalla dai
    dagli dalle in nel nello nella nei negli nelle con su sul sullo sulla sui sugli sulle per
    tra fra e ed o anche che chi cui non piu come ma se sono siamo sia essere ha hanno abbiamo
    nostro nostra nostri nostre loro suo sua suoi sue questo questa questi queste quello
    quella al allo alla ai agli alle dell all nell sull azienda aziende impresa imprese
    prodotti prodotto servizi servizio offriamo offre offerta cerchiamo cerca cercasi
    partner clienti cliente esperienza anni soluzioni settore attivita oltre ogni molto
    specializzati specializzata specializzato punti forza lunga lungo piccola piccolo media
    medio grande sede
    """,
    "es": """
    el los las un una unos unas de del al en con por para sin sobre entre y e o u ni que
    quien cual como pero si no es son somos ser esta estan estamos ha han hemos su sus nuestro
    nuestra nuestros nuestras este esta estos estas ese esa lo le les se mas muy empresa
    empresas productos producto servicios servicio ofrecemos ofrece oferta buscamos busca
    socios socio clientes cliente experiencia anos soluciones sector actividad cada tambien
    especializados especializada especializado puntos fuertes larga largo pequena pequeno
    mediana mediano grande sede
    """,
    "tr": """
    bir ve ile icin bu su o da de ki mi mu ne gibi daha cok en her olan olarak ise ama
    veya ya hem biz bizim onlar sirket sirketi sirketimiz firma firmasi firmamiz urun urunler
    urunleri hizmet hizmetler hizmetleri sunuyoruz sunar ariyoruz arar araniyor ortak ortaklar
    musteri musteriler deneyim yil yillik cozum cozumler sektor alan alaninda faaliyet
    uzmaniz uzman guclu yonlerimiz uzun kucuk orta olcekli buyuk merkezli isletmedir
    """,
}
_LEGAL_FORMS = "srl spa snc sas sl slu sa coop ltd plc llp inc gmbh ag bv as sti san tic"
STOP_WORDS = frozenset(
    word for words in [*_STOP_WORDS_BY_LANGUAGE.values(), _LEGAL_FORMS] for word in words.split()
)
LANGUAGE_MARKERS = {
    language: frozenset(words.split())
    - {
        word
        for other, others in _STOP_WORDS_BY_LANGUAGE.items()
        if other != language
        for word in others.split()
    }
    for language, words in _STOP_WORDS_BY_LANGUAGE.items()
}
"""The stop words of one language only: enough to tell which of the four a text is in."""


@functools.lru_cache(maxsize=4096)
def language_of(text: str) -> str | None:
    """The language ("en", "it", "es" or "tr") whose own function words ``text`` uses most;
    None when it uses none, or as many of two languages."""
    counts = {language: 0 for language in LANGUAGE_MARKERS}
    for word in _TOKEN.findall(fold(text)):
        for language, markers in LANGUAGE_MARKERS.items():
            if word in markers:
                counts[language] += 1
    ranked = sorted(counts.items(), key=lambda item: -item[1])
    if ranked[0][1] == 0 or ranked[0][1] == ranked[1][1]:
        return None
    return ranked[0][0]


def content_words(text: str) -> list[str]:
    """The folded words of ``text`` that carry meaning, in order (stop words left out)."""
    return [word for word in _TOKEN.findall(fold(text)) if word not in STOP_WORDS]


def content_text(text: str) -> str:
    """``content_words`` joined by spaces: what the TF-IDF vectorisers read."""
    return " ".join(content_words(text))


class Token(NamedTuple):
    key: str  # folded, as matched
    surface: str  # as a person reads it
    joined: bool = False  # follows the previous content word in the same clause
    lead: str = ""  # the stop words between the previous content word and this one


_GAP = re.compile(r"[\s\-]*")


def _shown(written: str) -> str:
    if written.isupper() and len(written) <= 6:
        return written  # an acronym: CNC, ISO, ERP
    return written.replace("İ", "i").lower().replace("i\u0307", "i")


def surface_tokens(text: str) -> list[Token]:
    """The content words of ``text`` with the spelling they were written with (lower-cased,
    except acronyms such as "CNC" or "ISO"). A word is ``joined`` to the previous content word
    when only spaces, hyphens and stop words stand between them (its ``lead``): "pompe di
    calore" is a phrase of the text, "frames. Acme" is not."""
    tokens: list[Token] = []
    previous_end: int | None = None  # where the clause's previous word ended
    lead: list[str] = []
    for match in _TOKEN.finditer(text):
        written = match.group()
        if previous_end is not None and not _GAP.fullmatch(text, previous_end, match.start()):
            previous_end, lead = None, []  # punctuation ends the clause
        keys = _TOKEN.findall(fold(written))
        if not keys or all(key in STOP_WORDS for key in keys):
            if previous_end is not None:
                lead.append(_shown(written))
                previous_end = match.end()
            continue
        joined = previous_end is not None and bool(tokens)
        for key in keys:
            if key not in STOP_WORDS:
                tokens.append(Token(key, _shown(written), joined, " ".join(lead)))
                joined, lead = True, []
        previous_end = match.end()
    return tokens


def phrase(tokens: Sequence[Token]) -> str:
    """Joined tokens as the text writes them, with the stop words between them."""
    shown = [tokens[0].surface]
    for token in tokens[1:]:
        shown.extend([token.lead, token.surface] if token.lead else [token.surface])
    return " ".join(shown)
