"""Weights of the score components: documented defaults, programme and requirement overrides.

A score is the weighted mean of components in [0, 1], times 100; docs/matching.md gives the
rationale of every default, repeated briefly here next to the number.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from eslabon.domain.errors import InputError

# The order is also the tie-break order after the score (engine.py): process fit first.
COMPONENTS: tuple[str, ...] = (
    "process",
    "certification",
    "capacity",
    "material",
    "distance",
    "envelope",
    "performance",
    "text",
)

DEFAULT_WEIGHTS: Mapping[str, float] = {
    # Can the site make it at all: the first question a supplier-development engineer asks.
    "process": 30.0,
    # The cluster diagnosis of 247 firms names missing certifications (ISO 9001, IATF 16949)
    # as the main cause of the Tier 2 shortage (seeds; PRODUCT.md "Why it matters").
    "certification": 20.0,
    # ... and insufficient installed capacity as the second cause (same diagnosis).
    "capacity": 15.0,
    # A process without the material (aluminium die casting vs zinc) is a different job.
    "material": 10.0,
    # Freight cost and the delivery plant's logistics; a hard limit does most of the work.
    "distance": 10.0,
    # Size and weight often fit; when they do not, tooling and presses must change.
    "envelope": 5.0,
    # Known to few suppliers in a development programme; weighted low so as not to
    # punish newcomers, who get a neutral value.
    "performance": 5.0,
    # Free text is a weak signal next to structured fields; it breaks near-ties.
    "text": 5.0,
}


@dataclass(frozen=True, slots=True)
class Weights:
    """Non-negative weights, one per component, at least one positive."""

    values: tuple[float, ...]

    @classmethod
    def from_mapping(cls, weights: Mapping[str, float], where: str = "$") -> Weights:
        unknown = sorted(set(weights) - set(COMPONENTS))
        if unknown:
            raise InputError(f"{where}.{unknown[0]}", "unknown score component")
        for name, value in weights.items():
            if not value >= 0:
                raise InputError(f"{where}.{name}", "a weight must be a number >= 0")
        values = tuple(float(weights.get(name, 0.0)) for name in COMPONENTS)
        if sum(values) <= 0:
            raise InputError(where, "at least one weight must be positive")
        return cls(values)

    @classmethod
    def default(cls) -> Weights:
        return cls.from_mapping(DEFAULT_WEIGHTS)

    def as_dict(self) -> dict[str, float]:
        return dict(zip(COMPONENTS, self.values, strict=True))

    def normalised(self) -> npt.NDArray[np.float64]:
        array = np.asarray(self.values, dtype=np.float64)
        result: npt.NDArray[np.float64] = array / array.sum()
        return result

    def with_weight(self, component: str, value: float) -> Weights:
        return Weights.from_mapping({**self.as_dict(), component: value})


def resolve_weights(
    programme: Mapping[str, float] | None = None,
    requirement: Mapping[str, float] | None = None,
) -> Weights:
    """Defaults, overridden by the programme's weights, overridden by the requirement's.

    Overrides name only the components they change; the others keep the level below.
    """
    merged = dict(DEFAULT_WEIGHTS)
    merged.update(programme or {})
    merged.update(requirement or {})
    return Weights.from_mapping(merged)
