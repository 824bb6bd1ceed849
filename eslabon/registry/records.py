"""The kinds of record an organisation keeps (sites, capabilities, certificates, contacts).

One table tells the generic create/edit/delete views which model and form each kind uses,
so that the four kinds share one set of views instead of four near-copies.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Model, QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from eslabon.registry import forms
from eslabon.registry.models import Capability, Certification, Contact, Organization, Site


@dataclass(frozen=True)
class RecordKind:
    model: type[Model]
    form: type[Any]
    organization_path: str  # lookup from the record to its organisation
    title: str | Promise
    form_takes_organization: bool = False

    def of(self, organization: Organization) -> QuerySet[Any]:
        return self.model._default_manager.filter(**{self.organization_path: organization})

    def build_form(self, organization: Organization, *args: Any, **kwargs: Any) -> Any:
        if self.form_takes_organization:
            kwargs["organization"] = organization
        return self.form(*args, **kwargs)


RECORD_KINDS: dict[str, RecordKind] = {
    "sites": RecordKind(Site, forms.SiteForm, "organization", _("Site")),
    "capabilities": RecordKind(
        Capability,
        forms.CapabilityForm,
        "site__organization",
        _("Capability"),
        form_takes_organization=True,
    ),
    "certifications": RecordKind(
        Certification,
        forms.CertificationForm,
        "organization",
        _("Certification"),
        form_takes_organization=True,
    ),
    "contacts": RecordKind(Contact, forms.ContactForm, "organization", _("Contact")),
}
