from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from clusterdesk.engagement.models import StaffMember, TrainingRecord
from clusterdesk.engagement.services.team import (
    STAFF_FIELDS,
    staff_member_problems,
    team_accounts,
    training_problems,
)
from clusterdesk.participants.forms import DateInput
from clusterdesk.tenancy.models import Cluster

from .common import apply_problems

DOCUMENT_ACCEPT = ".pdf,.doc,.docx,.odt,.rtf,.txt"


def file_data(data: dict[str, Any], name: str) -> dict[str, Any]:
    """The form's file field as the services read it: a new upload, "" to remove the stored
    file (the "clear" box), or absent to keep it."""
    data = dict(data)
    value = data.get(name)
    if value is False:
        data[name] = ""
    elif not value or not hasattr(value, "content_type"):
        data.pop(name, None)
    return data


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.get_full_name()} ({obj.email})" if obj.full_name else obj.email


class StaffMemberForm(forms.ModelForm):
    user = UserChoiceField(
        queryset=get_user_model().objects.none(),
        required=False,
        label=_("User account"),
        empty_label=_("No account"),
        help_text=_("Optional: the person's ClusterDesk account in this cluster."),
        error_messages={"invalid_choice": _("Choose a person with an account in this team.")},
    )
    fte = forms.DecimalField(
        label=_("FTE"),
        help_text=_("Share of a full-time post: 1 for full time, 0.5 for half time."),
        widget=forms.NumberInput(attrs={"step": "0.05", "min": "0.05", "max": "1"}),
    )

    class Meta:
        model = StaffMember
        fields = ["full_name", "post", "user", "fte", "started_on", "ended_on", "job_description"]
        widgets = {
            "started_on": DateInput(),
            "ended_on": DateInput(),
            "job_description": forms.ClearableFileInput(attrs={"accept": DOCUMENT_ACCEPT}),
        }
        help_texts = {
            "ended_on": _("Their last day in this post; leave empty while they hold it."),
            "job_description": _("PDF, Word or OpenDocument, up to 10 MB."),
        }

    def __init__(self, *args: Any, cluster: Cluster, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.cluster = cluster
        accounts = team_accounts(cluster)
        if self.instance.user_id:
            # Someone whose access was removed stays linked until the link is changed.
            accounts = accounts | get_user_model().objects.filter(pk=self.instance.user_id)
        self.fields["user"].queryset = accounts.distinct()

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        stored = self.instance if self.instance.pk else None
        values = {name: data.get(name) for name in STAFF_FIELDS}
        values["job_description"] = data.get("job_description")
        apply_problems(
            self, staff_member_problems(cluster=self.cluster, data=values, instance=stored)
        )
        return data

    def service_data(self) -> dict[str, Any]:
        return file_data(self.cleaned_data, "job_description")


class StaffEndForm(forms.Form):
    ended_on = forms.DateField(
        label=_("Last day in the post"),
        widget=DateInput(),
        error_messages={"required": _("Give the person's last day in the post.")},
    )

    def __init__(self, *args: Any, staff_member: StaffMember, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.staff_member = staff_member

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        member = self.staff_member
        values = {name: getattr(member, name) for name in STAFF_FIELDS}
        values["ended_on"] = data.get("ended_on")
        if values["ended_on"] is not None:
            apply_problems(
                self,
                staff_member_problems(cluster=member.cluster, data=values, instance=member),
            )
        return data


class TrainingRecordForm(forms.ModelForm):
    days = forms.DecimalField(
        label=_("Days"),
        help_text=_("In half-day steps: 0.5, 1, 1.5…"),
        widget=forms.NumberInput(attrs={"step": "0.5", "min": "0.5"}),
    )

    class Meta:
        model = TrainingRecord
        fields = ["date", "days", "topic", "provider"]
        widgets = {"date": DateInput()}
        help_texts = {"provider": _("Who gave the training, e.g. a university or an agency.")}

    def __init__(self, *args: Any, staff_member: StaffMember, today: date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.staff_member = staff_member
        self.today = today

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        apply_problems(
            self, training_problems(staff_member=self.staff_member, data=data, today=self.today)
        )
        return data
