"""The events' endpoints, included under ``/api/v1/c/<cluster_slug>/``."""

from .api_urls_events import urlpatterns as event_patterns
from .api_urls_meetings import urlpatterns as meeting_patterns

urlpatterns = event_patterns + meeting_patterns
