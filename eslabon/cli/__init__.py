"""The `eslabon` command line: parse arguments, call a service or the domain, print.

Each command group lives in its own module exposing ``register(subparsers)``; engine
commands that need no database never import Django, so they start fast.
"""
