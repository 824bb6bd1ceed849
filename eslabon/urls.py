"""URL configuration: language switch, accounts, each app's views, admin and the API."""

from __future__ import annotations

from django.contrib import admin
from django.urls import include, path

from eslabon.registry import views as registry_views

urlpatterns = [
    path("", registry_views.home, name="home"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("eslabon.accounts.urls")),
    path("registry/", include("eslabon.registry.urls")),
    path("hub/", include("eslabon.hub.urls")),
    path("api/hub/", include("eslabon.hub.api.urls")),
    path("admin/", admin.site.urls),
]
