"""A small imported DENUE directory beside the registry's cast, for the discovery pages."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from eslabon.discovery.services import import_denue
from eslabon.domain.discovery.tests.denue_files import denue_file, denue_row


def shop(clee: str, code: str, per_ocu: str = "31 a 50 personas", **values: str) -> list[str]:
    values.setdefault("nom_estab", f"TALLER {clee}")
    return denue_row(clee=clee, codigo_act=code, per_ocu=per_ocu, **values)


@pytest.fixture
def directory(cast: Any, tmp_path: Path) -> Any:
    """Machining shops around Monterrey (one of them is the cast's registered supplier),
    one in Saltillo, a foundry and an auto-parts plant."""
    rows = [
        shop(
            "MAQ-REG", "332710", nom_estab=cast.supplier_org.legal_name.upper(),
            cod_postal="66600", latitud="25.7817", longitud="-100.1886",
        ),
        shop(
            "MAQ-MTY", "332710", nom_estab="TORNOS RAMIREZ", latitud="25.70",
            longitud="-100.30", correoelec="contacto@tornosramirez.mx", telefono="8112345678",
        ),
        shop("MAQ-SAL", "332710", cve_ent="05", latitud="25.42", longitud="-100.99"),
        shop("MAQ-FORMULA", "332710", nom_estab="=HYPERLINK(1)", latitud="25.6", longitud="-100.4"),
        shop("FUND-MTY", "331510", nom_estab="FUNDICION LEAL", latitud="25.65", longitud="-100.2"),
        shop(
            "AUTO-MTY", "336350", per_ocu="101 a 250 personas", latitud="25.75",
            longitud="-100.2", correoelec="no es correo",
        ),
    ]  # fmt: skip
    path = tmp_path / "denue.csv"
    path.write_bytes(denue_file(rows))
    import_denue(path=path)
    return cast
