"""The one place programmes read a company's readiness: its grade and the gaps to close.

The readiness app (built in parallel) will store each company's scored self-assessment;
until it is merged no answers are stored, so ``readiness_of`` reports the grade as unknown
and eligibility rules on the grade fail with "unknown". Point ``_stored_answers`` at the
readiness app's latest submitted answers and everything downstream follows.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from eslabon.data import readiness as readiness_data
from eslabon.domain.readiness.scoring import assess


@dataclass(frozen=True)
class Readiness:
    grade: str | None
    gap_groups: tuple[str, ...]  # readiness group ids of the questions below target


UNKNOWN = Readiness(None, ())


def _stored_answers(organization: Any) -> Any | None:
    """The company's latest answers as a JSON document, or None. Hook for the readiness app."""
    return None


def readiness_from_answers(data: Any) -> Readiness:
    """Score a self-assessment with the readiness engine; the grade and gap groups, in order."""
    questionnaire, table, answers = readiness_data.resolve_answers(data)
    assessment = assess(questionnaire, table, answers)
    groups: list[str] = []
    for gap in assessment.gaps:
        if gap.question.group not in groups:
            groups.append(gap.question.group)
    return Readiness(assessment.grade.value, tuple(groups))


def readiness_of(organization: Any) -> Readiness:
    data = _stored_answers(organization)
    return UNKNOWN if data is None else readiness_from_answers(data)
