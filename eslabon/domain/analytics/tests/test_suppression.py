from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eslabon.domain.analytics.suppression import is_disclosive


def test_one_or_two_other_companies_are_hidden_at_the_default_threshold() -> None:
    assert is_disclosive(1)
    assert is_disclosive(2)


def test_three_or_more_companies_are_shown() -> None:
    assert not is_disclosive(3)
    assert not is_disclosive(40)


def test_a_cell_of_only_the_viewers_own_records_is_shown() -> None:
    assert not is_disclosive(0)


def test_the_threshold_is_configurable() -> None:
    assert is_disclosive(4, min_cell=5)
    assert not is_disclosive(2, min_cell=2)
    assert not is_disclosive(1, min_cell=1)


def test_nonsense_thresholds_and_counts_are_refused() -> None:
    with pytest.raises(ValueError, match="min_cell"):
        is_disclosive(1, min_cell=0)
    with pytest.raises(ValueError, match="-1"):
        is_disclosive(-1)


@given(st.integers(min_value=0, max_value=500), st.integers(min_value=1, max_value=50))
def test_hidden_exactly_between_one_and_the_threshold(others: int, min_cell: int) -> None:
    assert is_disclosive(others, min_cell) == (1 <= others < min_cell)
