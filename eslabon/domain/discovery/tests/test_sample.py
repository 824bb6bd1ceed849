"""The DENUE sample generator and the committed sample files it made."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from eslabon.data import denue_sample
from eslabon.domain.discovery.denue import DENUE_COLUMNS, DenueReader
from eslabon.domain.discovery.encoding import CP1252, detect_encoding
from eslabon.domain.discovery.sample import DenueSampler, Problems

DATA = Path(__file__).resolve().parents[4] / "tests" / "data"
STATES = {"05", "11", "14", "19", "22"}


def sampler(seed: int = 1, problems: Problems | None = None) -> DenueSampler:
    return DenueSampler(
        denue_sample.places(), denue_sample.activities(), seed=seed, problems=problems
    )


def test_the_same_seed_gives_the_same_rows() -> None:
    assert list(sampler(5).rows(50)) == list(sampler(5).rows(50))
    assert list(sampler(5).rows(50)) != list(sampler(6).rows(50))


def test_generated_rows_have_all_columns_and_only_the_five_states() -> None:
    rows = list(sampler().rows(500))
    assert {len(row) for row in rows} == {len(DENUE_COLUMNS)}
    assert {row[DENUE_COLUMNS.index("cve_ent")] for row in rows} == STATES


def test_the_committed_sample_is_cp1252_and_carries_every_valid_problem() -> None:
    path = DATA / "denue_sample.csv"
    data = path.read_bytes()
    assert detect_encoding(data[:65536]) == CP1252
    with path.open("rb") as handle:
        reader = DenueReader(handle, encoding=CP1252)
        records = list(reader)
    assert len(records) == 400
    assert any(record.lat is None for record in records)
    assert any('"' in record.name for record in records)
    assert reader.report.decoding.repaired_lines > 0
    assert len({record.clee for record in records}) == 400


def test_the_bad_rows_sample_has_rows_the_reader_refuses() -> None:
    path = DATA / "denue_sample_bad_rows.csv"
    with path.open("rb") as handle:
        reader = DenueReader(
            handle, encoding=detect_encoding(path.read_bytes()), skip_bad_rows=True
        )
        list(reader)
    assert reader.report.bad_row_count == 2


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 2**32), st.sampled_from(["cp1252", "utf-8"]))
def test_every_generated_row_reads_back_with_its_key_activity_and_place(
    seed: int, encoding: str
) -> None:
    rows = list(sampler(seed, Problems(missing_coordinates=0.3, quoted_name=0.3)).rows(30))
    buffer = io.StringIO()
    csv.writer(buffer, quoting=csv.QUOTE_ALL).writerows([list(DENUE_COLUMNS), *rows])
    records = list(DenueReader(io.BytesIO(buffer.getvalue().encode(encoding)), encoding=encoding))
    column = DENUE_COLUMNS.index
    assert [r.clee for r in records] == [row[column("clee")] for row in rows]
    assert [r.name for r in records] == [row[column("nom_estab")] for row in rows]
    assert [r.scian_code for r in records] == [row[column("codigo_act")] for row in rows]
    assert [r.municipality_name for r in records] == [row[column("municipio")] for row in rows]
    assert [r.lat is None for r in records] == [row[column("latitud")] == "" for row in rows]
