"""Great-circle and estimated road distances, scalar and vectorised.

Matching, discovery and the directory all ask "how far is this plant"; road distance is
estimated as great-circle distance times a circuity factor (see docs/matching.md).
"""

from __future__ import annotations

import math

import numpy as np
import numpy.typing as npt

EARTH_RADIUS_KM = 6371.0088  # IUGG mean Earth radius

# Road/great-circle ratios ("circuity factors") measured for national road networks lie
# mostly between 1.2 and 1.4 (Ballou, Rahardja & Sakai 2002, "Selected country circuity
# factors for road travel distance estimation", Transportation Research Part A 36(9)).
# 1.3 is our default, a judgement recorded in docs/matching.md and configurable per call.
DEFAULT_CIRCUITY = 1.3


def great_circle_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Haversine distance in kilometres between two WGS84 points."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlmb = math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def great_circle_km_array(
    lat: float,
    lon: float,
    lats: npt.NDArray[np.float64],
    lons: npt.NDArray[np.float64],
) -> npt.NDArray[np.float64]:
    """Haversine distance from one point to many, in kilometres; NaN where a point is NaN."""
    phi1 = np.radians(lat)
    phi2 = np.radians(lats)
    dphi = phi2 - phi1
    dlmb = np.radians(lons - lon)
    a = np.sin(dphi / 2) ** 2 + np.cos(phi1) * np.cos(phi2) * np.sin(dlmb / 2) ** 2
    result: npt.NDArray[np.float64] = 2 * EARTH_RADIUS_KM * np.arcsin(np.minimum(1.0, np.sqrt(a)))
    return result


def road_km(great_circle: float, circuity: float = DEFAULT_CIRCUITY) -> float:
    """Estimated road distance from a great-circle distance."""
    return great_circle * circuity
