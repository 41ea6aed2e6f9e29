"""The events' API views (``events``); the meeting days' are in their own modules."""
