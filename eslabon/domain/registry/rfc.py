"""Format of the RFC (Registro Federal de Contribuyentes), Mexico's taxpayer key.

Companies (personas morales) have 3 letters, individuals 4, then the date of incorporation
or birth (YYMMDD) and a 3-character homoclave (SAT; shared/reference/mexico-data.md). The
check-digit algorithm is not published by SAT as a normative text, so the registry checks
format and date only and never rejects a real RFC on an unconfirmed rule.
"""

from __future__ import annotations

import datetime as dt
import enum
import re

_RFC = re.compile(r"^(?P<letters>[A-ZÑ&]{3,4})(?P<date>\d{6})(?P<homoclave>[A-Z0-9]{3})$")


class RfcKind(enum.StrEnum):
    COMPANY = "company"
    INDIVIDUAL = "individual"


class InvalidRfc(ValueError):
    """The text is not an RFC; the message says which part is wrong."""


def normalise_rfc(text: str) -> str:
    return text.strip().upper().replace(" ", "").replace("-", "")


def validate_rfc(text: str) -> RfcKind:
    """Return whether the RFC belongs to a company or an individual, or raise InvalidRfc."""
    rfc = normalise_rfc(text)
    match = _RFC.match(rfc)
    if match is None:
        raise InvalidRfc(
            "an RFC is 3 letters (companies) or 4 (individuals), 6 digits of date "
            "and a 3-character homoclave"
        )
    digits = match["date"]
    year, month, day = int(digits[:2]), int(digits[2:4]), int(digits[4:])
    # The century is not part of the key; 2000 is a leap year so 29 Feb is accepted for "00".
    try:
        dt.date(2000 + year, month, day)
    except ValueError:
        try:
            dt.date(1900 + year, month, day)
        except ValueError as error:
            raise InvalidRfc(f"the date part {digits} is not a calendar date") from error
    return RfcKind.COMPANY if len(match["letters"]) == 3 else RfcKind.INDIVIDUAL
