"""Reads of the readiness app: ORM rows turned into the engine's documents, then scored.

One place loads answers into an ANSWERS.json document (docs/readiness.md) so that the web
layer, the exports and the CLI score a self-assessment the same way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Prefetch
from django.utils.translation import get_language

from eslabon.data import readiness as readiness_data
from eslabon.domain.readiness.comparison import Comparison, compare
from eslabon.domain.readiness.decent_work import IndicatorValue, indicators, parse_figures
from eslabon.domain.readiness.model import ModuleScope, Questionnaire
from eslabon.domain.readiness.roadmap import Roadmap, plan
from eslabon.domain.readiness.scoring import Assessment as Scored
from eslabon.domain.readiness.scoring import assess
from eslabon.readiness.models import Answer, Assessment, DecentWorkReport, EvidenceFile


def language() -> str:
    return get_language() or "es"


def with_answers(queryset: Any) -> Any:
    """Assessments with their answers and evidence in two more queries, whatever their number."""
    return queryset.select_related("organization").prefetch_related(
        Prefetch(
            "answers",
            queryset=Answer.objects.order_by("pk").prefetch_related(
                Prefetch("evidence", queryset=EvidenceFile.objects.order_by("pk"))
            ),
        )
    )


def answers_document(assessment: Assessment) -> dict[str, Any]:
    """The ANSWERS.json document of an assessment (answers must be prefetched)."""
    return {
        "questionnaire": assessment.questionnaire,
        "modules": list(assessment.modules),
        "answers": [
            {
                "question": answer.question,
                "score": answer.score,
                "evidence": [evidence.name for evidence in answer.evidence.all()],
                **({"comment": answer.comment} if answer.comment else {}),
            }
            for answer in assessment.answers.all()
        ],
    }


def score(assessment: Assessment) -> tuple[Questionnaire, Scored]:
    questionnaire, table, answers = readiness_data.resolve_answers(answers_document(assessment))
    return questionnaire, assess(questionnaire, table, answers)


def previous_assessment(assessment: Assessment) -> Assessment | None:
    """The company's completed assessment before this one, with its answers."""
    queryset = Assessment.objects.completed().filter(organization_id=assessment.organization_id)
    queryset = queryset.exclude(pk=assessment.pk).filter(created_at__lt=assessment.created_at)
    return with_answers(queryset.order_by("-created_at", "-pk")).first()


@dataclass
class Result:
    questionnaire: Questionnaire
    scored: Scored
    comparison: Comparison | None
    previous: Assessment | None


def result(assessment: Assessment) -> Result:
    questionnaire, scored = score(assessment)
    previous = previous_assessment(assessment)
    comparison = compare(scored, score(previous)[1]) if previous is not None else None
    return Result(questionnaire, scored, comparison, previous)


def roadmap(scored: Scored, questionnaire: Questionnaire, target: str, start: date) -> Roadmap:
    table = readiness_data.action_table(questionnaire.action_table)
    return plan(scored.gaps, table, readiness_data.targets()[target], start)


def default_modules(questionnaire: Questionnaire, process_slugs: set[str]) -> list[str]:
    """Special-process modules for the processes a company registered (CQI-9 for heat
    treatment, CQI-27 for casting...)."""
    return [
        module.id
        for module in questionnaire.modules
        if module.scope is ModuleScope.OPTIONAL and set(module.processes) & process_slugs
    ]


@dataclass
class QuestionRow:
    id: str
    clause: str
    weight: int
    knockout: bool
    text: str
    evidence: list[str]
    answer: Answer | None
    field_prefix: str
    comments: list[Any] = field(default_factory=list)


@dataclass
class Section:
    """One clause group of the questionnaire as the form shows it."""

    id: str
    module: str
    module_title: str
    clause: str
    title: str
    questions: list[QuestionRow] = field(default_factory=list)

    @property
    def answered(self) -> int:
        return sum(1 for row in self.questions if row.answer is not None)


def sections(
    assessment: Assessment, only_group: str | None = None, comments: list[Any] | None = None
) -> list[Section]:
    """The groups in scope with each question's text, clause and evidence in the active
    language, the answer given so far (answers must be prefetched) and reviewers' comments
    on it."""
    by_question: dict[str, list[Any]] = {}
    for comment in comments or ():
        by_question.setdefault(comment.question, []).append(comment)
    questionnaire = readiness_data.questionnaire(assessment.questionnaire)
    lang = language()
    scope = {m.id for m in questionnaire.modules if m.scope is ModuleScope.MANDATORY}
    scope |= set(assessment.modules)
    given = {answer.question: answer for answer in assessment.answers.all()}
    result_sections: list[Section] = []
    for group in questionnaire.groups:
        if group.module not in scope or (only_group and group.id != only_group):
            continue
        module = questionnaire.module_index[group.module]
        section = Section(
            id=group.id,
            module=group.module,
            module_title=module.title.in_language(lang),
            clause=group.clause,
            title=group.title.in_language(lang),
        )
        for question in questionnaire.questions:
            if question.group == group.id:
                section.questions.append(
                    QuestionRow(
                        id=question.id,
                        clause=question.clause,
                        weight=question.weight,
                        knockout=question.knockout,
                        text=question.text.in_language(lang),
                        evidence=[e.in_language(lang) for e in question.evidence],
                        answer=given.get(question.id),
                        field_prefix=f"q-{question.id}",
                        comments=by_question.get(question.id, []),
                    )
                )
        result_sections.append(section)
    return result_sections


def group_titles(questionnaire: Questionnaire) -> dict[str, str]:
    lang = language()
    return {group.id: group.title.in_language(lang) for group in questionnaire.groups}


def module_titles(questionnaire: Questionnaire) -> dict[str, str]:
    lang = language()
    return {module.id: module.title.in_language(lang) for module in questionnaire.modules}


def question_texts(questionnaire: Questionnaire) -> dict[str, str]:
    lang = language()
    return {q.id: q.text.in_language(lang) for q in questionnaire.questions}


@dataclass
class IndicatorRow:
    id: str
    name: str
    definition: str
    source: str
    value: IndicatorValue


def decent_work_indicators(report: DecentWorkReport) -> list[IndicatorRow]:
    table = readiness_data.decent_work()
    values = {v.id: v for v in indicators(table, parse_figures(table, report.figures()))}
    lang = language()
    return [
        IndicatorRow(
            d.id, d.name.in_language(lang), d.definition.in_language(lang), d.source, values[d.id]
        )
        for d in table.indicators
        if d.id in values
    ]
