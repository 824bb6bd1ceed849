"""The DENUE reader: published columns, encodings, quotes, empty coordinates, bad rows."""

from __future__ import annotations

import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eslabon.domain.discovery.denue import DenueReader
from eslabon.domain.discovery.encoding import CP1252, UTF8, detect_encoding, repair_mojibake
from eslabon.domain.discovery.strata import SizeClass, Stratum, parse_per_ocu, size_class
from eslabon.domain.discovery.tests.denue_files import denue_file, denue_row
from eslabon.domain.errors import InputError


def read(data: bytes, **options: object) -> tuple[list, DenueReader]:  # type: ignore[type-arg]
    reader = DenueReader(io.BytesIO(data), encoding=detect_encoding(data), **options)  # type: ignore[arg-type]
    return list(reader), reader


def test_a_windows_1252_file_is_detected_and_its_accents_read() -> None:
    data = denue_file([denue_row(nom_estab="FUNDICIÓN PEÑA")], CP1252)
    assert detect_encoding(data) == CP1252
    records, _ = read(data)
    assert records[0].name == "FUNDICIÓN PEÑA"
    assert records[0].state_name == "NUEVO LEÓN"


def test_a_utf8_file_is_detected_and_read_as_utf8() -> None:
    data = denue_file([denue_row(nom_estab="FUNDICIÓN PEÑA")], UTF8)
    assert detect_encoding(data) == UTF8
    records, _ = read(data)
    assert records[0].name == "FUNDICIÓN PEÑA"


def test_a_utf8_sample_cut_inside_a_character_is_still_utf8() -> None:
    data = "NUEVO LEÓN".encode()
    assert detect_encoding(data[:-1] + "Ó".encode()[:1]) == UTF8


def test_a_cp1252_line_inside_a_utf8_file_is_decoded_and_counted() -> None:
    good = denue_file([denue_row(nom_estab="PEÑA UNO")], UTF8)
    stray = denue_file([denue_row(nom_estab="PEÑA DOS", clee="X2")], CP1252).split(b"\r\n", 1)[1]
    assert detect_encoding(good) == UTF8  # the sample the import looks at
    reader = DenueReader(io.BytesIO(good + stray), encoding=UTF8)
    assert [record.name for record in reader] == ["PEÑA UNO", "PEÑA DOS"]
    assert reader.report.decoding.foreign_sequences == 2  # the Ñ of PEÑA and the Ó of LEÓN


def test_double_encoded_accents_are_repaired() -> None:
    damaged = "FUNDICIÓN PEÑA".encode().decode(CP1252)
    assert damaged == "FUNDICIÃ“N PEÃ‘A"
    assert repair_mojibake(damaged) == "FUNDICIÓN PEÑA"
    records, reader = read(denue_file([denue_row(nom_estab=damaged)], UTF8))
    assert records[0].name == "FUNDICIÓN PEÑA"
    assert reader.report.decoding.repaired_lines == 1


def test_quotes_inside_a_quoted_name_are_kept() -> None:
    records, _ = read(denue_file([denue_row(nom_estab='TALLER "EL GÜERO", S.A.')]))
    assert records[0].name == 'TALLER "EL GÜERO", S.A.'


def test_fields_are_trimmed_and_codes_regain_their_leading_zeros() -> None:
    row = denue_row(nom_estab="  FORJAS  ", cve_ent="5", cve_mun="30", cod_postal="6459 ")
    record = read(denue_file([row]))[0][0]
    assert (record.name, record.state_code, record.municipality_code) == ("FORJAS", "05", "030")
    assert record.postal_code == "06459"


def test_empty_coordinates_become_none_and_zero_zero_too() -> None:
    records, _ = read(
        denue_file([denue_row(latitud="", longitud=""), denue_row(latitud="0", longitud="0")])
    )
    assert [(r.lat, r.lon) for r in records] == [(None, None), (None, None)]


def test_a_malformed_row_stops_the_reader_with_its_line_number() -> None:
    data = denue_file([denue_row(), denue_row(codigo_act="33271X"), denue_row()])
    with pytest.raises(InputError) as caught:
        read(data, source="nl.csv")
    assert caught.value.where == "nl.csv line 3"
    assert "33271X" in caught.value.message


def test_skip_bad_rows_reports_each_bad_row_and_keeps_the_others() -> None:
    short = denue_row()[:-3]
    data = denue_file([denue_row(), denue_row(latitud="norte"), short, denue_row(per_ocu="muchas")])
    records, reader = read(data, skip_bad_rows=True)
    assert len(records) == 1
    assert [bad.line for bad in reader.report.bad_rows] == [3, 4, 5]
    assert reader.report.bad_row_count == 3


def test_line_numbers_count_physical_lines_of_multi_line_fields() -> None:
    data = denue_file([denue_row(nom_estab="DOS\nLINEAS"), denue_row(codigo_act="")])
    with pytest.raises(InputError) as caught:
        read(data)
    assert caught.value.where.endswith("line 4")


def test_a_file_without_the_published_columns_is_refused_at_line_one() -> None:
    with pytest.raises(InputError, match="missing columns"):
        read(b"a,b,c\n1,2,3\n")


def test_the_state_filter_keeps_only_the_states_asked_for() -> None:
    data = denue_file([denue_row(cve_ent="19"), denue_row(cve_ent="05", clee="C2")])
    records, reader = read(data, states=frozenset({"05"}))
    assert [r.clee for r in records] == ["C2"]
    assert reader.report.filtered_out == 1


@pytest.mark.parametrize(
    ("text", "stratum"),
    [
        ("0 a 5 personas", Stratum.P0_5),
        ("11 a 30 personas", Stratum.P11_30),
        ("251 y más personas", Stratum.P251_MORE),
        ("251 y mÃ¡s personas", Stratum.P251_MORE),
    ],
)
def test_per_ocu_strata_are_parsed(text: str, stratum: Stratum) -> None:
    assert parse_per_ocu(text) == stratum


def test_a_stratum_with_wrong_bounds_is_refused() -> None:
    with pytest.raises(InputError):
        parse_per_ocu("11 a 50 personas")


def test_strata_fall_into_the_dof_2009_industry_size_classes() -> None:
    assert size_class(Stratum.P6_10) is SizeClass.MICRO
    assert size_class(Stratum.P31_50) is SizeClass.SMALL
    assert size_class(Stratum.P101_250) is SizeClass.MEDIUM
    assert size_class(Stratum.P251_MORE) is SizeClass.LARGE


@given(st.sampled_from(list(Stratum)))
def test_every_stratum_label_parses_back_to_itself(stratum: Stratum) -> None:
    assert parse_per_ocu(stratum.label) == stratum


@given(st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=0xFF), max_size=40))
def test_any_latin_name_survives_a_cp1252_or_utf8_round_trip(name: str) -> None:
    name = name.strip()
    if any(0x80 <= ord(char) < 0xA0 for char in name) or "Ã" in name or "Â" in name:
        return  # C1 controls and literal mojibake lead characters are not names
    for encoding in (UTF8, CP1252):
        records, _ = read(denue_file([denue_row(nom_estab=name)], encoding))
        assert records[0].name == name.strip()


def test_a_utf8_byte_order_mark_is_not_part_of_the_first_column_name() -> None:
    data = b"\xef\xbb\xbf" + denue_file([denue_row()], UTF8)
    assert detect_encoding(data) == UTF8
    records, _ = read(data)
    assert records[0].clee == "19039332710000011000000000U1"
