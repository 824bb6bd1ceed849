"""Authorization matrix of every registry and account view: role × owner × action.

Each row names a view, the record it acts on (owned by the supplier under test, by another
supplier, or pending approval) and the outcome expected for every role. A new view without
a row here fails `test_every_registry_url_is_in_the_matrix`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.urls import get_resolver, reverse

ROLES = ("anonymous", "stranger", "pending", "supplier", "other_supplier", "buyer", "operator")

OK, LOGIN, FORBIDDEN, MISSING, REDIRECT = "ok", "login", "forbidden", "missing", "redirect"


@dataclass(frozen=True)
class Row:
    name: str
    url: Callable[[Any], str]
    method: str
    expected: dict[str, str]
    data: Callable[[Any], dict[str, Any]] | None = None


def _everyone(outcome: str, **overrides: str) -> dict[str, str]:
    return {role: overrides.get(role, outcome) for role in ROLES}


def _members_only(**overrides: str) -> dict[str, str]:
    """Logged-in view: anonymous users are sent to the login page."""
    return _everyone(OK, anonymous=LOGIN, **overrides)


OWNER_EDIT = _members_only(
    stranger=MISSING, pending=MISSING, other_supplier=FORBIDDEN, buyer=FORBIDDEN
)
OWNER_WRITE = _members_only(
    stranger=MISSING, pending=MISSING, other_supplier=FORBIDDEN, buyer=FORBIDDEN,
    supplier=REDIRECT, operator=REDIRECT,
)  # fmt: skip
OPERATORS_ONLY = _everyone(FORBIDDEN, anonymous=LOGIN, operator=OK)


def _url(name: str, *attrs: str) -> Callable[[Any], str]:
    def build(cast: Any) -> str:
        args = [_resolve(cast, attr) for attr in attrs]
        return reverse(name, args=args)

    return build


def _resolve(cast: Any, attr: str) -> Any:
    if attr.startswith("="):
        return attr[1:]
    value = cast
    for part in attr.split("."):
        value = getattr(value, part)
    return value


MATRIX = [
    Row("home", _url("home"), "get", _everyone(OK)),
    Row("login", _url("accounts:login"), "get", _everyone(OK)),
    Row("signup", _url("accounts:signup"), "get", _everyone(REDIRECT, anonymous=OK)),
    Row("password reset", _url("accounts:password_reset"), "get", _everyone(OK)),
    # Two-factor (docs/security.md): operators and buyers may enrol; the code step sends a
    # person without a device on; disabling and new backup codes need a code (none: back).
    Row("security page", _url("accounts:security"), "get", _members_only()),
    Row(
        "two-factor enrolment",
        _url("accounts:two_factor_enrol"),
        "get",
        _everyone(FORBIDDEN, anonymous=LOGIN, buyer=OK, operator=OK),
    ),
    Row(
        "two-factor QR code",
        _url("accounts:two_factor_qr"),
        "get",
        _everyone(MISSING, anonymous=LOGIN),  # only an enrolment in progress has one
    ),
    Row(
        "two-factor code step",
        _url("accounts:two_factor_verify"),
        "get",
        _everyone(REDIRECT, anonymous=LOGIN),
    ),
    Row(
        "two-factor off",
        _url("accounts:two_factor_disable"),
        "post",
        _everyone(REDIRECT, anonymous=LOGIN),
    ),
    Row(
        "new backup codes",
        _url("accounts:two_factor_backup_codes"),
        "post",
        _everyone(REDIRECT, anonymous=LOGIN),
    ),
    Row(
        "directory",
        _url("registry:directory"),
        "get",
        _members_only(stranger=FORBIDDEN, pending=FORBIDDEN),
    ),
    Row(
        "my organisations",
        _url("registry:my_organizations"),
        "get",
        _members_only(
            pending=REDIRECT,
            supplier=REDIRECT,
            other_supplier=REDIRECT,
            buyer=REDIRECT,
            operator=REDIRECT,
        ),
    ),
    Row(
        "published profile",
        _url("registry:organization_detail", "supplier_org.pk"),
        "get",
        _members_only(stranger=MISSING, pending=MISSING),
    ),
    Row(
        "unpublished profile",
        _url("registry:organization_detail", "pending_org.pk"),
        "get",
        _members_only(stranger=MISSING, supplier=MISSING, other_supplier=MISSING, buyer=MISSING),
    ),
    Row("edit profile", _url("registry:organization_edit", "supplier_org.pk"), "get", OWNER_EDIT),
    Row(
        "new site form",
        _url("registry:record_create", "supplier_org.pk", "=sites"),
        "get",
        OWNER_EDIT,
    ),
    Row(
        "edit capability form",
        _url("registry:record_edit", "supplier_org.pk", "=capabilities", "capability.pk"),
        "get",
        OWNER_EDIT,
    ),
    Row(
        "edit certification form",
        _url("registry:record_edit", "supplier_org.pk", "=certifications", "certification.pk"),
        "get",
        OWNER_EDIT,
    ),
    Row(
        "new contact form",
        _url("registry:record_create", "supplier_org.pk", "=contacts"),
        "get",
        OWNER_EDIT,
    ),
    Row(
        "save capability",
        _url("registry:record_edit", "supplier_org.pk", "=capabilities", "capability.pk"),
        "post",
        OWNER_WRITE,
        data=lambda cast: {
            "site": cast.site.pk,
            "process": cast.capability.process.pk,
            "annual_capacity": 120000,
            "utilisation": "0.5",
        },
    ),
    Row(
        "delete site",
        _url("registry:record_delete", "supplier_org.pk", "=sites", "site.pk"),
        "post",
        OWNER_WRITE,
    ),
    Row(
        "another supplier's capability through my organisation",
        _url("registry:record_edit", "supplier_org.pk", "=capabilities", "other_capability.pk"),
        "get",
        _members_only(
            stranger=MISSING,
            pending=MISSING,
            supplier=MISSING,
            other_supplier=FORBIDDEN,
            buyer=FORBIDDEN,
            operator=MISSING,
        ),
    ),
    Row(
        "certificate file",
        _url("registry:certificate_file", "certification.pk"),
        "get",
        _members_only(stranger=MISSING, pending=MISSING),
    ),
    Row("review queue", _url("registry:review_queue"), "get", OPERATORS_ONLY),
    Row(
        "review decision",
        _url("registry:review_organization", "pending_org.pk"),
        "post",
        _everyone(FORBIDDEN, anonymous=LOGIN, operator=REDIRECT),
        data=lambda cast: {"decision": "approve"},
    ),
    Row("export", lambda cast: reverse("registry:export") + "?fmt=xlsx", "get", _members_only()),
    Row(
        "import form",
        _url("registry:import"),
        "get",
        _members_only(stranger=FORBIDDEN, buyer=FORBIDDEN),
    ),
]


def _user_for(cast: Any, stranger: Any, role: str) -> Any:
    return {
        "anonymous": None,
        "stranger": stranger,
        "pending": cast.pending_supplier,
        "supplier": cast.supplier,
        "other_supplier": cast.other_supplier,
        "buyer": cast.buyer,
        "operator": cast.operator,
    }[role]


def _outcome(response: Any) -> str:
    if response.status_code in (200, 201):
        return OK
    if response.status_code == 302:
        return LOGIN if "/accounts/login/" in response["Location"] else REDIRECT
    return {403: FORBIDDEN, 404: MISSING}.get(response.status_code, str(response.status_code))


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("row", MATRIX, ids=[row.name for row in MATRIX])
def test_each_role_gets_exactly_the_access_the_matrix_grants(
    client: Any, cast: Any, stranger: Any, row: Row, role: str, settings: Any, tmp_path: Any
) -> None:
    settings.MEDIA_ROOT = tmp_path
    cast.certification.certificate_file.save("cert.pdf", ContentFile(b"%PDF-1.7 test"))
    user = _user_for(cast, stranger, role)
    if user is not None:
        client.force_login(user)
    url = row.url(cast)
    data = row.data(cast) if row.data else {}
    response = client.post(url, data) if row.method == "post" else client.get(url)
    assert _outcome(response) == row.expected[role], f"{row.name} as {role}: {response.status_code}"


def test_every_registry_and_account_url_is_in_the_matrix() -> None:
    covered = {
        "home", "accounts:login", "accounts:signup", "accounts:password_reset",
        "accounts:security", "accounts:two_factor_enrol", "accounts:two_factor_qr",
        "accounts:two_factor_verify", "accounts:two_factor_disable",
        "accounts:two_factor_backup_codes",
        "registry:directory", "registry:my_organizations", "registry:organization_detail",
        "registry:organization_edit", "registry:record_create", "registry:record_edit",
        "registry:record_delete", "registry:certificate_file", "registry:review_queue",
        "registry:review_organization", "registry:export", "registry:import",
    }  # fmt: skip
    # Token links are covered by tests of their own (test_accounts.py).
    token_views = {
        "accounts:logout", "accounts:verify_email", "accounts:password_reset_done",
        "accounts:password_reset_confirm", "accounts:password_reset_complete",
    }  # fmt: skip
    resolver = get_resolver()
    names = set()
    for namespace in ("registry", "accounts"):
        sub = resolver.namespace_dict[namespace][1]
        names |= {f"{namespace}:{name}" for name in sub.reverse_dict if isinstance(name, str)}
    assert names <= covered | token_views, names - covered - token_views
