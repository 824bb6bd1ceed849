from __future__ import annotations

import pytest

from eslabon.domain.errors import InputError
from eslabon.domain.programmes.eligibility import CompanyProfile, evaluate, parse_rules

COMPANY = CompanyProfile(
    state_codes=frozenset({"19"}),
    size_stratum="small",
    processes=frozenset({"cnc-machining"}),
    certifications_held=frozenset({"iso-9001"}),
    readiness_grade="B",
)

RULES = [
    {"kind": "state_in", "values": ["19", "05"]},
    {"kind": "size_in", "values": ["micro", "small", "medium"]},
    {"kind": "has_process_in", "values": ["cnc-machining", "stamping"]},
    {"kind": "readiness_at_least", "values": ["B"]},
    {"kind": "certification_held", "values": ["iso-9001"]},
    {"kind": "certification_not_held", "values": ["iatf-16949"]},
]


def test_a_company_meeting_every_rule_is_eligible_with_one_explanation_per_rule() -> None:
    result = evaluate(parse_rules(RULES), COMPANY)
    assert result.eligible
    assert [v.met for v in result.verdicts] == [True] * 6
    assert result.verdicts[0].explanation == "has a site in state 19"


def test_one_missed_rule_makes_the_company_ineligible_and_says_why() -> None:
    rules = parse_rules([{"kind": "state_in", "values": ["05"]}, RULES[1]])
    result = evaluate(rules, COMPANY)
    assert not result.eligible
    assert not result.verdicts[0].met
    assert "no site in states 05" in result.verdicts[0].explanation
    assert result.verdicts[1].met


def test_an_unknown_readiness_grade_fails_the_grade_rule() -> None:
    company = CompanyProfile(frozenset({"19"}), "small", frozenset(), frozenset(), None)
    verdict = evaluate(parse_rules([RULES[3]]), company).verdicts[0]
    assert not verdict.met
    assert "unknown" in verdict.explanation


@pytest.mark.parametrize(("grade", "met"), [("A", True), ("B", True), ("C", False)])
def test_grade_at_least_b_admits_a_and_b(grade: str, met: bool) -> None:
    company = CompanyProfile(frozenset(), "small", frozenset(), frozenset(), grade)
    assert evaluate(parse_rules([RULES[3]]), company).eligible is met


def test_a_company_already_holding_the_certificate_is_excluded() -> None:
    rules = parse_rules([{"kind": "certification_not_held", "values": ["iso-9001"]}])
    verdict = evaluate(rules, COMPANY).verdicts[0]
    assert not verdict.met
    assert verdict.explanation == "already holds iso-9001"


def test_no_rules_means_everyone_is_eligible() -> None:
    assert evaluate(parse_rules([]), COMPANY).eligible


@pytest.mark.parametrize(
    ("data", "where"),
    [
        ([{"kind": "colour_in", "values": ["red"]}], "$[0].kind"),
        ([{"kind": "state_in", "values": []}], "$[0].values"),
        ([RULES[0], {"kind": "readiness_at_least", "values": ["D"]}], "$[1].values"),
    ],
)
def test_malformed_rules_are_refused_with_their_json_path(data: object, where: str) -> None:
    with pytest.raises(InputError) as error:
        parse_rules(data)
    assert error.value.where == where
