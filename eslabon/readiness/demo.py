"""Demo self-assessments and decent-work figures for the demo suppliers.

``load_readiness_demo()`` gives every supplier organisation a submitted self-assessment drawn
from the benchmark's profiles (60 % far from IATF readiness, 30 % halfway, 10 % close; see
bench/readiness_score.py) so that the programme report looks like a real cluster diagnosis.
Deterministic for a seed: each company's answers depend only on the seed and its RFC.
Idempotent: a company that already has a self-assessment is left alone.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction

from eslabon.data import readiness as readiness_data
from eslabon.readiness import selectors, services
from eslabon.readiness.models import Assessment, DecentWorkReport
from eslabon.registry.models import Capability, Organization

# The same profiles as bench/readiness_score.py: (name, share, scores drawn from).
PROFILES = (("far", 0.6, (0, 4, 4, 6)), ("halfway", 0.3, (4, 6, 6, 8)), ("close", 0.1, (8, 8, 10)))
DEMO_YEAR = 2025
NOM035 = ("policy", "prevention-measures", "guide-i", "inform-workers", "guide-ii", "records")


@dataclass(frozen=True)
class DemoSummary:
    assessments: int
    decent_work_reports: int
    skipped: int

    def describe(self) -> str:
        return (
            f"Readiness: {self.assessments} self-assessments and {self.decent_work_reports} "
            f"decent-work reports created ({self.skipped} suppliers already had one)."
        )


def _rng(seed: int, organization: Organization, salt: str) -> random.Random:
    return random.Random(f"{seed}:{salt}:{organization.rfc}")  # noqa: S311 (demo data, not secrets)


def _answers(
    rng: random.Random, questions: list[str], knockouts: set[str]
) -> list[services.AnswerInput]:
    _, _, scale = rng.choices(PROFILES, weights=[p[1] for p in PROFILES])[0]
    answers = []
    for question in questions:
        score: int | None = rng.choice(scale)
        if question not in knockouts and rng.random() < 0.03:
            score = None  # a few questions not applicable, as real companies answer
        answers.append(services.AnswerInput(question, score))
    return answers


def _figures(rng: random.Random, organization: Organization) -> DecentWorkReport:
    workers = organization.employees or rng.randint(20, 250)
    imss = workers - rng.randint(0, max(1, workers // 10))
    hours = Decimal(workers * 48 * 52)
    hourly = Decimal(rng.randint(55, 160))
    return DecentWorkReport(
        organization=organization,
        year=DEMO_YEAR,
        zone="general",
        workers=workers,
        # Average headcount over the year: a little below year-end, never below one person.
        average_workers=max(
            Decimal(1), Decimal(workers) - Decimal(rng.randint(0, min(5, workers - 1)))
        ),
        workers_imss=max(0, imss),
        women=rng.randint(workers // 8, workers // 2),
        gross_wages_mxn=hours * hourly,
        hours_paid=hours,
        training_hours=Decimal(workers * rng.randint(4, 40)),
        recordable_injuries=rng.randint(0, max(1, workers // 40)),
        separations=rng.randint(workers // 20, workers // 2),
        nom035_done=list(NOM035[: rng.randint(2, len(NOM035))]),
        usd_mxn=Decimal("18.50"),
        share_with_operators=rng.random() < 0.7,
    )


def load_readiness_demo(seed: int = 7) -> DemoSummary:
    """Create one submitted self-assessment and one decent-work report per demo supplier."""
    questionnaire = readiness_data.questionnaire()
    knockouts = {q.id for q in questionnaire.questions if q.knockout}
    suppliers = list(Organization.objects.filter(is_supplier=True).order_by("pk"))
    processes: dict[int, set[str]] = {}
    for organization_id, slug in Capability.objects.filter(
        site__organization__in=suppliers
    ).values_list("site__organization_id", "process__slug"):
        processes.setdefault(organization_id, set()).add(slug)
    assessed = set(
        Assessment.objects.filter(organization__in=suppliers).values_list(
            "organization_id", flat=True
        )
    )
    reported = set(
        DecentWorkReport.objects.filter(organization__in=suppliers, year=DEMO_YEAR).values_list(
            "organization_id", flat=True
        )
    )
    created = reports = skipped = 0
    for organization in suppliers:
        with transaction.atomic():
            if organization.pk in assessed:
                skipped += 1
            else:
                rng = _rng(seed, organization, "assessment")
                modules = selectors.default_modules(
                    questionnaire, processes.get(organization.pk, set())
                )
                in_scope = {m.id for m in questionnaire.modules if m.scope.value == "mandatory"}
                in_scope |= set(modules)
                questions = [q.id for q in questionnaire.questions if q.module in in_scope]
                assessment = services.start_assessment(
                    organization=organization, user=None, modules=modules
                )
                assessment.share_with_operators = rng.random() < 0.7
                assessment.save(update_fields=["share_with_operators"])
                services.save_answers(
                    assessment=assessment, answers=_answers(rng, questions, knockouts)
                )
                services.submit_assessment(assessment=assessment)
                created += 1
            if organization.pk not in reported:
                services.save_decent_work_report(
                    report=_figures(_rng(seed, organization, "decent-work"), organization)
                )
                reports += 1
    return DemoSummary(assessments=created, decent_work_reports=reports, skipped=skipped)
