from __future__ import annotations


class DomainError(Exception):
    """A rule of the domain was broken; the message is shown to a person as it is.

    Views turn it into a form error, the API into its JSON error shape, commands into an exit
    message. ``field`` names the form field or column the message is about, when there is one.
    """

    def __init__(self, message: str, field: str | None = None, code: str = "invalid") -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.code = code


Problems = list[tuple[str, str]]
"""What a rule found wrong, as (field, message) pairs: a form shows each beside its field."""


def raise_first(problems: Problems) -> None:
    """Refuse the input with the first problem a rule found (nothing found: go on)."""
    if problems:
        field, message = problems[0]
        raise DomainError(message, field=field)
