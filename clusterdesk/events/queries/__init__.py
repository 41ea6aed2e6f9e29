"""The events app's queries."""
