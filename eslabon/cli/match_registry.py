"""The registry's published suppliers for `eslabon match` without --suppliers.

Starts Django on the configured database (creating and migrating it if needed) and loads the
suppliers through the registry's selector, with their Supply Hub performance record.
"""

from __future__ import annotations

from collections.abc import Sequence

from eslabon.domain.matching import Supplier


def load_registry_suppliers() -> Sequence[Supplier]:
    from eslabon.cli import django_setup

    django_setup.migrate()
    from eslabon.matching.selectors import suppliers_with_performance

    return suppliers_with_performance()
