"""Writes of the discovery app: importing a DENUE file, loading the shipped SCIAN map,
recording outreach to establishments and storing uploaded DENUE files.

Each service is one transaction; a DENUE import that fails leaves nothing of itself behind
except its ImportRun record, marked failed with the reason.
"""

from __future__ import annotations

from collections.abc import Collection
from functools import partial
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext

from eslabon.data import scian_map
from eslabon.discovery.copy_load import Progress, StageRequest
from eslabon.discovery.models import (
    Establishment,
    ImportRun,
    Outreach,
    OutreachEvent,
    ScianProcessRule,
)
from eslabon.discovery.staging import Staging, staging_for
from eslabon.domain.discovery.denue import ReadReport
from eslabon.domain.discovery.encoding import detect_encoding
from eslabon.domain.discovery.outreach import ALLOWED, OutreachStatus, check_transition
from eslabon.domain.errors import InputError
from eslabon.jobs.services import copy_upload

SAMPLE_BYTES = 1 << 20  # 1 MiB of the file decides its encoding
PROGRESS_EVERY = 100_000


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
        with transaction.atomic():
            staging = staging_for(connection)
            report = staging.stage(
                StageRequest(
                    path, run.encoding, path.name, wanted, skip_bad_rows, progress, PROGRESS_EVERY
                )
            )
            _merge(run, staging, report, progress)
    except BaseException as error:
        run.status = ImportRun.Status.FAILED
        run.error = str(error) or type(error).__name__
        run.finished_at = timezone.now()
        run.save(update_fields=["status", "error", "finished_at", "encoding"])
        raise
    if progress:
        progress("updating table statistics")
    # After the commit: the import stands even if this fails.
    staging_for(connection).tidy(rewrote=run.changed + run.unchanged + run.vanished > 0)
    return run


def _merge(run: ImportRun, staging: Staging, report: ReadReport, progress: Progress | None) -> None:
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


def invite(
    *,
    clees: Collection[str],
    operator: Any,
    notes: str = "",
    send_email: bool = True,
    signup_url: str = "",
) -> list[Outreach]:
    """Record an invitation to register for each establishment, e-mailing those with an address.

    An establishment already invited gets a new event in its history (and status invited again
    where the rules allow it); one already registered or converted is left as it is. E-mails
    go out after the commit, so a rolled-back invitation sends nothing.
    """
    now = timezone.now()
    invited = []
    with transaction.atomic():
        establishments = Establishment.objects.filter(clee__in=list(clees)).order_by("clee")
        for establishment in establishments.select_for_update():
            outreach, created = Outreach.objects.get_or_create(
                establishment=establishment,
                defaults={"operator": operator, "invited_at": now, "status_changed_at": now},
            )
            current = OutreachStatus(outreach.status)
            if not created and OutreachStatus.INVITED not in ALLOWED[current]:
                continue
            address = _email_address(establishment.email) if send_email else ""
            outreach.status = Outreach.Status.INVITED
            outreach.operator = operator
            outreach.status_changed_at = now
            if notes:
                outreach.notes = f"{outreach.notes}\n{notes}".strip()
            if address:
                outreach.last_email_to, outreach.last_email_at = address, now
                transaction.on_commit(
                    partial(_send_invitation, establishment.name, address, signup_url),
                    robust=True,
                )
            outreach.save()
            OutreachEvent.objects.create(
                outreach=outreach, status=Outreach.Status.INVITED, actor=operator, at=now,
                note=notes, emailed_to=address,
            )  # fmt: skip
            invited.append(outreach)
    return invited


@transaction.atomic
def set_outreach_status(*, outreach: Outreach, status: str, actor: Any, note: str = "") -> Outreach:
    """Move an outreach to ``status`` if the rules allow it (domain/discovery/outreach.py)."""
    locked = Outreach.objects.select_for_update().get(pk=outreach.pk)
    check_transition(OutreachStatus(locked.status), OutreachStatus(status))
    locked.status = status
    locked.status_changed_at = timezone.now()
    if note:
        locked.notes = f"{locked.notes}\n{note}".strip()
    locked.save(update_fields=["status", "status_changed_at", "notes"])
    OutreachEvent.objects.create(
        outreach=locked, status=status, actor=actor, at=locked.status_changed_at, note=note
    )
    return locked


def _email_address(value: str) -> str:
    """DENUE's correoelec, if it is one usable address (it is free text in the directory)."""
    address = value.strip().lower()
    try:
        validate_email(address)
    except ValidationError:
        return ""
    return address


def _send_invitation(name: str, address: str, signup_url: str) -> None:
    subject = gettext("Invitation to join the Eslabón supplier network")
    body = gettext(
        "Dear %(name)s,\n\n"
        "The supplier development programme invites you to register your company in Eslabón, "
        "where automotive buyers look for suppliers of processes such as yours.\n\n"
        "Register here: %(url)s\n"
    ) % {"name": name, "url": signup_url}
    send_mail(subject, body, None, [address])


def denue_upload_dir() -> Path:
    """Where uploaded DENUE files wait for their import: under the data folder, never served."""
    return Path(settings.DATA_DIR) / "denue-uploads"


def store_denue_upload(*, upload: Any, max_bytes: int) -> Path:
    """Copy an uploaded file, chunk by chunk, to the upload folder; refuse one too large."""
    if upload.size > max_bytes:
        raise InputError(
            "file", f"the file has {upload.size:,} bytes; the limit is {max_bytes:,} bytes"
        )
    return copy_upload(upload, folder=denue_upload_dir(), suffix=".csv")
