"""Forms of origin declarations. The USMCA checks come from the domain (Annex 5-A: blanket
period ≤ 12 months, HS classification ≥ 6 digits); messages here are translated."""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms import inlineformset_factory
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from eslabon.declarations.models import DeclarationLine, OriginDeclaration
from eslabon.declarations.services import LINE_FIELDS
from eslabon.domain.errors import InputError
from eslabon.domain.origin import certification as domain
from eslabon.registry.choices import OrganizationStatus
from eslabon.registry.models import Organization, Site
from eslabon.registry.uploads import clean_certificate_field

_DATE = {"type": "date"}


class DeclarationForm(forms.ModelForm):  # type: ignore[type-arg]
    supplier = forms.ModelChoiceField(
        queryset=Organization.objects.none(),
        label=gettext_lazy("Supplier (certifier and producer)"),
    )

    class Meta:
        model = OriginDeclaration
        fields = (
            "customer", "production_site", "period_start", "period_end", "certifier_name",
            "certifier_title", "certifier_email", "certifier_phone", "exporter_name",
            "exporter_address", "exporter_email", "exporter_phone", "document",
        )  # fmt: skip
        widgets = {
            "period_start": forms.DateInput(attrs=_DATE, format="%Y-%m-%d"),
            "period_end": forms.DateInput(attrs=_DATE, format="%Y-%m-%d"),
            # Served through a permission check only, so no public "current file" link.
            "document": forms.FileInput(attrs={"accept": ".pdf,.png,.jpg,.jpeg"}),
        }

    def __init__(self, *args: Any, suppliers: list[Organization], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        supplier_ids = [org.pk for org in suppliers]
        self.fields["supplier"].queryset = Organization.objects.filter(pk__in=supplier_ids)  # type: ignore[attr-defined]
        if self.instance.pk:
            del self.fields["supplier"]  # a declaration never changes hands
            supplier_ids = [self.instance.supplier_id]
        elif len(suppliers) == 1:
            # One company: no choice to make.
            self.fields["supplier"].initial = suppliers[0].pk
            self.fields["supplier"].required = False
            self.fields["supplier"].widget = forms.HiddenInput()
        self._suppliers = suppliers
        self.fields["customer"].queryset = Organization.objects.filter(
            is_buyer=True, status=OrganizationStatus.APPROVED
        )  # type: ignore[attr-defined]
        self.fields["production_site"].queryset = Site.objects.filter(  # type: ignore[attr-defined]
            organization__in=supplier_ids
        )

    def clean_supplier(self) -> Any:
        supplier = self.cleaned_data.get("supplier")
        if supplier is None and len(self._suppliers) == 1:
            return self._suppliers[0]
        return supplier

    def clean_document(self) -> Any:
        return clean_certificate_field(self.cleaned_data.get("document"))

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        start, end = data.get("period_start"), data.get("period_end")
        if start and end:
            if end < start:
                self.add_error("period_end", _("The period ends before it starts."))
            elif end > domain.latest_blanket_end(start):
                # USMCA Annex 5-A element 8: a blanket period of up to 12 months.
                self.add_error(
                    "period_end",
                    _(
                        "A blanket period may cover at most 12 months (USMCA Annex 5-A); "
                        "starting %(start)s it must end by %(latest)s."
                    )
                    % {"start": start, "latest": domain.latest_blanket_end(start)},
                )
        site, supplier = data.get("production_site"), data.get("supplier")
        if site and supplier and site.organization_id != supplier.pk:
            self.add_error("production_site", _("Choose a site of the supplier."))
        return data


class LineForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = DeclarationLine
        fields = LINE_FIELDS

    def clean_hs_code(self) -> str:
        code = str(self.cleaned_data.get("hs_code", "")).strip()
        try:
            domain.check_hs_code(code, "hs_code")  # Annex 5-A element 6: to six digits
        except InputError:
            raise forms.ValidationError(
                _("Give the HS classification to at least six digits, e.g. 8708.80 or 8708.80.01.")
            ) from None
        return code


LineFormSet = inlineformset_factory(
    OriginDeclaration, DeclarationLine, form=LineForm, fields=LINE_FIELDS, extra=2,
    can_delete=True, min_num=1, validate_min=True,
)  # fmt: skip


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )
