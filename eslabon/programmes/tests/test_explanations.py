from __future__ import annotations

import pytest
from django.utils import translation

from eslabon.domain.programmes.eligibility import CompanyProfile, evaluate, parse_rules
from eslabon.programmes.templatetags.programmes import explain_filter

COMPANY = CompanyProfile(frozenset({"19"}), "small", frozenset(), frozenset({"iso-9001"}), None)


@pytest.mark.parametrize(
    ("rule", "spanish"),
    [
        (
            {"kind": "state_in", "values": ["05"]},
            "no tiene planta en los estados 05 (sus plantas están en 19)",
        ),
        (
            {"kind": "size_in", "values": ["small"]},
            "tamaño Pequeña; la convocatoria admite Pequeña",
        ),
        (
            {"kind": "readiness_at_least", "values": ["B"]},
            "grado de preparación desconocido (aún sin autoevaluación); "
            "la convocatoria exige al menos B",
        ),
        ({"kind": "certification_not_held", "values": ["iso-9001"]}, "ya cuenta con iso-9001"),
    ],
)
def test_verdicts_are_worded_in_the_readers_language(rule: dict[str, object], spanish: str) -> None:
    verdict = evaluate(parse_rules([rule]), COMPANY).verdicts[0]
    with translation.override("es-mx"):
        assert explain_filter(verdict) == spanish


def test_a_verdict_stored_on_an_application_is_worded_the_same_way() -> None:
    verdict = evaluate(parse_rules([{"kind": "state_in", "values": ["19"]}]), COMPANY).verdicts[0]
    stored = {**verdict.rule.as_json(), "met": True, "facts": ["19"], "explanation": "x"}
    with translation.override("en"):
        assert explain_filter(stored) == explain_filter(verdict) == "has a site in state 19"
