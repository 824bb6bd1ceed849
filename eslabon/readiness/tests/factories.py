"""Readiness records for tests: a submitted self-assessment built through the services."""

from __future__ import annotations

from typing import Any

from eslabon.data import readiness as readiness_data
from eslabon.readiness import services
from eslabon.readiness.models import Assessment, DecentWorkReport


def answered(
    organization: Any,
    *,
    score: int = 6,
    overrides: dict[str, int | None] | None = None,
    submit: bool = True,
    share: bool = False,
) -> Assessment:
    """An assessment of the mandatory modules with every question at ``score``."""
    questionnaire = readiness_data.questionnaire()
    assessment = services.start_assessment(organization=organization, user=None, modules=[])
    if share:
        services.set_consent(record=assessment, share=True)
    scores = {q.id: score for q in questionnaire.questions if q.module in {"qms", "core-tools"}}
    scores.update(overrides or {})
    services.save_answers(
        assessment=assessment,
        answers=[services.AnswerInput(question, value) for question, value in scores.items()],
    )
    if submit:
        services.submit_assessment(assessment=assessment)
    return assessment


def decent_work(organization: Any, *, year: int = 2025, share: bool = False) -> DecentWorkReport:
    return services.save_decent_work_report(
        report=DecentWorkReport(
            organization=organization, year=year, zone="general", workers=100,
            average_workers=98, workers_imss=95, women=30, gross_wages_mxn=12_000_000,
            hours_paid=249_600, training_hours=2_000, recordable_injuries=2, separations=20,
            nom035_done=["policy", "prevention-measures", "guide-i"], usd_mxn="18.5",
            share_with_operators=share,
        )
    )  # fmt: skip
