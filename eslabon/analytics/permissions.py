"""Who may see programme analytics, and in what scope: the one place that decides.

Programme officers (operators, staff) see every figure of the programme. Members of a
published buyer or supplier organisation see the same dashboards restricted to what they may
see elsewhere (their own requirements, meetings, quotes and awards; published profiles), and
every cell that would describe one or two *other* companies is suppressed. Members of an
unpublished organisation and users without one see nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.conf import settings

from eslabon.domain.analytics.suppression import DEFAULT_MIN_CELL, is_disclosive
from eslabon.registry import permissions as registry_permissions

is_operator = registry_permissions.is_operator


def min_cell() -> int:
    return int(getattr(settings, "ESLABON_ANALYTICS_MIN_CELL", DEFAULT_MIN_CELL))


def can_view_analytics(user: Any) -> bool:
    return is_operator(user) or registry_permissions.belongs_to_published_organization(user)


@dataclass(frozen=True)
class Scope:
    """What one viewer's figures are computed over, and whether small cells are hidden.

    ``everything`` is the operators' view; otherwise selectors start from the other apps'
    ``visible_to(user)`` querysets, and ``own`` (the viewer's organisations) is what does not
    count as "another company" for suppression.
    """

    user: Any
    everything: bool
    own: frozenset[int] = field(default_factory=frozenset)
    min_cell: int = DEFAULT_MIN_CELL

    @property
    def suppresses(self) -> bool:
        return not self.everything

    def hides(self, others: int) -> bool:
        """Whether a cell describing ``others`` companies besides the viewer's is suppressed."""
        return self.suppresses and is_disclosive(others, self.min_cell)


def scope_of(user: Any) -> Scope:
    return Scope(
        user=user,
        everything=is_operator(user),
        own=frozenset(registry_permissions.organization_ids(user)),
        min_cell=min_cell(),
    )
