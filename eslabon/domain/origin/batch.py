"""RVC of many goods at once (a programme's portfolio), vectorised with numpy on exact integers.

Money arrives in integer minor units (cents or finer), so sums and the threshold test are exact
integer arithmetic; only the displayed RVC is a float.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import numpy as np
from numpy.typing import NDArray


@dataclass(frozen=True, slots=True)
class BatchResult:
    value_non_originating: NDArray[np.int64]  # per good, minor units
    meets: NDArray[np.bool_]  # RVC ≥ threshold, decided exactly
    rvc: NDArray[np.float64]  # for display only


def minor_units(amounts: list[Decimal], scale: int = 100) -> NDArray[np.int64]:
    """Decimal amounts as exact integers of 1/scale; an amount finer than that is refused."""
    out = np.empty(len(amounts), dtype=np.int64)
    for i, amount in enumerate(amounts):
        scaled = amount * scale
        if scaled != scaled.to_integral_value():
            raise ValueError(f"{amount} is finer than 1/{scale}")
        out[i] = int(scaled)
    return out


def rvc_batch(
    values: NDArray[np.int64],
    non_originating: NDArray[np.bool_],
    base: NDArray[np.int64],
    threshold: Decimal,
) -> BatchResult:
    """RVC = (base − VNM) ÷ base × 100 for each row (UR s.7(2)-(3)).

    ``values`` and ``non_originating`` are goods × lines (pad short BOMs with zero values);
    ``base`` is each good's net cost or transaction value in the same minor units. The test
    100·(base − VNM) ≥ t·base is done on integers scaled by the threshold's decimals, so it
    holds up to amounts of about 10^14 minor units.
    """
    vnm = np.where(non_originating, values, 0).sum(axis=1, dtype=np.int64)
    exponent = threshold.as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    t = int(threshold.scaleb(places))
    meets = (base - vnm) * (100 * 10**places) >= base * t
    rvc = (base - vnm) / base * 100.0
    return BatchResult(value_non_originating=vnm, meets=meets, rvc=rvc)
