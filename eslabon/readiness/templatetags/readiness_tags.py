"""Display filters for readiness templates: dictionary look-up and bilingual data texts."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.filter
def get_item(mapping: dict[str, Any], key: str) -> Any:
    return mapping.get(key, "")


@register.filter
def in_language(text: Any, language: str) -> str:
    """A data file's es/en text in the active language."""
    return str(text.in_language(language or "es"))


@register.filter
def signed(value: Any) -> str:
    """A change with its sign and one decimal: +12.5, -3.0."""
    if value is None:
        return "—"
    return f"{float(value):+.1f}"
