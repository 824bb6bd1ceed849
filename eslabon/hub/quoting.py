"""Sealed quotes: drafting and revising until the due time, unsealing once, award per line.

The seal is a fact in the database, not a view concern: ``Requirement.unsealed_at`` is set
by ``close_if_due`` exactly once, after the due time, and ``QuoteQuerySet.visible_to`` gives
the buyer nothing before it. See docs/hub.md and ADR 0300.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from eslabon.hub import audit
from eslabon.hub.choices import AuditAction, QuoteStatus, RequirementStatus
from eslabon.hub.models import Award, PriceTier, Quote, QuoteAttachment, QuoteLine, Requirement
from eslabon.hub.notifications import members_of, notify
from eslabon.hub.services import HubError, _locked, _participants
from eslabon.hub.uploads import check_drawing_upload
from eslabon.registry.models import Organization, Site


@dataclass(frozen=True)
class QuoteLineInput:
    """A supplier's terms for one line; ``tiers`` are (from quantity, unit price) pairs."""

    line_id: int
    tooling_cost: Decimal
    lead_time_ppap_weeks: int
    lead_time_sop_weeks: int
    capacity_committed: int
    tiers: Sequence[tuple[int, Decimal]] = field(default_factory=tuple)


def _check_open(requirement: Requirement, now: dt.datetime) -> None:
    if not requirement.accepts_quotes(now):
        raise HubError(_("Quotes are accepted only while the requirement is open."))


@transaction.atomic
def save_quote(
    *,
    requirement: Requirement,
    supplier: Organization,
    site: Site,
    valid_until: dt.date,
    notes: str = "",
    lines: Sequence[QuoteLineInput],
    submit: bool,
    actor: Any,
    ip: str | None = None,
    now: dt.datetime | None = None,
) -> Quote:
    """Save a draft or submit (or revise) the supplier's quote, before the due time only.

    A submitted quote is never pulled back to draft: it can only be revised by submitting
    again, so a buyer never loses a valid offer to an unfinished edit near the deadline.
    """
    now = now or timezone.now()
    requirement = _locked(requirement)
    _check_open(requirement, now)
    if site.organization_id != supplier.pk:
        raise HubError(_("The plant must be one of your own sites."))
    if valid_until < now.date():
        raise HubError(_("The validity date is in the past."))
    own_lines = {line.pk: line for line in requirement.lines.all()}
    for item in lines:
        if item.line_id not in own_lines:
            raise HubError(_("A quoted line does not belong to this requirement."))
        if not item.tiers:
            raise HubError(_("Every quoted line needs at least one unit price."))
    if submit and not lines:
        raise HubError(_("Quote at least one line before submitting."))
    quote, _created = Quote.objects.select_for_update().get_or_create(
        requirement=requirement, supplier=supplier,
        defaults={"site": site, "valid_until": valid_until},
    )  # fmt: skip
    was_submitted = quote.status == QuoteStatus.SUBMITTED
    if was_submitted and not submit:
        raise HubError(_("A submitted quote can only be revised by submitting it again."))
    quote.site, quote.valid_until, quote.notes = site, valid_until, notes
    if submit:
        quote.status = QuoteStatus.SUBMITTED
        quote.revision += 1
        quote.submitted_at = now
        quote.first_submitted_at = quote.first_submitted_at or now
    quote.full_clean()
    quote.save()
    _replace_lines(quote, lines)
    action = AuditAction.QUOTE_SAVED
    if submit:
        action = AuditAction.QUOTE_REVISED if was_submitted else AuditAction.QUOTE_SUBMITTED
    audit.record(
        action=action, requirement=requirement, target=quote, actor=actor, ip=ip,
        organization=supplier, detail=_("revision %(n)d") % {"n": quote.revision},
    )  # fmt: skip
    return quote


def _replace_lines(quote: Quote, lines: Sequence[QuoteLineInput]) -> None:
    quote.lines.all().delete()
    for item in lines:
        quote_line = QuoteLine(
            quote=quote, line_id=item.line_id, tooling_cost=item.tooling_cost,
            lead_time_ppap_weeks=item.lead_time_ppap_weeks,
            lead_time_sop_weeks=item.lead_time_sop_weeks,
            capacity_committed=item.capacity_committed,
        )  # fmt: skip
        quote_line.full_clean(exclude=["quote", "line"])
        quote_line.save()
        quantities = [quantity for quantity, _price in item.tiers]
        if len(set(quantities)) != len(quantities):
            raise HubError(_("Two price tiers start at the same quantity."))
        PriceTier.objects.bulk_create(
            [
                PriceTier(quote_line=quote_line, min_quantity=quantity, unit_price=price)
                for quantity, price in item.tiers
            ]
        )


@transaction.atomic
def attach_to_quote(
    *, quote: Quote, upload: Any, actor: Any, ip: str | None = None,
    now: dt.datetime | None = None,
) -> QuoteAttachment:  # fmt: skip
    _check_open(_locked(quote.requirement), now or timezone.now())
    content_type = check_drawing_upload(upload, max_bytes=settings.ESLABON_MAX_UPLOAD_BYTES)
    name = upload.name.rsplit("/", 1)[-1][:200]
    attachment = QuoteAttachment(
        quote=quote, original_name=name, content_type=content_type, size=upload.size,
        uploaded_by=actor,
    )  # fmt: skip
    attachment.file.save(name, upload, save=False)
    attachment.save()
    audit.record(
        action=AuditAction.ATTACHMENT_ADDED, requirement=quote.requirement, target=attachment,
        actor=actor, ip=ip, organization=quote.supplier, detail=name,
    )  # fmt: skip
    return attachment


@transaction.atomic
def close_if_due(*, requirement: Requirement, now: dt.datetime | None = None) -> bool:
    """Close a published requirement past its due time and unseal its quotes, once.

    The conditional UPDATE makes the transition happen exactly once even when two
    requests race: only the one that changes the row writes the audit events.
    """
    now = now or timezone.now()
    if requirement.status != RequirementStatus.PUBLISHED or not requirement.is_past_due(now):
        return False  # nothing to do, as far as this copy knows; saves a query per page
    changed = Requirement.objects.filter(
        pk=requirement.pk,
        status=RequirementStatus.PUBLISHED,
        quote_due_at__lte=now,
        unsealed_at__isnull=True,
    ).update(status=RequirementStatus.CLOSED, closed_at=now, unsealed_at=now, updated_at=now)
    if changed:
        requirement.status = RequirementStatus.CLOSED
        requirement.closed_at = requirement.unsealed_at = now
        audit.record(action=AuditAction.CLOSED, requirement=requirement)
        submitted = requirement.quotes.filter(status=QuoteStatus.SUBMITTED).count()
        audit.record(
            action=AuditAction.UNSEALED, requirement=requirement,
            detail=_("%(n)d submitted quotes") % {"n": submitted},
        )  # fmt: skip
    return bool(changed)


def close_due_requirements(*, now: dt.datetime | None = None) -> int:
    """Close every requirement past its due time; a periodic job calls this."""
    now = now or timezone.now()
    return sum(
        close_if_due(requirement=requirement, now=now)
        for requirement in Requirement.objects.due(now)
    )


def close_due_for(user: Any, *, now: dt.datetime | None = None) -> int:
    """Close the due requirements of the user's buyer organisations before a quote list."""
    now = now or timezone.now()
    return sum(
        close_if_due(requirement=requirement, now=now)
        for requirement in Requirement.objects.managed_by(user).due(now)
    )


@transaction.atomic
def start_evaluation(*, requirement: Requirement, actor: Any, ip: str | None = None) -> Requirement:
    close_if_due(requirement=requirement)
    requirement = _locked(requirement)
    if requirement.status != RequirementStatus.CLOSED:
        raise HubError(_("Evaluation starts once the requirement has closed."))
    requirement.status = RequirementStatus.UNDER_EVALUATION
    requirement.save(update_fields=["status", "updated_at"])
    audit.record(
        action=AuditAction.EVALUATION_STARTED, requirement=requirement, actor=actor, ip=ip,
        organization=requirement.buyer,
    )  # fmt: skip
    return requirement


@transaction.atomic
def award(
    *,
    requirement: Requirement,
    allocations: Mapping[int, Sequence[tuple[int, Decimal]]],
    actor: Any,
    ip: str | None = None,
) -> list[Award]:
    """Award lines to one or several suppliers: {line id: [(quote line id, share %), ...]}.

    Shares of one line add up to 100. Winners and the other participants are told.
    """
    close_if_due(requirement=requirement)
    requirement = _locked(requirement)
    if requirement.status not in {RequirementStatus.CLOSED, RequirementStatus.UNDER_EVALUATION}:
        raise HubError(_("Only a closed requirement can be awarded."))
    allocations = {line_id: shares for line_id, shares in allocations.items() if shares}
    if not allocations:
        raise HubError(_("Choose a supplier for at least one line."))
    quote_lines = {
        quote_line.pk: quote_line
        for quote_line in QuoteLine.objects.select_related("quote__supplier").filter(
            quote__requirement=requirement, quote__status=QuoteStatus.SUBMITTED
        )
    }
    awards: list[Award] = []
    for line_id, shares in allocations.items():
        if sum((share for _id, share in shares), Decimal(0)) != Decimal(100):
            raise HubError(_("The shares of one line must add up to 100%."))
        for quote_line_id, share in shares:
            quote_line = quote_lines.get(quote_line_id)
            if quote_line is None or quote_line.line_id != line_id:
                raise HubError(_("An award must go to a submitted quote for that line."))
            awards.append(
                Award(line_id=line_id, quote_line=quote_line, share_percent=share, awarded_by=actor)
            )
    Award.objects.bulk_create(awards)
    requirement.status = RequirementStatus.AWARDED
    requirement.save(update_fields=["status", "updated_at"])
    winners = {award.quote_line.quote.supplier_id for award in awards}
    for saved in Award.objects.filter(line__requirement=requirement).select_related("line"):
        audit.record(
            action=AuditAction.AWARDED, requirement=requirement, target=saved, actor=actor,
            ip=ip, organization=requirement.buyer,
            detail=f"{saved.line.part_number}: {saved.share_percent}%",
        )  # fmt: skip
    _notify_award(requirement, winners)
    return awards


def _notify_award(requirement: Requirement, winners: set[int]) -> None:
    notify(
        recipients=members_of(winners),
        requirement=requirement,
        subject=_("Awarded: %(title)s") % {"title": requirement.title},
        body=_("%(buyer)s awarded you lines of “%(title)s”. The PPAP stage follows.")
        % {"buyer": requirement.buyer, "title": requirement.title},
    )
    others = _participants(requirement) - winners
    notify(
        recipients=members_of(others),
        requirement=requirement,
        subject=_("Decision on “%(title)s”") % {"title": requirement.title},
        body=_("%(buyer)s has awarded “%(title)s” to another supplier. Thank you for quoting.")
        % {"buyer": requirement.buyer, "title": requirement.title},
    )
