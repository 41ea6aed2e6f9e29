from django.http import HttpResponse
from django.urls import path


def _placeholder(request, cluster_slug):  # replaced by the matchmaking pages
    return HttpResponse("")


app_name = "matchmaking"
urlpatterns = [path("", _placeholder, name="home")]
