"""Load the shipped SCIAN → process mapping (eslabon/data/scian_processes.csv).

The discovery app seeds its editable table from this file; the domain reads it in tests.
"""

from __future__ import annotations

import csv
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
