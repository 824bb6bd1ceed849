"""Declarations for tests, built through the services so they obey the same rules."""

from __future__ import annotations

import datetime as dt
from typing import Any

from eslabon.declarations import services

LINES = [
    {"description": "Resorte helicoidal de suspensión", "part_number": "RS-100",
     "hs_code": "7320.20", "origin_criterion": "B"},
    {"description": "Tornillo de rueda", "part_number": "TR-8", "hs_code": "7318.15.99",
     "origin_criterion": "C"},
]  # fmt: skip


def declaration(
    supplier: Any,
    *,
    customer: Any = None,
    user: Any = None,
    start: dt.date = dt.date(2026, 1, 1),
    end: dt.date = dt.date(2026, 12, 31),
    issued: bool = True,
    lines: list[dict[str, str]] | None = None,
    **fields: Any,
) -> Any:
    values = {
        "customer": customer,
        "period_start": start,
        "period_end": end,
        "certifier_name": "Ana Pérez Ríos",
        "certifier_title": "Gerente de Calidad",
        "certifier_email": "ana.perez@example.mx",
        "certifier_phone": "+52 844 123 4567",
        **fields,
    }
    created = services.create_declaration(
        supplier=supplier, user=user, fields=values, lines=lines or LINES
    )
    if issued:
        created = services.issue_declaration(created, user=user, on=start)
    return created
