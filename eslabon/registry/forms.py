"""Forms for a supplier to keep its profile current, with validation users can act on."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from eslabon.data.geography import municipalities, states
from eslabon.domain.registry.rfc import InvalidRfc, normalise_rfc, validate_rfc
from eslabon.registry.choices import CertificationStatus
from eslabon.registry.models import Capability, Certification, Contact, Organization, Site
from eslabon.registry.uploads import clean_certificate_field


class OrganizationForm(forms.ModelForm):  # type: ignore[type-arg]
    website = forms.URLField(label=_("website"), required=False, assume_scheme="https")

    class Meta:
        model = Organization
        fields = (
            "legal_name", "trade_name", "rfc", "tier", "sector", "employees",
            "annual_sales_mxn", "description", "website",
        )  # fmt: skip
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

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
        return rfc


class SiteForm(forms.ModelForm):  # type: ignore[type-arg]
    state_code = forms.ChoiceField(
        label=_("State"), choices=[(code, s.name) for code, s in sorted(states().items())]
    )

    class Meta:
        model = Site
        fields = (
            "name", "street", "neighbourhood", "postal_code", "state_code",
            "municipality_code", "municipality_name", "latitude", "longitude",
        )  # fmt: skip

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        state, municipality = data.get("state_code"), data.get("municipality_code")
        known = municipalities().get(f"{state}{municipality}")
        if known is not None and not data.get("municipality_name"):
            data["municipality_name"] = known.name
        return data


class CapabilityForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Capability
        fields = (
            "site", "process", "materials", "description", "max_dimension_mm", "max_weight_kg",
            "press_tonnage", "annual_capacity", "utilisation",
        )  # fmt: skip
        widgets = {
            "materials": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, organization: Organization, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["site"].queryset = organization.sites.all()  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        site, process = data.get("site"), data.get("process")
        if site and process:
            clash = Capability.objects.filter(site=site, process=process).exclude(
                pk=self.instance.pk
            )
            if clash.exists():
                self.add_error("process", _("This site already lists this process."))
        return data


class CertificationForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Certification
        fields = (
            "standard", "status", "site", "certificate_number", "issuing_body", "issued_on",
            "expires_on", "expected_on", "certificate_file",
        )  # fmt: skip
        widgets = {
            "issued_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "expires_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "expected_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            # Files have no public URL (served through a permission check), so no "current" link.
            "certificate_file": forms.FileInput(attrs={"accept": ".pdf,.png,.jpg,.jpeg"}),
        }

    def __init__(self, *args: Any, organization: Organization, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["site"].queryset = organization.sites.all()  # type: ignore[attr-defined]

    def clean_certificate_file(self) -> Any:
        return clean_certificate_field(self.cleaned_data.get("certificate_file"))

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        status = data.get("status")
        if status == CertificationStatus.HELD and not data.get("expires_on"):
            self.add_error("expires_on", _("A held certificate needs its expiry date."))
        if status in {
            CertificationStatus.IN_PROGRESS,
            CertificationStatus.PLANNED,
        } and not data.get("expected_on"):
            self.add_error("expected_on", _("Give the date you expect to obtain the certificate."))
        issued, expires = data.get("issued_on"), data.get("expires_on")
        if issued and expires and expires <= issued:
            self.add_error("expires_on", _("The expiry date must come after the issue date."))
        return data


class ContactForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Contact
        fields = ("name", "position", "email", "phone", "is_primary")


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("approve", _("Approve and publish")), ("reject", _("Reject"))]
    )
    reason = forms.CharField(
        label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        if data.get("decision") == "reject" and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Say why the organisation is rejected."))
        return data
