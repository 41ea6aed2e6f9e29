from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from clusterdesk.engagement.models import (
    BoardMember,
    Committee,
    CommitteeKind,
    GeneralAssembly,
    Governance,
)
from clusterdesk.engagement.services.governance import (
    board_member_problems,
    committee_problems,
    general_assembly_problems,
    governance_problems,
)
from clusterdesk.participants.forms import DateInput
from clusterdesk.participants.models import Organisation
from clusterdesk.tenancy.models import Cluster

from .common import apply_problems
from .team import DOCUMENT_ACCEPT, file_data


class GovernanceForm(forms.ModelForm):
    class Meta:
        model = Governance
        fields = [
            "legal_form",
            "statutes",
            "statutes_define_benefits_and_duties",
            "statutes_updated_on",
            "general_manager",
            "general_manager_since",
        ]
        widgets = {
            "statutes": forms.ClearableFileInput(attrs={"accept": DOCUMENT_ACCEPT}),
            "statutes_updated_on": DateInput(),
            "general_manager_since": DateInput(),
        }
        help_texts = {
            "legal_form": _("e.g. registered association, cooperative, limited company."),
            "statutes": _("Statutes, bylaws or membership contract: PDF, Word or OpenDocument."),
        }

    def __init__(self, *args: Any, today: date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        apply_problems(self, governance_problems(data=data, today=self.today))
        return data

    def service_data(self) -> dict[str, Any]:
        return file_data(self.cleaned_data, "statutes")


class GeneralAssemblyForm(forms.ModelForm):
    class Meta:
        model = GeneralAssembly
        fields = ["date", "notes", "minutes"]
        widgets = {
            "date": DateInput(),
            "notes": forms.Textarea(attrs={"rows": 4}),
            "minutes": forms.ClearableFileInput(attrs={"accept": DOCUMENT_ACCEPT}),
        }
        help_texts = {"date": _("A date ahead records a planned assembly.")}

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        apply_problems(self, general_assembly_problems(data=data))
        return data

    def service_data(self) -> dict[str, Any]:
        return file_data(self.cleaned_data, "minutes")


class ParticipantChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} · {obj.get_category_display()}"


class BoardMemberForm(forms.ModelForm):
    organisation = ParticipantChoiceField(
        queryset=Organisation.objects.none(),
        required=False,
        label=_("Organisation"),
        empty_label=_("None (independent member)"),
        help_text=_("The participant the member represents; its category counts for industry."),
        error_messages={"invalid_choice": _("Choose a participant of this cluster.")},
    )
    appointment = forms.ChoiceField(
        label=_("Appointment"),
        choices=[("", _("Choose…")), *BoardMember.Appointment.choices],
        error_messages={
            "required": _("Say whether the member was elected, nominated or appointed.")
        },
    )

    class Meta:
        model = BoardMember
        fields = [
            "full_name",
            "organisation",
            "board_role",
            "appointment",
            "started_on",
            "ended_on",
        ]
        widgets = {
            "started_on": DateInput(),
            "ended_on": DateInput(),
        }
        help_texts = {
            "board_role": _("e.g. President, Treasurer, Member."),
            "ended_on": _("Leave empty while the member is in office."),
        }

    def __init__(self, *args: Any, cluster: Cluster, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.cluster = cluster
        self.fields["organisation"].queryset = (
            Organisation.objects.for_cluster(cluster)
            .only("id", "name", "category")
            .order_by("name", "id")
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        apply_problems(self, board_member_problems(cluster=self.cluster, data=data))
        return data


class CommitteeForm(forms.ModelForm):
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[("", _("Choose…")), *CommitteeKind.choices],
        error_messages={
            "required": _("Choose an advisory board, a scientific board or a committee.")
        },
    )

    class Meta:
        model = Committee
        fields = ["kind", "name", "started_on", "ended_on"]
        widgets = {"started_on": DateInput(), "ended_on": DateInput()}
        help_texts = {"ended_on": _("Leave empty while it is active.")}

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        apply_problems(self, committee_problems(data=data))
        return data
