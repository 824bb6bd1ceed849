"""Dashboards and their panels: what every chart shares (a table, CSV and Excel exports,
a place in the programme report), so that a new dashboard is a selector and a registration.

A dashboard's ``build(scope, filters)`` returns panels; each panel holds the rows the
database aggregated, the columns to show them, and optionally a chart computed from the same
rows. Suppressed cells hold ``SUPPRESSED`` and are drawn as an em dash, exported empty.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.utils.translation import get_language

if TYPE_CHECKING:
    from eslabon.analytics.filters import Filters
    from eslabon.analytics.permissions import Scope


class _Suppressed:
    """A figure withheld because it would describe one or two other companies."""

    def __str__(self) -> str:
        return "—"

    def __repr__(self) -> str:
        return "SUPPRESSED"


SUPPRESSED: Any = _Suppressed()
FILTER_NAMES = frozenset({"date_from", "date_to", "state", "process", "size", "event"})


@dataclass(frozen=True)
class Column:
    key: str
    label: Any
    numeric: bool = False


@dataclass
class Panel:
    key: str
    title: Any
    columns: tuple[Column, ...]
    rows: list[dict[str, Any]]
    chart: Any = None
    chart_template: str = ""
    note: Any = ""

    def table(self) -> list[list[Any]]:
        return [[row.get(column.key) for column in self.columns] for row in self.rows]

    @property
    def has_suppressed(self) -> bool:
        return any(value is SUPPRESSED for row in self.table() for value in row)


Builder = Callable[["Scope", "Filters"], list[Panel]]


@dataclass(frozen=True)
class Dashboard:
    slug: str
    title: Any
    summary: Any
    build: Builder
    order: int = 100
    filters: frozenset[str] = field(default=FILTER_NAMES)
    template: str = "analytics/dashboard.html"


_REGISTRY: dict[str, Dashboard] = {}


def register(dashboard: Dashboard) -> Dashboard:
    if dashboard.slug in _REGISTRY and _REGISTRY[dashboard.slug] is not dashboard:
        raise ValueError(f"a dashboard named {dashboard.slug!r} is already registered")
    unknown = dashboard.filters - FILTER_NAMES
    if unknown:
        raise ValueError(f"dashboard {dashboard.slug!r}: unknown filters {sorted(unknown)}")
    _REGISTRY[dashboard.slug] = dashboard
    return dashboard


def dashboards() -> list[Dashboard]:
    return sorted(_REGISTRY.values(), key=lambda d: (d.order, d.slug))


def dashboard(slug: str) -> Dashboard | None:
    return _REGISTRY.get(slug)


def name_field() -> str:
    """The taxonomy column in the page's language (Process.name_es or name_en)."""
    return "name_en" if (get_language() or "").startswith("en") else "name_es"


def shown(value: Any, hidden: bool) -> Any:
    return SUPPRESSED if hidden else value


def number(value: Any) -> Decimal:
    """A figure from the database as a Decimal (None, an empty sum, counts as zero)."""
    if value is None or value is SUPPRESSED:
        return Decimal(0)
    return Decimal(value)
