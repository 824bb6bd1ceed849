"""SCIAN activity code → process mapping: rules by code or prefix, each with a confidence.

The shipped table is eslabon/data/scian_processes.csv; operators edit a copy in the database,
and candidate search asks this module which codes can do a process and how sure that is.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from eslabon.data.taxonomy import Taxonomy
from eslabon.domain.errors import InputError


@dataclass(frozen=True, slots=True)
class ScianRule:
    """SCIAN codes starting with ``prefix`` (2 to 6 digits) can do ``process``."""

    prefix: str
    process: str
    confidence: float
    note: str = ""

    def covers(self, code: str) -> bool:
        return code.startswith(self.prefix)


@dataclass(frozen=True, slots=True)
class ProcessFit:
    """Why an activity code is thought able to do a process."""

    process: str
    confidence: float
    rule: ScianRule


@dataclass(frozen=True, slots=True)
class ScianMap:
    """A set of rules; for one code and process the longest matching prefix decides."""

    rules: tuple[ScianRule, ...]

    def processes_for(self, code: str) -> tuple[ProcessFit, ...]:
        """The processes a code can do, most confident first."""
        best: dict[str, ScianRule] = {}
        for rule in self.rules:
            if rule.covers(code):
                held = best.get(rule.process)
                if held is None or len(rule.prefix) > len(held.prefix):
                    best[rule.process] = rule
        fits = [ProcessFit(process, rule.confidence, rule) for process, rule in best.items()]
        return tuple(sorted(fits, key=lambda fit: (-fit.confidence, fit.process)))

    def rules_for(self, process: str, taxonomy: Taxonomy) -> tuple[ScianRule, ...]:
        """Rules naming ``process`` or one of its descendants (asking for "casting" finds the
        foundries mapped to "iron-casting"); the most confident first."""
        wanted = {process, *taxonomy.descendants(process)}
        chosen = [rule for rule in self.rules if rule.process in wanted]
        return tuple(sorted(chosen, key=lambda rule: (-rule.confidence, rule.prefix)))

    def confidence(self, code: str, process: str, taxonomy: Taxonomy) -> ProcessFit | None:
        """How sure we are that ``code`` can do ``process`` (or a descendant of it)."""
        wanted = {process, *taxonomy.descendants(process)}
        fits = [fit for fit in self.processes_for(code) if fit.process in wanted]
        return fits[0] if fits else None


def parse_rules(
    rows: Iterable[Mapping[str, str]], known_processes: frozenset[str], source: str
) -> ScianMap:
    """Check the rows of a mapping table (scian, process, confidence, note) into a map.

    Errors name the row (counting the header as row 1) and the column at fault.
    """
    rules: list[ScianRule] = []
    seen: set[tuple[str, str]] = set()
    for number, row in enumerate(rows, start=2):
        where = f"{source} row {number}"
        prefix = (row.get("scian") or "").strip()
        process = (row.get("process") or "").strip()
        if not prefix.isdigit() or not 2 <= len(prefix) <= 6:
            raise InputError(f'{where}, column "scian"', f"{prefix!r} is not 2 to 6 digits")
        if process not in known_processes:
            raise InputError(f'{where}, column "process"', f"unknown process {process!r}")
        try:
            confidence = float(row.get("confidence") or "")
        except ValueError:
            raise InputError(f'{where}, column "confidence"', "not a number") from None
        if not 0.0 <= confidence <= 1.0:
            raise InputError(f'{where}, column "confidence"', f"{confidence} is not in 0-1")
        if (prefix, process) in seen:
            raise InputError(where, f"{prefix} → {process} is listed twice")
        seen.add((prefix, process))
        rules.append(ScianRule(prefix, process, confidence, (row.get("note") or "").strip()))
    return ScianMap(tuple(rules))
