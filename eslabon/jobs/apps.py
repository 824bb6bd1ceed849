from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    name = "eslabon.jobs"
    verbose_name = _("Background jobs")

    def ready(self) -> None:
        # Configure the Celery app with Django's settings before any task is sent.
        from eslabon import celery_app  # noqa: F401
