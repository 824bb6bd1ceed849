"""Dashboard 5, decent work: the readiness app's decent-work indicators by state, size and
process, year by year.

Each figure is a pooled ratio (Σ part ÷ Σ whole over the companies' yearly reports) computed
by the database with the same formulas as the programme report (``readiness.report``): one
GROUP BY per breakdown over the reports joined to the distinct (company, group) pairs, so the
number of queries does not grow with the number of companies, states or processes. A
company with sites in two states counts in both (as the programme report's state filter
does); for processes, a company counts in each process family (top-level process) one of its
sites runs.

As the programme report (ADR 0750), the aggregates cover every supplier in the filters, not
only the viewer's own reports: that is what makes them useful, and why a cell describing one
or two companies other than the viewer's is withheld (``hides``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import connection
from django.db.models import Case, F, Value, When

from eslabon.data import geography
from eslabon.data import readiness as readiness_data
from eslabon.data.taxonomy import processes as taxonomy_processes
from eslabon.readiness.models import DecentWorkReport
from eslabon.readiness.report import decent_work_sums, decent_work_values
from eslabon.readiness.selectors import language
from eslabon.registry.choices import SizeStratum
from eslabon.registry.models import Capability, Organization, Site

DIMENSIONS = ("all", "state", "size", "process")
TWO_PLACES = Decimal("0.01")


@dataclass(frozen=True)
class Indicator:
    key: str
    label: str
    unit: str


@dataclass
class DecentWorkRow:
    """One group in one year: the indicators of ``companies`` companies (None if suppressed)."""

    dimension: str
    key: str
    label: str
    year: int
    companies: int
    values: dict[str, Decimal | None] = field(default_factory=dict)
    suppressed: bool = False


@dataclass
class DecentWorkDashboard:
    indicators: list[Indicator]
    years: list[int]
    rows: list[DecentWorkRow]

    def of(self, dimension: str) -> list[DecentWorkRow]:
        return [row for row in self.rows if row.dimension == dimension]

    def series(self, dimension: str, indicator: str) -> list[tuple[str, list[Decimal | None]]]:
        """(group label, value per year of ``years``) for a trend chart."""
        groups: dict[str, dict[int, Decimal | None]] = {}
        labels: dict[str, str] = {}
        for row in self.of(dimension):
            labels[row.key] = row.label
            groups.setdefault(row.key, {})[row.year] = row.values.get(indicator)
        return [
            (labels[key], [values.get(year) for year in self.years])
            for key, values in groups.items()
        ]


def indicators() -> list[Indicator]:
    lang = language()
    return [
        Indicator(d.id, d.name.in_language(lang), d.unit)
        for d in readiness_data.decent_work().indicators
        if d.id in decent_work_values_keys()
    ]


def decent_work_values_keys() -> tuple[str, ...]:
    empty: dict[str, Any] = dict.fromkeys(decent_work_sums(), None)
    return tuple(decent_work_values(empty))


# The report columns the pooled indicators add up (names as in readiness.report.decent_work_sums)
# and the two the engine computes per company, which are averaged.
SUMMED = {
    "workers": "workers",
    "imss": "workers_imss",
    "women": "women",
    "wages": "gross_wages_mxn",
    "hours": "hours_paid",
    "training": "training_hours",
    "average": "average_workers",
    "injuries": "recordable_injuries",
    "separations": "separations",
}
AVERAGED = {"minimum_wage_ratio": "minimum_wage_ratio", "nom035": "nom035_compliance"}


def _members(orgs: Any, dimension: str) -> Any:
    """Distinct (org, key) pairs: which group of the breakdown each company belongs to."""
    if dimension == "all":
        return Organization.objects.filter(pk__in=orgs).values(org=F("pk"), key=Value("all"))
    if dimension == "size":
        return Organization.objects.filter(pk__in=orgs).values(org=F("pk"), key=F("size_stratum"))
    if dimension == "state":
        return (
            Site.objects.filter(organization__in=orgs)
            .values(org=F("organization_id"), key=F("state_code"))
            .distinct()
        )
    if dimension == "process":
        taxonomy = taxonomy_processes()
        families = [
            When(
                process__slug__in=[term.slug, *taxonomy.descendants(term.slug)],
                then=Value(term.slug),
            )
            for term in taxonomy.terms
            if not term.parent
        ]
        return (
            Capability.objects.filter(site__organization__in=orgs)
            .values(org=F("site__organization_id"), key=Case(*families, default=Value("")))
            .distinct()
        )
    raise ValueError(f"unknown breakdown {dimension!r}")


def _labels(dimension: str) -> dict[str, str]:
    if dimension == "all":
        return {"all": ""}
    if dimension == "size":
        return {value: str(label) for value, label in SizeStratum.choices}
    if dimension == "state":
        return {code: state.name for code, state in geography.states().items()}
    lang = language()
    return {term.slug: term.name(lang) for term in taxonomy_processes().terms if not term.parent}


def _grouped_totals(reports: Any, members: Any) -> list[tuple[Any, ...]]:
    """One GROUP BY over the reports joined to the (org, key) pairs, as SQL the ORM composes
    for both sides: aggregates with a subquery per group and per figure (Count(filter=...))
    made PostgreSQL evaluate ~130 subplans and took 2 s at 10× the demo."""
    reports_sql, reports_params = reports.query.sql_with_params()
    members_sql, members_params = members.query.sql_with_params()
    figures = ", ".join(f'SUM(r."{column}")' for column in SUMMED.values())
    averages = ", ".join(f'AVG(r."{column}")' for column in AVERAGED.values())
    # Only constant column names and ORM-compiled SQL are spliced; values travel as parameters.
    sql = (
        f'SELECT m."key", r."year", COUNT(*), SUM(r."other"), {figures}, {averages} '  # noqa: S608
        f"FROM ({reports_sql}) r INNER JOIN ({members_sql}) m "
        f'ON m."org" = r."organization_id" '
        f'GROUP BY m."key", r."year" ORDER BY r."year", m."key"'
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, (*reports_params, *members_params))
        return list(cursor.fetchall())


def _number(value: Any) -> Decimal | None:
    """SQLite hands back floats for decimal columns; go through their shortest text form."""
    return None if value is None else Decimal(str(value))


def _rows(
    reports: Any,
    dimension: str,
    members: Any,
    hides: Callable[[int], bool],
) -> list[DecentWorkRow]:
    labels = _labels(dimension)
    rows = []
    names = [*SUMMED, *AVERAGED]
    for key, year, companies, others, *figures in _grouped_totals(reports, members):
        if key not in labels:
            continue  # a company without a size, or a process outside the taxonomy's families
        totals: dict[str, Any] = dict(zip(names, map(_number, figures), strict=True))
        hidden = hides(int(others))
        values = {
            name: None if hidden or value is None else Decimal(value).quantize(TWO_PLACES)
            for name, value in decent_work_values(totals).items()
        }
        rows.append(DecentWorkRow(dimension, key, labels[key], year, companies, values, hidden))
    return rows


def decent_work_dashboard(
    *,
    orgs: Any,
    own: frozenset[int] = frozenset(),
    hides: Callable[[int], bool] = lambda others: False,
    year_from: int | None = None,
    year_to: int | None = None,
) -> DecentWorkDashboard:
    """The indicators of the companies in ``orgs`` (an Organization queryset), by year, overall
    and by state, size and process family; ``year_from``/``year_to`` bound the trend. ``hides``
    says whether a cell with that many companies besides the viewer's (``own``) is withheld."""
    other = (
        Case(When(organization_id__in=own, then=Value(0)), default=Value(1)) if own else Value(1)
    )
    reports = DecentWorkReport.objects.filter(organization__in=orgs)
    if year_from is not None:
        reports = reports.filter(year__gte=year_from)
    if year_to is not None:
        reports = reports.filter(year__lte=year_to)
    reports = reports.values("organization_id", "year", *SUMMED.values(), *AVERAGED.values())
    reports = reports.annotate(other=other).order_by()
    rows: list[DecentWorkRow] = []
    for dimension in DIMENSIONS:
        rows.extend(_rows(reports, dimension, _members(orgs, dimension), hides))
    years = sorted({row.year for row in rows})
    return DecentWorkDashboard(indicators=indicators(), years=years, rows=rows)
