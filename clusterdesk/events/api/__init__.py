"""The events app's api."""
