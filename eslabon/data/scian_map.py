"""Load the shipped SCIAN → process mapping (eslabon/data/scian_processes.csv).

The discovery app seeds its editable table from this file; the domain reads it in tests.
"""

from __future__ import annotations

import csv
from decimal import Decimal
from functools import cache
from importlib import resources

from eslabon.data import taxonomy
from eslabon.domain.discovery.scian import ScianMap, parse_rules

FILE_NAME = "scian_processes.csv"


@cache
def shipped() -> ScianMap:
    """The mapping as shipped, checked against the process taxonomy."""
    text = resources.files("eslabon.data").joinpath(FILE_NAME).read_text(encoding="utf-8")
    rows = csv.DictReader(text.splitlines())
    return parse_rules(rows, taxonomy.processes().slugs, FILE_NAME)


def shipped_fields() -> list[dict[str, object]]:
    """The shipped rules as field values of the discovery app's ScianProcessRule table
    (used by its seeding migration and by the reload service)."""
    return [
        {
            "scian_prefix": rule.prefix,
            "process": rule.process,
            "confidence": Decimal(str(rule.confidence)),
            "note": rule.note[:300],
        }
        for rule in shipped().rules
    ]
