"""`eslabon demo` and `eslabon serve`: run the web application.

The demo creates the embedded SQLite database in the data folder, migrates it, loads the
reproducible demo data set once, prints the URL and the demo logins, and serves with
gunicorn (the same server production uses, WhiteNoise serving the static files).
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

DEFAULT_PORT = 8000


def register(subparsers: Any) -> None:
    demo = subparsers.add_parser("demo", help="load the demo data set and serve the application")
    demo.add_argument("--port", type=int, default=DEFAULT_PORT)
    demo.add_argument(
        "--no-serve", action="store_true", help="prepare the database and data, then exit"
    )
    demo.set_defaults(handler=run_demo)

    serve = subparsers.add_parser("serve", help="serve the application on the configured database")
    serve.add_argument("--port", type=int, default=DEFAULT_PORT)
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--workers", type=int, default=2)
    serve.set_defaults(handler=run_serve)


def run_demo(args: argparse.Namespace) -> int:
    from eslabon.cli import django_setup

    django_setup.migrate()
    from django.conf import settings

    from eslabon.declarations.demo import load_declarations_demo
    from eslabon.events.demo import load_events_demo
    from eslabon.hub.demo import load_hub_demo
    from eslabon.origin.demo import load_origin_demo
    from eslabon.readiness.demo import load_readiness_demo
    from eslabon.registry.demo import load_demo

    summary = load_demo()
    readiness = load_readiness_demo()
    hub = load_hub_demo()
    events = load_events_demo()
    declarations = load_declarations_demo()
    origin = load_origin_demo()
    url = f"http://127.0.0.1:{args.port}/"
    print(f"Eslabón demo — database: {settings.DATABASES['default']['NAME']}")
    print(summary.describe())
    print(readiness.describe())
    if hub:
        states = ", ".join(f"{count} {state}" for state, count in sorted(hub.items()))
        print(f"Supply Hub: demo requirements in every state ({states}).")
    if events:
        print(
            f"Business-meetings event: {events['participants']} participants, "
            f"{events['requests']} requests, {events['meetings']} meetings scheduled "
            f"({events['status']}, weight {events['scheduled_weight']} "
            f"of at most {events['bound']}); {events['held']} held, with feedback."
        )
    if declarations:
        print(
            "Origin declarations: "
            + ", ".join(f"{count} {status}" for status, count in sorted(declarations.items()))
            + " (valid, expiring soon, expired and revoked)."
        )
    if origin:
        print(
            f"Origin workspace: {origin['goods']} goods ({origin['lines']} BOM lines), "
            f"{origin['offers']} local offers, {origin['scenarios']} scenarios."
        )
    print(f"\nOpen {url}")
    sys.stdout.flush()
    if args.no_serve:
        return 0
    return _gunicorn(host="127.0.0.1", port=args.port, workers=2)


def run_serve(args: argparse.Namespace) -> int:
    return _gunicorn(host=args.host, port=args.port, workers=args.workers)


def _gunicorn(*, host: str, port: int, workers: int) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "eslabon.settings")
    command = [
        sys.executable, "-m", "gunicorn", "eslabon.wsgi:application",
        "--bind", f"{host}:{port}", "--workers", str(workers), "--threads", "4",
        # Keep idle connections 20 s: with the default 2 s a CPU-starved worker closed
        # connections under load before reading the next request (docs/reliability.md).
        "--keep-alive", "20", "--access-logfile", "-",
    ]  # fmt: skip
    os.execv(sys.executable, command)  # noqa: S606 - replaces this process with the server
    return 0  # pragma: no cover - execv does not return
