from __future__ import annotations

from django.urls import path

from eslabon.matching import views

app_name = "matching"

urlpatterns = [
    path("requirements/<int:pk>/", views.requirement_matches, name="requirement_matches"),
    path(
        "requirements/<int:pk>/invite/<int:supplier_pk>/",
        views.invite_supplier,
        name="invite_supplier",
    ),
    path("requirements/<int:pk>/weights/", views.save_weights, name="save_weights"),
    path("for-me/", views.supplier_opportunities, name="supplier_opportunities"),
]
