"""Event pages, under /c/<slug>/events/: the events themselves (``urls_events``) and their B2B
meeting days (``urls_meetings``)."""

from .urls_events import urlpatterns as event_patterns
from .urls_meetings import urlpatterns as meeting_patterns

app_name = "events"
urlpatterns = event_patterns + meeting_patterns
