"""Text of a PDF, for tests that check what a generated document says."""

from __future__ import annotations

from io import BytesIO

from pypdf import PdfReader


def pdf_text(content: bytes) -> str:
    reader = PdfReader(BytesIO(content))
    return "\n".join(page.extract_text() or "" for page in reader.pages)
