"""The good and its bill of materials: the input format (GOOD.json) and the values computed on.

Pydantic checks the document at the engine edge and names the JSON path of a fault; the
engine then works on frozen dataclasses whose money is exact Decimal.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from eslabon.domain.errors import InputError
from eslabon.domain.validation import parse_model


class ProductClass(StrEnum):
    PASSENGER_VEHICLE = "passenger_vehicle"
    LIGHT_TRUCK = "light_truck"
    HEAVY_TRUCK = "heavy_truck"
    CORE_PART = "core_part"
    PRINCIPAL_PART = "principal_part"
    COMPLEMENTARY_PART = "complementary_part"
    OTHER = "other"


VEHICLE_CLASSES = frozenset(
    {ProductClass.PASSENGER_VEHICLE, ProductClass.LIGHT_TRUCK, ProductClass.HEAVY_TRUCK}
)


class EndUse(StrEnum):
    """The vehicle a part is original equipment for, or the aftermarket (UR s.14(18), s.15)."""

    PASSENGER_OR_LIGHT_TRUCK = "passenger_or_light_truck"
    HEAVY_TRUCK = "heavy_truck"
    AFTERMARKET = "aftermarket"


class Originating(StrEnum):
    YES = "yes"
    NO = "no"
    UNKNOWN = "unknown"


def _exact_money(value: Any) -> Decimal:
    """Money from a JSON number (parsed as Decimal or int) or a decimal string, never lossy."""
    if isinstance(value, bool):
        raise ValueError("expected a decimal amount, not true/false")
    if isinstance(value, float):
        # A float that reached us was already rounded by a JSON parser; its shortest repr is
        # the figure the person wrote. The CLI parses numbers as Decimal and never gets here.
        value = repr(value)
    if isinstance(value, int | Decimal):
        amount = Decimal(value)
    elif isinstance(value, str):
        try:
            amount = Decimal(value.strip())
        except InvalidOperation as error:
            raise ValueError(f"not a decimal amount: {value!r}") from error
    else:
        raise ValueError("expected a decimal amount (number or decimal string)")
    if not amount.is_finite():
        raise ValueError("amount must be finite")
    if amount < 0:
        raise ValueError("amount must not be negative")
    return amount


Money = Annotated[Decimal, BeforeValidator(_exact_money)]
HsCode = Annotated[str, Field(pattern=r"^\d{2}(\.?\d{2}){0,4}$")]


def _originating(value: Any) -> Any:
    if value is True:
        return "yes"
    if value is False:
        return "no"
    return value


class MaterialIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str = Field(min_length=1)
    description: str = ""
    hs_code: HsCode | None = None
    origin_country: str | None = Field(default=None, pattern=r"^[A-Z]{2}$")
    originating: Annotated[Literal["yes", "no", "unknown"], BeforeValidator(_originating)]
    value: Money
    quantity: Money = Decimal(1)
    supplier: str | None = None
    self_produced: bool = False
    high_wage: bool = False
    metal: Literal["steel", "aluminium"] | None = None
    materials: list[MaterialIn] = Field(default_factory=list)


class LabourIn(BaseModel):
    """Figures for labour value content (UR s.18); all optional but the wages."""

    model_config = ConfigDict(extra="forbid")

    high_wage_labour_cost: Money = Decimal(0)
    high_wage_transport_cost: Money = Decimal(0)
    technology_wages: Money = Decimal(0)
    production_wages: Money | None = None
    assembly_plant_credit: bool = False
    plant_country: Literal["US", "CA", "MX"] | None = None
    plant_average_hourly_wage: Money | None = None


class GoodIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    hs_code: HsCode
    product_class: ProductClass | None = None
    end_use: EndUse = EndUse.PASSENGER_OR_LIGHT_TRUCK
    transaction_value: Money | None = None
    net_cost: Money | None = None
    currency: str = Field(pattern=r"^[A-Z]{3}$")
    date: dt.date
    description: str = ""


class GoodDocument(BaseModel):
    model_config = ConfigDict(extra="forbid")

    good: GoodIn
    materials: list[MaterialIn]
    labour: LabourIn | None = None


@dataclass(frozen=True, slots=True)
class Material:
    """One line of a bill of materials; ``value`` is the line total, ``path`` its JSON path."""

    id: str
    path: str
    description: str
    hs_code: str | None
    origin_country: str | None
    originating: Originating
    value: Decimal
    quantity: Decimal
    supplier: str | None
    self_produced: bool
    high_wage: bool
    metal: str | None
    materials: tuple[Material, ...]


@dataclass(frozen=True, slots=True)
class Labour:
    high_wage_labour_cost: Decimal
    high_wage_transport_cost: Decimal
    technology_wages: Decimal
    production_wages: Decimal | None
    assembly_plant_credit: bool
    plant_country: str | None = None
    plant_average_hourly_wage: Decimal | None = None


@dataclass(frozen=True, slots=True)
class Good:
    hs_code: str
    product_class: ProductClass | None
    end_use: EndUse
    transaction_value: Decimal | None
    net_cost: Decimal | None
    currency: str
    date: dt.date
    materials: tuple[Material, ...]
    labour: Labour | None = None


def walk(materials: tuple[Material, ...]) -> list[Material]:
    """Every line of a bill of materials, depth first, intermediates before their parts."""
    out: list[Material] = []
    for material in materials:
        out.append(material)
        if material.materials:
            out.extend(walk(material.materials))
    return out


def hs_digits(code: str) -> str:
    return code.replace(".", "")


def _material(raw: MaterialIn, path: str) -> Material:
    return Material(
        id=raw.id,
        path=path,
        description=raw.description,
        hs_code=hs_digits(raw.hs_code) if raw.hs_code else None,
        origin_country=raw.origin_country,
        originating=Originating(raw.originating),
        value=raw.value,
        quantity=raw.quantity,
        supplier=raw.supplier,
        self_produced=raw.self_produced,
        high_wage=raw.high_wage,
        metal=raw.metal,
        materials=tuple(
            _material(child, f"{path}.materials[{i}]") for i, child in enumerate(raw.materials)
        ),
    )


def good_from_document(doc: GoodDocument) -> Good:
    g = doc.good
    labour = None
    if doc.labour is not None:
        labour = Labour(**doc.labour.model_dump())
    return Good(
        hs_code=hs_digits(g.hs_code),
        product_class=g.product_class,
        end_use=g.end_use,
        transaction_value=g.transaction_value,
        net_cost=g.net_cost,
        currency=g.currency,
        date=g.date,
        materials=tuple(_material(m, f"$.materials[{i}]") for i, m in enumerate(doc.materials)),
        labour=labour,
    )


def parse_good(data: Any) -> Good:
    """Validate a GOOD.json document (already parsed) into a Good, or raise InputError."""
    good = good_from_document(parse_model(GoodDocument, data))
    if good.transaction_value is None and good.net_cost is None:
        raise InputError("$.good", "give transaction_value, net_cost or both")
    _check_unique_ids(good.materials, set())
    return good


def _check_unique_ids(materials: tuple[Material, ...], seen: set[str]) -> None:
    for material in materials:
        if material.id in seen:
            raise InputError(f"{material.path}.id", f"duplicate material id {material.id!r}")
        seen.add(material.id)
        _check_unique_ids(material.materials, seen)
