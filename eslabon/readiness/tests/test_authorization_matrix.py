"""Authorization matrix of every readiness view: role × owner × consent × action.

The records belong to the supplier under test: a draft, a submitted self-assessment kept
private and one shared with programme operators, decent-work figures private and shared.
A new view without a row here fails `test_every_readiness_url_is_in_the_matrix`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.urls import get_resolver, reverse

from eslabon.readiness import services
from eslabon.readiness.models import EvidenceFile
from eslabon.readiness.tests.factories import answered, decent_work

ROLES = ("anonymous", "stranger", "pending", "supplier", "other_supplier", "buyer", "operator")
OK, LOGIN, FORBIDDEN, MISSING, REDIRECT = "ok", "login", "forbidden", "missing", "redirect"


def _everyone(outcome: str, **overrides: str) -> dict[str, str]:
    return {role: overrides.get(role, outcome) for role in ROLES}


# The company's own members only; nobody else even learns the record exists.
OWNER_ONLY = _everyone(MISSING, anonymous=LOGIN, supplier=OK)
OWNER_WRITES = _everyone(MISSING, anonymous=LOGIN, supplier=REDIRECT)
# Shared with operators: the company and programme officers.
SHARED = _everyone(MISSING, anonymous=LOGIN, supplier=OK, operator=OK)
SHARED_WRITES = _everyone(MISSING, anonymous=LOGIN, supplier=REDIRECT, operator=REDIRECT)
# A company's own organisation page: members act, others see it but may not act.
START = _everyone(FORBIDDEN, anonymous=LOGIN, stranger=MISSING, pending=MISSING, supplier=OK)
REPORT = _everyone(OK, anonymous=LOGIN, stranger=FORBIDDEN, pending=FORBIDDEN)


@dataclass(frozen=True)
class Row:
    name: str
    url: Callable[[Any], str]
    method: str
    expected: dict[str, str]
    data: dict[str, Any] | None = None


@dataclass
class Records:
    draft: Any
    private: Any
    shared: Any
    dw_private: Any
    dw_shared: Any
    evidence_private: Any
    evidence_shared: Any
    org: Any


def _u(name: str, *attrs: str) -> Callable[[Any], str]:
    def build(records: Records) -> str:
        args = []
        for attr in attrs:
            if attr.startswith("="):
                args.append(attr[1:])
                continue
            value: Any = records
            for part in attr.split("."):
                value = getattr(value, part)
            args.append(value)
        return reverse(name, args=args)

    return build


MATRIX = [
    Row("list", _u("readiness:assessments"), "get", _everyone(OK, anonymous=LOGIN)),
    Row("start form", _u("readiness:assessment_start", "org.pk"), "get", START),
    Row("start", _u("readiness:assessment_start", "org.pk"), "post",
        {**START, "supplier": REDIRECT}),
    Row("answer form of a draft", _u("readiness:assessment_form", "draft.pk"), "get", OWNER_ONLY),
    Row("answer form of a shared submitted one", _u("readiness:assessment_form", "shared.pk"),
        "get", _everyone(MISSING, anonymous=LOGIN, supplier=REDIRECT, operator=REDIRECT)),
    Row("save a group", _u("readiness:save_group", "draft.pk", "=qms-4"), "post", OWNER_WRITES,
        {"q-qms-4.1-score": "8"}),
    Row("save a group of a submitted one", _u("readiness:save_group", "shared.pk", "=qms-4"),
        "post", _everyone(MISSING, anonymous=LOGIN, supplier=FORBIDDEN, operator=FORBIDDEN),
        {"q-qms-4.1-score": "8"}),
    Row("submit", _u("readiness:submit", "draft.pk"), "post", OWNER_WRITES),
    Row("consent", _u("readiness:consent", "private.pk"), "post", OWNER_WRITES,
        {"share_with_operators": "on"}),
    Row("withdraw consent", _u("readiness:consent", "shared.pk"), "post",
        {**SHARED_WRITES, "operator": FORBIDDEN}),
    Row("private result", _u("readiness:result", "private.pk"), "get", OWNER_ONLY),
    Row("shared result", _u("readiness:result", "shared.pk"), "get", SHARED),
    Row("private export", _u("readiness:result_export", "private.pk", "=xlsx"), "get",
        OWNER_ONLY),
    Row("shared export", _u("readiness:result_export", "shared.pk", "=xlsx"), "get", SHARED),
    Row("comment on a private one", _u("readiness:comment", "private.pk"), "post", OWNER_WRITES,
        {"text": "Revisar MSA"}),
    Row("comment on a shared one", _u("readiness:comment", "shared.pk"), "post", SHARED_WRITES,
        {"text": "Revisar MSA"}),
    Row("mark reviewed", _u("readiness:mark_reviewed", "shared.pk"), "post",
        {**SHARED_WRITES, "supplier": FORBIDDEN}),
    Row("mark a private one reviewed", _u("readiness:mark_reviewed", "private.pk"), "post",
        {**OWNER_WRITES, "supplier": FORBIDDEN}),
    Row("private evidence", _u("readiness:evidence_file", "evidence_private.pk"), "get",
        OWNER_ONLY),
    Row("shared evidence", _u("readiness:evidence_file", "evidence_shared.pk"), "get", SHARED),
    Row("decent-work form", _u("readiness:decent_work_new", "org.pk"), "get", START),
    Row("decent-work edit", _u("readiness:decent_work_edit", "org.pk", "dw_private.year"), "get",
        START),
    Row("private decent work", _u("readiness:decent_work_detail", "dw_private.pk"), "get",
        OWNER_ONLY),
    Row("shared decent work", _u("readiness:decent_work_detail", "dw_shared.pk"), "get", SHARED),
    Row("programme report", _u("readiness:programme_report"), "get", REPORT),
    Row("programme export", _u("readiness:programme_export", "=xlsx"), "get", REPORT),
]  # fmt: skip


@pytest.fixture
def records(cast: Any, settings: Any, tmp_path: Any) -> Records:
    settings.MEDIA_ROOT = tmp_path
    private = answered(cast.supplier_org, score=6)
    shared = answered(cast.supplier_org, score=8, share=True)
    draft = services.start_assessment(organization=cast.supplier_org, user=cast.supplier)
    services.set_consent(record=draft, share=False)
    evidence = []
    for assessment in (private, shared):
        record = EvidenceFile(
            answer=assessment.answers.first(), name="plan.pdf",
            content_type="application/pdf", size=12,
        )  # fmt: skip
        record.file.save("plan.pdf", ContentFile(b"%PDF-1.7 plan"), save=False)
        record.save()
        evidence.append(record)
    return Records(
        draft=draft,
        private=private,
        shared=shared,
        dw_private=decent_work(cast.supplier_org, year=2024),
        dw_shared=decent_work(cast.supplier_org, year=2025, share=True),
        evidence_private=evidence[0],
        evidence_shared=evidence[1],
        org=cast.supplier_org,
    )


def _user_for(cast: Any, stranger: Any, role: str) -> Any:
    if role == "anonymous":
        return None
    if role == "stranger":
        return stranger
    return getattr(cast, "pending_supplier" if role == "pending" else role)


def _outcome(response: Any) -> str:
    if response.status_code in (200, 201):
        return OK
    if response.status_code == 302:
        return LOGIN if "/accounts/login/" in response["Location"] else REDIRECT
    return {403: FORBIDDEN, 404: MISSING}.get(response.status_code, str(response.status_code))


@pytest.mark.django_db
@pytest.mark.parametrize("row", MATRIX, ids=[row.name for row in MATRIX])
def test_each_role_gets_exactly_the_access_the_matrix_grants(
    client: Any, cast: Any, stranger: Any, records: Records, row: Row
) -> None:
    url = row.url(records)
    outcomes = {}
    # Successful writes last, so that every refused role meets the record unchanged.
    for role in sorted(ROLES, key=lambda role: row.expected[role] == REDIRECT):
        client.logout()
        user = _user_for(cast, stranger, role)
        if user is not None:
            client.force_login(user)
        response = client.post(url, row.data or {}) if row.method == "post" else client.get(url)
        outcomes[role] = _outcome(response)
    assert outcomes == row.expected


def test_every_readiness_url_is_in_the_matrix() -> None:
    covered = {
        "assessments", "assessment_start", "assessment_form", "save_group", "submit", "consent",
        "result", "result_export", "comment", "mark_reviewed", "evidence_file",
        "decent_work_new", "decent_work_edit", "decent_work_detail", "programme_report",
        "programme_export",
    }  # fmt: skip
    resolver = get_resolver().namespace_dict["readiness"][1]
    names = {name for name in resolver.reverse_dict if isinstance(name, str)}
    assert names == covered, names ^ covered
