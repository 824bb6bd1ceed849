"""Dashboard 5, decent work: the readiness app's decent-work indicators by state, size and
process, year by year.

Each figure is a pooled ratio (Σ part ÷ Σ whole over the companies' yearly reports) computed
by the database with the same sums as the programme report (``readiness.report``): one query
per breakdown, every group a filtered aggregate, so the number of queries does not grow with
the number of companies, states or processes. A company with sites in two states counts in
both (as the programme report's state filter does); for processes, a company counts in each
process family (top-level process) one of its sites runs.

As the programme report (ADR 0750), the aggregates cover every supplier in the filters, not
only the viewer's own reports: that is what makes them useful, and why a cell describing one
or two companies other than the viewer's is withheld (``hides``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q

from eslabon.data import geography
from eslabon.data import readiness as readiness_data
from eslabon.data.taxonomy import processes as taxonomy_processes
from eslabon.readiness.models import DecentWorkReport
from eslabon.readiness.report import decent_work_sums, decent_work_values
from eslabon.readiness.selectors import language
from eslabon.registry.choices import SizeStratum
from eslabon.registry.models import Site

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


def _groups(orgs: Any, dimension: str) -> list[tuple[str, str, Q]]:
    """(key, label, condition on DecentWorkReport) for each group of a breakdown."""
    if dimension == "all":
        return [("all", "", Q(pk__isnull=False))]
    if dimension == "size":
        return [
            (value, str(label), Q(organization__size_stratum=value))
            for value, label in SizeStratum.choices
        ]
    if dimension == "state":
        names = geography.states()
        codes = (
            Site.objects.filter(organization__in=orgs)
            .values_list("state_code", flat=True)
            .distinct()
            .order_by("state_code")
        )
        return [
            (
                code,
                names[code].name if code in names else code,
                Q(organization_id__in=Site.objects.filter(state_code=code).values("organization")),
            )
            for code in codes
        ]
    if dimension == "process":
        taxonomy = taxonomy_processes()
        lang = language()
        groups = []
        for term in taxonomy.terms:
            if term.parent:
                continue
            slugs = [term.slug, *taxonomy.descendants(term.slug)]
            runs = Site.objects.filter(capabilities__process__slug__in=slugs).values("organization")
            groups.append((term.slug, term.name(lang), Q(organization_id__in=runs)))
        return groups
    raise ValueError(f"unknown breakdown {dimension!r}")


def _rows(
    reports: Any,
    dimension: str,
    groups: list[tuple[str, str, Q]],
    own: frozenset[int],
    hides: Callable[[int], bool],
) -> list[DecentWorkRow]:
    if not groups:
        return []
    aggregates: dict[str, Any] = {}
    for position, (_key, _label, condition) in enumerate(groups):
        for name, expression in decent_work_sums(condition).items():
            aggregates[f"g{position}_{name}"] = expression
        others = condition & ~Q(organization_id__in=own)
        aggregates[f"g{position}_others"] = Count("pk", filter=others)
    rows = []
    for by_year in reports.values("year").annotate(**aggregates).order_by("year"):
        for position, (key, label, _condition) in enumerate(groups):
            prefix = f"g{position}_"
            totals = {
                name[len(prefix) :]: value
                for name, value in by_year.items()
                if name.startswith(prefix)
            }
            companies = totals["n"]
            if not companies:
                continue
            hidden = hides(totals.pop("others"))
            values = {
                name: None if hidden or value is None else Decimal(value).quantize(TWO_PLACES)
                for name, value in decent_work_values(totals).items()
            }
            rows.append(
                DecentWorkRow(dimension, key, label, by_year["year"], companies, values, hidden)
            )
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
    reports = DecentWorkReport.objects.filter(organization__in=orgs)
    if year_from is not None:
        reports = reports.filter(year__gte=year_from)
    if year_to is not None:
        reports = reports.filter(year__lte=year_to)
    rows: list[DecentWorkRow] = []
    for dimension in DIMENSIONS:
        rows.extend(_rows(reports, dimension, _groups(orgs, dimension), own, hides))
    years = sorted({row.year for row in rows})
    return DecentWorkDashboard(indicators=indicators(), years=years, rows=rows)
