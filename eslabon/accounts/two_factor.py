"""Two-factor authentication: who may or must use it, enrolment, code checks and recovery.

A person's second factor is a TOTP authenticator app (django-otp's TOTPDevice) plus ten
single-use backup codes (a StaticDevice). ``User.two_factor_enabled`` mirrors "has a confirmed
device" so that the middleware decides from the user row it loads anyway. Every change and
every code tried is written to ``SecurityEvent``. See docs/security.md.
"""

from __future__ import annotations

import re
from base64 import b32encode
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.checks import Error
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from eslabon.accounts.models import SecurityEvent, SecurityEventKind, User
from eslabon.accounts.services import AccountError
from eslabon.registry import permissions

BACKUP_CODE_COUNT = 10
# Set at sign-in when the person's role requires a second factor they have not enrolled yet.
ENROL_REQUIRED_SESSION_KEY = "eslabon_2fa_enrol_required"
ROLES = ("operator", "buyer", "supplier", "admin")
_TOTP_CODE = re.compile(r"^\d{6}$")


def roles(user: Any) -> set[str]:
    """The roles of ``ESLABON_REQUIRE_2FA_FOR`` the user holds (admin = Django staff)."""
    held = set()
    if permissions.is_operator(user):
        held.add("operator")
    if permissions.is_buyer(user):
        held.add("buyer")
    if permissions.is_supplier(user):
        held.add("supplier")
    if user.is_staff or user.is_superuser:
        held.add("admin")
    return held


def is_required(user: Any) -> bool:
    required = {role.strip() for role in settings.ESLABON_REQUIRE_2FA_FOR if role.strip()}
    return bool(required) and bool(roles(user) & required)


def may_enrol(user: Any) -> bool:
    """Operators and buyers may turn it on; anyone whose role requires it, must."""
    if not getattr(user, "is_authenticated", False):
        return False
    return permissions.is_operator(user) or permissions.is_buyer(user) or is_required(user)


def check_required_roles(**kwargs: Any) -> list[Error]:
    """A system check: a misspelt role would silently leave two-factor optional."""
    unknown = sorted(
        {role.strip() for role in settings.ESLABON_REQUIRE_2FA_FOR if role.strip()} - set(ROLES)
    )
    if not unknown:
        return []
    return [
        Error(
            f"ESLABON_REQUIRE_2FA_FOR names unknown roles: {', '.join(unknown)}",
            hint=f"Use a comma-separated list of: {', '.join(ROLES)}.",
            id="eslabon.E2FA",
        )
    ]


def on_login(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    """After the password step: remember whether this session must enrol before anything."""
    if request is not None and hasattr(request, "session"):
        request.session[ENROL_REQUIRED_SESSION_KEY] = not user.two_factor_enabled and is_required(
            user
        )


def _record(user: User, kind: str, ip_address: str | None, actor: User | None = None) -> None:
    SecurityEvent.objects.create(user=user, kind=kind, ip_address=ip_address, actor=actor)


def pending_device(user: User) -> TOTPDevice:
    """The unconfirmed authenticator of an enrolment in progress, created on first ask."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)
    return device


def secret_key(device: TOTPDevice) -> str:
    """The key as people type it into an authenticator app: base32 in groups of four."""
    key = b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def _new_backup_codes(user: User) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name="backup codes", confirmed=True)
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


@dataclass(frozen=True)
class Enrolment:
    device: TOTPDevice
    backup_codes: list[str]


def confirm_enrolment(*, user: User, code: str, ip_address: str | None) -> Enrolment:
    """Confirm the pending authenticator with a code from it; issue the backup codes."""
    device = pending_device(user)
    if not device.verify_is_allowed()[0]:
        raise AccountError(_("Too many wrong codes. Wait a moment before trying again."))
    # verify_token records throttling on failure, so it runs outside the write transaction.
    if not device.verify_token(code.strip()):
        raise AccountError(_("That code does not match. Check the time on your phone and retry."))
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        codes = _new_backup_codes(user)
        user.two_factor_enabled = True
        user.save(update_fields=["two_factor_enabled"])
        _record(user, SecurityEventKind.TWO_FACTOR_ENROLLED, ip_address)
    return Enrolment(device=device, backup_codes=codes)


class CodeRejected(AccountError):
    """A wrong or throttled code; ``wait_until`` is set while the device refuses to check."""

    def __init__(self, message: str, wait_until: Any = None) -> None:
        super().__init__(message)
        self.wait_until = wait_until


def verify_code(*, user: User, code: str, ip_address: str | None) -> Device:
    """Check a six-digit authenticator code or a backup code (used up); audit either way."""
    code = code.strip().replace(" ", "").lower()
    is_totp = bool(_TOTP_CODE.match(code))
    device_class: type[Device] = TOTPDevice if is_totp else StaticDevice
    device = device_class.objects.filter(user=user, confirmed=True).first()
    if device is None:
        _record(user, SecurityEventKind.CODE_REJECTED, ip_address)
        raise CodeRejected(_("That code is not valid."))
    allowed, details = device.verify_is_allowed()
    if not allowed:
        _record(user, SecurityEventKind.CODE_REJECTED, ip_address)
        raise CodeRejected(
            _("Too many wrong codes. Wait a moment before trying again."),
            wait_until=(details or {}).get("locked_until"),
        )
    with transaction.atomic():
        accepted = device.verify_token(code)
    if not accepted:
        _record(user, SecurityEventKind.CODE_REJECTED, ip_address)
        raise CodeRejected(_("That code is not valid."))
    kind = SecurityEventKind.CODE_ACCEPTED if is_totp else SecurityEventKind.BACKUP_CODE_USED
    _record(user, kind, ip_address)
    return device


def _remove_devices(user: User) -> None:
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    user.two_factor_enabled = False
    user.save(update_fields=["two_factor_enabled"])


def disable(*, user: User, code: str, ip_address: str | None) -> None:
    """Turn two-factor off with a current code; refused where the role requires it."""
    if is_required(user):
        raise AccountError(_("Two-factor authentication is required for your role."))
    verify_code(user=user, code=code, ip_address=ip_address)
    with transaction.atomic():
        _remove_devices(user)
        _record(user, SecurityEventKind.TWO_FACTOR_DISABLED, ip_address)


def new_backup_codes(*, user: User, code: str, ip_address: str | None) -> list[str]:
    """Replace the backup codes (all old ones stop working); needs a current code."""
    verify_code(user=user, code=code, ip_address=ip_address)
    with transaction.atomic():
        return _new_backup_codes(user)


@transaction.atomic
def reset_by_admin(*, user: User, actor: User) -> None:
    """Recovery: an administrator removes a person's devices after checking who they are."""
    _remove_devices(user)
    _record(user, SecurityEventKind.TWO_FACTOR_RESET, None, actor=actor)
