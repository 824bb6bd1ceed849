"""The engine's explanations in the reader's language.

The pure engine (eslabon/domain/origin) writes its trace and material reasons in English: they
are the command line's JSON contract and carry the legal references. Pages and exports show them
through this table, so a Spanish reader sees Spanish. Text the table does not know (a rule
added to the engine later, the legal citations of the threshold tables) is shown as the engine
wrote it rather than hidden.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from eslabon.domain.origin import rvc as engine_rvc
from eslabon.domain.origin.check import TraceStep

_FIGURES = {
    "product_class": gettext_lazy("Product class"),
    "threshold": gettext_lazy("Threshold"),
    "value_non_originating": gettext_lazy("Value of non-originating materials"),
    "rvc transaction value (UR s.7(2))": gettext_lazy("RVC by transaction value (UR s.7(2))"),
    "rvc net cost (UR s.7(3))": gettext_lazy("RVC by net cost (UR s.7(3))"),
    "de_minimis": gettext_lazy("De minimis"),
    "qualifies": gettext_lazy("Qualifies"),
}

_RULES = {
    "given in the input": gettext_lazy("given in the input"),
    "sum of counted lines (UR s.7, s.8)": gettext_lazy(
        "sum of the lines counted as non-originating (UR s.7, s.8)"
    ),
    "VNM ≤ 10% of TV or NC: RVC need not be met (UR s.5(4))": gettext_lazy(
        "VNM ≤ 10% of TV or NC: the RVC need not be met (UR s.5(4))"
    ),
    "any allowed method meets its threshold (UR s.7(1), s.7(6)) or de minimis": gettext_lazy(
        "an allowed method meets its threshold (UR s.7(1), s.7(6)) or de minimis applies"
    ),
}

_REASONS = {
    engine_rvc.REASON_ORIGINATING: gettext_lazy("originating"),
    engine_rvc.REASON_ROLLED_UP: gettext_lazy(
        "originating intermediate: rolled up as wholly originating (UR s.7(4)(a), s.14(1))"
    ),
    engine_rvc.REASON_SELF_PRODUCED: gettext_lazy(
        "self-produced, not originating: only its own VNM counts (UR s.7(5)(a))"
    ),
    engine_rvc.UNKNOWN_COUNTED_AS_NON_ORIGINATING: gettext_lazy(
        "origin unknown: counted as non-originating (UR s.8(2), undetermined origin)"
    ),
    engine_rvc.REASON_NON_ORIGINATING: gettext_lazy("non-originating: full value (UR s.8(1))"),
}

_FROM_HS_CODE = re.compile(r"^from HS code: (?P<why>.*)$", re.S)
_IN_FORCE = re.compile(r"^in force from (?P<date>\d{4}-\d{2}-\d{2}): (?P<source>.*)$", re.S)
_THRESHOLD = re.compile(r"^NC (?P<nc>[\d.]+)% / TV (?:(?P<tv>[\d.]+)%|not allowed)$")


def figure(step: TraceStep) -> str:
    return str(_FIGURES.get(step.figure, step.figure))


def rule(step: TraceStep) -> str:
    if step.rule in _RULES:
        return str(_RULES[step.rule])
    if match := _FROM_HS_CODE.match(step.rule):
        return _("from the HS code: %(why)s") % match.groupdict()
    if match := _IN_FORCE.match(step.rule):
        return _("in force from %(date)s: %(source)s") % match.groupdict()
    return step.rule


def value(step: TraceStep, shown: str) -> str:
    if shown in ("true", "false"):
        return _("yes") if shown == "true" else _("no")
    if step.figure == "threshold" and (match := _THRESHOLD.match(shown)):
        if match["tv"] is None:
            return _("NC %(nc)s%% / TV not allowed") % {"nc": match["nc"]}
        return _("NC %(nc)s%% / TV %(tv)s%%") % {"nc": match["nc"], "tv": match["tv"]}
    return shown


def reason(text: str) -> str:
    return str(_REASONS.get(text, text))
