"""Two-factor pages: the account's security page, enrolment, the code step of sign-in.

Views parse and render; the rules and writes live in accounts.two_factor. Pages that show a
secret (the key, the QR code, the backup codes) are never cached.
"""

from __future__ import annotations

import io

import segno
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from eslabon.accounts import two_factor
from eslabon.accounts.forms import OneTimeCodeForm
from eslabon.accounts.services import AccountError

# Wrong codes in one sign-in before the session is ended (the device also slows down).
MAX_WRONG_CODES_PER_SESSION = 5
_WRONG_CODES_SESSION_KEY = "eslabon_2fa_wrong_codes"


def _ip(request: HttpRequest) -> str | None:
    return request.META.get("REMOTE_ADDR") or None


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return "/"


@never_cache
@login_required
def security(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "accounts/security.html",
        {
            "may_enrol": two_factor.may_enrol(request.user),
            "required": two_factor.is_required(request.user),
            "form": OneTimeCodeForm(),
        },
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def enrol(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not two_factor.may_enrol(user):
        raise PermissionDenied
    if user.two_factor_enabled:  # type: ignore[union-attr]
        return redirect("accounts:security")
    device = two_factor.pending_device(user)  # type: ignore[arg-type]
    form = OneTimeCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            enrolment = two_factor.confirm_enrolment(
                user=user,  # type: ignore[arg-type]
                code=form.cleaned_data["code"],
                ip_address=_ip(request),
            )
        except AccountError as error:
            form.add_error("code", str(error))
        else:
            otp_login(request, enrolment.device)
            request.session[two_factor.ENROL_REQUIRED_SESSION_KEY] = False
            request.session.cycle_key()
            return render(
                request,
                "accounts/two_factor_backup_codes.html",
                {"codes": enrolment.backup_codes, "next": _next_url(request)},
            )
    return render(
        request,
        "accounts/two_factor_enrol.html",
        {
            "form": form,
            "secret_key": two_factor.secret_key(device),
            "required": two_factor.is_required(user),
            "next": _next_url(request),
        },
    )


@never_cache
@login_required
def qr_code(request: HttpRequest) -> HttpResponse:
    """The pending authenticator's otpauth:// address as an SVG QR code (an <img> source)."""
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).order_by("pk").first()
    if device is None:
        return HttpResponse(status=404)
    svg = io.BytesIO()
    segno.make(device.config_url, error="m").save(svg, kind="svg", scale=5, border=2)
    response = HttpResponse(svg.getvalue(), content_type="image/svg+xml")
    response["Cache-Control"] = "no-store"
    return response


@never_cache
@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest) -> HttpResponse:
    """The code step of sign-in, for a person who passed the password step."""
    user = request.user
    if not user.is_authenticated:
        return redirect("accounts:login")
    if not user.two_factor_enabled or user.is_verified():  # type: ignore[union-attr]
        return redirect(_next_url(request))
    form = OneTimeCodeForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            device = two_factor.verify_code(
                user=user,  # type: ignore[arg-type]
                code=form.cleaned_data["code"],
                ip_address=_ip(request),
            )
        except two_factor.CodeRejected as error:
            wrong = request.session.get(_WRONG_CODES_SESSION_KEY, 0) + 1
            if wrong >= MAX_WRONG_CODES_PER_SESSION:
                logout(request)
                return render(request, "accounts/two_factor_locked.html", status=429)
            request.session[_WRONG_CODES_SESSION_KEY] = wrong
            form.add_error("code", str(error))
            status = 429 if error.wait_until else 400
        else:
            otp_login(request, device)
            request.session.pop(_WRONG_CODES_SESSION_KEY, None)
            request.session.cycle_key()
            return redirect(_next_url(request))
    return render(
        request,
        "accounts/two_factor_verify.html",
        {"form": form, "next": _next_url(request)},
        status=status,
    )


@login_required
@require_POST
def disable(request: HttpRequest) -> HttpResponse:
    form = OneTimeCodeForm(request.POST)
    if form.is_valid():
        try:
            two_factor.disable(
                user=request.user,  # type: ignore[arg-type]
                code=form.cleaned_data["code"],
                ip_address=_ip(request),
            )
        except AccountError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Two-factor authentication is off."))
    return redirect("accounts:security")


@never_cache
@login_required
@require_POST
def backup_codes(request: HttpRequest) -> HttpResponse:
    form = OneTimeCodeForm(request.POST)
    if form.is_valid():
        try:
            codes = two_factor.new_backup_codes(
                user=request.user,  # type: ignore[arg-type]
                code=form.cleaned_data["code"],
                ip_address=_ip(request),
            )
        except AccountError as error:
            messages.error(request, str(error))
        else:
            return render(
                request, "accounts/two_factor_backup_codes.html", {"codes": codes, "next": "/"}
            )
    return redirect("accounts:security")
