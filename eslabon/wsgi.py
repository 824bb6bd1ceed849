"""WSGI entry point for gunicorn: `gunicorn eslabon.wsgi`."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "eslabon.settings")
application = get_wsgi_application()
