"""The certification of origin's data elements and blanket period (USMCA Art. 5.2, Annex 5-A;
shared/reference/usmca.md §8)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eslabon.domain.errors import InputError
from eslabon.domain.origin.certification import (
    CERTIFICATION_STATEMENT,
    BlanketPeriod,
    CertificationOfOrigin,
    CertifierRole,
    CoverageStatus,
    GoodLine,
    OriginCriterion,
    Party,
    check_blanket_period,
    check_hs_code,
    hs_matches,
    latest_blanket_end,
    status_on,
)

dates = st.dates(min_value=dt.date(2020, 7, 1), max_value=dt.date(2040, 12, 31))


def certifier(**overrides: str) -> Party:
    values = {
        "name": "Resortes del Bajío",
        "title": "Director",
        "address": "Av. Industria 12, Celaya, Gto., MX",
        "country": "MX",
        "phone": "+52 461 000 0000",
        "email": "origen@resortes.mx",
        "tax_id": "RBA010101AB1",
    }
    values.update(overrides)
    return Party(**values)


def certification(**overrides: object) -> CertificationOfOrigin:
    values: dict[str, object] = {
        "certifier_role": CertifierRole.PRODUCER,
        "certifier": certifier(),
        "goods": (
            GoodLine("Coil spring", "7320.20", OriginCriterion.PRODUCT_SPECIFIC_RULE, "RS-100"),
            GoodLine("Leaf spring", "7320.10.01", "B"),  # type: ignore[arg-type]
        ),
        "signed_by": "Ana Pérez",
        "signed_on": dt.date(2026, 1, 5),
        "blanket_period": BlanketPeriod(dt.date(2026, 1, 1), dt.date(2026, 12, 31)),
    }
    values.update(overrides)
    return CertificationOfOrigin(**values)  # type: ignore[arg-type]


def test_a_calendar_year_is_the_longest_blanket_period_from_january() -> None:
    # Annex 5-A element 8: "up to 12 months".
    check_blanket_period(dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    with pytest.raises(InputError) as error:
        check_blanket_period(dt.date(2026, 1, 1), dt.date(2027, 1, 1))
    assert error.value.where == "blanket_period.end"
    assert "12 months" in error.value.message


def test_a_period_from_29_february_ends_by_28_february() -> None:
    assert latest_blanket_end(dt.date(2028, 2, 29)) == dt.date(2029, 2, 28)
    assert latest_blanket_end(dt.date(2026, 3, 15)) == dt.date(2027, 3, 14)


def test_a_period_that_ends_before_it_starts_is_refused() -> None:
    with pytest.raises(InputError, match="before it starts") as error:
        BlanketPeriod(dt.date(2026, 5, 1), dt.date(2026, 4, 30))
    assert error.value.where == "blanket_period.end"


def test_a_one_day_period_is_allowed() -> None:
    assert BlanketPeriod(dt.date(2026, 5, 1), dt.date(2026, 5, 1)).contains(dt.date(2026, 5, 1))


@given(start=dates, days=st.integers(min_value=0, max_value=800))
def test_the_period_rule_accepts_exactly_the_periods_within_twelve_months(
    start: dt.date, days: int
) -> None:
    end = start + dt.timedelta(days=days)
    latest = latest_blanket_end(start)
    # The latest end is 364 or 365 days on (a leap day inside the year adds one).
    assert (latest - start).days in (364, 365)
    if end <= latest:
        check_blanket_period(start, end)
    else:
        with pytest.raises(InputError):
            check_blanket_period(start, end)


@given(start=dates)
def test_the_boundary_is_the_day_before_the_anniversary(start: dt.date) -> None:
    latest = latest_blanket_end(start)
    check_blanket_period(start, latest)
    with pytest.raises(InputError):
        check_blanket_period(start, latest + dt.timedelta(days=1))
    anniversary = latest + dt.timedelta(days=1)
    assert anniversary.month in (start.month, 3)
    assert anniversary.year == start.year + 1


@pytest.mark.parametrize("code", ["7320.20", "732020", "8708.80.01", "8708800199", "8708.80.01.99"])
def test_hs_codes_of_six_to_ten_digits_are_accepted(code: str) -> None:
    assert check_hs_code(code, "x") == code.replace(".", "")


@pytest.mark.parametrize(
    "code", ["8708", "87088", "8708.8", "8708.80.0", "87.08.80x", "", "87088001991"]
)
def test_hs_codes_shorter_than_six_digits_or_malformed_are_refused(code: str) -> None:
    with pytest.raises(InputError, match="6-digit subheading") as error:
        check_hs_code(code, "goods[0].hs_code")
    assert error.value.where == "goods[0].hs_code"


def test_the_origin_criterion_is_one_of_a_to_d() -> None:
    # Annex 5-A element 7: Art. 4.2(a)-(d).
    assert [c.value for c in OriginCriterion] == ["A", "B", "C", "D"]
    with pytest.raises(ValueError):
        GoodLine("Spring", "7320.20", "E")  # type: ignore[arg-type]


def test_the_certification_holds_every_minimum_data_element() -> None:
    cert = certification()
    assert cert.certifier_role == CertifierRole.PRODUCER
    assert cert.producer_shown() == cert.certifier
    assert cert.statement == CERTIFICATION_STATEMENT
    assert cert.goods[1].hs_code == "73201001"
    assert cert.goods[1].origin_criterion is OriginCriterion.PRODUCT_SPECIFIC_RULE


@pytest.mark.parametrize("field", ["address", "phone", "email"])
def test_a_certifier_without_contact_details_is_refused(field: str) -> None:
    with pytest.raises(InputError) as error:
        certification(certifier=certifier(**{field: " "}))
    assert error.value.where == f"certifier.{field}"


def test_goods_and_signature_are_required() -> None:
    with pytest.raises(InputError) as error:
        certification(goods=())
    assert error.value.where == "goods"
    with pytest.raises(InputError) as error:
        certification(signed_by="")
    assert error.value.where == "signed_by"


def test_coverage_by_hs_code_part_number_and_producer_within_the_period() -> None:
    cert = certification()
    on = dt.date(2026, 6, 1)
    assert [g.description for g in cert.covers(on=on, hs_code="7320.20.99")] == ["Coil spring"]
    assert cert.covers(on=on, hs_code="7320.90") == ()
    assert cert.covers(on=on, hs_code="7320") == ()  # four digits say too little
    assert [g.description for g in cert.covers(on=on, part_number=" rs-100 ")] == ["Coil spring"]
    assert cert.covers(on=on, part_number="RS-999") == ()
    # A line without a part number is matched by its HS code.
    assert [g.description for g in cert.covers(on=on, hs_code="732010", part_number="LS-1")] == [
        "Leaf spring"
    ]
    assert len(cert.covers(on=on, producer_tax_id="rba010101ab1")) == 2
    assert cert.covers(on=on, producer_tax_id="XAXX010101000") == ()
    assert cert.covers(on=dt.date(2027, 1, 1), hs_code="7320.20") == ()
    assert cert.covers(on=dt.date(2025, 12, 31), hs_code="7320.20") == ()


def test_hs_matches_agrees_on_every_digit_both_give() -> None:
    assert hs_matches("8708.80", "8708.80.01")
    assert hs_matches("8708.80.01", "870880")
    assert not hs_matches("8708.80.01", "8708.80.02")
    assert not hs_matches("8708", "8708.80")


def test_status_over_the_period() -> None:
    start, end = dt.date(2026, 1, 1), dt.date(2026, 12, 31)
    assert status_on(start, end, dt.date(2025, 12, 31)) is CoverageStatus.NOT_YET_VALID
    assert status_on(start, end, start) is CoverageStatus.VALID
    assert status_on(start, end, dt.date(2026, 11, 30)) is CoverageStatus.VALID  # 31 days left
    assert status_on(start, end, dt.date(2026, 12, 1)) is CoverageStatus.EXPIRING  # 30 days left
    assert status_on(start, end, dt.date(2026, 12, 1), warn_days=29) is CoverageStatus.VALID
    assert status_on(start, end, end) is CoverageStatus.EXPIRING
    assert status_on(start, end, dt.date(2027, 1, 1)) is CoverageStatus.EXPIRED
    assert status_on(start, end, end, warn_days=0) is CoverageStatus.EXPIRING
    with pytest.raises(InputError):
        status_on(start, end, end, warn_days=-1)


@given(
    start=dates, length=st.integers(0, 364), offset=st.integers(-400, 800), warn=st.integers(0, 90)
)
def test_status_is_consistent_with_the_period(
    start: dt.date, length: int, offset: int, warn: int
) -> None:
    end = start + dt.timedelta(days=length)
    on = start + dt.timedelta(days=offset)
    status = status_on(start, end, on, warn_days=warn)
    covered = BlanketPeriod(start, min(end, latest_blanket_end(start))).contains(on)
    assert (status in (CoverageStatus.VALID, CoverageStatus.EXPIRING)) == covered
    if status is CoverageStatus.EXPIRING:
        assert (end - on).days <= warn
