"""Dashboard 4, import substitution: what the buyers' bills of materials import, what local
suppliers took over (in the origin workspace's scenarios, and through Supply Hub awards), how
the regional value content of the goods moved, and the progress toward the programme's target.

The target is the industry's goal the seeds state: cut imports from Asia by almost 30% so that
Tier 2 SMEs make those components (docs/PRODUCT.md, "Why it matters"). It is measured on the
bills of materials: the baseline is the value of the non-originating (or unknown) top-level
lines whose origin country is in Asia (UN M49 region 142), the goal is the target share of
that baseline, and the progress is the Asian value localised divided by the goal. A
programme goal with the parameter ``asia-import-cut`` (its target a percentage) overrides
``ESLABON_ANALYTICS_IMPORT_CUT_PERCENT`` (default 30).

Money is never added across currencies: every figure is per currency. Everything is a
database aggregate over the goods the viewer may see (``origin.Good.visible_to``): operators
see every buyer's goods, a buyer only its own, so no figure describes another company.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import Avg, Count, Exists, OuterRef, Q, Sum

from eslabon.hub.models import Award
from eslabon.origin.choices import Originating
from eslabon.origin.models import Good, Material, Scenario, Substitution
from eslabon.origin.selectors import latest_scenario_per_good
from eslabon.programmes.choices import GoalMetric
from eslabon.programmes.models import Goal

DEFAULT_CUT_PERCENT = Decimal(30)
GOAL_PARAMETER = "asia-import-cut"
HUNDRED = Decimal(100)
CENTS = Decimal("0.01")

# Asia as the UN Statistics Division's M49 standard groups it (region 142: Central, Eastern,
# South-eastern, Southern and Western Asia), as ISO 3166-1 alpha-2 codes.
ASIA = frozenset(
    {
        # Central Asia
        "KZ", "KG", "TJ", "TM", "UZ",
        # Eastern Asia
        "CN", "HK", "MO", "JP", "KP", "KR", "MN", "TW",
        # South-eastern Asia
        "BN", "KH", "ID", "LA", "MY", "MM", "PH", "SG", "TH", "TL", "VN",
        # Southern Asia
        "AF", "BD", "BT", "IN", "IR", "MV", "NP", "PK", "LK",
        # Western Asia
        "AM", "AZ", "BH", "CY", "GE", "IQ", "IL", "JO", "KW", "LB", "OM", "QA", "SA", "PS",
        "SY", "TR", "AE", "YE",
    }
)  # fmt: skip


@dataclass(frozen=True)
class Target:
    percent: Decimal
    source: str  # "goal" or "setting"
    goal: str = ""


@dataclass
class CurrencyFigures:
    currency: str
    goods: int
    value_non_originating: Decimal
    asia_baseline: Decimal
    localised_in_scenarios: Decimal
    asia_localised_in_scenarios: Decimal
    localised_via_awards: Decimal
    asia_localised_via_awards: Decimal
    added_cost_in_scenarios: Decimal

    def goal(self, target: Target) -> Decimal:
        return (self.asia_baseline * target.percent / HUNDRED).quantize(CENTS)

    def progress(self, localised: Decimal, target: Target) -> Decimal | None:
        goal = self.goal(target)
        return None if not goal else (localised * HUNDRED / goal).quantize(CENTS)


@dataclass
class RvcChange:
    product_class: str
    goods: int
    rvc_net_cost_before: Decimal | None
    rvc_net_cost_after: Decimal | None
    rvc_transaction_value_before: Decimal | None
    rvc_transaction_value_after: Decimal | None
    qualifying_before: int
    qualifying_after: int


def target() -> Target:
    """The latest-due programme goal named ``asia-import-cut``, else the setting."""
    goal = (
        Goal.objects.filter(metric=GoalMetric.REPORTED_AMOUNT, parameter=GOAL_PARAMETER)
        .order_by("-due_on", "-pk")
        .values("target_value", "description")
        .first()
    )
    if goal is not None:
        return Target(Decimal(goal["target_value"]), "goal", goal["description"])
    percent = getattr(settings, "ESLABON_ANALYTICS_IMPORT_CUT_PERCENT", DEFAULT_CUT_PERCENT)
    return Target(Decimal(percent), "setting")


def goods(user: Any, everything: bool, date_from: dt.date | None, date_to: dt.date | None) -> Any:
    queryset = Good.objects.all() if everything else Good.objects.visible_to(user)
    if date_from:
        queryset = queryset.filter(date__gte=date_from)
    if date_to:
        queryset = queryset.filter(date__lte=date_to)
    return queryset


def latest_scenarios(selected: Any) -> Any:
    """Each good's most recent scenario stands for it (alternatives are not added up)."""
    return Scenario.objects.filter(good__in=selected, pk=latest_scenario_per_good())


def by_currency(selected: Any) -> list[CurrencyFigures]:
    """Four aggregate queries: BOM lines, scenario substitutions, scenarios, goods."""
    zero = Decimal(0)
    imported = ~Q(originating=Originating.YES)
    top_level_asia = Q(parent__isnull=True, origin_country__in=ASIA) & imported
    awarded = Q(Exists(Award.objects.filter(line_id=OuterRef("requirement_line_id"))))
    lines = {
        row["good__currency"]: row
        for row in Material.objects.filter(good__in=selected)
        .values("good__currency")
        .annotate(
            asia=Sum("value", filter=top_level_asia),
            awarded=Sum("value", filter=imported & awarded),
            asia_awarded=Sum("value", filter=top_level_asia & awarded),
        )
        .order_by()
    }
    scenarios = latest_scenarios(selected)
    localised = {
        row["scenario__good__currency"]: row
        for row in Substitution.objects.filter(scenario__in=scenarios)
        .values("scenario__good__currency")
        .annotate(
            value=Sum("value_localised"),
            asia=Sum("value_localised", filter=Q(material__origin_country__in=ASIA)),
        )
        .order_by()
    }
    added = {
        row["good__currency"]: row["added"]
        for row in scenarios.values("good__currency").annotate(added=Sum("added_cost")).order_by()
    }

    def cents(value: Any) -> Decimal:
        return Decimal(value or zero).quantize(CENTS)

    result = []
    for row in (
        selected.values("currency")
        .annotate(goods=Count("pk"), vnm=Sum("value_non_originating"))
        .order_by("currency")
    ):
        currency = row["currency"]
        line, local = lines.get(currency, {}), localised.get(currency, {})
        result.append(
            CurrencyFigures(
                currency=currency,
                goods=row["goods"],
                value_non_originating=cents(row["vnm"]),
                asia_baseline=cents(line.get("asia")),
                localised_in_scenarios=cents(local.get("value")),
                asia_localised_in_scenarios=cents(local.get("asia")),
                localised_via_awards=cents(line.get("awarded")),
                asia_localised_via_awards=cents(line.get("asia_awarded")),
                added_cost_in_scenarios=cents(added.get(currency)),
            )
        )
    return result


def rvc_changes(selected: Any) -> list[RvcChange]:
    """Average RVC before and after each good's latest scenario, by product class."""
    rows = (
        latest_scenarios(selected)
        .values("good__product_class")
        .annotate(
            goods=Count("pk"),
            nc_before=Avg("rvc_net_cost_before"),
            nc_after=Avg("rvc_net_cost_after"),
            tv_before=Avg("rvc_transaction_value_before"),
            tv_after=Avg("rvc_transaction_value_after"),
            qualifying_before=Count("pk", filter=Q(qualifies_before=True)),
            qualifying_after=Count("pk", filter=Q(qualifies_after=True)),
        )
        .order_by("good__product_class")
    )

    def rounded(value: Any) -> Decimal | None:
        return None if value is None else Decimal(value).quantize(CENTS)

    return [
        RvcChange(
            product_class=row["good__product_class"],
            goods=row["goods"],
            rvc_net_cost_before=rounded(row["nc_before"]),
            rvc_net_cost_after=rounded(row["nc_after"]),
            rvc_transaction_value_before=rounded(row["tv_before"]),
            rvc_transaction_value_after=rounded(row["tv_after"]),
            qualifying_before=row["qualifying_before"],
            qualifying_after=row["qualifying_after"],
        )
        for row in rows
    ]
