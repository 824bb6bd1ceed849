"""Supplier performance figures from invitations, quotes, awards and PPAP."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from eslabon.hub import ppap, services
from eslabon.hub.performance import supplier_performance
from eslabon.hub.tests.conftest import awarded_with_ppap, submit

pytestmark = pytest.mark.django_db


def test_response_win_and_first_time_ppap_rates(cast: Any, rfq: Any) -> None:
    submit(rfq, cast.supplier, cast.supplier_org, cast.site, "10")
    invitation = rfq.requirement.invitations.get(supplier=cast.other_supplier_org)
    services.answer_invitation(
        invitation=invitation, intends_to_quote=False, reason="Sin capacidad",
        actor=cast.other_supplier,
    )  # fmt: skip
    _requirement, _award, submission = awarded_with_ppap(cast, rfq)
    ppap.decide_ppap(submission=submission, disposition="approved", actor=cast.buyer)
    figures = supplier_performance([cast.supplier_org.pk, cast.other_supplier_org.pk])
    mine, theirs = figures[cast.supplier_org.pk], figures[cast.other_supplier_org.pk]
    # Invited to the RFQ, the awarded one and the other buyer's (unanswered): 2 of 3.
    assert (mine.invitations, mine.responses) == (3, 2)
    assert mine.response_rate == Decimal("0.667")
    assert mine.median_response_hours is not None
    assert (mine.quotes_decided, mine.wins, mine.win_rate) == (1, 1, Decimal(1))
    assert mine.ppap_first_time_approval == Decimal(1)
    assert (theirs.invitations, theirs.responses) == (1, 1)
    assert theirs.win_rate is None
    assert theirs.ppap_first_time_approval is None
