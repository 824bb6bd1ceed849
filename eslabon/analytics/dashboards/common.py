"""Filters every dashboard applies the same way, as querysets and Q objects (no loops)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q

from eslabon.analytics.filters import Filters
from eslabon.data.geography import states
from eslabon.data.taxonomy import processes as taxonomy_processes
from eslabon.registry.models import Organization


def process_family(slug: str) -> set[str]:
    """A process and its descendants: a requirement for "machining" is met by CNC turning."""
    return {slug, *taxonomy_processes().descendants(slug)}


def within(field: str, filters: Filters) -> Q:
    """``field`` (a date or datetime path) inside the filters' date range."""
    condition = Q()
    if filters.date_from:
        condition &= Q(**{f"{field}__gte": _start(filters.date_from, field)})
    if filters.date_to:
        condition &= Q(**{f"{field}__lt": _start(filters.date_to + dt.timedelta(days=1), field)})
    return condition


def _start(day: dt.date, field: str) -> Any:
    if field.endswith("_on") or field.endswith("date"):
        return day
    from django.utils import timezone

    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def suppliers(filters: Filters) -> Any:
    """Published suppliers in the filters' state, process and size (an Organization queryset
    meant for ``__in`` subqueries)."""
    queryset = Organization.objects.published_suppliers()
    if filters.size:
        queryset = queryset.filter(size_stratum=filters.size)
    if filters.state:
        queryset = queryset.filter(sites__state_code=filters.state)
    if filters.process:
        queryset = queryset.filter(
            sites__capabilities__process__slug__in=process_family(filters.process)
        )
    return queryset.values("pk")


def state_name(code: str | None) -> str:
    if not code:
        return "—"
    state = states().get(code)
    return state.name if state else code


def state_abbreviation(code: str | None) -> str:
    state = states().get(code or "")
    return state.abbreviation if state else (code or "—")
