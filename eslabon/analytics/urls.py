from __future__ import annotations

from django.urls import path

from eslabon.analytics import views

app_name = "analytics"

urlpatterns = [
    path("", views.index, name="index"),
    path("report.pdf", views.report, name="report"),
    path("report/job/", views.report_job, name="report_job"),
    path("<slug:slug>/", views.dashboard, name="dashboard"),
]
