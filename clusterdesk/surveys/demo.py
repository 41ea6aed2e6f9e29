"""The surveys of the demo's Tuscany Fashion Cluster, for `manage.py seed_demo`.

`surveys_demo_seed` gives the cluster (İSİM gets none: its excellence demo has no survey on
record) the two participant satisfaction surveys its excellence questionnaire speaks of
(``benchmarking.demo.stories``): made from the ready-made questionnaire, sent to contacts of
its participants and closed on the days the questionnaire gives, with as many answers as its
notes say ("74 risposte", "96 risposte") — mostly satisfied, with some variety, the second a
little better than the first — and a draft study-visit questionnaire for the next visit to a
Gold-labelled cluster.

The invitations, responses and answers are written in bulk: a few queries a survey, whatever
the number of answers. The answers are drawn with a fixed seed: the same on every run.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from clusterdesk.benchmarking.demo.stories import STORIES, SURVEY
from clusterdesk.lib.periods import months_before
from clusterdesk.participants.models import Commitment, Contact
from clusterdesk.tenancy.models import Cluster, Membership, Role

from .models import (
    Answer,
    Invitation,
    Question,
    QuestionKind,
    Response,
    ResponseStatus,
    Survey,
    SurveyStatus,
    size_band,
)
from .services import Questionnaire, survey_create

__all__ = ["CLUSTERS", "demo_satisfaction_surveys", "surveys_demo_seed"]

SEED = 14
CLUSTERS = ("tuscany-fashion",)
OPEN_DAYS = 30  # a survey is open for a month before it closes
RESPONSES = re.compile(r"(\d+) risposte")
STUDY_VISIT_TITLE = "Visita di studio a un cluster con label Gold"

# Promoters and detractors among the respondents, per survey oldest first: the first gives a
# recommendation score of about +24, the second about +34.
NPS_MIX = ((0.40, 0.16), (0.46, 0.12))


@dataclass(frozen=True)
class DemoSurvey:
    closed_on: date
    responses: int
    promoters: float
    detractors: float


def demo_satisfaction_surveys(slug: str, as_of: date) -> list[DemoSurvey]:
    """The satisfaction surveys the cluster's questionnaire speaks of, oldest first: closed
    on the day it gives, with the number of answers its note gives."""
    answers = sorted(
        (
            answer
            for answer in STORIES[slug].answers
            if answer.question == SURVEY and answer.months_before is not None
        ),
        key=lambda answer: -(answer.months_before or 0),
    )
    surveys = []
    for index, answer in enumerate(answers):
        found = RESPONSES.search(answer.note)
        if found is None:
            continue
        promoters, detractors = NPS_MIX[min(index, len(NPS_MIX) - 1)]
        surveys.append(
            DemoSurvey(
                closed_on=months_before(as_of, answer.months_before or 0),
                responses=int(found.group(1)),
                promoters=promoters,
                detractors=detractors,
            )
        )
    return surveys


def surveys_demo_seed(*, slugs: list[str], as_of: date) -> int:
    """Surveys for the demo clusters ``slugs`` that have them (the Tuscany Fashion Cluster),
    their ledger running up to ``as_of``; returns how many surveys were made. A cluster that
    already has surveys is left as it is."""
    made = 0
    wanted = [slug for slug in slugs if slug in CLUSTERS]
    for cluster in Cluster.objects.filter(slug__in=wanted).order_by("slug"):
        if Survey.objects.for_cluster(cluster).exists():
            continue
        manager = (
            Membership.objects.filter(cluster=cluster, role=Role.MANAGER)
            .select_related("user")
            .order_by("pk")
            .first()
        )
        actor = manager.user if manager else None
        rng = random.Random(f"{SEED}-{cluster.slug}")
        with transaction.atomic():
            for plan in demo_satisfaction_surveys(cluster.slug, as_of):
                _satisfaction_survey(cluster, actor, plan, rng)
                made += 1
            survey_create(
                cluster=cluster,
                actor=actor,
                title=STUDY_VISIT_TITLE,
                template="study_visit",
                source="demo",
            )
            made += 1
    return made


def _moment(day: date, rng: random.Random) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(rng.randint(8, 19), rng.randint(0, 59))))


def _satisfaction_survey(
    cluster: Cluster, actor: object, plan: DemoSurvey, rng: random.Random
) -> Survey:
    opened_on = plan.closed_on - timedelta(days=OPEN_DAYS)
    survey = survey_create(
        cluster=cluster,
        actor=actor,
        title=f"Indagine sulla soddisfazione dei soci {plan.closed_on.year}",
        template="satisfaction",
        source="demo",
    )
    opened_at = timezone.make_aware(datetime.combine(opened_on, time(9, 0)))
    closed_at = timezone.make_aware(datetime.combine(plan.closed_on, time(18, 0)))
    Survey.objects.filter(pk=survey.pk).update(
        status=SurveyStatus.CLOSED,
        deadline=plan.closed_on,
        opened_at=opened_at,
        closed_on=plan.closed_on,
        created_at=opened_at - timedelta(days=7),
        updated_at=closed_at,
    )
    # Contacts of the participants of the day (not of those who left), about 35 % answering.
    contacts = list(
        Contact.objects.for_cluster(cluster)
        .exclude(email="")
        .exclude(organisation__commitment=Commitment.FORMER)
        .order_by("pk")
        .values_list(
            "pk",
            "email",
            "organisation_id",
            "organisation__category",
            "organisation__employees",
        )
    )
    invited = rng.sample(contacts, min(len(contacts), round(plan.responses / 0.35)))
    invitations = Invitation.objects.bulk_create(
        Invitation(
            cluster=cluster,
            survey=survey,
            contact_id=pk,
            email=email,
            language=survey.default_language,
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
            created_at=opened_at,
            sent_at=opened_at,
            reminded_at=opened_at + timedelta(days=14),
            reminders=1,
        )
        for pk, email, _organisation, _category, _employees in invited
    )
    answering = list(zip(invitations, invited, strict=True))[: plan.responses]
    moods = _moods(plan, len(answering), rng)
    responses = []
    for (invitation, (_pk, _email, organisation, category, employees)), _mood in zip(
        answering, moods, strict=True
    ):
        started = _moment(opened_on + timedelta(days=rng.randint(0, OPEN_DAYS - 1)), rng)
        sent = started + timedelta(minutes=rng.randint(6, 25))
        responses.append(
            Response(
                cluster=cluster,
                survey=survey,
                invitation=invitation,
                status=ResponseStatus.SUBMITTED,
                language=survey.default_language,
                organisation_id=organisation,
                category=category,
                size_band=size_band(employees),
                started_at=started,
                updated_at=sent,
                submitted_at=sent,
            )
        )
    Response.objects.bulk_create(responses)
    questionnaire = Questionnaire.of(survey)
    questions = {question.key: question for question in questionnaire.questions}
    answers: list[Answer] = []
    for response, mood in zip(responses, moods, strict=True):
        answers.extend(_answers(survey, response, mood, questions, questionnaire, rng))
    Answer.objects.bulk_create(answers, batch_size=2000)
    return survey


def _moods(plan: DemoSurvey, count: int, rng: random.Random) -> list[str]:
    """Promoters, passives and detractors in the survey's mix, in random order."""
    promoters = round(count * plan.promoters)
    detractors = round(count * plan.detractors)
    moods = ["promoter"] * promoters + ["detractor"] * detractors
    moods += ["passive"] * (count - len(moods))
    rng.shuffle(moods)
    return moods


# Points of a 1–5 scale and of the recommendation, by how the respondent feels.
POINTS = {
    "promoter": (4, 4, 5, 5, 5),
    "passive": (3, 3, 4, 4, 4, 5),
    "detractor": (1, 2, 2, 3, 3, 4),
}
RECOMMEND = {"promoter": (9, 9, 10), "passive": (7, 8, 8), "detractor": (3, 4, 5, 6, 6)}
SERVICES = ("information", "projects", "internationalisation", "skills")
SERVICE_WEIGHTS = (5, 3, 6, 3)
TEXTS = {
    "strategy-suggestions": {
        "promoter": (
            "Più attenzione alla sostenibilità e al riciclo delle fibre.",
            "Continuare sull'internazionalizzazione verso l'Asia.",
            "Coinvolgere di più le scuole tecniche del territorio.",
        ),
        "passive": (
            "Più attenzione alle piccole imprese di confezione.",
            "Il passaggio generazionale nelle imprese familiari.",
            "La digitalizzazione della filiera e la tracciabilità.",
        ),
        "detractor": (
            "La strategia è troppo orientata ai grandi marchi.",
            "Servono azioni concrete sul costo dell'energia.",
        ),
    },
    "services-missing": {
        "promoter": (
            "Un servizio di prove di laboratorio a prezzo convenzionato.",
            "Assistenza sul passaporto digitale di prodotto.",
        ),
        "passive": (
            "Consulenza sui bandi per la transizione ecologica.",
            "Formazione per i giovani modellisti.",
        ),
        "detractor": ("Un supporto legale per i contratti con i clienti esteri.",),
    },
    "recommend-reason": {
        "promoter": (
            "Le fiere collettive ci hanno portato nuovi clienti.",
            "Il cluster ci ha aiutato a entrare in un progetto europeo.",
            "Ottimi contatti con altre imprese del distretto.",
            "Il personale è competente e sempre disponibile.",
        ),
        "passive": (
            "Servizi utili, ma costi ancora alti per una piccola impresa.",
            "Buone iniziative, comunicazione da migliorare.",
            "Partecipiamo poco per mancanza di tempo.",
        ),
        "detractor": (
            "Non vediamo ancora un ritorno della quota associativa.",
            "Le attività sono concentrate a Prato e Firenze.",
        ),
    },
    "comments": {
        "promoter": ("Grazie al team per il lavoro di quest'anno.",),
        "passive": ("Sarebbe utile una newsletter più breve e mirata.",),
        "detractor": ("Vorremmo essere ascoltati di più nelle scelte del consiglio.",),
    },
}
# How often an optional text is written.
TEXT_SHARE = {
    "strategy-suggestions": 0.3,
    "services-missing": 0.2,
    "recommend-reason": 0.5,
    "comments": 0.12,
}


def _answers(
    survey: Survey,
    response: Response,
    mood: str,
    questions: dict[str, Question],
    questionnaire: Questionnaire,
    rng: random.Random,
) -> list[Answer]:
    rows: list[Answer] = []

    def add(key: str, **value: object) -> None:
        if key in questions:
            rows.append(
                Answer(
                    survey=survey,
                    response=response,
                    question=questions[key],
                    submitted=True,
                    **value,
                )
            )

    options = {
        key: {option.value: option for option in questionnaire.options_of[question.pk]}
        for key, question in questions.items()
    }
    points = POINTS[mood]
    for key in ("strategy-known", "strategy-needs", "strategy-implementation", "overall"):
        add(key, number=float(rng.choice(points)))
    for key, share in (("strategy-consulted", 0.85), ("communication", 0.9)):
        if rng.random() < share:
            add(key, number=float(rng.choice(points)))
    if rng.random() < 0.8:
        add("team-responsiveness", number=float(rng.choice(points)))
    add("recommend", number=float(rng.choice(RECOMMEND[mood])))
    if rng.random() < 0.1:
        used: list[str] = ["none"]
    else:
        count = rng.choice((1, 1, 2, 2, 3))
        used = sorted(
            set(rng.choices(SERVICES, weights=SERVICE_WEIGHTS, k=count)), key=SERVICES.index
        )
    for value in used:
        if value in options.get("services-used", {}):
            add("services-used", option=options["services-used"][value])
    matrix = questions.get("services-satisfaction")
    if matrix is not None and matrix.kind == QuestionKind.MATRIX:
        for value in used:
            if value in options["services-satisfaction"]:
                add(
                    "services-satisfaction",
                    option=options["services-satisfaction"][value],
                    number=float(rng.choice(points)),
                )
    for key, share in TEXT_SHARE.items():
        if rng.random() < share:
            add(key, text=rng.choice(TEXTS[key][mood]))
    return rows
