"""The events app's services."""
