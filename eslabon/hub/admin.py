"""Django admin for operators. Quotes, quote lines and price tiers are deliberately absent:
the admin bypasses ``visible_to``, and a sealed price must not be readable by anybody."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from eslabon.hub import models


class LineInline(admin.TabularInline):  # type: ignore[type-arg]
    model = models.RequirementLine
    extra = 0


@admin.register(models.Requirement)
class RequirementAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("title", "buyer", "status", "visibility", "quote_due_at", "unsealed_at")
    list_filter = ("status", "visibility", "currency")
    search_fields = ("title", "buyer__legal_name")
    readonly_fields = ("status", "published_at", "unsealed_at", "closed_at")
    inlines = (LineInline,)


@admin.register(models.Invitation)
class InvitationAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("requirement", "supplier", "response", "responded_at")
    list_filter = ("response",)


@admin.register(models.NdaAcceptance)
class NdaAcceptanceAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("requirement", "supplier", "accepted_by", "accepted_at", "ip_address")


@admin.register(models.AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Read-only: the trail is append-only, and only services append to it."""

    list_display = ("occurred_at", "action", "requirement", "actor", "organization", "ip_address")
    list_filter = ("action",)
    search_fields = ("requirement__title", "actor__email", "detail")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
