"""Programme pages: officers run programmes, calls, selection, plans, courses and reports;
companies see open calls they may apply to, and only their own applications and plans.

Views parse, call a selector or service, and render; scoping comes from the querysets'
``visible_to`` and the rules in permissions.py.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from eslabon.pdf import render_pdf
from eslabon.programmes import permissions, selectors, services
from eslabon.programmes.certificates import certificate_pdf, normalise_code
from eslabon.programmes.choices import CallStatus, EnrolmentStatus
from eslabon.programmes.forms import (
    ApplicationForm,
    CancelApprovalForm,
    CertificateLookupForm,
    DecisionForm,
    DeliverableForm,
    EnrolForm,
    EvidenceForm,
    PlanItemForm,
)
from eslabon.programmes.models import (
    Application,
    AuditEntry,
    Call,
    CompanyPlan,
    Course,
    Deliverable,
    Enrolment,
    PlanItem,
    Programme,
    Session,
)
from eslabon.programmes.report_excel import workbook_bytes
from eslabon.registry.models import Organization
from eslabon.rendering import render_page


def _require_officer(request: HttpRequest) -> None:
    if not permissions.is_officer(request.user):
        raise PermissionDenied


def _require_manager(request: HttpRequest, programme: Programme) -> None:
    if not permissions.can_manage_programme(request.user, programme):
        raise PermissionDenied


def _can_manage_course(user: Any, course: Course) -> bool:
    """A course of a programme is run by that programme's officers; one outside any, by staff."""
    if course.service_id is None:
        return bool(user.is_staff)
    return permissions.can_manage_programme(user, course.service.programme)  # type: ignore[union-attr]


def _programme_of_session(session: Session) -> int:
    if session.cohort_id:
        return int(session.cohort.programme_id)
    if session.course_id and session.course.service_id:
        return int(session.course.service.programme_id)  # type: ignore[union-attr]
    raise PermissionDenied


def _fail(request: HttpRequest, error: services.ProgrammeError) -> None:
    messages.error(request, str(error))


# --- officers ------------------------------------------------------------------------------


@login_required
def programme_list(request: HttpRequest) -> HttpResponse:
    _require_officer(request)
    programmes = Programme.objects.visible_to(request.user).select_related("operator")
    return render(request, "programmes/programme_list.html", {"programmes": programmes})


@login_required
def programme_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _require_officer(request)
    programme = get_object_or_404(Programme.objects.visible_to(request.user), pk=pk)
    context = {
        "programme": programme,
        "can_manage": permissions.can_manage_programme(request.user, programme),
        "calls": programme.calls.all(),
        "cohorts": programme.cohorts.prefetch_related("members"),
        "services": programme.services.select_related("budget_line"),
        "plans": programme.plans.select_related("organization"),
        "courses": Course.objects.filter(service__programme=programme),
        "sessions": Session.objects.filter(cohort__programme=programme)
        | Session.objects.filter(course__service__programme=programme),
        "audit": AuditEntry.objects.filter(programme=programme).select_related("actor")[:30],
        "report": selectors.programme_report(programme),
    }
    return render(request, "programmes/programme_detail.html", context)


@login_required
@require_POST
def call_status(request: HttpRequest, pk: int) -> HttpResponse:
    call = get_object_or_404(Call.objects.visible_to(request.user), pk=pk)
    _require_manager(request, call.programme)
    status = request.POST.get("status", "")
    if status not in (CallStatus.OPEN, CallStatus.CLOSED):
        raise Http404
    services.set_call_status(call, status, request.user)
    messages.success(
        request, _("The call is now %(status)s.") % {"status": call.get_status_display()}
    )
    return redirect("programmes:programme_detail", call.programme_id)


@login_required
def call_applications(request: HttpRequest, pk: int) -> HttpResponse:
    _require_officer(request)
    call = get_object_or_404(Call.objects.visible_to(request.user), pk=pk)
    applications = call.applications.select_related("organization").order_by("-total_score")
    context = {"call": call, "applications": applications}
    return render(request, "programmes/call_applications.html", context)


@login_required
def application_review(request: HttpRequest, pk: int) -> HttpResponse:
    _require_officer(request)
    application = get_object_or_404(
        Application.objects.visible_to(request.user).select_related("call__programme"), pk=pk
    )
    form = DecisionForm(request.POST or None)
    if request.method == "POST":
        _require_manager(request, application.call.programme)
        if form.is_valid():
            try:
                services.decide_application(
                    application, status=form.cleaned_data["status"], scores=form.scores(),
                    committee_decision=form.cleaned_data["committee_decision"],
                    reasons=form.cleaned_data["reasons"], actor=request.user,
                )  # fmt: skip
            except services.ProgrammeError as error:
                _fail(request, error)
            else:
                return redirect("programmes:call_applications", application.call_id)
    context = {"application": application, "form": form}
    return render(request, "programmes/application_review.html", context)


@login_required
@require_POST
def plan_build(request: HttpRequest, pk: int, org_pk: int) -> HttpResponse:
    programme = get_object_or_404(Programme.objects.visible_to(request.user), pk=pk)
    _require_manager(request, programme)
    organization = get_object_or_404(Organization, pk=org_pk)
    plan = services.build_plan(programme, organization, request.user)
    return redirect("programmes:plan_detail", plan.pk)


@login_required
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_object_or_404(
        CompanyPlan.objects.visible_to(request.user).select_related("programme", "organization"),
        pk=pk,
    )
    can_manage = permissions.can_manage_programme(request.user, plan.programme)
    form = PlanItemForm(request.POST or None, programme=plan.programme)
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        if form.is_valid():
            services.add_plan_item(
                plan, form.cleaned_data["service"], request.user, gap=form.cleaned_data["gap"]
            )
            return redirect("programmes:plan_detail", plan.pk)
    items = plan.items.select_related("service__budget_line", "approval__approved_by")
    context = {
        "plan": plan,
        "items": items.prefetch_related("deliverables"),
        "can_manage": can_manage,
        "form": form,
        "evidence_form": EvidenceForm(),
        "deliverable_form": DeliverableForm(),
        "cancel_form": CancelApprovalForm(),
    }
    return render(request, "programmes/plan_detail.html", context)


@login_required
@require_POST
def plan_item_approve(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(PlanItem.objects.visible_to(request.user), pk=pk)
    _require_manager(request, item.plan.programme)
    try:
        services.approve_plan_item(item.pk, request.user)
    except services.ProgrammeError as error:
        _fail(request, error)
    else:
        messages.success(request, _("Approved."))
    return redirect("programmes:plan_detail", item.plan_id)


@login_required
@require_POST
def plan_item_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(PlanItem.objects.visible_to(request.user), pk=pk)
    _require_manager(request, item.plan.programme)
    form = CancelApprovalForm(request.POST)
    try:
        if not form.is_valid():
            raise services.ProgrammeError(_("Say why the approval is cancelled."))
        services.cancel_approval(item.pk, request.user, form.cleaned_data["reason"])
    except services.ProgrammeError as error:
        _fail(request, error)
    else:
        messages.success(request, _("Approval cancelled; the amount is back on its budget line."))
    return redirect("programmes:plan_detail", item.plan_id)


@login_required
@require_POST
def deliverable_create(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(PlanItem.objects.visible_to(request.user), pk=pk)
    _require_manager(request, item.plan.programme)
    form = DeliverableForm(request.POST)
    if form.is_valid():
        deliverable = Deliverable.objects.create(plan_item=item, **form.cleaned_data)
        services.record(request.user, item.plan.programme, "deliverable.created", deliverable)
    return redirect("programmes:plan_detail", item.plan_id)


@login_required
@require_POST
def deliverable_evidence(request: HttpRequest, pk: int) -> HttpResponse:
    deliverable = get_object_or_404(Deliverable.objects.visible_to(request.user), pk=pk)
    plan = deliverable.plan_item.plan
    acts = permissions.acts_for(request.user, plan.organization)
    if not (acts or permissions.can_manage_programme(request.user, plan.programme)):
        raise PermissionDenied
    form = EvidenceForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.submit_evidence(
                deliverable, form.cleaned_data["evidence"], request.user,
                max_bytes=settings.ESLABON_MAX_UPLOAD_BYTES,
            )  # fmt: skip
        except services.ProgrammeError as error:
            _fail(request, error)
    return redirect("programmes:plan_detail", plan.pk)


@login_required
@require_POST
def deliverable_accept(request: HttpRequest, pk: int) -> HttpResponse:
    deliverable = get_object_or_404(Deliverable.objects.visible_to(request.user), pk=pk)
    plan = deliverable.plan_item.plan
    _require_manager(request, plan.programme)
    try:
        services.accept_deliverable(deliverable, request.user)
    except services.ProgrammeError as error:
        _fail(request, error)
    return redirect("programmes:plan_detail", plan.pk)


@login_required
@require_POST
def plan_item_delivered(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(PlanItem.objects.visible_to(request.user), pk=pk)
    _require_manager(request, item.plan.programme)
    try:
        services.mark_delivered(item, request.user)
    except services.ProgrammeError as error:
        _fail(request, error)
    return redirect("programmes:plan_detail", item.plan_id)


@login_required
def evidence_file(request: HttpRequest, pk: int) -> FileResponse:
    deliverable = get_object_or_404(Deliverable.objects.visible_to(request.user), pk=pk)
    if not deliverable.evidence:
        raise Http404
    return FileResponse(
        deliverable.evidence.open("rb"),
        content_type=deliverable.evidence_type or "application/octet-stream",
        as_attachment=True,
    )


@login_required
def session_attendance(request: HttpRequest, pk: int) -> HttpResponse:
    _require_officer(request)
    session = get_object_or_404(Session.objects.visible_to(request.user), pk=pk)
    expected = services.expected_attendees(session)
    if request.method == "POST":
        _require_manager(request, Programme.objects.get(pk=_programme_of_session(session)))
        present = set(request.POST.getlist("present"))
        for index, (organization, participant) in enumerate(expected):
            services.record_attendance(
                session, organization, participant, str(index) in present, request.user
            )
        messages.success(request, _("Attendance recorded."))
        return redirect("programmes:session_attendance", session.pk)
    recorded = {(a.organization_id, a.participant): a.present for a in session.attendance.all()}
    rows = [
        (index, organization, participant, recorded.get((organization.pk, participant)))
        for index, (organization, participant) in enumerate(expected)
    ]
    return render(request, "programmes/session_attendance.html", {"session": session, "rows": rows})


@login_required
def programme_report(request: HttpRequest, pk: int) -> HttpResponse:
    _require_officer(request)
    programme = get_object_or_404(Programme.objects.visible_to(request.user), pk=pk)
    report = selectors.programme_report(programme)
    return render(request, "programmes/report.html", {"report": report, "programme": programme})


@login_required
def programme_report_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    _require_officer(request)
    programme = get_object_or_404(Programme.objects.visible_to(request.user), pk=pk)
    response = HttpResponse(
        workbook_bytes(selectors.programme_report(programme)),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="programme-{programme.pk}.xlsx"'
    return response


@login_required
def programme_report_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    _require_officer(request)
    programme = get_object_or_404(Programme.objects.visible_to(request.user), pk=pk)
    context = {"report": selectors.programme_report(programme), "programme": programme}
    response = HttpResponse(
        render_pdf("programmes/report_pdf.html", context), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'attachment; filename="programme-{programme.pk}.pdf"'
    return response


# --- training catalogue --------------------------------------------------------------------


@login_required
def course_list(request: HttpRequest) -> HttpResponse:
    courses = Course.objects.visible_to(request.user).select_related("service")
    return render(request, "programmes/course_list.html", {"courses": courses})


@login_required
def course_detail(request: HttpRequest, pk: int) -> HttpResponse:
    course = get_object_or_404(Course.objects.visible_to(request.user), pk=pk)
    companies = permissions.supplier_organizations(request.user)
    form = EnrolForm(request.POST or None, organizations=companies)
    if request.method == "POST":
        if not companies:
            raise PermissionDenied
        if form.is_valid():
            try:
                enrolment = services.enrol(
                    course, form.cleaned_data["organization"], form.cleaned_data["participant"],
                    request.user,
                )  # fmt: skip
            except services.ProgrammeError as error:
                _fail(request, error)
            else:
                messages.success(request, enrolment.get_status_display())
            return redirect("programmes:course_detail", course.pk)
    context = {
        "course": course,
        "form": form if companies else None,
        "enrolments": Enrolment.objects.visible_to(request.user).filter(course=course),
        "is_officer": permissions.is_officer(request.user),
        "can_manage": _can_manage_course(request.user, course),
        "seats_taken": course.enrolments.filter(
            status__in=[EnrolmentStatus.ENROLLED, EnrolmentStatus.COMPLETED]
        ).count(),
        "sessions": course.sessions.all(),
    }
    return render(request, "programmes/course_detail.html", context)


@login_required
@require_POST
def enrolment_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    enrolment = get_object_or_404(Enrolment.objects.visible_to(request.user), pk=pk)
    if not (
        _can_manage_course(request.user, enrolment.course)
        or permissions.acts_for(request.user, enrolment.organization)
    ):
        raise PermissionDenied
    try:
        services.withdraw(enrolment, request.user)
    except services.ProgrammeError as error:
        _fail(request, error)
    return redirect("programmes:course_detail", enrolment.course_id)


@login_required
@require_POST
def enrolment_complete(request: HttpRequest, pk: int) -> HttpResponse:
    _require_officer(request)
    enrolment = get_object_or_404(Enrolment.objects.visible_to(request.user), pk=pk)
    if not _can_manage_course(request.user, enrolment.course):
        raise PermissionDenied
    try:
        services.complete(enrolment, request.user)
    except services.ProgrammeError as error:
        _fail(request, error)
    return redirect("programmes:course_detail", enrolment.course_id)


@login_required
def certificate(request: HttpRequest, pk: int) -> HttpResponse:
    """The certificate of completion as a PDF, for the company and the officers."""
    enrolment = get_object_or_404(
        Enrolment.objects.visible_to(request.user).select_related(
            "course__service__programme__operator", "organization"
        ),
        pk=pk,
        status=EnrolmentStatus.COMPLETED,
    )
    response = HttpResponse(certificate_pdf(enrolment, request), content_type="application/pdf")
    filename = f"certificate-{enrolment.certificate_number}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def certificate_lookup(request: HttpRequest) -> HttpResponse:
    """Public: type a certificate's verification code to check it."""
    form = CertificateLookupForm(request.GET or None)
    if form.is_valid():
        code = normalise_code(form.cleaned_data["code"]) or "-"
        return redirect("programmes:certificate_verify", code)
    return _verify_page(request, form, None, checked=False)


def certificate_verify(request: HttpRequest, code: str) -> HttpResponse:
    """Public: whether a certificate is valid, and for whom and which course — nothing else."""
    stored = normalise_code(code)
    enrolment = (
        Enrolment.objects.filter(verification_code=stored, status=EnrolmentStatus.COMPLETED)
        .select_related("course")
        .first()
        if stored
        else None
    )
    return _verify_page(
        request, CertificateLookupForm(initial={"code": code}), enrolment, checked=True
    )


def _verify_page(
    request: HttpRequest, form: Any, enrolment: Enrolment | None, *, checked: bool
) -> HttpResponse:
    context = {
        "form": form,
        "checked": checked,
        "valid": enrolment is not None,
        "participant": enrolment.participant if enrolment else "",
        "course": enrolment.course.title if enrolment else "",
    }
    response = render(request, "programmes/certificate_verify.html", context)
    response["X-Robots-Tag"] = "noindex"
    return response


# --- companies -----------------------------------------------------------------------------


@login_required
def open_calls(request: HttpRequest) -> HttpResponse:
    context = {"calls": selectors.open_calls_for(request.user)}
    return render_page(request, "programmes/open_calls.html", context)


@login_required
def apply(request: HttpRequest, pk: int) -> HttpResponse:
    call = get_object_or_404(Call.objects.visible_to(request.user), pk=pk)
    companies = permissions.supplier_organizations(request.user)
    if not companies:
        raise PermissionDenied
    form = ApplicationForm(request.POST or None, call=call, organizations=companies)
    if request.method == "POST" and form.is_valid():
        try:
            services.submit_application(
                call, form.cleaned_data["organization"], form.answers(), request.user
            )
        except services.ProgrammeError as error:
            _fail(request, error)
        else:
            messages.success(request, _("Your application has been submitted."))
            return redirect("programmes:mine")
    verdicts = [(org, services.eligibility_for(call, org)) for org in companies]
    context = {"call": call, "form": form, "verdicts": verdicts}
    return render(request, "programmes/apply.html", context)


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    """A company's own applications, plans, budget share and courses — nobody else's."""
    own: dict[str, Any] = {"organization__in": permissions.organization_ids(request.user)}
    context = {
        "applications": Application.objects.visible_to(request.user)
        .filter(**own)
        .select_related("call__programme", "organization"),
        "plans": CompanyPlan.objects.visible_to(request.user)
        .filter(**own)
        .select_related("programme"),
        "items": selectors.my_budget_share(request.user),
        "enrolments": Enrolment.objects.visible_to(request.user)
        .filter(**own)
        .select_related("course")
        .prefetch_related("course__sessions"),
    }
    return render(request, "programmes/mine.html", context)
