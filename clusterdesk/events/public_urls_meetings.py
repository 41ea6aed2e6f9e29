"""A person's B2B meetings by their registration token: requests (``public_urls_requests``)
and agenda (``public_urls_agenda``)."""

from .public_urls_agenda import urlpatterns as agenda_patterns
from .public_urls_requests import urlpatterns as request_patterns

urlpatterns = request_patterns + agenda_patterns
