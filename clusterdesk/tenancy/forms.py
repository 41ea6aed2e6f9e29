from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.password_validation import validate_password
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from django_countries.fields import LazyTypedChoiceField

from clusterdesk.participants.models import Organisation

from .models import Cluster, Role


class EmailAuthenticationForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("E-mail"),
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )

    def clean(self):  # type: ignore[no-untyped-def]
        email = self.cleaned_data.get("username")
        if email:
            self.cleaned_data["username"] = email.strip().lower()
        return super().clean()


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("E-mail"))
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    organisation = forms.ModelChoiceField(
        label=_("Organisation represented"),
        queryset=Organisation.objects.none(),
        required=False,
        help_text=_("Only for a member representative."),
    )

    def __init__(self, *args, cluster=None, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        if cluster is not None:
            self.fields["organisation"].queryset = Organisation.objects.for_cluster(cluster).only(
                "id", "name"
            )


class AcceptInvitationForm(forms.Form):
    full_name = forms.CharField(label=_("Your name"), max_length=200)
    password = forms.CharField(
        label=_("Choose a password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        validate_password(password)
        return password


class LanguageCodesMixin:
    """Language fields typed as codes separated by commas ("it, en") and cleaned to a list."""

    cleaned_data: dict

    def _codes(self, name: str) -> list[str]:
        codes = [c.strip().lower() for c in self.cleaned_data.get(name, "").split(",") if c.strip()]
        for code in codes:
            if not (2 <= len(code) <= 3 and code.isalpha()):
                raise forms.ValidationError(
                    _("“%(code)s” is not a language code; use codes such as it, en, tr.")
                    % {"code": code}
                )
        return codes

    def clean_local_languages(self) -> list[str]:
        return self._codes("local_languages")

    def clean_target_market_languages(self) -> list[str]:
        return self._codes("target_market_languages")


class ClusterForm(LanguageCodesMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    slug = forms.SlugField(
        label=_("Address"),
        max_length=60,
        required=False,
        help_text=_("Leave empty to derive it from the name."),
    )
    country = LazyTypedChoiceField(label=_("Country"), choices=countries)
    region = forms.CharField(label=_("Region"), max_length=120, required=False)
    sector = forms.CharField(label=_("Sector or technology area"), max_length=200)
    founded_on = forms.DateField(
        label=_("Founding date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    local_languages = forms.CharField(
        label=_("Local languages"),
        required=False,
        help_text=_("Codes separated by commas, e.g. it"),
    )
    target_market_languages = forms.CharField(
        label=_("Languages of target markets"),
        required=False,
        help_text=_("Codes separated by commas, e.g. en, de, fr"),
    )
    manager_email = forms.EmailField(label=_("E-mail of the first manager"))


class ClusterProfileForm(LanguageCodesMixin, forms.Form):
    """What the cluster says about itself: the benchmarking reads the founding date (maturity),
    the languages (web presence) and the sector and region (peer portfolios)."""

    sector = ClusterForm.base_fields["sector"]
    region = ClusterForm.base_fields["region"]
    founded_on = ClusterForm.base_fields["founded_on"]
    local_languages = ClusterForm.base_fields["local_languages"]
    target_market_languages = ClusterForm.base_fields["target_market_languages"]

    @classmethod
    def initial_of(cls, cluster: Cluster) -> dict[str, object]:
        return {
            "sector": cluster.sector,
            "region": cluster.region,
            "founded_on": cluster.founded_on,
            "local_languages": ", ".join(cluster.local_languages or []),
            "target_market_languages": ", ".join(cluster.target_market_languages or []),
        }
