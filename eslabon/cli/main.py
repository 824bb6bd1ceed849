"""Entry point of the `eslabon` command: builds the parser from the command modules.

Domain errors become one line on stderr and exit code 2 (PRODUCT.md, interface contract).
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from eslabon.domain.errors import DomainError

# One module per command group; each exposes register(subparsers).
COMMAND_MODULES: tuple[str, ...] = (
    "eslabon.cli.web",
    "eslabon.cli.registry",
    "eslabon.cli.hub",
    "eslabon.cli.readiness",
    "eslabon.cli.match",
    "eslabon.cli.origin",
    "eslabon.cli.events",
    "eslabon.cli.discover",
    "eslabon.cli.backup",
)

EXIT_INPUT_ERROR = 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="eslabon",
        description="Eslabón: supplier-development hub for the automotive supply chain.",
    )
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module_name in COMMAND_MODULES:
        importlib.import_module(module_name).register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        result: int = args.handler(args)
    except DomainError as error:
        print(f"eslabon {args.command}: {error}", file=sys.stderr)
        return EXIT_INPUT_ERROR
    except OSError as error:
        print(f"eslabon {args.command}: {error}", file=sys.stderr)
        return EXIT_INPUT_ERROR
    return result
