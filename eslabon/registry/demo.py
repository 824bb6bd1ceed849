"""Loads the demo data set: a fictional automotive cluster in five states, with demo logins.

`eslabon demo` calls load_demo() after migrating; the cluster is drawn by demo_generator from
a seed, so the same seed and reference date give the same data. Loading twice adds nothing.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass
from typing import Any, NamedTuple

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from eslabon.accounts.models import User
from eslabon.registry.choices import MembershipRole, OrganizationStatus
from eslabon.registry.demo_generator import Cluster, ClusterGenerator, demo_data
from eslabon.registry.models import (
    Capability,
    Certification,
    CertificationStandard,
    Contact,
    Material,
    Membership,
    Organization,
    Process,
    Site,
)

# One documented password for every demo login (README.md); the demo is for local use only.
DEMO_PASSWORD = "eslabon-demo-2026"  # noqa: S105
DEMO_DOMAIN = "eslabon.demo"


class DemoLogin(NamedTuple):
    role: str
    email: str
    organization: str


@dataclass(frozen=True, slots=True)
class DemoSummary:
    """What the demo database holds, and how to sign in to it."""

    loaded: bool  # False when demo data were already there and nothing was added
    seconds: float
    suppliers: int
    buyers: int
    operators: int
    pending: int
    sites: int
    capabilities: int
    certifications: int
    logins: tuple[DemoLogin, ...]
    password: str = DEMO_PASSWORD

    def login_for(self, role: str) -> str:
        """The e-mail of the demo login with this role (e.g. "supplier")."""
        return next(login.email for login in self.logins if login.role == role)

    def describe(self) -> str:
        """What `eslabon demo` prints: the data set and how to sign in."""
        lines = [
            f"Demo cluster: {self.suppliers} suppliers ({self.pending} awaiting approval), "
            f"{self.buyers} buyers, {self.operators} programme operators; {self.sites} sites, "
            f"{self.capabilities} capabilities, {self.certifications} certifications"
            + ("" if self.loaded else " (already loaded)"),
            f"Demo logins (password for all: {self.password}):",
        ]
        width = max(len(login.role) for login in self.logins)
        lines += [
            f"  {login.role:<{width}}  {login.email:<28} {login.organization}"
            for login in self.logins
        ]
        return "\n".join(lines)


def load_demo(
    *,
    seed: int = 2026,
    suppliers: int = 320,
    buyers: int = 44,
    reference_date: dt.date | None = None,
) -> DemoSummary:
    """Load the demo cluster unless its logins or its organisations exist; one transaction.

    Certificate dates are drawn relative to ``reference_date`` (default: today in the
    configured time zone) so that expired, valid and in-progress certificates stay so
    whenever the demo is loaded; everything else depends on the seed alone.
    """
    if suppliers < 10 or buyers < 2:
        raise ValueError("the demo needs at least 10 suppliers and 2 buyers")
    if User.objects.filter(email__iendswith=f"@{DEMO_DOMAIN}").exists():
        return _summary(loaded=False, seconds=0.0)
    started = time.perf_counter()
    today = reference_date or timezone.localdate()
    terms = {
        "processes": {p.slug: p for p in Process.objects.all()},
        "materials": {m.slug: m for m in Material.objects.all()},
        "standards": {s.slug: s for s in CertificationStandard.objects.all()},
    }
    generator = ClusterGenerator(seed=seed, reference_date=today, terms=terms)
    people = draw_cluster(generator, suppliers=suppliers, buyers=buyers)
    rfcs = [org.rfc for org in generator.cluster.organizations]
    if Organization.objects.filter(rfc__in=rfcs).exists():
        return _summary(loaded=False, seconds=0.0)  # this cluster is there without its logins
    with transaction.atomic():
        save_cluster(generator.cluster, terms["materials"])
        _create_users(generator, people, today)
    return _summary(loaded=True, seconds=time.perf_counter() - started)


def draw_cluster(generator: ClusterGenerator, *, suppliers: int, buyers: int) -> dict[str, Any]:
    """Draw the whole cluster; returns the organisations that get the demo logins."""
    words = demo_data("cluster.json")
    operators = [generator.operator(spec) for spec in words["operators"]]
    oem_count = min(len(words["oem_brands"]), max(1, buyers // 5))
    brands = generator.rng.sample(words["oem_brands"], oem_count)
    oems = [generator.oem(brand) for brand in brands]
    tier1s = [generator.tier1() for _ in range(buyers - oem_count)]
    pending = set(generator.rng.sample(range(suppliers), max(3, suppliers // 50)))
    smes = [
        generator.supplier(
            status=OrganizationStatus.PENDING if index in pending else OrganizationStatus.APPROVED
        )
        for index in range(suppliers)
    ]
    site_states = {id(site.organization): site.state_code for site in generator.cluster.sites}
    return {
        "operator": operators[0],
        "buyer": next((o for o in tier1s if site_states[id(o)] == "19"), (tier1s or oems)[0]),
        "supplier": next(
            o
            for o in smes
            if o.status == OrganizationStatus.APPROVED and site_states[id(o)] == "19"
        ),
        "pending": next(o for o in smes if o.status == OrganizationStatus.PENDING),
    }


def save_cluster(cluster: Cluster, materials: dict[str, Material]) -> None:
    """Bulk inserts in dependency order; the instances' foreign keys pick up the new ids."""
    Organization.objects.bulk_create(cluster.organizations)
    Site.objects.bulk_create(cluster.sites)
    capabilities = [capability for capability, _ in cluster.capabilities]
    Capability.objects.bulk_create(capabilities)
    through = Capability.materials.through
    through.objects.bulk_create(
        through(capability_id=capability.pk, material_id=materials[slug].pk)
        for capability, slugs in cluster.capabilities
        for slug in slugs
    )
    Certification.objects.bulk_create(cluster.certifications)
    Contact.objects.bulk_create(cluster.contacts)


_LOGINS = (
    # (role, local part, first name, last name, organisation key, staff)
    ("platform administrator", "admin", "Adela", "Administradora", None, True),
    ("programme officer", "operador", "Octavio", "Operador", "operator", False),
    ("buyer", "comprador", "Camila", "Compradora", "buyer", False),
    ("supplier", "proveedor", "Pablo", "Proveedor", "supplier", False),
    ("supplier awaiting approval", "pendiente", "Paula", "Pendiente", "pending", False),
)


def _create_users(generator: ClusterGenerator, people: dict[str, Any], today: dt.date) -> None:
    password = make_password(DEMO_PASSWORD)  # hashed once: hashing is slow by design
    users = {}
    for _role, local, first, last, _key, staff in _LOGINS:
        users[local] = User(
            username=local, email=f"{local}@{DEMO_DOMAIN}", first_name=first, last_name=last,
            email_verified=True, is_staff=staff, is_superuser=staff, password=password,
        )  # fmt: skip
    User.objects.bulk_create(users.values())
    Membership.objects.bulk_create(
        Membership(user=users[local], organization=people[key], role=MembershipRole.ADMIN)
        for _role, local, *_, key, _staff in _LOGINS
        if key is not None
    )
    from eslabon.accounts.services import grant_programme_officer_admin

    grant_programme_officer_admin(user=users["operador"])
    # Published organisations were approved by the demo programme officer, on drawn dates.
    reviewer = users["operador"]
    approved = [o for o in generator.cluster.organizations if o.status == "approved"]
    for org in approved:
        day = today - generator.days(30, 900)
        org.reviewed_by = reviewer
        org.reviewed_at = timezone.make_aware(dt.datetime.combine(day, dt.time(10, 0)))
    Organization.objects.bulk_update(approved, ["reviewed_by", "reviewed_at"])


def _summary(*, loaded: bool, seconds: float) -> DemoSummary:
    organizations = Organization.objects.all()
    memberships = Membership.objects.filter(user__email__iendswith=f"@{DEMO_DOMAIN}")
    by_email = {
        m.user.email: str(m.organization)
        for m in memberships.select_related("user", "organization")
    }
    logins = tuple(
        DemoLogin(role, f"{local}@{DEMO_DOMAIN}", by_email.get(f"{local}@{DEMO_DOMAIN}", ""))
        for role, local, *_ in _LOGINS
    )
    return DemoSummary(
        loaded=loaded,
        seconds=seconds,
        suppliers=organizations.filter(is_supplier=True).count(),
        buyers=organizations.filter(is_buyer=True).count(),
        operators=organizations.filter(is_operator=True).count(),
        pending=organizations.filter(status=OrganizationStatus.PENDING).count(),
        sites=Site.objects.count(),
        capabilities=Capability.objects.count(),
        certifications=Certification.objects.count(),
        logins=logins,
    )
