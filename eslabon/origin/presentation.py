"""The engine's results shaped for the pages and the export: figures, chart, BOM rows, plans.

Percentages are shown with two decimals, half up (docs/origin.md); the verdict itself is the
engine's exact comparison, never a comparison of rounded figures.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.utils.translation import gettext as _

from eslabon.domain.errors import DomainError
from eslabon.domain.origin.check import OriginResult
from eslabon.domain.origin.localize import LocalizationResult, Plan
from eslabon.domain.origin.rvc import MaterialCount
from eslabon.origin import explanations, selectors
from eslabon.origin.charts import rvc_chart
from eslabon.origin.choices import Originating, ProductClass
from eslabon.origin.models import Good, Material, Scenario

_CENT = Decimal("0.01")


def pct(value: Decimal | None) -> Decimal | None:
    return None if value is None else value.quantize(_CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class TraceRow:
    """One step of the engine's trace as the reader sees it (explanations.py)."""

    figure: str
    value: str
    rule: str
    material_ids: tuple[str, ...]


@dataclass(frozen=True)
class BomRow:
    material: Material
    depth: int
    count: MaterialCount | None
    standing: Any = None  # the supplier's declaration standing (declarations.selectors)

    @property
    def reason(self) -> str:
        """Why the engine counted the line as it did, in the reader's language."""
        return "" if self.count is None else explanations.reason(self.count.reason)


def bom_rows(
    good: Good, result: OriginResult | None, standings: dict[int, Any] | None = None
) -> list[BomRow]:
    """The BOM lines depth first (intermediates before their parts), with how each counted."""
    materials = list(
        Material.objects.filter(good=good)
        .select_related("process", "supplier", "parent")
        .order_by("position", "pk")
    )
    children: dict[int | None, list[Material]] = {}
    for material in materials:
        children.setdefault(material.parent_id, []).append(material)
    counts = {c.material_id: c for c in result.materials} if result else {}
    standings = standings or {}
    rows: list[BomRow] = []

    def walk(parent: int | None, depth: int) -> None:
        for material in children.get(parent, []):
            standing = standings.get(material.pk)
            shown = standing if standing is not None and standing.declaration else None
            rows.append(BomRow(material, depth, counts.get(material.code), shown))
            walk(material.pk, depth + 1)

    walk(None, 0)
    return rows


def figures(result: OriginResult) -> dict[str, Any]:
    threshold = result.threshold
    return {
        "rvc_transaction_value": pct(result.rvc_transaction_value),
        "rvc_net_cost": pct(result.rvc_net_cost),
        "threshold_transaction_value": pct(threshold.transaction_value),
        "threshold_net_cost": pct(threshold.net_cost),
        "methods_allowed": list(threshold.methods_allowed),
        "threshold_source": threshold.source,
        "threshold_from": threshold.valid_from,
        "product_class": ProductClass(result.product_class.value).label,
        "qualifies": result.qualifies,
        "de_minimis": result.de_minimis,
        "value_non_originating": result.value_non_originating,
        "materials_unknown": list(result.materials_unknown),
        "date": result.date,
    }


def _shown(value: str) -> str:
    """A trace value as shown: long exact quotients to four decimals (half up)."""
    try:
        number = Decimal(value)
    except ArithmeticError:
        return value
    exponent = number.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -4:
        return str(number.quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP))
    return value


def chart_for(result: OriginResult) -> Any:
    threshold = result.threshold
    return rvc_chart(
        _("Regional value content against the threshold"),
        [
            (
                _("RVC by transaction value"),
                pct(result.rvc_transaction_value),
                threshold.transaction_value,
            ),
            (_("RVC by net cost"), pct(result.rvc_net_cost), threshold.net_cost),
        ],
        _("threshold"),
    )


def workspace(good: Good, *, can_edit: bool) -> dict[str, Any]:
    """Everything the good's page shows: the result (or why it could not be computed)."""
    result: OriginResult | None = None
    error = ""
    rows = selectors.material_rows(good)
    standings = selectors.declaration_standings(good, rows)
    try:
        result = selectors.check(good, rows, standings)
    except DomainError as fault:
        error = str(fault)
    bom = bom_rows(good, result, standings)
    context: dict[str, Any] = {
        "good": good,
        "can_edit": can_edit,
        "result": result,
        "error": error,
        "rows": bom,
        "declared": [r for r in bom if r.standing is not None and r.standing.covered],
        "lapsed": [r for r in bom if r.standing is not None and not r.standing.covered],
        "certification": selectors.own_certification(good),
        "scenario_count": Scenario.objects.filter(good=good).count(),
    }
    if result is not None:
        context.update(
            figures=figures(result),
            chart=chart_for(result),
            trace=[
                TraceRow(
                    figure=explanations.figure(t),
                    value=explanations.value(t, _shown(t.value)),
                    rule=explanations.rule(t),
                    material_ids=t.material_ids,
                )
                for t in result.trace
            ],
            counts=[
                (c, Originating(c.status.value).label, explanations.reason(c.reason))
                for c in result.materials
            ],
            metals=result.metals,
            core_parts=result.core_parts,
        )
    return context


@dataclass(frozen=True)
class PlanView:
    plan: Plan
    offer_ids: list[int]


def plans(good: Good, offer_keys: dict[tuple[str, str, Decimal], int]) -> dict[str, Any]:
    """The engine's localize() on the offers of the targets: exact plan beside the greedy."""
    candidates = selectors.offers_as_candidates(good)
    if not candidates:
        return {"localization": None, "plan_error": ""}
    try:
        result: LocalizationResult = selectors.localization(good, candidates)
    except DomainError as error:
        return {"localization": None, "plan_error": str(error)}

    def ids(plan: Plan) -> list[int]:
        return [
            offer_keys[(s.option.candidate.material_id, s.option.candidate.supplier,
                        s.option.candidate.unit_price)]
            for s in plan.steps
        ]  # fmt: skip

    return {
        "localization": result,
        "plan_error": "",
        "before": figures(result.before),
        "plan_views": [
            PlanView(result.exact, ids(result.exact)),
            PlanView(result.greedy, ids(result.greedy)),
        ],
    }


def comparison(good: Good, scenarios: list[Scenario]) -> dict[str, Any]:
    """Scenarios side by side, with the good as it stands as the first column."""
    threshold_nc = scenarios[0].snapshot.get("threshold_net_cost")
    threshold_tv = scenarios[0].snapshot.get("threshold_transaction_value")
    first = scenarios[0]
    rows = [(_("Current BOM"), first.rvc_net_cost_before, threshold_nc)] + [
        (s.name, s.rvc_net_cost_after, threshold_nc) for s in scenarios
    ]
    chart = rvc_chart(
        _("RVC by net cost in each scenario"),
        [(label, value, Decimal(t) if t else None) for label, value, t in rows],
        _("threshold"),
    )
    cheapest = min(
        (s for s in scenarios if s.qualifies_after), key=lambda s: s.added_cost, default=None
    )
    return {
        "chart": chart,
        "threshold_net_cost": threshold_nc,
        "threshold_transaction_value": threshold_tv,
        "cheapest_qualifying": cheapest,
    }
