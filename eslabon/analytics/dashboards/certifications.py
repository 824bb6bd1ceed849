"""Dashboard 3, certification progress: companies holding, working towards and planning each
standard; how many held a valid certificate at the end of each quarter; the certificates
that expire in the next 90 days.

History comes from the certificates' own dates (issued, expires): a company held a standard
at a date when a held certificate was issued on or before it and had not expired. The
registry keeps no dated history of "in progress" or "planned", so those are today's counts,
with the expected date the company gave. All figures are database aggregates.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from eslabon.analytics import charts
from eslabon.analytics.dashboards.common import state_name, suppliers
from eslabon.analytics.filters import Filters
from eslabon.analytics.panels import Column, Dashboard, Panel, name_field, register, shown
from eslabon.analytics.permissions import Scope
from eslabon.registry.choices import CertificationStatus
from eslabon.registry.models import Certification

EXPIRY_WINDOW = dt.timedelta(days=90)
DEFAULT_HISTORY_YEARS = 3
MOST_SERIES = 8


def certifications(scope: Scope, filters: Filters) -> Any:
    """Certificates of published suppliers in the filters, in the viewer's scope."""
    queryset = Certification.objects.filter(organization__in=suppliers(filters))
    if not scope.everything:
        queryset = queryset.filter(pk__in=Certification.objects.visible_to(scope.user).values("pk"))
    return queryset


def _valid_on(day: dt.date) -> Q:
    return Q(status=CertificationStatus.HELD, issued_on__lte=day) & (
        Q(expires_on__isnull=True) | Q(expires_on__gt=day)
    )


def quarter_ends(start: dt.date, end: dt.date) -> list[dt.date]:
    """The last day of every calendar quarter from ``start``'s to ``end``'s."""
    ends = []
    year, quarter = start.year, (start.month - 1) // 3
    while True:
        month = quarter * 3 + 3
        last = dt.date(year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1)
        ends.append(last)
        if last >= end:
            return ends
        quarter += 1
        if quarter == 4:
            year, quarter = year + 1, 0


def _others(scope: Scope, condition: Q) -> Count:
    return Count("organization", distinct=True, filter=condition & ~Q(organization__in=scope.own))


def _status_panel(scope: Scope, base: Any, label: str, today: dt.date) -> Panel:
    held = _valid_on(today)
    expired = Q(status=CertificationStatus.HELD, expires_on__lte=today)
    progress = Q(status=CertificationStatus.IN_PROGRESS)
    planned = Q(status=CertificationStatus.PLANNED)
    year_ahead = Q(expected_on__gt=today, expected_on__lte=today + dt.timedelta(days=365))
    grouped = (
        base.values("standard__slug", f"standard__{label}")
        .annotate(
            held=Count("organization", distinct=True, filter=held),
            progress=Count("organization", distinct=True, filter=progress),
            planned=Count("organization", distinct=True, filter=planned),
            expected=Count("organization", distinct=True, filter=(progress | planned) & year_ahead),
            expired=Count("organization", distinct=True, filter=expired),
            others=_others(scope, Q()),
        )
        .order_by("-held", "standard__slug")
    )
    rows = []
    for row in grouped:
        hidden = scope.hides(row["others"])
        rows.append(
            {
                "standard": row[f"standard__{label}"],
                **{
                    key: shown(row[key], hidden)
                    for key in ("held", "progress", "planned", "expected", "expired")
                },
            }
        )
    return Panel(
        key="status",
        title=_("Companies by standard and status, today"),
        columns=(
            Column("standard", _("Standard")),
            Column("held", _("Holding a valid certificate"), numeric=True),
            Column("progress", _("In progress"), numeric=True),
            Column("planned", _("Planned"), numeric=True),
            Column("expected", _("Expected within a year"), numeric=True),
            Column("expired", _("Certificate expired"), numeric=True),
        ),
        rows=rows,
        chart=charts.bar_chart(
            _("Companies holding a valid certificate"),
            [(row["standard"], row["held"]) for row in rows],
        ),
        chart_template=charts.BAR_TEMPLATE,
        note=_("A company with certificates in several states of one standard counts in each."),
    )


def _history_panel(scope: Scope, base: Any, label: str, filters: Filters) -> Panel:
    today = timezone.localdate()
    end = filters.date_to or today
    start = filters.date_from or end.replace(year=end.year - DEFAULT_HISTORY_YEARS)
    quarters = quarter_ends(start, end)
    aggregates: dict[str, Any] = {}
    for i, day in enumerate(quarters):
        aggregates[f"q{i}"] = Count("organization", distinct=True, filter=_valid_on(day))
        aggregates[f"o{i}"] = _others(scope, _valid_on(day))
    grouped = list(
        base.filter(status=CertificationStatus.HELD)
        .values("standard__slug", f"standard__{label}")
        .annotate(**aggregates)
        .order_by("standard__slug")
    )
    periods = [f"{day.year}-T{(day.month - 1) // 3 + 1}" for day in quarters]
    rows, series = [], []
    for row in grouped:
        values = [shown(row[f"q{i}"], scope.hides(row[f"o{i}"])) for i in range(len(quarters))]
        rows.append(
            {"standard": row[f"standard__{label}"], **dict(zip(periods, values, strict=True))}
        )
        series.append((row[f"standard__{label}"], values))
    series.sort(key=lambda item: -max((v for v in item[1] if isinstance(v, int)), default=0))
    return Panel(
        key="history",
        title=_("Companies holding a valid certificate at the end of each quarter"),
        columns=(
            Column("standard", _("Standard")),
            *(Column(period, period, numeric=True) for period in periods),
        ),
        rows=rows,
        chart=charts.line_chart(
            _("Companies holding a valid certificate"), periods, series[:MOST_SERIES]
        ),
        chart_template=charts.LINE_TEMPLATE,
        note=_("Quarters are written as year-T1 … year-T4 (calendar quarters)."),
    )


def _expiring_panels(scope: Scope, base: Any, label: str, today: dt.date) -> list[Panel]:
    soon = Q(
        status=CertificationStatus.HELD,
        expires_on__gte=today,
        expires_on__lte=today + EXPIRY_WINDOW,
    )
    counts = (
        base.filter(soon)
        .values("standard__slug", f"standard__{label}")
        .annotate(
            companies=Count("organization", distinct=True),
            certificates=Count("pk"),
            others=_others(scope, Q()),
        )
        .order_by("-companies", "standard__slug")
    )
    count_rows = [
        {
            "standard": row[f"standard__{label}"],
            "companies": shown(row["companies"], scope.hides(row["others"])),
            "certificates": shown(row["certificates"], scope.hides(row["others"])),
        }
        for row in counts
    ]
    listed = base.filter(soon)
    if not scope.everything:
        listed = listed.filter(organization__in=scope.own)
    detail = [
        {
            "company": row["organization__trade_name"] or row["organization__legal_name"],
            "standard": row[f"standard__{label}"],
            "state": state_name(row["site__state_code"]) if row["site__state_code"] else "",
            "number": row["certificate_number"],
            "expires": date_format(row["expires_on"], "SHORT_DATE_FORMAT"),
        }
        for row in listed.values(
            "organization__trade_name", "organization__legal_name", f"standard__{label}",
            "site__state_code", "certificate_number", "expires_on",
        ).order_by("expires_on", "organization__legal_name")
    ]  # fmt: skip
    return [
        Panel(
            key="expiring-by-standard",
            title=_("Certificates expiring in the next 90 days, by standard"),
            columns=(
                Column("standard", _("Standard")),
                Column("companies", _("Companies"), numeric=True),
                Column("certificates", _("Certificates"), numeric=True),
            ),
            rows=count_rows,
            chart=charts.bar_chart(
                _("Companies"), [(row["standard"], row["companies"]) for row in count_rows]
            ),
            chart_template=charts.BAR_TEMPLATE,
        ),
        Panel(
            key="expiring",
            title=(
                _("Certificates expiring in the next 90 days")
                if scope.everything
                else _("Your certificates expiring in the next 90 days")
            ),
            columns=(
                Column("expires", _("Expires on")),
                Column("company", _("Company")),
                Column("standard", _("Standard")),
                Column("state", _("Site state")),
                Column("number", _("Certificate number")),
            ),
            rows=detail,
        ),
    ]


def build(scope: Scope, filters: Filters) -> list[Panel]:
    base = certifications(scope, filters)
    label = name_field()
    today = timezone.localdate()
    return [
        _status_panel(scope, base, label, today),
        _history_panel(scope, base, label, filters),
        *_expiring_panels(scope, base, label, today),
    ]


register(
    Dashboard(
        slug="certifications",
        title=gettext_lazy("Certification progress"),
        summary=gettext_lazy(
            "Companies holding, working towards and planning each standard; valid "
            "certificates quarter by quarter; certificates expiring in the next 90 days."
        ),
        build=build,
        order=30,
        filters=frozenset({"date_from", "date_to", "state", "process", "size"}),
    )
)
