"""Decent-work indicators of one supplier and period (ILO decent-work indicators, SDG 8).

Computed from raw figures the supplier enters; definitions, minimum wages, legal hours and
NOM-035 tiers come from decent-work@1.json so that a new year's rates are data, not code.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from eslabon.domain.errors import InputError
from eslabon.domain.readiness.model import Text
from eslabon.domain.validation import parse_model

Zone = Literal["general", "zlfn"]
HUNDRED = Decimal(100)
PER_100K = Decimal(100_000)
DAYS_PAID_PER_WEEK = 7  # LFT art. 69: one paid rest day for every six worked


@dataclass(frozen=True, slots=True)
class IndicatorDefinition:
    id: str
    unit: str
    source: str
    name: Text
    definition: Text


@dataclass(frozen=True, slots=True)
class Nom035Tier:
    max_workers: int | None
    requires: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class DecentWorkTable:
    minimum_wages: tuple[tuple[int, Zone, Decimal], ...]
    weekly_hours: tuple[tuple[int, int], ...]
    high_wage_usd: Decimal
    nom035_elements: tuple[str, ...]
    nom035_tiers: tuple[Nom035Tier, ...]
    indicators: tuple[IndicatorDefinition, ...]

    def minimum_wage(self, year: int, zone: Zone) -> Decimal | None:
        return next((w for y, z, w in self.minimum_wages if y == year and z == zone), None)

    def legal_hours(self, year: int) -> int | None:
        return next((h for y, h in self.weekly_hours if y == year), None)

    def nom035_required(self, workers: int) -> tuple[str, ...]:
        for tier in self.nom035_tiers:
            if tier.max_workers is None or workers <= tier.max_workers:
                return tier.requires
        return ()


class Figures(BaseModel):
    """Raw figures of one supplier for one period, as entered (validated at the edge)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    year: int = Field(ge=2000, le=2100)
    zone: Zone
    workers: int = Field(ge=1, description="headcount at the end of the period")
    average_workers: Decimal = Field(gt=0)
    workers_imss: int = Field(ge=0)
    women: int = Field(ge=0)
    gross_wages_mxn: Decimal = Field(ge=0)
    hours_paid: Decimal = Field(ge=0)
    training_hours: Decimal = Field(ge=0)
    recordable_injuries: int = Field(ge=0)
    separations: int = Field(ge=0)
    nom035_done: list[str] = Field(default_factory=list)
    usd_mxn: Decimal | None = Field(default=None, gt=0)

    @model_validator(mode="after")
    def _counts_fit_headcount(self) -> Figures:
        if self.workers_imss > self.workers:
            raise ValueError("workers_imss cannot exceed workers")
        if self.women > self.workers:
            raise ValueError("women cannot exceed workers")
        return self


@dataclass(frozen=True, slots=True)
class IndicatorValue:
    id: str
    value: Decimal | None
    unit: str
    explanation: str


def parse_figures(table: DecentWorkTable, data: Any) -> Figures:
    figures = parse_model(Figures, data)
    for position, element in enumerate(figures.nom035_done):
        if element not in table.nom035_elements:
            raise InputError(f"$.nom035_done[{position}]", f"unknown NOM-035 element {element!r}")
    return figures


def _ratio(part: Decimal, whole: Decimal, scale: Decimal = Decimal(1)) -> Decimal | None:
    return part * scale / whole if whole else None


def indicators(table: DecentWorkTable, figures: Figures) -> tuple[IndicatorValue, ...]:
    """Every indicator of ``table``, each with how it was computed (or why it could not be)."""
    units = {d.id: d.unit for d in table.indicators}
    average = figures.average_workers
    hourly = _ratio(figures.gross_wages_mxn, figures.hours_paid)
    values: dict[str, tuple[Decimal | None, str]] = {
        "formal-employment-share": (
            _ratio(Decimal(figures.workers_imss), Decimal(figures.workers), HUNDRED),
            f"{figures.workers_imss} registered with IMSS of {figures.workers} workers",
        ),
        "average-hourly-wage": (
            hourly,
            f"MXN {figures.gross_wages_mxn} over {figures.hours_paid} hours paid",
        ),
        "women-share": (
            _ratio(Decimal(figures.women), Decimal(figures.workers), HUNDRED),
            f"{figures.women} women of {figures.workers} workers",
        ),
        "training-hours-per-worker": (
            _ratio(figures.training_hours, average),
            f"{figures.training_hours} training hours over {average} average workers",
        ),
        # SDG 8.8.1: injuries per 100,000 workers (commuting accidents excluded).
        "injury-rate": (
            _ratio(Decimal(figures.recordable_injuries), average, PER_100K),
            f"{figures.recordable_injuries} injuries per {average} average workers x 100,000",
        ),
        "turnover": (
            _ratio(Decimal(figures.separations), average, HUNDRED),
            f"{figures.separations} separations over {average} average workers",
        ),
    }
    values["minimum-wage-ratio"] = _minimum_wage_ratio(table, figures, hourly)
    values["usmca-high-wage-ratio"] = _high_wage_ratio(table, figures, hourly)
    values["nom035-compliance"] = _nom035(table, figures)
    return tuple(
        IndicatorValue(d.id, values[d.id][0], units[d.id], values[d.id][1])
        for d in table.indicators
        if d.id in values
    )


def _minimum_wage_ratio(
    table: DecentWorkTable, figures: Figures, hourly: Decimal | None
) -> tuple[Decimal | None, str]:
    daily = table.minimum_wage(figures.year, figures.zone)
    hours = table.legal_hours(figures.year)
    if daily is None or hours is None:
        return None, f"no {figures.zone} minimum wage or legal week on file for {figures.year}"
    minimum_hourly = daily * DAYS_PAID_PER_WEEK / hours
    explanation = f"minimum MXN {daily}/day x 7 / {hours} h = MXN {minimum_hourly:.2f}/h"
    return (None if hourly is None else hourly / minimum_hourly), explanation


def _high_wage_ratio(
    table: DecentWorkTable, figures: Figures, hourly: Decimal | None
) -> tuple[Decimal | None, str]:
    if figures.usd_mxn is None:
        return None, "no exchange rate given (usd_mxn)"
    threshold = table.high_wage_usd * figures.usd_mxn
    explanation = f"USD {table.high_wage_usd}/h at {figures.usd_mxn} = MXN {threshold:.2f}/h"
    return (None if hourly is None else hourly / threshold), explanation


def _nom035(table: DecentWorkTable, figures: Figures) -> tuple[Decimal | None, str]:
    required = table.nom035_required(figures.workers)
    done = [element for element in required if element in figures.nom035_done]
    missing = [element for element in required if element not in figures.nom035_done]
    explanation = f"{len(done)} of {len(required)} obligations for {figures.workers} workers"
    if missing:
        explanation += f"; missing: {', '.join(missing)}"
    return _ratio(Decimal(len(done)), Decimal(len(required)), HUNDRED), explanation
