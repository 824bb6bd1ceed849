"""Django admin for operators: every registry table, searchable."""

from __future__ import annotations

from django.contrib import admin

from eslabon.registry import models


class SiteInline(admin.TabularInline):  # type: ignore[type-arg]
    model = models.Site
    extra = 0


class MembershipInline(admin.TabularInline):  # type: ignore[type-arg]
    model = models.Membership
    extra = 0
    autocomplete_fields = ("user",)


@admin.register(models.Organization)
class OrganizationAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = (
        "legal_name",
        "rfc",
        "is_buyer",
        "is_supplier",
        "is_operator",
        "size_stratum",
        "status",
    )
    list_filter = ("status", "is_buyer", "is_supplier", "is_operator", "size_stratum", "tier")
    search_fields = ("legal_name", "trade_name", "rfc")
    inlines = (SiteInline, MembershipInline)


@admin.register(models.Site)
class SiteAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("name", "organization", "state_code", "municipality_name")
    list_filter = ("state_code",)
    search_fields = ("name", "organization__legal_name")


@admin.register(models.Capability)
class CapabilityAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("site", "process", "annual_capacity", "utilisation")
    list_filter = ("process",)
    search_fields = ("site__organization__legal_name", "description")


@admin.register(models.Certification)
class CertificationAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("organization", "standard", "status", "expires_on", "expected_on")
    list_filter = ("standard", "status")
    search_fields = ("organization__legal_name", "certificate_number")


for model in (models.Process, models.Material, models.CertificationStandard):
    admin.site.register(model, search_fields=("slug", "name_es", "name_en"))
admin.site.register(models.Contact, search_fields=("name", "email"))
admin.site.register(models.Membership, list_display=("user", "organization", "role"))
