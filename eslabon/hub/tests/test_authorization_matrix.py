"""Authorization matrix of every hub page: role × owner × action.

The scene: the buyer's published RFQ (both cast suppliers invited), a draft of the same
buyer, another buyer's RFQ, and the supplier's draft quote with a file. A hub URL without
a row here fails ``test_every_hub_url_is_in_the_matrix``.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import get_resolver

from eslabon.hub.tests.conftest import PDF
from eslabon.hub.tests.matrix import (
    FORBIDDEN,
    LOGIN,
    MISSING,
    OK,
    REDIRECT,
    Row,
    everyone,
    run_matrix,
    url,
)  # fmt: skip

# Outcomes shared by many rows.
OUTSIDERS = {"anonymous": LOGIN, "stranger": MISSING, "pending": MISSING, "other_buyer": MISSING}
BUYER_PAGE = everyone(FORBIDDEN, **OUTSIDERS, buyer=OK, buyer_member=OK)
BUYER_POST = everyone(FORBIDDEN, **OUTSIDERS, buyer=REDIRECT, buyer_member=REDIRECT)
SUPPLIER_POST = everyone(FORBIDDEN, **OUTSIDERS, supplier=REDIRECT, other_supplier=REDIRECT)
DRAFT_PAGE = everyone(MISSING, anonymous=LOGIN, buyer=OK, buyer_member=OK)
DRAFT_POST = everyone(MISSING, anonymous=LOGIN, buyer=REDIRECT, buyer_member=REDIRECT)

MATRIX = [
    Row("list", url("hub:requirement_list"), "get", everyone(OK, anonymous=LOGIN)),
    Row("notifications", url("hub:notifications"), "get", everyone(OK, anonymous=LOGIN)),
    Row(
        "new requirement form",
        url("hub:requirement_create"),
        "get",
        everyone(FORBIDDEN, anonymous=LOGIN, buyer=OK, buyer_member=OK, other_buyer=OK),
    ),
    Row(
        "published requirement",
        url("hub:requirement_detail", "rfq.requirement.pk"),
        "get",
        everyone(OK, **OUTSIDERS),
    ),
    Row("draft requirement", url("hub:requirement_detail", "draft.pk"), "get", DRAFT_PAGE),
    Row("edit draft", url("hub:requirement_edit", "draft.pk"), "get", DRAFT_PAGE),
    Row(
        "edit a published requirement",
        url("hub:requirement_edit", "rfq.requirement.pk"),
        "get",
        BUYER_POST,  # the buyer is sent back: only drafts change
    ),
    Row("new line form", url("hub:line_create", "draft.pk"), "get", DRAFT_PAGE),
    Row("line import form", url("hub:line_import", "draft.pk"), "get", DRAFT_PAGE),
    Row("edit line form", url("hub:line_edit", "draft.pk", "draft_line.pk"), "get", DRAFT_PAGE),
    Row(
        "delete line",
        url("hub:line_delete", "draft.pk", "draft_line.pk"),
        "post",
        DRAFT_POST,
    ),
    Row(
        "attach a drawing",
        url("hub:attachment_upload", "draft.pk", "draft_line.pk"),
        "post",
        DRAFT_POST,
        data=lambda world: {"file": SimpleUploadedFile("d.pdf", PDF), "kind": "drawing"},
    ),
    Row("publish", url("hub:requirement_publish", "draft.pk"), "post", DRAFT_POST),
    Row(
        "cancel",
        url("hub:requirement_cancel", "rfq.requirement.pk"),
        "post",
        BUYER_POST,
        data=lambda world: {"reason": "Proyecto pospuesto"},
    ),
    Row(
        "drawing without the NDA",
        url("hub:attachment", "rfq.requirement.pk", "rfq.drawing.pk"),
        "get",
        everyone(FORBIDDEN, **OUTSIDERS, buyer=OK, buyer_member=OK),
    ),
    Row(
        "drawing after the supplier accepted the NDA",
        url("hub:attachment", "nda_requirement.pk", "nda_drawing.pk"),
        "get",
        everyone(FORBIDDEN, **OUTSIDERS, buyer=OK, buyer_member=OK, supplier=OK),
    ),
    Row(
        "invite",
        url("hub:invite", "rfq.requirement.pk"),
        "post",
        BUYER_POST,
        data=lambda world: {"supplier": world.cast.pending_org.pk},
    ),
    Row(
        "answer an invitation",
        url("hub:invitation_answer", "rfq.requirement.pk"),
        "post",
        SUPPLIER_POST,
        data=lambda world: {"decision": "intend"},
    ),
    Row(
        "NDA page",
        url("hub:nda", "rfq.requirement.pk"),
        "get",
        everyone(FORBIDDEN, **OUTSIDERS, supplier=OK, other_supplier=OK),
    ),
    Row(
        "ask a question",
        url("hub:question_ask", "rfq.requirement.pk"),
        "post",
        SUPPLIER_POST,
        data=lambda world: {"text": "¿Tolerancia?"},
    ),
    Row(
        "answer a question",
        url("hub:question_answer", "rfq.requirement.pk", "question.pk"),
        "post",
        BUYER_POST,
        data=lambda world: {"scope": "private", "text": "±0.1"},
    ),
    Row(
        "quote page",
        url("hub:quote_edit", "rfq.requirement.pk"),
        "get",
        everyone(FORBIDDEN, **OUTSIDERS, supplier=OK, other_supplier=OK),
    ),
    Row(
        "attach a file to the quote",
        url("hub:quote_upload", "rfq.requirement.pk"),
        "post",
        SUPPLIER_POST,
        data=lambda world: {"file": SimpleUploadedFile("q.pdf", PDF), "kind": "specification"},
    ),
    Row(
        "the supplier's quote file before the due time",
        url("hub:quote_attachment", "rfq.requirement.pk", "quote_file.pk"),
        "get",
        everyone(MISSING, anonymous=LOGIN, supplier=OK),
    ),
    Row("comparison", url("hub:comparison", "rfq.requirement.pk"), "get", BUYER_PAGE),
    Row(
        "comparison export",
        url("hub:comparison_export", "rfq.requirement.pk"),
        "get",
        BUYER_PAGE,
    ),
    Row(
        "start evaluation",
        url("hub:requirement_evaluate", "rfq.requirement.pk"),
        "post",
        BUYER_POST,
    ),
    Row("award", url("hub:award", "rfq.requirement.pk"), "post", BUYER_POST),
    Row(
        "audit trail",
        url("hub:audit", "rfq.requirement.pk"),
        "get",
        everyone(FORBIDDEN, **OUTSIDERS, buyer=OK, operator=OK),
    ),
    Row(
        "PPAP stage of the supplier's award",
        url("hub:ppap", "awarded.pk", "award.pk"),
        "get",
        everyone(OK, **OUTSIDERS, other_supplier=MISSING),
    ),
    Row(
        "PPAP disposition",
        url("hub:ppap_decide", "awarded.pk", "award.pk", "submission.pk"),
        "post",
        everyone(
            FORBIDDEN, **OUTSIDERS, other_supplier=MISSING, buyer=REDIRECT, buyer_member=REDIRECT
        ),
        data=lambda world: {"disposition": "approved"},
    ),
    Row(
        "PPAP warrant file",
        url("hub:ppap_file", "awarded.pk", "submission.pk"),
        "get",
        everyone(OK, **OUTSIDERS, other_supplier=MISSING),
    ),
    Row(
        "PPAP element file",
        url("hub:ppap_document", "awarded.pk", "submission.pk", "ppap_document.pk"),
        "get",
        everyone(OK, **OUTSIDERS, other_supplier=MISSING),
    ),
]


@pytest.mark.django_db
def test_each_role_gets_exactly_the_access_the_matrix_grants(world: Any, stranger: Any) -> None:
    mismatches = run_matrix(world, stranger, MATRIX)
    assert not mismatches, "\n".join(mismatches)


def test_every_hub_url_is_in_the_matrix() -> None:
    covered = {
        "requirement_list", "notifications", "requirement_create", "requirement_detail",
        "requirement_edit", "line_create", "line_import", "line_edit", "line_delete",
        "attachment_upload",
        "requirement_publish", "requirement_cancel", "attachment", "invite",
        "invitation_answer", "nda", "question_ask", "question_answer", "quote_edit",
        "quote_upload", "quote_attachment", "comparison", "comparison_export",
        "requirement_evaluate", "award", "audit", "ppap", "ppap_decide", "ppap_file",
        "ppap_document",
    }  # fmt: skip
    names = {
        name
        for name in get_resolver().namespace_dict["hub"][1].reverse_dict
        if isinstance(name, str)
    }
    assert names <= covered, names - covered
