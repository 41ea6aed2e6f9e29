"""The golden scenario: a small cluster whose every indicator was computed by hand.

The cluster (assessed on 15 June 2026, founded on 15 June 2022, local language Italian,
target-market languages English and German) has:

- 20 current participants and 1 former one. Committed (16): nine SMEs (Alfa, Beta, Gamma,
  Delta, Epsilon, Zeta, Eta, Theta, Iota), two large firms (Kappa, Lambda), a research lab (Mu),
  an academy (Nu), a chamber (Xi, intermediary), the region (Omicron, public body) and a bank
  (Pi, finance). Not committed (4): two SMEs (Rho, Sigma), a large firm (Tau), a media agency
  (Upsilon). Former: Phi, an SME with contacts and involvements that must never count.
- Personal contacts with 12 participants in the last 12 months (16 June 2025 – 15 June 2026),
  one just before it, one just after the assessment date, some long ago.
- Activities in three of the last four quarters (Q4 2025 is empty), an international trade-fair
  stand, active and passive involvements of various days, some outside the window.
- Five working groups: two active, one too small, one that last met a day too early, one that
  starts after the assessment date.
- A management team of three in post (2.0 FTE) with training records, job descriptions, and a
  communication post that stood empty for 62 days; one person starting after the date.
- Governance: profile, a recent assembly, a board with only half from industry, a scientific
  board (5 of 6 points).
- Budget lines for 2025 (the last closed year), funding commitments covering exactly 24 months
  (one starting after the assessment date, seamlessly), a strategy updated in March 2025, plan
  actions for 2026 and 2025 (one 2025 result not reported), success stories, two websites, and
  questionnaire answers for the survey (E1) and the service areas (D4).

Every expected number below is written by hand, with its reasoning; nothing is computed by
calling the engine.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from types import SimpleNamespace

import pytest

from clusterdesk.benchmarking.services import answer_give, assessment_run
from clusterdesk.engagement.models import (
    Activity,
    ActivityKind,
    BoardMember,
    BudgetLine,
    Committee,
    CommitteeKind,
    FundingCommitment,
    GeneralAssembly,
    Governance,
    Involvement,
    InvolvementRole,
    PersonalContact,
    PlanAction,
    StaffMember,
    StrategyDocument,
    SuccessStory,
    TrainingRecord,
    WebPresence,
    WorkingGroup,
)
from clusterdesk.participants.models import Category, Commitment
from clusterdesk.testing.factories import ClusterFactory, OrganisationFactory, UserFactory

AS_OF = date(2026, 6, 15)
day = date.fromisoformat
SME, LARGE = Category.INDUSTRY_SME, Category.INDUSTRY_LARGE
COMMITTED, NOT_COMMITTED = Commitment.COMMITTED, Commitment.NOT_COMMITTED
ACTIVE, PASSIVE = InvolvementRole.ACTIVE, InvolvementRole.PASSIVE
MEETING = ActivityKind.WORKING_GROUP_MEETING

PARTICIPANTS = [
    ("Alfa Filati", SME, COMMITTED), ("Beta Tessuti", SME, COMMITTED),
    ("Gamma Moda", SME, COMMITTED), ("Delta Tinture", SME, COMMITTED),
    ("Epsilon Maglie", SME, COMMITTED), ("Zeta Bottoni", SME, COMMITTED),
    ("Eta Cuciture", SME, COMMITTED), ("Theta Stampa", SME, COMMITTED),
    ("Iota Pellami", SME, COMMITTED), ("Kappa Group", LARGE, COMMITTED),
    ("Lambda Industries", LARGE, COMMITTED), ("Mu Lab", Category.RESEARCH, COMMITTED),
    ("Nu Academy", Category.EDUCATION, COMMITTED), ("Xi Chamber", Category.INTERMEDIARY, COMMITTED),
    ("Omicron Region", Category.PUBLIC_BODY, COMMITTED), ("Pi Bank", Category.FINANCE, COMMITTED),
    ("Rho Design", SME, NOT_COMMITTED), ("Sigma Textiles", SME, NOT_COMMITTED),
    ("Tau Mills", LARGE, NOT_COMMITTED), ("Upsilon Media", Category.MARKETING_MEDIA, NOT_COMMITTED),
    ("Phi Former", SME, Commitment.FORMER),
]  # fmt: skip


def build_golden_cluster() -> SimpleNamespace:
    cluster = ClusterFactory(
        name="Golden Textile Cluster",
        slug="golden",
        founded_on=day("2022-06-15"),
        local_languages=["it"],
        target_market_languages=["en", "de"],
    )

    def make(model, **fields):  # type: ignore[no-untyped-def]
        return model.objects.create(cluster=fields.pop("cluster", cluster), **fields)

    person = UserFactory(full_name="Anna Verdi", email="anna@golden.example")
    org = {
        name.split()[0]: OrganisationFactory(
            cluster=cluster, name=name, category=category, commitment=commitment
        )
        for name, category, commitment in PARTICIPANTS
    }

    # --- another cluster's records: they must never count here
    other = ClusterFactory(slug="elsewhere")
    stranger = OrganisationFactory(cluster=other, name="Alfa Elsewhere", commitment=COMMITTED)
    make(PersonalContact, cluster=other, organisation=stranger, kind="visit", date=AS_OF)

    # --- personal contacts
    for key, on in [
        ("Alfa", "2025-09-01"), ("Alfa", "2026-06-15"),  # on the assessment date: inside
        ("Beta", "2025-06-16"),  # first day of the window: inside
        ("Gamma", "2026-01-10"), ("Delta", "2025-11-05"), ("Epsilon", "2026-02-20"),
        ("Kappa", "2026-03-03"), ("Lambda", "2025-08-18"), ("Mu", "2026-04-14"),
        ("Nu", "2025-10-07"), ("Xi", "2026-05-26"), ("Rho", "2025-12-12"),
        ("Upsilon", "2026-06-01"),
        ("Zeta", "2025-06-15"),  # a day before the window
        ("Eta", "2026-06-16"),  # a day after the assessment date
        ("Iota", "2024-11-01"), ("Tau", "2025-01-20"),
        ("Phi", "2026-03-01"),  # former participant
    ]:  # fmt: skip
        make(PersonalContact, organisation=org[key], kind="visit", date=day(on))

    # --- working groups
    def group(name: str, members: list[str], started_on: date | None = None) -> WorkingGroup:
        wg = make(WorkingGroup, name=name, started_on=started_on)
        wg.members.set([org[key] for key in members])
        return wg

    circular = group("Circular textiles", ["Alfa", "Beta", "Kappa", "Mu"])
    digital = group("Digital fashion", ["Gamma", "Delta", "Lambda"])
    dyeing = group("Smart dyeing", ["Epsilon", "Nu"])
    export = group("Export", ["Zeta", "Eta", "Theta", "Iota", "Xi"])
    group("Future materials", ["Alfa", "Beta", "Gamma"], started_on=day("2026-07-01"))

    # --- activities and involvements (an involvement carries its activity's start)
    def activity(title, kind, on, working_group=None, international=False, **extra):  # type: ignore[no-untyped-def]
        return make(
            Activity, kind=kind, title=title, starts_on=day(on), ends_on=day(on),
            working_group=working_group, is_international=international, **extra,
        )  # fmt: skip

    def involve(act: Activity, organisation, role: str, days: str) -> None:  # type: ignore[no-untyped-def]
        make(
            Involvement, cluster=act.cluster, activity=act, role=role, days=Decimal(days),
            organisation=org.get(organisation, organisation), starts_on=act.starts_on,
        )  # fmt: skip

    lyon = activity("Delegation to Lyon", ActivityKind.DELEGATION, "2025-06-10", None, True)
    export_june = activity("Export meeting June", MEETING, "2025-06-15", export)
    kickoff = activity("Digital fashion kick-off", MEETING, "2025-06-16", digital)
    wool = activity("Recycled wool project", "collaborative_project", "2025-09-15")
    munich = activity("Munich fabric fair", "joint_trade_fair", "2026-02-10", None, True)
    dye_meeting = activity("Smart dyeing meeting", MEETING, "2026-03-01", dyeing)
    seminar = activity("Traceability seminar", ActivityKind.SEMINAR, "2026-04-20")
    circular_may = activity("Circular textiles meeting", MEETING, "2026-05-12", circular)
    export_july = activity("Export meeting July", MEETING, "2026-07-01", export)
    other_fair = activity("Other fair", "joint_trade_fair", "2026-01-05", None, True, cluster=other)
    for act, key, role, days in [
        (wool, "Alfa", ACTIVE, "2.0"), (circular_may, "Beta", ACTIVE, "1.0"),
        (kickoff, "Beta", ACTIVE, "1.0"), (wool, "Kappa", ACTIVE, "3.0"),
        (wool, "Mu", ACTIVE, "2.5"), (munich, "Gamma", ACTIVE, "2.0"),
        (seminar, "Rho", ACTIVE, "2.0"), (dye_meeting, "Delta", ACTIVE, "1.5"),
        (seminar, "Epsilon", PASSIVE, "3.0"), (circular_may, "Lambda", ACTIVE, "1.0"),
        (export_june, "Lambda", ACTIVE, "1.0"),  # a day before the window
        (export_july, "Nu", ACTIVE, "2.0"),  # after the assessment date
        (wool, "Phi", ACTIVE, "5.0"),  # former participant
        (munich, "Xi", PASSIVE, "1.0"), (munich, "Pi", PASSIVE, "0.5"),
        (munich, "Sigma", PASSIVE, "1.0"),
        (lyon, "Iota", PASSIVE, "1.0"),  # international, but before the window
        (other_fair, stranger, ACTIVE, "4.0"),  # the other cluster
    ]:  # fmt: skip
        involve(act, key, role, days)

    # --- management team
    def staff(name, post, fte, started_on, ended_on=None, described=True):  # type: ignore[no-untyped-def]
        return make(
            StaffMember, full_name=name, post=post, fte=Decimal(fte), started_on=day(started_on),
            ended_on=ended_on and day(ended_on), job_description="team/jd.pdf" if described else "",
        )  # fmt: skip

    conti = staff("Giulia Conti", "Cluster manager", "1.00", "2019-09-01")
    neri = staff("Marco Neri", "Project manager", "0.50", "2021-01-10")
    verdi = staff("Luca Verdi", "Communication officer", "0.50", "2020-05-01", "2025-11-30")
    blu = staff("Sara Blu", "Communication officer", "0.50", "2026-02-01")
    gialli = staff("Paolo Gialli", "Project assistant", "0.50", "2026-07-01", described=False)
    for member, on, days in [
        (conti, "2025-06-15", "2.0"),  # a day before the window
        (conti, "2025-06-16", "1.5"), (conti, "2026-03-01", "1.5"), (neri, "2026-02-10", "2.5"),
        (verdi, "2025-09-01", "5.0"),  # left before the assessment date
        (blu, "2026-06-10", "1.0"),
        (blu, "2026-06-20", "3.0"),  # after the assessment date
        (gialli, "2026-06-01", "4.0"),  # not in post yet
    ]:  # fmt: skip
        make(TrainingRecord, staff_member=member, date=day(on), days=Decimal(days), topic="Course")

    # --- governance
    make(
        Governance, legal_form="Registered association", statutes_define_benefits_and_duties=True,
        general_manager="Giulia Conti", general_manager_since=day("2019-09-01"),
    )  # fmt: skip
    make(GeneralAssembly, date=day("2025-05-20"))
    make(GeneralAssembly, date=day("2026-04-28"))
    for key, appointment, ended_on in [
        ("Kappa", BoardMember.Appointment.ELECTED, None),
        ("Alfa", BoardMember.Appointment.ELECTED, None),
        ("Mu", BoardMember.Appointment.ELECTED, None),
        ("Omicron", BoardMember.Appointment.OTHER, None),
        ("Tau", BoardMember.Appointment.ELECTED, day("2024-12-31")),
    ]:
        make(
            BoardMember, full_name=f"Delegate of {key}", organisation=org[key],
            appointment=appointment, started_on=day("2024-01-01"), ended_on=ended_on,
        )  # fmt: skip
    make(
        Committee,
        kind=CommitteeKind.SCIENTIFIC,
        name="Scientific board",
        started_on=day("2022-01-01"),
    )

    # --- money
    for year, source, actual in [
        (2025, "regional_public", "120000"), (2025, "membership_fees", "30000"),
        (2025, "service_fees", "25000"), (2025, "events", "5000"), (2025, "eu_projects", "0"),
        (2025, "national_public", None),  # actual not reported yet
        (2024, "sponsors", "90000"),  # not the last closed year
        (2026, "sponsors", None),  # the running year
    ]:  # fmt: skip
        make(
            BudgetLine, year=year, source=source, planned=Decimal("10000"),
            actual=None if actual is None else Decimal(actual),
        )  # fmt: skip
    for funder, starts_on, runs_to in [
        ("Old regional grant", "2023-01-01", "2024-12-31"),
        ("Regione Toscana", "2025-01-01", "2026-12-31"),
        ("Horizon project", "2027-01-01", "2028-06-30"),  # starts after as_of, seamlessly
    ]:
        make(
            FundingCommitment, funder=funder, source="regional_public", amount=Decimal("100000"),
            starts_on=day(starts_on), runs_to=day(runs_to),
        )  # fmt: skip

    # --- strategy and plan
    for title, adopted_on, updated_on in [
        ("Strategy 2024-2027", "2023-11-01", "2025-03-01"),
        ("Strategy update 2026", "2026-07-01", "2026-07-01"),  # after the assessment date
    ]:
        make(StrategyDocument, title=title, adopted_on=day(adopted_on), updated_on=day(updated_on))

    def number(value: str | None) -> Decimal | None:
        return None if value is None else Decimal(value)

    for year, title, indicator, target, budget, achieved in [
        (2026, "Matchmaking days", "B2B meetings", "40", "8000", None),
        (2026, "Training for SMEs", "SMEs trained", "25", "12000", None),
        (2026, "Export delegation", "Firms abroad", "8", "15000", None),
        (2026, "Satisfaction survey", "Answers", "60", "2000", None),
        (2026, "Website relaunch", "", None, "5000", None),  # not measurable
        (2025, "Working group launch", "Groups", "2", None, "2"),
        (2025, "Members recruited", "Members", "10", None, "12"),
        (2025, "Joint stand", "Stands", "1", None, "1"),
        (2025, "Project proposals", "Proposals", "3", None, "4"),
        (2025, "Newsletter subscribers", "Subscribers", "500", None, "420"),
        (2025, "Innovation voucher", "Vouchers", "5", None, None),  # result not reported
        (2025, "Yearly report", "", None, None, None),  # no target
        (2024, "Old action", "Things", "1", None, "0"),
    ]:
        make(
            PlanAction, year=year, title=title, indicator=indicator, target_value=number(target),
            budget=number(budget), achieved_value=number(achieved),
        )  # fmt: skip

    # --- recognition
    four_points = {
        "complexity": "Three labs, eight firms.",
        "impact_on_participants": "Most spinners use it.",
        "objectives_achieved": "The circular objective is met.",
        "sustainability": "Now a paid service.",
    }
    for title, published_on, complete in [
        ("Recycled wool yarn", "2024-06-16", True),
        ("Digital twin of a dye house", "2025-10-01", True),
        ("Traceability pilot", "2026-01-15", False),
        ("Joint stand in Munich", "2026-06-15", True),
        ("First export consortium", "2024-06-15", True),
        ("Next season", "2026-07-01", True),
        ("Draft story", None, True),
    ]:
        points = four_points if complete else {**four_points, "sustainability": " "}
        make(
            SuccessStory, title=title, text="A story.",
            published_on=published_on and day(published_on), **points,
        )  # fmt: skip
    for url, languages, updated_on in [
        ("https://www.golden.example", ["it", "en"], "2026-04-01"),
        ("https://de.golden.example", ["de"], "2025-12-01"),
    ]:
        make(
            WebPresence, url=url, languages=languages, last_updated_on=day(updated_on),
            contact_page_url=f"{url}/contact",
        )  # fmt: skip

    # --- questionnaire answers, given through the service
    for question, value, answered_on in [
        ("satisfaction_survey_closed_on", "2023-12-15", "2024-01-10"),
        ("satisfaction_survey_closed_on", "2025-11-20", "2025-11-25"),
        ("satisfaction_survey_closed_on", "2026-06-18", "2026-06-20"),  # after as_of
        ("service_area_1_last_delivery", "2026-05-01", "2026-05-02"),
        ("service_area_2_last_delivery", "2025-06-16", "2025-07-01"),
        ("service_area_3_last_delivery", "2025-02-20", "2025-03-01"),
        ("service_area_3_last_delivery", "2026-04-02", "2026-06-01"),
        ("service_area_4_last_delivery", "2025-06-15", "2025-07-01"),
        ("service_area_4_last_delivery", "2026-06-18", "2026-06-20"),  # after as_of
    ]:
        answer_give(
            cluster=cluster,
            actor=person,
            data={"question": question, "value": value, "answered_on": day(answered_on)},
        )
    return SimpleNamespace(cluster=cluster, org=org)


@pytest.fixture
def golden(db):  # type: ignore[no-untyped-def]
    scenario = build_golden_cluster()
    scenario.assessment = assessment_run(cluster=scenario.cluster, as_of=AS_OF).assessment
    return scenario


def labels(result, key: str) -> list[str]:  # type: ignore[no-untyped-def]
    (group,) = [group for group in result.evidence if group.key == key]
    return [item.label for item in group.items]


def check(result, value: float | None, status: str) -> None:  # type: ignore[no-untyped-def]
    assert result.status == status, result.id
    if value is None:
        assert result.value is None, result.id
    else:
        assert result.value == pytest.approx(value), result.id


def test_structure_of_the_cluster(golden: SimpleNamespace) -> None:
    a = golden.assessment.indicator
    # A1: 16 committed of the 20 current participants (Phi is former) → 16 < 40 → not met,
    # 24 more needed.
    check(a("A1"), 16, "not_met")
    assert a("A1").more_needed == 24
    assert labels(a("A1"), "not_committed") == [
        "Rho Design", "Sigma Textiles", "Tau Mills", "Upsilon Media",
    ]  # fmt: skip
    # A2: 16 / 20 = 0.80 ≥ 0.80 → met exactly at the threshold.
    check(a("A2"), 0.80, "met")
    assert a("A2").parts == {"numerator": 16, "denominator": 20}
    # A3: industry among the committed: 9 SMEs + 2 large = 11; 11 / 16 = 0.6875, not > 0.70
    # → not met; one more industrial member would make 12/16 = 0.75.
    check(a("A3"), 11 / 16, "not_met")
    assert a("A3").more_needed == 1
    assert labels(a("A3"), "not_industry") == [
        "Mu Lab", "Nu Academy", "Omicron Region", "Pi Bank", "Xi Chamber",
    ]  # fmt: skip
    # A4: Mu (research), Nu (education), Xi/Omicron/Pi (support) are committed → 3 of 3 → met.
    check(a("A4"), 3, "met")
    assert labels(a("A4"), "support") == ["Omicron Region", "Pi Bank", "Xi Chamber"]
    # A5: founded 2022-06-15, assessed 2026-06-15 → 48 whole months = 4 years ≥ 4 → met.
    check(a("A5"), 4, "met")


def test_management_team_and_governance(golden: SimpleNamespace) -> None:
    a = golden.assessment.indicator
    # B1: in post on 2026-06-15 are Conti, Neri and Blu (Verdi left 2025-11-30, Gialli starts
    # 2026-07-01). Training days 2025-06-16..2026-06-15: Conti 1.5 + 1.5 = 3.0 (the 2.0 of
    # 2025-06-15 is a day early), Neri 2.5, Blu 1.0 (the 3.0 of 2026-06-20 is later). The
    # fewest, 1.0, is not > 2 → not met; 1.5 more days would make 2.5.
    check(a("B1"), 1.0, "not_met")
    assert a("B1").more_needed == 1.5
    (training,) = a("B1").evidence
    assert [(item.label, item.number) for item in training.items] == [
        ("Sara Blu", 1.0), ("Marco Neri", 2.5), ("Giulia Conti", 3.0),
    ]  # fmt: skip
    # B2: every one in post has a job description (1 point), but the communication post stood
    # empty from 2025-12-01 to 2026-01-31 = 31 + 31 = 62 days > 30 within the last 24 months
    # (0 points) → 1 of 2 → not met.
    check(a("B2"), 1, "not_met")
    assert a("B2").parts == {"job_descriptions": 1.0, "no_long_vacancy": 0.0}
    (vacancy,) = [g for g in a("B2").evidence if g.key == "long_vacancies"][0].items
    assert (vacancy.label, vacancy.on, vacancy.number) == (
        "Communication officer", date(2025, 12, 1), 62.0,
    )  # fmt: skip
    # B3: statutes ✓, legal form ✓, general manager since 2019 ✓, assembly on 2026-04-28
    # (within 12 months) ✓, board: 2 of 4 current members from industry (Kappa, Alfa) is not
    # more than half ✗, scientific board ✓ → 5 of 6 ≥ 5 → met, not 6 → not excellent.
    check(a("B3"), 5, "met")
    assert a("B3").parts == {
        "statutes": 1.0, "legal_form": 1.0, "general_manager": 1.0,
        "general_assembly": 1.0, "board": 0.0, "committees": 1.0,
    }  # fmt: skip


def test_cooperation(golden: SimpleNamespace) -> None:
    a = golden.assessment.indicator
    # B4: contacts between 2025-06-16 and 2026-06-15 with 12 of the 20 current participants
    # (Phi is former; Zeta's contact of 2025-06-15 is a day early; Eta's of 2026-06-16 a day
    # late) → 12 / 20 = 0.60 > 0.40 → met, and ≥ 0.60 → excellent at the very threshold.
    check(a("B4"), 0.60, "excellent")
    assert labels(a("B4"), "reached") == [
        "Alfa Filati", "Beta Tessuti", "Delta Tinture", "Epsilon Maglie", "Gamma Moda",
        "Kappa Group", "Lambda Industries", "Mu Lab", "Nu Academy", "Rho Design",
        "Upsilon Media", "Xi Chamber",
    ]  # fmt: skip
    assert labels(a("B4"), "not_reached") == [
        "Eta Cuciture", "Iota Pellami", "Omicron Region", "Pi Bank", "Sigma Textiles",
        "Tau Mills", "Theta Stampa", "Zeta Bottoni",
    ]  # fmt: skip
    last_contact = {item.label: item.on for item in a("B4").evidence[1].items}
    assert last_contact["Zeta Bottoni"] == date(2025, 6, 15)  # latest on or before as_of
    assert last_contact["Eta Cuciture"] is None  # its only contact is after as_of
    assert a("B4").evidence[0].items[0].on == date(2026, 6, 15)  # Alfa's latest contact
    # B5: active days in activities starting 2025-06-16..2026-06-15: Kappa 3.0, Mu 2.5,
    # Alfa 2.0, Beta 1.0 + 1.0, Gamma 2.0, Rho 2.0 → 6 with ≥ 2 days; Delta 1.5 and Lambda 1.0
    # (its other day was 2025-06-15) fall short; Epsilon was passive; Nu's days come after
    # as_of; Phi is former. 6 / 20 = 0.30, not > 0.30 → not met (although 4 SMEs are active:
    # Alfa, Beta, Gamma, Rho); one more would make 7/20 = 0.35.
    check(a("B5"), 0.30, "not_met")
    assert a("B5").parts["sme_active"] == 4
    assert a("B5").more_needed == 1
    involved = a("B5").evidence[0].items
    assert [(item.label, item.number) for item in involved] == [
        ("Kappa Group", 3.0), ("Mu Lab", 2.5), ("Alfa Filati", 2.0), ("Beta Tessuti", 2.0),
        ("Gamma Moda", 2.0), ("Rho Design", 2.0),
    ]  # fmt: skip
    assert labels(a("B5"), "some_days") == ["Delta Tinture", "Lambda Industries"]
    # B6: Circular textiles (4 members, met 2026-05-12) and Digital fashion (3 members, met
    # 2025-06-16, the window's first day) are active; Smart dyeing has 2 members; Export last
    # met 2025-06-15 (its July meeting is after as_of); Future materials starts after as_of.
    # 2 ≥ 2 → met, < 4 → not excellent.
    check(a("B6"), 2, "met")
    assert labels(a("B6"), "active_groups") == ["Circular textiles", "Digital fashion"]
    assert labels(a("B6"), "inactive_groups") == ["Export", "Smart dyeing"]


def test_financing_and_strategy(golden: SimpleNamespace) -> None:
    a = golden.assessment.indicator
    # C1: Regione Toscana runs to 2026-12-31 and Horizon starts the next day (2027-01-01) and
    # runs to 2028-06-30: covered without a break through 2028-06-30. From 2026-06-15 to
    # 2028-07-01 are 24 whole months → 24 ≥ 24 → met.
    check(a("C1"), 24, "met")
    assert labels(a("C1"), "commitments") == ["Regione Toscana", "Horizon project"]
    # C2: 2025 actuals: private = fees 30,000 + services 25,000 + events 5,000 = 60,000 of a
    # known total 180,000 (public 120,000 + EU projects 0) → 0.3333 > 0.20 → met, not > 0.50.
    # The national line has no actual yet: a gap, but a public line cannot raise the share.
    check(a("C2"), 60000 / 180000, "met")
    assert [gap.code for gap in a("C2").gaps] == ["actual_missing"]
    # C3: kinds with income in 2025: regional public, membership fees, service fees, events
    # (EU projects earned 0) → 4 ≥ 3 → met.
    check(a("C3"), 4, "met")
    # D1: the strategy updated 2025-03-01 (the 2026-07-01 update is after as_of) → 15 whole
    # months to 2026-06-15 → ≤ 24 → met, > 12 → not excellent.
    check(a("D1"), 15, "met")
    assert labels(a("D1"), "strategy") == ["Strategy 2024-2027"]
    # D2: 2026 plan: 4 of 5 actions have an indicator, a target and a budget (the website
    # relaunch has no indicator and no target) → 4 / 5 = 0.80 ≥ 0.80 → met at the threshold.
    check(a("D2"), 0.80, "met")
    assert labels(a("D2"), "not_measurable") == ["Website relaunch"]
    # D3: 2025 plan: 6 actions with a target; 4 achieved, the newsletter (420 < 500) not, the
    # voucher not reported → 4 / 6 = 0.667; if the voucher was achieved 5 / 6 = 0.833 > 0.80
    # would be met → the verdict is open → unknown, with the missing result as a gap.
    check(a("D3"), 4 / 6, "unknown")
    assert a("D3").earned == 0
    assert [(gap.code, dict(gap.params)) for gap in a("D3").gaps] == [
        ("achievement_missing", {"year": 2025, "action": "Innovation voucher"})
    ]


def test_services_and_recognition(golden: SimpleNamespace) -> None:
    a = golden.assessment.indicator
    # D4: latest answers given on or before as_of: area 1 delivered 2026-05-01 ✓, area 2
    # 2025-06-16 ✓ (first day of the window), area 3 2026-04-02 ✓ (the answer of 2026-06-01
    # replaces that of 2025-03-01), area 4 2025-06-15 ✗ (a day early; the answer of
    # 2026-06-20 is after as_of) → 3 of 4 → not met.
    check(a("D4"), 3, "not_met")
    assert labels(a("D4"), "areas_covered") == ["area_1", "area_2", "area_3"]
    assert labels(a("D4"), "areas_not_covered") == ["area_4"]
    assert {item.note for item in a("D4").evidence[0].items} == {"Anna Verdi"}
    # D5: the last four completed quarters: Q2 2025 (Lyon, Export June, kick-off), Q3 2025
    # (wool project), Q4 2025 (nothing), Q1 2026 (Munich, dyeing) → 3 of 4 → not met.
    check(a("D5"), 3, "not_met")
    quarters = {group.key: [item.label for item in group.items] for group in a("D5").evidence}
    assert quarters == {
        "quarter:2025-04-01": [
            "Delegation to Lyon", "Export meeting June", "Digital fashion kick-off",
        ],
        "quarter:2025-07-01": ["Recycled wool project"],
        "quarter:2025-10-01": [],
        "quarter:2026-01-01": ["Munich fabric fair", "Smart dyeing meeting"],
    }  # fmt: skip
    # E1: the survey closed 2025-11-20 (the answer of 2026-06-20 is after as_of) → 6 whole
    # months to 2026-06-15 → ≤ 12 → excellent.
    check(a("E1"), 6, "excellent")
    # E2: complete stories published 2024-06-16..2026-06-15: Joint stand (2026-06-15),
    # Digital twin (2025-10-01), Recycled wool (2024-06-16) → 3 ≥ 3 → met. The traceability
    # pilot lacks a point; First export consortium (2024-06-15) is a day early; Next season
    # comes after as_of; the draft is not published.
    check(a("E2"), 3, "met")
    assert labels(a("E2"), "complete_stories") == [
        "Joint stand in Munich", "Digital twin of a dye house", "Recycled wool yarn",
    ]  # fmt: skip
    assert labels(a("E2"), "incomplete_stories") == ["Traceability pilot"]
    # E3: www (it + en, updated 2026-04-01, within 90 days of as_of, with a contact page) gives
    # the three points → met; German (a target language) is only on the site last updated
    # 2025-12-01 → not excellent.
    check(a("E3"), 3, "met")
    assert a("E3").parts["target_languages"] == 0
    assert labels(a("E3"), "sites_counted") == ["https://www.golden.example"]
    # E4: committed participants in an international activity 2025-06-16..2026-06-15: Gamma,
    # Pi, Xi at the Munich fair (Sigma is not committed; Iota's Lyon delegation was
    # 2025-06-10) → 3 / 16 = 0.1875 ≥ 0.10 → met, < 0.25 → not excellent.
    check(a("E4"), 3 / 16, "met")
    assert labels(a("E4"), "international") == ["Gamma Moda", "Pi Bank", "Xi Chamber"]


def test_minimums_score_and_readiness(golden: SimpleNamespace) -> None:
    assessment = golden.assessment
    # M1: 16 committed ≥ 15; M2: 8 categories among the current participants (SME, large,
    # research, education, intermediary, public body, finance, marketing) ≥ 2; M3: 1.00 +
    # 0.50 + 0.50 = 2.0 FTE in post ≥ 0.5; M4: the www site is in English → all met.
    assert [(m.id, m.value, m.met) for m in assessment.minimums] == [
        ("M1", 16.0, True), ("M2", 8.0, True), ("M3", 2.0, True), ("M4", 1.0, True),
    ]  # fmt: skip
    # Statuses: excellent B4, E1; met A2, A4, A5, B3, B6, C1, C2, C3, D1, D2, E2, E3, E4;
    # not met A1, A3, B1, B2, B5, D4, D5; unknown D3.
    assert assessment.counts() == {"excellent": 2, "met": 13, "not_met": 7, "unknown": 1}
    assert [r.id for r in assessment.indicators if r.status == "not_met"] == [
        "A1", "A3", "B1", "B2", "B5", "D4", "D5",
    ]  # fmt: skip
    # Score: 2 + 13 = 15 weights earned of 23 → 15 / 23 = 0.6522; 1 unknown.
    assert assessment.earned == 15
    assert assessment.total_weight == 23
    assert assessment.score == pytest.approx(0.652174, abs=1e-6)
    assert assessment.unknown == 1
    # Areas: structure 3/5 (A2, A4, A5), management 0/2, governance 1/1, cooperation 2/3
    # (B4, B6), financing 3/3, strategy 2/3 (D1, D2; D3 unknown), services 0/2,
    # recognition 4/4.
    assert assessment.area_scores() == pytest.approx(
        {
            "structure": 0.6, "management": 0.0, "governance": 1.0, "cooperation": 2 / 3,
            "financing": 1.0, "strategy": 2 / 3, "services": 0.0, "recognition": 1.0,
        }
    )  # fmt: skip
    assert {area.area: area.unknown for area in assessment.areas}["strategy"] == 1
    # Readiness: all four minimums → Bronze-eligible. No saved assessment between 2024-06-15
    # and 2024-12-15 (18–24 months earlier) → Silver cannot be said. 15/23 < 0.80 → not
    # Gold-ready: 0.80 × 23 = 18.4 → 4 more weights needed.
    readiness = assessment.readiness
    assert readiness.bronze_eligible is True
    assert readiness.silver == "unknown"
    assert readiness.gold_ready is False
    assert readiness.level == "bronze"
    assert [(m.code, dict(m.params)) for m in readiness.missing_silver] == [
        ("no_earlier_assessment", {"from": "2024-06-15", "to": "2024-12-15"})
    ]
    (short,) = readiness.missing_gold
    assert short.code == "score_short"
    assert short.params["weight_more"] == 4
    assert short.params["short"] == ["A1", "A3", "B1", "B2", "B5", "D3", "D4", "D5"]


def test_the_other_cluster_sees_none_of_it(golden: SimpleNamespace) -> None:
    from clusterdesk.tenancy.models import Cluster

    other = Cluster.objects.get(slug="elsewhere")
    assessment = assessment_run(cluster=other, as_of=AS_OF).assessment
    # One committed SME with one contact on as_of and 4 active days at its own fair.
    assert assessment.indicator("A1").value == 1
    assert labels(assessment.indicator("B4"), "reached") == ["Alfa Elsewhere"]
    assert assessment.indicator("B6").status == "unknown"  # it has no working group
