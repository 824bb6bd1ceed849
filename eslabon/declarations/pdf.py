"""The USMCA certification of origin as PDF, filled from the declaration and the registry.

Every minimum data element of USMCA Art. 5.2 / Annex 5-A is printed (reference
shared/reference/usmca.md §8), with bilingual labels (Spanish / English) whatever the reader's
language, because the certification may be read by the importing authority of any party.
"""

from __future__ import annotations

from typing import Any

from django.utils import translation
from django.utils.translation import pgettext_lazy

from eslabon.declarations.models import OriginDeclaration
from eslabon.pdf import render_pdf

# Annex 5-A element labels, printed in Spanish and English.
LABELS: dict[str, Any] = {
    "title": pgettext_lazy("certification of origin", "USMCA certification of origin"),
    "certifier_type": pgettext_lazy("certification of origin", "1. Certifier type"),
    "producer_role": pgettext_lazy("certification of origin", "Producer"),
    "certifier": pgettext_lazy("certification of origin", "2. Certifier"),
    "exporter": pgettext_lazy("certification of origin", "3. Exporter"),
    "producer": pgettext_lazy("certification of origin", "4. Producer"),
    "importer": pgettext_lazy("certification of origin", "5. Importer"),
    "goods": pgettext_lazy(
        "certification of origin", "6. Description and HS classification of the goods"
    ),
    "criterion": pgettext_lazy("certification of origin", "7. Origin criterion"),
    "period": pgettext_lazy("certification of origin", "8. Blanket period"),
    "signature": pgettext_lazy("certification of origin", "9. Authorised signature and date"),
    "name": pgettext_lazy("certification of origin", "Name"),
    "title_field": pgettext_lazy("certification of origin", "Title"),
    "address": pgettext_lazy("certification of origin", "Address"),
    "tax_id": pgettext_lazy("certification of origin", "Tax id (RFC)"),
    "phone": pgettext_lazy("certification of origin", "Telephone"),
    "email": pgettext_lazy("certification of origin", "E-mail"),
    "description": pgettext_lazy("certification of origin", "Description"),
    "part_number": pgettext_lazy("certification of origin", "Part number"),
    "hs_code": pgettext_lazy("certification of origin", "HS classification"),
    "from": pgettext_lazy("certification of origin", "From"),
    "to": pgettext_lazy("certification of origin", "To"),
    "date": pgettext_lazy("certification of origin", "Date"),
    "same_as_certifier": pgettext_lazy("certification of origin", "Same as the certifier"),
    "unknown": pgettext_lazy("certification of origin", "Unknown"),
    "statement": pgettext_lazy("certification of origin", "Certification"),
    "revoked": pgettext_lazy("certification of origin", "Revoked"),
    "draft": pgettext_lazy("certification of origin", "Draft — not signed"),
}


def _in(language: str, text: Any) -> str:
    with translation.override(language):
        return str(text)


def bilingual_labels() -> dict[str, str]:
    """Each label as "Español / English" (one text when both read the same)."""
    result = {}
    for key, text in LABELS.items():
        es, en = _in("es-mx", text), _in("en", text)
        result[key] = es if es == en else f"{es} / {en}"
    return result


# The certification statement in Spanish (a translation of Annex 5-A element 9's wording as
# given in the reference; the English original is domain.CERTIFICATION_STATEMENT).
STATEMENT_ES = (
    "Certifico que las mercancías descritas en este documento califican como originarias y que "
    "la información contenida en este documento es verdadera y exacta. Asumo la responsabilidad "
    "de comprobar lo aquí declarado y me comprometo a conservar y presentar, a solicitud o "
    "durante una visita de verificación, la documentación necesaria para sustentar esta "
    "certificación."
)


def certification_pdf(declaration: OriginDeclaration) -> bytes:
    """The PDF of one declaration (lines, supplier and customer sites and contacts prefetched
    by ``selectors.declaration_for``)."""
    certification = declaration.as_certification()
    lines = list(declaration.lines.all())
    criteria = {line.pk: line.get_origin_criterion_display() for line in lines}
    context = {
        "declaration": declaration,
        "cert": certification,
        "producer": certification.producer_shown(),
        "goods": [
            (line, certification.goods[i], criteria[line.pk]) for i, line in enumerate(lines)
        ],
        "labels": bilingual_labels(),
        "statement_es": STATEMENT_ES,
    }
    return render_pdf("declarations/certification_pdf.html", context)
