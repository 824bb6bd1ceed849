"""Gaps in the reader's language, and a link to what closes each one.

The engine names gaps in English with the figures (``Gap.detail``); Spanish is rebuilt here
from the gap's kind, subject and shortfall through gettext.
"""

from __future__ import annotations

from django import template
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from eslabon.data import taxonomy
from eslabon.domain.matching import Gap

register = template.Library()


def _name(tree: taxonomy.Taxonomy, slug: str) -> str:
    term = tree.by_slug.get(slug)
    return term.name(get_language() or "es") if term else slug


def _amount(value: float | None) -> str:
    return number_format(round(value or 0), use_l10n=True, force_grouping=True)


@register.simple_tag
def gap_text(gap: Gap) -> str:
    if (get_language() or "es").startswith("en"):
        return gap.detail
    texts = {
        "process": lambda: (
            _("%(process)s is not run at this site")
            % {"process": _name(taxonomy.processes(), gap.subject)}
        ),
        "material": lambda: (
            _("%(material)s is not worked at this site")
            % {"material": _name(taxonomy.materials(), gap.subject)}
        ),
        "certification": lambda: (
            _("%(standard)s not valid on the start-of-production date")
            % {"standard": _name(taxonomy.certifications(), gap.subject)}
            + (
                _("; expected %(days)s days after it") % {"days": _amount(gap.shortfall)}
                if gap.shortfall
                else ""
            )
        ),
        "distance": lambda: (
            _("%(km)s km beyond the distance limit") % {"km": _amount(gap.shortfall)}
            if gap.shortfall
            else _("site location unknown")
        ),
        "capacity": lambda: (
            _("capacity short by %(pieces)s pieces a year") % {"pieces": _amount(gap.shortfall)}
        ),
        "envelope": lambda: (
            _("part %(mm)s mm larger than the largest declared") % {"mm": _amount(gap.shortfall)}
        ),
        "weight": lambda: (
            _("part %(kg)s kg heavier than the heaviest declared") % {"kg": _amount(gap.shortfall)}
        ),
    }
    build = texts.get(gap.kind)
    return build() if build else gap.detail


@register.simple_tag
def gap_remedy_url(gap: Gap, organization_id: int) -> str:
    """Where a supplier closes this gap: its readiness roadmap, certificates or capacity."""
    if gap.kind == "certification":
        return reverse("readiness:assessments")
    if gap.kind in {"process", "material", "capacity", "envelope", "weight"}:
        return reverse("registry:organization_detail", args=[organization_id])
    return ""


@register.filter
def get_item(mapping: dict[str, object], key: str) -> object:
    """Look a key up in a mapping (supplier id → organisation) from a template."""
    return mapping.get(key)
