"""The navigation offers analytics only to those the views let in (permissions.py)."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse


@pytest.mark.django_db
def test_the_analytics_link_shows_only_to_those_who_may_open_it(client: Any, cast: Any) -> None:
    link = f'href="{reverse("analytics:index")}"'
    viewers = ((cast.pending_supplier, False), (cast.supplier, True), (cast.operator, True))
    for user, shown in viewers:
        client.force_login(user)
        page = client.get(reverse("registry:directory"), follow=True)
        assert (link in page.content.decode()) is shown, user
        client.logout()
