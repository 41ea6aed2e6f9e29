from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MappingConfig(AppConfig):
    name = "clusterdesk.mapping"
    label = "mapping"
    verbose_name = _("Cluster mapping")
