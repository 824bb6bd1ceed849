"""The parallel load of a large DENUE file (ADR 0804): where the file is cut, that the parts
store what one connection stores, that lines are counted across parts, and that the parts'
tables never outlive the import. The import cases run on both databases; on PostgreSQL they
also check that the file really went in parts."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eslabon.discovery import copy_parallel
from eslabon.discovery.models import Establishment, ImportRun
from eslabon.discovery.services import import_denue
from eslabon.discovery.tests.parts import force_parts
from eslabon.domain.discovery.tests.denue_files import denue_file, denue_row
from eslabon.domain.errors import InputError

SAMPLE = Path(__file__).resolve().parents[3] / "tests" / "data" / "denue_sample.csv"
PIECES = ["a", "Ñ", '"', ",", "\n", "\r\n", " ", "1"]  # "\r\n" inside a field too
FIELD = st.lists(st.sampled_from(PIECES), max_size=8).map("".join)


def _parse(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode(), newline="")))


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    rows=st.lists(st.lists(FIELD, min_size=3, max_size=3), min_size=1, max_size=30),
    parts=st.integers(min_value=2, max_value=5),
)
def test_the_file_is_cut_only_where_a_record_begins(
    tmp_path: Path, rows: list[list[str]], parts: int
) -> None:
    buffer = io.StringIO()
    csv.writer(buffer, quoting=csv.QUOTE_ALL, lineterminator="\r\n").writerows(rows)
    body = buffer.getvalue().encode()
    path = tmp_path / "cut.csv"
    path.write_bytes(b"HEADER\r\n" + body)
    ranges = copy_parallel.record_ranges(path, 8, len(body) + 8, parts)
    assert ranges[0][0] == 8 and ranges[-1][1] == len(body) + 8
    assert all(high == low for (_, high), (low, _) in pairwise(ranges))
    pieces = [path.read_bytes()[low:high] for low, high in ranges]
    assert [row for piece in pieces for row in _parse(piece)] == rows


@pytest.fixture
def parts_seen(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Cut every file into three parts; returns how many parts each parallel load had."""
    force_parts(monkeypatch, 3)
    seen: list[int] = []
    original = copy_parallel._load_parts

    def spy(parts: list[Any], *args: Any) -> None:
        seen.append(len(parts))
        original(parts, *args)

    monkeypatch.setattr(copy_parallel, "_load_parts", spy)
    return seen


def _part_tables() -> set[str]:
    """The parts' tables in the database (a test inside a transaction leaves its own:
    the import's DROP is rolled back with the test)."""
    if connection.vendor != "postgresql":
        return set()
    with connection.cursor() as cursor:
        cursor.execute("SELECT relname FROM pg_class WHERE relname LIKE 'denue_part%'")
        return {name for (name,) in cursor.fetchall()}


@pytest.fixture
def no_part_tables_left() -> Iterator[None]:
    """Fail the test if the import leaves a part's table behind."""
    before = _part_tables()
    yield
    assert _part_tables() == before


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("no_part_tables_left")
def test_parts_store_what_one_connection_stores(parts_seen: list[int]) -> None:
    run = import_denue(path=SAMPLE)
    in_parts = {e["clee"]: e for e in Establishment.objects.values().order_by("clee")}
    Establishment.objects.all().delete()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(copy_parallel, "PARALLEL_MIN_BYTES", 1 << 40)
        one = import_denue(path=SAMPLE)
    fields = [f for f in next(iter(in_parts.values())) if f not in ("id",) and "run" not in f]
    serial = {e["clee"]: e for e in Establishment.objects.values().order_by("clee")}
    assert run.added == one.added == 400
    assert (run.bad_rows, run.repaired_lines) == (one.bad_rows, one.repaired_lines)
    assert {k: [v[f] for f in fields] for k, v in in_parts.items()} == {
        k: [v[f] for f in fields] for k, v in serial.items()
    }
    if connection.vendor == "postgresql":
        assert parts_seen == [3]


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("no_part_tables_left")
def test_a_bad_row_in_the_last_part_is_reported_at_its_physical_line(
    tmp_path: Path, parts_seen: list[int]
) -> None:
    rows = [denue_row(clee=f"M{n}", nom_vial="AV.\r\nCONSTITUCION\nSUR") for n in range(20)]
    rows += [denue_row(clee=f"K{n}") for n in range(20)]
    rows.append(denue_row(clee="X", codigo_act="33271A"))  # after 20 rows of 3 lines, 20 of 1
    path = tmp_path / "bad.csv"
    path.write_bytes(denue_file(rows))
    with pytest.raises(InputError) as caught:
        import_denue(path=path)
    assert caught.value.where == "bad.csv line 82"
    assert not Establishment.objects.exists()
    assert ImportRun.objects.get().status == ImportRun.Status.FAILED
    if connection.vendor == "postgresql":
        assert parts_seen == [3]


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("no_part_tables_left")
def test_skipped_bad_rows_of_every_part_keep_their_lines(
    tmp_path: Path, parts_seen: list[int]
) -> None:
    rows = [denue_row(clee=f"R{n}") for n in range(60)]
    for line in (5, 31, 58):  # one in each part
        rows[line - 2] = denue_row(clee=f"BAD{line}", latitud="norte")
    path = tmp_path / "skip.csv"
    path.write_bytes(denue_file(rows))
    run = import_denue(path=path, skip_bad_rows=True)
    assert [line for line, _ in run.bad_row_sample] == [5, 31, 58]
    assert run.added == 57


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("no_part_tables_left")
def test_a_short_row_in_one_part_sends_the_whole_file_to_the_python_reader(
    tmp_path: Path, parts_seen: list[int]
) -> None:
    rows = [denue_row(clee=f"S{n}") for n in range(30)]
    rows[20] = rows[20][:10]
    path = tmp_path / "short.csv"
    path.write_bytes(denue_file(rows))
    messages: list[str] = []
    with pytest.raises(InputError) as caught:
        import_denue(path=path, progress=messages.append)
    assert caught.value.where == "short.csv line 22"
    if connection.vendor == "postgresql":
        assert parts_seen == [3]
        assert any("re-reading" in message for message in messages)


@pytest.mark.django_db
def test_progress_adds_up_the_rows_of_all_parts(
    monkeypatch: pytest.MonkeyPatch, parts_seen: list[int]
) -> None:
    monkeypatch.setattr("eslabon.discovery.services.PROGRESS_EVERY", 100)
    messages: list[str] = []
    import_denue(path=SAMPLE, progress=messages.append)
    assert [m for m in messages if m.endswith("00 rows read")] == [
        "100 rows read", "200 rows read", "300 rows read", "400 rows read",
    ]  # fmt: skip
