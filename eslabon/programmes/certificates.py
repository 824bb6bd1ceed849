"""Certificates of completion: the verification code a third party checks, and the PDF.

The code is random (16 symbols from a 30-letter alphabet without look-alikes such as 0/O and
1/I/L: about 78 bits), so the public verification page cannot be walked to list who was
trained. The page answers only whether a code is valid, for whom and for which course.
"""

from __future__ import annotations

import secrets
from typing import Any

from django.urls import reverse

from eslabon.pdf import render_pdf

ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L
GROUPS, GROUP_LENGTH = 4, 4


def new_verification_code() -> str:
    symbols = "".join(secrets.choice(ALPHABET) for _ in range(GROUPS * GROUP_LENGTH))
    return "-".join(
        symbols[start : start + GROUP_LENGTH] for start in range(0, len(symbols), GROUP_LENGTH)
    )


def normalise_code(typed: str) -> str | None:
    """The code as stored, from what a person typed (any case, spaces or dashes), or None."""
    symbols = "".join(ch for ch in typed.upper() if ch.isalnum())
    if len(symbols) != GROUPS * GROUP_LENGTH or any(ch not in ALPHABET for ch in symbols):
        return None
    return "-".join(
        symbols[start : start + GROUP_LENGTH] for start in range(0, len(symbols), GROUP_LENGTH)
    )


def verification_url(request: Any, code: str) -> str:
    return str(request.build_absolute_uri(reverse("programmes:certificate_verify", args=[code])))


def certificate_pdf(enrolment: Any, request: Any) -> bytes:
    """The bilingual (Spanish and English) certificate of an enrolment that was completed."""
    course = enrolment.course
    programme = course.service.programme if course.service_id else None
    context = {
        "enrolment": enrolment,
        "course": course,
        "programme": programme,
        "issuer": programme.operator.legal_name if programme else course.provider,
        "verify_url": verification_url(request, enrolment.verification_code),
        "verify_page": request.build_absolute_uri(reverse("programmes:certificate_lookup")),
    }
    return render_pdf("programmes/certificate_pdf.html", context)
