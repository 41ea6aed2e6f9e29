"""What each demo cluster's benchmarking story needs beyond its ledger: the questionnaire
answers it gave (when, and what they say) and how far back it has saved assessments.

The picture itself comes from the ledger (``clusterdesk/engagement/demo/data/``): the Tuscany
Fashion Cluster is a few indicators short of Gold (its committed share, one team member's
training, a post left empty, two years of secured budget and a third complete success
story), Bronze-eligible and Silver-ready; İSİM is far from it (an untrained team without job
descriptions, an outdated strategy, a vague plan, one working group still meeting) and has
data gaps: no satisfaction survey on record, two service areas never answered, last year's
service-fee income not booked yet.

Every date is in whole months before the demo's ledger day, so the story holds on any day.
Notes are in the cluster's own language, as its manager would have written them.
"""

from __future__ import annotations

from dataclasses import dataclass

SURVEY = "satisfaction_survey_closed_on"
LABEL = "label_held"


def area(number: int) -> str:
    return f"service_area_{number}_last_delivery"


@dataclass(frozen=True)
class DemoAnswer:
    question: str
    answered_months_before: int
    # A date question's answer, in months before the ledger day; None for a choice.
    months_before: int | None = None
    choice: str = ""
    note: str = ""


@dataclass(frozen=True)
class DemoBenchmarking:
    answers: tuple[DemoAnswer, ...]
    # Saved assessments: one at every quarter's end within this many months, and one on the
    # ledger day itself.
    history_months: int
    snapshot_note: str
    latest_note: str


def _service_round(answered: int, delivered: dict[int, int], notes: dict[int, str]) -> list:
    return [
        DemoAnswer(area(number), answered, months, note=notes[number])
        for number, months in delivered.items()
    ]


TUSCANY_NOTES = {
    1: "Rapporto congiunturale del distretto e giornata di incontri B2B con i buyer.",
    2: "Consorzi costruiti per i bandi regionali R&S e per Horizon Europe.",
    3: "Stand collettivi e missioni all'estero (Parigi, Francoforte, Tokyo).",
    4: "Corsi per tecnici e addetti delle imprese socie.",
}
ISIM_NOTES = {
    1: "Ankara'da B2B görüşme günü ve pazar raporu.",
    3: "bauma ortak standı ve Irak ticaret heyeti.",
}

STORIES: dict[str, DemoBenchmarking] = {
    "tuscany-fashion": DemoBenchmarking(
        answers=(
            DemoAnswer(
                LABEL,
                20,
                choice="bronze",
                note="Label Bronze ESCA dopo il colloquio di benchmarking.",
            ),
            DemoAnswer(
                SURVEY,
                37,
                38,
                note="Questionario online ai soci su strategia e servizi: 74 risposte.",
            ),
            DemoAnswer(
                SURVEY,
                13,
                14,
                note="Questionario online ai soci su strategia e servizi: 96 risposte.",
            ),
            # The questionnaire is brought up to date two or three times a year; a service
            # area whose last delivery is older than a year does not count.
            *_service_round(22, {1: 23, 2: 26, 3: 22, 4: 36}, TUSCANY_NOTES),
            *_service_round(15, {1: 16, 2: 19, 3: 15, 4: 17}, TUSCANY_NOTES),
            *_service_round(8, {1: 9, 2: 11, 3: 8, 4: 10}, TUSCANY_NOTES),
            *_service_round(1, {1: 2, 2: 4, 3: 2, 4: 3}, TUSCANY_NOTES),
        ),
        history_months=21,
        snapshot_note="Verifica trimestrale",
        latest_note="Per il consiglio di amministrazione",
    ),
    "isim": DemoBenchmarking(
        # No satisfaction survey on record, and two service areas never answered.
        answers=tuple(_service_round(4, {1: 5, 3: 2}, ISIM_NOTES)),
        history_months=12,
        snapshot_note="Çeyrek dönem değerlendirmesi",
        latest_note="Yönetim kurulu için",
    ),
}
