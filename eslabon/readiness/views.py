"""Readiness pages: the self-assessment by clause group, result, gaps and roadmap, exports,
review comments, decent-work figures and the programme report.

Views parse, call a selector or service, and render; who sees what comes from the querysets'
``visible_to`` / ``editable_by`` and permissions.py.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from eslabon.domain.errors import DomainError
from eslabon.readiness import charts, exports, permissions, report, selectors, services
from eslabon.readiness.forms import (
    CommentForm,
    ConsentForm,
    DecentWorkForm,
    GroupAnswersForm,
    RoadmapForm,
    StartAssessmentForm,
)
from eslabon.readiness.models import Assessment, DecentWorkReport, EvidenceFile
from eslabon.readiness.report_forms import ReportFilterForm
from eslabon.registry.models import Organization
from eslabon.registry.uploads import sniff_content_type
from eslabon.rendering import render_page


def _visible_assessment(request: HttpRequest, pk: int) -> Assessment:
    queryset = selectors.with_answers(Assessment.objects.visible_to(request.user))
    return get_object_or_404(queryset, pk=pk)


@login_required
def assessment_list(request: HttpRequest) -> HttpResponse:
    assessments = (
        Assessment.objects.visible_to(request.user)
        .select_related("organization")
        .order_by("organization__legal_name", "-created_at")
    )
    own = Organization.objects.filter(
        pk__in=permissions.member_organization_ids(request.user), is_supplier=True
    )
    reports = DecentWorkReport.objects.visible_to(request.user).select_related("organization")
    context = {
        "assessments": assessments,
        "own_organizations": own,
        "decent_work_reports": reports,
        "sees_report": permissions.can_view_programme_report(request.user),
    }
    return render(request, "readiness/assessment_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def assessment_start(request: HttpRequest, org_pk: int) -> HttpResponse:
    organization = get_object_or_404(Organization.objects.visible_to(request.user), pk=org_pk)
    if not permissions.can_start_assessment(request.user, organization):
        raise PermissionDenied
    form = StartAssessmentForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        assessment = services.start_assessment(
            organization=organization, user=request.user, modules=form.cleaned_data["modules"]
        )
        return redirect("readiness:assessment_form", pk=assessment.pk)
    context = {"form": form, "organization": organization}
    return render(request, "readiness/assessment_start.html", context)


def _group_items(assessment: Assessment) -> list[Any]:
    comments = list(assessment.comments.exclude(question="").select_related("author"))
    return [
        {"section": section, "form": GroupAnswersForm(section=section)}
        for section in selectors.sections(assessment, comments=comments)
    ]


@login_required
def assessment_form(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _visible_assessment(request, pk)
    if not permissions.can_answer(request.user, assessment):
        if permissions.can_view_details(request.user, assessment):
            return redirect("readiness:result", pk=pk)
        raise PermissionDenied
    context = {
        "assessment": assessment,
        "items": _group_items(assessment),
        "consent_form": ConsentForm(
            initial={"share_with_operators": assessment.share_with_operators}
        ),
    }
    return render(request, "readiness/assessment_form.html", context)


@login_required
@require_POST
def save_group(request: HttpRequest, pk: int, group: str) -> HttpResponse:
    """Save one clause group's answers; HTMX swaps the group back in with its status."""
    assessment = _visible_assessment(request, pk)
    if not permissions.can_answer(request.user, assessment):
        raise PermissionDenied
    sections = selectors.sections(assessment, only_group=group)
    if not sections:
        raise Http404
    form = GroupAnswersForm(request.POST, request.FILES, section=sections[0])
    note, error = "", ""
    if form.is_valid():
        try:
            services.save_answers(
                assessment=assessment,
                answers=form.answers(),
                evidence=form.evidence(),
                max_upload_bytes=settings.ESLABON_MAX_UPLOAD_BYTES,
            )
        except DomainError as refused:
            error = str(refused)
        else:
            note = _("Saved.")
            assessment = _visible_assessment(request, pk)
            sections = selectors.sections(assessment, only_group=group)
            form = GroupAnswersForm(section=sections[0])
    else:
        error = _("Check the answers of this group.")
    if not request.htmx:
        if error:
            messages.error(request, error)
        else:
            messages.success(request, note)
        return redirect("readiness:assessment_form", pk=pk)
    context = {
        "assessment": assessment,
        "item": {"section": sections[0], "form": form},
        "note": note,
        "error": error,
    }
    # htmx 2 does not swap 4xx responses by default: a refused group answers 200 with the
    # error shown in the group, and says so in a header for scripts and tests.
    response = render_page(request, "readiness/assessment_form.html", context, partial="group")
    response["X-Eslabon-Saved"] = "no" if error else "yes"
    return response


@login_required
@require_POST
def assessment_submit(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _visible_assessment(request, pk)
    if not permissions.can_answer(request.user, assessment):
        raise PermissionDenied
    services.submit_assessment(assessment=assessment)
    messages.success(request, _("The self-assessment was submitted and scored."))
    return redirect("readiness:result", pk=pk)


@login_required
@require_POST
def consent(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _visible_assessment(request, pk)
    if not permissions.can_change_consent(request.user, assessment):
        raise PermissionDenied
    form = ConsentForm(request.POST)
    form.is_valid()
    services.set_consent(
        record=assessment, share=form.cleaned_data.get("share_with_operators", False)
    )
    messages.success(request, _("Your consent choice was saved."))
    return redirect("readiness:result", pk=pk)


def _result_context(request: HttpRequest, assessment: Assessment) -> dict[str, Any]:
    result = selectors.result(assessment)
    form = RoadmapForm(request.GET or None)
    target, start = "iatf-16949", timezone.localdate()
    if form.is_valid():
        target = form.cleaned_data["target"]
        start = form.cleaned_data["start"] or start
    lang = selectors.language()
    group_titles = selectors.group_titles(result.questionnaire)
    return {
        "assessment": assessment,
        "result": result,
        "roadmap": selectors.roadmap(result.scored, result.questionnaire, target, start),
        "roadmap_form": form if form.is_bound else RoadmapForm(),
        "group_titles": group_titles,
        "question_texts": selectors.question_texts(result.questionnaire),
        "module_titles": selectors.module_titles(result.questionnaire),
        "group_chart": charts.bar_chart(
            _("Score by clause group"),
            [
                report.Cell(group_titles.get(g.id, g.id), g.percent, 1, key=g.id)
                for g in result.scored.groups
            ],
            maximum=report.HUNDRED,
        ),
        "comments": assessment.comments.select_related("author"),
        "comment_form": CommentForm(),
        "consent_form": ConsentForm(
            initial={"share_with_operators": assessment.share_with_operators}
        ),
        "can_comment": permissions.can_comment(request.user, assessment),
        "can_mark_reviewed": permissions.can_mark_reviewed(request.user, assessment),
        "can_change_consent": permissions.can_change_consent(request.user, assessment),
        "can_answer": permissions.can_answer(request.user, assessment),
        "language": lang,
    }


@login_required
def result(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _visible_assessment(request, pk)
    context = _result_context(request, assessment)
    return render_page(request, "readiness/result.html", context, partial="roadmap")


@login_required
def result_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    assessment = _visible_assessment(request, pk)
    context = _result_context(request, assessment)
    name = f"autodiagnostico-{assessment.organization_id}-{assessment.pk}"
    if fmt == "xlsx":
        content = exports.workbook_bytes(exports.result_sheets(context))
        return _download(content, exports.XLSX, f"{name}.xlsx")
    if fmt == "pdf":
        content = exports.pdf_bytes(
            "readiness/result_pdf.html", context, request.build_absolute_uri("/")
        )
        return _download(content, exports.PDF, f"{name}.pdf")
    raise Http404


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_POST
def comment(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _visible_assessment(request, pk)
    if not permissions.can_comment(request.user, assessment):
        raise PermissionDenied
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            services.add_comment(
                assessment=assessment, author=request.user, text=form.cleaned_data["text"],
                question=form.cleaned_data["question"],
            )  # fmt: skip
        except DomainError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Comment added."))
    else:
        messages.error(request, _("Write a comment first."))
    return redirect("readiness:result", pk=pk)


@login_required
@require_POST
def mark_reviewed(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _visible_assessment(request, pk)
    if not permissions.can_mark_reviewed(request.user, assessment):
        raise PermissionDenied
    services.mark_reviewed(assessment=assessment, reviewer=request.user)
    messages.success(request, _("Marked as reviewed."))
    return redirect("readiness:result", pk=pk)


@login_required
def evidence_file(request: HttpRequest, pk: int) -> FileResponse:
    """Serve an evidence file only to those who may see its assessment's details."""
    visible = Assessment.objects.visible_to(request.user)
    evidence = get_object_or_404(EvidenceFile.objects.filter(answer__assessment__in=visible), pk=pk)
    handle = evidence.file.open("rb")
    content_type = sniff_content_type(handle.read(16)) or "application/octet-stream"
    handle.seek(0)
    response = FileResponse(
        handle, as_attachment=True, filename=evidence.name, content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def decent_work_edit(request: HttpRequest, org_pk: int, year: int | None = None) -> HttpResponse:
    organization = get_object_or_404(Organization.objects.visible_to(request.user), pk=org_pk)
    if not permissions.can_start_assessment(request.user, organization):
        raise PermissionDenied
    instance = None
    if year is not None:
        instance = get_object_or_404(
            DecentWorkReport.objects.editable_by(request.user), organization=organization, year=year
        )
    form = DecentWorkForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        record = form.save(commit=False)
        record.organization = organization
        try:
            services.save_decent_work_report(report=record)
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The decent-work figures were saved."))
            return redirect("readiness:decent_work_detail", pk=record.pk)
    context = {"form": form, "organization": organization}
    return render(request, "readiness/decent_work_form.html", context)


@login_required
def decent_work_detail(request: HttpRequest, pk: int) -> HttpResponse:
    record = get_object_or_404(
        DecentWorkReport.objects.visible_to(request.user).select_related("organization"), pk=pk
    )
    context = {
        "record": record,
        "indicators": selectors.decent_work_indicators(record),
        "can_edit": permissions.is_member(request.user, record.organization_id),
    }
    return render(request, "readiness/decent_work_detail.html", context)


def _report(request: HttpRequest) -> tuple[ReportFilterForm, report.ProgrammeReport]:
    if not permissions.can_view_programme_report(request.user):
        raise PermissionDenied
    form = ReportFilterForm(request.GET or None)
    filters = form.filters() if form.is_valid() else report.Filters()
    built = report.programme_report(
        filters=filters,
        suppress=permissions.suppresses_small_cells(request.user),
        labels=report_labels(),
    )
    return form, built


def report_labels() -> dict[str, str]:
    return {
        "iso_held": _("ISO 9001 held"),
        "iso_way": _("ISO 9001 in progress or planned"),
        "iatf_held": _("IATF 16949 held"),
        "iatf_way": _("IATF 16949 in progress or planned"),
        "ready": _("Self-assessed ready (overall of 80 or more)"),
    }


def _report_context(form: ReportFilterForm, built: report.ProgrammeReport) -> dict[str, Any]:
    return {
        "form": form,
        "report": built,
        "min_cell": permissions.MIN_CELL,
        "certification_chart": charts.bar_chart(
            _("Companies"), built.certifications, unit="", decimals=0
        ),
        "group_chart": charts.bar_chart(
            _("Average score by clause group"), built.groups, maximum=report.HUNDRED
        ),
        "process_chart": charts.bar_chart(
            _("Average score by process"), built.processes, maximum=report.HUNDRED
        ),
        "gap_chart": charts.bar_chart(
            _("Share of companies with the gap"), built.top_gaps, maximum=report.HUNDRED
        ),
        "capacity_chart": charts.bar_chart(
            _("Installed capacity (pieces a year)"), built.capacity, unit="", decimals=0
        ),
    }


@login_required
def programme_report(request: HttpRequest) -> HttpResponse:
    form, built = _report(request)
    return render_page(
        request, "readiness/programme_report.html", _report_context(form, built), partial="report"
    )


@login_required
def programme_export(request: HttpRequest, fmt: str) -> HttpResponse:
    form, built = _report(request)
    if fmt == "xlsx":
        return _download(
            exports.workbook_bytes(exports.report_sheets(built)),
            exports.XLSX,
            "informe-programa.xlsx",
        )
    if fmt == "pdf":
        content = exports.pdf_bytes(
            "readiness/programme_report_pdf.html",
            _report_context(form, built),
            request.build_absolute_uri("/"),
        )
        return _download(content, exports.PDF, "informe-programa.pdf")
    raise Http404
