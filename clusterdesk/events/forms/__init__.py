from .events import ContactsForm, EventFilterForm, EventForm, GuestForm, WalkInForm

__all__ = ["ContactsForm", "EventFilterForm", "EventForm", "GuestForm", "WalkInForm"]
