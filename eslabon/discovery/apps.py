"""Django configuration of the discovery app."""

from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DiscoveryConfig(AppConfig):
    name = "eslabon.discovery"
    verbose_name = _("Supplier discovery")

    def ready(self) -> None:
        # Registers the "denue-import" job kind with eslabon.jobs.
        from eslabon.discovery import tasks  # noqa: F401
