from __future__ import annotations

from django.urls import path

from eslabon.events import views

app_name = "events"

urlpatterns = [
    path("", views.event_list, name="list"),
    path("new/", views.event_create, name="create"),
    path("<int:pk>/", views.event_detail, name="detail"),
    path("<int:pk>/days/", views.day_add, name="day_add"),
    path("<int:pk>/tables/add/", views.tables_add, name="tables_add"),
    path("<int:pk>/participants/", views.participant_add, name="participant_add"),
    path("<int:pk>/participants/<int:participant_pk>/", views.participant_edit,
         name="participant_edit"),
    path("<int:pk>/participants/<int:participant_pk>/cancel/", views.participant_cancel,
         name="participant_cancel"),
    path("<int:pk>/participants/<int:participant_pk>/check-in/", views.check_in,
         name="check_in"),
    path("<int:pk>/participants/<int:participant_pk>/agenda/", views.agenda, name="agenda"),
    path("<int:pk>/participants/<int:participant_pk>/agenda.pdf", views.agenda_pdf,
         name="agenda_pdf"),
    path("<int:pk>/participants/<int:participant_pk>/agenda.ics", views.agenda_ics,
         name="agenda_ics"),
    path("<int:pk>/requests/", views.requests_overview, name="requests"),
    path("<int:pk>/requests/new/", views.meeting_request, name="request"),
    path("<int:pk>/requests/<int:request_pk>/answer/", views.request_answer,
         name="request_answer"),
    path("<int:pk>/schedule/", views.schedule_run, name="schedule"),
    path("<int:pk>/tables/", views.table_sheets, name="table_sheets"),
    path("<int:pk>/now/", views.current_slot, name="now"),
    path("<int:pk>/meetings/<int:meeting_pk>/mark/", views.meeting_mark, name="meeting_mark"),
    path("<int:pk>/meetings/<int:meeting_pk>/feedback/", views.feedback, name="feedback"),
    path("<int:pk>/listings/", views.listing_add, name="listing_add"),
    path("<int:pk>/recommendations/", views.recommendations, name="recommendations"),
]  # fmt: skip
