from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clusterdesk.engagement.models import SocialChannel, SuccessStory, WebPresence
from clusterdesk.engagement.services.recognition import (
    CHANNEL_FIELDS,
    SITE_FIELDS,
    STORY_FIELDS,
    channel_problems,
    normalise_languages,
    participant_by_name,
    site_problems,
    story_problems,
)
from clusterdesk.lib.errors import DomainError
from clusterdesk.participants.forms import DateInput, ListField
from clusterdesk.participants.models import Organisation
from clusterdesk.tenancy.models import Cluster

from .common import apply_problems

# Offered as suggestions; any other network may be typed.
NETWORKS = [
    "LinkedIn",
    "European Cluster Collaboration Platform",
    "Facebook",
    "Instagram",
    "X",
    "YouTube",
    "Mastodon",
    "Bluesky",
]


def web_address_field(label: Any, *, required: bool, help_text: Any = "") -> forms.URLField:
    return forms.URLField(
        label=label,
        required=required,
        max_length=300,
        assume_scheme="https",
        help_text=help_text,
        error_messages={"invalid": _("Give a web address such as https://www.example.org.")},
    )


class WebPresenceForm(forms.ModelForm):
    url = web_address_field(_("Site address"), required=True)
    languages = ListField(
        label=_("Languages"),
        required=False,
        help_text=_("Two-letter codes separated by commas, e.g. it, en, de."),
    )
    contact_page_url = web_address_field(
        _("Contact page"),
        required=False,
        help_text=_("Where a visitor finds how to reach the cluster or its participants."),
    )

    class Meta:
        model = WebPresence
        fields = SITE_FIELDS
        widgets = {"last_updated_on": DateInput()}

    def clean_languages(self) -> list[str]:
        return normalise_languages(self.cleaned_data.get("languages") or [])

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        merged = {name: data.get(name, getattr(self.instance, name)) for name in SITE_FIELDS}
        apply_problems(self, site_problems(merged, today=timezone.localdate()))
        return data


class SocialChannelForm(forms.ModelForm):
    url = web_address_field(_("Address"), required=True)

    class Meta:
        model = SocialChannel
        fields = CHANNEL_FIELDS
        widgets = {
            "network": forms.TextInput(attrs={"list": "network-suggestions", "autocomplete": "off"})
        }
        help_texts = {"network": _("e.g. LinkedIn")}

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        merged = {name: data.get(name, "") for name in CHANNEL_FIELDS}
        apply_problems(self, channel_problems(merged))
        return data


class SuccessStoryForm(forms.ModelForm):
    """A story and the participants involved. The chooser scales to any registry: those
    chosen are ticked boxes, and another is added by typing its name (with suggestions)."""

    participants = forms.ModelMultipleChoiceField(
        label=_("Participants involved"),
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

    class Meta:
        model = SuccessStory
        fields = STORY_FIELDS
        widgets = {
            "published_on": DateInput(),
            "text": forms.Textarea(attrs={"rows": 8}),
            "complexity": forms.Textarea(attrs={"rows": 3}),
            "impact_on_participants": forms.Textarea(attrs={"rows": 3}),
            "objectives_achieved": forms.Textarea(attrs={"rows": 3}),
            "sustainability": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "published_on": _("Leave empty while the story is a draft."),
            "complexity": _("How complex were the objectives and the activities?"),
            "impact_on_participants": _(
                "What changed for most of the cluster's participants, and for the industry?"
            ),
            "objectives_achieved": _(
                "Which of the cluster's objectives did it achieve, and how far?"
            ),
            "sustainability": _("How does it help the cluster organisation last and grow?"),
        }

    def __init__(self, *args: Any, cluster: Cluster, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.cluster = cluster
        self.fields["participants"].queryset = Organisation.objects.for_cluster(cluster).only(
            "id", "name", "cluster_id"
        )
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
        merged = {name: data.get(name, getattr(self.instance, name)) for name in STORY_FIELDS}
        apply_problems(self, story_problems(merged, today=timezone.localdate()))
        return data

    def involved(self) -> list[Organisation]:
        """The participants chosen, with the one typed in the add box."""
        chosen = list(self.cleaned_data.get("participants") or [])
        added = self.cleaned_data.get("add_participant")
        if added is not None and added.pk not in {o.pk for o in chosen}:
            chosen.append(added)
        return chosen

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
