"""Company size stratum by the Mexican stratification of 30 June 2009.

Source: Acuerdo por el que se establece la estratificación de las micro, pequeñas y medianas
empresas, Diario Oficial de la Federación, 30-06-2009 (see docs/registry.md and
shared/reference/mexico-data.md). The registry stores the stratum so the directory can filter.
"""

from __future__ import annotations

import enum
from decimal import Decimal


class Sector(enum.StrEnum):
    INDUSTRY = "industry"
    COMMERCE = "commerce"
    SERVICES = "services"


class Stratum(enum.StrEnum):
    MICRO = "micro"
    SMALL = "small"
    MEDIUM = "medium"
    LARGE = "large"


# DOF 30-06-2009, art. 3 table: "tope máximo combinado" per category and sector.
_COMBINED_CAPS: dict[Sector, tuple[tuple[Stratum, Decimal], ...]] = {
    Sector.INDUSTRY: (
        (Stratum.MICRO, Decimal("4.6")),
        (Stratum.SMALL, Decimal("95")),
        (Stratum.MEDIUM, Decimal("250")),
    ),
    Sector.SERVICES: (
        (Stratum.MICRO, Decimal("4.6")),
        (Stratum.SMALL, Decimal("95")),
        (Stratum.MEDIUM, Decimal("235")),
    ),
    Sector.COMMERCE: (
        (Stratum.MICRO, Decimal("4.6")),
        (Stratum.SMALL, Decimal("93")),
        (Stratum.MEDIUM, Decimal("235")),
    ),
}

_EMPLOYEE_WEIGHT = Decimal("0.1")
_SALES_WEIGHT = Decimal("0.9")
_MILLION = Decimal(1_000_000)


def combined_value(*, employees: int, annual_sales_mxn: Decimal) -> Decimal:
    """DOF 30-06-2009 art. 3: employees × 10% + annual sales (millions of pesos) × 90%."""
    return employees * _EMPLOYEE_WEIGHT + (annual_sales_mxn / _MILLION) * _SALES_WEIGHT


def size_stratum(
    *, employees: int, annual_sales_mxn: Decimal, sector: Sector = Sector.INDUSTRY
) -> Stratum:
    """The smallest category whose combined cap the company's combined value does not exceed.

    A company above the medium cap is large (DOF 30-06-2009 art. 3).
    """
    if employees < 0 or annual_sales_mxn < 0:
        raise ValueError("employees and annual sales cannot be negative")
    value = combined_value(employees=employees, annual_sales_mxn=annual_sales_mxn)
    for stratum, cap in _COMBINED_CAPS[sector]:
        if value <= cap:
            return stratum
    return Stratum.LARGE
