"""Two-factor authentication: enrolment, the code step of sign-in, backup codes, recovery."""

from __future__ import annotations

import time
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from eslabon.accounts import two_factor
from eslabon.accounts.middleware import ALWAYS_OPEN
from eslabon.accounts.models import SecurityEvent, SecurityEventKind

PASSWORD = "a-long-pass-phrase-2026"


def code_for(device: TOTPDevice, *, steps_ahead: int = 0) -> str:
    """The code the authenticator app shows now (or one 30-second step later)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return str(totp.token()).zfill(device.digits)


def enrolled(user: Any) -> tuple[TOTPDevice, list[str]]:
    enrolment = two_factor.confirm_enrolment(
        user=user, code=code_for(two_factor.pending_device(user)), ip_address="127.0.0.1"
    )
    return enrolment.device, enrolment.backup_codes


def sign_in_with_password(client: Any, user: Any) -> Any:
    user.set_password(PASSWORD)
    user.save()
    return client.post(reverse("accounts:login"), {"username": user.email, "password": PASSWORD})


def is_verified_session(client: Any) -> bool:
    return "otp_device_id" in client.session


@pytest.mark.django_db
def test_an_operator_enrols_with_the_qr_code_and_a_code_and_sees_ten_backup_codes_once(
    client: Any, cast: Any
) -> None:
    client.force_login(cast.operator)
    page = client.get(reverse("accounts:two_factor_enrol"))
    assert page.status_code == 200 and page["Cache-Control"].startswith("max-age=0")
    assert reverse("accounts:two_factor_qr") in page.content.decode()
    qr = client.get(reverse("accounts:two_factor_qr"))
    assert qr["Content-Type"] == "image/svg+xml" and "no-store" in qr["Cache-Control"]
    assert b'xmlns="http://www.w3.org/2000/svg"' in qr.content
    device = TOTPDevice.objects.get(user=cast.operator, confirmed=False)
    assert page.context["secret_key"].replace(" ", "") in device.config_url

    wrong = client.post(reverse("accounts:two_factor_enrol"), {"code": "000000"})
    assert wrong.status_code == 200 and wrong.context["form"].errors["code"]
    # Straight after a wrong code even the right one waits (django-otp's throttling).
    at_once = client.post(reverse("accounts:two_factor_enrol"), {"code": code_for(device)})
    assert at_once.context["form"].errors["code"]
    device.refresh_from_db()
    assert not device.confirmed and device.throttling_failure_count == 1
    device.throttling_failure_count = 0
    device.save()
    done = client.post(reverse("accounts:two_factor_enrol"), {"code": code_for(device)})

    assert len(done.context["codes"]) == 10
    cast.operator.refresh_from_db()
    assert cast.operator.two_factor_enabled and is_verified_session(client)
    assert StaticDevice.objects.get(user=cast.operator).token_set.count() == 10
    assert SecurityEvent.objects.filter(
        user=cast.operator, kind=SecurityEventKind.TWO_FACTOR_ENROLLED
    ).exists()
    # The codes are not shown again: the security page only says it is on.
    security = client.get(reverse("accounts:security")).content.decode()
    assert done.context["codes"][0] not in security
    assert client.get(reverse("accounts:two_factor_qr")).status_code == 404


@pytest.mark.django_db
def test_suppliers_cannot_enrol_unless_their_role_requires_it(
    client: Any, cast: Any, settings: Any
) -> None:
    client.force_login(cast.supplier)
    assert client.get(reverse("accounts:two_factor_enrol")).status_code == 403
    settings.ESLABON_REQUIRE_2FA_FOR = ["supplier"]
    assert client.get(reverse("accounts:two_factor_enrol")).status_code == 200


@pytest.mark.django_db
def test_a_buyer_without_a_device_signs_in_with_the_password_alone(client: Any, cast: Any) -> None:
    response = sign_in_with_password(client, cast.buyer)
    assert response.status_code == 302
    assert client.get(reverse("registry:directory")).status_code == 200


@pytest.mark.django_db
def test_a_buyer_with_a_device_reaches_nothing_until_the_code_is_entered(
    client: Any, cast: Any
) -> None:
    device, _ = enrolled(cast.buyer)
    sign_in_with_password(client, cast.buyer)
    directory = reverse("registry:directory")

    response = client.get(directory)
    assert response.status_code == 302
    assert (
        response["Location"]
        == reverse("accounts:two_factor_verify") + "?next=%2Fregistry%2Fdirectory%2F"
    )
    assert not is_verified_session(client)

    page = client.get(response["Location"])
    assert page.status_code == 200
    after = client.post(
        reverse("accounts:two_factor_verify"),
        {"code": code_for(device, steps_ahead=1), "next": directory},
    )
    assert after.status_code == 302 and after["Location"] == directory
    assert is_verified_session(client)
    assert client.get(directory).status_code == 200
    assert SecurityEvent.objects.filter(kind=SecurityEventKind.CODE_ACCEPTED).count() == 1


@pytest.mark.django_db
def test_wrong_codes_are_refused_audited_slowed_down_and_end_the_session_after_five(
    client: Any, cast: Any, settings: Any
) -> None:
    device, _ = enrolled(cast.buyer)
    sign_in_with_password(client, cast.buyer)
    url = reverse("accounts:two_factor_verify")

    wrong = client.post(url, {"code": "123456" if code_for(device) != "123456" else "654321"})
    assert wrong.status_code == 400 and not is_verified_session(client)
    # The device now refuses to check for a second, even the right code.
    throttled = client.post(url, {"code": code_for(device, steps_ahead=1)})
    assert throttled.status_code == 429 and not is_verified_session(client)

    settings.OTP_TOTP_THROTTLE_FACTOR = settings.OTP_STATIC_THROTTLE_FACTOR = 0
    for _ in range(2):
        assert client.post(url, {"code": "not-a-code"}).status_code == 400
    ended = client.post(url, {"code": "999999x"})  # the fifth wrong code of this sign-in
    assert ended.status_code == 429
    assert "_auth_user_id" not in client.session
    assert SecurityEvent.objects.filter(kind=SecurityEventKind.CODE_REJECTED).count() == 5


@pytest.mark.django_db
def test_a_backup_code_signs_in_once_only(client: Any, cast: Any) -> None:
    _, codes = enrolled(cast.operator)
    url = reverse("accounts:two_factor_verify")
    sign_in_with_password(client, cast.operator)
    assert client.post(url, {"code": codes[0].upper()}).status_code == 302
    assert is_verified_session(client)
    assert StaticDevice.objects.get(user=cast.operator).token_set.count() == 9

    client.logout()
    sign_in_with_password(client, cast.operator)
    assert client.post(url, {"code": codes[0]}).status_code == 400
    assert not is_verified_session(client)
    StaticDevice.objects.filter(user=cast.operator).update(throttling_failure_count=0)
    assert client.post(url, {"code": codes[1]}).status_code == 302
    assert SecurityEvent.objects.filter(kind=SecurityEventKind.BACKUP_CODE_USED).count() == 2


@pytest.mark.django_db
def test_turning_two_factor_off_needs_a_current_code(client: Any, cast: Any, settings: Any) -> None:
    settings.OTP_STATIC_THROTTLE_FACTOR = 0  # the right code straight after a wrong one
    _, codes = enrolled(cast.operator)
    client.force_login(cast.operator)
    client.post(reverse("accounts:two_factor_verify"), {"code": codes[0]})
    url = reverse("accounts:two_factor_disable")

    client.post(url, {"code": "000000x"})
    cast.operator.refresh_from_db()
    assert cast.operator.two_factor_enabled

    client.post(url, {"code": codes[1]})
    cast.operator.refresh_from_db()
    assert not cast.operator.two_factor_enabled
    assert not TOTPDevice.objects.filter(user=cast.operator).exists()
    assert not StaticDevice.objects.filter(user=cast.operator).exists()
    assert SecurityEvent.objects.filter(kind=SecurityEventKind.TWO_FACTOR_DISABLED).exists()


@pytest.mark.django_db
def test_new_backup_codes_replace_the_old_ones(client: Any, cast: Any) -> None:
    _, codes = enrolled(cast.operator)
    client.force_login(cast.operator)
    client.post(reverse("accounts:two_factor_verify"), {"code": codes[0]})
    response = client.post(reverse("accounts:two_factor_backup_codes"), {"code": codes[1]})
    fresh = response.context["codes"]
    assert len(fresh) == 10 and not set(fresh) & set(codes)
    tokens = set(
        StaticDevice.objects.get(user=cast.operator).token_set.values_list("token", flat=True)
    )
    assert tokens == set(fresh)


@pytest.mark.django_db
def test_a_mandatory_role_is_sent_to_enrolment_after_sign_in_and_cannot_turn_it_off(
    client: Any, cast: Any, settings: Any
) -> None:
    settings.ESLABON_REQUIRE_2FA_FOR = ["operator", "admin"]
    sign_in_with_password(client, cast.operator)
    response = client.get(reverse("registry:directory"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:two_factor_enrol"))
    assert client.get(reverse("api-schema")).status_code == 403
    page = client.get(response["Location"])
    assert page.status_code == 200 and page.context["required"]

    device = TOTPDevice.objects.get(user=cast.operator)
    client.post(reverse("accounts:two_factor_enrol"), {"code": code_for(device)})
    assert client.get(reverse("registry:directory")).status_code == 200
    client.post(reverse("accounts:two_factor_disable"), {"code": code_for(device, steps_ahead=1)})
    cast.operator.refresh_from_db()
    assert cast.operator.two_factor_enabled

    # Buyers are not in the list: their sign-in is unchanged.
    client.logout()
    sign_in_with_password(client, cast.buyer)
    assert client.get(reverse("registry:directory")).status_code == 200


def _every_url(
    resolver: URLResolver = None, prefix: str = "", namespace: str = ""
) -> list[tuple[str, str]]:  # type: ignore[assignment]
    """(view name, a concrete path) for every route of the project, with sample arguments."""
    samples = {
        "int": "1",
        "str": "x",
        "slug": "x",
        "path": "x",
        "uuid": "00000000-0000-0000-0000-000000000000",
    }
    resolver = resolver or get_resolver()
    found: list[tuple[str, str]] = []
    for entry in resolver.url_patterns:
        route = str(entry.pattern)
        for name, converter in entry.pattern.converters.items():
            kind = type(converter).__name__.replace("Converter", "").lower()
            route = route.replace(f"<{kind}:{name}>", samples.get(kind, "1")).replace(
                f"<{name}>", "x"
            )
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            found += _every_url(entry, prefix + route, inner)
        elif (
            isinstance(entry, URLPattern) and entry.name and "(?P" not in route and "^" not in route
        ):
            found.append((namespace + entry.name, "/" + prefix + route))
    return found


ROUTES = _every_url()


def test_the_route_list_covers_the_apps_the_admin_and_the_api() -> None:
    names = {name for name, _ in ROUTES}
    assert {"registry:directory", "admin:index", "api-schema", "hub:requirement_list"} <= names
    assert len(ROUTES) > 100


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "path"), ROUTES, ids=[name for name, _ in ROUTES])
def test_every_route_denies_a_signed_in_session_without_its_code(
    client: Any, cast: Any, name: str, path: str
) -> None:
    enrolled(cast.operator)
    client.force_login(cast.operator)
    for method in (client.get, client.post):
        response = method(path)
        if name in ALWAYS_OPEN:
            continue
        if path.startswith("/api/"):
            assert response.status_code == 403, (name, path)
        else:
            assert response.status_code == 302, (name, path, response.status_code)
            assert response["Location"].startswith(reverse("accounts:two_factor_verify"))


@pytest.mark.django_db
def test_the_admin_asks_for_the_code_and_an_administrator_resets_a_lost_phone(
    client: Any, cast: Any, django_user_model: Any
) -> None:
    admin_user = django_user_model.objects.create_superuser(
        username="root", email="root@example.mx", password=PASSWORD
    )
    _, codes = enrolled(admin_user)
    client.force_login(admin_user)
    assert client.get(reverse("admin:index"))["Location"].startswith(
        reverse("accounts:two_factor_verify")
    )
    client.post(reverse("accounts:two_factor_verify"), {"code": codes[0]})
    changelist = client.get(reverse("admin:accounts_user_changelist"))
    assert changelist.status_code == 200 and "two_factor_enabled" in changelist.content.decode()

    enrolled(cast.buyer)
    client.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "reset_two_factor", "_selected_action": [cast.buyer.pk]},
    )
    cast.buyer.refresh_from_db()
    assert not cast.buyer.two_factor_enabled
    assert not TOTPDevice.objects.filter(user=cast.buyer).exists()
    reset = SecurityEvent.objects.get(user=cast.buyer, kind=SecurityEventKind.TWO_FACTOR_RESET)
    assert reset.actor == admin_user
    # Secrets are not browsable in the admin.
    assert client.get("/admin/otp_totp/totpdevice/").status_code == 404


@pytest.mark.django_db
def test_an_htmx_request_without_the_code_is_redirected_by_htmx(client: Any, cast: Any) -> None:
    enrolled(cast.buyer)
    client.force_login(cast.buyer)
    response = client.get(reverse("registry:directory"), headers={"HX-Request": "true"})
    assert response.status_code == 204
    assert response["HX-Redirect"].startswith(reverse("accounts:two_factor_verify"))


def test_a_misspelt_role_in_the_mandatory_setting_stops_the_checks(settings: Any) -> None:
    settings.ESLABON_REQUIRE_2FA_FOR = ["operators", "admin"]
    errors = two_factor.check_required_roles()
    assert [error.id for error in errors] == ["eslabon.E2FA"] and "operators" in errors[0].msg
    settings.ESLABON_REQUIRE_2FA_FOR = ["operator", " admin"]
    assert two_factor.check_required_roles() == []
