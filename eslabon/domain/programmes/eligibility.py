"""Eligibility rules of a call, stored as data, evaluated against a plain company profile.

Each rule yields a verdict with a sentence that says why, so an applicant sees which rule
it meets and which it misses; an unknown fact (no readiness grade yet) fails the rule.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from eslabon.domain.errors import InputError
from eslabon.domain.validation import parse_as

# Readiness grades follow VDA 6.3 (A best, C worst); "at least B" admits A and B.
GRADE_ORDER: tuple[str, ...] = ("C", "B", "A")


class RuleKind(StrEnum):
    STATE_IN = "state_in"
    SIZE_IN = "size_in"
    HAS_PROCESS_IN = "has_process_in"
    READINESS_AT_LEAST = "readiness_at_least"
    CERTIFICATION_HELD = "certification_held"
    CERTIFICATION_NOT_HELD = "certification_not_held"


class _RuleInput(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: RuleKind
    values: list[str] = Field(min_length=1)


@dataclass(frozen=True)
class Rule:
    kind: RuleKind
    values: tuple[str, ...]

    def as_json(self) -> dict[str, Any]:
        return {"kind": self.kind.value, "values": list(self.values)}


@dataclass(frozen=True)
class CompanyProfile:
    """What the rules look at; the app builds it from registry and readiness data."""

    state_codes: frozenset[str]
    size_stratum: str
    processes: frozenset[str]
    certifications_held: frozenset[str]
    readiness_grade: str | None = None


@dataclass(frozen=True)
class Verdict:
    """A rule's outcome; ``facts`` are the company's values behind it (the states found, or
    all its states when none matched; its size; the grade; the certificates found or missing),
    so that the web layer can word the explanation in the reader's language."""

    rule: Rule
    met: bool
    explanation: str
    facts: tuple[str, ...] = ()


@dataclass(frozen=True)
class Eligibility:
    verdicts: tuple[Verdict, ...]

    @property
    def eligible(self) -> bool:
        return all(verdict.met for verdict in self.verdicts)


def parse_rules(data: Any) -> tuple[Rule, ...]:
    """Validate a JSON list of rules; InputError names the offending path."""
    parsed = parse_as(list[_RuleInput], data)
    rules = tuple(Rule(item.kind, tuple(item.values)) for item in parsed)
    for index, rule in enumerate(rules):
        if rule.kind is RuleKind.READINESS_AT_LEAST and (
            len(rule.values) != 1 or rule.values[0] not in GRADE_ORDER
        ):
            raise InputError(f"$[{index}].values", "readiness_at_least takes one grade: A, B or C")
    return rules


def _listed(values: Sequence[str]) -> str:
    return ", ".join(values)


def evaluate_rule(rule: Rule, company: CompanyProfile) -> Verdict:
    wanted = frozenset(rule.values)
    facts: list[str]
    if rule.kind is RuleKind.STATE_IN:
        facts = sorted(company.state_codes & wanted)
        met = bool(facts)
        if not met:
            facts = sorted(company.state_codes)
        why = (
            f"has a site in state {_listed(facts)}"
            if met
            else f"no site in states {_listed(rule.values)} (sites in {_listed(facts) or 'none'})"
        )
    elif rule.kind is RuleKind.SIZE_IN:
        facts = [company.size_stratum] if company.size_stratum else []
        met = company.size_stratum in wanted
        why = f"size {company.size_stratum or 'unknown'}; the call admits {_listed(rule.values)}"
    elif rule.kind is RuleKind.HAS_PROCESS_IN:
        facts = sorted(company.processes & wanted)
        met = bool(facts)
        why = f"offers {_listed(facts)}" if met else f"offers none of {_listed(rule.values)}"
    elif rule.kind is RuleKind.READINESS_AT_LEAST:
        floor = rule.values[0]
        grade = company.readiness_grade
        facts = [grade] if grade is not None else []
        if grade is None:
            met, why = False, f"readiness grade unknown; the call requires at least {floor}"
        else:
            met = GRADE_ORDER.index(grade) >= GRADE_ORDER.index(floor)
            why = f"readiness grade {grade}; the call requires at least {floor}"
    elif rule.kind is RuleKind.CERTIFICATION_HELD:
        facts = sorted(wanted - company.certifications_held)  # the missing ones
        met = not facts
        why = "holds " + _listed(rule.values) if met else "does not hold " + _listed(facts)
    else:
        facts = sorted(wanted & company.certifications_held)  # the ones already held
        met = not facts
        why = "holds none of " + _listed(rule.values) if met else "already holds " + _listed(facts)
    return Verdict(rule, met, why, tuple(facts))


def evaluate(rules: Sequence[Rule], company: CompanyProfile) -> Eligibility:
    """Every rule's verdict, in the call's order; eligible when all are met."""
    return Eligibility(tuple(evaluate_rule(rule, company) for rule in rules))
