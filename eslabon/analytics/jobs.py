"""Background job "analytics-report": the programme report PDF made by a worker.

Rendering every dashboard through WeasyPrint takes seconds at a national programme's size, so
the pages offer it as a job: the user's page answers at once, the job's page shows progress and
then the download (``jobs:file``, to the user who asked only). The report is built for the user
who asked, with their scope and suppression, in the language they were using.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.utils import translation

from eslabon.analytics import exports, permissions
from eslabon.analytics.report import REPORT_JOB, filter_form, report_pdf
from eslabon.domain.errors import InputError
from eslabon.jobs.services import ProgressCallback, job_kind, store_file


@job_kind(REPORT_JOB)
def make_report(params: dict[str, Any], progress: ProgressCallback) -> dict[str, Any]:
    user = get_user_model().objects.get(pk=params["user_id"])
    if not permissions.can_view_analytics(user):
        raise InputError("user_id", "this user may no longer see analytics")
    scope = permissions.scope_of(user)
    with translation.override(params.get("language") or None):
        form = filter_form(scope, params.get("query") or {})
        if not form.is_valid():
            raise InputError("query", form.errors.as_text())
        progress(10, "rendering")
        content = report_pdf(scope, form, params["base_url"])
    return {
        "file": store_file(content, suffix=".pdf"),
        "filename": "informe-analitica.pdf",
        "content_type": exports.PDF,
        "bytes": len(content),
    }
