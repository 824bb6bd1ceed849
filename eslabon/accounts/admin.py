from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from eslabon.accounts.models import User


@admin.register(User)
class EslabonUserAdmin(UserAdmin):  # type: ignore[type-arg]
    list_display = ("email", "first_name", "last_name", "email_verified", "is_active", "is_staff")
    search_fields = ("email", "first_name", "last_name")
    ordering = ("email",)
    fieldsets = (
        *UserAdmin.fieldsets,
        ("Eslabón", {"fields": ("email_verified", "preferred_language")}),
    )
