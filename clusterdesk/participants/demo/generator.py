"""The plan: one demo cluster's organisations and contacts as plain data, no database."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from ..matching import Known, OrganisationIndex, name_key
from ..models import Category, Commitment, TurnoverBand
from .commitment import commit
from .people import Person, to_ascii
from .spec import (
    EDU,
    MED,
    OTH,
    RES,
    VC,
    Activity,
    ClusterSpec,
    District,
    Institution,
    size_class,
)
from .tables import legal_forms, person_names


@dataclass
class DemoOrganisation:
    fields: dict[str, Any]  # Organisation field → value
    codes: list[str]  # NACE Rev. 2
    phone_prefix: str
    contacts: list[dict[str, Any]] = field(default_factory=list)  # Contact field → value


class _Generator:
    """Draws one cluster's registry from its own seeded random source."""

    def __init__(self, spec: ClusterSpec) -> None:
        self.spec = spec
        self.rng = random.Random(spec.seed)
        self.index = OrganisationIndex()  # the import's duplicate rules keep names distinct
        self.vat_numbers: set[str] = set()
        self.italian = spec.language == "it"
        self.names = person_names(spec.language)
        self.forms = legal_forms(spec.language)

    def plan(self) -> list[DemoOrganisation]:
        organisations = [self._institution(item) for item in self.spec.institutions]
        for district in self.spec.districts:
            organisations += [self._firm(district) for _ in range(district.count)]
        self.rng.shuffle(organisations)  # so that records are not grouped by kind in id order
        commit(self.rng, self.spec, [organisation.fields for organisation in organisations])
        return organisations

    # Organisations

    def _firm(self, district: District) -> DemoOrganisation:
        rng = self.rng
        activity = rng.choices(district.activities, [a.weight for a in district.activities])[0]
        city = rng.choices([p for p, _ in district.places], [w for _, w in district.places])[0]
        employees = self._employees()
        surname = ""
        for _ in range(200):
            if self.italian:
                name, surname = self._italian_name(district, activity, employees)
            else:
                name, surname = self._turkish_name(district, activity, employees)
            domain = self._domain(name_key(name))
            if self.index.find(name=name, website=domain) is None:
                break
        else:  # pragma: no cover - the name lists are far larger than any cluster
            raise RuntimeError("The demo name lists ran out of distinct names.")
        founded = self._founding_year()
        share = rng.randint(*activity.export)
        codes = [activity.codes[0]] + [c for c in activity.codes[1:] if rng.random() < 0.5]
        tags = rng.sample(activity.tags, k=min(len(activity.tags), rng.randint(1, 3)))
        if not self.italian and share > 30 and "export" not in tags:
            tags.append("export")
        most = min(len(activity.technologies), 1 + (employees >= 10) + (employees >= 50))
        technologies = rng.sample(activity.technologies, k=rng.randint(0, most))
        category = Category.INDUSTRY_LARGE if employees >= 250 else Category.INDUSTRY_SME
        organisation = self._organisation(
            name=name,
            category=category,
            city=city,
            domain=domain,
            codes=codes,
            employees=employees,
            founded=founded,
            position=activity.position,
            description=self._description(activity.description, founded, share),
            tags=tags,
            technologies=technologies,
            export_share=Decimal(share),
        )
        organisation.contacts = self._contacts(organisation, "company", domain, surname)
        return organisation

    def _institution(self, item: Institution) -> DemoOrganisation:
        domain = f"{item.domain}.{self.spec.domain_suffix}"
        tags = self.rng.sample(self.spec.category_tags[item.category], k=2)
        position = {RES: VC.RESEARCH, EDU: VC.RESEARCH, MED: VC.SERVICES, OTH: VC.SERVICES}.get(
            item.category, VC.SUPPORT
        )
        organisation = self._organisation(
            name=item.name,
            category=item.category,
            city=item.city,
            domain=domain,
            codes=list(item.codes),
            employees=item.employees,
            founded=item.founded,
            position=position,
            description=self.spec.category_text[item.category],
            tags=tags,
            technologies=[],
            export_share=None,
        )
        organisation.contacts = self._contacts(organisation, item.category, domain, "")
        return organisation

    def _organisation(
        self,
        *,
        name: str,
        category: str,
        city: str,
        domain: str,
        codes: list[str],
        employees: int,
        founded: int,
        position: str,
        description: str,
        tags: list[str],
        technologies: list[str],
        export_share: Decimal | None,
    ) -> DemoOrganisation:
        prefix, region = self.spec.phones[city]
        vat_number = self._vat_number()
        self.index.add(Known(len(self.vat_numbers), name, vat_number, domain))
        turnover = ""
        if category not in (Category.PUBLIC_BODY, Category.EDUCATION):
            turnover = _turnover_band(employees * self.rng.randint(*self.spec.turnover_per_head))
        fields = {
            "name": name,
            "legal_name": name,
            "vat_number": vat_number,
            "category": category,
            "country": self.spec.country,
            "region": region,
            "city": city,
            "website": f"https://{domain}",
            "tags": tags,
            "technologies": technologies,
            "employees": employees,
            "turnover_band": turnover,
            "export_share": export_share,
            "founding_year": founded,
            "value_chain_position": position,
            "description": description,
            "commitment": Commitment.NOT_COMMITTED,
        }
        return DemoOrganisation(fields, sorted(codes), prefix)

    def _employees(self) -> int:
        low, high = self.rng.choices(((3, 9), (10, 49), (50, 249), (250, 600)), (44, 43, 11, 2))[0]
        return round(self.rng.triangular(low, high, low))  # firms crowd at the small end

    def _founding_year(self) -> int:
        low, high = self.spec.founded
        return int(self.rng.triangular(low, high, high - (high - low) // 4))

    def _description(self, text: str, founded: int, share: int) -> str:
        if self.italian:
            market = (
                f"esporta il {share}% del fatturato" if share else "lavora per il mercato italiano"
            )
            return f"{text} Attiva dal {founded}; {market}."
        market = f"İhracat payı: %{share}." if share else "Yurt içi pazara çalışıyor."
        return f"{text} {founded} yılında kuruldu. {market}"

    def _domain(self, key: str) -> str:
        words = [word for word in key.split() if len(word) > 1]
        label = "-".join(words)[:50].rstrip("-")
        return f"{label}.{self.spec.domain_suffix}"

    def _vat_number(self) -> str:
        while True:
            if self.italian:
                # Eleven digits whose last is the Luhn check digit, as in Italian VAT numbers.
                body = f"0{self.rng.randrange(10**9):09d}"
                number = f"IT{body}{_luhn_check_digit(body)}"
            else:
                number = str(self.rng.randrange(10**9, 10**10))  # a Turkish 10-digit tax number
            if number not in self.vat_numbers:
                self.vat_numbers.add(number)
                return number

    # Names

    def _italian_name(
        self, district: District, activity: Activity, employees: int
    ) -> tuple[str, str]:
        rng = self.rng
        noun, gender = rng.choice(activity.nouns).split("/")
        surname = rng.choice(self.names.surnames)
        form = rng.choices(*self.forms[size_class(employees)])[0]
        pattern = rng.random()
        if pattern < 0.42:
            base = f"{noun} {surname}"
        elif pattern < 0.55:
            base = f"{noun} {surname}" if gender == "b" else f"{noun} F.lli {surname}"
        elif pattern < 0.72:
            base = f"{surname} {activity.goods}"
        elif pattern < 0.88 or gender in ("p", "b"):
            base, surname = f"{noun} {rng.choice(district.fantasy)}", ""
        else:
            masculine, feminine = rng.choice(district.adjectives)
            adjective = feminine if gender == "f" else masculine
            new = ("Nuova " if gender == "f" else "Nuovo ") if rng.random() < 0.25 else ""
            base, surname = f"{new}{noun} {adjective}", ""
        if surname and form in ("S.n.c.", "S.a.s.") and rng.random() < 0.6:
            base += " & C."
        return f"{base} {form}", surname

    def _turkish_name(
        self, district: District, activity: Activity, employees: int
    ) -> tuple[str, str]:
        rng = self.rng
        surname = ""
        pattern = rng.random()
        if pattern < 0.35:
            surname = rng.choice(self.names.surnames)
            brand = _plural(surname) if rng.random() < 0.3 else surname
        elif pattern < 0.85:
            brand = rng.choice(district.fantasy)
        else:
            brand = "".join(rng.choice("ABCDEFGHKMNOPRSTUYZ") for _ in range(3))
        form = rng.choices(*self.forms[size_class(employees)])[0]
        return f"{brand} {rng.choice(activity.nouns)} {form}", surname

    # People

    def _person(self) -> Person:
        female = self.rng.random() < (0.45 if self.italian else 0.3)
        first = self.rng.choice(self.names.women if female else self.names.men)
        return Person(first, self.rng.choice(self.names.surnames), female)

    def _contacts(
        self, organisation: DemoOrganisation, kind: str, domain: str, family: str
    ) -> list[dict[str, Any]]:
        rng = self.rng
        prefix = organisation.phone_prefix
        count = rng.choices((1, 2, 3), (35, 40, 25))[0]
        titles = [rng.choice(self.spec.lead_titles[kind])]
        titles += rng.sample(self.spec.titles[kind], k=min(count - 1, len(self.spec.titles[kind])))
        contacts: list[dict[str, Any]] = []
        emails: set[str] = set()
        for position, title_pair in enumerate(titles):
            person = self._person()
            if position == 0 and family and rng.random() < 0.7:
                person = Person(person.first, family, person.female)  # the family firm's owner
            title = title_pair.split("|")
            local = (
                f"{to_ascii(person.first)}.{to_ascii(person.last)}"
                if rng.random() < 0.75
                else f"{to_ascii(person.first)[0]}.{to_ascii(person.last)}"
            )
            email = f"{local}@{domain}" if rng.random() < 0.95 and local not in emails else ""
            emails.add(local)
            newsletter = bool(email) and rng.random() < 0.65
            contacts.append(
                {
                    "first_name": person.first,
                    "last_name": person.last,
                    "job_title": title[-1] if person.female else title[0],
                    "email": email,
                    "phone": self._phone(prefix) if rng.random() < 0.85 else "",
                    "language": self.spec.language,
                    "consent_newsletter": newsletter,
                    "consent_publication": rng.random() < 0.4,
                }
            )
        return contacts

    def _phone(self, prefix: str) -> str:
        rng = self.rng
        if self.italian:
            if rng.random() < 0.3:
                return f"+39 {rng.choice(self.spec.mobiles)} {rng.randrange(10**6, 10**7)}"
            digits = 10 - len(prefix)
            return f"+39 {prefix} {rng.randrange(10 ** (digits - 1), 10**digits)}"
        lead = rng.choice(self.spec.mobiles) if rng.random() < 0.4 else prefix
        number = f"{rng.randrange(2000000, 10**7)}"
        return f"+90 {lead} {number[:3]} {number[3:5]} {number[5:]}"


def _turnover_band(thousand_euros: int) -> str:
    if thousand_euros <= 2_000:
        return TurnoverBand.UP_TO_2M
    if thousand_euros <= 10_000:
        return TurnoverBand.UP_TO_10M
    return TurnoverBand.UP_TO_50M if thousand_euros <= 50_000 else TurnoverBand.OVER_50M


def _plural(word: str) -> str:
    """Turkish plural by vowel harmony: "Yılmaz" → "Yılmazlar", "Demir" → "Demirler"."""
    vowels = [ch for ch in word.lower() if ch in "aıoueiöü"]
    return word + ("lar" if vowels and vowels[-1] in "aıou" else "ler")


def _luhn_check_digit(digits: str) -> int:
    total = 0
    for position, char in enumerate(digits):
        value = int(char)
        if position % 2:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return (10 - total % 10) % 10


def demo_plan(spec: ClusterSpec) -> list[DemoOrganisation]:
    """The organisations and contacts of one demo cluster, without touching the database."""
    return _Generator(spec).plan()
