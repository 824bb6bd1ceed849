"""Background job "denue-import": an uploaded DENUE file imported by the discovery service.

The upload view stores the file under the data folder and enqueues this job with its path;
the job reports rows read as progress and returns the import's counts.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from eslabon.discovery import services
from eslabon.domain.errors import InputError
from eslabon.jobs.services import ProgressCallback, job_kind

DENUE_IMPORT = "denue-import"


@job_kind(DENUE_IMPORT)
def import_uploaded_denue(params: dict[str, Any], progress: ProgressCallback) -> dict[str, Any]:
    path = Path(params["path"]).resolve()
    if services.denue_upload_dir().resolve() not in path.parents:
        raise InputError("path", "the job may only import files from the upload folder")
    if not path.exists():
        raise InputError("path", "the uploaded file is no longer there")
    size = path.stat().st_size
    with path.open("rb") as handle:
        sample = handle.read(services.SAMPLE_BYTES)

    def report(message: str) -> None:
        progress(estimated_percent(message, sample, size), message)

    progress(1, "reading")
    run = services.import_denue(
        path=path,
        states=params.get("states") or (),
        skip_bad_rows=bool(params.get("skip_bad_rows")),
        edition=params.get("edition") or params.get("original_name", ""),
        progress=report,
    )
    path.unlink()  # imported: the establishments table holds it now
    return {
        "import_run": run.pk,
        "edition": run.edition,
        "encoding": run.encoding,
        "rows_read": run.rows_read,
        "rows_of_other_states": run.rows_filtered_out,
        "bad_rows_skipped": run.bad_rows,
        "added": run.added,
        "changed": run.changed,
        "unchanged": run.unchanged,
        "vanished": run.vanished,
    }


_ROWS_READ = re.compile(r"^([\d,]+) rows read")


def estimated_percent(message: str, sample: bytes, size: int) -> int:
    """A progress figure from the import's messages: rows read against the rows the file
    should hold at the sample's bytes per line (reading is most of the time), then merging."""
    if "merging" in message:
        return 90
    if "statistics" in message:
        return 97
    found = _ROWS_READ.match(message)
    lines = sample.count(b"\n")
    if found is None or lines == 0:
        return 5
    expected_rows = size * lines / len(sample)
    return min(85, 5 + int(80 * int(found.group(1).replace(",", "")) / expected_rows))
