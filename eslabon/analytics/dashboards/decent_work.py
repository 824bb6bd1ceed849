"""Dashboard 5, decent work: the readiness decent-work indicators (formal employment, wages,
women, training, injuries, turnover, NOM-035) of the suppliers in the filters, overall and by
state, size and process family, year by year. Figures: ``selectors_decent_work``."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from eslabon.analytics import charts
from eslabon.analytics.dashboards.common import suppliers
from eslabon.analytics.filters import Filters
from eslabon.analytics.panels import SUPPRESSED, Column, Dashboard, Panel, register
from eslabon.analytics.permissions import Scope
from eslabon.analytics.selectors_decent_work import (
    DecentWorkDashboard,
    DecentWorkRow,
    decent_work_dashboard,
)

# The percentage indicators share one axis in the overall trend chart.
TREND_INDICATORS = ("formal-employment-share", "women-share", "turnover", "nom035-compliance")
# The indicator the breakdowns' trend charts follow: the programme's first decent-work aim.
HEADLINE = "formal-employment-share"


def _value(row: DecentWorkRow, key: str) -> Any:
    return SUPPRESSED if row.suppressed else row.values.get(key)


def _columns(board: DecentWorkDashboard, group_label: str | None) -> tuple[Column, ...]:
    first = (Column("group", group_label),) if group_label else ()
    return (
        *first,
        Column("year", _("Year"), numeric=True),
        Column("companies", _("Companies reporting"), numeric=True),
        *(
            Column(indicator.key, f"{indicator.label} ({indicator.unit})", numeric=True)
            for indicator in board.indicators
        ),
    )


def _table(board: DecentWorkDashboard, dimension: str) -> list[dict[str, Any]]:
    return [
        {
            "group": row.label,
            "year": row.year,
            "companies": SUPPRESSED if row.suppressed else row.companies,
            **{indicator.key: _value(row, indicator.key) for indicator in board.indicators},
        }
        for row in board.of(dimension)
    ]


def _series(board: DecentWorkDashboard, dimension: str, key: str) -> list[tuple[str, list[Any]]]:
    by_group: dict[str, dict[int, Any]] = {}
    for row in board.of(dimension):
        by_group.setdefault(row.label, {})[row.year] = _value(row, key)
    return [
        (label, [values.get(year, SUPPRESSED) for year in board.years])
        for label, values in by_group.items()
    ]


def _overall(board: DecentWorkDashboard) -> Panel:
    names = {indicator.key: indicator.label for indicator in board.indicators}
    rows = {row.year: row for row in board.of("all")}
    series = [
        (
            names.get(key, key),
            [_value(rows[year], key) if year in rows else SUPPRESSED for year in board.years],
        )
        for key in TREND_INDICATORS
    ]
    return Panel(
        key="overall",
        title=_("Decent-work indicators of all the companies in the filters, by year"),
        columns=_columns(board, None),
        rows=_table(board, "all"),
        chart=charts.line_chart(_("Shares (%) by year"), [str(y) for y in board.years], series)
        if board.years
        else None,
        chart_template=charts.LINE_TEMPLATE,
        note=_(
            "Pooled figures: the sum of the companies' parts over the sum of their wholes "
            "(e.g. workers registered with IMSS over all workers), as statistics offices add "
            "them up; the minimum-wage ratio and NOM-035 compliance are averages."
        ),
    )


def _breakdown(board: DecentWorkDashboard, dimension: str, title: str, label: str) -> Panel:
    headline = next((i.label for i in board.indicators if i.key == HEADLINE), HEADLINE)
    series = _series(board, dimension, HEADLINE)
    has_figures = any(value not in (SUPPRESSED, None) for _n, values in series for value in values)
    return Panel(
        key=f"by-{dimension}",
        title=title,
        columns=_columns(board, label),
        rows=_table(board, dimension),
        chart=charts.line_chart(
            f"{headline} (%)", [str(y) for y in board.years], series[: len(charts.SERIES)]
        )
        if has_figures
        else None,
        chart_template=charts.LINE_TEMPLATE,
    )


def _years(filters: Filters) -> tuple[int | None, int | None]:
    return (
        filters.date_from.year if filters.date_from else None,
        filters.date_to.year if filters.date_to else None,
    )


def build(scope: Scope, filters: Filters) -> list[Panel]:
    year_from, year_to = _years(filters)
    board = decent_work_dashboard(
        orgs=suppliers(filters),
        own=scope.own,
        hides=scope.hides,
        year_from=year_from,
        year_to=year_to,
    )
    return [
        _overall(board),
        _breakdown(board, "state", _("By state"), _("State")),
        _breakdown(board, "size", _("By company size"), _("Size")),
        _breakdown(board, "process", _("By process family"), _("Process family")),
    ]


register(
    Dashboard(
        slug="decent-work",
        title=gettext_lazy("Decent work"),
        summary=gettext_lazy(
            "The decent-work indicators the suppliers report each year (formal employment, "
            "wages, women, training, injuries, turnover, NOM-035), by state, size and process, "
            "with their trend. A company with sites in several states or process families "
            "counts in each."
        ),
        build=build,
        order=50,
        filters=frozenset({"date_from", "date_to", "state", "process", "size"}),
    )
)
