"""The plan: one demo cluster's organisations and contacts as plain data, no database."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from ..matching import Known, OrganisationIndex, name_key
from ..models import Category, Commitment, TurnoverBand
from .people import (
    IT_MEN,
    IT_SURNAMES,
    IT_WOMEN,
    TR_MEN,
    TR_SURNAMES,
    TR_WOMEN,
    Person,
    to_ascii,
)
from .spec import EDU, MED, OTH, RES, VC, Activity, ClusterSpec, District, Institution

# The registry as it stood at the close of 2025: no date in the demo lies after it.
REFERENCE_DATE = date(2025, 12, 31)


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

    def plan(self) -> list[DemoOrganisation]:
        organisations = [self._institution(item) for item in self.spec.institutions]
        for district in self.spec.districts:
            organisations += [self._firm(district) for _ in range(district.count)]
        self.rng.shuffle(organisations)  # so that records are not grouped by kind in id order
        self._commit(organisations)
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
        surname = rng.choice(IT_SURNAMES)
        form = rng.choices(*_ITALIAN_FORMS[_size_class(employees)])[0]
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
            surname = rng.choice(TR_SURNAMES)
            brand = _plural(surname) if rng.random() < 0.3 else surname
        elif pattern < 0.85:
            brand = rng.choice(district.fantasy)
        else:
            brand = "".join(rng.choice("ABCDEFGHKMNOPRSTUYZ") for _ in range(3))
        form = rng.choices(*_TURKISH_FORMS[_size_class(employees)])[0]
        return f"{brand} {rng.choice(activity.nouns)} {form}", surname

    # People

    def _person(self) -> Person:
        female = self.rng.random() < (0.45 if self.italian else 0.3)
        if self.italian:
            first = self.rng.choice(IT_WOMEN if female else IT_MEN)
            return Person(first, self.rng.choice(IT_SURNAMES), female)
        first = self.rng.choice(TR_WOMEN if female else TR_MEN)
        return Person(first, self.rng.choice(TR_SURNAMES), female)

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

    # Commitment

    def _commit(self, organisations: list[DemoOrganisation]) -> None:
        """Mark the committed and former participants: support bodies and bigger firms first."""
        rng = self.rng
        ordered = sorted(
            range(len(organisations)),
            key=lambda i: rng.random() ** (1 / _commitment_weight(organisations[i].fields)),
            reverse=True,
        )
        committed = ordered[: self.spec.committed]
        former = ordered[self.spec.committed : self.spec.committed + self.spec.former]
        founded: date = self.spec.cluster["founded_on"]
        for i in sorted(committed):
            fields = organisations[i].fields
            earliest = max(founded, date(fields["founding_year"], 1, 1))
            signed = _day_between(rng, earliest, REFERENCE_DATE - timedelta(days=40))
            fields.update(
                commitment=Commitment.COMMITTED,
                agreement_signed_on=signed,
                membership_start=_next_month(signed),
                membership_fee=Decimal(self._fee(fields)),
            )
        for i in sorted(former):
            fields = organisations[i].fields
            earliest = max(founded, date(fields["founding_year"], 1, 1))
            signed = _day_between(rng, earliest, REFERENCE_DATE - timedelta(days=3 * 365))
            start = _next_month(signed)
            end_year = min(REFERENCE_DATE.year - 1, start.year + rng.randint(1, 5))
            fields.update(
                commitment=Commitment.FORMER,
                agreement_signed_on=signed,
                membership_start=start,
                membership_end=date(end_year, 12, 31),
                membership_fee=Decimal(self._fee(fields)),
            )

    def _fee(self, fields: dict[str, Any]) -> int:
        category = fields["category"]
        if category in (Category.INDUSTRY_SME, Category.INDUSTRY_LARGE):
            return self.spec.fees[_size_class(fields["employees"])]
        return self.spec.fees[category]


_ITALIAN_FORMS = {
    "micro": (("S.n.c.", "S.a.s.", "S.r.l.", "S.r.l.s."), (30, 20, 35, 15)),
    "small": (("S.r.l.", "S.n.c.", "S.a.s.", "S.p.A."), (80, 8, 5, 7)),
    "medium": (("S.r.l.", "S.p.A."), (55, 45)),
    "large": (("S.p.A.", "S.r.l."), (85, 15)),
}
_TURKISH_FORMS = {
    "micro": (("San. ve Tic. Ltd. Şti.", "Ltd. Şti.", "San. Tic. Ltd. Şti."), (60, 25, 15)),
    "small": (("San. ve Tic. Ltd. Şti.", "San. Tic. Ltd. Şti.", "San. ve Tic. A.Ş."), (65, 15, 20)),
    "medium": (("San. ve Tic. Ltd. Şti.", "San. ve Tic. A.Ş."), (45, 55)),
    "large": (("San. ve Tic. A.Ş.", "A.Ş."), (80, 20)),
}


def _size_class(employees: int) -> str:
    if employees < 10:
        return "micro"
    if employees < 50:
        return "small"
    return "medium" if employees < 250 else "large"


def _turnover_band(thousand_euros: int) -> str:
    if thousand_euros <= 2_000:
        return TurnoverBand.UP_TO_2M
    if thousand_euros <= 10_000:
        return TurnoverBand.UP_TO_10M
    return TurnoverBand.UP_TO_50M if thousand_euros <= 50_000 else TurnoverBand.OVER_50M


def _commitment_weight(fields: dict[str, Any]) -> float:
    if fields["category"] not in (Category.INDUSTRY_SME, Category.INDUSTRY_LARGE):
        return 6.0
    return {"micro": 0.6, "small": 1.2, "medium": 2.5, "large": 4.0}[
        _size_class(fields["employees"])
    ]


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


def _day_between(rng: random.Random, first: date, last: date) -> date:
    if last <= first:
        return first
    return first + timedelta(days=rng.randrange((last - first).days + 1))


def _next_month(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def demo_plan(spec: ClusterSpec) -> list[DemoOrganisation]:
    """The organisations and contacts of one demo cluster, without touching the database."""
    return _Generator(spec).plan()
