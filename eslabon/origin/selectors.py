"""Origin rows as the engine's values, the engine's answers, and aggregates for analytics.

The one place where ORM rows become ``eslabon.domain.origin`` values (fetch, then calculate):
a good's materials are read with one ``values()`` query and nested by ``parent`` here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery, Sum

from eslabon.data.origin import rulebook
from eslabon.declarations.selectors import (
    DeclarationStanding,
    declaration_status_for,
    declarations_by_supplier,
)
from eslabon.domain.origin.check import OriginResult, check_good
from eslabon.domain.origin.localize import Candidate, LocalizationResult, localize
from eslabon.domain.origin.model import Good as GoodValue
from eslabon.domain.origin.model import parse_good
from eslabon.hub.models import Award
from eslabon.origin.models import Good, Material, Offer, Scenario
from eslabon.registry.models import Organization

_MATERIAL_FIELDS = (
    "pk",
    "parent_id",
    "code",
    "description",
    "hs_code",
    "origin_country",
    "originating",
    "value",
    "quantity",
    "supplier_name",
    "self_produced",
    "high_wage",
    "metal",
    "supplier_id",
)


@dataclass(frozen=True)
class Override:
    """A material counted differently: sourced locally (originating) at a new line value."""

    originating: str = "yes"
    value: Decimal | None = None


def material_rows(good: Good) -> list[dict[str, Any]]:
    """The good's BOM lines in order, as plain dicts (one query)."""
    return list(
        Material.objects.filter(good=good).order_by("position", "pk").values(*_MATERIAL_FIELDS)
    )


def declaration_standings(
    good: Good, rows: list[dict[str, Any]] | None = None
) -> dict[int, DeclarationStanding]:
    """For each BOM line with a registry supplier and an HS code: how that supplier's origin
    declarations (addressed to the good's buyer or to no named importer) stand for the
    material on the good's date (docs/declarations.md), in two queries for the whole BOM."""
    rows = material_rows(good) if rows is None else rows
    lines = [r for r in rows if r["supplier_id"] and r["hs_code"]]
    if not lines:
        return {}
    index = declarations_by_supplier({r["supplier_id"] for r in lines}, customer=good.organization)
    return {
        row["pk"]: declaration_status_for(
            supplier_org=Organization(pk=row["supplier_id"]),
            on=good.date,
            hs_code=row["hs_code"],
            customer=good.organization,
            candidates=index.get(row["supplier_id"], []),
        )
        for row in lines
    }


def good_document(
    good: Good,
    rows: list[dict[str, Any]] | None = None,
    overrides: dict[int, Override] | None = None,
    net_cost_added: Decimal = Decimal(0),
    standings: dict[int, DeclarationStanding] | None = None,
) -> dict[str, Any]:
    """The good as a GOOD.json document (docs/origin.md), nested by ``parent``.

    ``overrides`` (by material pk) and ``net_cost_added`` describe a scenario: a localised
    material counts originating at its new value, and its added cost enters net cost (the
    transaction value, the selling price, is held), as in the engine's localize().
    A line whose supplier's origin declaration covers it on the good's date counts
    originating: the producer's certification is how a buyer knows a material originates
    (USMCA Art. 5.2 / Annex 5-A, shared/reference/usmca.md §8). An expired, revoked or
    not-yet-valid declaration changes nothing; the page flags it.
    """
    rows = material_rows(good) if rows is None else rows
    standings = declaration_standings(good, rows) if standings is None else standings
    overrides = overrides or {}
    nodes: dict[int, dict[str, Any]] = {}
    for row in rows:
        override = overrides.get(row["pk"])
        standing = standings.get(row["pk"])
        originating = row["originating"]
        if standing is not None and standing.covered:
            originating = "yes"
        node: dict[str, Any] = {
            "id": row["code"],
            "description": row["description"],
            "hs_code": row["hs_code"] or None,
            "origin_country": row["origin_country"] or None,
            "originating": override.originating if override else originating,
            "value": (override.value if override and override.value is not None else row["value"]),
            "quantity": row["quantity"],
            "supplier": row["supplier_name"] or None,
            "self_produced": row["self_produced"],
            "high_wage": row["high_wage"],
            "metal": row["metal"] or None,
            "materials": [],
        }
        nodes[row["pk"]] = node
    roots = []
    for row in rows:
        parent = nodes.get(row["parent_id"]) if row["parent_id"] else None
        (parent["materials"] if parent is not None else roots).append(nodes[row["pk"]])
    net_cost = good.net_cost + net_cost_added if good.net_cost is not None else None
    return {
        "good": {
            "hs_code": good.hs_code,
            "product_class": good.product_class or None,
            "end_use": good.end_use,
            "transaction_value": good.transaction_value,
            "net_cost": net_cost,
            "currency": good.currency,
            "date": good.date,
            "description": good.name,
        },
        "materials": roots,
    }


def good_value(good: Good, **kwargs: Any) -> GoodValue:
    """The engine's Good for ``good`` (raises InputError naming the JSON path of a fault)."""
    document = good_document(good, **kwargs)
    if document["good"]["product_class"] is None:
        del document["good"]["product_class"]
    return parse_good(document)


def check_good_value(value: GoodValue) -> OriginResult:
    return check_good(value, rulebook())


def check(
    good: Good,
    rows: list[dict[str, Any]] | None = None,
    standings: dict[int, DeclarationStanding] | None = None,
) -> OriginResult:
    """RVC by both methods against the threshold in force on the good's date."""
    return check_good_value(good_value(good, rows=rows, standings=standings))


def own_certification(good: Good) -> DeclarationStanding | None:
    """The buyer's own certification of origin for this good, when it also produces and
    certifies it as a supplier (a declaration naming the good's HS code), else None."""
    if not good.organization.is_supplier:
        return None
    standing = declaration_status_for(
        supplier_org=good.organization, on=good.date, hs_code=good.hs_code,
        part_number=good.part_number or None,
    )  # fmt: skip
    return standing if standing.declaration is not None else None


def offers_as_candidates(good: Good, only_targets: bool = True) -> list[Candidate]:
    """The offers entered for the good's materials (targets only by default), for localize()."""
    offers = Offer.objects.filter(material__good=good)
    if only_targets:
        offers = offers.filter(material__is_localisation_target=True)
    return [
        Candidate(material_id=code, supplier=name, unit_price=price)
        for code, name, price in offers.order_by(
            "material__position", "unit_price", "pk"
        ).values_list("material__code", "supplier_name", "unit_price")
    ]


def localization(good: Good, candidates: list[Candidate]) -> LocalizationResult:
    """Least-cost set of localisations (exact CP-SAT) beside the greedy order."""
    return localize(good_value(good), candidates, rulebook())


def goods_with_figures(goods: QuerySet[Good]) -> QuerySet[Good]:
    return goods.select_related("organization").annotate(
        material_count=Count("materials", distinct=True),
        scenario_count=Count("scenarios", distinct=True),
    )


def latest_scenario_per_good() -> Subquery:
    """The newest scenario of the outer row's good: the one analytics and summaries count."""
    return Subquery(
        Scenario.objects.filter(good_id=OuterRef("good_id"))
        .order_by("-created_at", "-pk")
        .values("pk")[:1]
    )


def import_substitution_summary(
    *,
    organisations: Iterable[int] | QuerySet[Any] | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> dict[str, Any]:
    """Import substitution across goods, computed in the database with aggregates.

    ``organisations``: buyer organisation ids (or a queryset of organisations) whose goods are
    counted; None counts every good (callers scope it with permissions first). ``since`` and
    ``until`` bound the goods' ``date`` (inclusive). Scenarios: a good's most recent saved
    scenario stands for it (several scenarios of one good are alternatives, not additions).

    Returns::

        {
          "goods": int,                      # goods counted
          "goods_checked": int,              # of which the engine could check (figures stored)
          "goods_with_scenario": int,
          "by_currency": [                   # money is never summed across currencies
            {
              "currency": "USD",
              "goods": int,
              "value_non_originating": Decimal,   # Σ VNM of the goods (UR s.7-8, as checked)
              "value_localised_in_scenarios": Decimal,  # Σ non-originating value removed by
                                                        # each good's latest scenario
              "added_cost_in_scenarios": Decimal,
              "value_localised_via_awards": Decimal,    # Σ value of non-originating lines whose
                                                        # Supply Hub line has an award
            },
          ],
          "goods_rvc": [                     # one per good with a scenario, by good id
            {
              "good_id": int, "organisation_id": int, "name": str, "currency": str,
              "scenario_id": int, "scenario": str,
              "rvc_net_cost_before": Decimal | None, "rvc_net_cost_after": Decimal | None,
              "rvc_transaction_value_before": Decimal | None,
              "rvc_transaction_value_after": Decimal | None,
              "qualifies_before": bool, "qualifies_after": bool,
              "import_substitution_value": Decimal, "added_cost": Decimal,
            },
          ],
        }
    """
    goods = Good.objects.all()
    if organisations is not None:
        goods = goods.filter(organization__in=organisations)
    if since is not None:
        goods = goods.filter(date__gte=since)
    if until is not None:
        goods = goods.filter(date__lte=until)
    latest = Scenario.objects.filter(good__in=goods, pk=latest_scenario_per_good())
    zero = Decimal(0)
    totals = {
        row["currency"]: {
            "currency": row["currency"],
            "goods": row["goods"],
            "value_non_originating": row["vnm"] or zero,
            "value_localised_in_scenarios": zero,
            "added_cost_in_scenarios": zero,
            "value_localised_via_awards": zero,
        }
        for row in goods.values("currency")
        .annotate(goods=Count("pk"), vnm=Sum("value_non_originating"))
        .order_by("currency")
    }
    for row in (
        latest.values("good__currency")
        .annotate(localised=Sum("import_substitution_value"), added=Sum("added_cost"))
        .order_by()
    ):
        totals[row["good__currency"]]["value_localised_in_scenarios"] = row["localised"] or zero
        totals[row["good__currency"]]["added_cost_in_scenarios"] = row["added"] or zero
    awarded = Award.objects.filter(line_id=OuterRef("requirement_line_id"))
    for row in (
        Material.objects.filter(good__in=goods)
        .exclude(originating="yes")
        .filter(Exists(awarded))
        .values("good__currency")
        .annotate(value=Sum("value"))
        .order_by()
    ):
        totals[row["good__currency"]]["value_localised_via_awards"] = row["value"] or zero
    goods_rvc = list(
        latest.order_by("good_id").values(
            "good_id",
            "pk",
            "name",
            "good__organization_id",
            "good__name",
            "good__currency",
            "rvc_net_cost_before",
            "rvc_net_cost_after",
            "rvc_transaction_value_before",
            "rvc_transaction_value_after",
            "qualifies_before",
            "qualifies_after",
            "import_substitution_value",
            "added_cost",
        )
    )
    counts = goods.aggregate(
        goods=Count("pk"),
        checked=Count("pk", filter=Q(qualifies__isnull=False)),
    )
    return {
        "goods": counts["goods"],
        "goods_checked": counts["checked"],
        "goods_with_scenario": len(goods_rvc),
        "by_currency": list(totals.values()),
        "goods_rvc": [
            {
                "good_id": row["good_id"],
                "organisation_id": row["good__organization_id"],
                "name": row["good__name"],
                "currency": row["good__currency"],
                "scenario_id": row["pk"],
                "scenario": row["name"],
                "rvc_net_cost_before": row["rvc_net_cost_before"],
                "rvc_net_cost_after": row["rvc_net_cost_after"],
                "rvc_transaction_value_before": row["rvc_transaction_value_before"],
                "rvc_transaction_value_after": row["rvc_transaction_value_after"],
                "qualifies_before": row["qualifies_before"],
                "qualifies_after": row["qualifies_after"],
                "import_substitution_value": row["import_substitution_value"],
                "added_cost": row["added_cost"],
            }
            for row in goods_rvc
        ],
    }
