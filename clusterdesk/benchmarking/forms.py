"""The forms of excellence benchmarking's pages: the assessment date, a snapshot to save, a
questionnaire answer and a roadmap item turned into a plan action. The rules stay in the
services; these only turn what was typed into values."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import services, texts
from .engine.framework import Question

DATE_ERROR = _("Give a date such as 2026-03-01.")


def _date_input() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class AsOfForm(forms.Form):
    """``?as_of=YYYY-MM-DD``: the day an assessment is made for (today when empty)."""

    as_of = forms.DateField(
        label=_("Assessment date"),
        required=False,
        widget=_date_input(),
        error_messages={"invalid": DATE_ERROR},
        help_text=_("Leave empty for today."),
    )

    def clean_as_of(self) -> Any:
        as_of = self.cleaned_data.get("as_of")
        if as_of is not None:
            problems = services.as_of_problems(as_of, today=timezone.localdate())
            if problems:
                raise forms.ValidationError(problems[0][1])
        return as_of


class SnapshotForm(AsOfForm):
    note = forms.CharField(
        label=_("Note"),
        max_length=255,
        required=False,
        help_text=_("For example: before the board meeting, after the membership campaign."),
    )


YES_NO = [("yes", _("Yes")), ("no", _("No"))]


class AnswerForm(forms.Form):
    """One questionnaire question's answer; the value's field follows the question's kind."""

    question = forms.CharField(widget=forms.HiddenInput)
    answered_on = forms.DateField(
        label=_("Holds from"),
        widget=_date_input(),
        error_messages={"invalid": DATE_ERROR},
        help_text=_("The day the answer is true from."),
    )
    document = forms.FileField(
        label=_("Evidence document"),
        required=False,
        help_text=_("Optional: the survey results, the minutes, the award letter…"),
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    field_order = ["question", "value", "answered_on", "document", "note"]

    def __init__(self, *args: Any, question: Question, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", f"q-{question.id}")
        kwargs.setdefault("initial", {"question": question.id, "answered_on": timezone.localdate()})
        super().__init__(*args, **kwargs)
        self.question = question
        self.fields["value"] = self._value_field(question)
        self.order_fields(self.field_order)

    @staticmethod
    def _value_field(question: Question) -> forms.Field:
        label = _("Answer")
        if question.kind == "date":
            return forms.DateField(
                label=_("Date"), widget=_date_input(), error_messages={"invalid": DATE_ERROR}
            )
        if question.kind == "choice":
            return forms.ChoiceField(
                label=label,
                choices=[("", "—"), *((c, texts.choice_label(c)) for c in question.choices)],
            )
        if question.kind == "yes_no":
            return forms.ChoiceField(label=label, choices=[("", "—"), *YES_NO])
        return forms.DecimalField(label=label, max_digits=14, decimal_places=4)

    def clean_question(self) -> str:
        if self.cleaned_data.get("question") != self.question.id:
            raise forms.ValidationError(_("This answer is for another question."))
        return self.question.id

    def clean_value(self) -> str:
        value = self.cleaned_data.get("value")
        if hasattr(value, "isoformat"):
            return value.isoformat()
        if isinstance(value, Decimal):
            text = format(value.normalize(), "f")
            return text
        return str(value or "")


class RoadmapActionForm(forms.Form):
    """A roadmap item as an action of the implementation plan (prefilled, may be changed)."""

    title = forms.CharField(label=_("Action"), max_length=255)
    target_value = forms.DecimalField(
        label=_("Target"), required=False, max_digits=12, decimal_places=2
    )
    unit = forms.CharField(label=_("Unit"), max_length=50, required=False)
    year = forms.IntegerField(label=_("Plan year"), min_value=2000, max_value=2100)
