"""Programmes read a company's grade from its latest completed self-assessment."""

from __future__ import annotations

from typing import Any

import pytest

from eslabon.programmes.readiness_link import readiness_of
from eslabon.readiness.demo import load_readiness_demo


@pytest.mark.django_db
def test_a_company_without_an_assessment_has_no_grade_and_one_with_it_has_its_grade(
    cast: Any,
) -> None:
    assert readiness_of(cast.supplier_org).grade is None
    load_readiness_demo()
    found = readiness_of(cast.supplier_org)
    from eslabon.readiness.models import Assessment

    stored = Assessment.objects.completed().get(organization=cast.supplier_org)
    assert found.grade == stored.grade and found.grade in {"A", "B", "C"}
