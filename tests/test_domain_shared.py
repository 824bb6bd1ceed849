"""Shared domain helpers: JSON paths in errors, distances, the shipped taxonomies."""

from __future__ import annotations

import math

import numpy as np
import pytest
from pydantic import BaseModel

from eslabon.data import taxonomy
from eslabon.domain.errors import InputError
from eslabon.domain.geo import great_circle_km, great_circle_km_array
from eslabon.domain.validation import parse_as, parse_model

MONTERREY = (25.6866, -100.3161)
SALTILLO = (25.4232, -100.9925)


class Site(BaseModel):
    lat: float
    lon: float


class Supplier(BaseModel):
    id: str
    sites: list[Site]


def test_a_wrong_field_deep_in_a_list_is_reported_by_its_json_path() -> None:
    data = {"id": "s1", "sites": [{"lat": 1, "lon": 2}, {"lat": "north", "lon": 2}]}
    with pytest.raises(InputError) as raised:
        parse_model(Supplier, data)
    assert raised.value.where == "$.sites[1].lat"


def test_a_list_document_reports_the_index_of_the_bad_item() -> None:
    with pytest.raises(InputError) as raised:
        parse_as(list[Supplier], [{"id": "a", "sites": []}, {"sites": []}])
    assert raised.value.where == "$[1].id"


def test_monterrey_to_saltillo_is_about_seventy_kilometres_as_the_crow_flies() -> None:
    distance = great_circle_km(*MONTERREY, *SALTILLO)
    assert 70 < distance < 75


def test_the_vectorised_distance_matches_the_scalar_one() -> None:
    lats = np.array([SALTILLO[0], MONTERREY[0], 20.6597])
    lons = np.array([SALTILLO[1], MONTERREY[1], -103.3496])
    many = great_circle_km_array(*MONTERREY, lats, lons)
    for lat, lon, distance in zip(lats, lons, many, strict=True):
        assert math.isclose(distance, great_circle_km(*MONTERREY, lat, lon), rel_tol=1e-9)


def test_the_process_taxonomy_holds_the_slugs_of_the_product_brief_and_the_critical_four() -> None:
    required = {
        "cnc-machining", "turning", "milling", "grinding", "stamping", "fine-blanking",
        "deep-drawing", "cold-forging", "hot-forging", "hpdc-aluminium",
        "gravity-aluminium-casting", "steel-casting", "iron-casting", "investment-casting",
        "plastic-injection", "blow-moulding", "rubber-moulding", "extrusion", "welding",
        "heat-treatment", "plating", "painting-coating", "powder-coating", "assembly",
        "wire-harness", "pcb-assembly", "tooling-dies", "sewing-upholstery", "glass-processing",
    }  # fmt: skip
    tree = taxonomy.processes()
    assert required <= tree.slugs
    critical = {term.slug for term in tree.terms if term.critical}
    assert critical == {
        "cold-forging",
        "hpdc-aluminium",
        "steel-casting",
        "gravity-aluminium-casting",
    }
    assert tree.ancestors("turning") == ("cnc-machining", "machining")


def test_every_parent_in_every_taxonomy_exists() -> None:
    for tree in (taxonomy.processes(), taxonomy.materials(), taxonomy.certifications()):
        for term in tree.terms:
            assert term.parent is None or term.parent in tree.slugs
