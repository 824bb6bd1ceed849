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


def clean_certificate_field(upload: Any) -> Any:
    """A form's clean_<file field>: a new upload must pass ``check_certificate_upload``."""
    from django import forms
    from django.conf import settings

    if upload and hasattr(upload, "content_type"):
        try:
            check_certificate_upload(upload, max_bytes=settings.ESLABON_MAX_UPLOAD_BYTES)
        except UploadRejected as error:
            raise forms.ValidationError(str(error)) from None
    return upload


def serve_stored_file(stored: Any) -> Any:
    """A download of a stored upload (the caller has checked who may read it): the content
    type sniffed from the file itself, never guessed by the browser."""
    from django.http import FileResponse, Http404

    if not stored:
        raise Http404
    handle = stored.open("rb")
    content_type = sniff_content_type(handle.read(16)) or "application/octet-stream"
    handle.seek(0)
    name = stored.name.rsplit("/", 1)[-1]
    response = FileResponse(handle, as_attachment=True, filename=name, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    return response
