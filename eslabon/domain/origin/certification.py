"""USMCA certification of origin: its minimum data elements, checks, and coverage over time.

Sources (shared/reference/usmca.md §8): treaty Art. 5.2 and Annex 5-A; 19 CFR 182.12(a)(4);
CBSA's CUSMA certification-of-origin page. There is no prescribed form: the certification
may be on any document that carries the nine minimum data elements of Annex 5-A, which
``CertificationOfOrigin`` holds one field (group) each:

1. certifier type (importer, exporter or producer);
2. certifier: name, title, address with country, telephone, e-mail;
3. exporter, if different from the certifier;
4. producer, if different from the certifier or exporter (or "various" / "available upon
   request by the importing authorities");
5. importer, if known;
6. description and HS classification of each good, to six digits;
7. origin criterion A-D (Art. 4.2(a)-(d));
8. blanket period for multiple shipments of identical goods, of up to 12 months;
9. authorised signature and date, with the certification statement.

A supplier's long-term declaration of origin is a blanket certification from the producer:
``coverage`` tells whether it covers a material on a date and ``status_on`` how it stands.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum

from eslabon.domain.errors import InputError

# Annex 5-A, element 9 (wording from the reference, lei.ca's CUSMA centre).
CERTIFICATION_STATEMENT = (
    "I certify that the goods described in this document qualify as originating and the "
    "information contained in this document is true and accurate. I assume responsibility for "
    "proving such representations and agree to maintain and present upon request or to make "
    "available during a verification visit, documentation necessary to support this "
    "certification."
)

# Annex 5-A, element 8: a blanket period covers "up to 12 months".
BLANKET_PERIOD_MONTHS = 12

# Annex 5-A, element 6: the HS classification "to 6 digits"; national tariff items may add
# up to four more (HTSUS / TIGIE 8 or 10 digits). Dots between digit pairs are allowed.
_HS_PATTERN = re.compile(r"^\d{4}(\.?\d{2}){1,3}$")


class CertifierRole(StrEnum):
    """Annex 5-A, element 1."""

    IMPORTER = "importer"
    EXPORTER = "exporter"
    PRODUCER = "producer"


class OriginCriterion(StrEnum):
    """Annex 5-A, element 7: the paragraph of Art. 4.2 under which the good originates."""

    WHOLLY_OBTAINED = "A"  # Art. 4.2(a): wholly obtained or produced
    PRODUCT_SPECIFIC_RULE = "B"  # Art. 4.2(b): meets the product-specific rule (Annex 4-B)
    ORIGINATING_MATERIALS = "C"  # Art. 4.2(c): produced exclusively from originating materials
    ARTICLE_4_2_D = "D"  # Art. 4.2(d): the alternative for certain unassembled goods


class CoverageStatus(StrEnum):
    VALID = "valid"
    EXPIRING = "expiring"
    EXPIRED = "expired"
    NOT_YET_VALID = "not_yet_valid"


_NOT_DIGITS = re.compile(r"\D")


def hs_digits(code: str) -> str:
    """The digits of an HS code, dots and spaces removed."""
    return code if code.isdigit() else _NOT_DIGITS.sub("", code)


def check_hs_code(code: str, where: str) -> str:
    """Return the code's digits if it is an HS classification of at least six digits."""
    cleaned = code.strip().replace(" ", "")
    if not _HS_PATTERN.match(cleaned):
        raise InputError(
            where,
            f"{code!r} is not an HS classification of 6, 8 or 10 digits (Annex 5-A requires at "
            "least the 6-digit subheading)",
        )
    return hs_digits(cleaned)


def latest_blanket_end(start: dt.date) -> dt.date:
    """The last day a blanket period starting on ``start`` may cover (Annex 5-A, element 8).

    "Up to 12 months" is read as: the period ends no later than the day before the same
    calendar day 12 months on (1 Jan → 31 Dec; 15 Mar 2026 → 14 Mar 2027). A period starting
    on 29 February runs to 28 February of the next year.
    """
    try:
        anniversary = start.replace(year=start.year + BLANKET_PERIOD_MONTHS // 12)
    except ValueError:  # 29 February
        anniversary = dt.date(start.year + 1, 3, 1)
    return anniversary - dt.timedelta(days=1)


def check_blanket_period(start: dt.date, end: dt.date) -> None:
    """Raise an InputError naming the field when the period is not a valid blanket period."""
    if end < start:
        raise InputError(
            "blanket_period.end", f"the period ends ({end}) before it starts ({start})"
        )
    latest = latest_blanket_end(start)
    if end > latest:
        raise InputError(
            "blanket_period.end",
            f"a blanket period may cover at most {BLANKET_PERIOD_MONTHS} months "
            f"(Annex 5-A); starting {start} it must end by {latest}, not {end}",
        )


@dataclass(frozen=True)
class Party:
    """A person or company named in the certification (Annex 5-A, elements 2-5)."""

    name: str
    address: str = ""
    country: str = ""  # ISO 3166-1 alpha-2
    phone: str = ""
    email: str = ""
    tax_id: str = ""  # RFC in Mexico; not an Annex 5-A element, shown when known
    title: str = ""  # the certifier's title (element 2)


@dataclass(frozen=True)
class GoodLine:
    """One good covered (Annex 5-A, elements 6 and 7); the part number relates it to a BOM."""

    description: str
    hs_code: str
    origin_criterion: OriginCriterion
    part_number: str = ""

    def __post_init__(self) -> None:
        if not self.description.strip():
            raise InputError("description", "the description of the good is required")
        object.__setattr__(self, "hs_code", check_hs_code(self.hs_code, "hs_code"))
        object.__setattr__(self, "origin_criterion", OriginCriterion(self.origin_criterion))


@dataclass(frozen=True)
class BlanketPeriod:
    """Annex 5-A, element 8; both ends inclusive."""

    start: dt.date
    end: dt.date

    def __post_init__(self) -> None:
        check_blanket_period(self.start, self.end)

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


@dataclass(frozen=True)
class CertificationOfOrigin:
    """The minimum data elements of a USMCA certification of origin (Art. 5.2, Annex 5-A).

    ``exporter`` is None when it is the certifier or, for a producer certifier, unknown;
    ``producer`` is None when it is the certifier (``producer_note`` may say "Various" or
    "Available upon request by the importing authorities" instead); ``importer`` is None when
    unknown. ``blanket_period`` is None for a single shipment, then ``invoice_number`` relates
    the certification to its invoice.
    """

    certifier_role: CertifierRole
    certifier: Party
    goods: tuple[GoodLine, ...]
    signed_by: str
    signed_on: dt.date
    exporter: Party | None = None
    producer: Party | None = None
    producer_note: str = ""
    importer: Party | None = None
    blanket_period: BlanketPeriod | None = None
    invoice_number: str = ""
    statement: str = CERTIFICATION_STATEMENT

    def __post_init__(self) -> None:
        object.__setattr__(self, "certifier_role", CertifierRole(self.certifier_role))
        if not self.certifier.name.strip():
            raise InputError("certifier.name", "the certifier's name is required")
        for field in ("address", "phone", "email"):
            if not getattr(self.certifier, field).strip():
                raise InputError(f"certifier.{field}", f"the certifier's {field} is required")
        if not self.goods:
            raise InputError("goods", "a certification covers at least one good")
        if not self.signed_by.strip():
            raise InputError("signed_by", "the authorised signature is required")

    def producer_shown(self) -> Party | None:
        """The producer as printed: the certifier itself when it certifies as producer."""
        if self.producer is not None:
            return self.producer
        return self.certifier if self.certifier_role == CertifierRole.PRODUCER else None

    def covers(
        self,
        *,
        on: dt.date,
        hs_code: str | None = None,
        part_number: str | None = None,
        producer_tax_id: str | None = None,
    ) -> tuple[GoodLine, ...]:
        """The goods lines that cover a material on a date (none: not covered)."""
        if self.blanket_period is not None and not self.blanket_period.contains(on):
            return ()
        if producer_tax_id is not None:
            producer = self.producer_shown()
            if producer is None or _norm(producer.tax_id) != _norm(producer_tax_id):
                return ()
        return tuple(
            line
            for line in self.goods
            if line_matches(line, hs_code=hs_code, part_number=part_number)
        )


def _norm(text: str) -> str:
    return "".join(text.split()).upper()


def hs_matches(declared: str, material: str) -> bool:
    """A declared classification matches a material's when both agree to six digits and on
    every further digit both give; a material known only to 4 digits never matches (Annex 5-A
    relates the certification to the good by its 6-digit subheading)."""
    a, b = hs_digits(declared), hs_digits(material)
    if len(a) < 6 or len(b) < 6:
        return False
    return a.startswith(b) if len(a) >= len(b) else b.startswith(a)


def line_matches(line: GoodLine, *, hs_code: str | None, part_number: str | None) -> bool:
    """Every criterion given must hold; a line with no part number matches by HS code only."""
    if hs_code is not None and not hs_matches(line.hs_code, hs_code):
        return False
    if part_number is not None:
        if line.part_number:
            if _norm(line.part_number) != _norm(part_number):
                return False
        elif hs_code is None:
            return False
    return True


def status_on(start: dt.date, end: dt.date, on: dt.date, *, warn_days: int = 30) -> CoverageStatus:
    """How a blanket period stands on a day: not yet valid, valid, expiring within
    ``warn_days`` days (the end day counts as covered), or expired."""
    if warn_days < 0:
        raise InputError("warn_days", "must be zero or more")
    if on < start:
        return CoverageStatus.NOT_YET_VALID
    if on > end:
        return CoverageStatus.EXPIRED
    if (end - on).days <= warn_days:
        return CoverageStatus.EXPIRING
    return CoverageStatus.VALID
