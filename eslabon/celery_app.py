"""The Celery application. With no broker configured, tasks run in process (embedded demo).

Production sets CELERY_BROKER_URL (Redis, or RabbitMQ: amqp://) and runs
`celery -A eslabon.celery_app worker` and `celery -A eslabon.celery_app beat`
beside the web processes.
"""

from __future__ import annotations

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "eslabon.settings")

app = Celery("eslabon")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
