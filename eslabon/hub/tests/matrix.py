"""The authorization-matrix machinery shared by the page and API matrices of the hub.

A ``World`` holds the records each row acts on; ``run_matrix`` lets every role try every
row from the same starting point and reports the cells that differ from the expectation.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.urls import reverse

from eslabon.hub import quoting, services
from eslabon.hub.tests.conftest import PDF, awarded_with_ppap, terms
from eslabon.hub.tests.factories import RequirementFactory, RequirementLineFactory

ROLES = (
    "anonymous", "stranger", "pending", "supplier", "other_supplier", "buyer", "buyer_member",
    "other_buyer", "operator",
)  # fmt: skip
OK, LOGIN, FORBIDDEN, MISSING, REDIRECT = "ok", "login", "forbidden", "missing", "redirect"
INVALID = "invalid"  # allowed to try, refused by a rule (API: 400)


@dataclass(frozen=True)
class Row:
    name: str
    url: Callable[[Any], str]
    method: str
    expected: dict[str, str]
    data: Callable[[Any], dict[str, Any]] | None = None
    json: bool = False


def everyone(outcome: str, **overrides: str) -> dict[str, str]:
    return {role: overrides.get(role, outcome) for role in ROLES}


def url(name: str, *attrs: str) -> Callable[[Any], str]:
    def build(world: Any) -> str:
        args = []
        for attr in attrs:
            value = world
            for part in attr.split("."):
                value = getattr(value, part)
            args.append(value)
        return reverse(name, args=args)

    return build


@dataclass
class World:
    cast: Any
    rfq: Any
    draft: Any
    draft_line: Any
    question: Any
    quote_file: Any
    nda_requirement: Any
    nda_drawing: Any
    awarded: Any
    award: Any
    submission: Any
    ppap_document: Any


def build_world(cast: Any, rfq: Any) -> World:
    draft = RequirementFactory(buyer=cast.buyer_org)
    draft_line = RequirementLineFactory(requirement=draft)
    question = services.ask_question(
        requirement=rfq.requirement, supplier=cast.supplier_org, text="¿Material?",
        actor=cast.supplier,
    )  # fmt: skip
    quote = quoting.save_quote(
        requirement=rfq.requirement, supplier=cast.supplier_org, site=cast.site,
        valid_until=rfq.requirement.sop_date, lines=[terms(rfq.line, "10")], submit=False,
        actor=cast.supplier,
    )  # fmt: skip
    quote_file = quoting.attach_to_quote(
        quote=quote, upload=SimpleUploadedFile("oferta.pdf", PDF), actor=cast.supplier
    )
    nda_requirement = RequirementFactory(
        buyer=cast.buyer_org, delivery_site=rfq.requirement.delivery_site
    )
    nda_line = RequirementLineFactory(requirement=nda_requirement)
    nda_drawing = services.attach_to_line(
        line=nda_line, upload=SimpleUploadedFile("x.pdf", PDF), actor=cast.buyer
    )
    for supplier in (cast.supplier_org, cast.other_supplier_org):
        services.invite(requirement=nda_requirement, supplier=supplier, actor=cast.buyer)
    nda_requirement = services.publish(requirement=nda_requirement, actor=cast.buyer)
    services.accept_nda(
        requirement=nda_requirement, supplier=cast.supplier_org, actor=cast.supplier
    )
    awarded, award, submission = awarded_with_ppap(cast, rfq)
    return World(
        cast, rfq, draft, draft_line, question, quote_file, nda_requirement, nda_drawing,
        awarded, award, submission, submission.documents.first(),
    )  # fmt: skip


def user_for(world: World, stranger: Any, role: str) -> Any:
    cast = world.cast
    return {
        "anonymous": None,
        "stranger": stranger,
        "pending": cast.pending_supplier,
        "supplier": cast.supplier,
        "other_supplier": cast.other_supplier,
        "buyer": cast.buyer,
        "buyer_member": world.rfq.buyer_member,
        "other_buyer": world.rfq.other_buyer,
        "operator": cast.operator,
    }[role]


def outcome(response: Any) -> str:
    if response.status_code in (200, 201, 204):
        return OK
    if response.status_code == 302:
        return LOGIN if "/accounts/login/" in response["Location"] else REDIRECT
    return {400: INVALID, 403: FORBIDDEN, 404: MISSING}.get(
        response.status_code, str(response.status_code)
    )


def run_matrix(world: World, stranger: Any, rows: list[Row]) -> list[str]:
    """Every role tries every row from the same starting point: each try is rolled back.

    One scene serves a whole matrix (building it per cell would cost most of the suite's
    time budget); the result lists every cell that differs from the expectation.
    """
    clients = {}
    for role in ROLES:
        clients[role] = Client()
        user = user_for(world, stranger, role)
        if user is not None:
            clients[role].force_login(user)
    mismatches = []
    for row in rows:
        for role in ROLES:
            with transaction.atomic():
                client = clients[role]
                target = row.url(world)
                data = row.data(world) if row.data else {}
                if row.method == "get":
                    response = client.get(target)
                elif row.json:
                    response = getattr(client, row.method)(
                        target, data, content_type="application/json"
                    )
                else:
                    response = getattr(client, row.method)(target, data)
                got = outcome(response)
                transaction.set_rollback(True)
            if got != row.expected[role]:
                mismatches.append(f"{row.name} as {role}: {got}, expected {row.expected[role]}")
    return mismatches
