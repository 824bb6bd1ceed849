"""Read side of programmes: what a user may list, and the outcomes report for funders.

Goals are measured on the programme's participants (companies selected in one of its
calls); cost per outcome divides the subsidy approved so far by the outcomes reached.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Sum
from django.utils import timezone

from eslabon.domain.programmes.eligibility import GRADE_ORDER
from eslabon.programmes import readiness_link, services
from eslabon.programmes.choices import ApplicationStatus, CallStatus, EnrolmentStatus, GoalMetric
from eslabon.programmes.models import (
    Application,
    Approval,
    Call,
    Enrolment,
    Goal,
    PlanItem,
    Programme,
)
from eslabon.programmes.permissions import supplier_organizations
from eslabon.registry import permissions
from eslabon.registry.choices import CertificationStatus
from eslabon.registry.models import Certification, Organization


def open_calls_for(user: Any) -> list[tuple[Call, list[tuple[Organization, Any]]]]:
    """Open calls, each with the user's companies and the eligibility verdicts for each."""
    companies = supplier_organizations(user)
    today = timezone.localdate()
    calls = (
        Call.objects.visible_to(user)
        .filter(status=CallStatus.OPEN, opens_on__lte=today, closes_on__gte=today)
        .select_related("programme")
    )
    return [
        (call, [(org, services.eligibility_for(call, org)) for org in companies]) for call in calls
    ]


def participants(programme: Programme) -> list[Organization]:
    return list(
        Organization.objects.filter(
            programme_applications__call__programme=programme,
            programme_applications__status=ApplicationStatus.SELECTED,
        ).distinct()
    )


@dataclass(frozen=True)
class CompanyOutcome:
    organization: Organization
    before: dict[str, Any]
    after: dict[str, Any]
    courses_completed: int
    subsidy: Decimal
    co_payment: Decimal

    @property
    def new_certifications(self) -> list[str]:
        return sorted(
            set(self.after["certifications"]) - set(self.before.get("certifications", []))
        )


@dataclass(frozen=True)
class GoalProgress:
    goal: Goal
    reached: Decimal
    share: Decimal | None  # percent of the target, one decimal
    cost_per_outcome: Decimal | None  # MXN of approved subsidy per unit reached


@dataclass(frozen=True)
class ProgrammeReport:
    programme: Programme
    companies: list[CompanyOutcome]
    goals: list[GoalProgress]
    budget_lines: list[Any]
    subsidy_approved: Decimal
    co_payments: Decimal
    # Every approval, cancelled ones included: who approved what, when, from which line.
    approvals: list[Approval] = field(default_factory=list)


def _percent(part: Decimal, whole: Decimal) -> Decimal | None:
    if whole == 0:
        return None
    return (part * 100 / whole).quantize(Decimal("0.1"), ROUND_HALF_UP)


def _programme_completions(programme: Programme) -> Any:
    return Enrolment.objects.filter(
        course__service__programme=programme, status=EnrolmentStatus.COMPLETED
    )


def _reached(goal: Goal, companies: list[Organization]) -> Decimal:
    ids = [org.pk for org in companies]
    if goal.metric == GoalMetric.REPORTED_AMOUNT:
        return goal.reported_value or Decimal(0)
    if goal.metric == GoalMetric.COMPANIES_CERTIFIED:
        held = Certification.objects.filter(
            organization__in=ids, standard__slug=goal.parameter, status=CertificationStatus.HELD
        )
        return Decimal(held.values("organization").distinct().count())
    if goal.metric == GoalMetric.COMPANIES_TRAINED:
        done = _programme_completions(goal.programme).filter(organization__in=ids)
        return Decimal(done.values("organization").distinct().count())
    floor = GRADE_ORDER.index(goal.parameter) if goal.parameter in GRADE_ORDER else 0
    grades = [readiness_link.readiness_of(org).grade for org in companies]
    return Decimal(sum(1 for g in grades if g is not None and GRADE_ORDER.index(g) >= floor))


def programme_report(programme: Programme) -> ProgrammeReport:
    companies = participants(programme)
    approved = Approval.objects.active().filter(budget_line__programme=programme)
    subsidy_total = approved.aggregate(total=Sum("amount"))["total"] or Decimal("0.00")
    items = PlanItem.objects.filter(
        plan__programme=programme, approval__isnull=False, approval__cancelled_at__isnull=True
    )
    outcomes = []
    for org in companies:
        baseline = (
            Application.objects.filter(
                call__programme=programme, organization=org, status=ApplicationStatus.SELECTED
            )
            .order_by("decided_at")
            .values_list("baseline", flat=True)
            .first()
        )
        mine = items.filter(plan__organization=org)
        outcomes.append(
            CompanyOutcome(
                organization=org,
                before=baseline or {},
                after=services.snapshot(org),
                courses_completed=_programme_completions(programme)
                .filter(organization=org)
                .count(),
                subsidy=mine.aggregate(t=Sum("subsidy"))["t"] or Decimal("0.00"),
                co_payment=mine.aggregate(t=Sum("co_payment"))["t"] or Decimal("0.00"),
            )
        )
    goals = []
    for goal in programme.goals.all():
        reached = _reached(goal, companies)
        cost = (
            (subsidy_total / reached).quantize(Decimal("0.01"), ROUND_HALF_UP) if reached else None
        )
        goals.append(GoalProgress(goal, reached, _percent(reached, goal.target_value), cost))
    return ProgrammeReport(
        programme=programme,
        companies=outcomes,
        goals=goals,
        budget_lines=list(programme.budget_lines.all()),
        subsidy_approved=subsidy_total,
        co_payments=sum((o.co_payment for o in outcomes), Decimal("0.00")),
        approvals=list(
            Approval.objects.filter(budget_line__programme=programme)
            .select_related(
                "plan_item__plan__organization",
                "plan_item__service",
                "budget_line",
                "approved_by",
                "cancelled_by",
            )
            .order_by("approved_at", "pk")
        ),
    )


def my_budget_share(user: Any) -> list[PlanItem]:
    """The user's companies' plan items with their subsidy and co-payment (never others')."""
    return list(
        PlanItem.objects.visible_to(user)
        .filter(plan__organization__in=permissions.organization_ids(user))
        .select_related("plan__programme", "plan__organization", "service")
    )
