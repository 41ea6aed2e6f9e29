"""B2B meeting-day endpoints: set-up and requests, then the schedule."""

from .api_urls_meeting_setup import urlpatterns as setup_patterns
from .api_urls_schedule import urlpatterns as schedule_patterns

urlpatterns = setup_patterns + schedule_patterns
