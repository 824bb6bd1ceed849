"""Background job "registry-import": a large registry file imported outside the request.

A file above ``ESLABON_IMPORT_INLINE_BYTES`` is copied under the data folder (never served) and
imported by a worker, so the page answers at once and shows the job's progress; smaller files
are imported in the request, with their row errors on the page. Either way the import is one
transaction (tabular.import_registry): a bad row fails the job with every problem named by
file, sheet, row and column, and nothing of the file is written.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model

from eslabon.domain.errors import InputError
from eslabon.jobs.services import ProgressCallback, copy_upload, job_kind
from eslabon.registry import tabular

REGISTRY_IMPORT = "registry-import"


def upload_dir() -> Path:
    return Path(settings.DATA_DIR) / "registry-uploads"


def store_upload(upload: Any) -> Path:
    """Copy an uploaded file where the job will read it, keeping its extension (CSV or Excel)."""
    return copy_upload(upload, folder=upload_dir(), suffix=Path(upload.name).suffix.lower()[:6])


@job_kind(REGISTRY_IMPORT)
def import_uploaded_registry(params: dict[str, Any], progress: ProgressCallback) -> dict[str, Any]:
    path = Path(params["path"]).resolve()
    if upload_dir().resolve() not in path.parents:
        raise InputError("path", "the job may only import files from the upload folder")
    if not path.exists():
        raise InputError("path", "the uploaded file is no longer there")
    user = get_user_model().objects.get(pk=params["user_id"])
    progress(10, "importing")
    try:
        report = tabular.import_registry(
            user=user, filename=params["original_name"], content=path.read_bytes(),
            kind=params.get("kind") or None,
        )  # fmt: skip
    finally:
        path.unlink(missing_ok=True)  # imported or refused: the file is not kept
    return {"file": params["original_name"], "summary": str(report)}
