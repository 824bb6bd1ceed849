"""`eslabon match REQUIREMENT.json [--suppliers SUPPLIERS.json] [--top N] [--json]`.

Parses the files, ranks with the pure engine (eslabon.domain.matching) and prints a table or
the JSON list of issue 4. Without --suppliers the suppliers come from the registry through
eslabon.cli.match_registry, which owns the database access.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any, TypeVar

from eslabon.cli.files import in_file, read_json
from eslabon.domain.errors import InputError
from eslabon.domain.geo import DEFAULT_CIRCUITY
from eslabon.domain.matching import (
    COMPONENTS,
    DEFAULT_WEIGHTS,
    MatchResult,
    Ranking,
    SensitivityStep,
    Supplier,
    SupplierTable,
    parse_requirement,
    parse_suppliers,
    parse_weights,
    rank,
    resolve_weights,
    sensitivity,
)

T = TypeVar("T")

# Multiples of the current weight shown by --sensitivity.
SENSITIVITY_FACTORS = (0.0, 0.5, 2.0, 4.0)


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "match",
        help="rank suppliers for one requirement, with reasons and gaps",
        description="Rank suppliers for a requirement; eligible first, then by score 0-100.",
    )
    parser.add_argument("requirement", type=Path, metavar="REQUIREMENT.json")
    parser.add_argument(
        "--suppliers",
        type=Path,
        metavar="SUPPLIERS.json",
        help="rank the suppliers in this file instead of the registry (no database needed)",
    )
    parser.add_argument("--top", type=_positive, metavar="N", help="show the N best only")
    parser.add_argument("--json", action="store_true", help="one JSON document on stdout")
    parser.add_argument(
        "--weights",
        type=Path,
        metavar="WEIGHTS.json",
        help='programme weights, e.g. {"certification": 30}; the requirement\'s own win',
    )
    parser.add_argument(
        "--circuity",
        type=float,
        default=DEFAULT_CIRCUITY,
        help=f"road km per great-circle km (default {DEFAULT_CIRCUITY})",
    )
    parser.add_argument(
        "--sensitivity",
        choices=COMPONENTS,
        metavar="COMPONENT",
        help="instead of the ranking, show how the top N (default 10) change when this "
        "component's weight is set to 0, half, double and four times its value",
    )
    parser.add_argument(
        "--date",
        type=dt.date.fromisoformat,
        help="date certifications must hold on when the requirement has no sop_date "
        "(default: today)",
    )
    parser.set_defaults(handler=handle)


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


def handle(args: argparse.Namespace) -> int:
    requirement = _parse(args.requirement, parse_requirement)
    programme = _parse(args.weights, parse_weights) if args.weights else None
    if args.suppliers is not None:
        suppliers: Sequence[Supplier] = _parse(args.suppliers, parse_suppliers)
    else:
        from eslabon.cli.match_registry import load_registry_suppliers

        suppliers = load_registry_suppliers()
    if not args.circuity >= 1.0:
        raise InputError("--circuity", "a road is never shorter than the great circle: use >= 1")
    table = SupplierTable.build(suppliers)
    today = args.date or dt.datetime.now(dt.UTC).date()
    if args.sensitivity:
        current = resolve_weights(programme, dict(requirement.weights)).as_dict()[args.sensitivity]
        # A weight at 0 has no multiples: move it around its default instead.
        base = current or DEFAULT_WEIGHTS[args.sensitivity]
        steps = sensitivity(
            requirement,
            table,
            today=today,
            component=args.sensitivity,
            values=[base * factor for factor in SENSITIVITY_FACTORS],
            programme_weights=programme,
            circuity=args.circuity,
            top=args.top or 10,
        )
        if args.json:
            json.dump([asdict(step) for step in steps], sys.stdout, ensure_ascii=False)
            sys.stdout.write("\n")
        else:
            sys.stdout.write(render_sensitivity(args.sensitivity, current, steps))
        return 0
    ranking = rank(
        requirement,
        table,
        today=today,
        programme_weights=programme,
        circuity=args.circuity,
        top=args.top,
    )
    if args.json:
        json.dump([result_json(r) for r in ranking.results], sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(render_table(ranking))
    return 0


def _parse(path: Path, parser: Callable[[Any], T]) -> T:
    try:
        return parser(read_json(path))
    except InputError as error:
        if error.where.startswith("$"):
            raise in_file(path, error) from error
        raise


def result_json(result: MatchResult) -> dict[str, Any]:
    """The --json shape of issue 4, plus the site and road distance the score came from."""
    return {
        "supplier_id": result.supplier_id,
        "eligible": result.eligible,
        "score": round(result.score, 2),
        "components": {name: round(value, 4) for name, value in result.components},
        "gaps": [
            {
                "kind": gap.kind,
                "detail": gap.detail,
                "shortfall": _number(gap.shortfall),
                "subject": gap.subject,
                "blocking": gap.blocking,
            }
            for gap in result.gaps
        ],
        "site_id": result.site_id,
        "road_km": result.road_km,
    }


def _number(value: float | None) -> float | int | None:
    """Whole shortfalls (pieces, km, days) print as integers."""
    if value is not None and value.is_integer():
        return int(value)
    return value


def render_table(ranking: Ranking) -> str:
    header = f"{'#':>3}  {'supplier':<24} {'eligible':<8} {'score':>6}  {'site':<16} gaps"
    lines = [
        f"Requirement {ranking.requirement_id}: {len(ranking.results)} of {ranking.total} "
        f"suppliers; certifications on {ranking.certifications_on.isoformat()}; "
        f"circuity {ranking.circuity:g}",
        header,
        "-" * len(header),
    ]
    for place, result in enumerate(ranking.results, start=1):
        gaps = "; ".join(gap.detail for gap in result.gaps) or "-"
        lines.append(
            f"{place:>3}  {result.supplier_id:<24} {'yes' if result.eligible else 'no':<8} "
            f"{result.score:>6.2f}  {result.site_id or '-':<16} {gaps}"
        )
    return "\n".join(lines) + "\n"


def render_sensitivity(component: str, current: float, steps: Sequence[SensitivityStep]) -> str:
    lines = [f"Weight of {component}: {current:g} now (the others unchanged)"]
    for step in steps:
        changes = []
        if step.entered:
            changes.append("enter " + ", ".join(step.entered))
        if step.left:
            changes.append("leave " + ", ".join(step.left))
        changes += [f"{sid} {old}->{new}" for sid, old, new in step.moved]
        lines.append(f"  {step.weight:g}: " + ("; ".join(changes) or "top unchanged"))
        lines.append("      " + " > ".join(step.top))
    return "\n".join(lines) + "\n"
