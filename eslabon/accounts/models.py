"""People who sign in. A user belongs to organisations through memberships (registry app)."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A person with a login; the e-mail address is the login and must be verified."""

    email = models.EmailField(_("e-mail address"), unique=True)
    email_verified = models.BooleanField(_("e-mail verified"), default=False)
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=8,
        choices=[("es-mx", "Español (México)"), ("en", "English")],
        default="es-mx",
    )
    # Kept by accounts.two_factor (enrol, disable, reset) so the middleware can tell from the
    # user row it already loads, without a query for devices on every request.
    two_factor_enabled = models.BooleanField(_("two-factor authentication"), default=False)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["username"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.get_full_name() or self.email


class SecurityEventKind(models.TextChoices):
    TWO_FACTOR_ENROLLED = "2fa_enrolled", _("Two-factor authentication enabled")
    TWO_FACTOR_DISABLED = "2fa_disabled", _("Two-factor authentication disabled")
    TWO_FACTOR_RESET = "2fa_reset", _("Two-factor authentication reset by an administrator")
    CODE_ACCEPTED = "code_accepted", _("Sign-in code accepted")
    BACKUP_CODE_USED = "backup_used", _("Backup code used")
    CODE_REJECTED = "code_rejected", _("Wrong sign-in code")


class SecurityEvent(models.Model):
    """An audit record of a change to, or a use of, a person's second factor."""

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="security_events"
    )
    kind = models.CharField(_("event"), max_length=16, choices=SecurityEventKind.choices)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    actor = models.ForeignKey(
        User, verbose_name=_("done by"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        verbose_name = _("security event")
        verbose_name_plural = _("security events")
        ordering = ("-created_at",)

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.user_id}, {self.created_at:%Y-%m-%d %H:%M})"
