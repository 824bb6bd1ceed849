"""The demo data: believable (most far from IATF readiness, a few close), deterministic,
idempotent."""

from __future__ import annotations

from collections import Counter

import pytest

from eslabon.readiness.demo import load_readiness_demo
from eslabon.readiness.models import Assessment, DecentWorkReport
from eslabon.registry.tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


def _suppliers(count: int) -> None:
    OrganizationFactory.create_batch(count)
    OrganizationFactory(is_supplier=False, is_buyer=True, tier="oem")


def test_every_supplier_gets_an_assessment_most_far_from_readiness_and_a_few_close() -> None:
    _suppliers(60)
    summary = load_readiness_demo()
    assert summary.assessments == 60
    assert "60 self-assessments" in summary.describe()
    assert Assessment.objects.completed().count() == 60
    assert DecentWorkReport.objects.count() == 60
    overall = [float(a.overall) for a in Assessment.objects.all()]
    far = sum(1 for value in overall if value < 60)
    close = sum(1 for value in overall if value >= 75)
    assert far >= len(overall) // 2
    assert 1 <= close <= len(overall) // 4
    assert Counter(a.grade for a in Assessment.objects.all())["C"] >= len(overall) * 3 // 4


def test_loading_twice_changes_nothing() -> None:
    _suppliers(5)
    load_readiness_demo()
    before = list(Assessment.objects.order_by("pk").values_list("organization_id", "overall"))
    again = load_readiness_demo()
    assert again.assessments == 0 and again.skipped == 5
    assert (
        list(Assessment.objects.order_by("pk").values_list("organization_id", "overall")) == before
    )


def test_the_same_seed_gives_the_same_scores() -> None:
    _suppliers(6)
    load_readiness_demo(seed=11)
    first = sorted(Assessment.objects.values_list("organization__rfc", "overall"))
    Assessment.objects.all().delete()
    DecentWorkReport.objects.all().delete()
    load_readiness_demo(seed=11)
    assert sorted(Assessment.objects.values_list("organization__rfc", "overall")) == first
    Assessment.objects.all().delete()
    load_readiness_demo(seed=12)
    assert sorted(Assessment.objects.values_list("organization__rfc", "overall")) != first
