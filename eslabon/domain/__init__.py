"""Pure, typed domain core: plain data and functions, no Django and no I/O.

Adapters (Django apps, the CLI) load data into these values and call the engines.
"""
