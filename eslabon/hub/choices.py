"""Choices of the Supply Hub, as classes so that models, forms and the API share one list."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class RequirementStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Open for quotes")
    CLOSED = "closed", _("Closed")
    UNDER_EVALUATION = "under_evaluation", _("Under evaluation")
    AWARDED = "awarded", _("Awarded")
    CANCELLED = "cancelled", _("Cancelled")


class Visibility(models.TextChoices):
    OPEN = "open", _("Open to every published supplier that fits")
    INVITED = "invited", _("Invited suppliers only")


class Currency(models.TextChoices):
    MXN = "MXN", _("Mexican peso (MXN)")
    USD = "USD", _("US dollar (USD)")


class Incoterm(models.TextChoices):
    """The eleven rules of Incoterms 2020 (ICC publication 723)."""

    EXW = "EXW", _("EXW — Ex Works")
    FCA = "FCA", _("FCA — Free Carrier")
    CPT = "CPT", _("CPT — Carriage Paid To")
    CIP = "CIP", _("CIP — Carriage and Insurance Paid To")
    DAP = "DAP", _("DAP — Delivered at Place")
    DPU = "DPU", _("DPU — Delivered at Place Unloaded")
    DDP = "DDP", _("DDP — Delivered Duty Paid")
    FAS = "FAS", _("FAS — Free Alongside Ship")
    FOB = "FOB", _("FOB — Free on Board")
    CFR = "CFR", _("CFR — Cost and Freight")
    CIF = "CIF", _("CIF — Cost, Insurance and Freight")


class PpapLevel(models.IntegerChoices):
    """AIAG PPAP 4th edition submission levels."""

    LEVEL_1 = 1, _("Level 1 — warrant only")
    LEVEL_2 = 2, _("Level 2 — warrant with samples and limited data")
    LEVEL_3 = 3, _("Level 3 — warrant with samples and complete data")
    LEVEL_4 = 4, _("Level 4 — warrant and other requirements defined by the customer")
    LEVEL_5 = 5, _("Level 5 — warrant with samples and data reviewed at the supplier's site")


class InvitationResponse(models.TextChoices):
    PENDING = "pending", _("No answer yet")
    INTEND = "intend", _("Intends to quote")
    DECLINED = "declined", _("Declined")


class AnswerScope(models.TextChoices):
    PRIVATE = "private", _("Only the supplier who asked")
    BROADCAST = "broadcast", _("Every supplier, without naming who asked")
    INTERNAL = "internal", _("Internal note (buyer only)")


class QuoteStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")


class AttachmentKind(models.TextChoices):
    DRAWING = "drawing", _("Drawing")
    SPECIFICATION = "specification", _("Specification")


class AuditAction(models.TextChoices):
    CREATED = "created", _("Created")
    UPDATED = "updated", _("Updated")
    PUBLISHED = "published", _("Published")
    CLOSED = "closed", _("Closed at the due time")
    UNSEALED = "unsealed", _("Quotes unsealed")
    EVALUATION_STARTED = "evaluation_started", _("Evaluation started")
    AWARDED = "awarded", _("Awarded")
    CANCELLED = "cancelled", _("Cancelled")
    LINE_ADDED = "line_added", _("Line added")
    LINE_CHANGED = "line_changed", _("Line changed")
    LINE_REMOVED = "line_removed", _("Line removed")
    ATTACHMENT_ADDED = "attachment_added", _("File attached")
    DRAWING_DOWNLOADED = "drawing_downloaded", _("Drawing downloaded")
    NDA_ACCEPTED = "nda_accepted", _("NDA accepted")
    INVITED = "invited", _("Supplier invited")
    INVITATION_ANSWERED = "invitation_answered", _("Invitation answered")
    QUESTION_ASKED = "question_asked", _("Question asked")
    QUESTION_ANSWERED = "question_answered", _("Question answered")
    QUOTE_SAVED = "quote_saved", _("Quote draft saved")
    QUOTE_SUBMITTED = "quote_submitted", _("Quote submitted")
    QUOTE_REVISED = "quote_revised", _("Quote revised")
    LINES_IMPORTED = "lines_imported", _("Lines imported")
    PPAP_SUBMITTED = "ppap_submitted", _("PPAP submitted")
    PPAP_DECIDED = "ppap_decided", _("PPAP disposition recorded")
    EXPORTED = "exported", _("Comparison exported")


class PpapDisposition(models.TextChoices):
    PENDING = "pending", _("Awaiting the buyer's decision")
    APPROVED = "approved", _("Approved")
    INTERIM = "interim", _("Interim approval")
    REJECTED = "rejected", _("Rejected")
