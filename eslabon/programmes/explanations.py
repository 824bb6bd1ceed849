"""Eligibility verdicts worded in the reader's language (the engine's own trace is English)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from eslabon.domain.programmes.eligibility import RuleKind, Verdict
from eslabon.registry.choices import SizeStratum


def _listed(values: Any) -> str:
    return ", ".join(values) or "—"


def explain(verdict: Verdict) -> str:
    kind, wanted, facts = verdict.rule.kind, _listed(verdict.rule.values), _listed(verdict.facts)
    values = {"wanted": wanted, "facts": facts}
    if kind is RuleKind.STATE_IN:
        text = (
            _("has a site in state %(facts)s")
            if verdict.met
            else _("no site in states %(wanted)s (its sites are in %(facts)s)")
        )
    elif kind is RuleKind.SIZE_IN:
        labels = dict(SizeStratum.choices)
        values = {
            "wanted": _listed(str(labels.get(v, v)) for v in verdict.rule.values),
            "facts": _listed(str(labels.get(v, v)) for v in verdict.facts),
        }
        text = _("size %(facts)s; the call admits %(wanted)s")
    elif kind is RuleKind.HAS_PROCESS_IN:
        text = _("offers %(facts)s") if verdict.met else _("offers none of %(wanted)s")
    elif kind is RuleKind.READINESS_AT_LEAST:
        text = (
            _("readiness grade %(facts)s; the call requires at least %(wanted)s")
            if verdict.facts
            else _(
                "readiness grade unknown (no self-assessment yet); the call requires at least %(wanted)s"  # noqa: E501
            )
        )
    elif kind is RuleKind.CERTIFICATION_HELD:
        text = _("holds %(wanted)s") if verdict.met else _("does not hold %(facts)s")
    else:
        text = _("holds none of %(wanted)s") if verdict.met else _("already holds %(facts)s")
    return text % values


def explained(result: Any) -> list[tuple[bool, str]]:
    return [(verdict.met, explain(verdict)) for verdict in result.verdicts]
