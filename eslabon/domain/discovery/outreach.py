"""The life of an invitation to register: which status may follow which.

Programme officers record outreach to DENUE establishments; the discovery app stores it and
refuses a change this table does not allow, so conversion figures count real progressions.
"""

from __future__ import annotations

from enum import StrEnum

from eslabon.domain.errors import InputError


class OutreachStatus(StrEnum):
    INVITED = "invited"
    REGISTERED = "registered"  # the establishment registered as a supplier in the hub
    DECLINED = "declined"
    CONVERTED = "converted"  # it now supplies the automotive chain (won work through the hub)


# A decline can be reversed by inviting again; a registration can still be declined (it never
# completed its profile) or converted. Converted is final: it is what the programme counts.
ALLOWED: dict[OutreachStatus, frozenset[OutreachStatus]] = {
    OutreachStatus.INVITED: frozenset(
        {OutreachStatus.INVITED, OutreachStatus.REGISTERED, OutreachStatus.DECLINED}
    ),
    OutreachStatus.REGISTERED: frozenset({OutreachStatus.CONVERTED, OutreachStatus.DECLINED}),
    OutreachStatus.DECLINED: frozenset({OutreachStatus.INVITED, OutreachStatus.REGISTERED}),
    OutreachStatus.CONVERTED: frozenset(),
}


def check_transition(current: OutreachStatus, new: OutreachStatus) -> None:
    """Raise ``InputError`` unless ``new`` may follow ``current``."""
    if new not in ALLOWED[current]:
        raise InputError("status", f"an outreach cannot go from {current} to {new}")


def conversion_rate(converted: int, total: int) -> float | None:
    """Share of all outreach that ended converted; None when nobody was invited yet."""
    return None if total == 0 else converted / total
