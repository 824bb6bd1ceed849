"""Authorization matrix of every analytics view and export: role × URL.

Operators and members of published organisations get the dashboards (in their own scope);
anonymous users are sent to sign in; users of no organisation or of one awaiting approval
are refused. The rows are generated from the registered dashboards and their panels, so a
dashboard added later is covered; a new URL without a row fails the last test.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import get_resolver, reverse

from eslabon.analytics import panels
from eslabon.analytics.filters import Filters
from eslabon.analytics.permissions import scope_of
from eslabon.jobs.models import Job

ROLES = ("anonymous", "stranger", "pending", "supplier", "other_supplier", "buyer", "operator")
EXPECTED = {
    "anonymous": "login",
    "stranger": "forbidden",
    "pending": "forbidden",
    "supplier": "ok",
    "other_supplier": "ok",
    "buyer": "ok",
    "operator": "ok",
}
COVERED_NAMES = {"index", "dashboard", "report", "report_job"}


def _urls(operator: Any) -> list[str]:
    urls = [reverse("analytics:index"), reverse("analytics:report")]
    for board in panels.dashboards():
        page = reverse("analytics:dashboard", args=[board.slug])
        urls += [page, f"{page}?format=xlsx"]
        for panel in board.build(scope_of(operator), Filters()):
            urls += [
                f"{page}?format=csv&panel={panel.key}",
                f"{page}?format=xlsx&panel={panel.key}",
            ]
    return urls


def _user(role: str, cast: Any, stranger: Any) -> Any:
    if role == "anonymous":
        return None
    if role == "stranger":
        return stranger
    if role == "pending":
        return cast.pending_supplier
    return getattr(cast, role)


def _outcome(response: Any) -> str:
    if response.status_code == 302 and "/accounts/login/" in response["Location"]:
        return "login"
    return {200: "ok", 403: "forbidden", 404: "missing"}.get(
        response.status_code, str(response.status_code)
    )


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_every_analytics_url_answers_each_role_as_the_matrix_says(
    role: str, cast: Any, stranger: Any, world: Any
) -> None:
    client = Client()
    user = _user(role, cast, stranger)
    if user is not None:
        client.force_login(user)
    outcomes = {url: _outcome(client.get(url)) for url in _urls(cast.operator)}
    assert outcomes == dict.fromkeys(outcomes, EXPECTED[role])


def test_every_analytics_url_is_in_the_matrix() -> None:
    resolver = get_resolver()
    (analytics,) = [p for p in resolver.url_patterns if getattr(p, "namespace", "") == "analytics"]
    names = {pattern.name for pattern in analytics.url_patterns}
    assert names == COVERED_NAMES


@pytest.mark.django_db
def test_an_unknown_dashboard_panel_or_format_is_not_found(cast: Any, client: Client) -> None:
    client.force_login(cast.operator)
    assert client.get("/analytics/no-such-dashboard/").status_code == 404
    assert client.get("/analytics/funnel/?format=csv&panel=nothing").status_code == 404
    assert client.get("/analytics/funnel/?format=csv").status_code == 404
    assert client.get("/analytics/funnel/?format=docx").status_code == 404


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("role", ROLES)
def test_the_background_report_answers_each_role_and_only_its_owner_downloads_it(
    role: str, cast: Any, stranger: Any, settings: Any, tmp_path: Any
) -> None:
    settings.DATA_DIR = tmp_path
    client = Client()
    user = _user(role, cast, stranger)
    if user is not None:
        client.force_login(user)
    response = client.post(reverse("analytics:report_job"))
    if EXPECTED[role] != "ok":
        assert _outcome(response) == EXPECTED[role]
        assert not Job.objects.exists()
        return
    job = Job.objects.get(kind="analytics-report")
    assert response.status_code == 302 and response["Location"] == reverse(
        "jobs:detail", args=[job.pk]
    )
    assert job.status == "succeeded", job.error
    assert job.created_by == user
    page = client.get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert reverse("jobs:file", args=[job.pk]) in page
    download = client.get(reverse("jobs:file", args=[job.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content)[:4] == b"%PDF"
    other = Client()
    other.force_login(stranger if user != stranger else cast.operator)
    assert other.get(reverse("jobs:file", args=[job.pk])).status_code == 404
