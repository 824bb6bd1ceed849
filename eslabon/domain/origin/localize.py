"""Localisation what-if: which non-originating materials to source locally, least cost first.

An exact integer programme (OR-Tools CP-SAT) picks the cheapest set of candidate suppliers
that lifts the RVC to the threshold; a greedy order (cost per unit of VNM removed) is shown
beside it. Money is scaled to exact integers, so the programme decides the same as Decimal.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from ortools.sat.python import cp_model
from pydantic import BaseModel, ConfigDict, Field

from eslabon.domain.errors import InputError
from eslabon.domain.origin.check import OriginResult, check_good
from eslabon.domain.origin.model import Good, Money, walk
from eslabon.domain.origin.rules import RuleBook
from eslabon.domain.origin.rvc import meets, rvc
from eslabon.domain.validation import parse_as

SOLVER_SECONDS = 20.0


@dataclass(frozen=True, slots=True)
class Candidate:
    """A local supplier offering to make one material at ``unit_price`` (originating)."""

    material_id: str
    supplier: str
    unit_price: Decimal


class CandidateIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    material_id: str = Field(min_length=1)
    supplier: str = Field(min_length=1)
    unit_price: Money


def parse_candidates(data: object) -> list[Candidate]:
    """Validate a CANDIDATES.json document, or raise InputError naming the JSON path."""
    rows = parse_as(list[CandidateIn], data)
    return [Candidate(r.material_id, r.supplier, r.unit_price) for r in rows]


@dataclass(frozen=True, slots=True)
class Option:
    candidate: Candidate
    current_value: Decimal
    new_value: Decimal
    vnm_removed: Decimal

    @property
    def added_cost(self) -> Decimal:
        return self.new_value - self.current_value


@dataclass(frozen=True, slots=True)
class Step:
    option: Option
    rvc_net_cost: Decimal | None
    rvc_transaction_value: Decimal | None
    qualifies: bool


@dataclass(frozen=True, slots=True)
class Plan:
    """One way to localise: the steps in order, their cost and what they substitute."""

    name: str  # "exact" or "greedy"
    reachable: bool
    proven_optimal: bool
    method: str | None  # the method whose threshold the plan reaches
    steps: tuple[Step, ...]
    added_cost: Decimal
    import_substitution_value: Decimal


@dataclass(frozen=True, slots=True)
class LocalizationResult:
    before: OriginResult
    exact: Plan
    greedy: Plan


def localize(
    good: Good, candidates: list[Candidate], book: RuleBook, on: dt.date | None = None
) -> LocalizationResult:
    before = check_good(good, book, on)
    options = _options(good, before, candidates)
    targets = _targets(good, before)
    exact = _exact(good, before, options, targets)
    greedy = _greedy(good, before, options, targets)
    return LocalizationResult(before=before, exact=exact, greedy=greedy)


def _options(good: Good, before: OriginResult, candidates: list[Candidate]) -> list[Option]:
    counted = {c.material_id: c for c in before.materials if c.non_originating_value > 0}
    by_id = {m.id: m for m in walk(good.materials)}
    options = []
    for index, candidate in enumerate(candidates):
        if candidate.material_id not in by_id:
            raise InputError(f"$[{index}].material_id", f"no material {candidate.material_id!r}")
        if candidate.material_id not in counted:
            raise InputError(
                f"$[{index}].material_id",
                f"material {candidate.material_id!r} is not counted as non-originating",
            )
        material = by_id[candidate.material_id]
        options.append(
            Option(
                candidate=candidate,
                current_value=material.value,
                new_value=candidate.unit_price * material.quantity,
                vnm_removed=counted[candidate.material_id].non_originating_value,
            )
        )
    return options


def _targets(good: Good, before: OriginResult) -> list[tuple[str, Decimal, Decimal, bool]]:
    """(method, base, threshold, base grows with added cost) for each allowed method."""
    threshold = before.threshold
    targets = []
    if good.net_cost:
        # The localised material's price enters net cost (total cost, UR s.7(3)); the
        # transaction value (the selling price) is held fixed.
        targets.append(("net_cost", good.net_cost, threshold.net_cost, True))
    if good.transaction_value and threshold.transaction_value is not None:
        targets.append(
            ("transaction_value", good.transaction_value, threshold.transaction_value, False)
        )
    return targets


def _scale(values: list[Decimal], at_least: int) -> int:
    """The power of ten that turns every value into an exact integer."""
    exponents = [v.as_tuple().exponent for v in values]
    places = max([at_least, *(-e for e in exponents if isinstance(e, int))])
    return int(10**places)


def _exact(
    good: Good,
    before: OriginResult,
    options: list[Option],
    targets: list[tuple[str, Decimal, Decimal, bool]],
) -> Plan:
    best: tuple[Decimal, str, list[Option], bool] | None = None
    for method, base, threshold, grows in targets:
        chosen = _solve(options, before.value_non_originating, method, base, threshold, grows)
        if chosen is None:
            continue
        picks, optimal = chosen
        cost = sum((o.added_cost for o in picks), Decimal(0))
        if best is None or cost < best[0]:
            best = (cost, method, picks, optimal)
    if best is None:
        return _plan("exact", good, before, [], targets, None, reachable=False, optimal=False)
    cost, method, picks, optimal = best
    ordered = sorted(picks, key=_greedy_key)
    return _plan("exact", good, before, ordered, targets, method, reachable=True, optimal=optimal)


def _solve(
    options: list[Option], vnm: Decimal, method: str, base: Decimal, threshold: Decimal, grows: bool
) -> tuple[list[Option], bool] | None:
    """Least added cost subject to RVC ≥ threshold, linear once both sides are multiplied out:
    100·(B + ΣΔx − VNM + Σvx) ≥ t·(B + ΣΔx), with Δ only where the base grows (UR s.7(2)-(3)).
    """
    money = _scale([vnm, base] + [v for o in options for v in (o.added_cost, o.vnm_removed)], 2)
    pct = _scale([threshold], 0)
    model = cp_model.CpModel()
    x = [model.new_bool_var(f"x{i}") for i in range(len(options))]
    for material_id in {o.candidate.material_id for o in options}:
        model.add_at_most_one(
            x[i] for i, o in enumerate(options) if o.candidate.material_id == material_id
        )
    t = int(threshold * pct)
    b = int(base * money)
    constant = 100 * pct * (b - int(vnm * money)) - t * b
    terms = []
    for i, option in enumerate(options):
        delta = int(option.added_cost * money) if grows else 0
        coefficient = 100 * pct * (delta + int(option.vnm_removed * money)) - t * delta
        terms.append(coefficient * x[i])
    model.add(sum(terms) + constant >= 0)
    model.minimize(sum(int(o.added_cost * money) * x[i] for i, o in enumerate(options)))
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = 0
    solver.parameters.max_time_in_seconds = SOLVER_SECONDS
    status = solver.solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    picks = [o for i, o in enumerate(options) if solver.boolean_value(x[i])]
    return picks, status == cp_model.OPTIMAL


def _greedy_key(option: Option) -> tuple[Decimal, str, str]:
    return (
        option.added_cost / option.vnm_removed,
        option.candidate.material_id,
        option.candidate.supplier,
    )


def _greedy(
    good: Good,
    before: OriginResult,
    options: list[Option],
    targets: list[tuple[str, Decimal, Decimal, bool]],
) -> Plan:
    """Cheapest offer per material, then least cost per unit of VNM removed, until it qualifies."""
    cheapest: dict[str, Option] = {}
    for option in sorted(options, key=lambda o: (o.added_cost, o.candidate.supplier)):
        cheapest.setdefault(option.candidate.material_id, option)
    picks: list[Option] = []
    method = _reached(good, before.value_non_originating, Decimal(0), targets)
    for option in sorted(cheapest.values(), key=_greedy_key):
        if method is not None:
            break
        picks.append(option)
        vnm = before.value_non_originating - sum((o.vnm_removed for o in picks), Decimal(0))
        method = _reached(good, vnm, sum((o.added_cost for o in picks), Decimal(0)), targets)
    return _plan("greedy", good, before, picks, targets, method, method is not None, optimal=False)


def _reached(
    good: Good, vnm: Decimal, added: Decimal, targets: list[tuple[str, Decimal, Decimal, bool]]
) -> str | None:
    for method, base, threshold, grows in targets:
        if meets(base + added if grows else base, vnm, threshold):
            return method
    return None


def _plan(
    name: str,
    good: Good,
    before: OriginResult,
    picks: list[Option],
    targets: list[tuple[str, Decimal, Decimal, bool]],
    method: str | None,
    reachable: bool,
    optimal: bool,
) -> Plan:
    steps = []
    vnm, added = before.value_non_originating, Decimal(0)
    for option in picks:
        vnm -= option.vnm_removed
        added += option.added_cost
        nc = good.net_cost + added if good.net_cost else None
        steps.append(
            Step(
                option=option,
                rvc_net_cost=rvc(nc, vnm) if nc else None,
                rvc_transaction_value=(
                    rvc(good.transaction_value, vnm) if good.transaction_value else None
                ),
                qualifies=_reached(good, vnm, added, targets) is not None,
            )
        )
    return Plan(
        name=name,
        reachable=reachable,
        proven_optimal=optimal,
        method=method,
        steps=tuple(steps),
        added_cost=added,
        import_substitution_value=sum((o.vnm_removed for o in picks), Decimal(0)),
    )
