from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "eslabon.events"
    label = "events"
    verbose_name = _("Business-meeting events")

    def ready(self) -> None:
        # Registers the "event-schedule" job kind.
        from eslabon.events import jobs  # noqa: F401
