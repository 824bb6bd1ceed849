"""Django admin for staff: origin tables, read-mostly (figures are written by services)."""

from __future__ import annotations

from django.contrib import admin

from eslabon.origin import models


class MaterialInline(admin.TabularInline):  # type: ignore[type-arg]
    model = models.Material
    extra = 0
    fields = ("code", "parent", "description", "hs_code", "originating", "value", "quantity")
    raw_id_fields = ("parent", "supplier", "requirement_line")


@admin.register(models.Good)
class GoodAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("name", "part_number", "organization", "hs_code", "date", "qualifies")
    list_filter = ("qualifies", "currency")
    search_fields = ("name", "part_number", "hs_code")
    readonly_fields = ("value_non_originating", "rvc_transaction_value", "rvc_net_cost",
                       "qualifies", "check_error")  # fmt: skip
    inlines = [MaterialInline]


@admin.register(models.Scenario)
class ScenarioAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("name", "good", "rvc_net_cost_before", "rvc_net_cost_after", "added_cost")
    readonly_fields = ("snapshot",)
