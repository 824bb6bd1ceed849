"""Checks on uploaded files: size and real content type, sniffed from the first bytes.

The browser's declared content type is not trusted; the file's signature decides.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

# Magic numbers of the formats a certificate may come in.
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
)


class UploadRejected(ValueError):
    """The file is too large or not of an accepted type."""


def sniff_content_type(head: bytes) -> str | None:
    for signature, content_type in _SIGNATURES:
        if head.startswith(signature):
            return content_type
    return None


def check_certificate_upload(upload: Any, *, max_bytes: int) -> str:
    """Return the sniffed content type of an accepted certificate file, or raise."""
    if upload.size > max_bytes:
        raise UploadRejected(
            _("The file is %(size)d MB; the limit is %(limit)d MB.")
            % {"size": upload.size // 1_000_000, "limit": max_bytes // 1_000_000}
        )
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    content_type = sniff_content_type(head)
    if content_type is None:
        raise UploadRejected(_("A certificate must be a PDF, PNG or JPEG file."))
    return content_type
