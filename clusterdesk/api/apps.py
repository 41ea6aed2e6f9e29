from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "clusterdesk.api"
    label = "api"
    verbose_name = "API"
