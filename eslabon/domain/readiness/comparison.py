"""Compare an assessment with the company's previous one: what moved, by clause group.

Group ids are stable across versions of a questionnaire, so two assessments answered against
different versions still compare group by group; a group present in only one shows no delta.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from eslabon.domain.readiness.scoring import Assessment, Grade


@dataclass(frozen=True, slots=True)
class GroupDelta:
    group: str
    before: Decimal | None
    after: Decimal | None

    @property
    def delta(self) -> Decimal | None:
        if self.before is None or self.after is None:
            return None
        return self.after - self.before


@dataclass(frozen=True, slots=True)
class Comparison:
    previous: str
    current: str
    overall_before: Decimal | None
    overall_after: Decimal | None
    grade_before: Grade
    grade_after: Grade
    groups: tuple[GroupDelta, ...]
    closed_gaps: tuple[str, ...]
    new_gaps: tuple[str, ...]

    @property
    def overall_delta(self) -> Decimal | None:
        if self.overall_before is None or self.overall_after is None:
            return None
        return self.overall_after - self.overall_before


def compare(current: Assessment, previous: Assessment) -> Comparison:
    before = {group.id: group.percent for group in previous.groups}
    after = {group.id: group.percent for group in current.groups}
    ordered = [group.id for group in current.groups]
    ordered += [group_id for group_id in before if group_id not in after]
    previous_gaps = {gap.question.id for gap in previous.gaps}
    current_gaps = {gap.question.id for gap in current.gaps}
    return Comparison(
        previous=previous.questionnaire,
        current=current.questionnaire,
        overall_before=previous.overall,
        overall_after=current.overall,
        grade_before=previous.grade,
        grade_after=current.grade,
        groups=tuple(GroupDelta(g, before.get(g), after.get(g)) for g in ordered),
        closed_gaps=tuple(sorted(previous_gaps - current_gaps)),
        new_gaps=tuple(sorted(current_gaps - previous_gaps)),
    )
