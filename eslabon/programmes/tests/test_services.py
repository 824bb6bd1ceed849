from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from eslabon.programmes import services
from eslabon.programmes.choices import (
    ApplicationStatus,
    CallStatus,
    EnrolmentStatus,
    PlanItemStatus,
)
from eslabon.programmes.models import AppendOnlyError, AuditEntry, CompanyPlan
from eslabon.programmes.tests.factories import (
    BudgetLineFactory,
    CallFactory,
    CourseFactory,
    ProgrammeFactory,
    ServiceFactory,
)
from eslabon.registry.tests.factories import OrganizationFactory, SiteFactory

pytestmark = pytest.mark.django_db


def test_a_supplier_with_a_site_in_the_state_is_eligible_and_told_why(cast: Any) -> None:
    call = CallFactory()
    result = services.eligibility_for(call, cast.supplier_org)
    assert result.eligible
    assert next(v.explanation for v in result.verdicts) == "has a site in state 19"


def test_a_company_outside_the_state_cannot_apply(cast: Any) -> None:
    call = CallFactory(eligibility_rules=[{"kind": "state_in", "values": ["05"]}])
    with pytest.raises(services.ProgrammeError):
        services.submit_application(call, cast.supplier_org, {}, cast.supplier)


def test_grade_rules_fail_while_no_readiness_answers_are_stored(cast: Any) -> None:
    call = CallFactory(eligibility_rules=[{"kind": "readiness_at_least", "values": ["C"]}])
    verdict = services.eligibility_for(call, cast.supplier_org).verdicts[0]
    assert not verdict.met and "unknown" in verdict.explanation


def test_the_grade_comes_from_the_readiness_hook(cast: Any, monkeypatch: Any) -> None:
    from eslabon.programmes import readiness_link

    monkeypatch.setattr(
        readiness_link, "readiness_of", lambda org: readiness_link.Readiness("B", ("ct-ppap",))
    )
    call = CallFactory(eligibility_rules=[{"kind": "readiness_at_least", "values": ["B"]}])
    assert services.eligibility_for(call, cast.supplier_org).eligible


def test_applying_twice_or_to_a_closed_call_is_refused(cast: Any) -> None:
    call = CallFactory()
    services.submit_application(call, cast.supplier_org, {"0": "IATF"}, cast.supplier)
    with pytest.raises(services.ProgrammeError):
        services.submit_application(call, cast.supplier_org, {}, cast.supplier)
    closed = CallFactory(status=CallStatus.CLOSED)
    with pytest.raises(services.ProgrammeError):
        services.submit_application(closed, cast.supplier_org, {}, cast.supplier)


def test_selection_records_scores_reasons_baseline_and_cohort(cast: Any) -> None:
    call = CallFactory()
    application = services.submit_application(call, cast.supplier_org, {}, cast.supplier)
    with pytest.raises(services.ProgrammeError):
        services.decide_application(
            application, status=ApplicationStatus.SELECTED, scores={}, committee_decision="",
            reasons=" ", actor=cast.operator,
        )  # fmt: skip
    services.decide_application(
        application, status=ApplicationStatus.SELECTED, scores={"need": 8, "fit": 7},
        committee_decision="Acta 3/2026", reasons="Proveedor tier 2 con gap PPAP",
        actor=cast.operator,
    )  # fmt: skip
    application.refresh_from_db()
    assert application.total_score == 15
    assert application.baseline["annual_capacity"] > 0
    assert call.cohort_set.get().members.get() == cast.supplier_org
    assert AuditEntry.objects.filter(action="application.selected").exists()


def test_a_plan_item_splits_cost_and_approval_commits_the_subsidy(cast: Any) -> None:
    service = ServiceFactory(cost=Decimal("100.01"), subsidy_share=Decimal("0.9"))
    plan = CompanyPlan.objects.create(programme=service.programme, organization=cast.supplier_org)
    item = services.add_plan_item(plan, service, cast.operator)
    assert (item.subsidy, item.co_payment) == (Decimal("90.00"), Decimal("10.01"))
    approval = services.approve_plan_item(item.pk, cast.operator)
    service.budget_line.refresh_from_db()
    assert service.budget_line.committed == Decimal("90.00")
    assert approval.budget_line == service.budget_line
    assert approval.approved_by == cast.operator
    with pytest.raises(services.ProgrammeError):
        services.approve_plan_item(item.pk, cast.operator)


def test_an_approval_beyond_the_budget_line_is_refused(cast: Any) -> None:
    line = BudgetLineFactory(allocated=Decimal("50000.00"))
    service = ServiceFactory(programme=line.programme, budget_line=line)
    first = CompanyPlan.objects.create(programme=line.programme, organization=cast.supplier_org)
    second = CompanyPlan.objects.create(
        programme=line.programme, organization=cast.other_supplier_org
    )
    services.approve_plan_item(services.add_plan_item(first, service, None).pk, cast.operator)
    refused = services.add_plan_item(second, service, None)
    with pytest.raises(services.ProgrammeError, match=r"9500\.00"):
        services.approve_plan_item(refused.pk, cast.operator)
    refused.refresh_from_db()
    line.refresh_from_db()
    assert refused.status == PlanItemStatus.PROPOSED
    assert line.committed == Decimal("40500.00")


def test_a_plan_is_built_from_the_companys_readiness_gaps(cast: Any, monkeypatch: Any) -> None:
    from eslabon.programmes import readiness_link

    monkeypatch.setattr(
        readiness_link, "readiness_of", lambda org: readiness_link.Readiness("C", ("ct-ppap",))
    )
    programme = ProgrammeFactory()
    ppap = ServiceFactory(programme=programme)
    ServiceFactory(programme=programme, name="MSA", closes_gaps=["ct-msa"])
    plan = services.build_plan(programme, cast.supplier_org, cast.operator)
    assert [(i.service, i.gap) for i in plan.items.all()] == [(ppap, "ct-ppap")]


def test_a_full_course_puts_people_on_a_waiting_list_promoted_in_order(cast: Any) -> None:
    course = CourseFactory(seats=1)
    first = services.enrol(course, cast.supplier_org, "Ana", cast.supplier)
    second = services.enrol(course, cast.other_supplier_org, "Luis", cast.other_supplier)
    third = services.enrol(course, cast.supplier_org, "Eva", cast.supplier)
    assert [first.status, second.status, third.status] == [
        EnrolmentStatus.ENROLLED, EnrolmentStatus.WAITING, EnrolmentStatus.WAITING,
    ]  # fmt: skip
    assert services.withdraw(third, cast.supplier) is None
    promoted = services.withdraw(first, cast.supplier)
    assert promoted == second
    second.refresh_from_db()
    assert second.status == EnrolmentStatus.ENROLLED


def test_completing_a_course_issues_a_certificate_number(cast: Any) -> None:
    enrolment = services.enrol(CourseFactory(), cast.supplier_org, "Ana", cast.supplier)
    services.complete(enrolment, cast.operator)
    assert enrolment.certificate_number.startswith(f"ESL-{enrolment.course_id}-")
    with pytest.raises(services.ProgrammeError):
        services.complete(enrolment, cast.operator)


def test_the_audit_trail_cannot_be_changed_or_deleted(cast: Any) -> None:
    services.record(cast.operator, None, "test", "x")
    entry = AuditEntry.objects.get()
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()


def test_evidence_must_really_be_a_pdf_or_image(cast: Any, settings: Any, tmp_path: Any) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from eslabon.programmes.models import Deliverable

    settings.MEDIA_ROOT = tmp_path
    service = ServiceFactory()
    plan = CompanyPlan.objects.create(programme=service.programme, organization=cast.supplier_org)
    item = services.add_plan_item(plan, service, None)
    deliverable = Deliverable.objects.create(plan_item=item, title="Informe")
    fake = SimpleUploadedFile("x.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    with pytest.raises(services.ProgrammeError):
        services.submit_evidence(deliverable, fake, cast.supplier, max_bytes=10**6)
    real = SimpleUploadedFile("x.pdf", b"%PDF-1.7 report", content_type="text/plain")
    services.submit_evidence(deliverable, real, cast.supplier, max_bytes=10**6)
    assert deliverable.evidence_type == "application/pdf"


def test_the_company_profile_reads_states_and_size_from_the_registry(db: Any) -> None:
    org = OrganizationFactory(size_stratum="large")
    SiteFactory(organization=org, state_code="05")
    profile = services.company_profile(org)
    assert profile.state_codes == frozenset({"05"}) and profile.size_stratum == "large"


def test_a_deliverable_is_accepted_only_with_evidence_and_an_item_delivered_once_approved(
    cast: Any, settings: Any, tmp_path: Any
) -> None:
    from django.core.files.base import ContentFile

    from eslabon.programmes.models import Deliverable

    settings.MEDIA_ROOT = tmp_path
    service = ServiceFactory()
    plan = CompanyPlan.objects.create(programme=service.programme, organization=cast.supplier_org)
    item = services.add_plan_item(plan, service, None)
    with pytest.raises(services.ProgrammeError):
        services.mark_delivered(item, cast.operator)
    deliverable = Deliverable.objects.create(plan_item=item, title="Informe")
    with pytest.raises(services.ProgrammeError):
        services.accept_deliverable(deliverable, cast.operator)
    deliverable.evidence.save("informe.pdf", ContentFile(b"%PDF-1.7"))
    services.accept_deliverable(deliverable, cast.operator)
    assert deliverable.accepted_by == cast.operator
    services.approve_plan_item(item.pk, cast.operator)
    item.refresh_from_db()
    assert services.mark_delivered(item, cast.operator).status == PlanItemStatus.DELIVERED


def test_a_cohort_session_expects_the_cohorts_companies(cast: Any) -> None:
    import datetime as dt

    from eslabon.programmes.models import Cohort, Session

    cohort = Cohort.objects.create(programme=ProgrammeFactory(), name="Generación 2026")
    cohort.members.add(cast.supplier_org, cast.other_supplier_org)
    session = Session.objects.create(
        cohort=cohort, title="Arranque", starts_at=dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC)
    )
    expected = services.expected_attendees(session)
    assert {org for org, _name in expected} == {cast.supplier_org, cast.other_supplier_org}
    attendance = services.record_attendance(session, *expected[0], True, cast.operator)
    assert attendance.present and AuditEntry.objects.filter(programme=cohort.programme).exists()


def test_applications_are_received_only_between_the_calls_dates(cast: Any) -> None:
    import datetime as dt

    from django.utils import timezone

    today, day = timezone.localdate(), dt.timedelta(days=1)
    for opens, closes in ((today + day, today + 9 * day), (today - 9 * day, today - day)):
        call = CallFactory(opens_on=opens, closes_on=closes)
        with pytest.raises(services.ProgrammeError, match=closes.isoformat()):
            services.submit_application(call, cast.supplier_org, {}, cast.supplier)
    last_day = CallFactory(opens_on=today - dt.timedelta(days=9), closes_on=today)
    services.submit_application(last_day, cast.supplier_org, {}, cast.supplier)


def test_the_committee_cannot_select_more_companies_than_the_call_has_places(cast: Any) -> None:
    call = CallFactory(seats=1)
    first, second = (
        services.submit_application(call, org, {}, None)
        for org in (cast.supplier_org, cast.other_supplier_org)
    )
    decide: dict[str, Any] = {
        "scores": {}, "committee_decision": "Acta 1", "reasons": "Brecha PPAP", "actor": None,
    }  # fmt: skip
    services.decide_application(first, status=ApplicationStatus.SELECTED, **decide)
    with pytest.raises(services.ProgrammeError, match="1"):
        services.decide_application(second, status=ApplicationStatus.SELECTED, **decide)
    services.decide_application(second, status=ApplicationStatus.REJECTED, **decide)
    services.decide_application(first, status=ApplicationStatus.SELECTED, **decide)  # re-saved


def test_a_participant_is_enrolled_once_and_a_completed_course_stays_completed(
    cast: Any,
) -> None:
    course = CourseFactory(seats=1)
    ana = services.enrol(course, cast.supplier_org, "Ana", cast.supplier)
    with pytest.raises(services.ProgrammeError):
        services.enrol(course, cast.supplier_org, " Ana ", cast.supplier)
    luis = services.enrol(course, cast.supplier_org, "Luis", cast.supplier)
    assert luis.status == EnrolmentStatus.WAITING
    services.withdraw(luis, cast.supplier)
    rosa = services.enrol(course, cast.other_supplier_org, "Rosa", cast.other_supplier)
    again = services.enrol(course, cast.supplier_org, "Luis", cast.supplier)  # after Rosa now
    assert again.pk == luis.pk and again.status == EnrolmentStatus.WAITING
    queue = course.enrolments.filter(status=EnrolmentStatus.WAITING).order_by("requested_at", "pk")
    assert list(queue) == [rosa, again]
    services.complete(ana, cast.operator)
    with pytest.raises(services.ProgrammeError):
        services.withdraw(ana, cast.supplier)
    assert rosa.status == EnrolmentStatus.WAITING
