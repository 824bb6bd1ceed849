"""Load the USMCA rule book (Tables A.1-E and S, thresholds, methods, LVC) from its CSV files.

The files are transcribed from SOR/2020-155 (the Uniform Regulations); the engine in
``eslabon.domain.origin`` only looks the facts up.
"""

from __future__ import annotations

import csv
import datetime as dt
from decimal import Decimal
from functools import cache
from importlib import resources

from eslabon.domain.origin.model import ProductClass
from eslabon.domain.origin.rules import (
    LvcStep,
    MethodRule,
    RuleBook,
    TableEntry,
    ThresholdStep,
    VehicleClassRule,
    WageRate,
)


def _rows(name: str) -> list[dict[str, str]]:
    text = resources.files(__name__).joinpath(name).read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines()))


@cache
def rulebook() -> RuleBook:
    """The shipped rule book, read once per process."""
    return RuleBook(
        tables=tuple(
            TableEntry(
                r["table"], r["hs"].replace(".", ""), r["ex"] == "ex", r["group"], r["description"]
            )
            for r in _rows("hs_tables.csv")
        ),
        thresholds=tuple(
            ThresholdStep(
                ProductClass(r["product_class"]),
                r["end_use"],
                dt.date.fromisoformat(r["valid_from"]),
                Decimal(r["net_cost"]),
                Decimal(r["transaction_value"]) if r["transaction_value"] else None,
                r["source"],
            )
            for r in _rows("thresholds.csv")
        ),
        methods=tuple(
            MethodRule(r["hs_prefix"], r["transaction_value_method"] == "yes", r["source"])
            for r in _rows("methods.csv")
        ),
        lvc=tuple(
            LvcStep(
                ProductClass(r["product_class"]),
                dt.date.fromisoformat(r["valid_from"]),
                Decimal(r["total"]),
                Decimal(r["high_wage_material_and_manufacturing"]),
                Decimal(r["technology_cap"]),
                Decimal(r["assembly_credit"]),
                r["source"],
            )
            for r in _rows("lvc.csv")
        ),
        vehicle_classes=tuple(
            VehicleClassRule(r["hs_prefix"], ProductClass(r["product_class"]), r["source"])
            for r in _rows("vehicle_classes.csv")
        ),
        wage_rates=tuple(
            WageRate(r["country"], r["currency"], Decimal(r["hourly_base_wage"]), r["source"])
            for r in _rows("high_wage_rates.csv")
        ),
    )
