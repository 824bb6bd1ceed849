"""Fill the certification of origin's parties from the registry (USMCA Annex 5-A elements 2-5):
names, addresses with country, RFC, telephone and e-mail."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from eslabon.data import geography
from eslabon.domain.origin import certification as domain

if TYPE_CHECKING:
    from eslabon.declarations.models import OriginDeclaration

# Every organisation in the registry is Mexican (RFC, INEGI geography).
COUNTRY = "MX"


def site_address(site: Any) -> str:
    """One line: street, colonia, postal code, municipality, state, México."""
    if site is None:
        return ""
    state = geography.states().get(site.state_code)
    parts = [
        site.street,
        site.neighbourhood,
        f"C.P. {site.postal_code}" if site.postal_code else "",
        site.municipality_name,
        state.name if state else "",
        "México",
    ]
    return ", ".join(part for part in parts if part)


def _first_site(organization: Any) -> Any:
    sites = list(organization.sites.all())  # prefetched by the selectors
    return sites[0] if sites else None


def _primary_contact(organization: Any) -> Any:
    contacts = list(organization.contacts.all())  # ordered primary first
    return contacts[0] if contacts else None


def organization_party(organization: Any, site: Any = None) -> domain.Party:
    contact = _primary_contact(organization)
    return domain.Party(
        name=organization.legal_name,
        address=site_address(site or _first_site(organization)),
        country=COUNTRY,
        phone=contact.phone if contact else "",
        email=contact.email if contact else "",
        tax_id=organization.rfc,
    )


def certifier_party(declaration: OriginDeclaration) -> domain.Party:
    """The person who certifies for the supplier (the producer): name, title, the supplier's
    address, and the person's telephone and e-mail."""
    supplier = declaration.supplier
    return domain.Party(
        name=declaration.certifier_name,
        title=declaration.certifier_title,
        address=site_address(declaration.production_site or _first_site(supplier)),
        country=COUNTRY,
        phone=declaration.certifier_phone,
        email=declaration.certifier_email,
        tax_id=supplier.rfc,
    )


def exporter_party(declaration: OriginDeclaration) -> domain.Party | None:
    if not declaration.exporter_name:
        return None  # the certifier exports (Annex 5-A element 3)
    return domain.Party(
        name=declaration.exporter_name,
        address=declaration.exporter_address,
        phone=declaration.exporter_phone,
        email=declaration.exporter_email,
    )


def certification_of(declaration: OriginDeclaration) -> domain.CertificationOfOrigin:
    """The domain certification; its checks raise InputError naming the element."""
    lines = tuple(line.as_line() for line in declaration.lines.all())
    return domain.CertificationOfOrigin(
        certifier_role=domain.CertifierRole.PRODUCER,
        certifier=certifier_party(declaration),
        goods=lines,
        signed_by=declaration.certifier_name,
        signed_on=declaration.signed_on or declaration.period_start,
        exporter=exporter_party(declaration),
        producer=organization_party(declaration.supplier, declaration.production_site),
        importer=organization_party(declaration.customer) if declaration.customer else None,
        blanket_period=domain.BlanketPeriod(declaration.period_start, declaration.period_end),
    )
