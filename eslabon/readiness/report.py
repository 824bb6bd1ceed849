"""The programme report: the cluster diagnosis, reproducible over any filtered set of companies.

Every figure is an aggregate the database computes (Count, Avg, Sum with filters and Exists
subqueries), a fixed number of queries whatever the number of companies, except the average per
process, taken here over two flat queries (see ``_processes``). Each company counts
with its latest completed self-assessment. For non-operators, a cell that describes fewer than
``permissions.MIN_CELL`` companies is suppressed, so that no single company can be singled out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import (
    Avg,
    Count,
    DecimalField,
    Exists,
    ExpressionWrapper,
    F,
    Max,
    OuterRef,
    Q,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce

from eslabon.data import readiness as readiness_data
from eslabon.data.taxonomy import processes as taxonomy_processes
from eslabon.readiness.models import Assessment, DecentWorkReport, GapRecord, GroupResult
from eslabon.readiness.permissions import MIN_CELL
from eslabon.readiness.selectors import language
from eslabon.registry.choices import CertificationStatus
from eslabon.registry.models import Capability, Certification, Organization, Process, Site

HUNDRED = Decimal(100)
ON_THE_WAY = (CertificationStatus.IN_PROGRESS, CertificationStatus.PLANNED)


@dataclass(frozen=True)
class Filters:
    state: str = ""
    size: str = ""
    process: str = ""
    year: int | None = None


@dataclass
class Cell:
    """One figure with the number of companies behind it; ``value`` is None when suppressed."""

    label: str
    value: Decimal | None
    companies: int
    suppressed: bool = False
    key: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class ProgrammeReport:
    filters: Filters
    companies: int
    assessed: int
    suppressed_all: bool
    certifications: list[Cell]
    grades: list[Cell]
    groups: list[Cell]
    processes: list[Cell]
    top_gaps: list[Cell]
    capacity: list[Cell]
    decent_work_year: int | None
    decent_work: list[Cell]
    decent_work_companies: int


def companies(filters: Filters) -> Any:
    """Supplier organisations matching the filters (subqueries, so no duplicate rows)."""
    queryset = Organization.objects.filter(is_supplier=True)
    if filters.size:
        queryset = queryset.filter(size_stratum=filters.size)
    if filters.state:
        queryset = queryset.filter(
            pk__in=Site.objects.filter(state_code=filters.state).values("organization_id")
        )
    if filters.process:
        slugs = {filters.process, *taxonomy_processes().descendants(filters.process)}
        queryset = queryset.filter(
            pk__in=Site.objects.filter(capabilities__process__slug__in=slugs).values(
                "organization_id"
            )
        )
    return queryset


def _hide(cell: Cell, suppress: bool) -> Cell:
    if suppress and cell.companies < MIN_CELL:
        cell.value = None
        cell.suppressed = True
        cell.extra = {}
    return cell


def _held(slug: str, statuses: tuple[str, ...]) -> Exists:
    return Exists(
        Certification.objects.filter(
            organization_id=OuterRef("pk"), standard__slug=slug, status__in=statuses
        )
    )


def _certifications(orgs: Any, latest: Any, labels: dict[str, str]) -> list[Cell]:
    ready = Exists(latest.filter(organization_id=OuterRef("pk"), overall__gte=80))
    counts = orgs.aggregate(
        iso_held=Count("pk", filter=Q(_held("iso-9001", (CertificationStatus.HELD,)))),
        iso_way=Count(
            "pk",
            filter=Q(_held("iso-9001", ON_THE_WAY)) & ~Q(_held("iso-9001", ("held",))),
        ),
        iatf_held=Count("pk", filter=Q(_held("iatf-16949", (CertificationStatus.HELD,)))),
        iatf_way=Count(
            "pk",
            filter=Q(_held("iatf-16949", ON_THE_WAY)) & ~Q(_held("iatf-16949", ("held",))),
        ),
        ready=Count("pk", filter=Q(ready)),
    )
    return [Cell(labels[key], Decimal(counts[key]), counts[key], key=key) for key in labels]


def _processes(orgs: Any, latest: Any, suppress: bool) -> list[Cell]:
    """Average overall score of the companies registered for each process.

    Two flat queries, whatever the number of companies and processes: the distinct
    (process, company) pairs of the assessed companies (distinct, so a company with two sites
    running the same process counts once), and each company's latest overall score; the
    averages are taken here. One filtered Exists aggregate per process, as before, cost a
    subquery per company and process (about 0.1 s a request on the demo's 320 companies).
    """
    pairs = (
        Capability.objects.filter(site__organization__in=latest.values("organization_id"))
        .values_list("process__slug", "site__organization_id")
        .distinct()
    )
    scores = dict(latest.values_list("organization_id", "overall"))
    companies_of: dict[str, list[int]] = {}
    for slug, organization_id in pairs:
        companies_of.setdefault(slug, []).append(organization_id)
    if not companies_of:
        return []
    english = language().startswith("en")
    names = {
        slug: name_en if english else name_es
        for slug, name_es, name_en in Process.objects.filter(
            slug__in=list(companies_of)
        ).values_list("slug", "name_es", "name_en")
    }
    cells = []
    for slug in sorted(companies_of):
        known = [scores[o] for o in companies_of[slug] if scores[o] is not None]
        average = sum(known, Decimal(0)) / len(known) if known else None
        cells.append(Cell(names.get(slug, slug), average, len(companies_of[slug]), key=slug))
    return [_hide(cell, suppress) for cell in cells]


def _capacity(orgs: Any, suppress: bool) -> list[Cell]:
    """Installed and free capacity (installed × (1 − utilisation)) of the critical processes."""
    mine = Q(capabilities__site__organization__in=orgs)
    free = ExpressionWrapper(
        F("capabilities__annual_capacity") * (Value(Decimal(1)) - F("capabilities__utilisation")),
        output_field=DecimalField(max_digits=20, decimal_places=3),
    )
    rows = (
        Process.objects.filter(critical=True)
        .annotate(
            installed=Coalesce(Sum("capabilities__annual_capacity", filter=mine), 0),
            free=Sum(free, filter=mine),
            suppliers=Count("capabilities__site__organization", filter=mine, distinct=True),
        )
        .order_by("slug")
    )
    demand = _posted_demand()
    cells = []
    for process in rows:
        free_per_year = Decimal(process.free or 0).quantize(Decimal(1))
        wanted = demand.get(process.slug, Decimal(0))
        cell = Cell(
            str(process),
            Decimal(process.installed),
            process.suppliers,
            key=process.slug,
            extra={
                "free": free_per_year,
                "demand": wanted,
                "shortfall": max(wanted - free_per_year, Decimal(0)),
            },
        )
        cells.append(_hide(cell, suppress))
    return cells


def _posted_demand() -> dict[str, Decimal]:
    """Pieces a year asked for in the Supply Hub per process: every requirement past its draft
    and not cancelled, whatever its buyer (demand is the programme's, not the selection's)."""
    from eslabon.hub.choices import RequirementStatus
    from eslabon.hub.models import Requirement

    rows = (
        Requirement.objects.exclude(
            status__in=[RequirementStatus.DRAFT, RequirementStatus.CANCELLED]
        )
        .values("processes__slug")
        .annotate(volume=Sum("annual_volume"))
    )
    return {
        row["processes__slug"]: Decimal(row["volume"] or 0)
        for row in rows
        if row["processes__slug"]
    }


def _pooled(part: Any, whole: Any, scale: Decimal = Decimal(1)) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(part or 0) * scale / Decimal(whole)).quantize(Decimal("0.01"))


def decent_work_sums(condition: Q | None = None) -> dict[str, Any]:
    """The aggregates behind the pooled decent-work indicators, optionally over a subset of the
    reports (``condition``), for ``aggregate``/``annotate``; ``decent_work_values`` turns them
    into indicators."""
    return {
        "n": Count("pk", filter=condition),
        "workers": Sum("workers", filter=condition),
        "imss": Sum("workers_imss", filter=condition),
        "women": Sum("women", filter=condition),
        "wages": Sum("gross_wages_mxn", filter=condition),
        "hours": Sum("hours_paid", filter=condition),
        "training": Sum("training_hours", filter=condition),
        "average": Sum("average_workers", filter=condition),
        "injuries": Sum("recordable_injuries", filter=condition),
        "separations": Sum("separations", filter=condition),
        "minimum_wage_ratio": Avg("minimum_wage_ratio", filter=condition),
        "nom035": Avg("nom035_compliance", filter=condition),
    }


def decent_work_values(totals: dict[str, Any]) -> dict[str, Decimal | None]:
    """Pooled ratios (Σ part ÷ Σ whole, as aggregate statistics are built) from the sums of
    ``decent_work_sums``; the two ratios the engine computes per company are averaged."""
    return {
        "formal-employment-share": _pooled(totals["imss"], totals["workers"], HUNDRED),
        "average-hourly-wage": _pooled(totals["wages"], totals["hours"]),
        "minimum-wage-ratio": totals["minimum_wage_ratio"],
        "women-share": _pooled(totals["women"], totals["workers"], HUNDRED),
        "training-hours-per-worker": _pooled(totals["training"], totals["average"]),
        "injury-rate": _pooled(totals["injuries"], totals["average"], Decimal(100_000)),
        "turnover": _pooled(totals["separations"], totals["average"], HUNDRED),
        "nom035-compliance": totals["nom035"],
    }


def _decent_work(orgs: Any, year: int | None, suppress: bool) -> tuple[int | None, int, list[Cell]]:
    """Pooled ratios for the year (the latest with reports unless given)."""
    reports = DecentWorkReport.objects.filter(organization__in=orgs)
    if year is None:
        year = reports.aggregate(latest=Max("year"))["latest"]
    if year is None:
        return None, 0, []
    totals = reports.filter(year=year).aggregate(**decent_work_sums())
    table = readiness_data.decent_work()
    names = {d.id: d for d in table.indicators}
    values = decent_work_values(totals)
    lang = language()
    count = totals["n"]
    cells = [
        _hide(
            Cell(
                names[key].name.in_language(lang),
                None if value is None else Decimal(value).quantize(Decimal("0.01")),
                count,
                key=key,
                extra={"unit": names[key].unit},
            ),
            suppress,
        )
        for key, value in values.items()
        if key in names
    ]
    return year, count, cells


def programme_report(
    *, filters: Filters, suppress: bool, labels: dict[str, str]
) -> ProgrammeReport:
    lang = language()
    orgs = companies(filters)
    latest = Assessment.objects.latest_per_organization().filter(organization__in=orgs)
    company_count = orgs.count()
    assessed = latest.count()
    suppressed_all = suppress and assessed < MIN_CELL

    grades = [
        _hide(Cell(row["grade"], Decimal(row["n"]), row["n"], key=row["grade"]), suppress)
        for row in latest.values("grade").annotate(n=Count("pk")).order_by("grade")
    ]
    questionnaire = readiness_data.questionnaire()
    group_titles = {g.id: g.title.in_language(lang) for g in questionnaire.groups}
    order = {g.id: i for i, g in enumerate(questionnaire.groups)}
    group_rows = (
        GroupResult.objects.filter(assessment__in=latest, percent__isnull=False)
        .values("group")
        .annotate(average=Avg("percent"), n=Count("assessment"))
    )
    groups = sorted(
        (
            _hide(
                Cell(
                    group_titles.get(r["group"], r["group"]), r["average"], r["n"], key=r["group"]
                ),
                suppress,
            )
            for r in group_rows
        ),
        key=lambda cell: order.get(cell.key, len(order)),
    )
    texts = {q.id: q.text.in_language(lang) for q in questionnaire.questions}
    gap_rows = (
        GapRecord.objects.filter(assessment__in=latest)
        .values("question", "clause", "action")
        .annotate(n=Count("assessment"))
        .order_by("-n", "question")[:10]
    )
    top_gaps = [
        _hide(
            Cell(
                texts.get(r["question"], r["question"]),
                Decimal(r["n"]) * HUNDRED / assessed if assessed else None,
                r["n"],
                key=r["question"],
                extra={"clause": r["clause"], "action": r["action"]},
            ),
            suppress,
        )
        for r in gap_rows
    ]
    year, dw_count, decent = _decent_work(orgs, filters.year, suppress)
    certification_cells = _certifications(orgs, latest, labels)
    if suppressed_all:
        grades, groups, top_gaps = [], [], []
    return ProgrammeReport(
        filters=filters,
        companies=company_count,
        assessed=assessed,
        suppressed_all=suppressed_all,
        certifications=certification_cells,
        grades=grades,
        groups=groups,
        processes=[] if suppressed_all else _processes(orgs, latest, suppress),
        top_gaps=top_gaps,
        capacity=_capacity(orgs, suppress),
        decent_work_year=year,
        decent_work=decent,
        decent_work_companies=dw_count,
    )
