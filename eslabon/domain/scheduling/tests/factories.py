"""Small EVENT.json documents for tests, written out so each test shows what it varies."""

from __future__ import annotations

from typing import Any


def event_doc(
    slots: int = 4,
    days: int = 1,
    tables: int = 2,
    participants: dict[str, dict[str, Any]] | None = None,
    meetings: list[tuple[str, str, int]] | None = None,
) -> dict[str, Any]:
    """`slots` per day; participants by id with overrides; meetings as (a, b, weight)."""
    slot_docs = [
        {"id": f"d{d}s{k}", "day": d, "start": f"{9 + k:02d}:00", "end": f"{9 + k:02d}:30"}
        for d in range(1, days + 1)
        for k in range(slots)
    ]
    all_slots = [s["id"] for s in slot_docs]
    people = participants if participants is not None else {"A": {}, "B": {}, "C": {}}
    return {
        "slots": slot_docs,
        "tables": [{"id": f"T{k + 1}"} for k in range(tables)],
        "participants": [
            {"id": pid, "name": pid, "side": "other", "available": list(all_slots), **extra}
            for pid, extra in people.items()
        ],
        "meetings": [
            {"id": f"m{k + 1}", "a": a, "b": b, "weight": w}
            for k, (a, b, w) in enumerate(meetings if meetings is not None else [])
        ],
    }
