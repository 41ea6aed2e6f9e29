"""Forms of the contact log: logging a contact (in full and in the quick-log box), follow-up
tasks, the list's filters and the import upload. The rules themselves live in the services;
the forms read what was typed and name the participant it means."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clusterdesk.engagement import rules
from clusterdesk.engagement.models import ContactKind, PersonalContact
from clusterdesk.engagement.services.contacts import team_members
from clusterdesk.participants.forms import DateInput
from clusterdesk.participants.matching import name_key, vat_key
from clusterdesk.participants.models import Contact, Organisation
from clusterdesk.tenancy.models import Cluster, User


class FirstOptionLabelled:
    """Radio buttons and checkboxes whose field is named by its first option's id, so that
    the error summary's link lands on the group."""

    def id_for_label(self, id_: str, index: str | None = "0") -> str:
        return super().id_for_label(id_, index)  # type: ignore[misc]


class KindRadioSelect(FirstOptionLabelled, forms.RadioSelect):
    pass


class TeamCheckboxes(FirstOptionLabelled, forms.CheckboxSelectMultiple):
    pass


class TeamMemberChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:  # type: ignore[override]
        return obj.get_full_name()


class TeamMembersChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: User) -> str:  # type: ignore[override]
        return obj.get_full_name()


def find_participant(
    cluster: Cluster, text: str, organisation_id: Any = None
) -> Organisation | None:
    """The participant a person means: the one chosen from the suggestions (its id travels in
    a hidden field) as long as its name is still what is typed, else the one whose name or VAT
    number is typed."""
    text = (text or "").strip()
    organisations = Organisation.objects.for_cluster(cluster)
    if organisation_id not in (None, ""):
        try:
            chosen = organisations.filter(pk=int(organisation_id)).first()
        except (TypeError, ValueError):
            chosen = None
        if chosen is not None and (not text or name_key(text) == chosen.name_key):
            return chosen
    if not text:
        return None
    key = name_key(text)
    if key:
        found = organisations.filter(name_key=key).first()
        if found is not None:
            return found
    vat = vat_key(text)
    if sum(ch.isdigit() for ch in vat) >= 6:
        return organisations.filter(vat_number__icontains=vat).first()
    return None


class ParticipantMixin:
    """A text field with suggestions for the participant, and the hidden id of the one
    chosen. ``clean()`` puts the Organisation in ``cleaned_data["organisation"]``."""

    cluster: Cluster
    cleaned_data: dict[str, Any]

    def _clean_participant(self, required: bool) -> None:
        text = self.cleaned_data.get("participant", "")
        organisation = find_participant(
            self.cluster, text, self.cleaned_data.get("organisation_id")
        )
        self.cleaned_data["organisation"] = organisation
        if organisation is None and (text or required):
            message = (
                _(
                    "No participant of this cluster is called “%(name)s”; choose one from "
                    "the suggestions."
                )
                % {"name": text}
                if text
                else _("Choose the participant you were in contact with.")
            )
            self.add_error("participant", message)  # type: ignore[attr-defined]


def _participant_field(auto_list: str) -> forms.CharField:
    return forms.CharField(
        label=_("Participant"),
        required=False,
        max_length=200,
        widget=forms.TextInput(
            attrs={
                "list": auto_list,
                "autocomplete": "off",
                "placeholder": _("Start typing a name or VAT number"),
            }
        ),
    )


class PersonalContactForm(ParticipantMixin, forms.Form):
    participant = _participant_field("participant-options")
    organisation_id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    kind = forms.ChoiceField(
        label=_("Kind of contact"), choices=ContactKind.choices, widget=KindRadioSelect
    )
    date = forms.DateField(label=_("Date"), widget=DateInput())
    staff = TeamMembersChoice(
        label=_("Team members present"),
        queryset=User.objects.none(),
        required=False,
        widget=TeamCheckboxes,
        help_text=_("You, when nobody is ticked."),
    )
    people_met = forms.ModelMultipleChoiceField(
        label=_("People met"), queryset=Contact.objects.none(), required=False
    )
    notes = forms.CharField(
        label=_("Notes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What was discussed, what was agreed, what comes next."),
    )
    follow_up_title = forms.CharField(label=_("Task"), required=False, max_length=255)
    follow_up_due_on = forms.DateField(label=_("Due on"), required=False, widget=DateInput())
    follow_up_assignee = TeamMemberChoice(
        label=_("Assigned to"), queryset=User.objects.none(), required=False
    )

    def __init__(
        self,
        *args: Any,
        cluster: Cluster,
        user: User,
        contact: PersonalContact | None = None,
        **kwargs: Any,
    ) -> None:
        self.cluster = cluster
        self.contact = contact
        if contact is not None and not args and "initial" not in kwargs:
            kwargs["initial"] = {
                "participant": contact.organisation.name,
                "organisation_id": contact.organisation_id,
                "kind": contact.kind,
                "date": contact.date,
                "staff": [person.pk for person in contact.staff.all()],
                "people_met": [person.pk for person in contact.people_met.all()],
                "notes": contact.notes,
            }
        super().__init__(*args, **kwargs)
        team = team_members(cluster)
        if contact is not None:
            # People who left the team stay on the contacts they made.
            team = (
                User.objects.filter(Q(pk__in=team.values("pk")) | Q(personal_contacts=contact))
                .distinct()
                .order_by("full_name", "email")
            )
        self.fields["staff"].queryset = team
        self.fields["follow_up_assignee"].queryset = team_members(cluster)
        self.fields["people_met"].queryset = Contact.objects.for_cluster(cluster)
        self.fields["date"].initial = timezone.localdate
        self.fields["staff"].initial = [user.pk]
        self.fields["follow_up_assignee"].initial = user.pk
        if contact is not None:
            for name in ("follow_up_title", "follow_up_due_on", "follow_up_assignee"):
                del self.fields[name]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        self._clean_participant(required=True)
        for name, message in rules.not_in_future(
            data.get("date"), "date", today=timezone.localdate()
        ):
            if name not in self.errors:
                self.add_error(name, message)
        if "follow_up_title" in self.fields:
            title = (data.get("follow_up_title") or "").strip()
            due_on = data.get("follow_up_due_on")
            if title and due_on is None and "follow_up_due_on" not in self.errors:
                self.add_error("follow_up_due_on", _("Give the date the task is due."))
            if due_on is not None and not title:
                self.add_error("follow_up_title", _("Say what is to be done."))
        return data

    @property
    def organisation(self) -> Organisation | None:
        return self.cleaned_data.get("organisation")

    def follow_up(self) -> tuple[str, date | None, Any] | None:
        title = (self.cleaned_data.get("follow_up_title") or "").strip()
        if not title:
            return None
        return (
            title,
            self.cleaned_data.get("follow_up_due_on"),
            self.cleaned_data.get("follow_up_assignee"),
        )

    def service_data(self) -> dict[str, Any]:
        return {
            "organisation": self.organisation,
            "kind": self.cleaned_data["kind"],
            "date": self.cleaned_data["date"],
            "staff": list(self.cleaned_data.get("staff") or []),
            "people_met": list(self.cleaned_data.get("people_met") or []),
            "notes": self.cleaned_data.get("notes", ""),
        }

    def people_choices(self) -> tuple[list[Contact], set[int]]:
        """The contacts of the chosen participant, and which of them are ticked."""
        organisation = None
        if self.is_bound:
            organisation = (
                self.cleaned_data.get("organisation")
                if hasattr(self, "cleaned_data")
                else find_participant(
                    self.cluster, self.data.get("participant", ""), self.data.get("organisation_id")
                )
            )
            values = (
                self.data.getlist("people_met")
                if hasattr(self.data, "getlist")
                else self.data.get("people_met") or []
            )
            ticked = {int(pk) for pk in values if str(pk).isdigit()}
        else:
            organisation_id = self.initial.get("organisation_id")
            organisation = (
                Organisation.objects.for_cluster(self.cluster).filter(pk=organisation_id).first()
                if organisation_id
                else None
            )
            ticked = set(self.initial.get("people_met") or [])
        if organisation is None:
            return [], ticked
        return list(organisation.contacts.all()), ticked


class QuickLogForm(ParticipantMixin, forms.Form):
    """The quick-log box: participant, kind, date and a note; the staff is whoever logs it."""

    participant = _participant_field("quick-participant-options")
    organisation_id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    kind = forms.ChoiceField(label=_("Kind"), choices=[("", _("Choose…")), *ContactKind.choices])
    date = forms.DateField(label=_("Date"), widget=DateInput())
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    next = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, cluster: Cluster, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "quick_%s")
        self.cluster = cluster
        super().__init__(*args, **kwargs)
        self.fields["date"].initial = timezone.localdate

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        self._clean_participant(required=True)
        return data


class TaskForm(ParticipantMixin, forms.Form):
    title = forms.CharField(label=_("Task"), max_length=255)
    due_on = forms.DateField(label=_("Due on"), widget=DateInput())
    assignee = TeamMemberChoice(label=_("Assigned to"), queryset=User.objects.none())
    participant = _participant_field("participant-options")
    organisation_id = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, cluster: Cluster, user: User, **kwargs: Any) -> None:
        self.cluster = cluster
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = team_members(cluster)
        self.fields["assignee"].initial = user.pk
        self.fields["participant"].help_text = _("Optional: the participant it is about.")

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        self._clean_participant(required=False)
        return data


SORTS = {"date": ("date", "id"), "-date": ("-date", "-id")}


class ContactFilterForm(forms.Form):
    q = forms.CharField(label=_("Participant"), required=False)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *ContactKind.choices]
    )
    staff = forms.TypedChoiceField(label=_("Team member"), required=False, coerce=int)
    date_from = forms.DateField(label=_("From"), required=False, widget=DateInput())
    date_to = forms.DateField(label=_("To"), required=False, widget=DateInput())
    sort = forms.ChoiceField(
        required=False, choices=[(key, key) for key in SORTS], widget=forms.HiddenInput
    )

    def __init__(self, *args: Any, cluster: Cluster, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["staff"].choices = [
            ("", _("Anyone")),
            *[(user.pk, user.get_full_name()) for user in team_members(cluster)],
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        for name, message in rules.period_problems(
            data.get("date_from"), data.get("date_to"), start_field="date_from", end_field="date_to"
        ):
            self.add_error(name, message)
        return data


class ContactImportForm(forms.Form):
    file = forms.FileField(
        label=_("File (CSV, Excel .xlsx or calendar .ics)"),
        widget=forms.ClearableFileInput(
            attrs={"accept": ".csv,.txt,.xlsx,.ics,text/csv,text/calendar"}
        ),
    )
