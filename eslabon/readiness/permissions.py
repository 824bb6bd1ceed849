"""Who may see and change readiness records: the one place that decides.

A self-assessment belongs to its company. Its members answer, submit and read it; programme
operators read it and comment only where the company consented to share details with them;
buyers and other suppliers never see another company's answers. Everybody in a published
organisation may read the programme report, which shows aggregates only; non-operators get
cells of fewer than ``MIN_CELL`` companies suppressed so that no company can be singled out.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from eslabon.readiness.choices import AssessmentStatus
from eslabon.registry import permissions as registry_permissions

if TYPE_CHECKING:
    from eslabon.readiness.models import Assessment, DecentWorkReport
    from eslabon.registry.models import Organization

# Statistical disclosure control: a cell describing fewer companies than this is not shown
# to non-operators (the usual k-anonymity threshold of official statistics, k = 3).
MIN_CELL = 3

is_operator = registry_permissions.is_operator


def member_organization_ids(user: Any) -> set[int]:
    return registry_permissions.organization_ids(user)


def is_member(user: Any, organization_id: int) -> bool:
    return organization_id in member_organization_ids(user)


def can_start_assessment(user: Any, organization: Organization) -> bool:
    return organization.is_supplier and is_member(user, organization.pk)


def can_view_details(user: Any, record: Assessment | DecentWorkReport) -> bool:
    if is_member(user, record.organization_id):
        return True
    return is_operator(user) and record.share_with_operators


def can_answer(user: Any, assessment: Assessment) -> bool:
    return is_member(user, assessment.organization_id) and (
        assessment.status == AssessmentStatus.DRAFT
    )


def can_change_consent(user: Any, record: Assessment | DecentWorkReport) -> bool:
    return is_member(user, record.organization_id)


def can_comment(user: Any, assessment: Assessment) -> bool:
    """Consultants and programme officers (operators, with consent) and the company itself."""
    return can_view_details(user, assessment)


def can_mark_reviewed(user: Any, assessment: Assessment) -> bool:
    return (
        is_operator(user)
        and assessment.share_with_operators
        and assessment.status == AssessmentStatus.SUBMITTED
    )


def can_view_programme_report(user: Any) -> bool:
    return is_operator(user) or registry_permissions.belongs_to_published_organization(user)


def suppresses_small_cells(user: Any) -> bool:
    return not is_operator(user)
