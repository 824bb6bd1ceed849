"""The one gate of two-factor authentication, in front of every view, the admin and the API.

After the password step a person with a second factor is signed in but not verified: until
the code is entered, every URL except the code page, sign-out and the language switch sends
them to the code page (the API answers 403). A person whose role requires a second factor
and who has none is sent to enrolment the same way. See docs/security.md.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.urls import Resolver404, resolve, reverse
from django.utils.translation import gettext as _

from eslabon.accounts.two_factor import ENROL_REQUIRED_SESSION_KEY

# Pages a half-signed-in person may still reach.
ALWAYS_OPEN = frozenset(
    {
        "accounts:logout",
        "accounts:two_factor_verify",
        "set_language",
        "healthz",
        "readyz",
    }
)
OPEN_WHILE_ENROLLING = ALWAYS_OPEN | {
    "accounts:security",
    "accounts:two_factor_enrol",
    "accounts:two_factor_qr",
}


def _view_name(request: HttpRequest) -> str | None:
    try:
        return resolve(request.path_info).view_name
    except Resolver404:
        return None


class TwoFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if not user.is_authenticated:
            return self.get_response(request)
        if user.two_factor_enabled:  # type: ignore[union-attr]
            if not user.is_verified() and _view_name(request) not in ALWAYS_OPEN:  # type: ignore[union-attr]
                return self._send_to(request, "accounts:two_factor_verify")
        elif (
            request.session.get(ENROL_REQUIRED_SESSION_KEY)
            and _view_name(request) not in OPEN_WHILE_ENROLLING
        ):
            return self._send_to(request, "accounts:two_factor_enrol")
        return self.get_response(request)

    @staticmethod
    def _send_to(request: HttpRequest, url_name: str) -> HttpResponse:
        if request.path_info.startswith("/api/"):
            detail = (
                _("Enter your two-factor code first.")
                if url_name == "accounts:two_factor_verify"
                else _("Set up two-factor authentication first.")
            )
            return JsonResponse({"detail": detail}, status=403)
        target = reverse(url_name)
        if request.method == "GET":
            target += "?" + urlencode({"next": request.get_full_path()})
        if getattr(request, "htmx", False):
            response = HttpResponse(status=204)
            response["HX-Redirect"] = target
            return response
        return HttpResponseRedirect(target)
