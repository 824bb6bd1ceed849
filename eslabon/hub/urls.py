from __future__ import annotations

from django.urls import path

from eslabon.hub import views, views_ppap, views_quotes

app_name = "hub"

urlpatterns = [
    path("", views.requirement_list, name="requirement_list"),
    path("new/", views.requirement_create, name="requirement_create"),
    path("notifications/", views.notifications, name="notifications"),
    path("<int:pk>/", views.requirement_detail, name="requirement_detail"),
    path("<int:pk>/edit/", views.requirement_edit, name="requirement_edit"),
    path("<int:pk>/publish/", views.requirement_publish, name="requirement_publish"),
    path("<int:pk>/cancel/", views.requirement_cancel, name="requirement_cancel"),
    path("<int:pk>/lines/new/", views.line_edit, name="line_create"),
    path("<int:pk>/lines/import/", views.line_import, name="line_import"),
    path("<int:pk>/lines/<int:line_pk>/edit/", views.line_edit, name="line_edit"),
    path("<int:pk>/lines/<int:line_pk>/delete/", views.line_delete, name="line_delete"),
    path("<int:pk>/lines/<int:line_pk>/files/", views.attachment_upload, name="attachment_upload"),
    path("<int:pk>/files/<int:attachment_pk>/", views.attachment_download, name="attachment"),
    path("<int:pk>/invite/", views.invite, name="invite"),
    path("<int:pk>/invitation/", views.invitation_answer, name="invitation_answer"),
    path("<int:pk>/nda/", views.nda, name="nda"),
    path("<int:pk>/questions/", views.question_ask, name="question_ask"),
    path(
        "<int:pk>/questions/<int:question_pk>/answer/",
        views.question_answer,
        name="question_answer",
    ),
    path("<int:pk>/quote/", views_quotes.quote_edit, name="quote_edit"),
    path("<int:pk>/quote/files/", views_quotes.quote_attachment_upload, name="quote_upload"),
    path(
        "<int:pk>/quote-files/<int:attachment_pk>/",
        views_quotes.quote_attachment_download,
        name="quote_attachment",
    ),
    path("<int:pk>/evaluate/", views_quotes.requirement_evaluate, name="requirement_evaluate"),
    path("<int:pk>/comparison/", views_quotes.comparison, name="comparison"),
    path("<int:pk>/comparison.xlsx", views_quotes.comparison_export, name="comparison_export"),
    path("<int:pk>/award/", views_quotes.award, name="award"),
    path("<int:pk>/audit/", views_quotes.audit_trail, name="audit"),
    path("<int:pk>/ppap/<int:award_pk>/", views_ppap.ppap_stage, name="ppap"),
    path(
        "<int:pk>/ppap/<int:award_pk>/decide/<int:submission_pk>/",
        views_ppap.ppap_decide,
        name="ppap_decide",
    ),
    path("<int:pk>/ppap-files/<int:submission_pk>/", views_ppap.ppap_file, name="ppap_file"),
    path(
        "<int:pk>/ppap-files/<int:submission_pk>/<int:document_pk>/",
        views_ppap.ppap_file,
        name="ppap_document",
    ),
]
