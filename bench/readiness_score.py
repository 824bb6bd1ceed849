"""Throughput of readiness scoring: N generated self-assessments validated, scored and planned.

Baseline in the same run: validation alone (parse_answers), so that scoring's own cost shows.
Run from the repository root: PYTHONPATH=. python bench/readiness_score.py [N] [REPEATS]
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from datetime import date
from typing import Any

from eslabon.data import readiness as readiness_data
from eslabon.domain.readiness.answers import parse_answers
from eslabon.domain.readiness.model import Questionnaire
from eslabon.domain.readiness.roadmap import plan
from eslabon.domain.readiness.scoring import assess

# Profiles for a believable programme: most SMEs far from IATF readiness, a few close.
PROFILES = (("far", 0.6, (0, 4, 4, 6)), ("halfway", 0.3, (4, 6, 6, 8)), ("close", 0.1, (8, 8, 10)))
SPECIAL_MODULES = ("cqi-9", "cqi-11", "cqi-12", "cqi-15", "cqi-23", "cqi-27")


def generate(questionnaire: Questionnaire, count: int, seed: int = 7) -> list[dict[str, Any]]:
    """Deterministic ANSWERS.json documents (also usable as demo data)."""
    rng = random.Random(seed)
    documents = []
    for _ in range(count):
        _, _, scale = rng.choices(PROFILES, weights=[p[1] for p in PROFILES])[0]
        modules = {"qms", "core-tools"} | (
            {rng.choice(SPECIAL_MODULES)} if rng.random() < 0.4 else set()
        )
        answers = [
            {"question": q.id, "score": rng.choice(scale), "evidence": ["evidencia.pdf"]}
            for q in questionnaire.questions
            if q.module in modules
        ]
        documents.append({"questionnaire": questionnaire.ref, "answers": answers})
    return documents


def _median_seconds(run: Any, repeats: int) -> float:
    timings = []
    for _ in range(repeats):
        started = time.perf_counter()
        run()
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)


def main(count: int = 1000, repeats: int = 5) -> None:
    questionnaire = readiness_data.questionnaire()
    table = readiness_data.action_table(questionnaire.action_table)
    target = readiness_data.targets()["iatf-16949"]
    documents = generate(questionnaire, count)

    def validate() -> None:
        for document in documents:
            parse_answers(questionnaire, document)

    def score() -> None:
        for document in documents:
            assess(questionnaire, table, parse_answers(questionnaire, document))

    def score_and_plan() -> None:
        for document in documents:
            result = assess(questionnaire, table, parse_answers(questionnaire, document))
            plan(result.gaps, table, target, date(2027, 1, 4))

    grades: dict[str, int] = {}
    for document in documents:
        grade = assess(questionnaire, table, parse_answers(questionnaire, document)).grade.value
        grades[grade] = grades.get(grade, 0) + 1
    print(f"{count} assessments, grades {dict(sorted(grades.items()))}, median of {repeats}")
    for name, run in (("validate (baseline)", validate), ("validate+score", score),
                      ("validate+score+roadmap", score_and_plan)):  # fmt: skip
        seconds = _median_seconds(run, repeats)
        print(f"  {name:<24} {seconds:8.3f} s   {seconds / count * 1e3:7.3f} ms/assessment")


if __name__ == "__main__":
    main(*(int(arg) for arg in sys.argv[1:3]))
