"""The RFC check character, checked against RFCs that SAT itself publishes."""

from __future__ import annotations

import pytest

from eslabon.domain.registry.rfc_check import rfc_check_character


@pytest.mark.parametrize(
    "rfc",
    [
        "SAT970701NN3",  # Servicio de Administración Tributaria, on its own invoices
        "GODE561231GR8",  # the individual in SAT's worked example
    ],
)
def test_the_check_character_of_published_rfcs_is_reproduced(rfc: str) -> None:
    assert rfc_check_character(rfc[:-1]) == rfc[-1]


def test_a_base_that_is_not_an_rfc_is_refused() -> None:
    with pytest.raises(ValueError, match="not an RFC base"):
        rfc_check_character("AB-12")
