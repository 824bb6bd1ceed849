from __future__ import annotations

from django.urls import path

from eslabon.declarations import views

app_name = "declarations"

urlpatterns = [
    path("", views.declaration_list, name="list"),
    path("received/", views.received, name="received"),
    path("new/", views.create, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/issue/", views.issue, name="issue"),
    path("<int:pk>/revoke/", views.revoke, name="revoke"),
    path("<int:pk>/renew/", views.renew, name="renew"),
    path("<int:pk>/certification.pdf", views.pdf, name="pdf"),
    path("<int:pk>/document/", views.document, name="document"),
]
