"""Excel export of a good: its BOM (first sheet, in the upload's columns, so it imports back)
and the engine's result with the trace."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from eslabon.domain.errors import DomainError
from eslabon.domain.origin.bom_table import COLUMNS
from eslabon.origin import explanations, presentation, selectors
from eslabon.origin.models import Good
from eslabon.readiness.exports import XLSX, workbook_bytes

XLSX_CONTENT_TYPE = XLSX


def good_workbook(good: Good) -> bytes:
    try:
        result = selectors.check(good)
    except DomainError as error:
        result, fault = None, str(error)
    else:
        fault = ""
    rows = presentation.bom_rows(good, result)
    bom = [
        [
            r.material.code, r.material.parent.code if r.material.parent else None,
            r.material.description, r.material.hs_code, r.material.origin_country,
            r.material.originating, r.material.value, r.material.quantity,
            r.material.supplier_name, "yes" if r.material.self_produced else "no",
            "yes" if r.material.high_wage else "no", r.material.metal,
        ]
        for r in rows
    ]  # fmt: skip
    sheets: list[tuple[str, list[str], list[list[Any]]]] = [("BOM", list(COLUMNS), bom)]
    if result is None:
        sheets.append((_("Result"), [_("Figure"), _("Value")], [[_("error"), fault]]))
        return workbook_bytes(sheets)
    f = presentation.figures(result)
    sheets.append(
        (
            _("Result"),
            [_("Figure"), _("Value")],
            [
                [_("Good"), str(good)],
                [_("HS code"), good.hs_code],
                [_("Date"), f["date"].isoformat()],
                [_("Product class"), str(f["product_class"])],
                [_("Currency"), good.currency],
                [_("Transaction value"), good.transaction_value],
                [_("Net cost"), good.net_cost],
                [_("Value of non-originating materials"), f["value_non_originating"]],
                [_("RVC by transaction value (%)"), f["rvc_transaction_value"]],
                [_("Threshold, transaction value (%)"), f["threshold_transaction_value"]],
                [_("RVC by net cost (%)"), f["rvc_net_cost"]],
                [_("Threshold, net cost (%)"), f["threshold_net_cost"]],
                [_("Methods allowed"), ", ".join(f["methods_allowed"])],
                [_("De minimis"), _("yes") if f["de_minimis"] else _("no")],
                [_("Qualifies"), _("yes") if f["qualifies"] else _("no")],
                [_("Materials of unknown origin"), ", ".join(f["materials_unknown"])],
            ],
        )
    )
    sheets.append(
        (
            _("Materials"),
            [_("id"), _("status"), _("value"), _("non-originating value"), _("reason")],
            [
                [
                    c.material_id,
                    c.status.value,
                    c.value,
                    c.non_originating_value,
                    explanations.reason(c.reason),
                ]
                for c in result.materials
            ],
        )
    )
    sheets.append(
        (
            _("Trace"),
            [_("Figure"), _("Value"), _("Rule"), _("Materials")],
            [
                [
                    explanations.figure(t),
                    explanations.value(t, t.value),
                    explanations.rule(t),
                    ", ".join(t.material_ids),
                ]
                for t in result.trace
            ],
        )
    )
    return workbook_bytes(sheets)
