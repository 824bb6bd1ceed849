"""Dashboard 1, demand against supply: what buyers ask for in the Supply Hub (requirements
past their draft, by process, material and delivery state) against the capacity suppliers
registered (by process and state), and the processes where demand finds few or no capable
suppliers — a heat map by state and a ranked table.

Demand is aggregated in the database (values/annotate with filtered Count and Sum); supply is
exported from the database as one table of capabilities and grouped with Polars (distinct
suppliers per process family and state). A fixed number of queries whatever the data.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import polars as pl
from django.db.models import Count, DecimalField, ExpressionWrapper, F, FloatField, Q, Sum, Value
from django.db.models.functions import Cast
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from eslabon.analytics import charts
from eslabon.analytics.dashboards.common import (
    process_family,
    state_abbreviation,
    state_name,
    suppliers,
    within,
)
from eslabon.analytics.filters import Filters
from eslabon.analytics.panels import Column, Dashboard, Panel, name_field, number, register, shown
from eslabon.analytics.permissions import Scope
from eslabon.hub.choices import Currency, RequirementStatus
from eslabon.hub.models import Requirement
from eslabon.registry.models import Capability, Process

# A process with fewer capable suppliers than this counts as thinly covered in the ranking.
FEW_SUPPLIERS = 3
MONEY = DecimalField(max_digits=24, decimal_places=2)


def requirements(scope: Scope, filters: Filters) -> Any:
    """Posted demand: requirements past their draft and not cancelled, in the viewer's scope."""
    queryset = Requirement.objects.exclude(
        status__in=[RequirementStatus.DRAFT, RequirementStatus.CANCELLED]
    ).filter(within("published_at", filters))
    if not scope.everything:
        queryset = queryset.filter(pk__in=Requirement.objects.visible_to(scope.user).values("pk"))
    if filters.state:
        queryset = queryset.filter(delivery_site__state_code=filters.state)
    if filters.process:
        queryset = queryset.filter(
            pk__in=Requirement.objects.filter(
                processes__slug__in=process_family(filters.process)
            ).values("pk")
        )
    return queryset


def _demand_figures(scope: Scope) -> dict[str, Any]:
    value = ExpressionWrapper(F("annual_volume") * F("target_price"), output_field=MONEY)
    return {
        "requirements": Count("pk", distinct=True),
        "buyers": Count("buyer", distinct=True),
        "others": Count("buyer", distinct=True, filter=~Q(buyer__in=scope.own)),
        "volume": Sum("annual_volume"),
        "value_mxn": Sum(value, filter=Q(currency=Currency.MXN)),
        "value_usd": Sum(value, filter=Q(currency=Currency.USD)),
    }


DEMAND_COLUMNS = (
    Column("requirements", gettext_lazy("Requirements"), numeric=True),
    Column("buyers", gettext_lazy("Buyers"), numeric=True),
    Column("volume", gettext_lazy("Annual volume (pieces)"), numeric=True),
    Column("value_mxn", gettext_lazy("Target value a year (MXN)"), numeric=True),
    Column("value_usd", gettext_lazy("Target value a year (USD)"), numeric=True),
)


def _demand_rows(scope: Scope, grouped: Any, label: Any) -> list[dict[str, Any]]:
    rows = []
    for row in grouped:
        hidden = scope.hides(row["others"])
        rows.append(
            {
                "label": label(row),
                "requirements": shown(row["requirements"], hidden),
                "buyers": shown(row["buyers"], hidden),
                "volume": shown(row["volume"] or 0, hidden),
                "value_mxn": shown(_money(row["value_mxn"]), hidden),
                "value_usd": shown(_money(row["value_usd"]), hidden),
            }
        )
    return rows


def _money(value: Any) -> Decimal | None:
    return None if value is None else Decimal(value).quantize(Decimal(1))


def _demand_panel(key: str, title: str, head: str, rows: list[dict[str, Any]]) -> Panel:
    return Panel(
        key=key,
        title=title,
        columns=(Column("label", head), *DEMAND_COLUMNS),
        rows=rows,
        chart=charts.bar_chart(
            _("Annual volume (pieces)"), [(row["label"], row["volume"]) for row in rows[:15]]
        ),
        chart_template=charts.BAR_TEMPLATE,
    )


def free_capacity() -> ExpressionWrapper:
    """Installed capacity not yet used: annual capacity × (1 − utilisation)."""
    return ExpressionWrapper(
        F("annual_capacity") * (Value(Decimal(1)) - F("utilisation")),
        output_field=DecimalField(max_digits=20, decimal_places=3),
    )


def _capabilities(filters: Filters) -> Any:
    queryset = Capability.objects.filter(site__organization__in=suppliers(filters))
    if filters.state:
        queryset = queryset.filter(site__state_code=filters.state)
    return queryset


def supply(scope: Scope, filters: Filters) -> pl.DataFrame:
    """Published suppliers' capabilities as a table (one query): supplier, state, process,
    installed and free capacity, and whether the supplier is another company than the
    viewer's. Coverage needs distinct suppliers per process *family* and state, which SQL
    gives only as one filtered COUNT(DISTINCT) per family; Polars groups the exported rows."""
    rows = (
        _capabilities(filters)
        .annotate(free=Cast(free_capacity(), FloatField()))
        .values_list("site__organization_id", "site__state_code", "process__slug",
                     "annual_capacity", "free")
    )  # fmt: skip
    frame = pl.DataFrame(
        list(rows),
        schema={"org": pl.Int64, "state": pl.String, "process": pl.String,
                "installed": pl.Int64, "free": pl.Float64},
        orient="row",
    )  # fmt: skip
    return frame.with_columns(other=~pl.col("org").is_in(list(scope.own)))


def _suppliers_agg() -> list[pl.Expr]:
    return [
        pl.col("org").n_unique().alias("suppliers"),
        pl.col("org").filter(pl.col("other")).n_unique().alias("others"),
        pl.col("installed").sum().alias("installed"),
        pl.col("free").sum().alias("free"),
    ]


def _capacity_panel(scope: Scope, frame: pl.DataFrame, names: dict[str, str]) -> Panel:
    grouped = (
        frame.group_by("process", "state").agg(*_suppliers_agg()).sort("process", "state")
        if not frame.is_empty()
        else frame
    )
    rows = []
    for row in grouped.to_dicts():
        hidden = scope.hides(row["others"])
        rows.append(
            {
                "process": names.get(row["process"], row["process"]),
                "state": state_name(row["state"]),
                "suppliers": shown(row["suppliers"], hidden),
                "installed": shown(row["installed"], hidden),
                "free": shown(Decimal(row["free"]).quantize(Decimal(1)), hidden),
            }
        )
    return Panel(
        key="capacity",
        title=_("Registered capacity by process and state"),
        columns=(
            Column("process", _("Process")),
            Column("state", _("State")),
            Column("suppliers", _("Suppliers"), numeric=True),
            Column("installed", _("Installed capacity (pieces a year)"), numeric=True),
            Column("free", _("Free capacity (pieces a year)"), numeric=True),
        ),
        rows=rows,
    )


def _coverage(
    scope: Scope, frame: pl.DataFrame, demanded: dict[str, dict[str, Any]], names: dict[str, str]
) -> list[Panel]:
    """Capable suppliers for each demanded (or critical) process, overall and by state: the
    capabilities joined to each process's family (itself and its sub-processes), a supplier
    counted once per process whatever its sites or sub-processes."""
    critical = set(Process.objects.filter(critical=True).values_list("slug", flat=True))
    slugs = sorted(set(demanded) | critical)
    if not slugs:
        return []
    families = pl.DataFrame(
        [(slug, member) for slug in slugs for member in process_family(slug)],
        schema={"target": pl.String, "process": pl.String},
        orient="row",
    )
    capable = frame.join(families, on="process", how="inner")
    totals_rows = capable.group_by("target").agg(*_suppliers_agg()).to_dicts()
    totals = {row["target"]: row for row in totals_rows}
    nothing = {"suppliers": 0, "others": 0, "free": 0.0}
    states_seen = (
        sorted(frame.get_column("state").unique().to_list()) if not frame.is_empty() else []
    )
    by_state = {
        (row["target"], row["state"]): row
        for row in capable.group_by("target", "state").agg(*_suppliers_agg()).to_dicts()
    }
    ranked = []
    for slug in slugs:
        wanted = demanded.get(slug, {})
        volume = number(wanted.get("volume"))
        total = totals.get(slug, nothing)
        free = Decimal(total["free"] or 0).quantize(Decimal(1))
        hidden = scope.hides(total["others"])
        ranked.append(
            {
                "slug": slug,
                "process": names.get(slug, slug),
                "requirements": wanted.get("requirements", 0),
                "volume": volume,
                "suppliers": shown(total["suppliers"], hidden),
                "free": shown(free, hidden),
                "shortfall": shown(max(volume - free, Decimal(0)), hidden),
                "coverage": shown(
                    (free * 100 / volume).quantize(Decimal(1)) if volume else None, hidden
                ),
                "_order": (total["suppliers"], -volume),
            }
        )
    ranked.sort(key=lambda row: row.pop("_order"))
    order = {row["slug"]: position for position, row in enumerate(ranked)}
    grid: dict[tuple[int, int], Any] = {}
    for c, state in enumerate(states_seen):
        for slug in slugs:
            cell = by_state.get((slug, state), nothing)
            grid[(order[slug], c)] = shown(cell["suppliers"], scope.hides(cell["others"]))
    heat = charts.heat_map(
        _("Capable suppliers by process and state"),
        [row["process"] for row in ranked],
        [state_abbreviation(code) for code in states_seen],
        grid,
        empty_label=_("no supplier"),
        hidden_label=_("withheld"),
    )
    heat_rows = [
        {"process": row["process"], "state": state_name(code), "suppliers": grid.get((r, c), 0)}
        for r, row in enumerate(ranked)
        for c, code in enumerate(states_seen)
    ]
    for row in ranked:
        row.pop("slug")
    return [
        Panel(
            key="uncovered",
            title=_("Uncovered demand: processes ranked by capable suppliers"),
            columns=(
                Column("process", _("Process")),
                Column("requirements", _("Requirements"), numeric=True),
                Column("volume", _("Annual volume asked (pieces)"), numeric=True),
                Column("suppliers", _("Capable suppliers"), numeric=True),
                Column("free", _("Free capacity (pieces a year)"), numeric=True),
                Column("shortfall", _("Shortfall (pieces a year)"), numeric=True),
                Column("coverage", _("Free capacity over demand (%)"), numeric=True),
            ),
            rows=ranked,
            chart=charts.bar_chart(
                _("Capable suppliers"), [(row["process"], row["suppliers"]) for row in ranked]
            ),
            chart_template=charts.BAR_TEMPLATE,
            note=_(
                "Processes asked for in requirements, and the cluster's critical processes. "
                "A supplier is capable when it registered the process or one of its "
                "sub-processes; fewer than %(few)s capable suppliers is thin coverage."
            )
            % {"few": FEW_SUPPLIERS},
        ),
        Panel(
            key="heatmap",
            title=_("Coverage map: capable suppliers by process and state"),
            columns=(
                Column("process", _("Process")),
                Column("state", _("State")),
                Column("suppliers", _("Capable suppliers"), numeric=True),
            ),
            rows=heat_rows,
            chart=heat,
            chart_template=charts.HEATMAP_TEMPLATE,
        ),
    ]


def build(scope: Scope, filters: Filters) -> list[Panel]:
    posted = requirements(scope, filters)
    capabilities = supply(scope, filters)
    figures = _demand_figures(scope)
    label = name_field()
    names = dict(Process.objects.values_list("slug", label))
    by_process = list(posted.values("processes__slug").annotate(**figures).order_by("-volume"))
    demanded = {row["processes__slug"]: row for row in by_process if row["processes__slug"]}
    none = _("(none named)")
    process_rows = _demand_rows(
        scope, by_process,
        lambda row: names.get(row["processes__slug"], none) if row["processes__slug"] else none,
    )  # fmt: skip
    material_rows = _demand_rows(
        scope, posted.values("materials__slug", f"materials__{label}").annotate(**figures)
        .order_by("-volume"),
        lambda row: row[f"materials__{label}"] or none,
    )  # fmt: skip
    state_rows = _demand_rows(
        scope, posted.values("delivery_site__state_code").annotate(**figures).order_by("-volume"),
        lambda row: state_name(row["delivery_site__state_code"]),
    )  # fmt: skip
    return [
        _demand_panel("by-process", _("Demand by process"), _("Process"), process_rows),
        _demand_panel("by-material", _("Demand by material"), _("Material"), material_rows),
        _demand_panel("by-state", _("Demand by delivery state"), _("State"), state_rows),
        _capacity_panel(scope, capabilities, names),
        *_coverage(scope, capabilities, demanded, names),
    ]


register(
    Dashboard(
        slug="demand-supply",
        title=gettext_lazy("Demand against supply"),
        summary=gettext_lazy(
            "Requirements posted by process, material and state against registered capacity; "
            "the processes where demand finds few or no capable suppliers."
        ),
        build=build,
        order=10,
        filters=frozenset({"date_from", "date_to", "state", "process", "size"}),
    )
)
