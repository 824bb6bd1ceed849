"""URL configuration: language switch, accounts, each app's views, admin and the API."""

from __future__ import annotations

from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from eslabon import health
from eslabon.registry import views as registry_views

urlpatterns = [
    path("", registry_views.home, name="home"),
    path("healthz", health.liveness, name="healthz"),
    path("readyz", health.readiness, name="readyz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("eslabon.accounts.urls")),
    path("registry/", include("eslabon.registry.urls")),
    path("jobs/", include("eslabon.jobs.urls")),
    path("readiness/", include("eslabon.readiness.urls")),
    path("hub/", include("eslabon.hub.urls")),
    path("matching/", include("eslabon.matching.urls")),
    path("events/", include("eslabon.events.urls")),
    path("api/hub/", include("eslabon.hub.api.urls")),
    path("discovery/", include("eslabon.discovery.urls")),
    path("programmes/", include("eslabon.programmes.urls")),
    path("analytics/", include("eslabon.analytics.urls")),
    path("admin/", admin.site.urls),
    path("api/registry/", include("eslabon.registry.api.urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
]
