"""The REQUIREMENT.json and SUPPLIERS.json formats (docs/matching.md), validated by pydantic.

Errors name the JSON path (``$[3].sites[0].capabilities[1].process``); valid input is turned
into the frozen values of model.py, which is all the engine sees.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from eslabon.data import taxonomy
from eslabon.domain.errors import InputError
from eslabon.domain.matching import model
from eslabon.domain.matching.weights import COMPONENTS
from eslabon.domain.validation import parse_as, parse_model

_SINGULAR = {"processes": "process", "materials": "material", "certifications": "certification"}


def _slug_of(name: taxonomy.TaxonomyName) -> AfterValidator:
    def check(value: str) -> str:
        if value not in taxonomy.load(name).slugs:
            raise ValueError(f"unknown {_SINGULAR[name]} slug {value!r} (eslabon/data/{name}.csv)")
        return value

    return AfterValidator(check)


ProcessSlug = Annotated[str, _slug_of("processes")]
MaterialSlug = Annotated[str, _slug_of("materials")]
CertificationSlug = Annotated[str, _slug_of("certifications")]
NonNegative = Annotated[float, Field(ge=0)]


def _known_components(weights: dict[str, float]) -> dict[str, float]:
    unknown = sorted(set(weights) - set(COMPONENTS))
    if unknown:
        raise ValueError(f"unknown weight {unknown[0]!r}; known: {', '.join(COMPONENTS)}")
    return weights


WeightMap = Annotated[dict[str, NonNegative], AfterValidator(_known_components)]


class _Input(BaseModel):
    # Files exported by other tools may carry more fields; only the documented ones are read.
    model_config = ConfigDict(extra="ignore", frozen=True)


class PointIn(_Input):
    lat: Annotated[float, Field(ge=-90, le=90)]
    lon: Annotated[float, Field(ge=-180, le=180)]


class PartIn(_Input):
    max_dimension_mm: Annotated[float, Field(gt=0)] | None = None
    weight_kg: Annotated[float, Field(gt=0)] | None = None


class RequirementIn(_Input):
    id: str
    title: str = ""
    description: str = ""
    processes: Annotated[list[ProcessSlug], Field(min_length=1)]
    materials: list[MaterialSlug] = []
    part: PartIn = PartIn()
    annual_volume: Annotated[int, Field(ge=0)] | None = None
    required_certifications: list[CertificationSlug] = []
    sop_date: dt.date | None = None
    ppap_level: Annotated[int, Field(ge=1, le=5)] | None = None  # AIAG PPAP levels 1-5
    delivery: PointIn | None = None
    max_distance_km: Annotated[float, Field(gt=0)] | None = None
    weights: WeightMap = {}

    def to_domain(self) -> model.Requirement:
        return model.Requirement(
            id=self.id,
            title=self.title,
            description=self.description,
            processes=tuple(dict.fromkeys(self.processes)),
            materials=tuple(dict.fromkeys(self.materials)),
            part=model.PartEnvelope(self.part.max_dimension_mm, self.part.weight_kg),
            annual_volume=self.annual_volume,
            required_certifications=tuple(dict.fromkeys(self.required_certifications)),
            sop_date=self.sop_date,
            ppap_level=self.ppap_level,
            delivery=model.Point(self.delivery.lat, self.delivery.lon) if self.delivery else None,
            max_distance_km=self.max_distance_km,
            weights=tuple(sorted(self.weights.items())),
        )


class CapabilityIn(_Input):
    process: ProcessSlug
    materials: list[MaterialSlug] = []
    max_dimension_mm: Annotated[float, Field(gt=0)] | None = None
    max_weight_kg: Annotated[float, Field(gt=0)] | None = None
    annual_capacity: NonNegative | None = None
    utilisation: Annotated[float, Field(ge=0, le=1)] = 0.0
    description: str = ""

    def to_domain(self) -> model.Capability:
        return model.Capability(
            process=self.process,
            materials=tuple(dict.fromkeys(self.materials)),
            max_dimension_mm=self.max_dimension_mm,
            max_weight_kg=self.max_weight_kg,
            annual_capacity=self.annual_capacity,
            utilisation=self.utilisation,
            description=self.description,
        )


class SiteIn(_Input):
    id: str
    lat: Annotated[float, Field(ge=-90, le=90)]
    lon: Annotated[float, Field(ge=-180, le=180)]
    state: str = ""
    capabilities: list[CapabilityIn] = []

    def to_domain(self) -> model.Site:
        return model.Site(
            id=self.id,
            location=model.Point(self.lat, self.lon),
            capabilities=tuple(cap.to_domain() for cap in self.capabilities),
            state=self.state,
        )


class CertificationIn(_Input):
    standard: CertificationSlug
    status: model.CertificationStatus
    expires: dt.date | None = None
    expected: dt.date | None = None


class PerformanceIn(_Input):
    on_time_delivery_pct: Annotated[float, Field(ge=0, le=100)] | None = None
    defect_ppm: NonNegative | None = None
    response_rate_pct: Annotated[float, Field(ge=0, le=100)] | None = None
    ppap_first_time_pct: Annotated[float, Field(ge=0, le=100)] | None = None


class SupplierIn(_Input):
    id: str
    name: str = ""
    employees: Annotated[int, Field(ge=0)] | None = None
    description: str = ""
    sites: list[SiteIn] = []
    certifications: list[CertificationIn] = []
    performance: PerformanceIn = PerformanceIn()

    def to_domain(self) -> model.Supplier:
        return model.Supplier(
            id=self.id,
            name=self.name,
            description=self.description,
            employees=self.employees,
            sites=tuple(site.to_domain() for site in self.sites),
            certifications=tuple(
                model.Certification(cert.standard, cert.status, cert.expires, cert.expected)
                for cert in self.certifications
            ),
            performance=model.Performance(
                self.performance.on_time_delivery_pct,
                self.performance.defect_ppm,
                self.performance.response_rate_pct,
                self.performance.ppap_first_time_pct,
            ),
        )


def parse_requirement(data: Any) -> model.Requirement:
    """Validate one REQUIREMENT.json document; InputError names the JSON path at fault."""
    return parse_model(RequirementIn, data).to_domain()


def parse_suppliers(data: Any) -> tuple[model.Supplier, ...]:
    """Validate a SUPPLIERS.json document (a list); supplier ids must be unique."""
    suppliers = tuple(s.to_domain() for s in parse_as(list[SupplierIn], data))
    seen: set[str] = set()
    for index, supplier in enumerate(suppliers):
        if supplier.id in seen:
            raise InputError(f"$[{index}].id", f"duplicate supplier id {supplier.id!r}")
        seen.add(supplier.id)
    return suppliers


def parse_weights(data: Any, root: str = "$") -> dict[str, float]:
    """Validate a weights document ({"process": 30, ...}) as for a programme."""
    return dict(parse_as(WeightMap, data, root))
