"""Web presence, social channels and success stories: how the cluster is seen.

The indicator helpers at the top take plain data (E2, E3); the reads and writes below call
them. Thresholds are the SPEC framework's defaults, shown beside the figures.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any
from urllib.parse import urlsplit

from django.utils import timezone
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _

from clusterdesk.engagement.models import SocialChannel, SuccessStory, WebPresence
from clusterdesk.engagement.rules import not_in_future, same_cluster_problems
from clusterdesk.lib.errors import DomainError, raise_first
from clusterdesk.lib.periods import last_months
from clusterdesk.participants.matching import name_key
from clusterdesk.participants.models import Organisation
from clusterdesk.tenancy.models import Cluster

from .finance import (
    EXCELLENT,
    MET,
    NOT_MET,
    UNKNOWN,
)
from .records import links_replace, merged_values, record_create, record_delete, record_update

# --------------------------------------------------------------------------- languages

# ISO 639-1: the two-letter codes of languages.
LANGUAGE_CODES = frozenset(
    """
    aa ab ae af ak am an ar as av ay az ba be bg bi bm bn bo br bs ca ce ch co cr cs cu cv cy
    da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht
    hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky
    la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny
    oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss
    st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo
    za zh zu
    """.split()
)
ENGLISH = "en"


def language_name(code: str) -> str:
    """The language's name in the reader's language where Django knows it, else its code."""
    try:
        return str(get_language_info(code)["name_translated"])
    except KeyError:
        return code


def language_problems(codes: Iterable[str], field: str = "languages") -> list[tuple[str, str]]:
    unknown = [code for code in codes if code not in LANGUAGE_CODES]
    if unknown:
        return [
            (
                field,
                _("“%(codes)s” is not a language code. Use two-letter codes such as it, en, tr.")
                % {"codes": ", ".join(unknown)},
            )
        ]
    return []


def normalise_languages(codes: Iterable[str]) -> list[str]:
    result: list[str] = []
    for code in codes:
        code = code.strip().lower()
        if code and code not in result:
            result.append(code)
    return result


# --------------------------------------------------------------------------- indicators

E2_MONTHS = 24
E2_MET_STORIES = 3
E3_RECENT_DAYS = 90


@dataclass(frozen=True)
class SiteFacts:
    languages: tuple[str, ...]
    last_updated_on: date | None
    has_contact: bool


def site_problems_for_e3(site: SiteFacts, *, today: date) -> list[str]:
    """Why a site does not count for E3 (empty: it counts): updated in the last 90 days (90
    days ago still counts) and with a way to contact."""
    reasons = []
    if site.last_updated_on is None:
        reasons.append(_("The date of its last update is not known."))
    elif site.last_updated_on < today - timedelta(days=E3_RECENT_DAYS):
        reasons.append(_("Not updated in the last %(days)s days.") % {"days": E3_RECENT_DAYS})
    if not site.has_contact:
        reasons.append(_("No contact page."))
    return reasons


CURRENT, STALE, MISSING = "current", "stale", "missing"


@dataclass(frozen=True)
class LanguageCoverage:
    code: str
    state: str  # CURRENT: on a site that counts; STALE: only on sites that do not; MISSING

    @property
    def name(self) -> str:
        return language_name(self.code)


@dataclass(frozen=True)
class WebPresenceCheck:
    required: tuple[LanguageCoverage, ...]  # the local languages and English
    targets: tuple[LanguageCoverage, ...]  # the target markets' other languages
    local_languages_known: bool

    @property
    def status(self) -> str:
        """E3: met when sites that count cover every local language and English; excellent
        when they also cover the target markets' languages (at least one recorded)."""
        if not self.local_languages_known:
            return UNKNOWN
        if any(language.state != CURRENT for language in self.required):
            return NOT_MET
        if self.targets and all(language.state == CURRENT for language in self.targets):
            return EXCELLENT
        return MET


def web_presence_check(
    sites: Sequence[SiteFacts],
    *,
    local_languages: Sequence[str],
    target_languages: Sequence[str],
    today: date,
) -> WebPresenceCheck:
    counted = {
        code
        for site in sites
        if not site_problems_for_e3(site, today=today)
        for code in site.languages
    }
    anywhere = {code for site in sites for code in site.languages}

    def coverage(code: str) -> LanguageCoverage:
        state = CURRENT if code in counted else STALE if code in anywhere else MISSING
        return LanguageCoverage(code, state)

    required = normalise_languages([*local_languages, ENGLISH])
    targets = [code for code in normalise_languages(target_languages) if code not in required]
    return WebPresenceCheck(
        required=tuple(coverage(code) for code in required),
        targets=tuple(coverage(code) for code in targets),
        local_languages_known=bool(normalise_languages(local_languages)),
    )


def complete_recent_stories(stories: Iterable[tuple[date | None, bool]], *, today: date) -> int:
    """E2: stories published in the last 24 months (from the day after the same day 24 months
    ago through today, as every "last N months") that state all four of the guide's points."""
    window = last_months(today, E2_MONTHS)
    return sum(1 for published_on, complete in stories if complete and published_on in window)


def stories_status(count: int) -> str:
    return MET if count >= E2_MET_STORIES else NOT_MET


# --------------------------------------------------------------------------- rules

SITE_FIELDS = ["url", "languages", "last_updated_on", "contact_page_url"]
CHANNEL_FIELDS = ["network", "url"]
STORY_FIELDS = [
    "title",
    "text",
    "published_on",
    "complexity",
    "impact_on_participants",
    "objectives_achieved",
    "sustainability",
]
STORY_POINTS = ("complexity", "impact_on_participants", "objectives_achieved", "sustainability")


def url_problems(url: str | None, field: str) -> list[tuple[str, str]]:
    if not url:
        return []
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return [(field, _("Give a web address that starts with http:// or https://."))]
    return []


def site_problems(data: Mapping[str, Any], *, today: date) -> list[tuple[str, str]]:
    problems: list[tuple[str, str]] = []
    if not data.get("url"):
        problems.append(("url", _("Give the site's address.")))
    problems += url_problems(data.get("url"), "url")
    problems += url_problems(data.get("contact_page_url"), "contact_page_url")
    problems += language_problems(data.get("languages") or [])
    problems += not_in_future(data.get("last_updated_on"), "last_updated_on", today=today)
    return problems


def channel_problems(data: Mapping[str, Any]) -> list[tuple[str, str]]:
    problems: list[tuple[str, str]] = []
    if not (data.get("network") or "").strip():
        problems.append(("network", _("Name the network, e.g. LinkedIn.")))
    if not data.get("url"):
        problems.append(("url", _("Give the channel's address.")))
    problems += url_problems(data.get("url"), "url")
    return problems


def story_problems(data: Mapping[str, Any], *, today: date) -> list[tuple[str, str]]:
    problems: list[tuple[str, str]] = []
    if not (data.get("title") or "").strip():
        problems.append(("title", _("Give the story a title.")))
    if not (data.get("text") or "").strip():
        problems.append(("text", _("Tell the story.")))
    published = data.get("published_on")
    if published and published > today:
        problems.append(
            (
                "published_on",
                _(
                    "The publication date is in the future. Leave it empty until the story "
                    "is published."
                ),
            )
        )
    return problems


# --------------------------------------------------------------------------- reads


def web_presence(cluster: Cluster, *, today: date) -> tuple[list[WebPresence], WebPresenceCheck]:
    sites = list(WebPresence.objects.for_cluster(cluster).order_by("url"))
    facts = [site_facts(site) for site in sites]
    for site, fact in zip(sites, facts, strict=True):
        site.e3_problems = site_problems_for_e3(fact, today=today)  # type: ignore[attr-defined]
    check = web_presence_check(
        facts,
        local_languages=cluster.local_languages or [],
        target_languages=cluster.target_market_languages or [],
        today=today,
    )
    return sites, check


def site_facts(site: WebPresence) -> SiteFacts:
    return SiteFacts(
        languages=tuple(site.languages or ()),
        last_updated_on=site.last_updated_on,
        has_contact=bool(site.contact_page_url),
    )


def stories_count(cluster: Cluster, *, today: date) -> int:
    """E2, counted over the stories of the window only (a handful a year)."""
    stories = SuccessStory.objects.for_cluster(cluster).filter(
        published_on__range=last_months(today, E2_MONTHS).range
    )
    return complete_recent_stories(
        ((story.published_on, story.is_complete) for story in stories.only(*STORY_FIELDS)),
        today=today,
    )


def participant_by_name(cluster: Cluster, name: str) -> Organisation:
    """The participant of this cluster with this name (compared as the registry compares
    names), or a DomainError saying why not."""
    matches = list(
        Organisation.objects.for_cluster(cluster)
        .filter(name_key=name_key(name))
        .only("id", "name")[:2]
    )
    if not matches:
        raise DomainError(
            _(
                "No participant of this cluster is called “%(name)s”. "
                "Pick a name from the suggestions."
            )
            % {"name": name},
            field="add_participant",
        )
    if len(matches) > 1:
        raise DomainError(
            _("Several participants are called “%(name)s”. Type more of the name.")
            % {"name": name},
            field="add_participant",
        )
    return matches[0]


# --------------------------------------------------------------------------- writes


def _clean_site(data: Mapping[str, Any]) -> dict[str, Any]:
    cleaned = {name: data[name] for name in SITE_FIELDS if name in data}
    if "languages" in cleaned:
        cleaned["languages"] = normalise_languages(cleaned["languages"] or [])
    for name in ("url", "contact_page_url"):
        if name in cleaned:
            cleaned[name] = (cleaned[name] or "").strip()
    return cleaned


def web_presence_create(
    *, cluster: Cluster, actor: Any, data: Mapping[str, Any], source: str = "web"
) -> WebPresence:
    cleaned = _clean_site(data)
    raise_first(site_problems(cleaned, today=timezone.localdate()))
    return record_create(
        model=WebPresence,
        cluster=cluster,
        actor=actor,
        data=cleaned,
        fields=SITE_FIELDS,
        source=source,
    )


def web_presence_update(
    *, site: WebPresence, actor: Any, data: Mapping[str, Any], source: str = "web"
) -> WebPresence:
    cleaned = _clean_site(data)
    merged = merged_values(site, cleaned, SITE_FIELDS)
    raise_first(site_problems(merged, today=timezone.localdate()))
    return record_update(
        instance=site, actor=actor, data=cleaned, fields=SITE_FIELDS, source=source
    )


def web_presence_delete(*, site: WebPresence, actor: Any, source: str = "web") -> None:
    record_delete(instance=site, actor=actor, source=source)


def social_channel_create(
    *, cluster: Cluster, actor: Any, data: Mapping[str, Any], source: str = "web"
) -> SocialChannel:
    cleaned = {name: (data.get(name) or "").strip() for name in CHANNEL_FIELDS}
    raise_first(channel_problems(cleaned))
    return record_create(
        model=SocialChannel,
        cluster=cluster,
        actor=actor,
        data=cleaned,
        fields=CHANNEL_FIELDS,
        source=source,
    )


def social_channel_delete(*, channel: SocialChannel, actor: Any, source: str = "web") -> None:
    record_delete(instance=channel, actor=actor, source=source)


def _clean_story(data: Mapping[str, Any]) -> dict[str, Any]:
    cleaned = {name: data[name] for name in STORY_FIELDS if name in data}
    for name in STORY_FIELDS:
        if name != "published_on" and name in cleaned:
            cleaned[name] = (cleaned[name] or "").strip()
    return cleaned


def success_story_create(
    *,
    cluster: Cluster,
    actor: Any,
    data: Mapping[str, Any],
    participants: Sequence[Organisation] = (),
    source: str = "web",
) -> SuccessStory:
    cleaned = _clean_story(data)
    raise_first(story_problems(cleaned, today=timezone.localdate()))
    raise_first(same_cluster_problems(cluster.pk, list(participants), "participants"))
    return record_create(
        model=SuccessStory,
        cluster=cluster,
        actor=actor,
        data=cleaned,
        fields=STORY_FIELDS,
        source=source,
        related=lambda story: links_replace(
            story.participants, before=None, after=participants, name="participants"
        ),
    )


def success_story_update(
    *,
    story: SuccessStory,
    actor: Any,
    data: Mapping[str, Any],
    participants: Sequence[Organisation] | None = None,
    source: str = "web",
) -> SuccessStory:
    """Change a story; ``participants`` replaces those involved (None keeps them)."""
    cleaned = _clean_story(data)
    merged = merged_values(story, cleaned, STORY_FIELDS)
    raise_first(story_problems(merged, today=timezone.localdate()))
    if participants is not None:
        raise_first(same_cluster_problems(story.cluster_id, list(participants), "participants"))
    involved = list(story.participants.all())
    return record_update(
        instance=story,
        actor=actor,
        data=cleaned,
        fields=STORY_FIELDS,
        source=source,
        related=lambda story: links_replace(
            story.participants, before=involved, after=participants, name="participants"
        ),
    )


def success_story_delete(*, story: SuccessStory, actor: Any, source: str = "web") -> None:
    record_delete(instance=story, actor=actor, source=source)
