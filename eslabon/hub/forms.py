"""Forms of the hub: they validate and shape input; services decide and write."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from eslabon.hub.choices import AnswerScope, AttachmentKind, PpapDisposition
from eslabon.hub.models import Requirement, RequirementLine
from eslabon.hub.quoting import QuoteLineInput
from eslabon.registry.models import Organization
from eslabon.rendering import LongSelect

DEFAULT_NDA = _(
    "The supplier keeps the drawings, specifications and commercial terms of this "
    "requirement confidential, uses them only to prepare its quote, and shares them with "
    "no third party without the buyer's written consent."
)


def time_zone_choices() -> list[tuple[str, str]]:
    zones = sorted(z for z in zoneinfo.available_timezones() if z.startswith("America/"))
    return [(zone, zone) for zone in zones] + [("UTC", "UTC")]


class RequirementForm(forms.ModelForm):  # type: ignore[type-arg]
    """The buyer enters the due time on its own clock; it is stored in UTC."""

    due_local = forms.DateTimeField(
        label=_("Quotes due (local time)"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )
    time_zone = forms.ChoiceField(label=_("time zone"), choices=time_zone_choices)

    class Meta:
        model = Requirement
        fields = (
            "title", "description", "processes", "materials", "envelope_length_mm",
            "envelope_width_mm", "envelope_height_mm", "part_weight_kg", "annual_volume",
            "lifetime_volume", "sop_date", "required_certifications", "ppap_level",
            "delivery_site", "max_distance_km", "incoterm",
            "named_place", "currency", "target_price", "visibility", "nda_text",
        )  # fmt: skip
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "nda_text": forms.Textarea(attrs={"rows": 4}),
            "sop_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "required_certifications": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args: Any, buyer: Organization, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.buyer = buyer
        self.fields["delivery_site"].queryset = buyer.sites.all()  # type: ignore[attr-defined]
        if self.instance.pk:
            self.initial["due_local"] = self.instance.local_due_at.replace(tzinfo=None)
            self.initial["time_zone"] = self.instance.time_zone
        else:
            self.initial.setdefault("time_zone", "America/Mexico_City")
            self.initial.setdefault("nda_text", str(DEFAULT_NDA))

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        local, zone = data.get("due_local"), data.get("time_zone")
        if local is not None and zone:
            naive = local.replace(tzinfo=None) if timezone.is_aware(local) else local
            due = naive.replace(tzinfo=zoneinfo.ZoneInfo(zone)).astimezone(dt.UTC)
            self.instance.quote_due_at = due
            self.instance.time_zone = zone
            if due <= timezone.now():
                self.add_error("due_local", _("The due time must be in the future."))
        return data


class LineForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = RequirementLine
        fields = ("part_number", "name", "description", "quantity")
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("file"))
    kind = forms.ChoiceField(label=_("kind"), choices=AttachmentKind.choices)


class InviteForm(forms.Form):
    supplier = forms.ModelChoiceField(
        label=_("supplier"), queryset=Organization.objects.none(), widget=LongSelect
    )

    def __init__(self, *args: Any, requirement: Requirement, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["supplier"].queryset = (  # type: ignore[attr-defined]
            Organization.objects.published_suppliers()
            .exclude(hub_invitations__requirement=requirement)
            .exclude(pk=requirement.buyer_id)
            .order_by("legal_name")
        )


class InvitationAnswerForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("answer"), choices=[("intend", _("We intend to quote")), ("decline", _("Decline"))]
    )
    reason = forms.CharField(label=_("reason"), required=False, widget=forms.Textarea({"rows": 2}))


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("reason"), widget=forms.Textarea({"rows": 2}))


class QuestionForm(forms.Form):
    text = forms.CharField(label=_("question"), widget=forms.Textarea({"rows": 3}))


class AnswerForm(forms.Form):
    scope = forms.ChoiceField(label=_("who reads it"), choices=AnswerScope.choices)
    public_question = forms.CharField(
        label=_("question as every supplier will read it"), required=False,
        widget=forms.Textarea({"rows": 2}),
        help_text=_("For a broadcast; leave empty to repeat the question as asked."),
    )  # fmt: skip
    text = forms.CharField(label=_("answer"), widget=forms.Textarea({"rows": 3}))


MAX_TIERS = 3


class QuoteForm(forms.Form):
    """Quote-wide terms, then one block of fields per requirement line."""

    site = forms.ModelChoiceField(label=_("made at"), queryset=Organization.objects.none())
    valid_until = forms.DateField(
        label=_("valid until"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    notes = forms.CharField(label=_("notes"), required=False, widget=forms.Textarea({"rows": 3}))

    def __init__(
        self, *args: Any, supplier: Organization, lines: Sequence[RequirementLine],
        quote: Any = None, **kwargs: Any,
    ) -> None:  # fmt: skip
        super().__init__(*args, **kwargs)
        self.lines = list(lines)
        self.fields["site"].queryset = supplier.sites.all()  # type: ignore[attr-defined]
        existing = {ql.line_id: ql for ql in quote.lines.all()} if quote else {}
        if quote is not None:
            self.initial.update(
                {"site": quote.site_id, "valid_until": quote.valid_until, "notes": quote.notes}
            )
        for line in self.lines:
            self._add_line_fields(line, existing.get(line.pk))

    def _add_line_fields(self, line: RequirementLine, quoted: Any) -> None:
        prefix = f"line_{line.pk}"
        money = {"max_digits": 16, "decimal_places": 4, "min_value": Decimal(0), "required": False}
        self.fields[f"{prefix}_quoted"] = forms.BooleanField(
            label=_("quote this line"), required=False
        )
        for tier in range(MAX_TIERS):
            self.fields[f"{prefix}_tier{tier}_qty"] = forms.IntegerField(
                label=_("from quantity"), min_value=1, required=False
            )
            self.fields[f"{prefix}_tier{tier}_price"] = forms.DecimalField(
                label=_("unit price"), **money
            )
        self.fields[f"{prefix}_tooling"] = forms.DecimalField(label=_("tooling cost"), **money)
        self.fields[f"{prefix}_ppap"] = forms.IntegerField(
            label=_("weeks to PPAP"), min_value=0, required=False
        )
        self.fields[f"{prefix}_sop"] = forms.IntegerField(
            label=_("weeks to SOP"), min_value=0, required=False
        )
        self.fields[f"{prefix}_capacity"] = forms.IntegerField(
            label=_("annual capacity committed"), min_value=0, required=False
        )
        if quoted is not None:
            self.initial[f"{prefix}_quoted"] = True
            for tier, price in enumerate(quoted.tiers.all()[:MAX_TIERS]):
                self.initial[f"{prefix}_tier{tier}_qty"] = price.min_quantity
                self.initial[f"{prefix}_tier{tier}_price"] = price.unit_price
            self.initial[f"{prefix}_tooling"] = quoted.tooling_cost
            self.initial[f"{prefix}_ppap"] = quoted.lead_time_ppap_weeks
            self.initial[f"{prefix}_sop"] = quoted.lead_time_sop_weeks
            self.initial[f"{prefix}_capacity"] = quoted.capacity_committed
        else:
            self.initial[f"{prefix}_tier0_qty"] = 1

    def line_blocks(self) -> list[dict[str, Any]]:
        """Bound fields grouped per line, for the template."""
        blocks = []
        for line in self.lines:
            prefix = f"line_{line.pk}"
            blocks.append(
                {
                    "line": line,
                    "quoted": self[f"{prefix}_quoted"],
                    "tiers": [
                        (self[f"{prefix}_tier{t}_qty"], self[f"{prefix}_tier{t}_price"])
                        for t in range(MAX_TIERS)
                    ],
                    "others": [
                        self[f"{prefix}_{name}"] for name in ("tooling", "ppap", "sop", "capacity")
                    ],
                }
            )
        return blocks

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        inputs: list[QuoteLineInput] = []
        for line in self.lines:
            prefix = f"line_{line.pk}"
            if not data.get(f"{prefix}_quoted"):
                continue
            tiers = [
                (data.get(f"{prefix}_tier{t}_qty"), data.get(f"{prefix}_tier{t}_price"))
                for t in range(MAX_TIERS)
            ]
            tiers = [(q, p) for q, p in tiers if q is not None and p is not None]
            required = {"ppap": data.get(f"{prefix}_ppap"), "sop": data.get(f"{prefix}_sop"),
                        "capacity": data.get(f"{prefix}_capacity")}  # fmt: skip
            if not tiers:
                self.add_error(f"{prefix}_tier0_price", _("Give at least one unit price."))
            for name, value in required.items():
                if value is None:
                    self.add_error(f"{prefix}_{name}", _("This field is required."))
            if tiers and None not in required.values():
                inputs.append(
                    QuoteLineInput(
                        line_id=line.pk,
                        tooling_cost=data.get(f"{prefix}_tooling") or Decimal(0),
                        lead_time_ppap_weeks=required["ppap"],
                        lead_time_sop_weeks=required["sop"],
                        capacity_committed=required["capacity"],
                        tiers=tuple(tiers),
                    )
                )
        data["line_inputs"] = inputs
        return data


class AwardForm(forms.Form):
    """One share field per (line, quoted cell) of the comparison matrix."""

    def __init__(self, *args: Any, matrix: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.cells: list[tuple[int, int, str]] = []
        for row in matrix.rows:
            for head, cell in zip(matrix.lines, row.cells, strict=True):
                if cell is None:
                    continue
                name = f"share_{head.line_id}_{cell.quote_line_id}"
                self.fields[name] = forms.DecimalField(
                    label=_("share (%)"), min_value=Decimal(0), max_value=Decimal(100),
                    decimal_places=2, required=False,
                )  # fmt: skip
                self.cells.append((head.line_id, cell.quote_line_id, name))

    def allocations(self) -> dict[int, list[tuple[int, Decimal]]]:
        result: dict[int, list[tuple[int, Decimal]]] = {}
        for line_id, quote_line_id, name in self.cells:
            share = self.cleaned_data.get(name)
            if share:
                result.setdefault(line_id, []).append((quote_line_id, share))
        return result


class LineImportForm(forms.Form):
    file = forms.FileField(label=_("Excel file (.xlsx)"))


class PpapSubmitForm(forms.Form):
    """The signed warrant, and one file per element the requirement's level asks for."""

    warrant = forms.FileField(label=_("Part submission warrant (signed PSW)"))

    def __init__(self, *args: Any, level: int, **kwargs: Any) -> None:
        from eslabon.hub.ppap import required_documents

        super().__init__(*args, **kwargs)
        self.required_elements = required_documents(level)
        for element in self.required_elements:
            self.fields[f"element_{element.slug}"] = forms.FileField(
                label=f"{element.number}. {element.name}"
            )

    def documents(self) -> dict[str, Any]:
        return {e.slug: self.cleaned_data[f"element_{e.slug}"] for e in self.required_elements}


class PpapDecisionForm(forms.Form):
    disposition = forms.ChoiceField(
        label=_("disposition"),
        choices=[(c.value, c.label) for c in PpapDisposition if c != PpapDisposition.PENDING],
    )
    interim_expires_on = forms.DateField(
        label=_("interim approval expires on"), required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )  # fmt: skip
    reason = forms.CharField(label=_("reason"), required=False, widget=forms.Textarea({"rows": 2}))
