from __future__ import annotations

from django.contrib import admin

from eslabon.events import models


class DayInline(admin.TabularInline):
    model = models.Day
    extra = 0


@admin.register(models.Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ("name", "operator", "venue", "schedule_state", "created_at")
    list_filter = ("schedule_state",)
    search_fields = ("name", "venue")
    inlines = [DayInline]
    readonly_fields = ("schedule_result", "last_change")


@admin.register(models.Participant)
class ParticipantAdmin(admin.ModelAdmin):
    list_display = ("organization", "event", "side", "max_meetings", "fixed_table", "cancelled")
    list_filter = ("side", "cancelled")
    raw_id_fields = ("organization",)


@admin.register(models.MeetingRequest)
class MeetingRequestAdmin(admin.ModelAdmin):
    list_display = ("requester", "recipient", "priority", "status", "event")
    list_filter = ("status", "priority")
    raw_id_fields = ("requester", "recipient")


@admin.register(models.Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ("request", "slot", "table", "status")
    list_filter = ("status",)
    raw_id_fields = ("request", "slot", "table")


admin.site.register([models.Slot, models.Table, models.Person, models.Listing, models.Feedback])
