"""Text encodings of DENUE files: detection, line decoding and mojibake repair.

INEGI publishes Windows-1252 (Latin-1) files; UTF-8 re-saves circulate, sometimes with lines
of the other encoding or double-encoded accents ("LEÃ“N"), so the reader decodes line by line.
"""

from __future__ import annotations

import codecs
import contextlib
import io
import re
import threading
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
_FOREIGN_COUNT = threading.Lock()


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


class NeedsDecoding(Exception):
    """A block that cannot be passed on in the file's own encoding: a cp1252 byte without a
    character, or a repaired accent that cp1252 cannot hold. The caller decodes instead."""


_UNDEFINED_CP1252 = (b"\x81", b"\x8d", b"\x8f", b"\x90", b"\x9d")
_MOJIBAKE_LEADS = {UTF8: (b"\xc3\x82", b"\xc3\x83"), CP1252: (b"\xc2", b"\xc3")}


def raw_blocks(
    raw: BinaryIO, encoding: str, stats: DecodeStats, size: int = 1 << 20
) -> Iterator[bytes]:
    """The file's bytes in blocks of about ``size`` that end at a line break, still in its
    own encoding, with the repairs of ``decode_lines`` applied and counted: double-encoded
    accents repaired; in a UTF-8 file, bytes that are not UTF-8 read as cp1252 (the block is
    then re-encoded as UTF-8). Raises ``NeedsDecoding`` where a cp1252 block cannot be
    passed on as cp1252. A UTF-8 byte-order mark is dropped."""
    carry = b""
    first = True
    while True:
        block = raw.read(size)
        data = carry + block
        if first and data.startswith(b"\xef\xbb\xbf"):
            data = data[3:]
        first = False
        end = max(data.rfind(b"\n"), data.rfind(b"\r")) + 1 if block else len(data)
        chunk, carry = (data[:end], data[end:]) if end else (data, b"")
        if chunk:
            yield _repaired_block(chunk, encoding, stats)
        if not block:
            return


def _repaired_block(chunk: bytes, encoding: str, stats: DecodeStats) -> bytes:
    if encoding == UTF8:
        try:
            chunk.decode(UTF8)
        except UnicodeDecodeError:
            with _FOREIGN_COUNT:  # parts of one file are decoded in parallel threads
                before = _foreign[0]
                chunk = chunk.decode(UTF8, errors=_FALLBACK).encode(UTF8)
                stats.foreign_sequences += _foreign[0] - before
    elif any(byte in chunk for byte in _UNDEFINED_CP1252):
        raise NeedsDecoding("a byte without a cp1252 character")
    positions = sorted(
        position for lead in _MOJIBAKE_LEADS[encoding] for position in _find_all(chunk, lead)
    )
    if not positions:
        return chunk
    pieces, done, lines = [], 0, set()
    for position in positions:
        if position < done:
            continue
        window = chunk[position : position + 8].decode(encoding, errors="ignore")
        found = _MOJIBAKE.match(window)
        if found is None:
            continue
        pair = found.group(0)
        try:
            fixed = _repair_pair(found).encode(encoding)
        except UnicodeEncodeError:
            raise NeedsDecoding("a repaired accent outside cp1252") from None
        pieces += [chunk[done:position], fixed]
        done = position + len(pair.encode(encoding))
        lines.add(max(chunk.rfind(b"\n", 0, position), chunk.rfind(b"\r", 0, position)))
    stats.repaired_lines += len(lines)
    return b"".join([*pieces, chunk[done:]])


def _find_all(data: bytes, needle: bytes) -> Iterator[int]:
    position = data.find(needle)
    while position >= 0:
        yield position
        position = data.find(needle, position + 1)
