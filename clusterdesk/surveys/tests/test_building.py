"""Making surveys: the ready-made questionnaires (complete in four languages, the study visit's
seven categories), blank surveys, settings, the rules of a question, and what may change once
a survey is open."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from clusterdesk.lib.errors import DomainError
from clusterdesk.surveys import library
from clusterdesk.surveys.models import QuestionKind, Survey, SurveyKind, SurveyStatus
from clusterdesk.surveys.services import (
    question_create,
    question_update,
    section_create,
    survey_create,
    survey_open,
    survey_update,
)
from clusterdesk.tenancy.models import AuditEntry

pytestmark = pytest.mark.django_db

LANGUAGES = ("en", "it", "es", "tr")
STUDY_VISIT_CATEGORIES = [
    "Creativity support",
    "New and innovative services to SMEs",
    "ICT and open innovation",
    "Resource efficiency",
    "International networking",
    "Internationalisation of R&D",
    "Key enabling technologies (KETs)",
]


@pytest.mark.parametrize("key", library.TEMPLATES)
def test_every_ready_made_questionnaire_is_complete_in_four_languages(key):
    blocks = [library.Block("c1", {"en": "Export training"})]
    spec = library.survey_spec(key, candidates=blocks)

    assert spec["languages"] == list(LANGUAGES)
    assert set(spec["title"]) == set(LANGUAGES) and all(spec["title"].values())
    keys = []
    for section in spec["sections"]:
        assert all(section["title"].get(code) for code in LANGUAGES), section["title"]
        for question in section["questions"]:
            keys.append(question["key"])
            assert question["kind"] in QuestionKind.values
            assert all(question["text"].get(code) for code in LANGUAGES), question["key"]
            assert "{name}" not in " ".join(question["text"].values())
            for option in question["options"]:
                assert all(option["label"].get(code) for code in LANGUAGES), option
    assert len(keys) == len(set(keys))


def test_the_study_visit_questionnaire_has_the_guides_seven_categories(personas):
    survey = survey_create(cluster=personas.cluster_a, actor=None, title="", template="study_visit")

    titles = [section.title_in("en") for section in survey.sections.all()]

    assert titles[1:8] == STUDY_VISIT_CATEGORIES
    assert survey.kind == SurveyKind.STUDY_VISIT
    offer = survey.questions.get(key="kets-offer")
    assert offer.required and offer.text_in("es").startswith(
        "Tecnologías facilitadoras esenciales (KET): ¿qué servicios"
    )


def test_the_satisfaction_survey_covers_strategy_services_satisfaction_and_nps(personas):
    survey = survey_create(
        cluster=personas.cluster_a, actor=personas.manager_a, title="", template="satisfaction"
    )

    kinds = dict(survey.questions.values_list("key", "kind"))
    assert kinds["strategy-implementation"] == QuestionKind.LIKERT
    assert kinds["services-satisfaction"] == QuestionKind.MATRIX
    assert kinds["overall"] == QuestionKind.LIKERT
    assert kinds["recommend"] == QuestionKind.NPS
    assert kinds["team-responsiveness"] == QuestionKind.RATING
    reason = survey.questions.get(key="recommend-reason")
    assert reason.condition_question.key == "recommend"
    entry = AuditEntry.objects.get(object_type="survey")
    assert entry.actor == personas.manager_a and entry.action == "created"


def test_a_turkish_cluster_gets_its_language_first(personas):
    personas.cluster_b.local_languages = ["tr"]
    personas.cluster_b.save()

    survey = survey_create(
        cluster=personas.cluster_b, actor=None, title="", template="satisfaction"
    )

    assert survey.languages == ["tr", "en", "it", "es"]
    assert str(survey) == "Katılımcı memnuniyet anketi"
    assert survey.title_in("de") == "Katılımcı memnuniyet anketi"  # not offered: the first


def test_settings_refuse_a_past_deadline_and_an_unknown_language(personas):
    survey = survey_create(cluster=personas.cluster_a, actor=None, title="Evento")
    yesterday = timezone.localdate() - timedelta(days=1)

    with pytest.raises(DomainError) as past:
        survey_update(survey=survey, actor=None, data={"deadline": yesterday})
    with pytest.raises(DomainError) as unknown:
        survey_update(survey=survey, actor=None, data={"languages": ["it", "xx"]})
    with pytest.raises(DomainError) as untitled:
        survey_update(survey=survey, actor=None, data={"languages": ["en"]})

    assert past.value.field == "deadline"
    assert unknown.value.field == "languages"
    assert untitled.value.field == "title"  # no English title yet


def test_a_survey_opens_only_with_questions_and_a_deadline_to_come(personas):
    survey = survey_create(cluster=personas.cluster_a, actor=None, title="Evento")
    with pytest.raises(DomainError):
        survey_open(survey=survey, actor=None)
    question_create(
        section=survey.sections.get(),
        actor=None,
        data={"kind": "text", "text": {"it": "Commenti?"}},
    )
    Survey.objects.filter(pk=survey.pk).update(deadline=timezone.localdate() - timedelta(days=1))
    survey.refresh_from_db()
    with pytest.raises(DomainError) as late:
        survey_open(survey=survey, actor=None)
    assert late.value.field == "deadline"


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"kind": "dance", "text": {"it": "?"}}, "kind"),
        ({"kind": "text", "text": {"en": "Only English"}}, "text"),
        ({"kind": "single", "text": {"it": "?"}, "options": [{"label": {"it": "Uno"}}]}, "options"),
        ({"kind": "matrix", "text": {"it": "?"}, "scale": "agreement"}, "options"),
        ({"kind": "likert", "text": {"it": "?"}, "scale": "mood"}, "scale"),
        ({"kind": "rating", "text": {"it": "?"}, "max_value": 20}, "max_value"),
        ({"kind": "text", "text": {"it": "?"}, "max_length": 50_000}, "max_length"),
        ({"kind": "text", "text": {"it": "?"}, "profile": "category"}, "profile"),
    ],
)
def test_a_question_that_breaks_a_rule_is_refused_with_its_field(personas, data, field):
    survey = survey_create(cluster=personas.cluster_a, actor=None, title="Evento")
    with pytest.raises(DomainError) as refused:
        question_create(section=survey.sections.get(), actor=None, data=data)
    assert refused.value.field == field


def test_a_condition_waits_only_for_answers_its_question_can_have(personas):
    survey = survey_create(cluster=personas.cluster_a, actor=None, title="Evento")
    section = survey.sections.get()
    choice = question_create(
        section=section,
        actor=None,
        data={
            "kind": "single",
            "text": {"it": "Venite?"},
            "options": [{"label": {"it": "Sì"}}, {"label": {"it": "No"}}],
        },
    )
    score = question_create(section=section, actor=None, data={"kind": "nps", "text": {"it": "?"}})
    other = survey_create(cluster=personas.cluster_a, actor=None, title="Altro")

    with pytest.raises(DomainError) as wrong_value:
        question_create(
            section=section,
            actor=None,
            data={
                "kind": "text",
                "text": {"it": "Perché?"},
                "condition_question": choice,
                "condition_values": ["forse"],
            },
        )
    promoters = question_create(
        section=section,
        actor=None,
        data={
            "kind": "text",
            "text": {"it": "Perché?"},
            "condition_question": score,
            "condition_values": ["9", "10"],
        },
    )
    with pytest.raises(DomainError) as elsewhere:
        question_create(
            section=other.sections.get(),
            actor=None,
            data={"kind": "text", "text": {"it": "?"}, "condition_question": choice},
        )

    assert wrong_value.value.field == "condition_values"
    assert [o.value for o in choice.options.all()] == ["si", "no"]
    assert promoters.condition_values == ["9", "10"]
    assert elsewhere.value.field == "condition_question"


def test_once_open_only_texts_change(personas):
    survey = survey_create(cluster=personas.cluster_a, actor=None, title="Evento")
    section = survey.sections.get()
    question = question_create(
        section=section,
        actor=None,
        data={
            "kind": "single",
            "text": {"it": "Venite?"},
            "options": [{"label": {"it": "Sì"}}, {"label": {"it": "No"}}],
        },
    )
    survey_open(survey=survey, actor=None)
    assert survey.status == SurveyStatus.OPEN

    question_update(
        question=question,
        actor=None,
        data={
            "kind": "single",
            "text": {"it": "Verrete?"},
            "options": [{"label": {"it": "Certo"}}, {"label": {"it": "No"}}],
        },
    )
    with pytest.raises(DomainError) as more_options:
        question_update(
            question=question,
            actor=None,
            data={
                "kind": "single",
                "text": {"it": "Verrete?"},
                "options": [
                    {"label": {"it": "Sì"}},
                    {"label": {"it": "No"}},
                    {"label": {"it": "?"}},
                ],
            },
        )
    with pytest.raises(DomainError):
        section_create(survey=survey, actor=None, title={"it": "Altro"})

    question.refresh_from_db()
    assert question.text == {"it": "Verrete?"}
    assert [(o.value, o.label) for o in question.options.all()] == [
        ("si", {"it": "Certo"}),
        ("no", {"it": "No"}),
    ]
    assert more_options.value.code == "not_draft"
