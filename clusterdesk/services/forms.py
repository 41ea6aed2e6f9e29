"""The portfolio's forms. They check types and show the services' rules beside their fields;
the writes are the services' (``services.py``)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from clusterdesk.engagement.forms.common import apply_problems
from clusterdesk.engagement.services.recognition import participant_by_name
from clusterdesk.lib.errors import DomainError
from clusterdesk.participants.forms import DateInput
from clusterdesk.participants.models import Organisation
from clusterdesk.tenancy.models import Cluster

from . import queries, rules
from .models import (
    Candidate,
    Delivery,
    DesignRound,
    Service,
    ServiceArea,
    ServiceStatus,
)
from .services import CANDIDATE_FIELDS, INTRODUCE, REJECT, ROUND_FIELDS, SERVICE_FIELDS

AREA_CHOICES = [(str(value), label) for value, label in ServiceArea.choices]


def money_input() -> forms.NumberInput:
    return forms.NumberInput(attrs={"step": "0.01", "min": "0", "inputmode": "decimal"})


def _areas(values: list[str]) -> list[int]:
    return sorted({int(value) for value in values})


# --------------------------------------------------------------------------- the catalogue


class CatalogueFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Offered and planned (not retired)")), *ServiceStatus.choices],
    )
    area = forms.TypedChoiceField(
        label=_("Service area"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("All areas")), *AREA_CHOICES],
    )

    def filters(self) -> queries.CatalogueFilters:
        if not self.is_valid():
            return queries.CatalogueFilters()
        data = self.cleaned_data
        return queries.CatalogueFilters(
            status=data["status"], area=data["area"], q=data["q"].strip()
        )


class ServiceForm(forms.ModelForm):
    """A catalogue entry, with its name and description in the other languages the public
    site may show."""

    areas = forms.TypedMultipleChoiceField(
        label=_("Service areas"),
        choices=AREA_CHOICES,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The guide asks every portfolio to serve the first four."),
    )

    class Meta:
        model = Service
        fields = [name for name in SERVICE_FIELDS if name != "translations"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "targeted_companies": forms.Textarea(attrs={"rows": 2}),
            "methodology": forms.Textarea(attrs={"rows": 3}),
            "member_price": money_input(),
            "non_member_price": money_input(),
        }
        help_texts = {
            "timing": _("e.g. Ongoing, 5–7 months, from October 2026"),
            "member_price": _("Leave empty when there is no set price."),
        }

    def __init__(self, *args: Any, cluster: Cluster, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.cluster = cluster
        self.fields["owner"].queryset = queries.team_of(cluster)
        self.fields["owner"].help_text = _("The team member responsible for the service.")
        translations = self.instance.translations or {}
        for code, language in settings.LANGUAGES:
            texts = translations.get(code, {})
            self.fields[f"name_{code}"] = forms.CharField(
                label=format_lazy(_("Name in {language}"), language=language),
                required=False,
                max_length=200,
                initial=texts.get("name", ""),
            )
            self.fields[f"description_{code}"] = forms.CharField(
                label=format_lazy(_("Description in {language}"), language=language),
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
                initial=texts.get("description", ""),
            )
        if self.instance.pk and not self.is_bound:
            self.initial["areas"] = [str(link.area) for link in self.instance.area_links.all()]

    def translation_fields(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [
            (self[f"name_{code}"], self[f"description_{code}"]) for code, _ in settings.LANGUAGES
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        merged = {
            name: data.get(name, getattr(self.instance, name))
            for name in SERVICE_FIELDS
            if name != "translations"
        }
        apply_problems(self, rules.service_problems(merged))
        return data

    def service_data(self) -> dict[str, Any]:
        data = {name: self.cleaned_data.get(name) for name in self.Meta.fields}
        data["translations"] = {
            code: {
                "name": self.cleaned_data.get(f"name_{code}", ""),
                "description": self.cleaned_data.get(f"description_{code}", ""),
            }
            for code, _ in settings.LANGUAGES
        }
        return data


# --------------------------------------------------------------------------- the delivery log


class DeliveryForm(forms.ModelForm):
    """A delivery and the participants who received it. The chooser scales to any registry:
    those chosen are ticked boxes, and another is added by typing its name."""

    participants = forms.ModelMultipleChoiceField(
        label=_("Participants"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.MultipleHiddenInput,
        error_messages={
            "invalid_choice": _("Choose participants of this cluster only."),
            "invalid_pk_value": _("Choose participants of this cluster only."),
        },
    )
    add_participant = forms.CharField(
        label=_("Add a participant"),
        required=False,
        max_length=200,
        help_text=_("Type a few letters of the name and pick it from the suggestions."),
        widget=forms.TextInput(attrs={"list": "participant-suggestions", "autocomplete": "off"}),
    )
    rating = forms.TypedChoiceField(
        label=_("Participant's rating"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[
            ("", _("not rated")),
            ("1", _("1 – poor")),
            ("2", "2"),
            ("3", "3"),
            ("4", "4"),
            ("5", _("5 – excellent")),
        ],
        error_messages={
            "invalid_choice": _("A rating is a whole number from 1 (poor) to 5 (excellent).")
        },
    )

    class Meta:
        model = Delivery
        fields = [
            "service",
            "delivered_on",
            "delivered_by",
            "provider",
            "quantity",
            "unit",
            "fee_invoiced",
            "rating",
            "outcome",
        ]
        widgets = {
            "delivered_on": DateInput(),
            "quantity": forms.NumberInput(attrs={"step": "0.5", "min": "0"}),
            "fee_invoiced": money_input(),
            "outcome": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "fee_invoiced": _("0 for a free delivery. Counted as service-fee income of the year."),
            "quantity": _("How much was delivered, in the unit beside it."),
        }

    def __init__(self, *args: Any, cluster: Cluster, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.cluster = cluster
        services = Service.objects.for_cluster(cluster).exclude(
            status__in=(ServiceStatus.IDEA, ServiceStatus.SHORTLISTED)
        )
        self.fields["service"].queryset = services.order_by("code", "name")
        self.fields["delivered_by"].queryset = queries.team_of(cluster)
        self.fields["participants"].queryset = Organisation.objects.for_cluster(cluster).only(
            "id", "name", "cluster_id"
        )
        self.fields["fee_invoiced"].required = False
        if not self.instance.pk and not self.is_bound:
            self.initial.setdefault("delivered_on", timezone.localdate())
        if self.instance.pk and not self.is_bound:
            self.initial["participants"] = [o.pk for o in self.instance.participants.all()]

    def clean_add_participant(self) -> Organisation | None:
        name = (self.cleaned_data.get("add_participant") or "").strip()
        if not name:
            return None
        try:
            return participant_by_name(self.cluster, name)
        except DomainError as error:
            raise forms.ValidationError(error.message) from None

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        merged = {
            name: data.get(name, getattr(self.instance, name, None))
            for name in self.Meta.fields
            if name != "service"
        }
        apply_problems(self, rules.delivery_problems(merged, today=timezone.localdate()))
        return data

    def received_by(self) -> list[Organisation]:
        """The participants chosen, with the one typed in the add box."""
        chosen = list(self.cleaned_data.get("participants") or [])
        added = self.cleaned_data.get("add_participant")
        if added is not None and added.pk not in {o.pk for o in chosen}:
            chosen.append(added)
        return chosen

    def delivery_data(self) -> dict[str, Any]:
        return {
            name: self.cleaned_data.get(name)
            for name in self.Meta.fields
            if name in self.cleaned_data
        }

    def chosen_participants(self) -> list[Organisation]:
        """The participants to show as ticked boxes (one query, whatever the registry's size)."""
        if self.is_bound:
            ids = [value for value in self.data.getlist("participants") if value.isdigit()]
        else:
            ids = [str(value) for value in self.initial.get("participants", [])]
        if not ids:
            return []
        return list(
            Organisation.objects.for_cluster(self.cluster)
            .filter(pk__in=ids)
            .only("id", "name")
            .order_by("name")
        )


class DeliveryFilterForm(forms.Form):
    q = forms.CharField(label=_("Participant"), required=False, max_length=100)
    service = forms.TypedChoiceField(
        label=_("Service"), required=False, coerce=int, empty_value=None
    )
    area = forms.TypedChoiceField(
        label=_("Service area"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("All areas")), *AREA_CHOICES],
    )
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    participant = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args: Any, cluster: Cluster, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["service"].choices = [
            ("", _("All services")),
            *(
                (str(pk), f"{code} · {name}" if code else name)
                for pk, code, name in Service.objects.for_cluster(cluster)
                .order_by("code", "name")
                .values_list("pk", "code", "name")
            ),
        ]
        years = queries.delivery_years(cluster)
        self.fields["year"].choices = [("", _("All years")), *((str(y), str(y)) for y in years)]

    def filters(self) -> queries.DeliveryFilters:
        if not self.is_valid():
            return queries.DeliveryFilters()
        data = self.cleaned_data
        return queries.DeliveryFilters(
            service=data["service"],
            area=data["area"],
            year=data["year"],
            q=data["q"].strip(),
            participant=data["participant"],
        )


# --------------------------------------------------------------------------- design rounds


class DesignRoundForm(forms.ModelForm):
    class Meta:
        model = DesignRound
        fields = ROUND_FIELDS
        widgets = {"started_on": DateInput(), "notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.instance.pk and not self.is_bound:
            self.initial.setdefault("started_on", timezone.localdate())


class CandidateForm(forms.ModelForm):
    areas = forms.TypedMultipleChoiceField(
        label=_("Service areas"),
        choices=AREA_CHOICES,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Candidate
        fields = CANDIDATE_FIELDS
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "targeted_companies": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "description": _("What the service would do; the questionnaire shows this text."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["areas"] = [str(area) for area in self.instance.areas]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        apply_problems(self, rules.candidate_problems(data))
        return data


class PointsField(forms.CharField):
    """Points typed one per line."""

    widget = forms.Textarea(attrs={"rows": 5})

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, list):
            return "\n".join(value)
        return value

    def to_python(self, value: Any) -> list[str]:
        text = super().to_python(value) or ""
        return [line.strip(" -•\t") for line in text.splitlines() if line.strip(" -•\t")]


class SwotForm(forms.Form):
    strengths = PointsField(label=_("Strengths"), required=False)
    weaknesses = PointsField(label=_("Weaknesses"), required=False)
    opportunities = PointsField(label=_("Opportunities"), required=False)
    threats = PointsField(label=_("Threats"), required=False)

    def __init__(self, *args: Any, candidate: Candidate, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for part in rules.SWOT_PARTS:
            self.fields[part].initial = getattr(candidate, part)
            self.fields[part].help_text = _("One point per line.")

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        apply_problems(self, rules.swot_problems(data))
        return data


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (INTRODUCE, _("Introduce it: add it to the catalogue as a new service")),
            (REJECT, _("Reject it")),
        ],
        widget=forms.RadioSelect,
    )
    code = forms.CharField(
        label=_("Identifier in the catalogue"),
        required=False,
        max_length=20,
        help_text=_("For a service introduced; the next free number when left empty."),
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Needed to reject; worth a line either way, for the board."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("decision") == REJECT and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Say why the idea is rejected."))
        return data


class SurveyTitleForm(forms.Form):
    title = forms.CharField(label=_("Title of the questionnaire"), required=False, max_length=200)
