"""The PPAP stage: elements by level, dispositions, resubmission after a rejection."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from eslabon.hub import ppap
from eslabon.hub.choices import PpapDisposition
from eslabon.hub.services import HubError
from eslabon.hub.tests.conftest import PDF, awarded_with_ppap

pytestmark = pytest.mark.django_db


def pdf(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF)


def test_level_3_asks_for_every_element_that_is_submitted_and_level_1_for_the_aar_only() -> None:
    level_3 = {element.slug for element in ppap.required_documents(3)}
    assert {"control-plan", "process-fmea", "dimensional-results", "msa-studies"} <= level_3
    assert "master-sample" not in level_3  # retained at the supplier, not submitted
    assert [e.slug for e in ppap.required_documents(1)] == ["appearance-approval-report"]
    assert len(ppap.elements()) == 18


def test_a_rejection_needs_a_reason_and_opens_a_resubmission(cast: Any, rfq: Any) -> None:
    _requirement, award, first = awarded_with_ppap(cast, rfq)
    with pytest.raises(HubError, match="only after a rejection"):
        ppap.submit_ppap(award=award, warrant=pdf("psw.pdf"), documents={}, actor=cast.supplier)
    with pytest.raises(HubError, match="why"):
        ppap.decide_ppap(submission=first, disposition="rejected", actor=cast.buyer)
    ppap.decide_ppap(
        submission=first, disposition="rejected", reason="Cpk < 1.67 en la cota A",
        actor=cast.buyer,
    )  # fmt: skip
    with pytest.raises(HubError, match="Missing PPAP elements"):
        ppap.submit_ppap(award=award, warrant=pdf("psw.pdf"), documents={}, actor=cast.supplier)
    second = ppap.submit_ppap(
        award=award, warrant=pdf("psw2.pdf"),
        documents={"appearance-approval-report": pdf("aar2.pdf")}, actor=cast.supplier,
    )  # fmt: skip
    assert second.attempt == 2
    assert second.disposition == PpapDisposition.PENDING


def test_an_interim_approval_needs_a_future_expiry(cast: Any, rfq: Any) -> None:
    _requirement, _award, submission = awarded_with_ppap(cast, rfq)
    with pytest.raises(HubError, match="expiry"):
        ppap.decide_ppap(submission=submission, disposition="interim", actor=cast.buyer)
    expiry = timezone.localdate() + dt.timedelta(days=60)
    decided = ppap.decide_ppap(
        submission=submission, disposition="interim", interim_expires_on=expiry, actor=cast.buyer
    )
    assert decided.interim_expires_on == expiry
    with pytest.raises(HubError, match="already"):
        ppap.decide_ppap(submission=submission, disposition="approved", actor=cast.buyer)
