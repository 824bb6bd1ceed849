"""The registered dashboards: importing a module registers it (panels.register).

To add a dashboard, add a module here with a ``build(scope, filters)`` selector and a
``register(Dashboard(...))`` call, and import it below (docs/analytics.md).
"""

from eslabon.analytics.dashboards import demand  # noqa: F401
