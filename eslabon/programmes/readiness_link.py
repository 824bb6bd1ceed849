"""The one place programmes read a company's readiness: its grade and the gaps to close.

The company's latest completed self-assessment in the readiness app is scored again with
the engine (answers are stored per question of their questionnaire version); a company
that never completed one has an unknown grade, and grade rules then fail with "unknown".
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
    """The company's latest completed self-assessment as an ANSWERS.json document, or None."""
    from eslabon.readiness.models import Assessment

    latest = (
        Assessment.objects.completed()
        .filter(organization=organization)
        .order_by("-submitted_at", "-pk")
        .prefetch_related("answers")
        .first()
    )
    if latest is None:
        return None
    return {
        "questionnaire": latest.questionnaire,
        "answers": [
            {"question": answer.question, "score": answer.score, "evidence": []}
            for answer in latest.answers.all()
        ],
    }


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
