"""Writes of the matching pages: a requirement's own weights, validated by the engine."""

from __future__ import annotations

from django.db import transaction

from eslabon.domain.matching import Weights
from eslabon.hub.models import Requirement


@transaction.atomic
def save_requirement_weights(*, requirement: Requirement, weights: dict[str, float]) -> None:
    """Store the buyer's weights for this requirement; InputError names a bad component."""
    Weights.from_mapping(weights, where="weights")
    requirement.match_weights = {name: float(value) for name, value in weights.items()}
    requirement.save(update_fields=["match_weights"])
