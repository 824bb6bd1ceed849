"""Mirror the shipped taxonomy files into the registry's tables.

Takes the model classes as arguments so that a data migration can call it with its
historical models and the running application with the real ones.
"""

from __future__ import annotations

from typing import Any

from eslabon.data import taxonomy


def _sync(model: Any, tree: taxonomy.Taxonomy, *, has_parent: bool, extra: Any = None) -> None:
    by_slug: dict[str, Any] = {}
    for term in tree.terms:  # parents precede children in the files
        defaults: dict[str, Any] = {"name_es": term.name_es, "name_en": term.name_en}
        if has_parent:
            defaults["parent"] = by_slug.get(term.parent) if term.parent else None
        if extra:
            defaults.update(extra(term))
        row, _ = model.objects.update_or_create(slug=term.slug, defaults=defaults)
        by_slug[term.slug] = row


def sync_taxonomies(process_model: Any, material_model: Any, standard_model: Any) -> None:
    _sync(
        process_model,
        taxonomy.processes(),
        has_parent=True,
        extra=lambda term: {"critical": term.critical},
    )
    _sync(material_model, taxonomy.materials(), has_parent=True)
    _sync(standard_model, taxonomy.certifications(), has_parent=False)
