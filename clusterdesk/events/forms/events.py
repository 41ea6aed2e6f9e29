"""The events' forms. They check types and shape only; the rules (dates, capacity, place or
link, deadline, days) are the services', whose refusals come back beside the field."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clusterdesk.participants.models import Contact
from clusterdesk.tenancy.models import Cluster

from ..models import Event, EventKind, RegistrationRole, Visibility
from ..models.events import DEFAULT_ACTIVE_ROLES
from ..services import cluster_language, default_involvement_days

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


def _moment(label: Any, required: bool = True, help_text: Any = "") -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label,
        required=required,
        help_text=help_text,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_FORMAT),
    )


class EventForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=EventKind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    starts_at = _moment(_("Starts at"))
    ends_at = _moment(_("Ends at"))
    place = forms.CharField(label=_("Place"), max_length=255, required=False)
    online_url = forms.URLField(
        label=_("Online link"), max_length=500, required=False, assume_scheme="https"
    )
    capacity = forms.IntegerField(
        label=_("Capacity"), required=False, help_text=_("Empty: no limit")
    )
    registration_deadline = _moment(
        _("Registration deadline"), required=False, help_text=_("Empty: until the event ends")
    )
    visibility = forms.ChoiceField(
        label=_("Who may register"), choices=Visibility.choices, initial=Visibility.MEMBERS
    )
    is_international = forms.BooleanField(label=_("International"), required=False)
    active_roles = forms.MultipleChoiceField(
        label=_("Roles counted as active involvement"),
        choices=RegistrationRole.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        initial=DEFAULT_ACTIVE_ROLES,
        help_text=_(
            "A participant with someone checked in in one of these roles is actively involved; "
            "otherwise it attended passively."
        ),
    )
    involvement_days = forms.DecimalField(
        label=_("Involvement days per attendance"),
        required=False,
        max_digits=4,
        decimal_places=1,
        help_text=_("In half days; empty: worked out from the event's length."),
    )
    has_meetings = forms.BooleanField(label=_("B2B meetings"), required=False)
    meeting_quota = forms.IntegerField(
        label=_("Meetings per participant at most"), required=False, initial=10
    )

    def __init__(self, *args: Any, cluster: Cluster, event: Event | None = None, **kwargs: Any):
        if event is not None:
            kwargs.setdefault("initial", self.initial_for(event))
        super().__init__(*args, **kwargs)
        self.cluster = cluster
        self.language = event.language if event else cluster_language(cluster)
        self.translation_languages = [
            (code, name) for code, name in settings.LANGUAGES if code != self.language
        ]
        for code, name in self.translation_languages:
            self.fields[f"title_{code}"] = forms.CharField(
                label=_("Title (%(language)s)") % {"language": name},
                max_length=200,
                required=False,
            )
            self.fields[f"description_{code}"] = forms.CharField(
                label=_("Description (%(language)s)") % {"language": name},
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
            )

    @staticmethod
    def initial_for(event: Event) -> dict[str, Any]:
        initial = {
            name: getattr(event, name)
            for name in (
                "kind",
                "title",
                "description",
                "place",
                "online_url",
                "capacity",
                "visibility",
                "is_international",
                "active_roles",
                "involvement_days",
                "has_meetings",
                "meeting_quota",
            )
        }
        for name in ("starts_at", "ends_at", "registration_deadline"):
            value = getattr(event, name)
            initial[name] = timezone.localtime(value) if value else None
        for code, text in (event.translations or {}).items():
            initial[f"title_{code}"] = text.get("title", "")
            initial[f"description_{code}"] = text.get("description", "")
        return initial

    def translation_pairs(self) -> list[tuple[str, Any, Any]]:
        return [
            (name, self[f"title_{code}"], self[f"description_{code}"])
            for code, name in self.translation_languages
        ]

    def main_fields(self) -> list[Any]:
        return [
            self[name] for name in self.fields if not name.startswith(("title_", "description_"))
        ]

    def data_for_service(self) -> dict[str, Any]:
        data = {
            name: self.cleaned_data[name]
            for name in self.fields
            if not name.startswith(("title_", "description_"))
        }
        if data["meeting_quota"] is None:
            data["meeting_quota"] = 10
        data["translations"] = {
            code: {
                "title": self.cleaned_data.get(f"title_{code}", ""),
                "description": self.cleaned_data.get(f"description_{code}", ""),
            }
            for code, _name in self.translation_languages
        }
        if data["involvement_days"] is None:
            data["involvement_days"] = default_involvement_days(
                data.get("starts_at"), data.get("ends_at")
            )
        return data


class EventFilterForm(forms.Form):
    when = forms.ChoiceField(
        label=_("When"),
        choices=[("upcoming", _("Upcoming")), ("past", _("Past"))],
        required=False,
    )
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("Every kind")), *EventKind.choices], required=False
    )

    def values(self) -> tuple[str, str]:
        if not self.is_valid():
            return "upcoming", ""
        return self.cleaned_data.get("when") or "upcoming", self.cleaned_data.get("kind") or ""


class ContactsForm(forms.Form):
    """Register contacts: ticked from a search result (so that a registry of thousands never
    becomes one long list)."""

    contacts = forms.ModelMultipleChoiceField(
        label=_("People"),
        queryset=Contact.objects.none(),
        error_messages={"required": _("Choose at least one person to register.")},
    )
    role = forms.ChoiceField(
        label=_("Role"), choices=RegistrationRole.choices, initial=RegistrationRole.ATTENDEE
    )
    wants_meetings = forms.BooleanField(label=_("Takes part in the B2B meetings"), required=False)

    def __init__(
        self, *args: Any, contacts: Any, event: Event, allow_roles: bool = True, **kwargs: Any
    ):
        super().__init__(*args, **kwargs)
        self.fields["contacts"].queryset = contacts
        if not allow_roles:
            del self.fields["role"]
        if not event.has_meetings:
            del self.fields["wants_meetings"]


class GuestForm(forms.Form):
    """The public registration form: no account, the person types who they are."""

    name = forms.CharField(
        label=_("Your name"), max_length=200, error_messages={"required": _("Give your name.")}
    )
    email = forms.EmailField(
        label=_("Your e-mail"),
        error_messages={
            "required": _("Give your e-mail address: we send the confirmation there."),
            "invalid": _("This does not look like an e-mail address; check it."),
        },
    )
    organisation = forms.CharField(label=_("Your organisation"), max_length=200, required=False)
    language = forms.ChoiceField(label=_("Language of the e-mails"), choices=settings.LANGUAGES)
    consent = forms.BooleanField(
        label=_(
            "I agree that the cluster keeps these details to organise the event and contacts me "
            "about it."
        ),
        error_messages={"required": _("Tick the box to agree, or we cannot register you.")},
    )


class WalkInForm(forms.Form):
    """Someone at the door: a contact of the registry (found by search) or a guest."""

    # Chosen from the search results of the check-in page (never a list of the whole registry).
    contact = forms.ModelChoiceField(
        queryset=Contact.objects.none(), required=False, widget=forms.HiddenInput
    )
    name = forms.CharField(label=_("Guest's name"), max_length=200, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    organisation = forms.CharField(label=_("Organisation"), max_length=200, required=False)
    role = forms.ChoiceField(
        label=_("Role"), choices=RegistrationRole.choices, initial=RegistrationRole.ATTENDEE
    )

    def __init__(self, *args: Any, cluster: Cluster, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["contact"].queryset = Contact.objects.for_cluster(cluster)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not data.get("contact") and not (data.get("name") or "").strip():
            raise forms.ValidationError(_("Choose a person of the registry or give a name."))
        return data


def half_days(value: Decimal | None) -> str:
    return format(value.normalize(), "f") if value is not None else ""
