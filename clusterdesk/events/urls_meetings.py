"""B2B meeting-day pages: set-up, attendees, marketplace and requests (``urls_meeting_setup``);
the schedule, grid, agendas and table cards (``urls_schedule``)."""

from .urls_meeting_setup import urlpatterns as setup_patterns
from .urls_schedule import urlpatterns as schedule_patterns

urlpatterns = setup_patterns + schedule_patterns
