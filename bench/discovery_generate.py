"""Write a DENUE-format CSV of generated rows (all 42 columns, quoted, cp1252 or UTF-8).

    python bench/discovery_generate.py OUT.csv --rows 1000000 [--encoding cp1252|utf-8]
        [--problems 0.01] [--malformed 0] [--seed N]

Used for the committed test sample (tests/data/denue_sample.csv) and the import benchmark.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from eslabon.data import denue_sample
from eslabon.domain.discovery.denue import DENUE_COLUMNS
from eslabon.domain.discovery.sample import DenueSampler, Problems


def write_sample(
    path: Path,
    rows: int,
    *,
    encoding: str = "cp1252",
    problems: float = 0.0,
    malformed: float = 0.0,
    seed: int = 20260524,
) -> None:
    sampler = DenueSampler(
        denue_sample.places(),
        denue_sample.activities(),
        seed=seed,
        problems=Problems(problems, problems, problems, malformed),
    )
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
        writer.writerow(DENUE_COLUMNS)
        writer.writerows(sampler.rows(rows))


def write_newer_edition(
    source: Path,
    out: Path,
    *,
    changed: float = 0.05,
    vanished: float = 0.02,
    added: float = 0.02,
    encoding: str = "cp1252",
    seed: int = 20261124,
) -> dict[str, int]:
    """A later edition of ``source``: a share of rows renamed, a share gone, new ones at the
    end (generated with another seed, their CLEE marked "N" so that none repeats a key).
    Streams row by row; returns the counts written."""
    import random

    chance = random.Random(seed)
    counts = {"rows": 0, "changed": 0, "vanished": 0, "added": 0}
    with (
        source.open(encoding=encoding, newline="") as old,
        out.open("w", encoding=encoding, newline="") as new,
    ):
        reader = csv.reader(old)
        writer = csv.writer(new, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
        header = next(reader)
        writer.writerow(header)
        name, key = header.index("nom_estab"), header.index("clee")
        for row in reader:
            draw = chance.random()
            if draw < vanished:
                counts["vanished"] += 1
                continue
            if draw < vanished + changed:
                row[name] += " II"
                counts["changed"] += 1
            writer.writerow(row)
            counts["rows"] += 1
        fresh = DenueSampler(
            denue_sample.places(), denue_sample.activities(), seed=seed,
            problems=Problems(0.0, 0.0, 0.0, 0.0),
        )  # fmt: skip
        for row in fresh.rows(int(counts["rows"] * added)):
            row[key] = row[key][:-1] + "N"
            writer.writerow(row)
            counts["added"] += 1
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--rows", type=int, default=1000)
    parser.add_argument("--encoding", default="cp1252", choices=["cp1252", "utf-8"])
    parser.add_argument("--problems", type=float, default=0.0)
    parser.add_argument("--malformed", type=float, default=0.0)
    parser.add_argument("--seed", type=int, default=20260524)
    parser.add_argument(
        "--newer-edition-of", type=Path, help="write a later edition of this file instead"
    )
    args = parser.parse_args()
    if args.newer_edition_of:
        print(write_newer_edition(args.newer_edition_of, args.out, encoding=args.encoding))
        return
    write_sample(
        args.out,
        args.rows,
        encoding=args.encoding,
        problems=args.problems,
        malformed=args.malformed,
        seed=args.seed,
    )


if __name__ == "__main__":
    main()
