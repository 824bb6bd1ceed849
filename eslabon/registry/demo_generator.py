"""Draws the fictional demo cluster from a seed: organisations, sites, capabilities, certificates.

Pure drawing: it builds unsaved model instances from random.Random(seed) and the word lists
in demo_data/; eslabon.registry.demo saves them. Same seed and reference date, same cluster.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import random
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from importlib import resources
from typing import Any

from eslabon.data import geography
from eslabon.domain.registry.rfc_check import rfc_check_character
from eslabon.registry.choices import CertificationStatus, OrganizationStatus, Sector, Tier
from eslabon.registry.models import (
    Capability,
    Certification,
    Contact,
    Organization,
    Site,
)
from eslabon.registry.services import computed_stratum

_HOMOCLAVE = "123456789ABCDEFGHIJKLMNPQRSTUVWXYZ"
_STOPWORDS = {"DE", "DEL", "LA", "LAS", "LOS", "Y", "EL", "EN", "&"}
# (share of suppliers, employees range, annual sales range in millions of pesos)
_STRATA = (
    (12, (3, 10), (1.0, 4.0)),
    (48, (11, 50), (5.0, 90.0)),
    (36, (51, 250), (100.0, 245.0)),
    (4, (251, 600), (260.0, 900.0)),
)
# Special-process assessments that customers ask of a process (AIAG CQI series).
_SPECIAL_ASSESSMENTS = {
    "heat-treatment": "cqi-9", "plating": "cqi-11", "painting-coating": "cqi-12",
    "powder-coating": "cqi-12", "welding": "cqi-15", "plastic-injection": "cqi-23",
    "hpdc-aluminium": "cqi-27", "gravity-aluminium-casting": "cqi-27", "steel-casting": "cqi-27",
    "iron-casting": "cqi-27",
}  # fmt: skip


@cache
def demo_data(name: str) -> dict[str, Any]:
    text = resources.files("eslabon.registry.demo_data").joinpath(name).read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    data.pop("_comment", None)
    return data


def ascii_slug(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")


@dataclass
class Cluster:
    """Unsaved instances of one drawn cluster, in the order they must be saved."""

    organizations: list[Organization] = field(default_factory=list)
    sites: list[Site] = field(default_factory=list)
    capabilities: list[tuple[Capability, list[str]]] = field(default_factory=list)
    certifications: list[Certification] = field(default_factory=list)
    contacts: list[Contact] = field(default_factory=list)


class ClusterGenerator:
    """Draws a cluster; every choice goes through one random.Random so a seed replays it."""

    def __init__(self, *, seed: int, reference_date: dt.date, terms: dict[str, dict[str, Any]]):
        # Not for secrets: a seeded generator is the point, so that a seed replays the cluster.
        self.rng = random.Random(seed)  # noqa: S311
        self.today = reference_date
        self.terms = terms  # {"processes": {slug: Process}, "materials": ..., "standards": ...}
        self.words = demo_data("cluster.json")
        self.profiles = demo_data("processes.json")
        self.cluster = Cluster()
        self._rfcs: set[str] = set()
        self._names: set[str] = set()
        self._muni = geography.municipalities()
        self._certificate_serial = 0

    # -- small draws ----------------------------------------------------------------------

    def weighted(self, options: dict[str, float] | list[list[Any]]) -> Any:
        pairs = list(options.items()) if isinstance(options, dict) else options
        return self.rng.choices([p[0] for p in pairs], weights=[p[1] for p in pairs])[0]

    def days(self, low: int, high: int) -> dt.timedelta:
        return dt.timedelta(days=self.rng.randint(low, high))

    def rfc(self, name: str) -> str:
        """A valid-format company RFC whose check character is deliberately wrong.

        Real RFCs carry SAT's check character, so a wrong one can never be a real company's.
        """
        words = [w for w in ascii_slug(name).upper().split("-") if w and w not in _STOPWORDS]
        letters = (
            words[0][0] + words[1][0] + words[2][0]
            if len(words) >= 3
            else (words[0][0] + words[1][:2] if len(words) == 2 else words[0][:3])
        ).ljust(3, "X")
        while True:
            founded = dt.date(1978, 1, 1) + self.days(0, 16000)
            base = letters + founded.strftime("%y%m%d") + "".join(self.rng.choices(_HOMOCLAVE, k=2))
            wrong = [c for c in "0123456789A" if c != rfc_check_character(base)]
            rfc = base + self.rng.choice(wrong)
            if rfc not in self._rfcs:
                self._rfcs.add(rfc)
                return rfc

    def person(self) -> tuple[str, str]:
        first = self.rng.choice(self.words["first_names"])
        surnames = self.rng.sample(self.words["surnames"], 2)
        return first, " ".join(surnames)

    # -- organisations --------------------------------------------------------------------

    def organization(self, *, legal_name: str, trade_name: str, **fields: Any) -> Organization:
        self._names.add(trade_name)
        org = Organization(
            legal_name=legal_name,
            trade_name=trade_name,
            rfc=self.rfc(trade_name),
            website=f"https://www.{ascii_slug(trade_name)}.example",
            **fields,
        )
        org.size_stratum = computed_stratum(org)
        self.cluster.organizations.append(org)
        self.contacts(org, count=self.rng.randint(1, 3))
        return org

    def supplier_name(self, process: str, state_code: str) -> tuple[str, str]:
        activity = self.rng.choice(self.profiles[process]["activity"])
        while True:
            pattern = self.rng.random()
            if pattern < 0.35:
                name = f"{activity} {self.rng.choice(self.words['surnames'])}"
            elif pattern < 0.55:
                pair = self.rng.sample(self.words["surnames"], 2)
                name = f"{activity} {pair[0]} {pair[1]}"
            elif pattern < 0.8:
                name = f"{activity} {self.rng.choice(self.words['words'])}"
            else:
                name = f"{activity} {self.rng.choice(self.words['regions'][state_code])}"
            if name not in self._names:
                return name, f"{name}, {self.weighted(self.words['legal_forms'])}"

    def figures(self) -> tuple[int, Decimal]:
        _share, employees, sales = self.rng.choices(_STRATA, weights=[s[0] for s in _STRATA])[0]
        count = self.rng.randint(*employees)
        millions = self.rng.uniform(*sales)
        return count, Decimal(round(millions * 1_000_000, -3)).quantize(Decimal("0.01"))

    def contacts(self, org: Organization, *, count: int) -> None:
        domain = org.website.removeprefix("https://www.")
        for index, (position, _) in enumerate(self.words["positions"][:count]):
            first, last = self.person()
            local = ascii_slug(f"{first}.{last.split()[0]}").replace("-", ".")
            self.cluster.contacts.append(
                Contact(organization=org, name=f"{first} {last}", position=position,
                        email=f"{local}@{domain}", phone="", is_primary=index == 0)
            )  # fmt: skip

    # -- sites ----------------------------------------------------------------------------

    def site(self, org: Organization, key: str, name: str) -> Site:
        seat = self._muni[key]
        distance_km = 4.0 * math.sqrt(self.rng.random())  # uniform over a 4 km disc
        bearing = self.rng.uniform(0, 2 * math.pi)
        lat = seat.lat + distance_km * math.cos(bearing) / 111.0
        lon = seat.lon + distance_km * math.sin(bearing) / (111.0 * math.cos(math.radians(lat)))
        low, high = self.words["postal_code_ranges"][seat.state_code]
        neighbourhood = self.rng.choice(self.words["neighbourhoods"]).format(
            word=self.rng.choice(self.words["words"]),
            surname=self.rng.choice(self.words["surnames"]),
        )
        site = Site(
            organization=org, name=name,
            street=f"{self.rng.choice(self.words['streets'])} {self.rng.randint(100, 4999)}",
            neighbourhood=neighbourhood, postal_code=str(self.rng.randint(low, high)),
            state_code=seat.state_code, municipality_code=seat.code,
            municipality_name=seat.name, latitude=round(lat, 6), longitude=round(lon, 6),
        )  # fmt: skip
        self.cluster.sites.append(site)
        for contact in self.cluster.contacts[-3:]:
            if contact.organization is org and not contact.phone:
                prefix = self.words["phone_prefixes"][seat.state_code]
                digits = f"{self.rng.randint(0, 10 ** (10 - len(prefix)) - 1):0{10 - len(prefix)}d}"
                contact.phone = f"+52 {prefix} {digits[:-4]} {digits[-4:]}"
        return site

    # -- capabilities ---------------------------------------------------------------------

    def capability(self, site: Site, process: str, *, scale: float, english: bool) -> None:
        profile = self.profiles[process]
        count = 1 + (self.rng.random() < 0.45) + (self.rng.random() < 0.15)
        materials = sorted({self.weighted(profile["materials"]) for _ in range(count)})
        # One size draw sets both the largest dimension and (with some spread) the weight.
        size = self.rng.random()
        dim_low, dim_high = profile["dim"]
        dimension = int((dim_low + size * (dim_high - dim_low)) * (0.6 + 0.4 * min(scale, 1.0)))
        kg_low, kg_high = (math.log(v) for v in profile["kg"])
        kg_share = 0.8 * size + 0.2 * self.rng.random()
        weight = Decimal(str(round(math.exp(kg_low + kg_share * (kg_high - kg_low)), 3)))
        tonnage = None
        if "tonnage" in profile:
            tonnage = int(round(self.rng.uniform(*profile["tonnage"]) * (0.5 + 0.5 * scale), -1))
        cap_low, cap_high = profile["capacity"]
        capacity = max(cap_low // 4, int(self.rng.uniform(cap_low, cap_high) * scale))
        utilisation = Decimal(str(round(self.rng.uniform(0.42, 0.95), 2)))
        capability = Capability(
            site=site, process=self.terms["processes"][process],
            description=self.description(profile, materials, dimension, weight, tonnage, english),
            max_dimension_mm=dimension, max_weight_kg=weight, press_tonnage=tonnage,
            annual_capacity=capacity, utilisation=utilisation,
        )  # fmt: skip
        self.cluster.capabilities.append((capability, materials))

    def description(self, profile: dict[str, Any], materials: list[str], dimension: int,
                    weight: Decimal, tonnage: int | None, english: bool) -> str:  # fmt: skip
        lang = 1 if english else 0
        parts = [p[lang] for p in self.rng.sample(profile["parts"], 2)]
        material_terms = [self.terms["materials"][slug] for slug in materials]
        names = [(m.name_en if english else m.name_es).lower() for m in material_terms]
        machines = self.rng.randint(2, 18)
        shifts = self.rng.choice((1, 2, 2, 3))
        template = self.words["description_templates"][lang]
        return template["text"].format(
            verb=profile["verb"][lang], part1=parts[0], part2=parts[1],
            materials=", ".join(names), dimension=dimension, weight=weight,
            tonnage=template["tonnage"].format(tonnage=tonnage) if tonnage else "",
            machines=machines, equipment=profile["equipment"][lang],
            shifts=template["shifts" if shifts > 1 else "shift"].format(shifts=shifts),
            extra=profile["extra"][lang],
        )  # fmt: skip

    # -- certifications -------------------------------------------------------------------

    def certification(self, org: Organization, standard: str, status: str, *,
                      site: Site | None = None, expired: bool = False) -> None:  # fmt: skip
        cert = Certification(organization=org, site=site, status=status,
                             standard=self.terms["standards"][standard])  # fmt: skip
        if status == CertificationStatus.HELD:
            self._certificate_serial += 1
            age = self.days(1100, 1500) if expired else self.days(20, 1050)
            cert.issued_on = self.today - age
            cert.expires_on = cert.issued_on + dt.timedelta(days=3 * 365)
            cert.issuing_body = self.rng.choice(self.words["issuing_bodies"])
            prefix = standard.upper().replace("-", "")
            cert.certificate_number = (
                f"{prefix}-{cert.issued_on.year}-{self._certificate_serial:05d}"
            )
        elif status == CertificationStatus.IN_PROGRESS:
            cert.expected_on = self.today + self.days(45, 330)
        else:
            cert.expected_on = self.today + self.days(300, 720)
        self.cluster.certifications.append(cert)

    def supplier_certifications(self, org: Organization, processes: list[str], site: Site) -> None:
        """Most SMEs hold ISO 9001 at most; few hold IATF 16949 (the cluster diagnosis)."""
        draw = self.rng.random
        stratum = org.size_stratum
        iso_share = {"micro": 0.25, "small": 0.6}.get(stratum, 0.82)
        if draw() < iso_share:
            self.certification(org, "iso-9001", CertificationStatus.HELD, expired=draw() < 0.1)
        elif draw() < 0.3:
            self.certification(org, "iso-9001", CertificationStatus.IN_PROGRESS)
        elif draw() < 0.15:
            self.certification(org, "iso-9001", CertificationStatus.PLANNED)
        iatf = {"micro": (0.0, 0.03), "small": (0.04, 0.12)}.get(stratum, (0.2, 0.22))
        roll = draw()
        if roll < iatf[0]:
            self.certification(org, "iatf-16949", CertificationStatus.HELD, expired=draw() < 0.05)
        elif roll < iatf[0] + iatf[1]:
            self.certification(org, "iatf-16949", CertificationStatus.IN_PROGRESS)
        elif roll < iatf[0] + iatf[1] + 0.08:
            self.certification(org, "iatf-16949", CertificationStatus.PLANNED)
        if stratum in {"medium", "large"} and draw() < 0.2:
            self.certification(org, "iso-14001", CertificationStatus.HELD)
        if draw() < 0.05:
            self.certification(org, "iso-45001", CertificationStatus.HELD)
        for process in processes:
            standard = _SPECIAL_ASSESSMENTS.get(process)
            if standard and draw() < 0.3:
                status = (
                    CertificationStatus.HELD if draw() < 0.7 else CertificationStatus.IN_PROGRESS
                )
                self.certification(org, standard, status, site=site)

    # -- whole organisations ----------------------------------------------------------------

    def supplier(self, *, status: str) -> Organization:
        process = self.weighted({k: v["weight"] for k, v in self.profiles.items()})
        key = self.weighted(self.words["municipality_weights"])
        name, legal_name = self.supplier_name(process, self._muni[key].state_code)
        employees, sales = self.figures()
        tier = Tier.TIER2 if self.rng.random() < 0.7 else Tier.TIER3
        org = self.organization(
            legal_name=legal_name, trade_name=name, is_supplier=True, tier=tier,
            sector=Sector.INDUSTRY, employees=employees, annual_sales_mxn=sales, status=status,
        )  # fmt: skip
        companions = self.profiles[process]["companions"]
        extra = self.rng.choices((0, 1, 2, 3), weights=(35, 40, 18, 7))[0]
        processes = [process, *self.rng.sample(companions, min(extra, len(companions)))]
        scale = {"micro": 0.15, "small": 0.45, "medium": 1.0}.get(org.size_stratum, 1.6)
        english = self.rng.random() < 0.15
        site = self.site(org, key, f"Planta {self._muni[key].name}")
        for slug in processes:
            self.capability(site, slug, scale=scale, english=english)
        if self.rng.random() < 0.12:
            second = self.weighted(self.words["municipality_weights"])
            name = f"Planta {self._muni[second].name}" + (" II" if second == key else "")
            self.capability(self.site(org, second, name), process, scale=scale, english=english)
        self.supplier_certifications(org, processes, site)
        state = geography.states()[site.state_code].name
        summary = ", ".join(self.terms["processes"][p].name_es.lower() for p in processes)
        level = "Tier 2" if tier == Tier.TIER2 else "Tier 3"
        org.description = (f"Proveedor {level} de {summary} para la industria automotriz en "
                           f"{site.municipality_name}, {state}.")  # fmt: skip
        return org

    def oem(self, brand: str) -> Organization:
        """An OEM's Mexican legal entity with one or two vehicle plants."""
        employees, sales = self.rng.randint(1800, 8000), self.rng.uniform(15e9, 90e9)
        org = self.organization(
            legal_name=f"{brand} México, S.A. de C.V.", trade_name=brand, is_buyer=True,
            tier=Tier.OEM, employees=employees, status=OrganizationStatus.APPROVED,
            annual_sales_mxn=Decimal(round(sales, -6)).quantize(Decimal("0.01")),
            description=f"Armadora ficticia: {self.rng.choice(self.words['oem_plants'])}.",
        )  # fmt: skip
        plants = self.rng.sample(self.words["buyer_municipalities"], self.rng.randint(1, 2))
        for key in plants:
            site = self.site(org, key, f"Planta {self._muni[key].name}")
            self.certification(org, "iatf-16949", CertificationStatus.HELD, site=site)
        self.certification(org, "iso-14001", CertificationStatus.HELD)
        return org

    def tier1(self) -> Organization:
        """A Tier 1 plant: buys from the SMEs and supplies the OEMs."""
        while True:
            brand = self.rng.choice(self.words["tier1_brands"])
            system, what = self.rng.choice(self.words["tier1_systems"])
            if f"{brand} {system}" not in self._names:
                break
        employees, sales = self.rng.randint(300, 3000), self.rng.uniform(0.8e9, 15e9)
        org = self.organization(
            legal_name=f"{brand} {system} de México, S. de R.L. de C.V.",
            trade_name=f"{brand} {system}", is_buyer=True, tier=Tier.TIER1,
            employees=employees, status=OrganizationStatus.APPROVED,
            annual_sales_mxn=Decimal(round(sales, -6)).quantize(Decimal("0.01")),
            description=f"Proveedor Tier 1 de {what} (empresa ficticia).",
        )  # fmt: skip
        key = self.rng.choice(self.words["buyer_municipalities"])
        site = self.site(org, key, f"Planta {self._muni[key].name}")
        self.certification(org, "iatf-16949", CertificationStatus.HELD, site=site)
        self.certification(org, "iso-14001", CertificationStatus.HELD)
        if self.rng.random() < 0.6:
            self.certification(org, "iso-45001", CertificationStatus.HELD)
        return org

    def operator(self, spec: dict[str, str]) -> Organization:
        org = self.organization(
            legal_name=spec["legal_name"], trade_name=spec["trade_name"], is_operator=True,
            sector=Sector.SERVICES, description=spec["description"],
            status=OrganizationStatus.APPROVED,
        )  # fmt: skip
        self.site(org, spec["municipality"], "Oficinas")
        return org
