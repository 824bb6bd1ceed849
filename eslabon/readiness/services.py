"""Writes of the readiness app: one transaction each, keyword arguments, domain errors raised.

Answers are validated by the engine (scale, knock-outs never not applicable, known
questions) before they are stored; submission writes the engine's scores down for the
programme report's database aggregates.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from eslabon.data import readiness as readiness_data
from eslabon.domain.errors import DomainError
from eslabon.domain.readiness.answers import Answer as EngineAnswer
from eslabon.domain.readiness.answers import parse_answers
from eslabon.domain.readiness.decent_work import indicators, parse_figures
from eslabon.domain.readiness.documents import percent
from eslabon.domain.readiness.model import Questionnaire
from eslabon.domain.readiness.versions import carry_forward
from eslabon.readiness import selectors
from eslabon.readiness.choices import AssessmentStatus
from eslabon.readiness.models import (
    Answer,
    Assessment,
    DecentWorkReport,
    EvidenceFile,
    GapRecord,
    GroupResult,
    ReviewComment,
)
from eslabon.registry.models import Capability, Organization
from eslabon.registry.uploads import sniff_content_type


class ReadinessError(DomainError):
    """A readiness change the rules do not allow."""


@dataclass(frozen=True)
class AnswerInput:
    question: str
    score: int | None
    comment: str = ""


def _check_evidence(upload: Any, *, max_bytes: int) -> str:
    """Size and real content type (sniffed from the first bytes, as for certificates)."""
    if upload.size > max_bytes:
        raise ReadinessError(
            _("The file %(name)s is %(size)d MB; the limit is %(limit)d MB.")
            % {
                "name": upload.name,
                "size": upload.size // 1_000_000,
                "limit": max_bytes // 1_000_000,
            }
        )
    upload.seek(0)
    content_type = sniff_content_type(upload.read(16))
    upload.seek(0)
    if content_type is None:
        raise ReadinessError(
            _("Evidence must be a PDF, PNG or JPEG file: %(name)s is not.") % {"name": upload.name}
        )
    return content_type


@transaction.atomic
def start_assessment(
    *,
    organization: Organization,
    user: Any,
    questionnaire: str = readiness_data.DEFAULT_QUESTIONNAIRE,
    modules: Iterable[str] | None = None,
) -> Assessment:
    """A new draft; answers of the company's last completed assessment on the same version
    are carried forward so that a re-assessment starts from where the company stood.

    A company answers one draft at a time: an open draft on the same version is returned
    instead of a second one."""
    loaded = readiness_data.questionnaire(questionnaire)
    open_draft = Assessment.objects.filter(
        organization=organization, questionnaire=questionnaire, status=AssessmentStatus.DRAFT
    ).first()
    if open_draft is not None:
        return open_draft
    if modules is None:
        slugs = set(
            Capability.objects.filter(site__organization=organization).values_list(
                "process__slug", flat=True
            )
        )
        modules = selectors.default_modules(loaded, slugs)
    chosen = list(modules)
    unknown = set(chosen) - set(loaded.module_index)
    if unknown:
        raise ReadinessError(_("Unknown module %(module)s.") % {"module": sorted(unknown)[0]})
    previous = selectors.with_answers(
        Assessment.objects.completed()
        .filter(organization=organization, questionnaire__startswith=f"{loaded.id}@")
        .order_by("-submitted_at", "-pk")
    ).first()
    assessment = Assessment.objects.create(
        organization=organization,
        questionnaire=questionnaire,
        modules=chosen,
        created_by=user,
        share_with_operators=previous.share_with_operators if previous else False,
    )
    if previous is not None:
        Answer.objects.bulk_create(
            Answer(
                assessment=assessment, question=a.question, score=a.score, comment=a.comment or ""
            )
            for a in _carried_answers(previous, loaded)
        )
    return assessment


def _carried_answers(previous: Assessment, new: Questionnaire) -> tuple[EngineAnswer, ...]:
    """The previous assessment's answers restated for ``new`` (renamed ids followed, retired
    ones dropped: versions.carry_forward); the same version is copied as it is."""
    document = selectors.answers_document(previous)
    old = readiness_data.questionnaire(previous.questionnaire)
    answers = parse_answers(old, document)
    if old.ref != new.ref:
        answers = carry_forward(answers, old, new)
    return answers.answers


@transaction.atomic
def save_answers(
    *,
    assessment: Assessment,
    answers: Iterable[AnswerInput],
    evidence: Mapping[str, list[Any]] | None = None,
    max_upload_bytes: int = 25 * 1024 * 1024,
) -> None:
    """Store answers (and evidence files) of a draft, validated by the engine first."""
    if assessment.status != AssessmentStatus.DRAFT:
        raise ReadinessError(_("Only a draft can be changed."))
    incoming = {item.question: item for item in answers}
    existing = {a.question: a for a in assessment.answers.all()}
    document = selectors.answers_document(assessment)
    merged = {a["question"]: a for a in document["answers"]}
    for item in incoming.values():
        merged[item.question] = {"question": item.question, "score": item.score}
    document["answers"] = [
        {"question": a["question"], "score": a["score"]} for a in merged.values()
    ]
    readiness_data.resolve_answers(document)  # raises InputError with the JSON path
    for question, item in incoming.items():
        answer = existing.get(question)
        if answer is None:
            answer = Answer.objects.create(
                assessment=assessment, question=question, score=item.score, comment=item.comment
            )
            existing[question] = answer
        elif (answer.score, answer.comment) != (item.score, item.comment):
            answer.score, answer.comment = item.score, item.comment
            answer.save(update_fields=["score", "comment", "updated_at"])
    for question, uploads in (evidence or {}).items():
        if question not in existing:
            raise ReadinessError(_("Answer the question before attaching evidence to it."))
        for upload in uploads:
            content_type = _check_evidence(upload, max_bytes=max_upload_bytes)
            record = EvidenceFile(
                answer=existing[question],
                name=upload.name[:255],
                content_type=content_type,
                size=upload.size,
            )
            record.file.save(upload.name, upload, save=False)
            record.save()
    Assessment.objects.filter(pk=assessment.pk).update(updated_at=timezone.now())


@transaction.atomic
def submit_assessment(*, assessment: Assessment) -> Assessment:
    """Score a draft with the engine and write the result down (overall, grade, groups, gaps)."""
    if assessment.status != AssessmentStatus.DRAFT:
        raise ReadinessError(_("This self-assessment was already submitted."))
    scored = selectors.score(assessment)[1]
    assessment.overall = None if scored.overall is None else Decimal(str(percent(scored.overall)))
    assessment.grade = scored.grade.value
    assessment.status = AssessmentStatus.SUBMITTED
    assessment.submitted_at = timezone.now()
    assessment.save(update_fields=["overall", "grade", "status", "submitted_at", "updated_at"])
    GroupResult.objects.filter(assessment=assessment).delete()
    GroupResult.objects.bulk_create(
        GroupResult(
            assessment=assessment,
            group=g.id,
            module=g.module,
            percent=None if g.percent is None else Decimal(str(percent(g.percent))),
        )
        for g in scored.groups
    )
    GapRecord.objects.filter(assessment=assessment).delete()
    GapRecord.objects.bulk_create(
        GapRecord(
            assessment=assessment,
            question=gap.question.id,
            clause=gap.question.clause,
            action=gap.size.action.id,
            score=gap.score,
        )
        for gap in scored.gaps
    )
    return assessment


@transaction.atomic
def mark_reviewed(*, assessment: Assessment, reviewer: Any) -> Assessment:
    if assessment.status != AssessmentStatus.SUBMITTED:
        raise ReadinessError(_("Only a submitted self-assessment can be marked reviewed."))
    assessment.status = AssessmentStatus.REVIEWED
    assessment.reviewed_by = reviewer
    assessment.reviewed_at = timezone.now()
    assessment.save(update_fields=["status", "reviewed_by", "reviewed_at", "updated_at"])
    return assessment


@transaction.atomic
def add_comment(
    *, assessment: Assessment, author: Any, text: str, question: str = ""
) -> ReviewComment:
    if question:
        loaded = readiness_data.questionnaire(assessment.questionnaire)
        if question not in loaded.question_index:
            raise ReadinessError(_("Unknown question %(question)s.") % {"question": question})
    return ReviewComment.objects.create(
        assessment=assessment, author=author, text=text.strip(), question=question
    )


@transaction.atomic
def set_consent(*, record: Assessment | DecentWorkReport, share: bool) -> None:
    record.share_with_operators = share
    record.save(update_fields=["share_with_operators", "updated_at"])


@transaction.atomic
def save_decent_work_report(*, report: DecentWorkReport) -> DecentWorkReport:
    """Validate the figures with the engine and store the indicators that are averaged."""
    table = readiness_data.decent_work()
    values = {v.id: v.value for v in indicators(table, parse_figures(table, report.figures()))}
    ratio = values.get("minimum-wage-ratio")
    nom035 = values.get("nom035-compliance")
    report.minimum_wage_ratio = None if ratio is None else round(ratio, 3)
    report.nom035_compliance = None if nom035 is None else round(nom035, 1)
    report.save()
    return report
