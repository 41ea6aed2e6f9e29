"""The upload form of a mapping and the star thresholds (asked as percentages, kept as the
engine's shares); the services check the files and the settings once more, and their refusal
lands on the field it names."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .engine import MappingParameters
from .models import DatasetLevel

ACCEPTED_FILES = ".csv,.txt,.tsv,.xlsx,.parquet"
DEFAULTS = MappingParameters()


def _percent(share: float) -> Decimal:
    return Decimal(str(round(share * 100, 4))).normalize()


class StarThresholdsForm(forms.Form):
    """The European Cluster Observatory's star thresholds and what to do with unknown
    industry codes: ``MappingParameters`` in a person's words."""

    size_star_top_percent = forms.DecimalField(
        label=_("Size star: top share of regional clusters by employment (%)"),
        min_value=Decimal("0.1"),
        max_value=Decimal("100"),
        decimal_places=2,
        initial=_percent(DEFAULTS.size_star_top_share),
        help_text=_("10 gives a star to the largest tenth of the regional clusters of a type."),
    )
    specialisation_star_lq = forms.DecimalField(
        label=_("Specialisation star: lowest location quotient against all employment"),
        min_value=Decimal("0.1"),
        max_value=Decimal("1000"),
        decimal_places=2,
        initial=Decimal(str(DEFAULTS.specialisation_star_lq)),
        help_text=_("2 gives a star where the cluster is at least twice as concentrated."),
    )
    focus_star_top_percent = forms.DecimalField(
        label=_("Focus star: top share of regional clusters by share of regional jobs (%)"),
        min_value=Decimal("0.1"),
        max_value=Decimal("100"),
        decimal_places=2,
        initial=_percent(DEFAULTS.focus_star_top_share),
        help_text=_("10 gives a star to the tenth that weigh most in their region's employment."),
    )
    ignore_unknown_industries = forms.BooleanField(
        label=_("Leave out rows whose industry code the classification lacks"),
        required=False,
        help_text=_(
            "Otherwise such rows stop the mapping, with a report of the codes and the "
            "employment they hold."
        ),
    )

    def __init__(self, *args: Any, stored: dict[str, Any] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if stored:
            if "size_star_top_share" in stored:
                self.initial["size_star_top_percent"] = _percent(stored["size_star_top_share"])
            if "focus_star_top_share" in stored:
                self.initial["focus_star_top_percent"] = _percent(stored["focus_star_top_share"])
            if "specialisation_star_lq" in stored:
                self.initial["specialisation_star_lq"] = Decimal(
                    str(stored["specialisation_star_lq"])
                )
            if "ignore_unknown_industries" in stored:
                self.initial["ignore_unknown_industries"] = stored["ignore_unknown_industries"]

    def parameters(self) -> dict[str, Any]:
        """The engine's parameters (shares from 0 to 1) from the cleaned form; an empty field
        keeps the default."""
        data = self.cleaned_data
        values: dict[str, Any] = {
            "ignore_unknown_industries": bool(data.get("ignore_unknown_industries")),
        }
        if data.get("size_star_top_percent") is not None:
            values["size_star_top_share"] = float(data["size_star_top_percent"]) / 100
        if data.get("focus_star_top_percent") is not None:
            values["focus_star_top_share"] = float(data["focus_star_top_percent"]) / 100
        if data.get("specialisation_star_lq") is not None:
            values["specialisation_star_lq"] = float(data["specialisation_star_lq"])
        return values


class DatasetForm(StarThresholdsForm):
    """What ``services.dataset_create`` takes; field names match the fields its errors name."""

    field_order = [
        "name",
        "level",
        "figures_file",
        "classification_file",
        "regions_file",
        "reference",
        "year",
    ]

    name = forms.CharField(
        label=_("Name"),
        max_length=200,
        help_text=_("How the mapping is listed, e.g. “U.S. counties 2012–2021”."),
    )
    level = forms.ChoiceField(
        label=_("What the statistics file holds"),
        choices=DatasetLevel.choices,
        initial=DatasetLevel.INDUSTRY,
        widget=forms.RadioSelect,
    )
    figures_file = forms.FileField(
        label=_("Statistics file"),
        help_text=_(
            "CSV, Excel (.xlsx) or Parquet. By industry: region_code, industry_code, year, "
            "employment, and optionally employment_flag (the size class A–M of a withheld "
            "cell), establishments, annual_payroll. Summed per cluster: region_code, "
            "cluster_code, year, employment, and optionally employment_reported, "
            "establishments, annual_payroll."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPTED_FILES}),
    )
    classification_file = forms.FileField(
        label=_("Classification file"),
        required=False,
        help_text=_(
            "By industry: industry_code, cluster_code, cluster_name, traded (true for a traded "
            "cluster, false for a local one). Leave it empty to use the U.S. NAICS 2012 "
            "classification into 67 clusters that ships with ClusterDesk. Summed per cluster "
            "(required): the cluster list, cluster_code, cluster_name, traded."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPTED_FILES}),
    )
    regions_file = forms.FileField(
        label=_("Regions file"),
        help_text=_(
            "region_code, region_name, region_type (county, state, nuts2, nation…) and "
            "parent_code. A region with two parents (a county in a state and a metropolitan "
            "area) is listed once with each."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPTED_FILES}),
    )
    reference = forms.CharField(
        label=_("Code of the reference region"),
        max_length=64,
        help_text=_(
            "The region every other one is compared with: the nation or the EU, with its own "
            "figures in the statistics file (or its regions' figures to sum)."
        ),
    )
    year = forms.IntegerField(
        label=_("Year"),
        required=False,
        min_value=1900,
        max_value=2100,
        help_text=_(
            "Optional: the one year the file must hold; a file with other years is refused. "
            "Leave it empty to map every year in the file and see growth between them."
        ),
    )
