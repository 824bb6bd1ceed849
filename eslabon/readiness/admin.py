"""Django admin for staff: readiness tables, read-mostly (scores are written by services)."""

from __future__ import annotations

from django.contrib import admin

from eslabon.readiness import models


class AnswerInline(admin.TabularInline):  # type: ignore[type-arg]
    model = models.Answer
    extra = 0
    fields = ("question", "score", "comment")


class CommentInline(admin.TabularInline):  # type: ignore[type-arg]
    model = models.ReviewComment
    extra = 0
    fields = ("question", "author", "text", "created_at")
    readonly_fields = ("created_at",)


@admin.register(models.Assessment)
class AssessmentAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("organization", "questionnaire", "status", "overall", "grade", "submitted_at",
                    "share_with_operators")  # fmt: skip
    list_filter = ("status", "grade", "questionnaire", "share_with_operators")
    search_fields = ("organization__legal_name", "organization__rfc")
    readonly_fields = ("overall", "grade", "submitted_at", "reviewed_at", "reviewed_by")
    inlines = (AnswerInline, CommentInline)


@admin.register(models.EvidenceFile)
class EvidenceFileAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("name", "answer", "content_type", "size", "uploaded_at")


@admin.register(models.DecentWorkReport)
class DecentWorkReportAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("organization", "year", "workers", "share_with_operators")
    list_filter = ("year", "zone", "share_with_operators")
    search_fields = ("organization__legal_name", "organization__rfc")
    readonly_fields = ("minimum_wage_ratio", "nom035_compliance")
