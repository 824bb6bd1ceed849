"""Two officers approve at the same moment against a line that can pay only one of them.

Runs on whichever database the suite uses: PostgreSQL (row locks with SELECT ... FOR
UPDATE) or SQLite (writes serialised). Each thread uses its own database connection.
"""

from __future__ import annotations

import threading
from decimal import Decimal
from functools import partial
from typing import Any

import pytest
from django.db import connection, connections

from eslabon.programmes import services
from eslabon.programmes.models import Approval, CompanyPlan
from eslabon.programmes.tests.factories import BudgetLineFactory, ServiceFactory


def _race(*calls: Any) -> list[str]:
    """Run the calls at once, each in its own thread and database connection."""
    barrier = threading.Barrier(len(calls))
    outcomes: list[str] = []

    def run(call: Any) -> None:
        try:
            barrier.wait()
            call()
            outcomes.append("done")
        except services.ProgrammeError:
            outcomes.append("refused")
        except Exception as error:
            outcomes.append(f"error: {error!r}")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcomes


def _two_items(cast: Any, allocated: str) -> tuple[Any, list[Any]]:
    line = BudgetLineFactory(allocated=Decimal(allocated))
    service = ServiceFactory(programme=line.programme, budget_line=line)  # subsidy 40,500.00
    items = [
        services.add_plan_item(
            CompanyPlan.objects.create(programme=line.programme, organization=org), service, None
        )
        for org in (cast.supplier_org, cast.other_supplier_org)
    ]
    return line, items


@pytest.mark.django_db(transaction=True)
def test_two_officers_cancelling_one_approval_release_it_once(cast: Any) -> None:
    line, (item, _other) = _two_items(cast, "100000.00")
    services.approve_plan_item(item.pk, cast.operator)
    cancel = lambda: services.cancel_approval(item.pk, cast.operator, "Desistió")  # noqa: E731
    outcomes = _race(cancel, cancel)
    line.refresh_from_db()
    assert sorted(outcomes) == ["done", "refused"], (connection.vendor, outcomes)
    assert line.committed == Decimal("0.00")


@pytest.mark.django_db(transaction=True)
def test_an_approval_and_a_cancellation_at_once_keep_the_line_exact(cast: Any) -> None:
    """Without the row lock, both read 40,500 committed and the last write wins: 0 or 81,000."""
    for _round in range(3):
        line, (first, second) = _two_items(cast, "100000.00")
        services.approve_plan_item(first.pk, cast.operator)
        outcomes = _race(
            lambda: services.cancel_approval(first.pk, cast.operator, "Reasignado"),  # noqa: B023
            lambda: services.approve_plan_item(second.pk, cast.operator),  # noqa: B023
        )
        line.refresh_from_db()
        assert outcomes == ["done", "done"], (connection.vendor, outcomes)
        active = Approval.objects.active().filter(budget_line=line)
        assert [a.plan_item_id for a in active] == [second.pk]
        assert line.committed == Decimal("40500.00")
        Approval.objects.all().delete()  # next round: fresh plans for the same companies
        CompanyPlan.objects.all().delete()


@pytest.mark.django_db(transaction=True)
def test_concurrent_approvals_never_overdraw_a_budget_line(cast: Any) -> None:
    line, items = _two_items(cast, "60000.00")  # one subsidy of 40,500 fits
    outcomes = _race(
        *(partial(services.approve_plan_item, item.pk, cast.operator) for item in items)
    )
    line.refresh_from_db()
    assert sorted(outcomes) == ["done", "refused"], (connection.vendor, outcomes)
    assert line.committed == Decimal("40500.00")
    assert Approval.objects.count() == 1
