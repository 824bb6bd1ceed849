"""Text encodings of DENUE files: detection, line decoding and mojibake repair.

INEGI publishes Windows-1252 (Latin-1) files; UTF-8 re-saves circulate, sometimes with lines
of the other encoding or double-encoded accents ("LEÃ“N"), so the reader decodes line by line.
"""

from __future__ import annotations

import codecs
import contextlib
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

UTF8 = "utf-8"
CP1252 = "cp1252"

# Bytes 0x80-0x9F as Windows-1252 reads them; the five bytes cp1252 leaves undefined keep their
# Latin-1 (C1 control) meaning so that decoding never fails and the byte survives a round trip.
_CP1252_HIGH = {
    byte: bytes([byte]).decode(CP1252, errors="ignore") or chr(byte) for byte in range(0x80, 0xA0)
}
_LATIN1_TO_CP1252 = str.maketrans({chr(byte): char for byte, char in _CP1252_HIGH.items()})
_CHAR_TO_BYTE = {char: byte for byte, char in _CP1252_HIGH.items()} | {
    chr(byte): byte for byte in range(0xA0, 0x100)
}
# A UTF-8 two-byte sequence for U+0080..U+00FF read as cp1252: lead byte 0xC2/0xC3 ("Â"/"Ã")
# followed by a continuation byte 0x80-0xBF.
_CONTINUATION = "".join(re.escape(char) for char, byte in _CHAR_TO_BYTE.items() if byte < 0xC0)
_MOJIBAKE = re.compile(f"[ÂÃ][{_CONTINUATION}]")


def decode_cp1252(raw: bytes) -> str:
    """Decode Windows-1252 without ever failing (undefined bytes become C1 controls)."""
    return raw.decode("latin-1").translate(_LATIN1_TO_CP1252)


def detect_encoding(sample: bytes) -> str:
    """Return "utf-8" when the sample is valid UTF-8 with some non-ASCII text, else "cp1252".

    Windows-1252 text with accented letters is almost never valid UTF-8 (an accented letter
    would have to be followed by one of 64 specific symbols), so strict UTF-8 validity of a
    sample with accents is a sound test; a pure-ASCII sample says nothing and gets INEGI's own
    encoding (a UTF-8 line met later is then repaired as mojibake by ``decode_lines``).
    """
    if sample.startswith(b"\xef\xbb\xbf"):
        return UTF8
    if sample.isascii():
        return CP1252
    try:
        sample.decode(UTF8)
    except UnicodeDecodeError as error:
        # A sample cut inside a multi-byte character fails only in its last three bytes.
        truncated = error.reason == "unexpected end of data" and error.start >= len(sample) - 3
        return UTF8 if truncated else CP1252
    return UTF8


def repair_mojibake(text: str) -> str:
    """Undo UTF-8 text that was decoded as cp1252 ("LEÃ“N" becomes "LEÓN")."""
    return _MOJIBAKE.sub(_repair_pair, text)


def _repair_pair(found: re.Match[str]) -> str:
    pair = found.group(0)
    return bytes(_CHAR_TO_BYTE[char] for char in pair).decode(UTF8, errors="strict")


@dataclass(slots=True)
class DecodeStats:
    """What decoding had to fix, for the import report."""

    foreign_sequences: int = 0
    repaired_lines: int = 0


_FALLBACK = "eslabon-denue-cp1252"
_foreign = [0]  # byte sequences the fallback decoded, process-wide; readers take differences


def _cp1252_fallback(error: UnicodeError) -> tuple[str, int]:
    """Decode bytes the file's codec refused as Windows-1252 (C1 controls where undefined)."""
    if not isinstance(error, UnicodeDecodeError):
        raise error
    _foreign[0] += 1
    return decode_cp1252(error.object[error.start : error.end]), error.end


codecs.register_error(_FALLBACK, _cp1252_fallback)


def decode_lines(raw: BinaryIO, encoding: str, stats: DecodeStats) -> Iterator[str]:
    """Decode a binary file line by line (in bulk, by the codec's C implementation).

    Bytes the detected encoding refuses (a cp1252 "Ñ" in a UTF-8 file, or one of the five
    bytes cp1252 leaves undefined) are read as cp1252 and counted; double-encoded accents are
    repaired and the lines counted. The fallback count is process-wide, so two imports
    decoding at once in threads of one process would share it (the counts, not the text).
    """
    before = _foreign[0]
    codec = "utf-8-sig" if encoding == UTF8 else encoding  # drops a byte-order mark
    text = io.TextIOWrapper(raw, encoding=codec, errors=_FALLBACK, newline="")
    try:
        for line in text:
            if "Ã" in line or "Â" in line:
                repaired = repair_mojibake(line)
                if repaired != line:
                    stats.repaired_lines += 1
                    line = repaired
            yield line
    finally:
        with contextlib.suppress(ValueError):  # the caller may have closed the file already
            text.detach()
        stats.foreign_sequences = _foreign[0] - before
