"""Forms of the origin workspace: they validate and shape input; services decide and write."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from eslabon.hub.models import RequirementLine
from eslabon.origin.models import Good, Material, Offer
from eslabon.registry.models import Organization


class GoodForm(forms.ModelForm):  # type: ignore[type-arg]
    organization = forms.ModelChoiceField(
        label=_("buyer"), queryset=Organization.objects.none(), empty_label=None
    )

    class Meta:
        model = Good
        fields = (
            "organization", "name", "part_number", "hs_code", "product_class", "end_use",
            "transaction_value", "net_cost", "currency", "date",
        )  # fmt: skip
        widgets = {"date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args: Any, buyers: list[Organization], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = Organization.objects.filter(
            pk__in=[org.pk for org in buyers]
        )
        if self.instance.pk is not None:
            del self.fields["organization"]

    def clean_currency(self) -> str:
        currency = (self.cleaned_data.get("currency") or "").strip().upper()
        if len(currency) != 3 or not currency.isalpha():
            raise forms.ValidationError(_("Three letters (ISO 4217), e.g. USD."))
        return currency

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("transaction_value") is None and data.get("net_cost") is None:
            raise forms.ValidationError(_("Give the transaction value, the net cost or both."))
        return data


class MaterialForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Material
        fields = (
            "code", "parent", "description", "hs_code", "origin_country", "originating", "value",
            "quantity", "supplier_name", "process", "self_produced", "high_wage", "metal",
            "requirement_line",
        )  # fmt: skip

    def __init__(self, *args: Any, good: Good, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.good = good
        parents = Material.objects.filter(good=good)
        if self.instance.pk is not None:
            parents = parents.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = parents
        self.fields["requirement_line"].queryset = RequirementLine.objects.filter(
            requirement__buyer=good.organization
        ).select_related("requirement")
        self.fields["origin_country"].widget.attrs.update(maxlength=2, size=2)

    def clean_code(self) -> str:
        code = self.cleaned_data["code"].strip()
        taken = Material.objects.filter(good=self.good, code=code)
        if self.instance.pk is not None:
            taken = taken.exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(_("Another line of this good has this id."))
        return code

    def clean_origin_country(self) -> str:
        return (self.cleaned_data.get("origin_country") or "").strip().upper()


class BomUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Bill of materials (CSV or Excel)"),
        help_text=_(
            "Columns: id, originating, value (required); parent_id, description, hs_code, "
            "origin_country, quantity, supplier, self_produced, high_wage, metal. "
            "It replaces the current lines and the scenarios built on them."
        ),
    )


class OfferForm(forms.ModelForm):  # type: ignore[type-arg]
    supplier = forms.ModelChoiceField(
        label=_("supplier in the registry"),
        queryset=Organization.objects.published_suppliers(),
        required=False,
    )
    supplier_name = forms.CharField(label=_("or supplier name"), max_length=255, required=False)

    class Meta:
        model = Offer
        fields = ("supplier", "supplier_name", "unit_price")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("supplier") and not (data.get("supplier_name") or "").strip():
            raise forms.ValidationError(_("Choose a supplier or type its name."))
        return data


class ScenarioForm(forms.Form):
    name = forms.CharField(label=_("scenario name"), max_length=120)
    offers = forms.ModelMultipleChoiceField(
        label=_("offers taken"), queryset=Offer.objects.none(), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, good: Good, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["offers"].queryset = Offer.objects.filter(
            material__good=good, material__is_localisation_target=True
        ).select_related("material")
