"""Generator of realistic DENUE-format rows (all 42 columns) for tests and benchmarks.

Deterministic for a seed; draws real municipalities and SCIAN codes (eslabon/data) and can mix
in the problem rows real files carry: missing coordinates, double-encoded accents, quotes.
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from eslabon.domain.discovery.denue import DENUE_COLUMNS
from eslabon.domain.discovery.strata import Stratum


@dataclass(frozen=True, slots=True)
class Place:
    state_code: str
    state_name: str
    municipality_code: str
    municipality_name: str
    lat: float
    lon: float
    postal_codes: tuple[int, int]
    weight: float


@dataclass(frozen=True, slots=True)
class Activity:
    code: str
    name: str
    weight: float
    kind: str


@dataclass(frozen=True, slots=True)
class Problems:
    """Share of rows (0-1) carrying each problem; ``malformed`` rows break the format."""

    missing_coordinates: float = 0.0
    double_encoded: float = 0.0
    quoted_name: float = 0.0
    malformed: float = 0.0


# Employment strata by kind of activity, weights for 0-5 ... 251+ (a judgement shaped on
# DENUE's national shape: most units have 0-5 people; auto-parts plants skew large).
_STRATA = {
    "auto": (10, 6, 14, 12, 14, 18, 26),
    "metal": (48, 18, 17, 7, 5, 3, 2),
    "plastic": (30, 15, 20, 12, 10, 8, 5),
    "electric": (25, 10, 15, 12, 12, 14, 12),
    "textile": (60, 15, 12, 5, 4, 3, 1),
    "other_mfg": (65, 14, 11, 4, 3, 2, 1),
    "food_mfg": (85, 10, 4, 1, 0.5, 0.3, 0.2),
    "shop": (92, 5, 2, 0.5, 0.3, 0.1, 0.1),
    "food": (80, 12, 6, 1, 0.6, 0.3, 0.1),
    "repair": (88, 9, 2.5, 0.3, 0.1, 0.05, 0.05),
    "services": (82, 10, 5, 1.5, 0.8, 0.5, 0.2),
}
_WORDS = {
    "auto": ("AUTOPARTES", "COMPONENTES AUTOMOTRICES", "SISTEMAS AUTOMOTRICES",
             "ESTAMPADOS AUTOMOTRICES"),
    "metal": ("MAQUINADOS", "TALLER DE MAQUINADOS", "HERRERIA", "FUNDICION", "FORJAS",
              "TROQUELADOS", "ESTRUCTURAS METALICAS", "TORNOS", "SOLDADURAS"),
    "plastic": ("PLASTICOS", "INYECCION DE PLASTICOS", "HULES", "POLIMEROS", "EMPAQUES"),
    "electric": ("ELECTRONICA", "CABLES", "CONECTORES", "ENSAMBLES ELECTRONICOS"),
    "textile": ("CONFECCIONES", "TEXTILES", "COSTURA INDUSTRIAL", "TAPICERIA", "CURTIDURIA"),
    "other_mfg": ("INDUSTRIAS", "MANUFACTURAS", "FABRICACIONES", "IMPRENTA"),
    "food_mfg": ("PANADERIA", "TORTILLERIA", "MOLINO"),
    "shop": ("ABARROTES", "MISCELANEA", "TIENDA", "FARMACIA", "BOUTIQUE", "REFACCIONARIA"),
    "food": ("TAQUERIA", "RESTAURANTE", "LONCHERIA", "COCINA ECONOMICA"),
    "repair": ("TALLER MECANICO", "SERVICIO AUTOMOTRIZ", "MECANICA EN GENERAL"),
    "services": ("ESTETICA", "CONSULTORIO", "DESPACHO", "SERVICIOS", "LABORATORIO",
                 "INGENIERIA"),
}  # fmt: skip
_SURNAMES = (
    "GARZA", "GONZALEZ", "HERNANDEZ", "MARTINEZ", "LOPEZ", "RODRIGUEZ", "PEREZ", "SANCHEZ",
    "RAMIREZ", "TREVIÑO", "VILLARREAL", "CANTU", "DE LA GARZA", "SALINAS", "FLORES", "IBARRA",
    "MUÑOZ", "GUTIERREZ", "CASTILLO", "TAMEZ", "ELIZONDO", "JIMENEZ", "NUÑEZ", "ORTIZ",
)  # fmt: skip
_GIVEN = ("JUAN", "MARIA", "JOSE", "GUADALUPE", "LUPITA", "CHUY", "PACO", "LETY", "ROSY", "TONO")
_TAILS = ("DEL NORTE", "DEL BAJIO", "DE OCCIDENTE", "INDUSTRIAL", "DE PRECISION", "Y ASOCIADOS",
          "DE MEXICO", "HERMANOS", "DEL CENTRO", "AVANZADA")  # fmt: skip
_LEGAL = ("SA DE CV", "S DE RL DE CV", "SAPI DE CV", "SC", "SA")
_STREETS = (
    "JUAREZ", "HIDALGO", "MORELOS", "ZARAGOZA", "INDEPENDENCIA", "5 DE MAYO", "REVOLUCION",
    "CONSTITUCION", "MIGUEL ALEMAN", "VENUSTIANO CARRANZA", "LAS TORRES", "INDUSTRIAL",
    "DEL PARQUE", "LOS PINOS", "FRANCISCO I. MADERO", "BENITO JUAREZ",
)  # fmt: skip
_STREET_TYPES = (
    "CALLE",
    "CALLE",
    "CALLE",
    "AVENIDA",
    "AVENIDA",
    "BOULEVARD",
    "PRIVADA",
    "CARRETERA",
)
_SETTLEMENTS = (
    "CENTRO", "INDUSTRIAL", "DEL VALLE", "LAS FUENTES", "LA PAZ", "SAN RAFAEL", "OBRERA",
    "VALLE VERDE", "LOS ANGELES", "HACIENDA", "JARDINES", "MODERNA",
)  # fmt: skip
_EDITIONS = ("2010-07", "2013-12", "2014-12", "2016-10", "2019-11", "2020-11", "2022-05", "2024-05")


class DenueSampler:
    """Draws rows; the same seed gives the same rows, so samples can be regenerated."""

    def __init__(
        self,
        places: Sequence[Place],
        activities: Sequence[Activity],
        *,
        seed: int = 20260524,
        problems: Problems | None = None,
    ) -> None:
        self._random = random.Random(seed)  # noqa: S311 - sample data, not secrets
        self._places = list(places)
        self._place_weights = _cumulative([place.weight for place in places])
        self._activities = list(activities)
        self._activity_weights = _cumulative([activity.weight for activity in activities])
        self._problems = problems or Problems()

    def rows(self, count: int, first_id: int = 1) -> Iterator[list[str]]:
        """``count`` rows in DENUE column order (a malformed row may have another width)."""
        for number in range(first_id, first_id + count):
            yield self._row(number)

    def _row(self, number: int) -> list[str]:
        rnd = self._random
        place = rnd.choices(self._places, cum_weights=self._place_weights)[0]
        activity = rnd.choices(self._activities, cum_weights=self._activity_weights)[0]
        stratum = rnd.choices(list(Stratum), weights=_STRATA[activity.kind])[0]
        name, legal = self._names(activity.kind, stratum)
        low, high = place.postal_codes
        row = dict.fromkeys(DENUE_COLUMNS, "")
        row.update(
            id=str(number),
            clee=(
                f"{place.state_code}{place.municipality_code}{activity.code}"
                f"{number:09d}000000U{number % 10}"
            ),
            nom_estab=name,
            raz_social=legal,
            codigo_act=activity.code,
            nombre_act=activity.name,
            per_ocu=stratum.label,
            tipo_vial=rnd.choice(_STREET_TYPES),
            nom_vial=rnd.choice(_STREETS),
            tipo_v_e_1="CALLE",
            nom_v_e_1=rnd.choice(_STREETS),
            tipo_v_e_2="CALLE",
            nom_v_e_2=rnd.choice(_STREETS),
            numero_ext=str(rnd.randint(1, 4999)),
            letra_ext=rnd.choice(("", "", "", "", "A", "B")),
            tipo_asent=rnd.choice(("COLONIA", "COLONIA", "FRACCIONAMIENTO", "PARQUE INDUSTRIAL")),
            nomb_asent=rnd.choice(_SETTLEMENTS),
            cod_postal=f"{rnd.randint(low, high):05d}",
            cve_ent=place.state_code,
            entidad=place.state_name,
            cve_mun=place.municipality_code,
            municipio=place.municipality_name,
            cve_loc="0001",
            localidad=place.municipality_name,
            ageb=f"{rnd.randint(0, 999):03d}{rnd.choice('0123456789A')}",
            manzana=f"{rnd.randint(1, 60):03d}",
            telefono=f"{rnd.randint(10**9, 10**10 - 1)}" if rnd.random() < 0.4 else "",
            correoelec=f"contacto{number}@example.com.mx" if rnd.random() < 0.15 else "",
            www="",
            tipoUniEco="Fijo" if rnd.random() < 0.95 else "Semifijo",
            latitud=f"{place.lat + rnd.gauss(0, 0.04):.7f}",
            longitud=f"{place.lon + rnd.gauss(0, 0.04):.7f}",
            fecha_alta=rnd.choice(_EDITIONS),
        )
        return self._damage(row)

    def _names(self, kind: str, stratum: Stratum) -> tuple[str, str]:
        rnd = self._random
        head = rnd.choice(_WORDS[kind])
        if stratum <= Stratum.P6_10 and rnd.random() < 0.6:
            return f"{head} {rnd.choice(_GIVEN)}", ""
        name = (
            f"{head} {rnd.choice(_SURNAMES)}"
            if rnd.random() < 0.5
            else f"{head} {rnd.choice(_TAILS)}"
        )
        legal = (
            f"{name} {rnd.choice(_LEGAL)}"
            if stratum >= Stratum.P11_30 or rnd.random() < 0.2
            else ""
        )
        return name, legal

    def _damage(self, row: dict[str, str]) -> list[str]:
        rnd, problems = self._random, self._problems
        if rnd.random() < problems.missing_coordinates:
            row["latitud"] = row["longitud"] = ""
        if rnd.random() < problems.quoted_name:
            row["nom_estab"] = f'{row["nom_estab"].split()[0]} "EL GÜERO"'
        if rnd.random() < problems.double_encoded:
            row["nom_estab"] = (row["nom_estab"] + " PEÑA").encode("utf-8").decode("cp1252")
            row["entidad"] = row["entidad"].encode("utf-8").decode("cp1252")
        values = [row[column] for column in DENUE_COLUMNS]
        if rnd.random() < problems.malformed:
            if rnd.random() < 0.5:
                return values[:-2]
            values[DENUE_COLUMNS.index("codigo_act")] = "33A710"
        return values


def _cumulative(weights: Sequence[float]) -> list[float]:
    total = 0.0
    result = []
    for weight in weights:
        total += weight
        result.append(total)
    return result
