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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--rows", type=int, default=1000)
    parser.add_argument("--encoding", default="cp1252", choices=["cp1252", "utf-8"])
    parser.add_argument("--problems", type=float, default=0.0)
    parser.add_argument("--malformed", type=float, default=0.0)
    parser.add_argument("--seed", type=int, default=20260524)
    args = parser.parse_args()
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
