"""Supply Hub records: requirements (RFQs) and their lines, invitations, NDAs, questions,
sealed quotes, awards, PPAP, notifications and the append-only audit trail.

State changes happen only in services.py; who reads what is decided in querysets.py.
"""

from eslabon.hub.models.quotes import (
    Award,
    PpapDocument,
    PpapSubmission,
    PriceTier,
    Quote,
    QuoteAttachment,
    QuoteLine,
    ppap_document_path,
    ppap_file_path,
    quote_file_path,
)
from eslabon.hub.models.records import AuditEvent, Notification
from eslabon.hub.models.requirements import (
    MONEY,
    Answer,
    Invitation,
    LineAttachment,
    NdaAcceptance,
    Question,
    Requirement,
    RequirementLine,
    StoredFile,
    line_file_path,
)

__all__ = [
    "MONEY",
    "Answer",
    "AuditEvent",
    "Award",
    "Invitation",
    "LineAttachment",
    "NdaAcceptance",
    "Notification",
    "PpapDocument",
    "PpapSubmission",
    "PriceTier",
    "Question",
    "Quote",
    "QuoteAttachment",
    "QuoteLine",
    "Requirement",
    "RequirementLine",
    "StoredFile",
    "line_file_path",
    "ppap_document_path",
    "ppap_file_path",
    "quote_file_path",
]
