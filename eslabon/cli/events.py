"""`eslabon events schedule EVENT.json`: the timetable of a business-meeting event; `eslabon
events demo` loads the demo event of the web application into the configured database.

Reads EVENT.json, calls the scheduling engine (no database), writes SCHEDULE.json to
--out or stdout, and prints a one-line summary with the proven bound on stderr.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from eslabon.cli.files import in_file, read_json
from eslabon.domain.errors import InputError
from eslabon.domain.scheduling.event import parse_event
from eslabon.domain.scheduling.solver import SolveOptions, solve


def register(subparsers: Any) -> None:
    events = subparsers.add_parser("events", help="business-meeting events")
    commands = events.add_subparsers(dest="events_command", required=True, metavar="COMMAND")
    schedule = commands.add_parser("schedule", help="build the timetable of an event")
    schedule.add_argument("event", help="EVENT.json (format in docs/scheduling.md)")
    schedule.add_argument("--time-limit", type=float, default=30.0, metavar="SECONDS")
    schedule.add_argument("--out", help="write SCHEDULE.json here instead of stdout")
    schedule.add_argument("--workers", type=int, default=2, help="CP-SAT workers (default 2)")
    schedule.add_argument("--seed", type=int, default=0, help="CP-SAT random seed (default 0)")
    schedule.set_defaults(handler=schedule_command)
    demo = commands.add_parser("demo", help="load the demo event (needs the registry demo)")
    demo.add_argument("--time-limit", type=float, default=5.0, metavar="SECONDS")
    demo.set_defaults(handler=demo_command)


def schedule_command(args: argparse.Namespace) -> int:
    if args.time_limit <= 0:
        raise InputError("--time-limit", "must be a positive number of seconds")
    try:
        event = parse_event(read_json(args.event))
    except InputError as error:
        if error.where.startswith("$"):
            raise in_file(args.event, error) from error
        raise
    options = SolveOptions(time_limit=args.time_limit, workers=args.workers, seed=args.seed)
    timetable = solve(event, options)
    document = json.dumps(timetable.to_json(), ensure_ascii=False, indent=1) + "\n"
    if args.out:
        Path(args.out).write_text(document, encoding="utf-8")
    else:
        sys.stdout.write(document)
    print(
        f"{timetable.status.value}: {len(timetable.assignments)} meetings, weight "
        f"{timetable.scheduled_weight} of at most {timetable.bound}, "
        f"{timetable.idle_gaps} idle gaps, {len(timetable.unscheduled)} unscheduled",
        file=sys.stderr,
    )
    return 0


def demo_command(args: argparse.Namespace) -> int:
    """Load and schedule the demo event in the configured database (eslabon.events.demo)."""
    from eslabon.cli import django_setup

    django_setup.migrate()
    from eslabon.events.demo import load_events_demo

    created = load_events_demo(time_limit=args.time_limit)
    if not created:
        print("events demo already loaded")
        return 0
    print(
        f"events demo: {created['participants']} participants, {created['requests']} requests, "
        f"{created['meetings']} meetings scheduled ({created['status']}, weight "
        f"{created['scheduled_weight']} of at most {created['bound']}, "
        f"{created['idle_gaps']} idle gaps)"
    )
    return 0
