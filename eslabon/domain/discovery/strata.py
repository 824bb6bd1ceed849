"""DENUE employment strata (`per_ocu`) and the SME size classes they fall into.

The import stores the stratum; candidate search filters on the size class (SMEs by default).
"""

from __future__ import annotations

import re
from enum import IntEnum, StrEnum

from eslabon.domain.errors import InputError


class Stratum(IntEnum):
    """The seven `per_ocu` strata INEGI publishes, numbered from the smallest."""

    P0_5 = 1
    P6_10 = 2
    P11_30 = 3
    P31_50 = 4
    P51_100 = 5
    P101_250 = 6
    P251_MORE = 7

    @property
    def low(self) -> int:
        return _BOUNDS[self][0]

    @property
    def high(self) -> int | None:
        """Upper bound of the stratum; None for the open "251 y más" stratum."""
        return _BOUNDS[self][1]

    @property
    def label(self) -> str:
        """The text INEGI publishes for the stratum."""
        high = self.high
        return f"{self.low} a {high} personas" if high is not None else f"{self.low} y más personas"


_BOUNDS: dict[Stratum, tuple[int, int | None]] = {
    Stratum.P0_5: (0, 5),
    Stratum.P6_10: (6, 10),
    Stratum.P11_30: (11, 30),
    Stratum.P31_50: (31, 50),
    Stratum.P51_100: (51, 100),
    Stratum.P101_250: (101, 250),
    Stratum.P251_MORE: (251, None),
}
_BY_LOW = {bounds[0]: stratum for stratum, bounds in _BOUNDS.items()}

# Matches "11 a 30 personas" and "251 y más personas"; only the leading numbers are read so
# that a damaged accent ("251 y mÃ¡s", "251 y m?s") still parses.
_PER_OCU = re.compile(r"^\s*(\d+)\s+(?:a\s+(\d+)|y\s+m)", re.IGNORECASE)


class SizeClass(StrEnum):
    """Company size by employees for industry (DOF 30 June 2009, stratification table)."""

    MICRO = "micro"
    SMALL = "small"
    MEDIUM = "medium"
    LARGE = "large"


# DOF 2009-06-30: industry micro 0-10, small 11-50, medium 51-250 employees; above: large.
# DENUE strata align with these limits, so each stratum falls in exactly one class.
_SIZE_OF: dict[Stratum, SizeClass] = {
    Stratum.P0_5: SizeClass.MICRO,
    Stratum.P6_10: SizeClass.MICRO,
    Stratum.P11_30: SizeClass.SMALL,
    Stratum.P31_50: SizeClass.SMALL,
    Stratum.P51_100: SizeClass.MEDIUM,
    Stratum.P101_250: SizeClass.MEDIUM,
    Stratum.P251_MORE: SizeClass.LARGE,
}

SME_CLASSES = frozenset({SizeClass.SMALL, SizeClass.MEDIUM})


def size_class(stratum: Stratum) -> SizeClass:
    return _SIZE_OF[stratum]


def strata_of(classes: frozenset[SizeClass] | set[SizeClass]) -> tuple[Stratum, ...]:
    """The strata whose size class is one of ``classes``, smallest first."""
    return tuple(stratum for stratum in Stratum if _SIZE_OF[stratum] in classes)


def parse_per_ocu(text: str, where: str = "per_ocu") -> Stratum:
    """Read a `per_ocu` value such as "31 a 50 personas"; anything else is an input error."""
    found = _PER_OCU.match(text)
    if found is None:
        raise InputError(where, f"unknown employment stratum {text!r}")
    stratum = _BY_LOW.get(int(found.group(1)))
    high = found.group(2)
    if stratum is None or (high is not None and int(high) != stratum.high):
        raise InputError(where, f"unknown employment stratum {text!r}")
    if high is None and stratum.high is not None:
        raise InputError(where, f"unknown employment stratum {text!r}")
    return stratum
