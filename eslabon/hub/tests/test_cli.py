"""The `eslabon hub` jobs, run through the command-line entry point."""

from __future__ import annotations

import json
from typing import Any

import pytest

from eslabon.cli.main import main
from eslabon.hub.models import Requirement
from eslabon.hub.tests.conftest import pass_due_time

pytestmark = pytest.mark.django_db


def test_close_due_closes_and_reports_as_json(rfq: Any, capsys: Any) -> None:
    pass_due_time(rfq.requirement)
    assert main(["hub", "close-due", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {"closed": 1}
    assert Requirement.objects.get(pk=rfq.requirement.pk).unsealed_at is not None


def test_the_digest_job_reports_how_many_it_sent(rfq: Any, capsys: Any) -> None:
    assert main(["hub", "digest", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {"sent": 2}
