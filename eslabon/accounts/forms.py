"""Sign-up form of a supplier company: the person and the legal entity in one step."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import UserCreationForm
from django.utils.translation import gettext_lazy as _

from eslabon.accounts.models import User
from eslabon.domain.registry.rfc import InvalidRfc, normalise_rfc, validate_rfc
from eslabon.registry.choices import Sector
from eslabon.registry.models import Organization


class SupplierSignupForm(UserCreationForm):  # type: ignore[type-arg]
    legal_name = forms.CharField(label=_("Legal name (razón social)"), max_length=255)
    trade_name = forms.CharField(label=_("Trade name"), max_length=255, required=False)
    rfc = forms.CharField(
        label=_("RFC"),
        max_length=14,
        help_text=_("12 characters for companies, 13 for individuals, e.g. ABC010203XY1."),
    )
    sector = forms.ChoiceField(label=_("Sector"), choices=Sector.choices, initial=Sector.INDUSTRY)
    employees = forms.IntegerField(label=_("Employees"), min_value=0)
    annual_sales_mxn = forms.DecimalField(
        label=_("Annual sales (MXN)"), min_value=0, max_digits=16, decimal_places=2
    )

    class Meta:
        model = User
        fields = ("email", "first_name", "last_name")

    def clean_rfc(self) -> str:
        rfc = normalise_rfc(self.cleaned_data["rfc"])
        try:
            validate_rfc(rfc)
        except InvalidRfc:
            raise forms.ValidationError(
                _(
                    "This is not a valid RFC: 3 or 4 letters, 6 digits of date "
                    "and a 3-character key."
                )
            ) from None
        if Organization.objects.filter(rfc=rfc).exists():
            raise forms.ValidationError(
                _(
                    "An organisation with this RFC is already registered; "
                    "ask its administrator to invite you."
                )
            )
        return rfc

    def clean_email(self) -> str:
        email: str = self.cleaned_data["email"].strip().lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(_("An account with this e-mail address already exists."))
        return email

    def organization_fields(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "legal_name": data["legal_name"],
            "trade_name": data["trade_name"],
            "rfc": data["rfc"],
            "sector": data["sector"],
            "employees": data["employees"],
            "annual_sales_mxn": data["annual_sales_mxn"],
        }


class OneTimeCodeForm(forms.Form):
    """A six-digit code from the authenticator app, or one of the backup codes."""

    code = forms.CharField(
        label=_("Code"),
        max_length=32,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True}
        ),
    )
