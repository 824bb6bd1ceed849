"""A supplier company signs up, verifies its e-mail, and waits for an operator's approval."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core import mail
from django.urls import reverse

from eslabon.accounts.models import User
from eslabon.registry.models import Organization

SIGNUP = {
    "email": "ventas@forjasdelnorte.mx",
    "first_name": "Lucía",
    "last_name": "Treviño",
    "password1": "una-clave-muy-segura-2026",
    "password2": "una-clave-muy-segura-2026",
    "legal_name": "Forjas del Norte S.A. de C.V.",
    "trade_name": "Forjas del Norte",
    "rfc": "FNO150310AB1",
    "sector": "industry",
    "employees": "42",
    "annual_sales_mxn": "38000000",
}


def _verification_link() -> str:
    match = re.search(r"https?://\S+/accounts/verify/\S+/", mail.outbox[-1].body)
    assert match, mail.outbox[-1].body
    return match.group(0)


@pytest.mark.django_db(transaction=True)
def test_sign_up_creates_an_inactive_account_and_a_draft_supplier_and_mails_a_link(
    client: Any,
) -> None:
    response = client.post(reverse("accounts:signup"), SIGNUP)
    assert response.status_code == 200
    user = User.objects.get(email=SIGNUP["email"])
    organization = Organization.objects.get(rfc=SIGNUP["rfc"])
    assert not user.is_active and not user.email_verified
    assert organization.status == "draft" and organization.is_supplier
    assert organization.size_stratum == "small"  # 4.2 + 34.2 = 38.4 <= 95
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [SIGNUP["email"]]
    assert not client.login(email=SIGNUP["email"], password=SIGNUP["password1"])


@pytest.mark.django_db(transaction=True)
def test_the_link_activates_the_account_once_and_submits_the_company_for_approval(
    client: Any,
) -> None:
    client.post(reverse("accounts:signup"), SIGNUP)
    link = _verification_link()
    response = client.get(link)
    assert response.status_code == 302 and response["Location"] == reverse("accounts:login")
    assert Organization.objects.get(rfc=SIGNUP["rfc"]).status == "pending"
    assert client.login(email=SIGNUP["email"], password=SIGNUP["password1"])
    client.logout()
    assert client.get(link).status_code == 400  # a used link does not work again


@pytest.mark.django_db
def test_a_bad_rfc_and_a_taken_email_are_reported_on_their_fields(client: Any) -> None:
    User.objects.create_user(username="x", email=SIGNUP["email"], password="x-1234567890")
    response = client.post(reverse("accounts:signup"), {**SIGNUP, "rfc": "NOT-AN-RFC"})
    form = response.context["form"]
    assert "rfc" in form.errors and "email" in form.errors
    assert not Organization.objects.exists()


@pytest.mark.django_db
def test_a_tampered_verification_link_is_refused(client: Any) -> None:
    response = client.get(reverse("accounts:verify_email", args=["MQ", "bad-token"]))
    assert response.status_code == 400


@pytest.mark.django_db
def test_password_reset_mails_a_link_that_sets_a_new_password(client: Any, cast: Any) -> None:
    client.post(reverse("accounts:password_reset"), {"email": cast.supplier.email})
    link = re.search(r"https?://\S+/accounts/reset/\S+/", mail.outbox[-1].body).group(0)
    form_page = client.get(link, follow=True)
    new = "otra-clave-segura-2026"
    client.post(form_page.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    assert client.login(email=cast.supplier.email, password=new)


@pytest.mark.django_db
def test_an_operator_publishes_a_pending_supplier_and_a_rejection_needs_a_reason(
    client: Any, cast: Any
) -> None:
    client.force_login(cast.operator)
    url = reverse("registry:review_organization", args=[cast.pending_org.pk])
    client.post(url, {"decision": "reject", "reason": ""})
    cast.pending_org.refresh_from_db()
    assert cast.pending_org.status == "pending"
    client.post(url, {"decision": "approve"})
    cast.pending_org.refresh_from_db()
    assert cast.pending_org.status == "approved" and cast.pending_org.reviewed_by == cast.operator
