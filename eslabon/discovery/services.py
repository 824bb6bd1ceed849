"""Writes of the discovery app: importing a DENUE file, loading the shipped SCIAN map.

Each service is one transaction; a DENUE import that fails leaves nothing of itself behind
except its ImportRun record, marked failed with the reason.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator
from pathlib import Path

from django.db import connection, transaction
from django.utils import timezone

from eslabon.data import scian_map
from eslabon.discovery.models import ImportRun, ScianProcessRule
from eslabon.discovery.staging import staging_for
from eslabon.domain.discovery.denue import DenueReader, DenueRecord
from eslabon.domain.discovery.encoding import detect_encoding
from eslabon.domain.errors import InputError

SAMPLE_BYTES = 1 << 20  # 1 MiB of the file decides its encoding
PROGRESS_EVERY = 100_000

Progress = Callable[[str], None]


def import_denue(
    *,
    path: Path,
    states: Collection[str] = (),
    skip_bad_rows: bool = False,
    edition: str = "",
    progress: Progress | None = None,
) -> ImportRun:
    """Import one DENUE bulk file into the establishments table, streaming.

    Rows go to a staging table (COPY on PostgreSQL, batched inserts on SQLite), then one merge
    adds new establishments, updates known ones and marks vanished ones, all in one
    transaction. A malformed row raises ``InputError`` with its line and nothing is kept,
    unless ``skip_bad_rows``.
    """
    wanted = _state_codes(states)
    run = ImportRun.objects.create(
        source=str(path), edition=edition or path.stem, states=",".join(sorted(wanted))
    )
    try:
        with path.open("rb") as handle:
            run.encoding = detect_encoding(handle.read(SAMPLE_BYTES))
            handle.seek(0)
            reader = DenueReader(
                handle,
                encoding=run.encoding,
                source=path.name,
                states=frozenset(wanted) or None,
                skip_bad_rows=skip_bad_rows,
            )
            with transaction.atomic():
                _load_and_merge(run, reader, progress)
    except BaseException as error:
        run.status = ImportRun.Status.FAILED
        run.error = str(error) or type(error).__name__
        run.finished_at = timezone.now()
        run.save(update_fields=["status", "error", "finished_at", "encoding"])
        raise
    if progress:
        progress("updating table statistics")
    staging_for(connection).tidy()  # after the commit: the import stands even if this fails
    return run


def _load_and_merge(run: ImportRun, reader: DenueReader, progress: Progress | None) -> None:
    staging = staging_for(connection)
    staging.create()
    staging.load(_reported(reader, progress))
    report = reader.report
    if progress:
        progress(f"{report.accepted:,} rows staged; merging")
    run.duplicates = staging.merge_all(run.pk, run.edition)
    run.vanished = staging.mark_vanished(run.pk)
    staging.drop()
    run.added, touched, seen = staging.seen_counts(run.pk)
    run.changed = touched - run.added
    run.unchanged = seen - touched
    run.rows_read = report.rows
    run.rows_filtered_out = report.filtered_out
    run.bad_rows = report.bad_row_count
    run.bad_row_sample = [[bad.line, bad.message] for bad in report.bad_rows[:100]]
    run.repaired_lines = report.decoding.repaired_lines + report.decoding.foreign_sequences
    run.status = ImportRun.Status.COMPLETED
    run.finished_at = timezone.now()
    run.save()


def _reported(records: Iterable[DenueRecord], progress: Progress | None) -> Iterator[DenueRecord]:
    if progress is None:
        yield from records
        return
    for count, record in enumerate(records, start=1):
        if count % PROGRESS_EVERY == 0:
            progress(f"{count:,} rows read")
        yield record


def _state_codes(states: Collection[str]) -> set[str]:
    codes = set()
    for state in states:
        code = state.strip().zfill(2)
        if not code.isdigit() or len(code) != 2 or not 1 <= int(code) <= 32:
            raise InputError("--state", f"{state!r} is not an INEGI state code (01-32)")
        codes.add(code)
    return codes


@transaction.atomic
def load_shipped_scian_rules(*, replace: bool = False) -> int:
    """Copy eslabon/data/scian_processes.csv into the editable table.

    Without ``replace`` operators' edits are kept and only missing rules are added; with it
    the table is reset to the shipped one. Returns the number of rules written.
    """
    if replace:
        ScianProcessRule.objects.all().delete()
    existing = set(ScianProcessRule.objects.values_list("scian_prefix", "process"))
    new = [
        ScianProcessRule(**fields)
        for fields in scian_map.shipped_fields()
        if (fields["scian_prefix"], fields["process"]) not in existing
    ]
    ScianProcessRule.objects.bulk_create(new)
    return len(new)
