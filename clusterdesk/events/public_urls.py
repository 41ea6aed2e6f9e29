"""Pages without an account, under /e/: public event pages and registration, a person's own
registration page by token, calendar feeds (``public_urls_events``), and a person's meeting
agenda and requests by token (``public_urls_meetings``)."""

from .public_urls_events import urlpatterns as event_patterns
from .public_urls_meetings import urlpatterns as meeting_patterns

app_name = "events_public"
urlpatterns = event_patterns + meeting_patterns
