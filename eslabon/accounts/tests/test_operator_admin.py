"""Programme officers use the Django admin for registry data, never for sealed quotes."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from eslabon.accounts.services import grant_programme_officer_admin


@pytest.mark.django_db
def test_a_programme_officer_edits_organisations_in_the_admin_but_no_one_else_gets_in(
    client: Any, cast: Any
) -> None:
    grant_programme_officer_admin(user=cast.operator)
    client.force_login(cast.operator)
    assert client.get(reverse("admin:registry_organization_changelist")).status_code == 200
    assert client.get(reverse("admin:accounts_user_changelist")).status_code == 403
    client.force_login(cast.buyer)
    assert client.get(reverse("admin:registry_organization_changelist")).status_code == 302
