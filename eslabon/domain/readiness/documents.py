"""Plain JSON-ready documents of readiness results, shared by the CLI and the web services.

The score document is the contract of `eslabon readiness score --json` (issue 7):
{"overall", "grade", "groups", "knockouts", "gaps"}; see docs/readiness.md.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from eslabon.domain.readiness.comparison import Comparison
from eslabon.domain.readiness.roadmap import Roadmap
from eslabon.domain.readiness.scoring import Assessment

ONE_DECIMAL = Decimal("0.1")


def percent(value: Decimal | None) -> float | None:
    """A percentage with one decimal, as a JSON number (null where nothing was scored)."""
    return None if value is None else float(value.quantize(ONE_DECIMAL, ROUND_HALF_UP))


def _mxn(pair: tuple[Decimal, Decimal]) -> list[int]:
    return [int(pair[0]), int(pair[1])]


def score_document(assessment: Assessment) -> dict[str, Any]:
    return {
        "overall": percent(assessment.overall),
        "grade": assessment.grade.value,
        "groups": {
            group.id: {
                "module": group.module,
                "clause": group.clause,
                "percent": percent(group.percent),
                "points": group.points,
                "possible": group.possible,
                "questions": group.questions,
                "answered": group.answered,
            }
            for group in assessment.groups
        },
        "knockouts": [
            {"question": k.question, "clause": k.clause, "score": k.score, "cap": k.cap.value}
            for k in assessment.knockouts
        ],
        "gaps": [
            {
                "question": gap.question.id,
                "clause": gap.question.clause,
                "action": gap.size.action.id,
                "effort_days": gap.size.effort_days,
                "cost_mxn": _mxn(gap.size.cost_mxn),
            }
            for gap in assessment.gaps
        ],
    }


def comparison_document(comparison: Comparison) -> dict[str, Any]:
    delta = comparison.overall_delta
    return {
        "previous": comparison.previous,
        "overall_before": percent(comparison.overall_before),
        "overall_delta": percent(delta),
        "grade_before": comparison.grade_before.value,
        "groups": {
            g.group: {
                "before": percent(g.before),
                "after": percent(g.after),
                "delta": percent(g.delta),
            }
            for g in comparison.groups
        },
        "closed_gaps": list(comparison.closed_gaps),
        "new_gaps": list(comparison.new_gaps),
    }


def roadmap_document(roadmap: Roadmap, language: str = "es") -> dict[str, Any]:
    return {
        "target": roadmap.target,
        "start": roadmap.start.isoformat(),
        "finish": roadmap.finish.isoformat(),
        "effort_days": roadmap.effort_days,
        "cost_mxn": _mxn(roadmap.cost_mxn),
        "steps": [
            {
                "action": step.size.action.id,
                "title": step.size.action.title.in_language(language),
                "tier": step.size.action.tier,
                "start": step.start.isoformat(),
                "end": step.end.isoformat(),
                "effort_days": step.size.effort_days,
                "cost_mxn": _mxn(step.size.cost_mxn),
                "closes": list(step.closes),
                "after": list(step.after),
            }
            for step in roadmap.steps
        ],
        "milestones": [
            {
                "milestone": m.id,
                "title": m.title.in_language(language),
                "date": m.due.isoformat(),
                "cost_mxn": _mxn(m.cost_mxn),
            }
            for m in roadmap.milestones
        ],
    }
