"""Why a partner is recommended, in the reader's language.

The engine gives every reason as a code with its parameters (and an English sentence that
is for logs and tests only); these functions say each code again with gettext, so the
sentence follows the language of the page. ``RENDERERS`` knows every code of
``engine.reasons``: a test fails if the engine gains one it does not know.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from django.utils.text import capfirst
from django.utils.translation import get_language_info, gettext_lazy, ngettext
from django.utils.translation import gettext as _
from django_countries import countries

from .engine import Reason
from .models import ListingKind

Params = Mapping[str, Any]

CATEGORY_PHRASES = {
    "industry_sme": gettext_lazy("a small or medium-sized company"),
    "industry_large": gettext_lazy("a large company"),
    "research": gettext_lazy("a research institution"),
    "education": gettext_lazy("an education organisation"),
    "intermediary": gettext_lazy("an intermediary"),
    "public_body": gettext_lazy("a public body"),
    "finance": gettext_lazy("a finance organisation"),
    "marketing_media": gettext_lazy("a marketing or media company"),
    "other": gettext_lazy("an organisation"),
}
POSITION_PHRASES = {
    "raw_materials": gettext_lazy("raw materials"),
    "components": gettext_lazy("components and semi-finished goods"),
    "manufacturing": gettext_lazy("manufacturing of final products"),
    "equipment": gettext_lazy("machinery and equipment"),
    "services": gettext_lazy("services to industry"),
    "distribution": gettext_lazy("distribution and sales"),
    "research": gettext_lazy("research and technology"),
    "support": gettext_lazy("support, policy and finance"),
}


def words_list(words: Sequence[Any]) -> str:
    """ "a", "a and b", "a, b and c" in the reader's language."""
    words = [str(word) for word in words]
    if len(words) <= 1:
        return "".join(words)
    return _("%(first)s and %(last)s") % {"first": ", ".join(words[:-1]), "last": words[-1]}


def language_name(code: str) -> str:
    try:
        return str(get_language_info(code)["name_translated"])
    except KeyError:
        return code


def market_name(market: str) -> str:
    """A country code as the country's name; a region as it was typed."""
    if len(market) == 2 and market.isalpha():
        name = countries.name(market.upper())
        if name:
            return str(name)
    return market


def kind_label(kind: str) -> str:
    """The kind's label inside a sentence: its first letter in lower case, unless the first
    word is an abbreviation ("R&D partner request")."""
    try:
        label = str(ListingKind(kind).label)
    except ValueError:
        return kind
    first = label.split(" ", 1)[0]
    if len(first) > 1 and first.isupper():
        return label
    initial = "i" if label[:1] == "İ" else label[:1].lower()  # Turkish dotted capital I
    return initial + label[1:]


def _listing(listing: Params) -> str:
    return _("the %(kind)s “%(title)s” of %(owner)s") % {
        "kind": kind_label(listing["kind"]),
        "title": listing["title"],
        "owner": listing["owner"],
    }


def _evidence(params: Params) -> str:
    parts = []
    if params.get("shared_terms"):
        parts.append(_("both mention %(words)s") % {"words": words_list(params["shared_terms"])})
    if params.get("related_terms"):
        pairs = ", ".join(f"{first} ≈ {second}" for first, second in params["related_terms"])
        parts.append(_("related words: %(pairs)s") % {"pairs": pairs})
    return "; ".join(parts)


def _with_evidence(sentence: str, params: Params) -> str:
    evidence = _evidence(params)
    sentence = capfirst(sentence)
    if evidence:
        return _("%(sentence)s: %(evidence)s.") % {"sentence": sentence, "evidence": evidence}
    return f"{sentence}."


def _offer_meets_request(params: Params, context: Params) -> str:
    return _with_evidence(
        _("%(offer)s meets %(request)s")
        % {"offer": _listing(params["offer"]), "request": _listing(params["request"])},
        params,
    )


def _shared_rd_interest(params: Params, context: Params) -> str:
    first, second = params["first"], params["second"]
    return _with_evidence(
        _(
            "%(first)s and %(second)s both look for R&D partners (“%(first_title)s” and "
            "“%(second_title)s”)"
        )
        % {
            "first": first["owner"],
            "second": second["owner"],
            "first_title": first["title"],
            "second_title": second["title"],
        },
        params,
    )


def _research_fits_request(params: Params, context: Params) -> str:
    return _with_evidence(
        _("the profile of %(researcher)s, %(category)s, fits %(request)s")
        % {
            "researcher": params["researcher"],
            "category": CATEGORY_PHRASES.get(params["category"], params["category"]),
            "request": _listing(params["request"]),
        },
        params,
    )


def _similar_profiles(params: Params, context: Params) -> str:
    if params.get("shared_terms") or params.get("related_terms"):
        return _with_evidence(_("The two profiles are alike"), params)
    return _("The two profiles use similar wording.")


def _profile_fits_listing(params: Params, context: Params) -> str:
    return _with_evidence(
        _("the profile of %(participant)s fits %(listing)s")
        % {"participant": params["participant"], "listing": _listing(params["listing"])},
        params,
    )


def _value_chain(params: Params, context: Params) -> str:
    return _(
        "Value chain: %(supplier)s (%(supplier_position)s) can supply %(customer)s "
        "(%(customer_position)s)."
    ) % {
        "supplier": params["supplier"],
        "supplier_position": POSITION_PHRASES.get(params["supplier_position"], ""),
        "customer": params["customer"],
        "customer_position": POSITION_PHRASES.get(params["customer_position"], ""),
    }


def _research_business(params: Params, context: Params) -> str:
    return _(
        "%(partner)s is %(category)s and %(company)s a company: a research-to-business match."
    ) % {
        "partner": params["partner"],
        "category": CATEGORY_PHRASES.get(params["partner_category"], ""),
        "company": params["company"],
    }


def _finance_business(params: Params, context: Params) -> str:
    return _(
        "%(partner)s is %(category)s and %(company)s a company: a finance-to-business match."
    ) % {
        "partner": params["partner"],
        "category": CATEGORY_PHRASES.get(params["partner_category"], ""),
        "company": params["company"],
    }


def _cross_sector(params: Params, context: Params) -> str:
    (first, first_sectors), (second, second_sectors) = params["sectors"]
    return _(
        "Different sectors (%(first)s: NACE %(first_sectors)s; %(second)s: NACE "
        "%(second_sectors)s): a cross-sector match."
    ) % {
        "first": first,
        "first_sectors": ", ".join(first_sectors),
        "second": second,
        "second_sectors": ", ".join(second_sectors),
    }


def _same_sector(params: Params, context: Params) -> str:
    divisions = params["divisions"]
    return ngettext(
        "Both work in NACE division %(divisions)s.",
        "Both work in NACE divisions %(divisions)s.",
        len(divisions),
    ) % {"divisions": words_list(divisions)}


def _common_language(params: Params, context: Params) -> str:
    return _("Both work in %(languages)s.") % {
        "languages": words_list([language_name(code) for code in params["languages"]])
    }


def _no_common_language(params: Params, context: Params) -> str:
    parts = [
        f"{name}: {', '.join(language_name(code) for code in codes)}"
        for name, codes in params["languages"]
    ]
    return _("They list no language in common (%(languages)s).") % {"languages": "; ".join(parts)}


def _shared_markets(params: Params, context: Params) -> str:
    return _("Both are active in %(markets)s.") % {
        "markets": words_list([market_name(market) for market in params["markets"]])
    }


def _other_cluster(params: Params, context: Params) -> str:
    cluster = (context.get("cluster_names") or {}).get(params.get("cluster_id"))
    if cluster:
        return _("%(partner)s belongs to another cluster, %(cluster)s.") % {
            "partner": params["partner"],
            "cluster": cluster,
        }
    return _("%(partner)s belongs to another cluster.") % {"partner": params["partner"]}


RENDERERS: dict[str, Callable[[Params, Params], str]] = {
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


def reason_text(
    code: str, params: Params, *, cluster_names: Mapping[int, str] | None = None
) -> str:
    """One reason as a sentence of the active language. A code this module does not know
    (stored by an older or newer engine) is said in general words, never in English."""
    renderer = RENDERERS.get(code)
    if renderer is None:
        return _("The two profiles fit each other.")
    try:
        return renderer(params, {"cluster_names": cluster_names or {}})
    except (KeyError, TypeError, ValueError):  # parameters of another engine version
        return _("The two profiles fit each other.")


def reason_sentences(
    reasons: Iterable[Reason | Mapping[str, Any]],
    *,
    cluster_names: Mapping[int, str] | None = None,
) -> list[str]:
    """The sentences of the engine's reasons or of stored ones (``{"code", "params"}``)."""
    sentences = []
    for item in reasons:
        if isinstance(item, Reason):
            code, params = item.code, item.params
        else:
            code, params = item.get("code", ""), item.get("params") or {}
        sentences.append(reason_text(code, params, cluster_names=cluster_names))
    return sentences
