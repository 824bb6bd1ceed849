"""Build small DENUE files in tests: one row from a few named columns, a file from rows."""

from __future__ import annotations

import csv
import io

from eslabon.domain.discovery.denue import DENUE_COLUMNS
from eslabon.domain.discovery.encoding import CP1252


def denue_row(**values: str) -> list[str]:
    base = dict.fromkeys(DENUE_COLUMNS, "")
    base.update(
        id="1",
        clee="19039332710000011000000000U1",
        nom_estab="MAQUINADOS GARZA",
        codigo_act="332710",
        nombre_act="Maquinado de piezas para maquinaria y equipo en general",
        per_ocu="11 a 30 personas",
        cod_postal="64590",
        cve_ent="19",
        entidad="NUEVO LEÓN",
        cve_mun="039",
        municipio="Monterrey",
        latitud="25.6866",
        longitud="-100.3161",
    )
    base.update(values)
    return [base[column] for column in DENUE_COLUMNS]


def denue_file(rows: list[list[str]], encoding: str = CP1252) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow(DENUE_COLUMNS)
    writer.writerows(rows)
    return buffer.getvalue().encode(encoding)
