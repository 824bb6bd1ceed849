"""Drawings and specifications: size limit and content type sniffed from the first bytes.

Extends the registry's certificate sniffing with the CAD formats a requirement carries:
STEP (ISO 10303-21 clear text), DXF (ASCII and binary) and TIFF. The declared type and
the file name's extension are not trusted; the signature decides.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from eslabon.registry.uploads import UploadRejected, sniff_content_type

__all__ = ["UploadRejected", "check_drawing_upload", "sniff_drawing_type"]

HEAD_BYTES = 64

# ISO 10303-21:2016 clause 5: an exchange structure starts with "ISO-10303-21;".
_STEP = b"ISO-10303-21;"
# AutoCAD DXF reference: binary DXF starts with this sentinel; ASCII DXF with group code 0
# followed by SECTION (leading spaces and CR/LF variants occur in the wild).
_DXF_BINARY = b"AutoCAD Binary DXF\r\n\x1a\x00"
_TIFF = (b"II*\x00", b"MM\x00*")


def sniff_drawing_type(head: bytes) -> str | None:
    """The content type of a drawing or specification file, or None if not accepted."""
    known = sniff_content_type(head)
    if known is not None:
        return known
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(_STEP):
        return "model/step"
    if head.startswith(_DXF_BINARY):
        return "image/vnd.dxf"
    lines = [line.strip() for line in stripped.splitlines()[:2]]
    if lines == [b"0", b"SECTION"]:
        return "image/vnd.dxf"
    if head.startswith(_TIFF):
        return "image/tiff"
    return None


def check_drawing_upload(upload: Any, *, max_bytes: int) -> str:
    """Return the sniffed content type of an accepted file, or raise UploadRejected."""
    if upload.size > max_bytes:
        raise UploadRejected(
            _("The file is %(size)d MB; the limit is %(limit)d MB.")
            % {"size": upload.size // 1_000_000, "limit": max_bytes // 1_000_000}
        )
    upload.seek(0)
    head = upload.read(HEAD_BYTES)
    upload.seek(0)
    content_type = sniff_drawing_type(head)
    if content_type is None:
        raise UploadRejected(
            _("A drawing or specification must be a PDF, STEP, DXF, PNG, JPEG or TIFF file.")
        )
    return content_type
