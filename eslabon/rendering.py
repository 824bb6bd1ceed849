"""One helper decides whether a view answers with its full page or an HTMX fragment.

A page template declares its fragments with django-template-partials; an HTMX request
that targets a fragment gets only that fragment, any other request the whole page.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def render_page(
    request: HttpRequest,
    template_name: str,
    context: dict[str, Any],
    *,
    partial: str | None = None,
    status: int = 200,
) -> HttpResponse:
    is_htmx = bool(getattr(request, "htmx", False))
    if partial and is_htmx:
        return render(request, f"{template_name}#{partial}", context, status=status)
    return render(request, template_name, context, status=status)
