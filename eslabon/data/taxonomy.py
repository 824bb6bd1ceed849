"""Load the shipped taxonomies (processes, materials, certifications) as plain values.

Every file format and the API use these slugs; the registry app mirrors them into tables
so that operators can see them, but this module stays the source of truth.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Literal

TaxonomyName = Literal["processes", "materials", "certifications"]


@dataclass(frozen=True, slots=True)
class Term:
    """One entry of a taxonomy: a stable slug with Spanish and English names."""

    slug: str
    parent: str | None
    name_es: str
    name_en: str
    critical: bool = False

    def name(self, language: str) -> str:
        return self.name_en if language.startswith("en") else self.name_es


@dataclass(frozen=True, slots=True)
class Taxonomy:
    """A tree of terms, looked up by slug."""

    terms: tuple[Term, ...]

    @property
    def by_slug(self) -> dict[str, Term]:
        return {term.slug: term for term in self.terms}

    @property
    def slugs(self) -> frozenset[str]:
        return frozenset(term.slug for term in self.terms)

    def ancestors(self, slug: str) -> tuple[str, ...]:
        """Parents of ``slug`` from nearest to root."""
        index = self.by_slug
        chain: list[str] = []
        parent = index[slug].parent
        while parent is not None:
            chain.append(parent)
            parent = index[parent].parent
        return tuple(chain)

    def children(self, slug: str) -> tuple[str, ...]:
        return tuple(term.slug for term in self.terms if term.parent == slug)

    def descendants(self, slug: str) -> tuple[str, ...]:
        """Every term below ``slug`` (children, their children…): asking for a parent process
        such as "casting" must find the companies of its sub-processes too."""
        found: list[str] = []
        pending = [slug]
        while pending:
            children = self.children(pending.pop())
            found.extend(children)
            pending.extend(children)
        return tuple(found)


@cache
def load(name: TaxonomyName) -> Taxonomy:
    """Read one shipped taxonomy file; cached because the files never change at run time."""
    text = resources.files("eslabon.data").joinpath(f"{name}.csv").read_text(encoding="utf-8")
    rows = csv.DictReader(text.splitlines())
    terms = tuple(
        Term(
            slug=row["slug"],
            parent=row["parent"] or None,
            name_es=row["name_es"],
            name_en=row["name_en"],
            critical=row.get("critical") == "yes",
        )
        for row in rows
    )
    return Taxonomy(terms)


def processes() -> Taxonomy:
    return load("processes")


def materials() -> Taxonomy:
    return load("materials")


def certifications() -> Taxonomy:
    return load("certifications")
