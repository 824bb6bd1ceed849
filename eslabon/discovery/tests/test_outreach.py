"""Outreach: invitations (e-mailed after commit), status rules with their history, the
outreach list, conversion figures, and registered suppliers recognised afterwards."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.urls import reverse

from eslabon.discovery import selectors, services
from eslabon.discovery.models import Outreach, OutreachEvent
from eslabon.domain.discovery.outreach import OutreachStatus, check_transition
from eslabon.domain.errors import InputError
from eslabon.registry.selectors import registered_supplier_sites
from eslabon.registry.tests.factories import OrganizationFactory, SiteFactory


def test_inviting_mails_listed_addresses_after_the_commit(
    directory: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        records = services.invite(
            clees=["MAQ-MTY", "AUTO-MTY", "MAQ-SAL"], operator=directory.operator,
            notes="Feria de Monterrey", signup_url="https://eslabon.example/signup",
        )  # fmt: skip
        assert mail.outbox == []  # nothing leaves before the commit
    for callback in callbacks:
        callback()
    assert len(records) == 3
    assert [message.to for message in mail.outbox] == [["contacto@tornosramirez.mx"]]
    assert "https://eslabon.example/signup" in mail.outbox[0].body
    mailed = Outreach.objects.get(establishment__clee="MAQ-MTY")
    assert mailed.last_email_to == "contacto@tornosramirez.mx"
    assert mailed.events.get().emailed_to == "contacto@tornosramirez.mx"
    # "no es correo" is not an address: recorded as invited, not mailed.
    assert Outreach.objects.get(establishment__clee="AUTO-MTY").last_email_to == ""


def test_inviting_again_adds_history_instead_of_a_second_record(directory: Any) -> None:
    services.invite(clees=["MAQ-SAL"], operator=directory.operator, send_email=False)
    services.invite(clees=["MAQ-SAL"], operator=directory.operator, notes="otra vez")
    assert Outreach.objects.count() == 1
    assert OutreachEvent.objects.count() == 2
    assert Outreach.objects.get().notes == "otra vez"


def test_status_follows_the_outreach_rules(directory: Any) -> None:
    outreach = services.invite(clees=["MAQ-SAL"], operator=directory.operator)[0]
    services.set_outreach_status(outreach=outreach, status="registered", actor=directory.operator)
    services.set_outreach_status(outreach=outreach, status="converted", actor=directory.operator)
    with pytest.raises(InputError):
        services.set_outreach_status(outreach=outreach, status="invited", actor=directory.operator)
    history = list(Outreach.objects.get().events.values_list("status", flat=True))
    assert history == ["invited", "registered", "converted"]
    # A converted establishment is not invited again.
    assert services.invite(clees=["MAQ-SAL"], operator=directory.operator) == []


@pytest.mark.parametrize(
    ("current", "new", "allowed"),
    [
        ("invited", "registered", True),
        ("invited", "converted", False),
        ("declined", "invited", True),
        ("registered", "converted", True),
        ("converted", "declined", False),
    ],
)
def test_transition_table(current: str, new: str, allowed: bool) -> None:
    if allowed:
        check_transition(OutreachStatus(current), OutreachStatus(new))
    else:
        with pytest.raises(InputError):
            check_transition(OutreachStatus(current), OutreachStatus(new))


def test_a_refused_status_change_is_explained_on_the_page(client: Any, directory: Any) -> None:
    outreach = services.invite(clees=["MAQ-SAL"], operator=directory.operator)[0]
    client.force_login(directory.operator)
    url = reverse("discovery:outreach_detail", args=[outreach.pk])
    response = client.post(url, {"status": "converted"})
    assert response.status_code == 200
    assert response.context["form"].errors["status"]
    assert Outreach.objects.get().status == "invited"
    assert client.post(url, {"status": "declined", "note": "sin interés"}).status_code == 302
    assert Outreach.objects.get().status == "declined"


def test_conversion_figures_count_by_status_in_one_query(
    directory: Any, django_assert_num_queries: Any
) -> None:
    records = services.invite(
        clees=["MAQ-SAL", "MAQ-MTY", "AUTO-MTY", "FUND-MTY"], operator=directory.operator
    )
    by_clee = {record.establishment.clee: record for record in records}
    services.set_outreach_status(outreach=by_clee["MAQ-SAL"], status="registered", actor=None)
    services.set_outreach_status(outreach=by_clee["MAQ-SAL"], status="converted", actor=None)
    services.set_outreach_status(outreach=by_clee["MAQ-MTY"], status="registered", actor=None)
    services.set_outreach_status(outreach=by_clee["AUTO-MTY"], status="declined", actor=None)
    with django_assert_num_queries(1):
        figures = selectors.conversion_figures()
    assert figures.by_status == {"invited": 1, "registered": 1, "declined": 1, "converted": 1}
    assert figures.total == 4
    assert figures.conversion_rate == pytest.approx(0.25)
    assert figures.registration_rate == pytest.approx(0.5)


def test_no_outreach_means_no_rate(db: None) -> None:
    assert selectors.conversion_figures().conversion_rate is None


def test_the_list_filters_by_status_and_shows_figures(client: Any, directory: Any) -> None:
    records = services.invite(clees=["MAQ-SAL", "MAQ-MTY"], operator=directory.operator)
    services.set_outreach_status(outreach=records[0], status="declined", actor=None)
    client.force_login(directory.operator)
    response = client.get(reverse("discovery:outreach_list"), {"status": "declined"})
    listed = [record.establishment.clee for record, _match in response.context["records"]]
    assert listed == [records[0].establishment.clee]
    assert response.context["figures"].total == 2


def test_inviting_from_the_table_records_and_redirects(client: Any, directory: Any) -> None:
    client.force_login(directory.operator)
    response = client.post(
        reverse("discovery:invite"), {"clee": ["MAQ-MTY", "NO-EXISTE"], "send_email": "on"}
    )
    assert response.status_code == 302
    assert list(Outreach.objects.values_list("establishment__clee", flat=True)) == ["MAQ-MTY"]
    assert Outreach.objects.get().operator == directory.operator


def test_an_establishment_that_registered_since_is_recognised(client: Any, directory: Any) -> None:
    outreach = services.invite(clees=["FUND-MTY"], operator=directory.operator)[0]
    assert selectors.registered_matches([outreach], registered_supplier_sites()) == {}
    newcomer = OrganizationFactory(legal_name="Fundición Leal S.A. de C.V.")
    SiteFactory(organization=newcomer, postal_code="", latitude=25.65, longitude=-100.2)
    client.force_login(directory.operator)
    response = client.get(reverse("discovery:outreach_detail", args=[outreach.pk]))
    assert "Fundición Leal S.A. de C.V." in response.context["match"]


def test_inviting_nobody_goes_back_to_the_search_but_never_off_site(
    client: Any, directory: Any
) -> None:
    client.force_login(directory.operator)
    url = reverse("discovery:invite")
    back = reverse("discovery:candidates") + "?processes=casting"
    assert client.post(url, {"back": back})["Location"] == back
    assert client.post(url, {"back": "https://evil.example/"})["Location"] == reverse(
        "discovery:candidates"
    )
    assert not Outreach.objects.exists()


def test_the_outreach_list_runs_a_fixed_number_of_queries(
    client: Any, directory: Any, django_assert_num_queries: Any
) -> None:
    client.force_login(directory.operator)
    url = reverse("discovery:outreach_list")
    services.invite(clees=["MAQ-SAL"], operator=directory.operator)
    client.get(url)
    services.invite(clees=["MAQ-MTY", "AUTO-MTY", "FUND-MTY"], operator=directory.operator)
    # session, user, memberships, outreach with establishments and officers, registered
    # sites, figures
    with django_assert_num_queries(6):
        response = client.get(url, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="records")
    assert response.content.decode().count('href="/discovery/outreach/') == 4
    assert b"<html" not in response.content  # the HTMX fragment only
