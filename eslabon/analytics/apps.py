from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnalyticsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "eslabon.analytics"
    verbose_name = _("Programme analytics")

    def ready(self) -> None:
        # Importing the dashboard modules registers them (see docs/analytics.md).
        # Registers the "analytics-report" job kind with eslabon.jobs.
        from eslabon.analytics import (
            dashboards,  # noqa: F401
            jobs,  # noqa: F401
        )
