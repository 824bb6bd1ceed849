"""Administration of programmes, for staff: officers set programmes up on the programme pages
(setup_views.py), which write through services with audit lines; the audit trail is read-only."""

from __future__ import annotations

from typing import Any

from django.contrib import admin

from eslabon.programmes import models


class GoalInline(admin.TabularInline):  # type: ignore[type-arg]
    model = models.Goal
    extra = 0


class BudgetLineInline(admin.TabularInline):  # type: ignore[type-arg]
    model = models.BudgetLine
    extra = 0
    readonly_fields = ("committed",)  # moves only through approvals and their cancellation


@admin.register(models.Programme)
class ProgrammeAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("name", "operator", "funder", "starts_on", "ends_on")
    inlines = (GoalInline, BudgetLineInline)


@admin.register(models.Call)
class CallAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("title", "programme", "status", "opens_on", "closes_on")
    list_filter = ("status",)


@admin.register(models.Application)
class ApplicationAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("organization", "call", "status", "total_score", "decided_at")
    list_filter = ("status",)
    readonly_fields = ("eligibility", "baseline", "decided_by", "decided_at", "submitted_by")


@admin.register(models.Service)
class ServiceAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("name", "kind", "programme", "provider", "cost", "subsidy_share")


@admin.register(models.Course)
class CourseAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("title", "provider", "starts_on", "seats")


admin.site.register(models.Cohort)
admin.site.register(models.Session)
admin.site.register(models.Deliverable)


@admin.register(models.AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("at", "actor", "action", "subject", "programme")
    list_filter = ("action",)

    def has_add_permission(self, request: Any) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False
