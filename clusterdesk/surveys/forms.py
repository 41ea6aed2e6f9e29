"""The builder's forms. Texts are asked once per language the survey is offered in (the first
language required); options and matrix rows are one per line, line by line the same in every
language. The forms check types and shapes; the rules live in ``rules.py`` and the services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from clusterdesk.participants.models import Category, Contact

from .library import TEMPLATES
from .models import (
    CHOICE_KINDS,
    TEXT_MAX_LENGTH,
    TEXT_MAX_LENGTH_LIMIT,
    Question,
    QuestionKind,
    Survey,
    SurveyKind,
)
from .scales import Scale
from .services import Segment

LANGUAGE_NAMES = dict(settings.LANGUAGES)


def language_name(code: str) -> str:
    return str(LANGUAGE_NAMES.get(code, code))


class NewSurveyForm(forms.Form):
    TEMPLATE_CHOICES = [
        ("satisfaction", gettext_lazy("Participant satisfaction survey (ready-made)")),
        ("service_interest", gettext_lazy("Service-interest questionnaire (ready-made)")),
        ("study_visit", gettext_lazy("Study-visit questionnaire for Gold-labelled clusters")),
        ("", gettext_lazy("A blank survey")),
    ]
    template = forms.ChoiceField(
        label=gettext_lazy("Start from"),
        choices=TEMPLATE_CHOICES,
        required=False,
        widget=forms.RadioSelect,
        initial="satisfaction",
    )
    title = forms.CharField(
        label=gettext_lazy("Title"),
        max_length=200,
        required=False,
        help_text=gettext_lazy("Leave it empty to keep the ready-made title in every language."),
    )
    kind = forms.ChoiceField(
        label=gettext_lazy("Kind (for a blank survey)"),
        choices=SurveyKind.choices,
        initial=SurveyKind.CUSTOM,
    )

    def clean_template(self) -> str:
        template = self.cleaned_data["template"]
        if template and template not in TEMPLATES:
            raise forms.ValidationError(_("Choose one of the ready-made questionnaires."))
        return template


def _text_fields(
    form: forms.Form,
    name: str,
    label: str,
    languages: list[str],
    *,
    textarea: bool = False,
    first_required: bool = False,
    max_length: int = 2000,
) -> None:
    for index, code in enumerate(languages):
        widget = forms.Textarea(attrs={"rows": 3}) if textarea else forms.TextInput()
        form.fields[f"{name}_{code}"] = forms.CharField(
            label=f"{label} ({language_name(code)})",
            required=first_required and index == 0,
            max_length=max_length,
            widget=widget,
        )


def _texts(data: dict[str, Any], name: str, languages: list[str]) -> dict[str, str]:
    return {code: data.get(f"{name}_{code}", "") or "" for code in languages}


def _initial_texts(values: dict[str, str], name: str) -> dict[str, str]:
    return {f"{name}_{code}": text for code, text in (values or {}).items()}


class SurveySettingsForm(forms.Form):
    first_language = forms.ChoiceField(
        label=gettext_lazy("First language"),
        choices=settings.LANGUAGES,
        help_text=gettext_lazy("A respondent whose language is not offered sees this one."),
    )
    other_languages = forms.MultipleChoiceField(
        label=gettext_lazy("Also offered in"),
        choices=settings.LANGUAGES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    deadline = forms.DateField(
        label=gettext_lazy("Deadline"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=gettext_lazy("The last day answers are accepted; empty for none."),
    )
    public_link = forms.BooleanField(
        label=gettext_lazy("Also answerable through an anonymous public link"), required=False
    )

    def __init__(self, *args: Any, survey: Survey, **kwargs: Any) -> None:
        initial = {
            "first_language": survey.default_language,
            "other_languages": survey.languages[1:],
            "deadline": survey.deadline,
            "public_link": survey.public_link,
            **_initial_texts(survey.title, "title"),
            **_initial_texts(survey.intro, "intro"),
        }
        super().__init__(*args, initial=initial, **kwargs)
        self.survey = survey
        codes = [code for code, _name in settings.LANGUAGES]
        _text_fields(self, "title", _("Title"), codes, max_length=200)
        _text_fields(self, "intro", _("Introduction"), codes, textarea=True)

    def languages(self) -> list[str]:
        first = self.cleaned_data["first_language"]
        others = [code for code in self.cleaned_data["other_languages"] if code != first]
        return [first, *others]

    def service_data(self) -> dict[str, Any]:
        languages = self.languages()
        return {
            "title": _texts(self.cleaned_data, "title", languages),
            "intro": _texts(self.cleaned_data, "intro", languages),
            "languages": languages,
            "deadline": self.cleaned_data["deadline"],
            "public_link": self.cleaned_data["public_link"],
        }


class SectionForm(forms.Form):
    def __init__(self, *args: Any, survey: Survey, section: Any = None, **kwargs: Any) -> None:
        initial = {}
        if section is not None:
            initial = {
                **_initial_texts(section.title, "title"),
                **_initial_texts(section.intro, "intro"),
            }
        super().__init__(*args, initial=initial, **kwargs)
        self.languages = survey.languages
        _text_fields(self, "title", _("Title"), self.languages, max_length=200)
        _text_fields(self, "intro", _("Introduction"), self.languages, textarea=True)

    def service_data(self) -> dict[str, Any]:
        return {
            "title": _texts(self.cleaned_data, "title", self.languages),
            "intro": _texts(self.cleaned_data, "intro", self.languages),
        }


class QuestionForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Kind of question"), choices=QuestionKind.choices)
    required = forms.BooleanField(label=gettext_lazy("An answer is required"), required=False)
    scale = forms.ChoiceField(
        label=gettext_lazy("Scale (1 to 5 and matrix questions)"),
        choices=Scale.choices,
        required=False,
        initial=Scale.AGREEMENT,
    )
    min_value = forms.FloatField(label=gettext_lazy("Smallest number allowed"), required=False)
    max_value = forms.FloatField(
        label=gettext_lazy("Largest number allowed (for stars: how many)"), required=False
    )
    max_length = forms.IntegerField(
        label=gettext_lazy("Longest answer, in characters (free text)"),
        required=False,
        min_value=1,
        max_value=TEXT_MAX_LENGTH_LIMIT,
        initial=TEXT_MAX_LENGTH,
    )
    condition_question = forms.TypedChoiceField(
        label=gettext_lazy("Show only when this question is answered"),
        required=False,
        coerce=int,
        empty_value=None,
    )
    condition_values = forms.MultipleChoiceField(
        label=gettext_lazy("… with one of these answers (none ticked: any answer)"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(
        self, *args: Any, survey: Survey, question: Question | None = None, **kwargs: Any
    ) -> None:
        self.survey = survey
        self.question = question
        self.languages = survey.languages
        initial: dict[str, Any] = {}
        if question is not None:
            initial = {
                "kind": question.kind,
                "required": question.required,
                "scale": question.scale or Scale.AGREEMENT,
                "min_value": question.min_value,
                "max_value": question.max_value,
                "max_length": question.max_length,
                "condition_question": question.condition_question_id,
                "condition_values": [
                    f"{question.condition_question_id}:{value}"
                    for value in question.condition_values
                ],
                **_initial_texts(question.text, "text"),
                **_initial_texts(question.help, "help"),
            }
            options = list(question.options.all())
            for code in self.languages:
                initial[f"options_{code}"] = "\n".join(
                    option.label.get(code, "") for option in options
                )
        super().__init__(*args, initial=initial, **kwargs)
        _text_fields(self, "text", _("Question"), self.languages, first_required=True)
        _text_fields(self, "help", _("Explanation"), self.languages, textarea=True)
        for index, code in enumerate(self.languages):
            self.fields[f"options_{code}"] = forms.CharField(
                label=_("Options or matrix rows, one per line (%(language)s)")
                % {"language": language_name(code)},
                required=False,
                widget=forms.Textarea(attrs={"rows": 4}),
                help_text=_("The same line in every language.") if index else "",
            )
        earlier = self._earlier_questions()
        language = survey.default_language
        self.fields["condition_question"].choices = [("", "—")] + [
            (q.pk, f"{number}. {q.text_in(language)[:80]}") for number, q in earlier
        ]
        self.fields["condition_values"].choices = [
            (f"{q.pk}:{option.value}", f"{number}. {option.label_in(language, language)[:60]}")
            for number, q in earlier
            if q.kind in CHOICE_KINDS
            for option in q.options.all()
        ]

    def _earlier_questions(self) -> list[tuple[int, Question]]:
        questions = list(
            Question.objects.filter(survey=self.survey)
            .select_related("section")
            .prefetch_related("options")
            .order_by("section__position", "section_id", "position", "id")
        )
        found = []
        for number, question in enumerate(questions, start=1):
            question.survey = self.survey
            if self.question is not None and question.pk == self.question.pk:
                break
            found.append((number, question))
        return found

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        condition = data.get("condition_question")
        values = []
        for item in data.get("condition_values") or []:
            question_id, _sep, value = item.partition(":")
            if condition is None or int(question_id) != condition:
                self.add_error(
                    "condition_values",
                    _("Tick only answers of the question chosen above."),
                )
                break
            values.append(value)
        data["condition_value_list"] = values
        lines = {
            code: [line.strip() for line in (data.get(f"options_{code}") or "").splitlines()]
            for code in self.languages
        }
        first = [line for line in lines[self.languages[0]] if line]
        for code in self.languages[1:]:
            given = [line for line in lines[code] if line]
            if given and len(given) != len(first):
                self.add_error(
                    f"options_{code}",
                    _("Give as many lines as in the first language (%(count)s).")
                    % {"count": len(first)},
                )
        data["option_list"] = [
            {
                "label": {
                    code: ([line for line in lines[code] if line] + [""] * len(first))[index]
                    for code in self.languages
                }
            }
            for index in range(len(first))
        ]
        return data

    def service_data(self) -> dict[str, Any]:
        data = self.cleaned_data
        condition = None
        if data.get("condition_question"):
            condition = Question.objects.filter(
                survey=self.survey, pk=data["condition_question"]
            ).first()
        kind = data["kind"]
        return {
            "kind": kind,
            "text": _texts(data, "text", self.languages),
            "help": _texts(data, "help", self.languages),
            "required": data["required"],
            "scale": data.get("scale") or "",
            "min_value": data.get("min_value"),
            "max_value": data.get("max_value"),
            "max_length": data.get("max_length"),
            "options": data["option_list"] if kind in (*CHOICE_KINDS, QuestionKind.MATRIX) else [],
            "condition_question": condition,
            "condition_values": data["condition_value_list"],
        }


class SegmentInviteForm(forms.Form):
    segment = forms.ChoiceField(label=gettext_lazy("Invite"), choices=Segment.choices)
    category = forms.ChoiceField(
        label=gettext_lazy("Category (for one category)"),
        choices=[("", "—"), *Category.choices],
        required=False,
    )


class ContactsInviteForm(forms.Form):
    contacts = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Contacts"),
        queryset=Contact.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, survey: Survey, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["contacts"].queryset = Contact.objects.for_cluster(survey.cluster).exclude(
            email=""
        )
