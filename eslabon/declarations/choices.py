"""Choices of supplier origin declarations (USMCA certification of origin, Annex 5-A)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class DeclarationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ISSUED = "issued", _("Issued")
    REVOKED = "revoked", _("Revoked")


class OriginCriterion(models.TextChoices):
    # Annex 5-A element 7: the paragraph of USMCA Art. 4.2 (reference usmca.md §8).
    A = "A", _("A — wholly obtained or produced (Art. 4.2(a))")
    B = "B", _("B — meets the product-specific rule (Art. 4.2(b))")
    C = "C", _("C — produced exclusively from originating materials (Art. 4.2(c))")
    D = "D", _("D — Art. 4.2(d) alternative")


class Standing(models.TextChoices):
    """How an issued declaration stands on a day (domain CoverageStatus), plus the states in
    which it covers nothing."""

    VALID = "valid", _("Valid")
    EXPIRING = "expiring", _("Expiring soon")
    EXPIRED = "expired", _("Expired")
    NOT_YET_VALID = "not_yet_valid", _("Not yet valid")
    DRAFT = "draft", _("Draft")
    REVOKED = "revoked", _("Revoked")
    NONE = "none", _("No declaration")
