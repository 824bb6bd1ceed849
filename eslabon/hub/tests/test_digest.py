"""The daily digest tells each supplier of new requirements open to it, and only those."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone

from eslabon.hub.digest import send_daily_digest
from eslabon.hub.models import Notification

pytestmark = pytest.mark.django_db


def test_the_digest_lists_what_each_supplier_may_see(
    rfq: Any, cast: Any, django_capture_on_commit_callbacks: Any
) -> None:
    Notification.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        sent = send_daily_digest()
    assert sent == 2  # the two invited suppliers; the other RFQ was not published in the window
    digest = Notification.objects.get(recipient=cast.supplier)
    assert rfq.requirement.title in digest.body
    assert rfq.other_requirement.title not in digest.body
    assert {tuple(m.to) for m in mail.outbox} == {
        (cast.supplier.email,),
        (cast.other_supplier.email,),
    }


def test_the_next_day_brings_no_digest_for_the_same_requirement(rfq: Any) -> None:
    assert send_daily_digest(now=timezone.now() + dt.timedelta(days=1, minutes=1)) == 0
