from __future__ import annotations

from django.urls import path

from eslabon.registry import views, views_tabular

app_name = "registry"

urlpatterns = [
    path("directory/", views.directory, name="directory"),
    path("my/", views.my_organizations, name="my_organizations"),
    path("organizations/<int:pk>/", views.organization_detail, name="organization_detail"),
    path("organizations/<int:pk>/edit/", views.organization_edit, name="organization_edit"),
    path("organizations/<int:org_pk>/<slug:kind>/new/", views.record_edit, name="record_create"),
    path(
        "organizations/<int:org_pk>/<slug:kind>/<int:pk>/edit/",
        views.record_edit,
        name="record_edit",
    ),
    path(
        "organizations/<int:org_pk>/<slug:kind>/<int:pk>/delete/",
        views.record_delete,
        name="record_delete",
    ),
    path("certifications/<int:pk>/file/", views.certificate_file, name="certificate_file"),
    path("review/", views.review_queue, name="review_queue"),
    path("review/<int:pk>/", views.review_organization, name="review_organization"),
    path("export/", views_tabular.export, name="export"),
    path("import/", views_tabular.import_file, name="import"),
]
