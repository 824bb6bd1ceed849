from __future__ import annotations

from django.urls import path

from eslabon.origin import views

app_name = "origin"

urlpatterns = [
    path("", views.good_list, name="goods"),
    path("goods/new/", views.good_create, name="good_create"),
    path("goods/<int:pk>/", views.good_detail, name="good_detail"),
    path("goods/<int:pk>/edit/", views.good_edit, name="good_edit"),
    path("goods/<int:pk>/bom/", views.bom_upload, name="bom_upload"),
    path("goods/<int:pk>/materials/", views.material_create, name="material_create"),
    path("goods/<int:pk>/export.xlsx", views.good_export, name="good_export"),
    path("goods/<int:pk>/certification.pdf", views.good_certification, name="certification"),
    path("goods/<int:pk>/localisation/", views.localisation, name="localisation"),
    path("goods/<int:pk>/scenarios/", views.scenarios, name="scenarios"),
    path("goods/<int:pk>/scenarios/new/", views.scenario_create, name="scenario_create"),
    path("materials/<int:pk>/", views.material_edit, name="material_edit"),
    path("materials/<int:pk>/delete/", views.material_delete, name="material_delete"),
    path("materials/<int:pk>/target/", views.material_target, name="material_target"),
    path("materials/<int:pk>/offers/", views.offer_create, name="offer_create"),
    path("materials/<int:pk>/quotes/", views.offers_from_quotes, name="offers_from_quotes"),
    path("offers/<int:pk>/delete/", views.offer_delete, name="offer_delete"),
    path("scenarios/<int:pk>/delete/", views.scenario_delete, name="scenario_delete"),
]
