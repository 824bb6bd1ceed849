"""Spanish (es-MX) is the default language; English is one switch away."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse


@pytest.mark.django_db
def test_pages_are_in_spanish_by_default(client: Any) -> None:
    body = client.get(reverse("home")).content.decode()
    assert "Registre su empresa" in body and 'lang="es-mx"' in body


@pytest.mark.django_db
def test_the_language_switch_turns_the_interface_to_english(client: Any) -> None:
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    body = client.get(reverse("home")).content.decode()
    assert "Register your company" in body and 'lang="en"' in body
