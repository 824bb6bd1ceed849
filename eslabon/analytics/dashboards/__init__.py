"""The registered dashboards: every module of this package is imported at start-up, and
importing a module registers its dashboard (``panels.register``).

To add a dashboard, add a module here with a ``build(scope, filters)`` selector and a
``register(Dashboard(...))`` call (docs/analytics.md); nothing else needs editing.
"""

from __future__ import annotations

import importlib
import pkgutil


def load_all() -> None:
    for module in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{module.name}")


load_all()
