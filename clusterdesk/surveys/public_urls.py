"""Answering a survey without signing in, under /s/: personal links and the public link."""

from django.urls import path

from .views import answer

app_name = "answer"
urlpatterns = [
    path("p/<str:key>/", answer.public_answer, name="public"),
    path("p/<str:key>/save/", answer.public_save, name="public_save"),
    path("p/<str:key>/thanks/", answer.public_thanks, name="public_thanks"),
    path("p/<str:key>/again/", answer.public_again, name="public_again"),
    path("<str:token>/", answer.token_answer, name="token"),
    path("<str:token>/save/", answer.token_save, name="token_save"),
    path("<str:token>/thanks/", answer.token_thanks, name="token_thanks"),
    # Anything else under /s/ (a link cut or mangled in an e-mail) is a link that does not work.
    path("<path:rest>", answer.broken_link, name="broken"),
]
