"""Why a partner is recommended: each reason is a code with its parameters (plain JSON data,
for the interface to translate) and the same reason as an English sentence.

The codes, in the order a recommendation lists them:

- ``offer_meets_request``: an offer answers a request of the matching kind.
  Parameters: offer and request as ``{"id", "kind", "title", "owner"}``, ``similarity``,
  ``shared_terms``, ``related_terms``.
- ``shared_rd_interest``: both look for R&D partners on the same subject (the two requests
  as ``first`` and ``second``, with similarity and terms).
- ``research_fits_request``: a research or education profile fits an R&D partner request
  (``request``, ``researcher``, ``category``, similarity and terms).
- ``similar_profiles``: the two profiles say similar things (``similarity``,
  ``shared_terms``, ``related_terms``); ``profile_fits_listing`` for an offer or request and a
  profile (``listing``, ``participant``, …).
- ``value_chain``: one's value-chain position supplies the other's (``supplier``,
  ``supplier_position``, ``customer``, ``customer_position``).
- ``research_business`` / ``finance_business``: an R2B or F2B pair (``partner``,
  ``partner_category``, ``company``).
- ``cross_sector`` (``sectors``: the NACE divisions of each) / ``same_sector``
  (``divisions``).
- ``shared_markets`` (``markets``), ``common_language`` (``languages``),
  ``no_common_language`` (``languages`` of each).
- ``other_cluster``: the partner belongs to another cluster (``cluster_id``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

CATEGORY_LABELS = {
    "industry_sme": "small or medium-sized company",
    "industry_large": "large company",
    "research": "research institution",
    "education": "education organisation",
    "intermediary": "intermediary",
    "public_body": "public body",
    "finance": "finance organisation",
    "marketing_media": "marketing or media company",
    "other": "organisation",
}
POSITION_LABELS = {
    "raw_materials": "raw materials",
    "components": "components and semi-finished goods",
    "manufacturing": "manufacturing of final products",
    "equipment": "machinery and equipment",
    "services": "services to industry",
    "distribution": "distribution and sales",
    "research": "research and technology",
    "support": "support, policy and finance",
}
KIND_LABELS = {
    "business_offer": "business offer",
    "business_request": "business request",
    "technology_offer": "technology offer",
    "technology_request": "technology request",
    "rd_partner_request": "R&D partner request",
    "finance_offer": "finance offer",
    "finance_request": "finance request",
}
LANGUAGE_NAMES = {
    "en": "English",
    "it": "Italian",
    "es": "Spanish",
    "tr": "Turkish",
    "de": "German",
    "fr": "French",
    "pt": "Portuguese",
    "el": "Greek",
    "ro": "Romanian",
    "bg": "Bulgarian",
    "hr": "Croatian",
    "sl": "Slovenian",
    "pl": "Polish",
    "ar": "Arabic",
}


@dataclass(frozen=True)
class Reason:
    code: str
    params: Mapping[str, Any] = field(default_factory=dict, hash=False)
    text: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "params": dict(self.params), "text": self.text}


def reason(code: str, **params: Any) -> Reason:
    """A reason with its English sentence."""
    return Reason(code, params, SENTENCES[code](params))


def listing_params(listing_id: int, kind: str, title: str, owner: str) -> dict[str, Any]:
    return {"id": listing_id, "kind": kind, "title": title, "owner": owner}


def enumerate_words(words: Sequence[str]) -> str:
    """ "a", "a and b", "a, b and c"."""
    words = list(words)
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} and {words[-1]}"


def _evidence(params: Mapping[str, Any], mention: str = "both mention") -> str:
    parts = []
    if params.get("shared_terms"):
        parts.append(f"{mention} {enumerate_words(params['shared_terms'])}")
    if params.get("related_terms"):
        pairs = [f"{first} ≈ {second}" for first, second in params["related_terms"]]
        parts.append(f"related words: {', '.join(pairs)}")
    return "; ".join(parts)


def _with_evidence(sentence: str, params: Mapping[str, Any]) -> str:
    """The sentence, then the words that show it (similarities stay in the parameters: a
    percentage of TF-IDF or embedding similarity means little to a person)."""
    evidence = _evidence(params)
    return f"{sentence}: {evidence}." if evidence else f"{sentence}."


def possessive(name: str) -> str:
    """ "Beta Laser's", "Gamma Foods'"."""
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def _listing(listing: Mapping[str, Any]) -> str:
    return f"{possessive(listing['owner'])} {KIND_LABELS[listing['kind']]} “{listing['title']}”"


def _offer_meets_request(params: Mapping[str, Any]) -> str:
    return _with_evidence(
        f"{_listing(params['offer'])} meets {_listing(params['request'])}",
        params,
    )


def _shared_rd_interest(params: Mapping[str, Any]) -> str:
    first, second = params["first"], params["second"]
    return _with_evidence(
        f"{first['owner']} and {second['owner']} both look for R&D partners "
        f"(“{first['title']}” and “{second['title']}”)",
        params,
    )


def article(noun: str) -> str:
    """ "a research institution", "an education organisation"."""
    return f"an {noun}" if noun[:1] in "aeiou" else f"a {noun}"


def _research_fits_request(params: Mapping[str, Any]) -> str:
    return _with_evidence(
        f"{params['researcher']}, {article(CATEGORY_LABELS[params['category']])}, has a profile "
        "that "
        f"fits {_listing(params['request'])}",
        params,
    )


def _similar_profiles(params: Mapping[str, Any]) -> str:
    if params.get("shared_terms") or params.get("related_terms"):
        return _with_evidence("The two profiles are alike", params)
    return "The two profiles use similar wording."


def _profile_fits_listing(params: Mapping[str, Any]) -> str:
    return _with_evidence(
        f"{possessive(params['participant'])} profile fits {_listing(params['listing'])}",
        params,
    )


def _value_chain(params: Mapping[str, Any]) -> str:
    return (
        f"Value chain: {params['supplier']} ({POSITION_LABELS[params['supplier_position']]}) "
        f"can supply {params['customer']} ({POSITION_LABELS[params['customer_position']]})."
    )


def _research_business(params: Mapping[str, Any]) -> str:
    return (
        f"{params['partner']} is {article(CATEGORY_LABELS[params['partner_category']])} and "
        f"{params['company']} a company: a research-to-business match."
    )


def _finance_business(params: Mapping[str, Any]) -> str:
    return (
        f"{params['partner']} is {article(CATEGORY_LABELS[params['partner_category']])} and "
        f"{params['company']} a company: a finance-to-business match."
    )


def _sectors(sectors: Sequence[str]) -> str:
    return "NACE " + ", ".join(sectors)


def _cross_sector(params: Mapping[str, Any]) -> str:
    (first, first_sectors), (second, second_sectors) = params["sectors"]
    return (
        f"Different sectors ({first}: {_sectors(first_sectors)}; "
        f"{second}: {_sectors(second_sectors)}): a cross-sector match."
    )


def _same_sector(params: Mapping[str, Any]) -> str:
    divisions = params["divisions"]
    noun = "division" if len(divisions) == 1 else "divisions"
    return f"Both work in NACE {noun} {enumerate_words(divisions)}."


def _language(code: str) -> str:
    return LANGUAGE_NAMES.get(code, code)


def _common_language(params: Mapping[str, Any]) -> str:
    return f"Both work in {enumerate_words([_language(code) for code in params['languages']])}."


def _no_common_language(params: Mapping[str, Any]) -> str:
    parts = [
        f"{name}: {', '.join(_language(code) for code in codes)}"
        for name, codes in params["languages"]
    ]
    return f"They list no language in common ({'; '.join(parts)})."


def _shared_markets(params: Mapping[str, Any]) -> str:
    return f"Both are active in {enumerate_words(params['markets'])}."


def _other_cluster(params: Mapping[str, Any]) -> str:
    return f"{params['partner']} belongs to another cluster."


SENTENCES: dict[str, Callable[[Mapping[str, Any]], str]] = {
    "offer_meets_request": _offer_meets_request,
    "shared_rd_interest": _shared_rd_interest,
    "research_fits_request": _research_fits_request,
    "similar_profiles": _similar_profiles,
    "profile_fits_listing": _profile_fits_listing,
    "value_chain": _value_chain,
    "research_business": _research_business,
    "finance_business": _finance_business,
    "cross_sector": _cross_sector,
    "same_sector": _same_sector,
    "common_language": _common_language,
    "no_common_language": _no_common_language,
    "shared_markets": _shared_markets,
    "other_cluster": _other_cluster,
}
