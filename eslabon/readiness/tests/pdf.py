"""Count the pages of a PDF without a PDF library: WeasyPrint puts the page objects in
compressed object streams, so inflate every FlateDecode stream and count /Type /Page."""

from __future__ import annotations

import re
import zlib

_STREAM = re.compile(rb"stream\r?\n(.*?)\r?\nendstream", re.DOTALL)
_PAGE = re.compile(rb"/Type\s*/Page(?![s\w])")


def page_count(content: bytes) -> int:
    assert content.startswith(b"%PDF-"), content[:16]
    chunks = [content]
    for match in _STREAM.finditer(content):
        try:
            chunks.append(zlib.decompress(match.group(1)))
        except zlib.error:
            continue
    return sum(len(_PAGE.findall(chunk)) for chunk in chunks)
