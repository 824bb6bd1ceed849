"""The PPAP stage after an award: the supplier submits the warrant with the elements its
level asks for, the buyer records the disposition, a rejection is followed by a new attempt.

The elements and which levels require their submission are data (eslabon/data/
ppap_elements.csv, after AIAG PPAP 4th edition, the retention/submission table; "S" submit,
"R" retain, "C" as the customer defines).
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from eslabon.hub import audit
from eslabon.hub.choices import AuditAction, PpapDisposition, RequirementStatus
from eslabon.hub.models import Award, PpapDocument, PpapSubmission
from eslabon.hub.notifications import members_of, notify
from eslabon.hub.services import HubError
from eslabon.hub.uploads import check_drawing_upload

WARRANT = "part-submission-warrant"


@dataclass(frozen=True)
class PpapElement:
    slug: str
    number: int
    name_en: str
    name_es: str
    by_level: tuple[str, str, str, str, str]

    @property
    def name(self) -> str:
        return self.name_en if (get_language() or "es").startswith("en") else self.name_es

    def submitted_at(self, level: int) -> bool:
        return self.by_level[level - 1] == "S"


@cache
def elements() -> tuple[PpapElement, ...]:
    text = resources.files("eslabon.data").joinpath("ppap_elements.csv").read_text("utf-8")
    return tuple(
        PpapElement(
            slug=row["slug"],
            number=int(row["number"]),
            name_en=row["name_en"],
            name_es=row["name_es"],
            by_level=tuple(row[f"level_{n}"] for n in range(1, 6)),  # type: ignore[arg-type]
        )
        for row in csv.DictReader(text.splitlines())
    )


def required_documents(level: int) -> list[PpapElement]:
    """Elements whose evidence is submitted at this level, besides the warrant itself."""
    return [e for e in elements() if e.submitted_at(level) and e.slug != WARRANT]


def _store(record: Any, upload: Any) -> None:
    record.content_type = check_drawing_upload(upload, max_bytes=settings.ESLABON_MAX_UPLOAD_BYTES)
    record.original_name = upload.name.rsplit("/", 1)[-1][:200]
    record.size = upload.size
    record.file.save(record.original_name, upload, save=False)
    record.save()


@transaction.atomic
def submit_ppap(
    *, award: Award, warrant: Any, documents: dict[str, Any], actor: Any, ip: str | None = None
) -> PpapSubmission:
    """A new attempt: allowed first, and again after a rejection."""
    award = Award.objects.select_for_update().select_related("line__requirement").get(pk=award.pk)
    requirement = award.line.requirement
    if requirement.status != RequirementStatus.AWARDED:
        raise HubError(_("The PPAP stage starts after the award."))
    last = award.ppap_submissions.order_by("-attempt").first()
    if last is not None and last.disposition != PpapDisposition.REJECTED:
        raise HubError(_("Resubmit only after a rejection."))
    missing = [
        e.name for e in required_documents(requirement.ppap_level) if e.slug not in documents
    ]
    if missing:
        raise HubError(_("Missing PPAP elements: %(names)s") % {"names": ", ".join(missing)})
    submission = PpapSubmission(
        award=award, attempt=(last.attempt + 1) if last else 1, level=requirement.ppap_level,
        uploaded_by=actor,
    )  # fmt: skip
    _store(submission, warrant)
    for slug, upload in documents.items():
        _store(PpapDocument(submission=submission, element=slug, uploaded_by=actor), upload)
    audit.record(
        action=AuditAction.PPAP_SUBMITTED, requirement=requirement, target=submission,
        actor=actor, ip=ip, organization=award.quote_line.quote.supplier,
        detail=f"{award.line.part_number} #{submission.attempt}",
    )  # fmt: skip
    notify(
        recipients=members_of([requirement.buyer_id]), requirement=requirement,
        subject=_("PPAP submitted: %(part)s") % {"part": award.line.part_number},
        body=_("A supplier submitted its PPAP for %(part)s.") % {"part": award.line.part_number},
    )  # fmt: skip
    return submission


@transaction.atomic
def decide_ppap(
    *, submission: PpapSubmission, disposition: str, reason: str = "",
    interim_expires_on: dt.date | None = None, actor: Any, ip: str | None = None,
) -> PpapSubmission:  # fmt: skip
    """Approve, approve for a while (interim, with its expiry), or reject with a reason."""
    if submission.disposition != PpapDisposition.PENDING:
        raise HubError(_("This submission already has a disposition."))
    if disposition == PpapDisposition.INTERIM and (
        interim_expires_on is None or interim_expires_on <= timezone.localdate()
    ):
        raise HubError(_("An interim approval needs an expiry date in the future."))
    if disposition == PpapDisposition.REJECTED and not reason.strip():
        raise HubError(_("Say why the submission is rejected."))
    if disposition not in {PpapDisposition.APPROVED, PpapDisposition.INTERIM,
                           PpapDisposition.REJECTED}:  # fmt: skip
        raise HubError(_("Choose a disposition."))
    submission.disposition = disposition
    submission.disposition_reason = reason.strip()
    submission.interim_expires_on = (
        interim_expires_on if disposition == PpapDisposition.INTERIM else None
    )
    submission.decided_by, submission.decided_at = actor, timezone.now()
    submission.save(update_fields=[
        "disposition", "disposition_reason", "interim_expires_on", "decided_by", "decided_at",
    ])  # fmt: skip
    award = submission.award
    audit.record(
        action=AuditAction.PPAP_DECIDED, requirement=award.line.requirement, target=submission,
        actor=actor, ip=ip, organization=award.line.requirement.buyer, detail=disposition,
    )  # fmt: skip
    notify(
        recipients=members_of([award.quote_line.quote.supplier_id]),
        requirement=award.line.requirement,
        subject=_("PPAP %(part)s: %(disposition)s")
        % {"part": award.line.part_number,
           "disposition": PpapDisposition(disposition).label},
        body=reason.strip() or str(PpapDisposition(disposition).label),
    )  # fmt: skip
    return submission
