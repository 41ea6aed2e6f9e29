"""What the ledger's forms share."""

from __future__ import annotations

from django import forms

from clusterdesk.lib.errors import Problems


def apply_problems(form: forms.BaseForm, problems: Problems) -> None:
    """Show a service rule's problems on the form: each beside its field, once (the field's
    own error comes first), and those of no field of the form above it."""
    for name, message in problems:
        if name not in form.fields:
            form.add_error(None, message)
        elif name not in form.errors:
            form.add_error(name, message)
