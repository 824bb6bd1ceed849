from __future__ import annotations

from django.urls import path

from eslabon.programmes import setup_views, views

app_name = "programmes"

urlpatterns = [
    path("", views.programme_list, name="programme_list"),
    path("new/", setup_views.programme_create, name="programme_create"),
    path("<int:pk>/", views.programme_detail, name="programme_detail"),
    path("<int:pk>/edit/", setup_views.programme_edit, name="programme_edit"),
    path("<int:pk>/goals/new/", setup_views.goal_edit, name="goal_create"),
    path("goals/<int:goal_pk>/edit/", setup_views.goal_edit, name="goal_edit"),
    path("<int:pk>/budget-lines/new/", setup_views.budget_line_edit, name="budget_line_create"),
    path("budget-lines/<int:line_pk>/edit/", setup_views.budget_line_edit, name="budget_line_edit"),
    path("<int:pk>/services/new/", setup_views.service_edit, name="service_create"),
    path("services/<int:service_pk>/edit/", setup_views.service_edit, name="service_edit"),
    path("<int:pk>/courses/new/", setup_views.course_edit, name="course_create"),
    path("courses/<int:course_pk>/edit/", setup_views.course_edit, name="course_edit"),
    path("<int:pk>/sessions/new/", setup_views.session_edit, name="session_create"),
    path("sessions/<int:session_pk>/edit/", setup_views.session_edit, name="session_edit"),
    path("<int:pk>/report/", views.programme_report, name="report"),
    path("<int:pk>/report.xlsx", views.programme_report_xlsx, name="report_xlsx"),
    path("<int:pk>/report.pdf", views.programme_report_pdf, name="report_pdf"),
    path("<int:pk>/plans/<int:org_pk>/build/", views.plan_build, name="plan_build"),
    path("<int:pk>/calls/new/", setup_views.call_create, name="call_create"),
    path("calls/", views.open_calls, name="open_calls"),
    path("calls/<int:pk>/edit/", setup_views.call_edit, name="call_edit"),
    path("calls/rule-row/", setup_views.rule_row, name="rule_row"),
    path("calls/<int:pk>/apply/", views.apply, name="apply"),
    path("calls/<int:pk>/status/", views.call_status, name="call_status"),
    path("calls/<int:pk>/applications/", views.call_applications, name="call_applications"),
    path("applications/<int:pk>/", views.application_review, name="application_review"),
    path("plans/<int:pk>/", views.plan_detail, name="plan_detail"),
    path("plan-items/<int:pk>/approve/", views.plan_item_approve, name="plan_item_approve"),
    path("plan-items/<int:pk>/cancel/", views.plan_item_cancel, name="plan_item_cancel"),
    path(
        "deliverables/<int:pk>/evidence/", views.deliverable_evidence, name="deliverable_evidence"
    ),
    path("plan-items/<int:pk>/deliverables/", views.deliverable_create, name="deliverable_create"),
    path("deliverables/<int:pk>/accept/", views.deliverable_accept, name="deliverable_accept"),
    path("plan-items/<int:pk>/delivered/", views.plan_item_delivered, name="plan_item_delivered"),
    path("deliverables/<int:pk>/file/", views.evidence_file, name="evidence_file"),
    path("sessions/<int:pk>/attendance/", views.session_attendance, name="session_attendance"),
    path("courses/", views.course_list, name="course_list"),
    path("courses/<int:pk>/", views.course_detail, name="course_detail"),
    path("enrolments/<int:pk>/withdraw/", views.enrolment_withdraw, name="enrolment_withdraw"),
    path("enrolments/<int:pk>/complete/", views.enrolment_complete, name="enrolment_complete"),
    path("enrolments/<int:pk>/certificate.pdf", views.certificate, name="certificate"),
    path("certificates/verify/", views.certificate_lookup, name="certificate_lookup"),
    path("certificates/verify/<str:code>/", views.certificate_verify, name="certificate_verify"),
    path("mine/", views.mine, name="mine"),
]
