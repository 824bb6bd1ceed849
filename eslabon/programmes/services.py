"""Programme actions: every change goes through here, in a transaction, with an audit line.

Money moves only in ``approve_plan_item``: it locks the budget line (SELECT ... FOR UPDATE)
so two officers approving at once cannot overdraw it; the domain's BudgetLine refuses to
go negative and the database's check constraint backs it up.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from eslabon.domain.programmes import subsidy
from eslabon.domain.programmes.eligibility import CompanyProfile, Eligibility, evaluate, parse_rules
from eslabon.programmes import readiness_link
from eslabon.programmes.certificates import new_verification_code
from eslabon.programmes.choices import (
    ApplicationStatus,
    CallStatus,
    EnrolmentStatus,
    PlanItemStatus,
)
from eslabon.programmes.models import (
    Application,
    Approval,
    Attendance,
    AuditEntry,
    BudgetLine,
    Call,
    Cohort,
    CompanyPlan,
    Course,
    Deliverable,
    Enrolment,
    PlanItem,
    Programme,
    Service,
    Session,
)
from eslabon.registry.choices import CertificationStatus
from eslabon.registry.models import Organization
from eslabon.registry.uploads import UploadRejected, check_certificate_upload


class ProgrammeError(Exception):
    """An action refused for a reason the user can act on; the message is translated."""


def record(
    actor: Any, programme: Programme | None, action: str, subject: Any, **details: Any
) -> None:
    AuditEntry.objects.create(
        programme=programme,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        subject=str(subject)[:255],
        details={key: str(value) for key, value in details.items()},
    )


# --- eligibility -------------------------------------------------------------------------


def company_profile(organization: Organization) -> CompanyProfile:
    """The facts eligibility rules look at, from the registry and the readiness hook."""
    return CompanyProfile(
        state_codes=frozenset(organization.sites.values_list("state_code", flat=True)),
        size_stratum=organization.size_stratum,
        processes=frozenset(
            organization.sites.values_list("capabilities__process__slug", flat=True).exclude(
                capabilities__process__slug=None
            )
        ),
        certifications_held=frozenset(
            organization.certifications.filter(status=CertificationStatus.HELD).values_list(
                "standard__slug", flat=True
            )
        ),
        readiness_grade=readiness_link.readiness_of(organization).grade,
    )


def eligibility_for(call: Call, organization: Organization) -> Eligibility:
    return evaluate(parse_rules(call.eligibility_rules), company_profile(organization))


def _verdicts_json(result: Eligibility) -> list[dict[str, Any]]:
    return [
        {
            **verdict.rule.as_json(),
            "met": verdict.met,
            "facts": list(verdict.facts),
            "explanation": verdict.explanation,
        }
        for verdict in result.verdicts
    ]


# --- what officers set up: programmes, goals, budget lines, services, calls, courses ----------


@transaction.atomic
def save_setup(instance: Any, programme: Programme | None, actor: Any, changed: Any = ()) -> Any:
    """Create or change one set-up record, with an audit line naming the fields changed."""
    created = instance.pk is None
    instance.save()
    kind = instance._meta.model_name
    record(
        actor, programme or (instance if isinstance(instance, Programme) else None),
        f"{kind}.{'created' if created else 'changed'}", instance, fields=", ".join(changed),
    )  # fmt: skip
    return instance


def save_budget_line(line: BudgetLine, actor: Any, changed: Any = ()) -> BudgetLine:
    """Create a line, or change its name and allocation without touching what is committed.

    The allocation may not fall below what approvals have committed; the row is locked like
    an approval, so an approval arriving meanwhile is counted.
    """
    if line.pk is None:
        line.committed = subsidy.BudgetLine(line.allocated).committed
        return save_setup(line, line.programme, actor, changed)  # type: ignore[no-any-return]
    with _budget_line_locked(lambda: line.pk) as current:
        try:
            subsidy.BudgetLine(line.allocated, current.committed)
        except subsidy.BudgetExceeded as error:
            raise ProgrammeError(
                _("Approvals have committed MXN %(committed)s from this line; the allocation "
                  "cannot be less.") % {"committed": current.committed}
            ) from error  # fmt: skip
        current.name, current.allocated = line.name, line.allocated
        current.save(update_fields=["name", "allocated"])
        record(
            actor, current.programme, "budgetline.changed", current,
            fields=", ".join(changed), allocated=current.allocated,
        )  # fmt: skip
    return current


@transaction.atomic
def update_call(call: Call, actor: Any, changed: Any = ()) -> Call:
    """A call's text, dates and rules change only while it is a draft: applicants were judged
    on the rules they saw. The row is locked and the status is never written here, so a call
    opened meanwhile is neither changed nor sent back to draft."""
    if Call.objects.select_for_update().get(pk=call.pk).status != CallStatus.DRAFT:
        raise ProgrammeError(_("Only a draft call can be changed."))
    call.status = CallStatus.DRAFT
    call.save(update_fields=[
        "title", "description", "opens_on", "closes_on", "seats", "eligibility_rules",
        "questions",
    ])  # fmt: skip
    record(actor, call.programme, "call.changed", call, fields=", ".join(changed))
    return call


# --- calls and applications -----------------------------------------------------------------


def set_call_status(call: Call, status: str, actor: Any) -> Call:
    call.status = status
    call.save(update_fields=["status"])
    record(actor, call.programme, f"call.{status}", call)
    return call


@transaction.atomic
def submit_application(
    call: Call, organization: Organization, answers: dict[str, str], actor: Any
) -> Application:
    if call.status != CallStatus.OPEN:
        raise ProgrammeError(_("This call is not open for applications."))
    if not call.opens_on <= timezone.localdate() <= call.closes_on:
        raise ProgrammeError(
            _("This call receives applications from %(opens)s to %(closes)s.")
            % {"opens": call.opens_on.isoformat(), "closes": call.closes_on.isoformat()}
        )
    if Application.objects.filter(call=call, organization=organization).exists():
        raise ProgrammeError(_("This company has already applied to this call."))
    result = eligibility_for(call, organization)
    if not result.eligible:
        raise ProgrammeError(_("This company does not meet the call's eligibility rules."))
    application = Application.objects.create(
        call=call,
        organization=organization,
        answers=answers,
        eligibility=_verdicts_json(result),
        submitted_by=actor,
    )
    record(actor, call.programme, "application.submitted", application)
    return application


def snapshot(organization: Organization) -> dict[str, Any]:
    """A company's outcome figures now: readiness grade, certifications held, capacity."""
    from eslabon.registry.models import Capability

    capacity = sum(
        c.annual_capacity for c in Capability.objects.filter(site__organization=organization)
    )
    from eslabon.hub.performance import awards_of

    won, awarded = awards_of(organization.pk)
    return {
        "grade": readiness_link.readiness_of(organization).grade,
        "certifications": sorted(
            organization.certifications.filter(status=CertificationStatus.HELD).values_list(
                "standard__slug", flat=True
            )
        ),
        "annual_capacity": capacity,
        "requirements_won": won,
        "awarded_value": {currency: str(value) for currency, value in awarded.items()},
        "decent_work": _decent_work(organization),
    }


def _decent_work(organization: Organization) -> dict[str, str] | None:
    """The company's latest decent-work indicators (value as text, with its unit), if any."""
    from eslabon.readiness.models import DecentWorkReport
    from eslabon.readiness.selectors import decent_work_indicators

    latest = DecentWorkReport.objects.filter(organization=organization).order_by("-year").first()
    if latest is None:
        return None
    return {
        row.id.replace("-", "_"): f"{row.value.value} {row.value.unit}".strip()
        for row in decent_work_indicators(latest)
        if row.value.value is not None
    }


@transaction.atomic
def decide_application(
    application: Application,
    *,
    status: str,
    scores: dict[str, Any],
    committee_decision: str,
    reasons: str,
    actor: Any,
) -> Application:
    """Record the scores and the committee's decision; a selected company joins the cohort."""
    if status in (ApplicationStatus.SELECTED, ApplicationStatus.REJECTED) and not reasons.strip():
        raise ProgrammeError(_("A selection decision needs its reasons."))
    # The call row is locked so that two committee members selecting at once cannot fill
    # more places than the call offers.
    call = Call.objects.select_for_update().get(pk=application.call_id)
    if status == ApplicationStatus.SELECTED and call.seats is not None:
        taken = (
            call.applications.filter(status=ApplicationStatus.SELECTED)
            .exclude(pk=application.pk)
            .count()
        )
        if taken >= call.seats:
            raise ProgrammeError(
                _("All %(places)s places of this call are taken.") % {"places": call.seats}
            )
    application.status = status
    application.scores = scores
    numeric = [value for value in scores.values() if value is not None]
    application.total_score = sum(numeric) if numeric else None
    application.committee_decision = committee_decision
    application.reasons = reasons
    application.decided_by = actor
    application.decided_at = timezone.now()
    if status == ApplicationStatus.SELECTED:
        application.baseline = snapshot(application.organization)
        cohort, _created = Cohort.objects.get_or_create(
            programme=application.call.programme,
            call=application.call,
            defaults={"name": application.call.title},
        )
        cohort.members.add(application.organization)
    application.save()
    record(
        actor, application.call.programme, f"application.{status}", application,
        score=application.total_score, reasons=reasons,
    )  # fmt: skip
    return application


# --- plans and approvals -------------------------------------------------------------------


@transaction.atomic
def build_plan(programme: Programme, organization: Organization, actor: Any) -> CompanyPlan:
    """A company's plan: one item per programme service that closes one of its gaps.

    Gaps come from the readiness roadmap when the company has one; otherwise the plan
    starts empty and the officer adds services by hand.
    """
    plan, created = CompanyPlan.objects.get_or_create(
        programme=programme, organization=organization
    )
    readiness = readiness_link.readiness_of(organization)
    if created:
        plan.source = (
            _("readiness gaps: %(gaps)s") % {"gaps": ", ".join(readiness.gap_groups)}
            if readiness.gap_groups
            else _("no readiness assessment; services chosen by the officer")
        )
        plan.save(update_fields=["source"])
        for gap in readiness.gap_groups:
            for service in programme.services.all():
                if gap in service.closes_gaps and not plan.items.filter(service=service).exists():
                    add_plan_item(plan, service, actor, gap=gap)
        record(actor, programme, "plan.created", plan, source=plan.source)
    return plan


def add_plan_item(plan: CompanyPlan, service: Service, actor: Any, *, gap: str = "") -> PlanItem:
    if service.programme_id != plan.programme_id:
        raise ProgrammeError(_("The service belongs to another programme."))
    split = subsidy.split(service.cost, service.subsidy_share)
    item = PlanItem.objects.create(
        plan=plan, service=service, gap=gap, cost=split.cost, subsidy=split.subsidy,
        co_payment=split.co_payment,
    )  # fmt: skip
    record(actor, plan.programme, "plan_item.proposed", item, subsidy=split.subsidy)
    return item


# SQLite has no row locks; its writes are serialised per database. Within one process a lock
# keeps threads from meeting at the table lock, and the first statement of the transaction is
# a write so that other processes wait on SQLite's busy timeout instead of failing late.
_SQLITE_WRITES = threading.Lock()


@contextmanager
def _budget_line_locked(line_of: Callable[[], int]) -> Iterator[BudgetLine]:
    """A transaction holding a budget line's lock, yielding the line as locked.

    Approvals, cancellations and changes of the allocation all come through here, so they
    queue on the line in one order (line, then plan item) and cannot deadlock each other.
    ``line_of`` finds the line; on SQLite it runs inside the process lock, where no other
    thread is writing (SQLite's shared cache refuses a read of a table being written).
    """
    if connection.vendor != "sqlite":
        line_pk = line_of()
        with transaction.atomic():
            yield BudgetLine.objects.select_for_update().get(pk=line_pk)
        return
    with _SQLITE_WRITES:
        line_pk = line_of()
        with transaction.atomic():
            BudgetLine.objects.filter(pk=line_pk).update(committed=F("committed"))
            yield BudgetLine.objects.get(pk=line_pk)


def _line_of(item_pk: int) -> int:
    return int(PlanItem.objects.values_list("service__budget_line_id", flat=True).get(pk=item_pk))


def approve_plan_item(item_pk: int, actor: Any) -> Approval:
    """Commit a plan item's subsidy from its service's budget line, or refuse.

    The budget line row is locked for the whole transaction; a second approval on the same
    line waits, then sees the first one's commitment.
    """
    with _budget_line_locked(lambda: _line_of(item_pk)) as line:
        item = (
            PlanItem.objects.select_for_update().select_related("service", "plan").get(pk=item_pk)
        )
        if item.status != PlanItemStatus.PROPOSED:
            raise ProgrammeError(_("Only a proposed plan item can be approved."))
        try:
            after = subsidy.BudgetLine(line.allocated, line.committed).commit(item.subsidy)
        except subsidy.BudgetExceeded as error:
            raise ProgrammeError(
                _("The budget line %(line)s has MXN %(left)s left; this item needs MXN %(need)s.")
                % {"line": line.name, "left": line.available, "need": item.subsidy}
            ) from error
        line.committed = after.committed
        line.save(update_fields=["committed"])
        item.status = PlanItemStatus.APPROVED
        item.save(update_fields=["status"])
        approval = Approval.objects.create(
            plan_item=item, budget_line=line, amount=item.subsidy, approved_by=actor
        )
        record(
            actor, item.plan.programme, "plan_item.approved", item,
            budget_line=line.name, amount=item.subsidy, left=line.available,
        )  # fmt: skip
    return approval


def cancel_approval(item_pk: int, actor: Any, reason: str) -> Approval:
    """Cancel an approval and give its amount back to the budget line it was taken from.

    Same lock as approvals (the line, then the item), so a cancellation and an approval on
    one line never interleave, and two cancellations of one item release the money once.
    Refused once the item was delivered or one of its deliverables was accepted: the money
    was then earned, and the record of it must stay.
    """
    if not reason.strip():
        raise ProgrammeError(_("Say why the approval is cancelled."))

    def line_of() -> int:
        taken_from = Approval.objects.filter(plan_item_id=item_pk).values_list(
            "budget_line_id", flat=True
        )
        if not taken_from:
            raise ProgrammeError(_("This plan item has no approval to cancel."))
        return int(taken_from[0])

    with _budget_line_locked(line_of) as line:
        item = (
            PlanItem.objects.select_for_update().select_related("plan__programme").get(pk=item_pk)
        )
        approval = Approval.objects.select_for_update().get(plan_item=item)
        if approval.is_cancelled:
            raise ProgrammeError(_("This approval was already cancelled."))
        if item.status != PlanItemStatus.APPROVED:
            raise ProgrammeError(_("A delivered plan item cannot be cancelled."))
        if item.deliverables.filter(accepted_at__isnull=False).exists():
            raise ProgrammeError(
                _("A deliverable of this item was accepted; its approval cannot be cancelled.")
            )
        after = subsidy.BudgetLine(line.allocated, line.committed).release(approval.amount)
        line.committed = after.committed
        line.save(update_fields=["committed"])
        item.status = PlanItemStatus.CANCELLED
        item.save(update_fields=["status"])
        approval.cancelled_by = actor
        approval.cancelled_at = timezone.now()
        approval.cancel_reason = reason.strip()
        approval.save(update_fields=["cancelled_by", "cancelled_at", "cancel_reason"])
        record(
            actor, item.plan.programme, "approval.cancelled", item,
            budget_line=line.name, amount=approval.amount, left=line.available, reason=reason,
        )  # fmt: skip
    return approval


def mark_delivered(item: PlanItem, actor: Any) -> PlanItem:
    if item.status != PlanItemStatus.APPROVED:
        raise ProgrammeError(_("Only an approved plan item can be delivered."))
    item.status = PlanItemStatus.DELIVERED
    item.save(update_fields=["status"])
    record(actor, item.plan.programme, "plan_item.delivered", item)
    return item


def accept_deliverable(deliverable: Deliverable, actor: Any) -> Deliverable:
    if not deliverable.evidence:
        raise ProgrammeError(_("A deliverable is accepted on its evidence; none was handed in."))
    deliverable.accepted_by = actor
    deliverable.accepted_at = timezone.now()
    deliverable.save(update_fields=["accepted_by", "accepted_at"])
    record(actor, deliverable.plan_item.plan.programme, "deliverable.accepted", deliverable)
    return deliverable


def submit_evidence(
    deliverable: Deliverable, upload: Any, actor: Any, *, max_bytes: int
) -> Deliverable:
    try:
        content_type = check_certificate_upload(upload, max_bytes=max_bytes)
    except UploadRejected as error:
        raise ProgrammeError(str(error)) from error
    deliverable.evidence.save(upload.name, upload, save=False)
    deliverable.evidence_type = content_type
    deliverable.submitted_at = timezone.now()
    deliverable.save()
    record(actor, deliverable.plan_item.plan.programme, "deliverable.submitted", deliverable)
    return deliverable


# --- training ----------------------------------------------------------------------------


def _programme_of(course: Course) -> Programme | None:
    return course.service.programme if course.service_id else None


@transaction.atomic
def enrol(course: Course, organization: Organization, participant: str, actor: Any) -> Enrolment:
    """A seat if one is free, else a place at the end of the waiting list."""
    course = Course.objects.select_for_update().get(pk=course.pk)
    participant = participant.strip()
    earlier = course.enrolments.filter(organization=organization, participant=participant).first()
    if earlier is not None and earlier.status != EnrolmentStatus.WITHDRAWN:
        raise ProgrammeError(_("This participant is already on this course."))
    taken = course.enrolments.filter(
        status__in=[EnrolmentStatus.ENROLLED, EnrolmentStatus.COMPLETED]
    ).count()
    status = EnrolmentStatus.ENROLLED if taken < course.seats else EnrolmentStatus.WAITING
    if earlier is not None:  # back after withdrawing: a new request, at the end of the queue
        earlier.status, earlier.requested_at = status, timezone.now()
        earlier.save(update_fields=["status", "requested_at"])
        enrolment = earlier
    else:
        enrolment = Enrolment.objects.create(
            course=course, organization=organization, participant=participant, status=status
        )
    record(actor, _programme_of(course), f"enrolment.{status}", enrolment)
    return enrolment


@transaction.atomic
def withdraw(enrolment: Enrolment, actor: Any) -> Enrolment | None:
    """Withdraw; a freed seat goes to the first on the waiting list, who is returned."""
    course = Course.objects.select_for_update().get(pk=enrolment.course_id)
    enrolment.refresh_from_db()
    if enrolment.status in (EnrolmentStatus.COMPLETED, EnrolmentStatus.WITHDRAWN):
        # A completed course stays completed: its certificate is checked by third parties.
        raise ProgrammeError(_("Only an enrolled or waiting participant can withdraw."))
    freed = enrolment.status == EnrolmentStatus.ENROLLED
    enrolment.status = EnrolmentStatus.WITHDRAWN
    enrolment.save(update_fields=["status"])
    record(actor, _programme_of(course), "enrolment.withdrawn", enrolment)
    if not freed:
        return None
    promoted = (
        course.enrolments.filter(status=EnrolmentStatus.WAITING)
        .order_by("requested_at", "pk")
        .first()
    )
    if promoted is not None:
        promoted.status = EnrolmentStatus.ENROLLED
        promoted.save(update_fields=["status"])
        record(actor, _programme_of(course), "enrolment.promoted", promoted)
    return promoted


def record_attendance(
    session: Session, organization: Organization, participant: str, present: bool, actor: Any
) -> Attendance:
    attendance, _created = Attendance.objects.update_or_create(
        session=session, organization=organization, participant=participant,
        defaults={"present": present, "recorded_by": actor},
    )  # fmt: skip
    if session.cohort_id:
        programme = session.cohort.programme
    else:
        programme = _programme_of(session.course) if session.course_id else None
    record(actor, programme, "attendance.recorded", attendance, present=present)
    return attendance


def expected_attendees(session: Session) -> list[tuple[Organization, str]]:
    """Who a session expects: a course's enrolled participants, or a cohort's companies."""
    if session.course_id:
        enrolments = Enrolment.objects.filter(
            course=session.course_id,
            status__in=[EnrolmentStatus.ENROLLED, EnrolmentStatus.COMPLETED],
        ).select_related("organization")
        return [(e.organization, e.participant) for e in enrolments]
    if session.cohort_id:
        return [(org, str(org)) for org in session.cohort.members.order_by("legal_name")]
    return []


def complete(enrolment: Enrolment, actor: Any) -> Enrolment:
    """Mark a course completed and issue its certificate number."""
    if enrolment.status != EnrolmentStatus.ENROLLED:
        raise ProgrammeError(_("Only an enrolled participant can complete a course."))
    enrolment.status = EnrolmentStatus.COMPLETED
    enrolment.completed_at = timezone.now()
    enrolment.certificate_number = f"ESL-{enrolment.course_id}-{uuid.uuid4().hex[:10].upper()}"
    enrolment.verification_code = new_verification_code()
    enrolment.save(
        update_fields=["status", "completed_at", "certificate_number", "verification_code"]
    )
    record(actor, _programme_of(enrolment.course), "enrolment.completed", enrolment)
    return enrolment
