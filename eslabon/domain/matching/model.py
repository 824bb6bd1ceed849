"""Plain values the matching engine computes on: a requirement and the suppliers to rank.

Built from validated input (inputs.py) or, later, from registry rows by a selector; the
engine never sees JSON or the ORM.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass


class CertificationStatus(enum.Enum):
    """Status of a supplier's certification (PRODUCT.md, identifiers that files share)."""

    HELD = "held"
    IN_PROGRESS = "in_progress"
    PLANNED = "planned"


@dataclass(frozen=True, slots=True)
class Point:
    lat: float
    lon: float


@dataclass(frozen=True, slots=True)
class PartEnvelope:
    """Largest dimension and weight of the part; either may be unknown."""

    max_dimension_mm: float | None = None
    weight_kg: float | None = None


@dataclass(frozen=True, slots=True)
class Requirement:
    """What a buyer needs made, with the hard limits a supplier must meet."""

    id: str
    processes: tuple[str, ...]
    title: str = ""
    description: str = ""
    materials: tuple[str, ...] = ()
    part: PartEnvelope = PartEnvelope()
    annual_volume: int | None = None
    required_certifications: tuple[str, ...] = ()
    sop_date: dt.date | None = None
    ppap_level: int | None = None
    delivery: Point | None = None
    max_distance_km: float | None = None
    weights: tuple[tuple[str, float], ...] = ()

    @property
    def text(self) -> str:
        return f"{self.title}. {self.description}".strip(" .")


@dataclass(frozen=True, slots=True)
class Capability:
    """One process a site runs, on which materials, how big, and how much of it is free."""

    process: str
    materials: tuple[str, ...] = ()
    max_dimension_mm: float | None = None
    max_weight_kg: float | None = None
    annual_capacity: float | None = None
    utilisation: float = 0.0
    description: str = ""

    @property
    def free_capacity(self) -> float | None:
        """Pieces a year still free: annual capacity x (1 - utilisation) (issue 4)."""
        if self.annual_capacity is None:
            return None
        return self.annual_capacity * (1.0 - self.utilisation)


@dataclass(frozen=True, slots=True)
class Site:
    id: str
    location: Point
    capabilities: tuple[Capability, ...] = ()
    state: str = ""


@dataclass(frozen=True, slots=True)
class Certification:
    standard: str
    status: CertificationStatus
    expires: dt.date | None = None
    expected: dt.date | None = None


@dataclass(frozen=True, slots=True)
class Performance:
    """Delivery and quality record with buyers, when the supplier has one."""

    on_time_delivery_pct: float | None = None
    defect_ppm: float | None = None
    # From the Supply Hub: share of invitations answered, and of PPAP submissions approved
    # at the first attempt (AIAG PPAP 4th ed.: the buyer's disposition of the warrant).
    response_rate_pct: float | None = None
    ppap_first_time_pct: float | None = None


@dataclass(frozen=True, slots=True)
class Supplier:
    id: str
    name: str = ""
    description: str = ""
    employees: int | None = None
    sites: tuple[Site, ...] = ()
    certifications: tuple[Certification, ...] = ()
    performance: Performance = Performance()

    @property
    def text(self) -> str:
        """Everything the supplier wrote about what it makes, for text similarity."""
        parts = [self.description]
        parts += [cap.description for site in self.sites for cap in site.capabilities]
        return " ".join(part for part in parts if part)
