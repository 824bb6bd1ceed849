"""PDF documents from templates with WeasyPrint, for every app's exports.

Templates are self-contained (inline CSS and SVG), so WeasyPrint is never allowed to fetch a
URL: a rendered page can not make the server request anything (no SSRF, no self-deadlock).
"""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string


def _no_fetch(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    raise ValueError(f"PDF export does not fetch {url}")


def render_pdf(template: str, context: dict[str, Any], base_url: str = "/") -> bytes:
    from weasyprint import HTML  # heavy import, only where a PDF is asked for

    html = render_to_string(template, context)
    return bytes(HTML(string=html, base_url=base_url, url_fetcher=_no_fetch).write_pdf())
