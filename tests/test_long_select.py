"""The long select writes the same HTML as Django's Select, without a template per option."""

from __future__ import annotations

import pytest
from django import forms
from django.test.html import parse_html

from eslabon.rendering import LongSelect

CHOICES = [("", "---"), ("1", "Fundición A & B"), ("2", "<Lince>")]


class _Plain(forms.Form):
    supplier = forms.ChoiceField(choices=CHOICES)


class _Long(forms.Form):
    supplier = forms.ChoiceField(choices=CHOICES, widget=LongSelect)


@pytest.mark.parametrize("data", [None, {"supplier": "2"}, {"supplier": "9"}])
def test_the_html_is_the_same_as_djangos_select(data: dict[str, str] | None) -> None:
    plain, long = str(_Plain(data)["supplier"]), str(_Long(data)["supplier"])
    assert parse_html(long) == parse_html(plain)
    assert "&lt;Lince&gt;" in long and "A &amp; B" in long
