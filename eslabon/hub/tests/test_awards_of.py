"""What a supplier has won: requirements and awarded value, for programme outcomes."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from eslabon.hub.performance import awards_of
from eslabon.hub.tests.conftest import awarded_with_ppap


@pytest.mark.django_db
def test_an_award_counts_one_requirement_and_its_share_of_the_quoted_total(
    cast: Any, rfq: Any
) -> None:
    requirement, award, _submission = awarded_with_ppap(cast, rfq)
    won, value = awards_of(cast.supplier_org.pk)
    line = award.line
    assert won == 1
    assert value == {requirement.currency: (Decimal(10) * line.quantity).quantize(Decimal("0.01"))}
    assert awards_of(cast.other_supplier_org.pk) == (0, {})
