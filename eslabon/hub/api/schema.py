"""The hub's OpenAPI document, generated from the API's own routes.

``python -m eslabon.hub.api.schema`` rewrites docs/openapi-hub.yaml; a test fails when the
committed file differs from what the code generates, so a change to the API is reviewed.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

COMMITTED = Path(__file__).resolve().parents[3] / "docs" / "openapi-hub.yaml"


def generate() -> str:
    from django.urls import include, path
    from django.utils import translation
    from drf_spectacular.generators import SchemaGenerator
    from drf_spectacular.renderers import OpenApiYamlRenderer

    generator = SchemaGenerator(
        patterns=[path("api/hub/", include("eslabon.hub.api.urls"))],
        title="Eslabón Supply Hub API",
    )
    with translation.override("en"):  # one committed document, whatever the catalogues
        schema = _without_backend_limits(generator.get_schema(request=None, public=True))
        return OpenApiYamlRenderer().render(schema, renderer_context={}).decode()


# Integer bounds come from the database backend (SQLite: 64-bit, PostgreSQL: 32-bit); they
# are storage limits, not API rules, and would make the document differ between backends.
_BACKEND_LIMITS = {2**15 - 1, 2**31 - 1, 2**63 - 1, -(2**15), -(2**31), -(2**63)}


def _without_backend_limits(node: Any) -> Any:
    if isinstance(node, dict):
        cleaned = {key: _without_backend_limits(value) for key, value in node.items()}
        for bound in ("maximum", "minimum"):
            if cleaned.get(bound) in _BACKEND_LIMITS:
                del cleaned[bound]
                if cleaned.get("format") == "int64":
                    del cleaned["format"]
        return cleaned
    if isinstance(node, list):
        return [_without_backend_limits(item) for item in node]
    return node


def main() -> int:
    import django

    django.setup()
    COMMITTED.write_text(generate(), encoding="utf-8")
    sys.stdout.write(f"{COMMITTED}\n")
    return 0


if __name__ == "__main__":
    import os

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "eslabon.settings")
    raise SystemExit(main())
