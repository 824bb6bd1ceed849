"""Size stratification (DOF 30-06-2009) and RFC format rules of the registry core."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eslabon.domain.registry.rfc import InvalidRfc, RfcKind, validate_rfc
from eslabon.domain.registry.stratification import Sector, Stratum, combined_value, size_stratum


@pytest.mark.parametrize(
    ("employees", "sales_millions", "sector", "expected"),
    [
        (8, "3", Sector.INDUSTRY, Stratum.MICRO),  # 0.8 + 2.7 = 3.5 <= 4.6
        (10, "4.6", Sector.INDUSTRY, Stratum.SMALL),  # 1 + 4.14 = 5.14 > 4.6
        (45, "90", Sector.INDUSTRY, Stratum.SMALL),  # 4.5 + 81 = 85.5 <= 95
        (45, "90", Sector.COMMERCE, Stratum.SMALL),  # 85.5 <= 93
        (45, "100", Sector.COMMERCE, Stratum.MEDIUM),  # 94.5 > 93 but <= 235
        (45, "100", Sector.INDUSTRY, Stratum.SMALL),  # 94.5 <= 95
        (200, "250", Sector.INDUSTRY, Stratum.MEDIUM),  # 20 + 225 = 245 <= 250
        (200, "250", Sector.SERVICES, Stratum.LARGE),  # 245 > 235
        (300, "400", Sector.INDUSTRY, Stratum.LARGE),
    ],
)
def test_the_stratum_is_the_smallest_whose_combined_cap_holds_the_combined_value(
    employees: int, sales_millions: str, sector: Sector, expected: Stratum
) -> None:
    sales = Decimal(sales_millions) * 1_000_000
    assert size_stratum(employees=employees, annual_sales_mxn=sales, sector=sector) == expected


def test_the_combined_value_weights_employees_ten_and_sales_ninety_percent() -> None:
    assert combined_value(employees=100, annual_sales_mxn=Decimal(50_000_000)) == Decimal("55")


ORDER = [Stratum.MICRO, Stratum.SMALL, Stratum.MEDIUM, Stratum.LARGE]


@given(
    st.integers(min_value=0, max_value=5000),
    st.decimals(min_value=0, max_value=10**10, places=2),
    st.integers(min_value=0, max_value=500),
)
def test_more_employees_never_make_a_company_smaller(
    employees: int, sales: Decimal, extra: int
) -> None:
    before = size_stratum(employees=employees, annual_sales_mxn=sales)
    after = size_stratum(employees=employees + extra, annual_sales_mxn=sales)
    assert ORDER.index(after) >= ORDER.index(before)


def test_negative_figures_are_refused() -> None:
    with pytest.raises(ValueError, match="negative"):
        size_stratum(employees=-1, annual_sales_mxn=Decimal(0))


@pytest.mark.parametrize(
    ("rfc", "kind"),
    [("ABC010203XY1", RfcKind.COMPANY), ("ñab 990101 a12", RfcKind.COMPANY),
     ("GODE561231GR8", RfcKind.INDIVIDUAL), ("A&C000229AB1", RfcKind.COMPANY)],
)  # fmt: skip
def test_well_formed_rfcs_are_accepted_and_classified(rfc: str, kind: RfcKind) -> None:
    assert validate_rfc(rfc) == kind


@pytest.mark.parametrize(
    "rfc", ["AB010203XY1", "ABCDE010203XY1", "ABC011303XY1", "ABC010230XY1", "ABC010203XY", ""]
)
def test_malformed_rfcs_are_refused_with_the_reason(rfc: str) -> None:
    with pytest.raises(InvalidRfc):
        validate_rfc(rfc)
