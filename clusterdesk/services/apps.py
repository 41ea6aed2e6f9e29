from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServicesConfig(AppConfig):
    name = "clusterdesk.services"
    label = "services"
    verbose_name = _("Service portfolio")

    def ready(self) -> None:
        # The fees invoiced in the delivery log are the finance records' "Service fees" income:
        # the budget reads them through this hook, so the engagement app needs no import of us.
        from clusterdesk.engagement.models import FundingSource
        from clusterdesk.engagement.services import finance

        from .queries import fees_invoiced_in_year

        finance.logged_income_register(
            FundingSource.SERVICE_FEES, fees_invoiced_in_year, "services:deliveries"
        )
