"""Origin declarations in the admin, for staff: read and search; suppliers change their own
declarations through the application, where the USMCA checks run."""

from __future__ import annotations

from typing import Any

from django.contrib import admin

from eslabon.declarations import models


class LineInline(admin.TabularInline):  # type: ignore[type-arg]
    model = models.DeclarationLine
    extra = 0
    can_delete = False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_add_permission(self, request: Any, obj: Any = None) -> bool:
        return False


@admin.register(models.OriginDeclaration)
class OriginDeclarationAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("supplier", "customer", "period_start", "period_end", "status", "signed_on")
    list_filter = ("status",)
    search_fields = ("supplier__legal_name", "customer__legal_name", "lines__hs_code")
    inlines = (LineInline,)

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_add_permission(self, request: Any) -> bool:
        return False
