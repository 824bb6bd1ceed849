"""Load decent-work@N.json: indicator definitions, minimum wages, legal hours, NOM-035 tiers."""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from typing import Any

from pydantic import Field

from eslabon.data.readiness.files import FileText, Strict, in_file, read
from eslabon.domain.errors import InputError
from eslabon.domain.readiness.decent_work import DecentWorkTable, IndicatorDefinition, Nom035Tier
from eslabon.domain.validation import parse_model

DEFAULT_DECENT_WORK = "decent-work@1"


class _Rate(Strict):
    year: int
    general: Decimal
    zlfn: Decimal


class _Rates(Strict):
    basis: str
    rates: list[_Rate]


class _Hours(Strict):
    year: int
    hours: int = Field(ge=1, le=48)


class _LegalHours(Strict):
    basis: str
    hours: list[_Hours]


class _Element(Strict):
    id: str
    title: FileText


class _Nom035Tier(Strict):
    max_workers: int | None
    requires: list[str]


class _Nom035(Strict):
    basis: str
    elements: list[_Element]
    tiers: list[_Nom035Tier]


class _Indicator(Strict):
    id: str
    unit: str
    source: str
    name: FileText
    definition: FileText


class _DecentWorkFile(Strict):
    version: int
    published: str
    minimum_wage_mxn_per_day: _Rates
    legal_weekly_hours: _LegalHours
    usmca_high_wage_usd_per_hour: Decimal
    nom035: _Nom035
    indicators: list[_Indicator]


def parse_decent_work(data: Any) -> DecentWorkTable:
    raw = parse_model(_DecentWorkFile, data)
    elements = tuple(element.id for element in raw.nom035.elements)
    for position, tier in enumerate(raw.nom035.tiers):
        for required_position, required in enumerate(tier.requires):
            if required not in elements:
                raise InputError(
                    f"$.nom035.tiers[{position}].requires[{required_position}]",
                    f"unknown NOM-035 element {required!r}",
                )
    return DecentWorkTable(
        minimum_wages=tuple(
            row
            for rate in raw.minimum_wage_mxn_per_day.rates
            for row in ((rate.year, "general", rate.general), (rate.year, "zlfn", rate.zlfn))
        ),
        weekly_hours=tuple((h.year, h.hours) for h in raw.legal_weekly_hours.hours),
        high_wage_usd=raw.usmca_high_wage_usd_per_hour,
        nom035_elements=elements,
        nom035_tiers=tuple(Nom035Tier(t.max_workers, tuple(t.requires)) for t in raw.nom035.tiers),
        indicators=tuple(
            IndicatorDefinition(i.id, i.unit, i.source, i.name.value(), i.definition.value())
            for i in raw.indicators
        ),
    )


@cache
def decent_work(ref: str = DEFAULT_DECENT_WORK) -> DecentWorkTable:
    try:
        return parse_decent_work(read(ref))
    except InputError as error:
        raise in_file(ref, error) from error
