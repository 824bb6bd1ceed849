"""Matching engine: rank suppliers for a requirement, explain each rank, name the gaps.

Pure and typed; the CLI and the web layer parse input (inputs.py) or load registry rows into
the values of model.py, build a SupplierTable once, and call rank / sensitivity /
requirements_for.
"""

from eslabon.domain.matching.engine import (
    MatchResult,
    Ranking,
    ReverseMatch,
    SensitivityStep,
    rank,
    requirements_for,
    sensitivity,
)
from eslabon.domain.matching.gaps import Gap
from eslabon.domain.matching.inputs import parse_requirement, parse_suppliers, parse_weights
from eslabon.domain.matching.model import Requirement, Supplier
from eslabon.domain.matching.table import SupplierTable
from eslabon.domain.matching.weights import COMPONENTS, DEFAULT_WEIGHTS, Weights, resolve_weights

__all__ = [
    "COMPONENTS",
    "DEFAULT_WEIGHTS",
    "Gap",
    "MatchResult",
    "Ranking",
    "Requirement",
    "ReverseMatch",
    "SensitivityStep",
    "Supplier",
    "SupplierTable",
    "Weights",
    "parse_requirement",
    "parse_suppliers",
    "parse_weights",
    "rank",
    "requirements_for",
    "resolve_weights",
    "sensitivity",
]
