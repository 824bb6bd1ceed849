"""The engine's English explanations reach a Spanish reader in Spanish (pages and export)."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from django.utils import translation

from eslabon.domain.origin import rvc as engine_rvc
from eslabon.domain.origin.check import TraceStep
from eslabon.origin import explanations
from eslabon.origin.tests.factories import example_good


def test_every_material_reason_of_the_engine_has_a_translation() -> None:
    reasons = [
        engine_rvc.REASON_ORIGINATING, engine_rvc.REASON_ROLLED_UP,
        engine_rvc.REASON_SELF_PRODUCED, engine_rvc.REASON_NON_ORIGINATING,
        engine_rvc.UNKNOWN_COUNTED_AS_NON_ORIGINATING,
    ]  # fmt: skip
    with translation.override("es-mx"):
        shown = [explanations.reason(text) for text in reasons]
    assert all(a != b for a, b in zip(shown, reasons, strict=True)), shown


def test_trace_steps_are_translated_and_unknown_text_is_kept() -> None:
    threshold = TraceStep("threshold", "NC 75% / TV not allowed", "in force from 2023-07-01: UR")
    with translation.override("es-mx"):
        assert explanations.figure(threshold) == "Umbral"
        assert explanations.value(threshold, threshold.value) == "CN 75% / VT no permitido"
        assert explanations.rule(threshold) == "vigente desde 2023-07-01: UR"
        assert explanations.value(TraceStep("qualifies", "false", ""), "false") == "no"
        unknown = TraceStep("lvc", "1", "a rule the table does not know")
        assert explanations.rule(unknown) == "a rule the table does not know"


@pytest.mark.django_db
def test_the_good_page_explains_in_spanish(client: Any, cast: Any) -> None:
    good = example_good(cast.buyer_org, cast.buyer)
    client.force_login(cast.buyer)
    page = client.get(reverse("origin:good_detail", args=[good.pk]), HTTP_ACCEPT_LANGUAGE="es-mx")
    text = page.content.decode()
    assert "no originario: valor completo (RU s.8(1))" in text
    assert "non-originating: full value" not in text
