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

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["username"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.get_full_name() or self.email
