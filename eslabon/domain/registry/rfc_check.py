"""The check character of an RFC, by the algorithm SAT uses to issue it.

The registry never rejects an RFC on it (see rfc.py: SAT publishes no normative text); the
demo data use it the other way round, to make RFCs that cannot be any real company's.
"""

from __future__ import annotations

# SAT's value table for the check character: digits, A-N, &, O-Z, space, Ñ.
_VALUES = {c: i for i, c in enumerate("0123456789ABCDEFGHIJKLMN&OPQRSTUVWXYZ Ñ")}


def rfc_check_character(base: str) -> str:
    """The check character for an RFC without its last character (11 or 12 characters).

    Companies' 11-character bases are padded with a leading space to 12; the weighted sum
    (weights 13 down to 2) modulo 11 gives the character: 0 for 11, A for 10.
    """
    padded = base.upper().rjust(12)
    if len(padded) != 12 or any(c not in _VALUES for c in padded):
        raise ValueError(f"not an RFC base: {base!r}")
    total = sum(_VALUES[c] * (13 - i) for i, c in enumerate(padded))
    digit = 11 - total % 11
    return "0" if digit == 11 else "A" if digit == 10 else str(digit)
