from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clusterdesk.engagement.models import PlanAction, StrategyDocument
from clusterdesk.engagement.services.strategy import (
    ACTION_FIELDS,
    DOCUMENT_FIELDS,
    action_problems,
    document_problems,
    plan_owners,
)
from clusterdesk.participants.forms import DateInput
from clusterdesk.tenancy.models import Cluster

from .common import apply_problems
from .finance import check_document_size, document_field


class StrategyDocumentForm(forms.ModelForm):
    document = document_field(_("Document"))

    class Meta:
        model = StrategyDocument
        fields = DOCUMENT_FIELDS
        widgets = {"adopted_on": DateInput(), "updated_on": DateInput()}
        help_texts = {
            "title": _("e.g. Cluster strategy 2025–2028"),
            "updated_on": _("The date of the latest revision; the adoption date if none yet."),
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        check_document_size(self, "document")
        merged = {name: data.get(name, getattr(self.instance, name)) for name in DOCUMENT_FIELDS}
        apply_problems(self, document_problems(merged, today=timezone.localdate()))
        return data


class OwnerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return obj.get_full_name()


class PlanActionForm(forms.ModelForm):
    owner = OwnerChoiceField(
        label=_("Owner"),
        queryset=None,
        required=False,
        empty_label=_("Nobody yet"),
        error_messages={
            "invalid_choice": _("Choose the owner among the cluster's managers and staff.")
        },
    )

    class Meta:
        model = PlanAction
        fields = ACTION_FIELDS
        widgets = {
            "due_on": DateInput(),
            "year": forms.NumberInput(attrs={"min": 1990, "max": 2100}),
            "target_value": forms.NumberInput(attrs={"step": "any"}),
            "achieved_value": forms.NumberInput(attrs={"step": "any"}),
            "budget": forms.NumberInput(attrs={"step": "0.01", "min": "0"}),
        }
        help_texts = {
            "title": _("What will be done, e.g. Organise a delegation to Hannover Messe"),
            "indicator": _("How success is measured, e.g. SMEs taking part"),
            "target_value": _("The value to reach, e.g. 12"),
            "unit": _("e.g. companies, events, €"),
            "achieved_value": _("Fill in once it is known."),
        }

    def __init__(self, *args: Any, cluster: Cluster, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = plan_owners(cluster)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        merged = {name: data.get(name, getattr(self.instance, name)) for name in ACTION_FIELDS}
        # A field that failed already has its message; do not judge the others by it.
        for name in self.errors:
            merged[name] = None
        if "target_value" in self.errors:
            merged["achieved_value"] = None
        apply_problems(self, action_problems(merged, today=timezone.localdate()))
        return data
