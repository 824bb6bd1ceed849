from __future__ import annotations

from django.urls import path

from eslabon.readiness import views

app_name = "readiness"

urlpatterns = [
    path("", views.assessment_list, name="assessments"),
    path("organizations/<int:org_pk>/new/", views.assessment_start, name="assessment_start"),
    path("assessments/<int:pk>/", views.assessment_form, name="assessment_form"),
    path("assessments/<int:pk>/groups/<slug:group>/", views.save_group, name="save_group"),
    path("assessments/<int:pk>/submit/", views.assessment_submit, name="submit"),
    path("assessments/<int:pk>/consent/", views.consent, name="consent"),
    path("assessments/<int:pk>/result/", views.result, name="result"),
    path("assessments/<int:pk>/export/<slug:fmt>/", views.result_export, name="result_export"),
    path("assessments/<int:pk>/comments/", views.comment, name="comment"),
    path("assessments/<int:pk>/review/", views.mark_reviewed, name="mark_reviewed"),
    path("evidence/<int:pk>/", views.evidence_file, name="evidence_file"),
    path("organizations/<int:org_pk>/decent-work/", views.decent_work_edit, name="decent_work_new"),
    path(
        "organizations/<int:org_pk>/decent-work/<int:year>/",
        views.decent_work_edit,
        name="decent_work_edit",
    ),
    path("decent-work/<int:pk>/", views.decent_work_detail, name="decent_work_detail"),
    path("programme/", views.programme_report, name="programme_report"),
    path("programme/export/<slug:fmt>/", views.programme_export, name="programme_export"),
]
