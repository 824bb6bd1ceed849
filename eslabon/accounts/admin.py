from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from eslabon.accounts import two_factor
from eslabon.accounts.models import SecurityEvent, User

# Devices hold the TOTP secrets: nobody edits them in the admin. Recovery is the user
# action below, which removes them and is audited.
for _device_model in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(_device_model):
        admin.site.unregister(_device_model)


@admin.register(User)
class EslabonUserAdmin(UserAdmin):  # type: ignore[type-arg]
    list_display = (
        "email", "first_name", "last_name", "email_verified", "two_factor_enabled", "is_active",
        "is_staff",
    )  # fmt: skip
    list_filter = (*UserAdmin.list_filter, "two_factor_enabled")
    search_fields = ("email", "first_name", "last_name")
    ordering = ("email",)
    readonly_fields = ("two_factor_enabled",)
    actions = ("reset_two_factor",)
    fieldsets = (
        *UserAdmin.fieldsets,
        ("Eslabón", {"fields": ("email_verified", "preferred_language", "two_factor_enabled")}),
    )

    @admin.action(description=_("Reset two-factor authentication (lost phone)"))
    def reset_two_factor(self, request: Any, queryset: Any) -> None:
        for user in queryset.filter(two_factor_enabled=True):
            two_factor.reset_by_admin(user=user, actor=request.user)
        messages.success(request, _("Two-factor authentication reset; audited."))


@admin.register(SecurityEvent)
class SecurityEventAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("created_at", "user", "kind", "ip_address", "actor")
    list_filter = ("kind",)
    search_fields = ("user__email",)
    date_hierarchy = "created_at"

    def has_add_permission(self, request: Any) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False
