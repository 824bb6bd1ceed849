"""`eslabon origin check|localize`: USMCA regional value content of one good from GOOD.json.

Parses the files (JSON numbers as exact Decimal; bills of materials also from CSV or Excel),
calls the pure engine in ``eslabon.domain.origin`` and prints text or one JSON document.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import re
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from eslabon.cli.files import in_file, read_json
from eslabon.data.origin import rulebook
from eslabon.domain.errors import InputError
from eslabon.domain.origin.bom_table import materials_from_rows
from eslabon.domain.origin.check import OriginResult, check_good
from eslabon.domain.origin.localize import LocalizationResult, Plan, localize, parse_candidates
from eslabon.domain.origin.model import Good, parse_good

_CENT = Decimal("0.01")
_RAW = "\u0000num:"


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    origin = subparsers.add_parser("origin", help="USMCA rules of origin of one good")
    commands = origin.add_subparsers(dest="origin_command", required=True, metavar="SUBCOMMAND")
    check = commands.add_parser("check", help="regional value content and qualification")
    _common(check)
    check.add_argument("--date", type=dt.date.fromisoformat, help="overrides good.date")
    check.set_defaults(handler=_check)
    local = commands.add_parser("localize", help="which materials to localise first")
    _common(local)
    local.add_argument("--candidates", required=True, type=Path, metavar="CANDIDATES.json")
    local.add_argument("--date", type=dt.date.fromisoformat, help="overrides good.date")
    local.set_defaults(handler=_localize)


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("good", type=Path, metavar="GOOD.json")
    parser.add_argument("--bom", type=Path, help="materials from a CSV or .xlsx file instead")
    parser.add_argument("--json", action="store_true", help="one JSON document on stdout")


def load_good(path: Path, bom: Path | None = None) -> Good:
    data = read_json(path, decimals=True)
    if bom is not None:
        if not isinstance(data, dict):
            raise InputError(f"{path} $", "expected an object")
        data = {**data, "materials": read_bom(bom)}
    try:
        return parse_good(data)
    except InputError as error:
        raise in_file(path, error) from error


def read_bom(path: Path) -> list[dict[str, Any]]:
    """Rows of a CSV (UTF-8) or Excel workbook (first sheet) as GOOD.json materials."""
    if path.suffix.lower() == ".xlsx":
        from openpyxl import load_workbook

        workbook = load_workbook(path, read_only=True, data_only=True)
        try:
            sheet = workbook.worksheets[0]
            return materials_from_rows(sheet.iter_rows(values_only=True), path.name)
        finally:
            workbook.close()
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return materials_from_rows(csv.reader(handle), path.name)


def _check(args: argparse.Namespace) -> int:
    good = load_good(args.good, args.bom)
    result = check_good(good, rulebook(), args.date)
    if args.json:
        print(dumps(check_document(result)))
    else:
        print(check_text(result))
    return 0


def _localize(args: argparse.Namespace) -> int:
    good = load_good(args.good, args.bom)
    try:
        candidates = parse_candidates(read_json(args.candidates, decimals=True))
    except InputError as error:
        raise in_file(args.candidates, error) from error
    try:
        result = localize(good, candidates, rulebook(), args.date)
    except InputError as error:
        raise in_file(args.candidates, error) from error
    if args.json:
        print(dumps(localize_document(result)))
    else:
        print(localize_text(result))
    return 0


def pct(value: Decimal | None) -> Decimal | None:
    """Percentages are shown with two decimals, rounded half up; None stays null."""
    return None if value is None else value.quantize(_CENT, rounding=ROUND_HALF_UP)


def check_document(result: OriginResult) -> dict[str, Any]:
    threshold = result.threshold
    return {
        "hs_code": result.good.hs_code,
        "product_class": result.product_class.value,
        "end_use": threshold.end_use,
        "date": result.date.isoformat(),
        "currency": result.good.currency,
        "rvc_transaction_value": pct(result.rvc_transaction_value),
        "rvc_net_cost": pct(result.rvc_net_cost),
        "threshold_transaction_value": pct(threshold.transaction_value),
        "threshold_net_cost": pct(threshold.net_cost),
        "methods_allowed": list(threshold.methods_allowed),
        "de_minimis": result.de_minimis,
        "qualifies": result.qualifies,
        "value_non_originating": result.value_non_originating,
        "materials_unknown": list(result.materials_unknown),
        "materials": [
            {
                "id": c.material_id,
                "path": c.path,
                "status": c.status.value,
                "value": c.value,
                "non_originating_value": c.non_originating_value,
                "reason": c.reason,
            }
            for c in result.materials
        ],
        "steel_aluminium": [
            {
                "metal": m.metal,
                "materials": list(m.material_ids),
                "value": m.value,
                "originating_value": m.originating_value,
                "originating_percent": pct(m.percent),
                "meets_70_percent": m.meets,
            }
            for m in result.metals
        ],
        "core_parts": [
            {"material_id": c.material_id, "part": c.part, "originating": c.originating}
            for c in result.core_parts
        ],
        "labour_value_content": _lvc_document(result),
        "trace": [
            {
                "figure": t.figure,
                "value": t.value,
                "rule": t.rule,
                "materials": list(t.material_ids),
            }
            for t in result.trace
        ],
    }


def _lvc_document(result: OriginResult) -> dict[str, Any] | None:
    lvc = result.lvc
    if lvc is None:
        return None
    return {
        "total": pct(lvc.total),
        "required_total": lvc.required_total,
        "high_wage_material_and_manufacturing": pct(lvc.material_and_manufacturing_points),
        "required_high_wage_material_and_manufacturing": lvc.required_material_and_manufacturing,
        "technology": pct(lvc.technology_points),
        "technology_uncapped": pct(lvc.technology_points_uncapped),
        "assembly": lvc.assembly_points,
        "high_wage_materials": list(lvc.high_wage_material_ids),
        "meets": lvc.meets,
        "source": lvc.source,
    }


def localize_document(result: LocalizationResult) -> dict[str, Any]:
    before = result.before
    return {
        "before": {
            "rvc_transaction_value": pct(before.rvc_transaction_value),
            "rvc_net_cost": pct(before.rvc_net_cost),
            "threshold_transaction_value": pct(before.threshold.transaction_value),
            "threshold_net_cost": pct(before.threshold.net_cost),
            "methods_allowed": list(before.threshold.methods_allowed),
            "qualifies": before.qualifies,
            "value_non_originating": before.value_non_originating,
        },
        "exact": _plan_document(result.exact),
        "greedy": _plan_document(result.greedy),
    }


def _plan_document(plan: Plan) -> dict[str, Any]:
    return {
        "reachable": plan.reachable,
        "proven_optimal": plan.proven_optimal,
        "method": plan.method,
        "added_cost": plan.added_cost,
        "import_substitution_value": plan.import_substitution_value,
        "steps": [
            {
                "material_id": s.option.candidate.material_id,
                "supplier": s.option.candidate.supplier,
                "unit_price": s.option.candidate.unit_price,
                "current_value": s.option.current_value,
                "new_value": s.option.new_value,
                "added_cost": s.option.added_cost,
                "value_non_originating_removed": s.option.vnm_removed,
                "rvc_net_cost": pct(s.rvc_net_cost),
                "rvc_transaction_value": pct(s.rvc_transaction_value),
                "qualifies": s.qualifies,
            }
            for s in plan.steps
        ],
    }


def dumps(document: Any) -> str:
    """JSON with every Decimal written as the exact number it is (75.00 stays 75.00)."""

    def raw(value: Any) -> Any:
        if isinstance(value, Decimal):
            return f"{_RAW}{value:f}"
        if isinstance(value, dict):
            return {k: raw(v) for k, v in value.items()}
        if isinstance(value, list):
            return [raw(v) for v in value]
        return value

    text = json.dumps(raw(document), ensure_ascii=False, indent=2)
    return re.sub(r'"\\u0000num:(-?[0-9.]+)"', r"\1", text)


def _show(value: Decimal | None) -> str:
    return "n/a" if value is None else f"{pct(value)}%"


def check_text(result: OriginResult) -> str:
    t = result.threshold
    lines = [
        f"HS {result.good.hs_code} · {result.product_class.value} · {result.date.isoformat()}",
        f"RVC net cost:          {_show(result.rvc_net_cost)}  (threshold {_show(t.net_cost)})",
        f"RVC transaction value: {_show(result.rvc_transaction_value)}"
        f"  (threshold {_show(t.transaction_value)})",
        f"Methods allowed: {', '.join(t.methods_allowed)}",
        f"Non-originating value: {result.value_non_originating} {result.good.currency}",
    ]
    if result.materials_unknown:
        lines.append(
            f"Origin unknown (counted non-originating): {', '.join(result.materials_unknown)}"
        )
    if result.de_minimis:
        lines.append("De minimis: non-originating value within 10% (UR s.5(4))")
    for metal in result.metals:
        lines.append(f"{metal.metal}: {_show(metal.percent)} originating of {metal.value}")
    for core in result.core_parts:
        state = "originating" if core.originating else "NOT originating (UR s.14(4))"
        lines.append(f"Core part {core.material_id} ({core.part}): {state}")
    if result.lvc is not None:
        lines.append(
            f"LVC: {_show(result.lvc.total)} (required {_show(result.lvc.required_total)})"
            f" {'meets' if result.lvc.meets else 'does not meet'}"
        )
    lines.append("QUALIFIES" if result.qualifies else "DOES NOT QUALIFY")
    return "\n".join(lines)


def localize_text(result: LocalizationResult) -> str:
    lines = [
        f"Now: RVC NC {_show(result.before.rvc_net_cost)},"
        f" TV {_show(result.before.rvc_transaction_value)}",
    ]
    for plan in (result.exact, result.greedy):
        lines.append("")
        title = "Least added cost (exact)" if plan.name == "exact" else "Greedy order"
        if not plan.reachable:
            lines.append(f"{title}: the threshold cannot be reached with these candidates")
            continue
        lines.append(
            f"{title}: added cost {plan.added_cost},"
            f" import substitution {plan.import_substitution_value}"
        )
        for n, step in enumerate(plan.steps, start=1):
            c = step.option.candidate
            lines.append(
                f"  {n}. {c.material_id} from {c.supplier}: +{step.option.added_cost}"
                f" → NC {_show(step.rvc_net_cost)} TV {_show(step.rvc_transaction_value)}"
                f"{'  ✓' if step.qualifies else ''}"
            )
    return "\n".join(lines)
