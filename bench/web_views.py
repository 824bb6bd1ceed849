"""Benchmark: server time and query count of each main web view, on the demo data set.

Run by hand (never a timed test), on PostgreSQL as the load test runs it:

    createdb -h 127.0.0.1 -U postgres perf_bench    # once
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/perf_bench \\
        PYTHONPATH=. python bench/web_views.py [--runs 20] [--only matching] [--profile NAME]

The first run migrates the database and loads the demo (``eslabon demo --no-serve``); later
runs reuse it. Each view is requested through Django's test client as the demo user who uses
it in bench/locustfile.py, after two warm-up requests; the figure is the median of ``--runs``
requests (wall clock, and CPU time of this process: the database's time is not in it), with
the number of SQL queries of the last one. ``--profile NAME`` prints a
cProfile of that view (sorted by cumulative time) instead of the table.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import statistics
import time
from dataclasses import dataclass
from typing import Any

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "eslabon.settings")


@dataclass(frozen=True)
class View:
    name: str
    user: str
    url: str


BUYER = "comprador@eslabon.demo"
SUPPLIER = "proveedor@eslabon.demo"
OFFICER = "operador@eslabon.demo"


def _views() -> list[View]:
    from eslabon.events.models import Event
    from eslabon.hub.choices import RequirementStatus
    from eslabon.hub.models import Requirement
    from eslabon.hub.permissions import supplier_organization
    from eslabon.readiness.models import Assessment

    supplier = supplier_organization(_user(SUPPLIER))
    published = (
        Requirement.objects.filter(status=RequirementStatus.PUBLISHED).order_by("pk").first()
    )
    evaluated = (
        Requirement.objects.filter(status=RequirementStatus.UNDER_EVALUATION).order_by("pk").first()
    )
    assessment = Assessment.objects.filter(organization=supplier).order_by("pk").first()
    event = Event.objects.order_by("pk").first()
    assert published and evaluated and assessment and event and supplier, "demo data missing"
    return [
        View("directory (all)", BUYER, "/registry/directory/"),
        View("directory search", BUYER, "/registry/directory/?q=maquinados"),
        View("organisation detail", BUYER, f"/registry/organizations/{supplier.pk}/"),
        View("requirement list (buyer)", BUYER, "/hub/"),
        View("requirement list (supplier)", SUPPLIER, "/hub/"),
        View("requirement view (buyer)", BUYER, f"/hub/{published.pk}/"),
        View("requirement view (supplier)", SUPPLIER, f"/hub/{published.pk}/"),
        View("quote drafting (form)", SUPPLIER, f"/hub/{published.pk}/quote/"),
        View("comparison", BUYER, f"/hub/{evaluated.pk}/comparison/"),
        View("matching page", BUYER, f"/matching/requirements/{published.pk}/"),
        View("supplier opportunities", SUPPLIER, "/matching/for-me/"),
        View("readiness assessments", OFFICER, "/readiness/"),
        View("readiness result", SUPPLIER, f"/readiness/assessments/{assessment.pk}/result/"),
        View("readiness programme report", OFFICER, "/readiness/programme/"),
        View("events list", OFFICER, "/events/"),
        View("event detail", OFFICER, f"/events/{event.pk}/"),
        View("event requests", OFFICER, f"/events/{event.pk}/requests/"),
        View("programmes list", OFFICER, "/programmes/"),
        View("discovery candidates", OFFICER, "/discovery/candidates/"),
    ]


def _user(email: str) -> Any:
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(email=email)


def _prepare() -> None:
    from eslabon.cli import django_setup

    django_setup.migrate()
    from django.contrib.auth import get_user_model

    if not get_user_model().objects.filter(email=BUYER).exists():
        import argparse as _argparse

        from eslabon.cli.web import run_demo

        run_demo(_argparse.Namespace(port=0, no_serve=True))


def _client(email: str) -> Any:
    from django.test import Client

    client = Client()
    client.force_login(_user(email))
    return client


def measure(view: View, runs: int) -> tuple[float, float, int, int]:
    """Median milliseconds of ``runs`` requests (wall clock, and this process's CPU time, which
    a busy machine disturbs much less), the query count, and the response size."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = _client(view.user)
    for _ in range(2):
        response = client.get(view.url)
        assert response.status_code == 200, (view, response.status_code)
    times, cpu = [], []
    for _ in range(runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        response = client.get(view.url)
        times.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(view.url)
    return statistics.median(times), statistics.median(cpu), len(queries), len(response.content)


def profile(view: View, runs: int) -> None:
    client = _client(view.user)
    client.get(view.url)
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(runs):
        client.get(view.url)
    profiler.disable()
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(45)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--only", default="", help="only the views whose name contains this")
    parser.add_argument("--profile", default="", help="profile the view with this exact name")
    args = parser.parse_args()
    _prepare()
    from django.conf import settings

    views = _views()
    if args.profile:
        profile(next(v for v in views if v.name == args.profile), args.runs)
        return
    print(f"database {settings.DATABASES['default']['NAME']}, load {os.getloadavg()}")
    print(f"{'view':32} {'median ms':>10} {'CPU ms':>8} {'queries':>8} {'KiB':>6}")
    for view in views:
        if args.only not in view.name:
            continue
        median, cpu, queries, size = measure(view, args.runs)
        print(f"{view.name:32} {median:10.1f} {cpu:8.1f} {queries:8d} {size / 1024:6.0f}")
    print(f"load {os.getloadavg()}")


if __name__ == "__main__":
    main()
