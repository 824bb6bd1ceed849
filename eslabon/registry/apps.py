from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    name = "eslabon.registry"
    verbose_name = _("Supplier registry")

    def ready(self) -> None:
        # Registers the "registry-import" job kind with eslabon.jobs.
        from eslabon.registry import jobs  # noqa: F401
