"""The events' pages: ``events`` (list, detail, forms), ``registrations`` (registering,
cancelling, check-in), ``public`` (pages without an account) and ``feeds`` (calendars)."""
