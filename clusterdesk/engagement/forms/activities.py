"""Forms of the activity and working-group pages. They check input with the services' rules
(written once) so that every problem is shown beside its field or row before anything is
saved; the services check again for every other caller."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clusterdesk.engagement.models import (
    Activity,
    ActivityKind,
    InvolvementRole,
    WorkingGroup,
    WorkingGroupOutput,
)
from clusterdesk.engagement.services.activities import (
    ACTIVITY_FIELDS,
    ActivityFilters,
    InvolvementInput,
    activity_problems,
    involvement_problems,
    output_problems,
    working_group_problems,
)
from clusterdesk.lib.errors import DomainError
from clusterdesk.participants.forms import DateInput
from clusterdesk.participants.models import Contact, Organisation
from clusterdesk.tenancy.models import Cluster

from .common import apply_problems

# Beyond this a page of rows is not how an activity is recorded (events register people).
MAX_ROWS = 300
MAX_DOCUMENT_BYTES = 20 * 1024 * 1024


class ActivityForm(forms.ModelForm):
    class Meta:
        model = Activity
        fields = list(ACTIVITY_FIELDS)
        widgets = {
            "starts_on": DateInput(),
            "ends_on": DateInput(),
            "description": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "ends_on": _("The same day as the start for a one-day activity."),
            "is_international": _("Abroad, or with partners from other countries."),
        }

    def __init__(self, *args: Any, cluster: Cluster, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.cluster = cluster
        group = self.fields["working_group"]
        group.queryset = WorkingGroup.objects.for_cluster(cluster).only("id", "name")
        group.empty_label = _("None")
        group.error_messages["invalid_choice"] = _("Choose a working group of this cluster.")

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        problems = activity_problems(
            cluster=self.cluster,
            kind=data.get("kind") or "",
            title=data.get("title") or "",
            starts_on=data.get("starts_on"),
            ends_on=data.get("ends_on"),
            working_group=data.get("working_group"),
        )
        # A field Django already refused (a date it could not read) keeps its own message.
        apply_problems(self, [(f, m) for f, m in problems if f not in self.errors])
        return data


class InvolvementRowForm(forms.Form):
    """One participant's row: the organisation chosen with the search box, its role, days."""

    organisation = forms.IntegerField(widget=forms.HiddenInput)
    role = forms.ChoiceField(label=_("Role"), choices=InvolvementRole.choices)
    days = forms.DecimalField(
        label=_("Days"),
        widget=forms.NumberInput(attrs={"step": "0.5", "min": "0.5", "inputmode": "decimal"}),
        error_messages={
            "invalid": _("Give the days as a number, e.g. 0.5, 1 or 2.5."),
            "required": _("Give the days of involvement."),
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.organisation_obj: Organisation | None = None
        self.fields["organisation"].error_messages["required"] = _("Choose a participant.")


class BaseInvolvementFormSet(forms.BaseFormSet):
    """Rows added and removed in the page: every row is a new one (a removed row leaves a gap
    in the numbering, which is fine), and the organisations are read in one query."""

    def __init__(self, *args: Any, cluster: Cluster, **kwargs: Any) -> None:
        initial = kwargs.get("initial") or []
        super().__init__(*args, **kwargs)
        self.cluster = cluster
        if not self.is_bound:
            self.extra = len(initial)
        self.inputs: list[InvolvementInput] = []
        self.input_forms: list[InvolvementRowForm] = []
        self._resolve_organisations()

    def initial_form_count(self) -> int:
        return 0

    def _submitted_id(self, form: forms.Form) -> int | None:
        if self.is_bound:
            raw = form.data.get(form.add_prefix("organisation"))
        else:
            raw = (form.initial or {}).get("organisation")
        try:
            return int(raw) if raw not in (None, "") else None
        except (TypeError, ValueError):
            return None

    def _resolve_organisations(self) -> None:
        ids = {self._submitted_id(form) for form in self.forms} - {None}
        known = {
            organisation.pk: organisation
            for organisation in Organisation.objects.for_cluster(self.cluster)
            .filter(pk__in=ids)
            .only("id", "name", "category", "cluster_id")
        }
        for form in self.forms:
            form.organisation_obj = known.get(self._submitted_id(form))

    def check(self, starts_on: date | None, ends_on: date | None) -> None:
        """Validate the rows against the activity's dates; fills ``inputs`` with the rows that
        can be saved. Rows Django already refused keep their own messages."""
        self.errors  # noqa: B018 - runs the fields' own cleaning first
        self.inputs, self.input_forms = [], []
        for form in self.forms:
            if not form.has_changed() or form.errors:
                continue
            if form.organisation_obj is None:
                form.add_error(None, _("Choose a participant of this cluster."))
                continue
            self.inputs.append(
                InvolvementInput(
                    organisation=form.organisation_obj,
                    role=form.cleaned_data["role"],
                    days=form.cleaned_data["days"],
                )
            )
            self.input_forms.append(form)
        if len(self.inputs) > MAX_ROWS:
            self._non_form_errors.append(
                _(
                    "At most %(count)s participants can be recorded on this page; record "
                    "larger events from their registrations."
                )
                % {"count": MAX_ROWS}
            )
        self.add_problems(
            involvement_problems(
                cluster_id=self.cluster.pk,
                starts_on=starts_on,
                ends_on=ends_on,
                involvements=self.inputs,
            )
        )

    def add_problems(self, problems: list[tuple[str, str]]) -> None:
        """Show problems named ``involvements.<index>.<field>`` on their rows."""
        for field_name, message in problems:
            _prefix, index, name = field_name.split(".", 2)
            form = self.input_forms[int(index)]
            if name in form.fields and name != "organisation":
                if name not in form.errors:
                    form.add_error(name, message)
            else:
                form.add_error(None, message)

    @property
    def shown_forms(self) -> list[InvolvementRowForm]:
        """The rows to show again: not the gaps left by rows removed in the page."""
        if not self.is_bound:
            return list(self.forms)
        return [form for form in self.forms if form.has_changed()]

    @property
    def has_row_errors(self) -> bool:
        return any(form.errors for form in self.forms) or bool(self.non_form_errors())


InvolvementFormSet = forms.formset_factory(
    InvolvementRowForm,
    formset=BaseInvolvementFormSet,
    extra=0,
    max_num=MAX_ROWS + 50,
    absolute_max=MAX_ROWS + 50,
)


class ActivityEditor:
    """The activity page's form: the activity's fields and its rows of participants."""

    prefix = "involvements"

    def __init__(
        self,
        data: Any = None,
        *,
        cluster: Cluster,
        instance: Activity | None = None,
        initial: dict[str, Any] | None = None,
    ) -> None:
        self.form = ActivityForm(data, cluster=cluster, instance=instance, initial=initial)
        rows = []
        if data is None and instance is not None:
            rows = [
                {
                    "organisation": involvement.organisation_id,
                    "role": involvement.role,
                    # 10, not 1E+1 nor 10.0
                    "days": Decimal(format(involvement.days.normalize(), "f")),
                }
                for involvement in instance.involvements.all()
            ]
        self.formset = InvolvementFormSet(
            data, cluster=cluster, prefix=self.prefix, initial=rows or None
        )

    def is_valid(self) -> bool:
        form_valid = self.form.is_valid()
        data = self.form.cleaned_data
        dates_ok = "starts_on" not in self.form.errors and "ends_on" not in self.form.errors
        self.formset.check(
            data.get("starts_on") if dates_ok else None, data.get("ends_on") if dates_ok else None
        )
        return form_valid and not self.formset.has_row_errors

    def activity_data(self) -> dict[str, Any]:
        return dict(self.form.cleaned_data)

    def add_error(self, error: DomainError) -> None:
        field_name = error.field or ""
        if field_name.startswith("involvements."):
            self.formset.add_problems([(field_name, error.message)])
        elif field_name in self.form.fields:
            self.form.add_error(field_name, error.message)
        else:
            self.form.add_error(None, error.message)

    @property
    def has_errors(self) -> bool:
        return bool(self.form.errors) or self.formset.has_row_errors


class WorkingGroupForm(forms.ModelForm):
    """The chair and the members are chosen with search boxes: the form never lists all the
    participants, it checks the ids it receives (one query each)."""

    chair = forms.ModelChoiceField(
        label=_("Chair (organisation)"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.HiddenInput,
    )
    chair_person = forms.ModelChoiceField(
        label=_("Chair (person)"), queryset=Contact.objects.none(), required=False
    )
    members = forms.ModelMultipleChoiceField(
        label=_("Member organisations"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.MultipleHiddenInput,
    )

    class Meta:
        model = WorkingGroup
        fields = ["name", "theme", "chair", "chair_person", "started_on", "ended_on", "description"]
        widgets = {
            "started_on": DateInput(),
            "ended_on": DateInput(),
            "description": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args: Any, cluster: Cluster, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.cluster = cluster
        organisations = Organisation.objects.for_cluster(cluster)
        self.fields["chair"].queryset = organisations
        self.fields["members"].queryset = organisations.only("id", "name", "cluster_id")
        self.fields["chair_person"].queryset = Contact.objects.for_cluster(cluster)
        message = _("Choose a participant of this cluster.")
        self.fields["chair"].error_messages["invalid_choice"] = message
        self.fields["members"].error_messages["invalid_choice"] = message
        self.fields["members"].error_messages["invalid_pk_value"] = message
        self.fields["chair_person"].error_messages["invalid_choice"] = _(
            "Choose a person of this cluster."
        )
        if self.instance.pk and not self.is_bound:
            self.initial["members"] = [m.pk for m in self.instance.members.all()]

    def chosen_chair(self) -> Organisation | None:
        """The chair to show on the page: the submitted one (if of this cluster) or the
        stored one."""
        if self.is_bound:
            raw = self.data.get(self.add_prefix("chair"))
            if not raw or not str(raw).isdigit():
                return None
            return Organisation.objects.for_cluster(self.cluster).filter(pk=raw).first()
        return self.instance.chair if self.instance.pk else None

    def chosen_members(self) -> list[Organisation]:
        if self.is_bound:
            ids = [v for v in self.data.getlist(self.add_prefix("members")) if v.isdigit()]
        else:
            ids = self.initial.get("members") or []
        return list(
            Organisation.objects.for_cluster(self.cluster)
            .filter(pk__in=ids)
            .only("id", "name", "category", "city")
            .order_by("name_key", "id")
        )

    def chosen_person_id(self) -> int | None:
        if self.is_bound:
            raw = self.data.get(self.add_prefix("chair_person"))
            return int(raw) if raw and str(raw).isdigit() else None
        return self.instance.chair_person_id if self.instance.pk else None

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("chair") is None:
            # Unticking the chair leaves the group without one, whoever was chosen as person.
            data["chair_person"] = None
        problems = working_group_problems(
            cluster=self.cluster,
            name=data.get("name") or "",
            chair=data.get("chair"),
            chair_person=data.get("chair_person"),
            started_on=data.get("started_on"),
            ended_on=data.get("ended_on"),
            members=list(data.get("members") or []),
        )
        apply_problems(self, problems)
        return data

    def service_data(self) -> dict[str, Any]:
        return {k: v for k, v in self.cleaned_data.items() if k != "members"}


class OutputForm(forms.ModelForm):
    class Meta:
        model = WorkingGroupOutput
        fields = ["title", "date", "description", "document"]
        widgets = {
            "date": DateInput(),
            "description": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {"document": _("Optional: a report, minutes or a position paper.")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "output")
        super().__init__(*args, **kwargs)
        self.fields["date"].initial = timezone.localdate

    def clean_document(self) -> Any:
        document = self.cleaned_data.get("document")
        if document and getattr(document, "size", 0) > MAX_DOCUMENT_BYTES:
            raise forms.ValidationError(_("The document is larger than 20 MB."))
        return document

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        apply_problems(
            self,
            [
                (f, m)
                for f, m in output_problems(title=data.get("title") or "", date=data.get("date"))
                if f not in self.errors
            ],
        )
        return data


class ActivityFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *ActivityKind.choices]
    )
    working_group = forms.TypedChoiceField(
        label=_("Working group"), required=False, coerce=int, empty_value=None
    )
    international = forms.ChoiceField(
        label=_("International"),
        required=False,
        choices=[("", _("Any")), ("yes", _("International")), ("no", _("Not international"))],
    )
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    date_from = forms.DateField(label=_("From"), required=False, widget=DateInput())
    date_to = forms.DateField(label=_("To"), required=False, widget=DateInput())
    participant = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(
        self, *args: Any, groups: list[tuple[int, str]], years: list[int], **kwargs: Any
    ) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["working_group"].choices = [("", _("All groups")), *groups]
        self.fields["year"].choices = [("", _("All years")), *[(y, str(y)) for y in years]]

    def filters(self) -> ActivityFilters:
        if not self.is_valid():
            return ActivityFilters()
        data = self.cleaned_data
        international = {"yes": True, "no": False}.get(data["international"])
        return ActivityFilters(
            q=data["q"].strip(),
            kind=data["kind"],
            working_group=data["working_group"],
            international=international,
            year=data["year"],
            date_from=data["date_from"],
            date_to=data["date_to"],
            participant=data["participant"],
        )
