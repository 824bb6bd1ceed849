from __future__ import annotations

from django.urls import path

from eslabon.discovery import views

app_name = "discovery"

urlpatterns = [
    path("candidates/", views.candidates, name="candidates"),
    path("candidates/export.xlsx", views.candidates_export, name="candidates_export"),
    path("candidates/markers.json", views.candidates_markers, name="candidates_markers"),
    path("outreach/", views.outreach_list, name="outreach_list"),
    path("outreach/invite/", views.invite, name="invite"),
    path("outreach/<int:pk>/", views.outreach_detail, name="outreach_detail"),
    path("import/", views.denue_upload, name="denue_upload"),
]
