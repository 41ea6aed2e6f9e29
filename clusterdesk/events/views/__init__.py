"""The events app's views."""
