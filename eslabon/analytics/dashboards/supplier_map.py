"""Dashboard 6, the map: suppliers, buyers and DENUE candidates by state (a tile-grid map of
the 32 states, server-side SVG) and by municipality (the vendored Leaflet map, with the
configurable tile server of ADR 0851). Figures: ``selectors_map``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from eslabon.analytics.filters import Filters
from eslabon.analytics.panels import SUPPRESSED, Column, Dashboard, Panel, register
from eslabon.analytics.permissions import Scope
from eslabon.analytics.selectors_map import Place, places
from eslabon.analytics.state_grid import state_grid

STATE_GRID_TEMPLATE = "analytics/partials/_state_grid.html"
PLACE_MAP_TEMPLATE = "analytics/partials/_place_map.html"


def _counts() -> tuple[Column, ...]:
    return (
        Column("suppliers", _("Suppliers"), numeric=True),
        Column("buyers", _("Buyers"), numeric=True),
        Column("candidates", _("Candidates (DENUE)"), numeric=True),
    )


def _row(place: Place) -> dict[str, Any]:
    return {
        "state": place.state,
        "municipality": place.municipality,
        "suppliers": place.suppliers,
        "buyers": place.buyers,
        "candidates": place.candidates,
    }


def _marker(place: Place) -> dict[str, Any]:
    def plain(value: Any) -> Any:
        return None if value is SUPPRESSED else value

    return {
        "label": f"{place.municipality}, {place.state}",
        "lat": round(place.lat, 4),
        "lon": round(place.lon, 4),
        "suppliers": plain(place.suppliers),
        "buyers": plain(place.buyers),
        "candidates": place.candidates,
    }


def _states_panel(scope: Scope, filters: Filters) -> Panel:
    found = places(scope, filters, by_municipality=False)
    return Panel(
        key="states",
        title=_("Suppliers, buyers and candidates by state"),
        columns=(Column("state", _("State")), *_counts()),
        rows=[_row(place) for place in found],
        chart=state_grid(
            _("Published suppliers by state"),
            {place.state_code: place.suppliers for place in found},
            empty_label=_("none"),
            hidden_label=_("withheld"),
        ),
        chart_template=STATE_GRID_TEMPLATE,
        note=_(
            "Each state is one square, placed roughly where it lies. Companies count once in "
            "every state where they have a site; candidates are DENUE establishments whose "
            "activity maps to a process, registered suppliers included."
        ),
    )


def _municipalities_panel(scope: Scope, filters: Filters) -> Panel:
    found = places(scope, filters, by_municipality=True)
    return Panel(
        key="municipalities",
        title=_("Suppliers, buyers and candidates by municipality"),
        columns=(
            Column("state", _("State")),
            Column("municipality", _("Municipality")),
            *_counts(),
        ),
        rows=[_row(place) for place in found],
        chart=_Map(
            title=_("Map by municipality"),
            markers=[_marker(place) for place in found if place.lat is not None],
            tile_url=settings.ESLABON_MAP_TILE_URL,
            tile_attribution=settings.ESLABON_MAP_TILE_ATTRIBUTION,
        )
        if found
        else None,
        chart_template=PLACE_MAP_TEMPLATE,
        note=_("Points are the municipal seats (or the average position of the sites)."),
    )


@dataclass(frozen=True)
class _Map:
    """The Leaflet map's configuration; its markers travel as a JSON block (json_script)."""

    title: str
    markers: list[dict[str, Any]]
    tile_url: str
    tile_attribution: str
    data_id: str = "analytics-map-markers"


def build(scope: Scope, filters: Filters) -> list[Panel]:
    return [_states_panel(scope, filters), _municipalities_panel(scope, filters)]


register(
    Dashboard(
        slug="map",
        title=gettext_lazy("Map of suppliers, buyers and candidates"),
        summary=gettext_lazy(
            "Published suppliers and buyers, and the DENUE establishments that could become "
            "suppliers, counted by state and by municipality."
        ),
        build=build,
        order=60,
        filters=frozenset({"state", "process", "size"}),
        template="analytics/map_dashboard.html",
    )
)
