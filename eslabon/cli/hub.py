"""`eslabon hub …`: the Supply Hub's scheduled jobs and its demo data, for cron or a queue.

`close-due` closes requirements past their due time and unseals their quotes (the pages do
it on read as well); `digest` sends the daily digest; `demo` loads hub demo data on the
organisations already registered.
"""

from __future__ import annotations

import argparse
import json
from typing import Any


def register(subparsers: Any) -> None:
    hub = subparsers.add_parser("hub", help="Supply Hub jobs: close-due, digest, demo")
    commands = hub.add_subparsers(dest="hub_command", required=True, metavar="JOB")
    close_due = commands.add_parser("close-due", help="close requirements past their due time")
    close_due.set_defaults(handler=run_close_due)
    digest = commands.add_parser("digest", help="send the daily digest to suppliers")
    digest.set_defaults(handler=run_digest)
    demo = commands.add_parser("demo", help="load hub demo data (one requirement per state)")
    demo.set_defaults(handler=run_demo)
    for parser in (close_due, digest, demo):
        parser.add_argument("--json", action="store_true", help="print one JSON document")


def _print(args: argparse.Namespace, data: dict[str, Any], text: str) -> None:
    print(json.dumps(data) if args.json else text)


def run_close_due(args: argparse.Namespace) -> int:
    from eslabon.cli import django_setup

    django_setup.setup()
    from eslabon.hub.quoting import close_due_requirements

    closed = close_due_requirements()
    _print(args, {"closed": closed}, f"{closed} requirements closed and unsealed")
    return 0


def run_digest(args: argparse.Namespace) -> int:
    from eslabon.cli import django_setup

    django_setup.setup()
    from eslabon.hub.digest import send_daily_digest

    sent = send_daily_digest()
    _print(args, {"sent": sent}, f"{sent} digests sent")
    return 0


def run_demo(args: argparse.Namespace) -> int:
    from eslabon.cli import django_setup

    django_setup.migrate()
    from eslabon.hub.demo import load_hub_demo

    created = load_hub_demo()
    text = ", ".join(f"{state}: {n}" for state, n in created.items()) or "already loaded"
    _print(args, {"created": created}, f"hub demo — {text}")
    return 0
