"""Writes to the hub: requirements, lines, files, invitations, NDAs, questions, lifecycle.

One transaction each, keyword arguments, ``HubError`` on a rule broken; every state change
writes an audit event. Quotes, unsealing and awards are in quoting.py.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from eslabon.domain.errors import DomainError
from eslabon.hub import audit
from eslabon.hub.choices import (
    AnswerScope,
    AttachmentKind,
    AuditAction,
    InvitationResponse,
    RequirementStatus,
)
from eslabon.hub.models import (
    Answer,
    Invitation,
    LineAttachment,
    NdaAcceptance,
    Notification,
    Question,
    Requirement,
    RequirementLine,
)
from eslabon.hub.notifications import members_of, notify
from eslabon.hub.uploads import check_drawing_upload
from eslabon.registry.models import Organization


class HubError(DomainError):
    """A hub change that the rules do not allow; the message is shown to the user."""


def _locked(requirement: Requirement) -> Requirement:
    """Re-read the requirement under a row lock so concurrent changes serialise."""
    return Requirement.objects.select_for_update().get(pk=requirement.pk)


def _require_draft(requirement: Requirement) -> None:
    if requirement.status != RequirementStatus.DRAFT:
        raise HubError(_("Only a draft requirement can be changed."))


@transaction.atomic
def save_requirement(
    *,
    requirement: Requirement,
    actor: Any,
    ip: str | None = None,
    processes: Iterable[Any] | None = None,
    materials: Iterable[Any] | None = None,
    certifications: Iterable[Any] | None = None,
) -> Requirement:
    """Create a draft requirement or change one still in draft."""
    creating = requirement.pk is None
    if not creating:
        _require_draft(_locked(requirement))
    if requirement.delivery_site.organization_id != requirement.buyer_id:
        raise HubError(_("The delivery plant must be one of the buyer's own sites."))
    try:
        zoneinfo.ZoneInfo(requirement.time_zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise HubError(_("Unknown time zone: %(zone)s") % {"zone": requirement.time_zone}) from None
    if creating:
        requirement.created_by = actor
        requirement.status = RequirementStatus.DRAFT
    requirement.full_clean()
    requirement.save()
    if processes is not None:
        requirement.processes.set(processes)
    if materials is not None:
        requirement.materials.set(materials)
    if certifications is not None:
        requirement.required_certifications.set(certifications)
    audit.record(
        action=AuditAction.CREATED if creating else AuditAction.UPDATED,
        requirement=requirement, actor=actor, ip=ip, organization=requirement.buyer,
    )  # fmt: skip
    return requirement


@transaction.atomic
def save_line(*, line: RequirementLine, actor: Any, ip: str | None = None) -> RequirementLine:
    _require_draft(_locked(line.requirement))
    creating = line.pk is None
    if creating and not line.position:
        line.position = line.requirement.lines.count() + 1
    line.full_clean()
    line.save()
    audit.record(
        action=AuditAction.LINE_ADDED if creating else AuditAction.LINE_CHANGED,
        requirement=line.requirement, target=line, actor=actor, ip=ip, detail=line.part_number,
    )  # fmt: skip
    return line


@transaction.atomic
def delete_line(*, line: RequirementLine, actor: Any, ip: str | None = None) -> None:
    requirement = line.requirement
    _require_draft(_locked(requirement))
    audit.record(
        action=AuditAction.LINE_REMOVED, requirement=requirement, actor=actor, ip=ip,
        detail=line.part_number,
    )  # fmt: skip
    for attachment in line.attachments.all():
        attachment.file.delete(save=False)
    line.delete()


@transaction.atomic
def attach_to_line(
    *, line: RequirementLine, upload: Any, kind: str = AttachmentKind.DRAWING, actor: Any,
    ip: str | None = None,
) -> LineAttachment:  # fmt: skip
    """Store a drawing or specification after checking its size and real type."""
    _require_draft(_locked(line.requirement))
    content_type = check_drawing_upload(upload, max_bytes=settings.ESLABON_MAX_UPLOAD_BYTES)
    name = upload.name.rsplit("/", 1)[-1][:200]
    attachment = LineAttachment(
        line=line, kind=kind, original_name=name, content_type=content_type,
        size=upload.size, uploaded_by=actor,
    )  # fmt: skip
    attachment.file.save(name, upload, save=False)
    attachment.save()
    audit.record(
        action=AuditAction.ATTACHMENT_ADDED, requirement=line.requirement, target=attachment,
        actor=actor, ip=ip, detail=name,
    )  # fmt: skip
    return attachment


@transaction.atomic
def publish(
    *, requirement: Requirement, actor: Any, ip: str | None = None, now: dt.datetime | None = None
) -> Requirement:
    """Draft → published: suppliers may now see it, accept the NDA, ask and quote."""
    now = now or timezone.now()
    requirement = _locked(requirement)
    _require_draft(requirement)
    if not requirement.lines.exists():
        raise HubError(_("Add at least one line before publishing."))
    if requirement.quote_due_at <= now:
        raise HubError(_("The quote due time must be in the future."))
    requirement.status = RequirementStatus.PUBLISHED
    requirement.published_at = now
    requirement.save(update_fields=["status", "published_at", "updated_at"])
    audit.record(
        action=AuditAction.PUBLISHED, requirement=requirement, actor=actor, ip=ip,
        organization=requirement.buyer,
    )  # fmt: skip
    invited = requirement.invitations.values_list("supplier_id", flat=True)
    _notify_invited(requirement, members_of(invited))
    return requirement


def _notify_invited(requirement: Requirement, users: list[Any]) -> None:
    notify(
        recipients=users,
        requirement=requirement,
        subject=_("Request for quotation: %(title)s") % {"title": requirement.title},
        body=_("%(buyer)s invites you to quote “%(title)s”; quotes are due %(due)s.")
        % {
            "buyer": requirement.buyer,
            "title": requirement.title,
            "due": requirement.local_due_at.strftime("%Y-%m-%d %H:%M %Z"),
        },
    )


@transaction.atomic
def invite(
    *, requirement: Requirement, supplier: Organization, actor: Any, ip: str | None = None
) -> Invitation:
    """Invite a published supplier; it is told at once if the requirement is already open."""
    requirement = _locked(requirement)
    if requirement.status not in {RequirementStatus.DRAFT, RequirementStatus.PUBLISHED}:
        raise HubError(_("Suppliers can be invited only before the requirement closes."))
    if requirement.status == RequirementStatus.PUBLISHED and requirement.is_past_due():
        raise HubError(_("Suppliers can be invited only before the requirement closes."))
    if not (supplier.is_supplier and supplier.is_published):
        raise HubError(_("Only published suppliers can be invited."))
    invitation, created = Invitation.objects.get_or_create(
        requirement=requirement, supplier=supplier, defaults={"invited_by": actor}
    )
    if not created:
        raise HubError(_("%(supplier)s is already invited.") % {"supplier": supplier})
    audit.record(
        action=AuditAction.INVITED, requirement=requirement, target=invitation, actor=actor,
        ip=ip, organization=supplier, detail=str(supplier),
    )  # fmt: skip
    if requirement.status == RequirementStatus.PUBLISHED:
        _notify_invited(requirement, members_of([supplier.pk]))
    return invitation


@transaction.atomic
def answer_invitation(
    *, invitation: Invitation, intends_to_quote: bool, reason: str = "", actor: Any,
    ip: str | None = None,
) -> Invitation:  # fmt: skip
    if not invitation.requirement.accepts_quotes():
        raise HubError(_("The requirement no longer accepts answers."))
    if not intends_to_quote and not reason.strip():
        raise HubError(_("Say why you decline."))
    invitation.response = (
        InvitationResponse.INTEND if intends_to_quote else InvitationResponse.DECLINED
    )
    invitation.decline_reason = "" if intends_to_quote else reason.strip()
    invitation.responded_at = timezone.now()
    invitation.save(update_fields=["response", "decline_reason", "responded_at"])
    audit.record(
        action=AuditAction.INVITATION_ANSWERED, requirement=invitation.requirement,
        target=invitation, actor=actor, ip=ip, organization=invitation.supplier,
        detail=invitation.response,
    )  # fmt: skip
    return invitation


@transaction.atomic
def accept_nda(
    *, requirement: Requirement, supplier: Organization, actor: Any, ip: str | None = None
) -> NdaAcceptance:
    """Record the supplier's acceptance of the NDA text as it reads now (idempotent)."""
    if requirement.status == RequirementStatus.DRAFT:
        raise HubError(_("This requirement is not published."))
    acceptance, created = NdaAcceptance.objects.get_or_create(
        requirement=requirement, supplier=supplier,
        defaults={"accepted_by": actor, "ip_address": ip or None,
                  "text_digest": requirement.nda_digest},
    )  # fmt: skip
    if created:
        audit.record(
            action=AuditAction.NDA_ACCEPTED, requirement=requirement, target=acceptance,
            actor=actor, ip=ip, organization=supplier, detail=requirement.nda_digest,
        )  # fmt: skip
    return acceptance


def has_accepted_nda(requirement: Requirement, supplier_id: int | None) -> bool:
    return (
        supplier_id is not None
        and NdaAcceptance.objects.filter(requirement=requirement, supplier_id=supplier_id).exists()
    )


@transaction.atomic
def record_drawing_download(
    *, attachment: LineAttachment, actor: Any, organization: Any = None, ip: str | None = None
) -> None:
    audit.record(
        action=AuditAction.DRAWING_DOWNLOADED, requirement=attachment.line.requirement,
        target=attachment, actor=actor, ip=ip, organization=organization,
        detail=attachment.original_name,
    )  # fmt: skip


@transaction.atomic
def ask_question(
    *, requirement: Requirement, supplier: Organization, text: str, actor: Any,
    ip: str | None = None,
) -> Question:  # fmt: skip
    """A supplier asks; only the buyer reads it, and the buyer's members are told."""
    if not requirement.accepts_quotes():
        raise HubError(_("Questions can be asked only while the requirement is open."))
    if not text.strip():
        raise HubError(_("Write the question."))
    question = Question.objects.create(
        requirement=requirement, supplier=supplier, asked_by=actor, text=text.strip()
    )
    audit.record(
        action=AuditAction.QUESTION_ASKED, requirement=requirement, target=question, actor=actor,
        ip=ip, organization=supplier,
    )  # fmt: skip
    notify(
        recipients=members_of([requirement.buyer_id]),
        requirement=requirement,
        subject=_("New question on “%(title)s”") % {"title": requirement.title},
        body=_("A supplier asked a question about “%(title)s”. Answer it in Eslabón.")
        % {"title": requirement.title},
    )
    return question


def _participants(requirement: Requirement) -> set[int]:
    """Suppliers taking part: invited, NDA accepted, or with a quote."""
    return (
        set(requirement.invitations.values_list("supplier_id", flat=True))
        | set(requirement.nda_acceptances.values_list("supplier_id", flat=True))
        | set(requirement.quotes.values_list("supplier_id", flat=True))
    )


@transaction.atomic
def answer_question(
    *, question: Question, scope: str, text: str, public_question: str = "", actor: Any,
    ip: str | None = None,
) -> Answer:  # fmt: skip
    """Answer the asker, every participant without naming the asker, or keep a note."""
    if not text.strip():
        raise HubError(_("Write the answer."))
    if scope == AnswerScope.BROADCAST and not public_question.strip():
        # What other suppliers read is the buyer's wording, never a reference to the asker.
        public_question = question.text
    answer = Answer.objects.create(
        question=question, scope=scope, text=text.strip(),
        public_question=public_question.strip() if scope == AnswerScope.BROADCAST else "",
        answered_by=actor,
    )  # fmt: skip
    requirement = question.requirement
    audit.record(
        action=AuditAction.QUESTION_ANSWERED, requirement=requirement, target=answer, actor=actor,
        ip=ip, organization=requirement.buyer, detail=scope,
    )  # fmt: skip
    recipients: set[int] = set()
    if scope == AnswerScope.PRIVATE:
        recipients = {question.supplier_id}
    elif scope == AnswerScope.BROADCAST:
        recipients = _participants(requirement) | {question.supplier_id}
    if recipients:
        notify(
            recipients=members_of(recipients),
            requirement=requirement,
            subject=_("Clarification on “%(title)s”") % {"title": requirement.title},
            body=_("The buyer answered a question about “%(title)s”.")
            % {"title": requirement.title},
        )
    return answer


@transaction.atomic
def cancel(
    *, requirement: Requirement, reason: str, actor: Any, ip: str | None = None
) -> Requirement:
    """Cancel with a reason; participants are told. Quotes stay sealed for good."""
    requirement = _locked(requirement)
    if requirement.status in {RequirementStatus.AWARDED, RequirementStatus.CANCELLED}:
        raise HubError(_("An awarded or cancelled requirement cannot be cancelled."))
    if not reason.strip():
        raise HubError(_("Say why the requirement is cancelled."))
    was_draft = requirement.status == RequirementStatus.DRAFT
    requirement.status = RequirementStatus.CANCELLED
    requirement.status_reason = reason.strip()
    requirement.save(update_fields=["status", "status_reason", "updated_at"])
    audit.record(
        action=AuditAction.CANCELLED, requirement=requirement, actor=actor, ip=ip,
        organization=requirement.buyer, detail=reason.strip(),
    )  # fmt: skip
    if not was_draft:
        notify(
            recipients=members_of(_participants(requirement)),
            requirement=requirement,
            subject=_("Cancelled: %(title)s") % {"title": requirement.title},
            body=_("%(buyer)s cancelled “%(title)s”. Reason: %(reason)s")
            % {"buyer": requirement.buyer, "title": requirement.title, "reason": reason.strip()},
        )
    return requirement


@transaction.atomic
def mark_notifications_read(*, user: Any) -> int:
    return (
        Notification.objects.visible_to(user)
        .filter(read_at__isnull=True)
        .update(read_at=timezone.now())
    )


@transaction.atomic
def record_export(*, requirement: Requirement, actor: Any, ip: str | None = None) -> None:
    audit.record(
        action=AuditAction.EXPORTED, requirement=requirement, actor=actor, ip=ip,
        organization=requirement.buyer,
    )  # fmt: skip
