"""Generate EVENT.json instances at the scale of the seeds' supplier fair, and ten times it.

The fair had 250+ suppliers, 47+ buyers and about 700 meetings (PRODUCT.md); the generated
events add what makes real ones hard: popular buyers asked far beyond their caps, partial
availability (one day, half days), some buyers keeping a table, morning-only meetings.

    PYTHONPATH=. python bench/scheduling_generate.py  # writes bench/data/fair-*.event.json
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

SLOTS_PER_SESSION = 8
DAYS = 2


def slots() -> list[dict[str, object]]:
    found = []
    for day in range(1, DAYS + 1):
        for session, first_hour in (("morning", 9), ("afternoon", 15)):
            for k in range(SLOTS_PER_SESSION):
                minutes = first_hour * 60 + 25 * k
                start = f"{minutes // 60:02d}:{minutes % 60:02d}"
                end = f"{(minutes + 20) // 60:02d}:{(minutes + 20) % 60:02d}"
                found.append(
                    {
                        "id": f"d{day}-{session[0]}{k + 1}",
                        "day": day,
                        "session": session,
                        "start": start,
                        "end": end,
                    }
                )
    return found


def availability(rng: random.Random, all_slots: list[dict[str, object]]) -> list[str]:
    """Most come both days; some one day; some skip a half day; a few leave early."""
    roll = rng.random()
    if roll < 0.55:
        keep = all_slots
    elif roll < 0.80:
        day = rng.randint(1, DAYS)
        keep = [s for s in all_slots if s["day"] == day]
    elif roll < 0.95:
        day, session = rng.randint(1, DAYS), rng.choice(["morning", "afternoon"])
        keep = [s for s in all_slots if (s["day"], s["session"]) != (day, session)]
    else:
        cut = rng.randint(8, len(all_slots) - 4)
        keep = all_slots[:cut]
    return [str(s["id"]) for s in keep]


def generate(scale: int, seed: int) -> dict[str, object]:
    rng = random.Random(seed)
    all_slots = slots()
    buyers_n, suppliers_n, meetings_n, tables_n = 47 * scale, 250 * scale, 700 * scale, 47 * scale
    tables = [{"id": f"T{k + 1}"} for k in range(tables_n)]
    participants: list[dict[str, object]] = []
    fixed = 0
    for k in range(buyers_n):
        keeps_table = rng.random() < 0.3
        participants.append(
            {
                "id": f"B{k + 1}",
                "name": f"Buyer {k + 1}",
                "side": "buyer",
                "available": availability(rng, all_slots),
                "max_meetings": rng.choice([None, 12, 14, 16, 18, 20]),
                "fixed_table": f"T{fixed + 1}" if keeps_table else None,
                "people": [f"B{k + 1}-p{j + 1}" for j in range(rng.randint(1, 3))],
            }
        )
        fixed += keeps_table
    for k in range(suppliers_n):
        participants.append(
            {
                "id": f"S{k + 1}",
                "name": f"Supplier {k + 1}",
                "side": "supplier",
                "available": availability(rng, all_slots),
                "max_meetings": rng.choice([None, None, 4, 5, 6, 8]),
                "fixed_table": None,
                "people": [f"S{k + 1}-p{j + 1}" for j in range(rng.randint(1, 2))],
            }
        )
    # Popularity: a few buyers are asked by many suppliers (Zipf-like, exponent 0.9).
    popularity = [1 / (k + 1) ** 0.9 for k in range(buyers_n)]
    rng.shuffle(popularity)
    activity = [rng.random() ** 2 + 0.2 for _ in range(suppliers_n)]
    pairs: set[tuple[int, int]] = set()
    meetings = []
    while len(meetings) < meetings_n:
        b = rng.choices(range(buyers_n), weights=popularity)[0]
        s = rng.choices(range(suppliers_n), weights=activity)[0]
        if (b, s) in pairs:
            continue
        pairs.add((b, s))
        meeting: dict[str, object] = {
            "id": f"m{len(meetings) + 1}",
            "a": f"B{b + 1}",
            "b": f"S{s + 1}",
            # must meet / meet / would like, buyers' wishes weighing more (b2match practice)
            "weight": rng.choices([1, 2, 3, 5], weights=[40, 30, 20, 10])[0],
            "people": [],
        }
        if rng.random() < 0.05:
            meeting["slots"] = [str(x["id"]) for x in all_slots if x["session"] == "morning"]
        meetings.append(meeting)
    return {
        "slots": all_slots,
        "tables": tables,
        "participants": participants,
        "meetings": meetings,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", default=str(Path(__file__).parent / "data"))
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for name, scale, seed in (("fair-700", 1, 7), ("fair-7000", 10, 70)):
        path = out / f"{name}.event.json"
        path.write_text(json.dumps(generate(scale, seed), indent=1) + "\n", encoding="utf-8")
        print(path)


if __name__ == "__main__":
    main()
