"""The matchmaking forms. Lists are typed as text, one item per line or separated by commas;
the services check the rules, the forms only the types."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from clusterdesk.participants.models import ValueChainPosition

from .engine import MODES
from .models import FollowUpStage, ListingKind
from .services import clean_list

LIST_HELP = _("One per line, or separated by commas.")


class ListField(forms.CharField):
    """A list typed as comma- or line-separated text."""

    widget = forms.Textarea

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", LIST_HELP)
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("rows", 3)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, list | tuple):
            return "\n".join(str(item) for item in value)
        return value

    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        return clean_list(super().to_python(value))


class ProfileForm(forms.Form):
    competences = ListField(
        label=_("Competences"), help_text=_("What the participant is good at. One per line.")
    )
    technologies = ListField(label=_("Technologies"))
    markets = ListField(
        label=_("Markets"), help_text=_("Countries (two-letter codes, e.g. DE) or regions served.")
    )
    languages = ListField(label=_("Languages"), help_text=_("Two-letter codes, e.g. it, en, tr."))
    summary = forms.CharField(
        label=_("What we do and look for"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    value_chain_position = forms.ChoiceField(
        label=_("Value-chain position"),
        required=False,
        choices=[("", "–"), *ValueChainPosition.choices],
        help_text=_("Kept in the participant registry."),
    )
    visible_to_other_clusters = forms.BooleanField(
        label=_("Visible to other clusters"),
        required=False,
        help_text=_(
            "Other clusters on this platform may see the name, category, country, competences, "
            "technologies, markets, summary and active offers and requests. Nothing else."
        ),
    )

    def profile_data(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("value_chain_position", None)
        return data


class ListingForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=ListingKind.choices)
    title = forms.CharField(label=_("Title"), required=False, max_length=200)
    text = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    expires_on = forms.DateField(
        label=_("Expires on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Leave empty to keep it until you withdraw it."),
    )

    def listing_data(self) -> dict[str, Any]:
        return dict(self.cleaned_data)


MODE_CHOICES = [
    ("any", _("Any partner")),
    ("b2b", _("Business to business (B2B)")),
    ("r2b", _("Research to business (R2B)")),
    ("f2b", _("Finance to business (F2B)")),
]
assert [value for value, _label in MODE_CHOICES] == list(MODES)


class RecommendationFilterForm(forms.Form):
    mode = forms.ChoiceField(label=_("Kind of partner"), choices=MODE_CHOICES, required=False)
    cross_sector = forms.BooleanField(label=_("Other sectors only"), required=False)
    other_clusters = forms.BooleanField(
        label=_("Also other clusters' visible profiles"), required=False
    )

    def filters(self) -> dict[str, Any]:
        if not self.is_valid():
            return {"mode": "any", "cross_sector": False, "other_clusters": False}
        return {
            "mode": self.cleaned_data.get("mode") or "any",
            "cross_sector": bool(self.cleaned_data.get("cross_sector")),
            "other_clusters": bool(self.cleaned_data.get("other_clusters")),
        }


class FollowUpForm(forms.Form):
    partner = forms.IntegerField(widget=forms.HiddenInput)
    listing = forms.IntegerField(widget=forms.HiddenInput, required=False)
    partner_listing = forms.IntegerField(widget=forms.HiddenInput, required=False)


class OutcomeForm(forms.Form):
    stage = forms.ChoiceField(label=_("Step"), choices=FollowUpStage.choices)
    date = forms.DateField(
        label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def outcome_data(self) -> dict[str, Any]:
        return dict(self.cleaned_data)


class MatchFilterForm(forms.Form):
    stage = forms.ChoiceField(
        label=_("Stage"),
        required=False,
        choices=[("", _("Any stage")), ("none", _("No step yet")), *FollowUpStage.choices],
    )
