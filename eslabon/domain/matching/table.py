"""Suppliers flattened into columns once, so that ranking one requirement is array work.

Rows are capabilities (site x process), grouped by site in order; sites are grouped by
supplier. Every site has at least one row and every supplier at least one site (empty
placeholders with no process and no location), so that segment reductions never see gaps.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cache

import numpy as np
import numpy.typing as npt

from eslabon.data import taxonomy
from eslabon.domain.matching.model import CertificationStatus, Performance, Supplier
from eslabon.domain.matching.similarity import TextIndex, TextMethod, default_method

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]

# Dates as proleptic ordinals; "no date" sentinels sit beyond any real date.
NEVER_EXPIRES = np.iinfo(np.int64).max
NO_DATE = np.iinfo(np.int64).max
NOT_HELD = np.iinfo(np.int64).min


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """Integer codes of the shipped taxonomies; process code len(processes) means 'none'."""

    processes: tuple[str, ...]
    materials: tuple[str, ...]
    certifications: tuple[str, ...]

    def process_code(self, slug: str) -> int:
        return self.processes.index(slug)

    def material_bit(self, slug: str) -> int:
        return 1 << self.materials.index(slug)

    def certification_code(self, slug: str) -> int:
        return self.certifications.index(slug)


@cache
def vocabulary() -> Vocabulary:
    vocab = Vocabulary(
        processes=tuple(sorted(taxonomy.processes().slugs)),
        materials=tuple(sorted(taxonomy.materials().slugs)),
        certifications=tuple(sorted(taxonomy.certifications().slugs)),
    )
    if len(vocab.materials) > 63:  # materials are packed in one int64 bitmask per row
        raise ValueError("more than 63 materials: widen the material bitmask")
    return vocab


@dataclass(frozen=True, slots=True)
class SupplierTable:
    """Columnar view of a supplier set; build once, rank many requirements against it."""

    suppliers: tuple[Supplier, ...]
    id_rank: IntArray  # position of each supplier id in sorted order (tie-break)
    # one entry per capability row
    cap_process: IntArray
    cap_materials: IntArray
    cap_max_dimension: FloatArray
    cap_max_weight: FloatArray
    cap_free: FloatArray  # pieces a year; -1 where the annual capacity is not declared
    # one entry per site
    site_start: IntArray  # first capability row of each site
    site_supplier: IntArray
    site_position: IntArray  # index within its supplier's sites; -1 for a placeholder
    site_lat: FloatArray
    site_lon: FloatArray
    # one entry per supplier
    supplier_start: IntArray  # first site of each supplier
    performance: FloatArray
    # supplier x certification, as date ordinals
    held_until: IntArray  # NOT_HELD, an expiry ordinal, or NEVER_EXPIRES
    in_progress_expected: IntArray  # NOT_HELD, an expected ordinal, or NO_DATE
    planned: BoolArray
    text: TextIndex

    @property
    def site_count(self) -> int:
        return len(self.site_start)

    @classmethod
    def build(
        cls, suppliers: Sequence[Supplier], text_method: TextMethod | None = None
    ) -> SupplierTable:
        vocab = vocabulary()
        none_process = len(vocab.processes)
        cap_process: list[int] = []
        cap_materials: list[int] = []
        cap_dim: list[float] = []
        cap_weight: list[float] = []
        cap_free: list[float] = []
        site_start: list[int] = []
        site_supplier: list[int] = []
        site_position: list[int] = []
        site_lat: list[float] = []
        site_lon: list[float] = []
        supplier_start: list[int] = []
        for s_index, supplier in enumerate(suppliers):
            supplier_start.append(len(site_start))
            sites = supplier.sites or (None,)
            for position, site in enumerate(sites):
                site_start.append(len(cap_process))
                site_supplier.append(s_index)
                site_position.append(position if site is not None else -1)
                site_lat.append(site.location.lat if site is not None else math.nan)
                site_lon.append(site.location.lon if site is not None else math.nan)
                capabilities = site.capabilities if site is not None else ()
                for cap in capabilities:
                    cap_process.append(vocab.process_code(cap.process))
                    mask = 0
                    for material in cap.materials:
                        mask |= vocab.material_bit(material)
                    cap_materials.append(mask)
                    cap_dim.append(_or_nan(cap.max_dimension_mm))
                    cap_weight.append(_or_nan(cap.max_weight_kg))
                    free = cap.free_capacity
                    cap_free.append(-1.0 if free is None else free)
                if not capabilities:
                    cap_process.append(none_process)
                    cap_materials.append(0)
                    cap_dim.append(math.nan)
                    cap_weight.append(math.nan)
                    cap_free.append(-1.0)
        held, expected, planned = _certification_columns(suppliers, vocab)
        order = sorted(range(len(suppliers)), key=lambda i: suppliers[i].id)
        id_rank = np.empty(len(suppliers), dtype=np.int64)
        id_rank[order] = np.arange(len(suppliers))
        method = text_method or default_method()
        return cls(
            suppliers=tuple(suppliers),
            id_rank=id_rank,
            cap_process=np.asarray(cap_process, dtype=np.int64),
            cap_materials=np.asarray(cap_materials, dtype=np.int64),
            cap_max_dimension=np.asarray(cap_dim, dtype=np.float64),
            cap_max_weight=np.asarray(cap_weight, dtype=np.float64),
            cap_free=np.asarray(cap_free, dtype=np.float64),
            site_start=np.asarray(site_start, dtype=np.int64),
            site_supplier=np.asarray(site_supplier, dtype=np.int64),
            site_position=np.asarray(site_position, dtype=np.int64),
            site_lat=np.asarray(site_lat, dtype=np.float64),
            site_lon=np.asarray(site_lon, dtype=np.float64),
            supplier_start=np.asarray(supplier_start, dtype=np.int64),
            performance=np.asarray([performance_score(s) for s in suppliers], dtype=np.float64),
            held_until=held,
            in_progress_expected=expected,
            planned=planned,
            text=method.index([supplier.text for supplier in suppliers]),
        )

    def with_performance(self, performance: Mapping[str, Performance]) -> SupplierTable:
        """The same table with each supplier's performance replaced (by supplier id).

        Suppliers missing from ``performance`` get the empty record. The columns built from
        sites, capabilities, certificates and text do not depend on performance, so a table
        built once can follow the performance records, which change more often.
        """
        suppliers = tuple(
            replace(supplier, performance=performance.get(supplier.id, Performance()))
            for supplier in self.suppliers
        )
        return replace(
            self,
            suppliers=suppliers,
            performance=np.asarray([performance_score(s) for s in suppliers], dtype=np.float64),
        )


def _or_nan(value: float | None) -> float:
    return math.nan if value is None else float(value)


def _certification_columns(
    suppliers: Sequence[Supplier], vocab: Vocabulary
) -> tuple[IntArray, IntArray, BoolArray]:
    """Per supplier and standard: latest validity of a held certificate, earliest expected
    date of one in progress, and whether one is planned (a supplier may list several)."""
    shape = (len(suppliers), len(vocab.certifications))
    held = np.full(shape, NOT_HELD, dtype=np.int64)
    expected = np.full(shape, NOT_HELD, dtype=np.int64)
    planned = np.zeros(shape, dtype=np.bool_)
    for row, supplier in enumerate(suppliers):
        for cert in supplier.certifications:
            col = vocab.certification_code(cert.standard)
            if cert.status is CertificationStatus.HELD:
                until = cert.expires.toordinal() if cert.expires else NEVER_EXPIRES
                held[row, col] = max(held[row, col], until)
            elif cert.status is CertificationStatus.IN_PROGRESS:
                when = cert.expected.toordinal() if cert.expected else NO_DATE
                current = expected[row, col]
                expected[row, col] = when if current == NOT_HELD else min(current, when)
            else:
                planned[row, col] = True
    return held, expected, planned


# Unknown performance is neutral: newcomers are neither rewarded nor punished.
NEUTRAL_PERFORMANCE = 0.5
# Defect rate at which the quality half of performance is 0.5 (defects per million parts).
REFERENCE_PPM = 100.0


def performance_score(supplier: Supplier) -> float:
    """Mean of on-time delivery, response rate and PPAP first-time approval (0-1) and
    1 / (1 + ppm / 100), of those known."""
    record = supplier.performance
    parts: list[float] = [
        pct / 100.0
        for pct in (
            record.on_time_delivery_pct,
            record.response_rate_pct,
            record.ppap_first_time_pct,
        )
        if pct is not None
    ]
    if record.defect_ppm is not None:
        parts.append(1.0 / (1.0 + record.defect_ppm / REFERENCE_PPM))
    return sum(parts) / len(parts) if parts else NEUTRAL_PERFORMANCE
