"""Admin for programme operators: edit the SCIAN map, look up establishments and imports."""

from __future__ import annotations

from django.contrib import admin

from eslabon.discovery.models import Establishment, ImportRun, ScianProcessRule


@admin.register(ScianProcessRule)
class ScianProcessRuleAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("scian_prefix", "process", "confidence", "note")
    list_editable = ("confidence",)
    list_filter = ("process",)
    search_fields = ("scian_prefix", "process", "note")


@admin.register(Establishment)
class EstablishmentAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("name", "scian_code", "stratum", "municipality_name", "state_name", "vanished")
    list_filter = ("vanished", "state_name", "stratum")
    search_fields = ("clee", "name", "legal_name", "scian_code", "postal_code")
    show_full_result_count = False  # counting millions of rows on every page is slow
    readonly_fields = ("first_seen_run", "last_seen_run", "changed_run")


@admin.register(ImportRun)
class ImportRunAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("edition", "status", "started_at", "rows_read", "added", "changed", "vanished")
    list_filter = ("status",)
    readonly_fields = tuple(field.name for field in ImportRun._meta.fields)
