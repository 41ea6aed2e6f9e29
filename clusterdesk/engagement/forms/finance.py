from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django import forms
from django.core.validators import FileExtensionValidator
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from clusterdesk.engagement.models import BudgetLine, FundingCommitment, FundingSource
from clusterdesk.engagement.models.organisation import PRIVATE_SOURCES
from clusterdesk.engagement.services.finance import (
    COMMITMENT_FIELDS,
    LoggedAmount,
    budget_line_problems,
    commitment_problems,
)
from clusterdesk.participants.forms import DateInput

from .common import apply_problems

DOCUMENT_EXTENSIONS = ["pdf", "doc", "docx", "odt", "rtf", "txt", "xls", "xlsx", "ods", "pptx"]
MAX_DOCUMENT_BYTES = 20 * 1024 * 1024


def document_field(label: Any) -> forms.FileField:
    """An uploaded document (PDF, office formats), up to 20 MB."""
    return forms.FileField(
        label=label,
        required=False,
        validators=[
            FileExtensionValidator(
                DOCUMENT_EXTENSIONS,
                message=_("Upload a PDF, a Word, OpenDocument or Excel file, or plain text."),
            )
        ],
        help_text=_("PDF, Word, OpenDocument or Excel, up to 20 MB."),
        widget=forms.ClearableFileInput(
            attrs={"accept": ",".join(f".{ext}" for ext in DOCUMENT_EXTENSIONS)}
        ),
    )


def check_document_size(form: forms.Form, name: str) -> None:
    upload = form.cleaned_data.get(name)
    if upload and getattr(upload, "size", 0) > MAX_DOCUMENT_BYTES:
        form.add_error(name, _("The document is larger than 20 MB."))


def plain_amount(amount: Decimal | None) -> Decimal | int | None:
    """120000 rather than 120000.00 in an input; cents only when there are some."""
    if amount is None:
        return None
    return int(amount) if amount == amount.to_integral_value() else amount


def amount_input() -> forms.NumberInput:
    return forms.NumberInput(attrs={"step": "0.01", "min": "0", "inputmode": "decimal"})


class BudgetYearForm(forms.Form):
    """A year's budget as a grid: one row per kind of source, planned and actual amounts.

    For a source whose income another record keeps (``logged``: the delivery log's service
    fees), the actual amount typed is what came in outside that record; the record's sum is
    added to it when the year is saved."""

    def __init__(
        self,
        *args: Any,
        year: int,
        lines: dict[str, BudgetLine],
        logged: Mapping[str, LoggedAmount] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.year = year
        self.logged = dict(logged or {})
        columns = (("planned", _("planned (€)")), ("actual", _("actual (€)")))
        for source, label in FundingSource.choices:
            line = lines.get(source)
            for column, column_label in columns:
                initial = getattr(line, column) if line else None
                if column == "actual" and source in self.logged:
                    column_label = _("actual outside the delivery log (€)")
                    if initial is not None:
                        initial = max(initial - self.logged[source].amount, Decimal(0))
                self.fields[f"{column}_{source}"] = forms.DecimalField(
                    label=format_lazy("{}: {}", label, column_label),
                    required=False,
                    max_digits=12,
                    decimal_places=2,
                    initial=plain_amount(initial),
                    widget=amount_input(),
                )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        for source in FundingSource.values:
            apply_problems(
                self,
                budget_line_problems(
                    source, data.get(f"planned_{source}"), data.get(f"actual_{source}")
                ),
            )
        return data

    def amounts(self) -> dict[str, tuple[Decimal | None, Decimal | None]]:
        amounts = {
            source: (
                self.cleaned_data.get(f"planned_{source}"),
                self.cleaned_data.get(f"actual_{source}"),
            )
            for source in FundingSource.values
        }
        for source, entry in self.logged.items():
            planned, outside = amounts[source]
            amounts[source] = (planned, (outside or Decimal(0)) + entry.amount)
        return amounts

    def grid(self) -> list[dict[str, Any]]:
        return [
            {
                "label": label,
                "private": source in PRIVATE_SOURCES,
                "planned": self[f"planned_{source}"],
                "actual": self[f"actual_{source}"],
                "logged": self.logged.get(source),
            }
            for source, label in FundingSource.choices
        ]


class CommitmentForm(forms.ModelForm):
    document = document_field(_("Document (agreement, grant decision)"))
    field_order = ["funder", "source", "amount", "document", "starts_on", "runs_to"]

    class Meta:
        model = FundingCommitment
        fields = COMMITMENT_FIELDS
        widgets = {
            "starts_on": DateInput(),
            "runs_to": DateInput(),
            "amount": forms.NumberInput(attrs={"step": "0.01", "min": "0"}),
        }
        help_texts = {
            "funder": _("e.g. Regione Toscana, the members' assembly, a sponsor"),
            "runs_to": _("The last day the money covers."),
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        check_document_size(self, "document")
        merged = {name: data.get(name, getattr(self.instance, name)) for name in COMMITMENT_FIELDS}
        apply_problems(self, commitment_problems(merged))
        return data
