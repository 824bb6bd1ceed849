"""Template filters of the programme pages."""

from __future__ import annotations

from typing import Any

from django import template

from eslabon.domain.programmes.eligibility import Rule, RuleKind, Verdict
from eslabon.programmes.explanations import explain

register = template.Library()


@register.filter(name="explain")
def explain_filter(verdict: Verdict | dict[str, Any]) -> str:
    """A verdict, live or as stored on an application, worded in the active language."""
    if isinstance(verdict, dict):
        verdict = Verdict(
            Rule(RuleKind(verdict["kind"]), tuple(verdict["values"])),
            bool(verdict["met"]),
            verdict.get("explanation", ""),
            tuple(verdict.get("facts", ())),
        )
    return explain(verdict)
