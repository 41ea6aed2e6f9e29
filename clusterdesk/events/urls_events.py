from django.http import HttpResponse
from django.urls import path


def _placeholder(request, cluster_slug):  # replaced by the events pages
    return HttpResponse("")


urlpatterns = [path("", _placeholder, name="list")]
