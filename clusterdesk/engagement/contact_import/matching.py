"""Who a calendar attendee is: a member of the team, a known contact of a participant, someone
at a participant's e-mail domain, or nobody we know. Pure computation, no Django: it takes
plain records and answers per address, so thousands of events are matched without a query."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

# Addresses anyone can have: a domain here says nothing about an organisation.
PUBLIC_MAIL_DOMAINS = frozenset(
    {
        "gmail.com",
        "googlemail.com",
        "outlook.com",
        "icloud.com",
        "me.com",
        "mac.com",
        "aol.com",
        "msn.com",
        "proton.me",
        "protonmail.com",
        "pm.me",
        "gmx.com",
        "gmx.net",
        "gmx.de",
        "web.de",
        "mail.com",
        "zoho.com",
        "yandex.com",
        "yandex.ru",
        "mail.ru",
        "libero.it",
        "virgilio.it",
        "alice.it",
        "tin.it",
        "tiscali.it",
        "fastwebnet.it",
        "email.it",
        "inwind.it",
        "pec.it",
        "legalmail.it",
        "arubapec.it",
        "telefonica.net",
        "movistar.es",
        "terra.es",
        "orange.fr",
        "wanadoo.fr",
        "free.fr",
        "laposte.net",
        "t-online.de",
        "yaani.com",
        "mynet.com",
        "ttmail.com",
        "superonline.com",
    }
)
# Providers with a domain per country: hotmail.it, yahoo.es, outlook.com.tr, live.co.uk…
PUBLIC_MAIL_PROVIDERS = frozenset({"hotmail", "yahoo", "ymail", "live", "outlook", "windowslive"})

# Websites on shared platforms: the host says nothing about whose site it is.
SHARED_WEBSITE_HOSTS = frozenset(
    {
        "facebook.com",
        "linkedin.com",
        "instagram.com",
        "google.com",
        "wixsite.com",
        "wordpress.com",
        "blogspot.com",
        "business.site",
        "jimdofree.com",
        "altervista.org",
    }
)

VIDEO_LINK = re.compile(
    r"(?:teams\.microsoft\.com|teams\.live\.com|meet\.google\.com|(?:[\w-]+\.)?zoom\.us)/",
    re.IGNORECASE,
)


def has_video_link(*texts: str) -> bool:
    return any(VIDEO_LINK.search(text) for text in texts if text)


def email_domain(address: str) -> str:
    return address.rpartition("@")[2].strip().lower().rstrip(".")


def is_public_domain(domain: str) -> bool:
    domain = domain.lower()
    return domain in PUBLIC_MAIL_DOMAINS or domain.split(".")[0] in PUBLIC_MAIL_PROVIDERS


def website_domain(url: str) -> str:
    url = (url or "").strip().lower()
    if not url:
        return ""
    if "://" not in url:
        url = "http://" + url
    return (urlsplit(url).hostname or "").removeprefix("www.")


def _parent_domains(domain: str) -> list[str]:
    """office.tecnotessile.it → office.tecnotessile.it, tecnotessile.it (never bare "it")."""
    labels = domain.split(".")
    return [".".join(labels[start:]) for start in range(len(labels) - 1)]


@dataclass(frozen=True)
class KnownOrganisation:
    id: int
    name: str
    website: str = ""


@dataclass(frozen=True)
class KnownPerson:
    """A contact of a participant, as the registry knows them."""

    id: int
    organisation_id: int
    name: str
    email: str


@dataclass(frozen=True)
class TeamMember:
    id: int
    name: str
    email: str


# How an address was matched.
TEAM, EMAIL, DOMAIN, PUBLIC, COLLEAGUE, AMBIGUOUS, UNKNOWN = (
    "team",
    "email",
    "domain",
    "public",
    "colleague",
    "ambiguous",
    "unknown",
)


@dataclass(frozen=True)
class AddressMatch:
    address: str
    rule: str
    organisation: KnownOrganisation | None = None
    person: KnownPerson | None = None
    member: TeamMember | None = None
    domain: str = ""
    candidates: tuple[str, ...] = ()  # names of the organisations sharing an ambiguous domain


@dataclass
class AttendeeIndex:
    organisations: dict[int, KnownOrganisation] = field(default_factory=dict)
    by_email: dict[str, KnownPerson] = field(default_factory=dict)
    team_by_email: dict[str, TeamMember] = field(default_factory=dict)
    team_domains: set[str] = field(default_factory=set)
    # domain → organisations whose website is there / whose contacts write from there
    by_website: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    by_contact_domain: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))

    @classmethod
    def build(
        cls,
        organisations: Iterable[KnownOrganisation],
        people: Iterable[KnownPerson],
        team: Iterable[TeamMember],
    ) -> AttendeeIndex:
        index = cls()
        for organisation in organisations:
            index.organisations[organisation.id] = organisation
            domain = website_domain(organisation.website)
            shared = any(
                domain == host or domain.endswith("." + host) for host in SHARED_WEBSITE_HOSTS
            )
            if domain and not shared and not is_public_domain(domain):
                index.by_website[domain].add(organisation.id)
        for member in team:
            email = member.email.strip().lower()
            index.team_by_email[email] = member
            domain = email_domain(email)
            if domain and not is_public_domain(domain):
                index.team_domains.add(domain)
        for person in people:
            email = person.email.strip().lower()
            if not email or person.organisation_id not in index.organisations:
                continue
            index.by_email.setdefault(email, person)
            domain = email_domain(email)
            if domain and not is_public_domain(domain) and domain not in index.team_domains:
                index.by_contact_domain[domain].add(person.organisation_id)
        return index

    def match(self, address: str) -> AddressMatch:
        address = address.strip().lower()
        if member := self.team_by_email.get(address):
            return AddressMatch(address, TEAM, member=member)
        if person := self.by_email.get(address):
            return AddressMatch(
                address,
                EMAIL,
                organisation=self.organisations[person.organisation_id],
                person=person,
            )
        domain = email_domain(address)
        if not domain:
            return AddressMatch(address, UNKNOWN)
        if is_public_domain(domain):
            return AddressMatch(address, PUBLIC, domain=domain)
        if domain in self.team_domains:
            return AddressMatch(address, COLLEAGUE, domain=domain)
        for candidate in _parent_domains(domain):
            # The website names an organisation more surely than where its contacts write from
            # (a consultant's domain may appear on several participants' contacts).
            owners = self.by_website.get(candidate) or self.by_contact_domain.get(candidate)
            if not owners:
                continue
            if len(owners) == 1:
                organisation = self.organisations[next(iter(owners))]
                return AddressMatch(address, DOMAIN, organisation=organisation, domain=candidate)
            names = tuple(sorted(self.organisations[pk].name for pk in owners))
            return AddressMatch(address, AMBIGUOUS, domain=candidate, candidates=names)
        return AddressMatch(address, UNKNOWN, domain=domain)
