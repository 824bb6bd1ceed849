"""The programme report: every registered dashboard with its charts and tables, as one PDF.

Built here, not in the views, because both the download (views.report) and the background
job (jobs.py) make it, and the job has no request.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils import timezone
from django.utils.formats import date_format

from eslabon.analytics import panels
from eslabon.analytics.filters import FilterForm, Filters
from eslabon.analytics.permissions import Scope
from eslabon.events.models import Event
from eslabon.pdf import render_pdf

REPORT_JOB = "analytics-report"


def panel_items(panel_list: list[panels.Panel], filters: Filters) -> list[dict[str, Any]]:
    return [
        {
            "panel": panel,
            "table": panel.table(),
            "csv": filters.as_query(format="csv", panel=panel.key),
            "xlsx": filters.as_query(format="xlsx", panel=panel.key),
        }
        for panel in panel_list
    ]


def _filters_text(form: FilterForm) -> str:
    parts = []
    for name, field in form.fields.items():
        value = form.cleaned_data.get(name)
        if value:
            parts.append(f"{field.label}: {value}")
    return "; ".join(parts)


def filter_form(scope: Scope, query: Mapping[str, str]) -> FilterForm:
    events = Event.objects.all() if scope.everything else Event.objects.visible_to(scope.user)
    data = {key: value for key, value in query.items() if key in panels.FILTER_NAMES}
    return FilterForm(data, events=events)


def report_pdf(scope: Scope, form: FilterForm, base_url: str) -> bytes:
    """Every registered dashboard, charts and tables, as one PDF with the form's filters.

    Shared by the download (views.report) and the background job (jobs.py), so both give
    the same document.
    """
    filters = form.filters()
    sections = [
        {"dashboard": board, "items": panel_items(board.build(scope, filters), filters)}
        for board in panels.dashboards()
    ]
    for section in sections:
        for item in section["items"]:
            item["csv"] = ""  # no links in print
    context = {
        "sections": sections,
        "scope": scope,
        "min_cell": scope.min_cell,
        "generated": date_format(timezone.localtime(), "DATETIME_FORMAT"),
        "filters_text": _filters_text(form),
    }
    return render_pdf("analytics/report_pdf.html", context, base_url)
