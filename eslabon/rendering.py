"""One helper decides whether a view answers with its full page or an HTMX fragment.

A page template declares its fragments with django-template-partials; an HTMX request
that targets a fragment gets only that fragment, any other request the whole page.
``LongSelect`` renders a select of many options without a template per option.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms.utils import flatatt
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString


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


class LongSelect(forms.Select):
    """A select of many options (every published supplier, a taxonomy),
    written in one pass.

    The same HTML as Django's Select without option groups, which renders a template per
    option: for the demo's 300 suppliers that was most of the requirement page's time, and
    a third of the directory's for its filters.
    """

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (str(option["value"]), flatatt(option["attrs"]), option["label"])
                for _group, choices, _index in widget["optgroups"]
                for option in choices
            ),
        )
        return format_html(
            '<select name="{}"{}>{}</select>', widget["name"], flatatt(widget["attrs"]), options
        )
