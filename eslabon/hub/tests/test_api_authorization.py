"""Authorization matrix of the hub API: the same roles and records as the pages' matrix.

Anonymous requests get 403 (session authentication, DRF); "invalid" means the role may try
and a rule refused it (400), which is where the page answers with a redirect and a message.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from eslabon.hub.tests.matrix import (
    FORBIDDEN,
    INVALID,
    MISSING,
    OK,
    Row,
    everyone,
    run_matrix,
)  # fmt: skip

API = "/api/hub"
OUTSIDERS = {"anonymous": FORBIDDEN, "stranger": MISSING, "pending": MISSING,
             "other_buyer": MISSING}  # fmt: skip
SCOPED_LIST = everyone(OK, anonymous=FORBIDDEN)
DRAFT_ONLY_BUYER = everyone(MISSING, anonymous=FORBIDDEN, buyer=OK, buyer_member=OK)


def api(template: str, *attrs: str) -> Callable[[Any], str]:
    def build(world: Any) -> str:
        values = []
        for attr in attrs:
            value = world
            for part in attr.split("."):
                value = getattr(value, part)
            values.append(value)
        return API + template.format(*values)

    return build


def quote_body(world: Any) -> dict[str, Any]:
    rfq, cast = world.rfq, world.cast
    return {
        "requirement": rfq.requirement.pk, "site": cast.site.pk, "valid_until": "2027-12-31",
        "submit": True,
        "lines": [{"line": rfq.line.pk, "tooling_cost": "0", "lead_time_ppap_weeks": 8,
                   "lead_time_sop_weeks": 12, "capacity_committed": 10000,
                   "tiers": [{"min_quantity": 1, "unit_price": "9.99"}]}],
    }  # fmt: skip


MATRIX = [
    Row("requirements", api("/requirements/"), "get", SCOPED_LIST),
    Row(
        "published requirement",
        api("/requirements/{}/", "rfq.requirement.pk"),
        "get",
        everyone(OK, **OUTSIDERS),
    ),
    Row("draft requirement", api("/requirements/{}/", "draft.pk"), "get", DRAFT_ONLY_BUYER),
    Row(
        "change a draft",
        api("/requirements/{}/", "draft.pk"),
        "patch",
        DRAFT_ONLY_BUYER,
        data=lambda world: {"title": "Otro título"},
        json=True,
    ),
    Row(
        "change a published requirement",
        api("/requirements/{}/", "rfq.requirement.pk"),
        "patch",
        everyone(FORBIDDEN, **OUTSIDERS, buyer=INVALID, buyer_member=INVALID),
        data=lambda world: {"title": "Otro título"},
        json=True,
    ),
    Row("publish", api("/requirements/{}/publish/", "draft.pk"), "post", DRAFT_ONLY_BUYER),
    Row(
        "cancel",
        api("/requirements/{}/cancel/", "rfq.requirement.pk"),
        "post",
        everyone(FORBIDDEN, **OUTSIDERS, buyer=OK, buyer_member=OK),
        data=lambda world: {"reason": "Pospuesto"},
        json=True,
    ),
    Row(
        "invite an unpublished supplier",
        api("/requirements/{}/invite/", "rfq.requirement.pk"),
        "post",
        everyone(FORBIDDEN, **OUTSIDERS, buyer=INVALID, buyer_member=INVALID),
        data=lambda world: {"supplier": world.cast.pending_org.pk},
        json=True,
    ),
    Row(
        "answer an invitation",
        api("/requirements/{}/answer-invitation/", "rfq.requirement.pk"),
        "post",
        everyone(FORBIDDEN, **OUTSIDERS, supplier=OK, other_supplier=OK),
        data=lambda world: {"intends_to_quote": True},
        json=True,
    ),
    Row(
        "accept the NDA",
        api("/requirements/{}/accept-nda/", "rfq.requirement.pk"),
        "post",
        everyone(FORBIDDEN, **OUTSIDERS, supplier=OK, other_supplier=OK),
    ),
    Row(
        "comparison",
        api("/requirements/{}/comparison/", "rfq.requirement.pk"),
        "get",
        everyone(FORBIDDEN, **OUTSIDERS, buyer=OK, buyer_member=OK),
    ),
    Row(
        "award before the due time",
        api("/requirements/{}/award/", "rfq.requirement.pk"),
        "post",
        everyone(FORBIDDEN, **OUTSIDERS, buyer=INVALID, buyer_member=INVALID),
        data=lambda world: {"shares": []},
        json=True,
    ),
    Row(
        "start evaluation before the due time",
        api("/requirements/{}/evaluate/", "rfq.requirement.pk"),
        "post",
        everyone(FORBIDDEN, **OUTSIDERS, buyer=INVALID, buyer_member=INVALID),
    ),
    Row("lines", api("/lines/"), "get", SCOPED_LIST),
    Row("published line", api("/lines/{}/", "rfq.line.pk"), "get", everyone(OK, **OUTSIDERS)),
    Row("delete a draft line", api("/lines/{}/", "draft_line.pk"), "delete", DRAFT_ONLY_BUYER),
    Row("quotes", api("/quotes/"), "get", SCOPED_LIST),
    Row(
        "submit a quote made at the supplier's plant",
        api("/quotes/"),
        "post",
        everyone(FORBIDDEN, supplier=OK, other_supplier=INVALID),
        data=quote_body,
        json=True,
    ),
    Row("questions", api("/questions/"), "get", SCOPED_LIST),
    Row(
        "answer the supplier's question",
        api("/questions/{}/answer/", "question.pk"),
        "post",
        everyone(MISSING, anonymous=FORBIDDEN, supplier=FORBIDDEN, buyer=OK, buyer_member=OK),
        data=lambda world: {"scope": "private", "text": "Sí"},
        json=True,
    ),
    Row("awards", api("/awards/"), "get", SCOPED_LIST),
    Row(
        "the supplier's award",
        api("/awards/{}/", "award.pk"),
        "get",
        everyone(OK, **OUTSIDERS, other_supplier=MISSING),
    ),
]


@pytest.mark.django_db
def test_each_role_gets_exactly_the_api_access_the_matrix_grants(world: Any, stranger: Any) -> None:
    mismatches = run_matrix(world, stranger, MATRIX)
    assert not mismatches, "\n".join(mismatches)
