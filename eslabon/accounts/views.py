"""Sign-up, e-mail verification and sign-in pages; writes go through accounts.services."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.encoding import force_str
from django.utils.http import urlsafe_base64_decode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from eslabon.accounts import services
from eslabon.accounts.forms import SupplierSignupForm
from eslabon.accounts.models import User


@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("home")
    form = SupplierSignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.sign_up_supplier(
            email=form.cleaned_data["email"],
            password=form.cleaned_data["password1"],
            first_name=form.cleaned_data["first_name"],
            last_name=form.cleaned_data["last_name"],
            organization_fields=form.organization_fields(),
            base_url=request.build_absolute_uri("/"),
        )
        return render(request, "accounts/signup_done.html", {"email": form.cleaned_data["email"]})
    return render(request, "accounts/signup.html", {"form": form})


@require_http_methods(["GET"])
def verify_email(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    try:
        user = User.objects.get(pk=force_str(urlsafe_base64_decode(uidb64)))
        services.verify_email(user=user, token=token)
    except (User.DoesNotExist, ValueError, services.AccountError):
        messages.error(request, _("This verification link is invalid or has already been used."))
        return render(request, "accounts/verify_failed.html", status=400)
    messages.success(
        request,
        _(
            "Your e-mail address is confirmed. Sign in; "
            "a programme officer will review your company."
        ),
    )
    return redirect("accounts:login")
