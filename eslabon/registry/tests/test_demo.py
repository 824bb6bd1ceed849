"""The demo data set: a believable cluster in five states, reproducible, with working logins."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
from django.db import transaction

from eslabon.accounts.models import User
from eslabon.data import geography
from eslabon.domain.geo import great_circle_km
from eslabon.domain.registry.rfc import validate_rfc
from eslabon.domain.registry.rfc_check import rfc_check_character
from eslabon.registry import permissions
from eslabon.registry.demo import DEMO_PASSWORD, load_demo
from eslabon.registry.models import Capability, Certification, Contact, Organization, Site
from eslabon.registry.services import computed_stratum
from eslabon.registry.tabular import KINDS, export_registry, import_registry

pytestmark = pytest.mark.django_db

REFERENCE = dt.date(2026, 1, 15)
FIVE_STATES = {"19", "05", "14", "11", "22"}


@pytest.fixture
def fast_hasher(settings):
    # Logging in five users with the production hasher would take seconds; the rules are the same.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def demo(fast_hasher):
    return load_demo(reference_date=REFERENCE)


def _platform_admin() -> User:
    return User(username="system", email="system@eslabon.invalid", is_staff=True)


def _exported() -> dict[str, bytes]:
    """The whole registry as the platform administrator's CSV files, one per kind."""
    admin = _platform_admin()
    return {kind: export_registry(user=admin, fmt="csv", kind=kind).content for kind in KINDS}


def test_the_demo_has_300_suppliers_in_the_five_states_near_their_municipal_seats(demo):
    suppliers = Organization.objects.filter(is_supplier=True)
    sites = Site.objects.filter(organization__is_supplier=True)
    per_state = Counter(sites.values_list("state_code", flat=True))

    assert demo.suppliers == suppliers.count() >= 300
    assert set(per_state) == FIVE_STATES and min(per_state.values()) >= 20
    seats = geography.municipalities()
    for site in Site.objects.all():
        seat = seats[site.state_code + site.municipality_code]
        assert site.municipality_name == seat.name
        assert great_circle_km(site.latitude, site.longitude, seat.lat, seat.lon) <= 4.5


def test_the_demo_has_40_buyers_oem_and_tier1_and_a_few_programme_operators(demo):
    buyers = Organization.objects.filter(is_buyer=True)

    assert demo.buyers == buyers.count() >= 40
    assert set(buyers.values_list("tier", flat=True)) == {"oem", "tier1"}
    assert 2 <= demo.operators <= 3
    assert 0 < demo.pending < 15  # the approval queue is not empty
    assert Organization.objects.exclude(status__in=["approved", "pending"]).count() == 0


def test_each_demo_login_signs_in_with_the_documented_password(demo, client):
    for login in demo.logins:
        assert client.login(email=login.email, password=DEMO_PASSWORD), login
        client.logout()
    users = {login.role: User.objects.get(email=login.email) for login in demo.logins}

    assert users["platform administrator"].is_superuser
    assert permissions.is_operator(users["programme officer"])
    assert permissions.is_buyer(users["buyer"])
    supplier = users["supplier"].memberships.get().organization
    assert supplier.is_published and Capability.objects.filter(site__organization=supplier)
    pending = users["supplier awaiting approval"].memberships.get().organization
    assert pending.status == "pending" and not pending.is_published
    assert all(user.email_verified for user in users.values())


def test_loading_the_demo_twice_adds_nothing(demo):
    again = load_demo(reference_date=REFERENCE)

    assert not again.loaded
    assert (again.suppliers, again.capabilities) == (demo.suppliers, demo.capabilities)
    assert User.objects.filter(email__endswith="@eslabon.demo").count() == len(demo.logins)


def test_loading_the_demo_again_after_its_logins_were_deleted_adds_nothing(demo):
    User.objects.filter(email__endswith="@eslabon.demo").delete()

    again = load_demo(reference_date=REFERENCE)

    assert not again.loaded and again.suppliers == demo.suppliers


def test_the_same_seed_gives_the_same_cluster_and_another_seed_another(fast_hasher):
    def load(seed: int) -> tuple[dict[str, bytes], list[tuple[str, ...]]]:
        with transaction.atomic():
            load_demo(seed=seed, suppliers=60, buyers=8, reference_date=REFERENCE)
            contacts = list(Contact.objects.order_by("email").values_list("email", "phone"))
            result = _exported(), contacts
            transaction.set_rollback(True)  # back to an empty database
        return result

    first = load(7)
    assert not Organization.objects.exists()
    assert load(7) == first
    assert load(8)[0]["organizations"] != first[0]["organizations"]


def test_most_smes_hold_no_iatf_16949_and_some_are_working_towards_it(demo):
    smes = Organization.objects.filter(is_supplier=True)
    iatf = Certification.objects.filter(organization__is_supplier=True, standard__slug="iatf-16949")
    holders = iatf.filter(status="held", expires_on__gte=REFERENCE)
    in_progress = iatf.filter(status="in_progress")

    assert holders.count() < 0.2 * smes.count()
    assert in_progress.count() >= 10
    assert all(c.expected_on > REFERENCE for c in in_progress)
    expired = Certification.objects.filter(status="held", expires_on__lt=REFERENCE)
    assert expired.exists()  # some certificates lapsed


def test_the_critical_processes_are_the_gap_of_the_cluster(demo):
    processes = Counter(
        Capability.objects.filter(site__organization__is_supplier=True).values_list(
            "process__slug", "process__critical"
        )
    )
    critical = sum(n for (slug, is_critical), n in processes.items() if is_critical)
    common = sum(processes[slug, False] for slug in ("cnc-machining", "stamping", "welding"))

    assert 0 < critical < common / 4
    assert processes["plastic-injection", False] > max(
        n for (slug, is_critical), n in processes.items() if is_critical
    )


def test_demo_figures_are_consistent_with_size_strata_and_rfcs_are_never_real(demo):
    suppliers = list(Organization.objects.filter(is_supplier=True))
    strata = Counter(org.size_stratum for org in suppliers)

    assert all(computed_stratum(org) == org.size_stratum for org in suppliers)
    assert strata["small"] + strata["medium"] + strata["micro"] > 0.9 * len(suppliers)
    for org in Organization.objects.all():
        validate_rfc(org.rfc)
        assert rfc_check_character(org.rfc[:-1]) != org.rfc[-1]  # deliberately wrong


def test_every_capability_describes_its_work_and_uses_materials_of_its_process(demo):
    capabilities = Capability.objects.select_related("process").prefetch_related("materials")
    castings = {"hpdc-aluminium", "gravity-aluminium-casting"}

    for capability in capabilities:
        assert len(capability.description) > 80
        assert capability.materials.exists()
        assert 0 < capability.utilisation <= 1
        if capability.process.slug in castings:
            assert {m.slug for m in capability.materials.all()} <= {
                "aluminium",
                "zinc",
                "magnesium",
            }


def test_a_small_demo_passes_every_model_rule_through_an_import_round_trip(fast_hasher):
    load_demo(suppliers=40, buyers=6, reference_date=REFERENCE)
    before = _exported()
    workbook = export_registry(user=_platform_admin(), fmt="xlsx")
    Organization.objects.all().delete()

    report = import_registry(user=_platform_admin(), filename="demo.xlsx", content=workbook.content)

    assert report.created["organizations"] == 40 + 6 + 3
    assert _exported() == before
