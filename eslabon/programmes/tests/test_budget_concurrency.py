"""Two officers approve at the same moment against a line that can pay only one of them.

Runs on whichever database the suite uses: PostgreSQL (row locks with SELECT ... FOR
UPDATE) or SQLite (writes serialised). Each thread uses its own database connection.
"""

from __future__ import annotations

import threading
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection, connections

from eslabon.programmes import services
from eslabon.programmes.models import Approval, CompanyPlan
from eslabon.programmes.tests.factories import BudgetLineFactory, ServiceFactory


@pytest.mark.django_db(transaction=True)
def test_concurrent_approvals_never_overdraw_a_budget_line(cast: Any) -> None:
    line = BudgetLineFactory(allocated=Decimal("60000.00"))  # one subsidy of 40,500 fits
    service = ServiceFactory(programme=line.programme, budget_line=line)
    items = [
        services.add_plan_item(
            CompanyPlan.objects.create(programme=line.programme, organization=org), service, None
        )
        for org in (cast.supplier_org, cast.other_supplier_org)
    ]
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def approve(item_pk: int) -> None:
        try:
            barrier.wait()
            services.approve_plan_item(item_pk, cast.operator)
            outcomes.append("approved")
        except services.ProgrammeError:
            outcomes.append("refused")
        except Exception as error:
            outcomes.append(f"error: {error!r}")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=approve, args=(item.pk,)) for item in items]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    line.refresh_from_db()
    assert sorted(outcomes) == ["approved", "refused"], (connection.vendor, outcomes)
    assert line.committed == Decimal("40500.00")
    assert Approval.objects.count() == 1
