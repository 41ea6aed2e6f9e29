from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Category, Commitment, Contact, ImportKind, Organisation
from .nace import divisions, parse_codes
from .rules import (
    CONTACT_FIELDS,
    MANAGED_FIELDS,
    ORGANISATION_FIELDS,
    contact_problems,
    organisation_problems,
)


class ListField(forms.CharField):
    """A list typed as text, one item after another separated by commas or semicolons."""

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, list):
            return ", ".join(value)
        return value

    def to_python(self, value: Any) -> list[str]:
        text = super().to_python(value) or ""
        items: list[str] = []
        for item in text.replace(";", ",").split(","):
            item = item.strip()
            if item and item not in items:
                items.append(item)
        return items


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class OrganisationForm(forms.ModelForm):
    nace_codes = forms.CharField(
        label=_("Sector codes (NACE Rev. 2)"),
        required=False,
        help_text=_("For example 13.10, 14.13 – separated by commas."),
    )
    tags = ListField(label=_("Tags"), required=False, help_text=_("Separated by commas."))
    technologies = ListField(
        label=_("Technologies"), required=False, help_text=_("Separated by commas.")
    )
    website = forms.URLField(
        label=_("Website"), required=False, max_length=300, assume_scheme="https"
    )

    class Meta:
        model = Organisation
        fields = [*ORGANISATION_FIELDS, "agreement_document"]
        widgets = {
            "agreement_signed_on": DateInput(),
            "membership_start": DateInput(),
            "membership_end": DateInput(),
            "description": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["nace_codes"] = ", ".join(s.code for s in self.instance.sectors.all())

    def clean_nace_codes(self) -> list[str]:
        codes, rejected = parse_codes(self.cleaned_data.get("nace_codes") or "")
        if rejected:
            raise forms.ValidationError(
                _("These are not NACE Rev. 2 codes: %(codes)s.") % {"codes": ", ".join(rejected)}
            )
        return codes

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        for field, message in organisation_problems(data, today=timezone.localdate()):
            if field in self.fields and field not in self.errors:
                self.add_error(field, message)
        return data

    def service_data(self) -> dict[str, Any]:
        data = {k: v for k, v in self.cleaned_data.items() if k != "nace_codes"}
        if not data.get("agreement_document"):
            data.pop("agreement_document", None)
        elif data["agreement_document"] is False:  # "clear" ticked
            data["agreement_document"] = ""
        return data


class OrganisationProfileForm(OrganisationForm):
    """What a participant's own representative edits: its profile, not its membership."""

    class Meta(OrganisationForm.Meta):
        fields = [name for name in OrganisationForm.Meta.fields if name not in MANAGED_FIELDS]

    def clean(self) -> dict[str, Any]:
        # The stored commitment still applies to the rules (a committed participant keeps
        # its agreement date).
        for name in MANAGED_FIELDS:
            self.cleaned_data.setdefault(name, getattr(self.instance, name))
        data = super().clean()
        for name in MANAGED_FIELDS:
            data.pop(name, None)
        return data


class ContactForm(forms.ModelForm):
    class Meta:
        model = Contact
        fields = CONTACT_FIELDS

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        for field, message in contact_problems(data):
            if field in self.fields and field not in self.errors:
                self.add_error(field, message)
        return data


class RegistryFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    category = forms.ChoiceField(
        label=_("Category"), required=False, choices=[("", _("All categories")), *Category.choices]
    )
    commitment = forms.ChoiceField(
        label=_("Commitment"),
        required=False,
        choices=[("", _("Any commitment")), *Commitment.choices],
    )
    region = forms.ChoiceField(label=_("Region"), required=False)
    sector = forms.ChoiceField(label=_("Sector"), required=False)
    sort = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, regions: list[str], sectors: list[str], **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = [("", _("All regions")), *[(r, r) for r in regions]]
        names = divisions()
        self.fields["sector"].choices = [
            ("", _("All sectors")),
            *[(code, f"{code} – {names.get(code, '')}") for code in sectors],
        ]


class ImportForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("The file holds"),
        choices=ImportKind.choices,
        widget=forms.RadioSelect,
        initial=ImportKind.ORGANISATIONS,
    )
    file = forms.FileField(
        label=_("File (CSV or Excel .xlsx)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.txt,.xlsx"}),
    )
