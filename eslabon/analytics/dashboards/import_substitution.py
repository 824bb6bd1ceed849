"""Dashboard 4, import substitution: the bills of materials' non-originating value, what the
latest scenarios and the Supply Hub awards localised, the goods' RVC before and after, and the
progress toward the programme's target (a cut of imports from Asia). Figures:
``selectors_import_substitution``; only the origin workspace's goods count (buyers enter them),
so a buyer sees its own goods and operators every buyer's."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from eslabon.analytics import charts
from eslabon.analytics.filters import Filters
from eslabon.analytics.panels import Column, Dashboard, Panel, register
from eslabon.analytics.permissions import Scope
from eslabon.analytics.selectors_import_substitution import (
    CurrencyFigures,
    Target,
    by_currency,
    goods,
    rvc_changes,
    target,
)
from eslabon.origin.choices import ProductClass


def _values_panel(figures: list[CurrencyFigures]) -> Panel:
    rows = [
        {
            "currency": row.currency,
            "goods": row.goods,
            "vnm": row.value_non_originating,
            "scenarios": row.localised_in_scenarios,
            "added": row.added_cost_in_scenarios,
            "awards": row.localised_via_awards,
        }
        for row in figures
    ]
    bars = []
    for row in figures:
        bars += [
            (f"{row.currency} · {_('non-originating value')}", row.value_non_originating),
            (f"{row.currency} · {_('localised in scenarios')}", row.localised_in_scenarios),
            (f"{row.currency} · {_('localised through awards')}", row.localised_via_awards),
        ]
    return Panel(
        key="values",
        title=_("Non-originating value of the bills of materials and value localised"),
        columns=(
            Column("currency", _("Currency")),
            Column("goods", _("Goods"), numeric=True),
            Column("vnm", _("Value of non-originating materials"), numeric=True),
            Column("scenarios", _("Localised in the latest scenarios"), numeric=True),
            Column("added", _("Cost added by those scenarios"), numeric=True),
            Column("awards", _("Localised through Supply Hub awards"), numeric=True),
        ),
        rows=rows,
        chart=charts.bar_chart(_("Value by currency"), bars, decimals=2) if bars else None,
        chart_template=charts.BAR_TEMPLATE,
        note=_(
            "Non-originating value as the origin check computed it for each good. Localised in "
            "scenarios: the non-originating value each good's latest scenario moves to local "
            "suppliers (a plan). Localised through awards: the bill-of-materials value of the "
            "non-originating lines linked to a Supply Hub line that has been awarded (a "
            "contract). Amounts in different currencies are never added."
        ),
    )


def _target_panel(figures: list[CurrencyFigures], goal: Target) -> Panel:
    rows = [
        {
            "currency": row.currency,
            "baseline": row.asia_baseline,
            "goal": row.goal(goal),
            "awards": row.asia_localised_via_awards,
            "awards_progress": row.progress(row.asia_localised_via_awards, goal),
            "scenarios": row.asia_localised_in_scenarios,
            "scenarios_progress": row.progress(row.asia_localised_in_scenarios, goal),
        }
        for row in figures
    ]
    bars = []
    for row in rows:
        bars += [
            (f"{row['currency']} · {_('awarded')}", row["awards_progress"]),
            (f"{row['currency']} · {_('planned in scenarios')}", row["scenarios_progress"]),
        ]
    where = (
        _("programme goal “%(goal)s”") % {"goal": goal.goal}
        if goal.source == "goal"
        else _("the seeds' goal, configurable")
    )
    return Panel(
        key="target",
        title=_("Progress toward cutting imports from Asia by %(percent)s%%")
        % {"percent": f"{goal.percent:.0f}"},
        columns=(
            Column("currency", _("Currency")),
            Column("baseline", _("Imports from Asia in the bills of materials"), numeric=True),
            Column("goal", _("Value to localise (target)"), numeric=True),
            Column("awards", _("Localised through awards"), numeric=True),
            Column("awards_progress", _("Progress, awarded (%)"), numeric=True),
            Column("scenarios", _("Localised in scenarios"), numeric=True),
            Column("scenarios_progress", _("Progress, planned (%)"), numeric=True),
        ),
        rows=rows,
        chart=charts.bar_chart(
            _("Progress toward the target (%)"),
            [(label, value or 0) for label, value in bars],
            unit="%",
            decimals=1,
        )
        if bars
        else None,
        chart_template=charts.BAR_TEMPLATE,
        note=_(
            "Target: %(where)s. Imports from Asia: the non-originating or unknown top-level "
            "lines of the bills of materials whose origin country is in Asia (UN M49). "
            "Progress: the Asian value localised over the value to localise; 100%% means the "
            "target is met."
        )
        % {"where": where},
    )


def _rvc_panel(selected: Any) -> Panel:
    labels = dict(ProductClass.choices)
    rows = [
        {
            "product_class": str(labels.get(row.product_class, _("Decided from the HS code"))),
            "goods": row.goods,
            "nc_before": row.rvc_net_cost_before,
            "nc_after": row.rvc_net_cost_after,
            "tv_before": row.rvc_transaction_value_before,
            "tv_after": row.rvc_transaction_value_after,
            "qualifying_before": row.qualifying_before,
            "qualifying_after": row.qualifying_after,
        }
        for row in rvc_changes(selected)
    ]
    bars = []
    for row in rows:
        bars += [
            (f"{row['product_class']} · {_('before')}", row["nc_before"] or 0),
            (f"{row['product_class']} · {_('after')}", row["nc_after"] or 0),
        ]
    return Panel(
        key="rvc",
        title=_("Regional value content of the goods before and after localising"),
        columns=(
            Column("product_class", _("Product class")),
            Column("goods", _("Goods with a scenario"), numeric=True),
            Column("nc_before", _("RVC, net cost, before (%)"), numeric=True),
            Column("nc_after", _("RVC, net cost, after (%)"), numeric=True),
            Column("tv_before", _("RVC, transaction value, before (%)"), numeric=True),
            Column("tv_after", _("RVC, transaction value, after (%)"), numeric=True),
            Column("qualifying_before", _("Goods qualifying before"), numeric=True),
            Column("qualifying_after", _("Goods qualifying after"), numeric=True),
        ),
        rows=rows,
        chart=charts.bar_chart(_("Average RVC, net cost (%)"), bars, unit="%", decimals=1)
        if bars
        else None,
        chart_template=charts.BAR_TEMPLATE,
        note=_("Averages over the goods, each with its latest scenario (USMCA UR s.7)."),
    )


def build(scope: Scope, filters: Filters) -> list[Panel]:
    selected = goods(scope.user, scope.everything, filters.date_from, filters.date_to)
    figures = by_currency(selected)
    return [_values_panel(figures), _target_panel(figures, target()), _rvc_panel(selected)]


register(
    Dashboard(
        slug="import-substitution",
        title=gettext_lazy("Import substitution"),
        summary=gettext_lazy(
            "What the goods' bills of materials import, what local suppliers took over in "
            "scenarios and through awards, how the regional value content moved, and the "
            "progress toward the programme's cut of imports from Asia. Buyers see their own "
            "goods; programme officers every buyer's."
        ),
        build=build,
        order=40,
        filters=frozenset({"date_from", "date_to"}),
    )
)
