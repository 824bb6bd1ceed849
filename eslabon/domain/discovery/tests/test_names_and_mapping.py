"""Name normalisation, the registered-supplier matcher on its labelled sets, the SCIAN map."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eslabon.data import scian_map, taxonomy
from eslabon.domain.discovery.names import name_tokens, normalise_name
from eslabon.domain.discovery.registered import NamedSite, match_registered
from eslabon.domain.discovery.scian import parse_rules
from eslabon.domain.errors import InputError

DATA = Path(__file__).resolve().parents[4] / "tests" / "data"


@pytest.mark.parametrize(
    ("name", "normalised"),
    [
        ("Forjas Metálicas del Norte, S.A. de C.V.", "forjas metalicas del norte"),
        ("MAQUINADOS GARZA S. DE R.L. DE C.V.", "maquinados garza"),
        ("Plásticos Técnicos SAPI de CV", "plasticos tecnicos"),
        ("Ñandú Industrial, S.A.P.I. de C.V.", "nandu industrial"),
        ("Grupo Estrella S.A.B. de C.V.", "grupo estrella"),
        ("Moldes & Troqueles SC", "moldes y troqueles"),
        ("Ingeniería Sociedad Anónima de Capital Variable", "ingenieria"),
        ('Taller "El Güero"', "taller el guero"),
        ("SA", "sa"),
    ],
)
def test_names_lose_legal_suffix_accents_punctuation_and_case(name: str, normalised: str) -> None:
    assert normalise_name(name) == normalised


def test_spellings_that_sound_alike_share_their_word_keys() -> None:
    assert name_tokens("Mecanizados Losano") == name_tokens("MECANIZADOS LOZANO")
    assert name_tokens("Villareal") == name_tokens("Villarreal")
    assert name_tokens("Suárez") != name_tokens("Juárez")


@given(st.text(max_size=30))
def test_normalising_twice_changes_nothing(name: str) -> None:
    assert normalise_name(normalise_name(name)) == normalise_name(name)


def _site(name: str, legal: str, code: str, lat: str, lon: str) -> NamedSite:
    names = tuple(n for n in (name, legal) if n)
    return NamedSite(names, code, float(lat) if lat else None, float(lon) if lon else None)


def _precision_recall(file_name: str) -> tuple[float, float]:
    with (DATA / file_name).open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    # Each labelled pair is decided on its own: one establishment, one registered site.
    tp = fp = fn = 0
    for row in rows:
        establishment = _site(
            row["denue_name"], row["denue_legal_name"], row["denue_postal_code"],
            row["denue_lat"], row["denue_lon"],
        )  # fmt: skip
        supplier = _site(
            row["supplier_name"], "", row["supplier_postal_code"],
            row["supplier_lat"], row["supplier_lon"],
        )  # fmt: skip
        said_same = match_registered([establishment], [supplier])[0] is not None
        same = row["same"] == "1"
        tp += said_same and same
        fp += said_same and not same
        fn += same and not said_same
    return tp / (tp + fp), tp / (tp + fn)


def test_the_matcher_keeps_its_measured_precision_and_recall_on_the_development_set() -> None:
    precision, recall = _precision_recall("discovery_name_pairs.csv")
    assert precision >= 0.95
    assert recall >= 0.95


def test_the_matcher_keeps_its_measured_precision_and_recall_on_the_held_out_set() -> None:
    precision, recall = _precision_recall("discovery_name_pairs_holdout.csv")
    assert precision >= 0.9
    assert recall >= 0.9


def test_a_match_says_why() -> None:
    match = match_registered(
        [NamedSite(("FORJAS DEL NORTE",), "66600", 25.78, -100.19)],
        [
            NamedSite.registered("Otra Empresa"),
            NamedSite.registered("Forjas del Norte SA de CV", "66600"),
        ],
    )[0]
    assert match is not None
    assert match.registered_index == 1
    assert "same postal code" in match.reason


def test_the_same_name_far_away_is_another_site() -> None:
    found = match_registered(
        [NamedSite(("FORJAS DEL NORTE",), "66600", 25.78, -100.19)],
        [NamedSite.registered("Forjas del Norte", "25000", 25.42, -100.99)],
    )
    assert found == [None]


def test_the_shipped_scian_map_names_only_processes_of_the_taxonomy() -> None:
    mapping = scian_map.shipped()
    assert {rule.process for rule in mapping.rules} <= taxonomy.processes().slugs
    assert len(mapping.rules) > 100


def test_the_longest_prefix_decides_a_codes_confidence() -> None:
    mapping = scian_map.shipped()
    fit = mapping.confidence("331520", "casting", taxonomy.processes())
    assert fit is not None
    assert fit.rule.prefix == "331520"
    assert fit.confidence == 0.9
    unknown_foundry = mapping.confidence("331590", "casting", taxonomy.processes())
    assert unknown_foundry is not None
    assert unknown_foundry.rule.prefix == "3315"


def test_asking_for_a_parent_process_finds_codes_mapped_to_its_children() -> None:
    prefixes = {
        rule.prefix for rule in scian_map.shipped().rules_for("casting", taxonomy.processes())
    }
    assert {"331510", "331520", "3315"} <= prefixes
    assert "332710" not in prefixes


def test_a_mapping_row_with_an_unknown_process_is_refused_with_its_row() -> None:
    rows = [
        {"scian": "332710", "process": "cnc-machining", "confidence": "0.9"},
        {"scian": "332710", "process": "laser-magic", "confidence": "0.9"},
    ]
    with pytest.raises(InputError) as caught:
        parse_rules(rows, taxonomy.processes().slugs, "map.csv")
    assert caught.value.where == 'map.csv row 3, column "process"'


def test_a_mapping_confidence_outside_zero_to_one_is_refused() -> None:
    with pytest.raises(InputError, match="0-1"):
        parse_rules(
            [{"scian": "3315", "process": "casting", "confidence": "1.5"}],
            taxonomy.processes().slugs,
            "m",
        )
