"""A draft USMCA certification of origin for a good that qualifies, printed with the
declarations app's renderer (docs/declarations.md): the buyer certifies as producer.

Criterion B (Art. 4.2(b)): the good meets its product-specific rule, here the regional value
content the engine computed (shared/reference/usmca.md §8, Annex 5-A element 7). The PDF is a
draft ("not signed"): signing is the producer's act, outside this workspace.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from eslabon.declarations.choices import OriginCriterion
from eslabon.declarations.parties import organization_party, site_address
from eslabon.declarations.pdf import STATEMENT_ES, bilingual_labels
from eslabon.domain.origin import certification as domain
from eslabon.origin.models import Good
from eslabon.pdf import render_pdf
from eslabon.registry.models import Organization


@dataclass(frozen=True)
class _Draft:
    """What the certification template reads of a declaration, for an unsigned draft."""

    supplier: Organization
    is_draft: bool = True
    status: str = "draft"
    signed_on: Any = None
    revoked_on: Any = None


@dataclass(frozen=True)
class _Line:
    hs_code: str


def good_certification(good: Good, user: Any) -> domain.CertificationOfOrigin:
    """The Annex 5-A elements for the good; raises InputError naming a missing element."""
    organization = good.organization
    party = organization_party(organization)
    name = user.get_full_name() or user.email
    certifier = domain.Party(
        name=name, address=party.address or site_address(None), country=party.country,
        phone=party.phone, email=party.email or user.email, tax_id=organization.rfc,
    )  # fmt: skip
    today = timezone.localdate()
    return domain.CertificationOfOrigin(
        certifier_role=domain.CertifierRole.PRODUCER,
        certifier=certifier,
        goods=(
            domain.GoodLine(
                good.name,
                good.hs_code,
                domain.OriginCriterion.PRODUCT_SPECIFIC_RULE,
                good.part_number,
            ),
        ),
        signed_by=name,
        signed_on=today,
        producer=party,
        blanket_period=domain.BlanketPeriod(good.date, domain.latest_blanket_end(good.date)),
    )


def good_certification_pdf(good: Good, user: Any) -> bytes:
    certification = good_certification(good, user)
    context = {
        "declaration": _Draft(supplier=good.organization),
        "cert": certification,
        "producer": certification.producer_shown(),
        "goods": [
            (_Line(good.hs_code), line, OriginCriterion(line.origin_criterion.value).label)
            for line in certification.goods
        ],
        "labels": bilingual_labels(),
        "statement_es": STATEMENT_ES,
    }
    return render_pdf("declarations/certification_pdf.html", context)
