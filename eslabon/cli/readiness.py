"""`eslabon readiness ...`: score a self-assessment, plan its roadmap, compute decent work.

Parses arguments, loads the shipped data files, calls the pure engine and prints either one
JSON document (--json) or a readable report. No Django: these commands need no database.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from eslabon.cli.files import in_file, read_json
from eslabon.data import readiness as readiness_data
from eslabon.domain.errors import InputError
from eslabon.domain.readiness.comparison import Comparison, compare
from eslabon.domain.readiness.decent_work import indicators, parse_figures
from eslabon.domain.readiness.documents import (
    comparison_document,
    percent,
    roadmap_document,
    score_document,
)
from eslabon.domain.readiness.model import Questionnaire
from eslabon.domain.readiness.roadmap import Roadmap, plan
from eslabon.domain.readiness.scoring import KNOCKOUT_RULES, Assessment, assess


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("readiness", help="readiness self-assessments and decent work")
    commands = parser.add_subparsers(dest="readiness_command", required=True, metavar="SUBCOMMAND")

    score = commands.add_parser("score", help="score one self-assessment (ANSWERS.json)")
    score.add_argument("answers", metavar="ANSWERS.json")
    score.add_argument("--previous", metavar="PREVIOUS.json", help="compare with an earlier one")
    _common(score)
    score.set_defaults(handler=handle_score)

    roadmap = commands.add_parser("roadmap", help="dated roadmap from the gaps toward a target")
    roadmap.add_argument("answers", metavar="ANSWERS.json")
    roadmap.add_argument("--target", default="iatf-16949", help="iso-9001 or iatf-16949")
    roadmap.add_argument("--start", type=_iso_date, help="YYYY-MM-DD (default: today)")
    roadmap.add_argument(
        "--parallel", type=int, metavar="N", help="at most N actions at a time (default: no limit)"
    )
    _common(roadmap)
    roadmap.set_defaults(handler=handle_roadmap)

    questions = commands.add_parser("questions", help="list the questions of a questionnaire")
    questions.add_argument(
        "questionnaire",
        nargs="?",
        default=readiness_data.DEFAULT_QUESTIONNAIRE,
        metavar="ID@VERSION",
    )
    questions.add_argument("--module", action="append", help="only these modules (repeatable)")
    _common(questions)
    questions.set_defaults(handler=handle_questions)

    decent = commands.add_parser("decent-work", help="decent-work indicators from FIGURES.json")
    decent.add_argument("figures", metavar="FIGURES.json")
    _common(decent)
    decent.set_defaults(handler=handle_decent_work)


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print one JSON document")
    parser.add_argument("--language", choices=("es", "en"), default="es")
    parser.add_argument(
        "--explain",
        action="store_true",
        help="also print how each figure was built (not with --json)",
    )


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"{text!r} is not a YYYY-MM-DD date") from error


def load_assessment(path: str) -> tuple[Questionnaire, Assessment]:
    """Read, validate and score one ANSWERS.json; errors name the file and JSON path."""
    data = read_json(path)
    try:
        questionnaire, table, answers = readiness_data.resolve_answers(data)
    except InputError as error:
        raise in_file(path, error) from error
    return questionnaire, assess(questionnaire, table, answers)


def _print_json(document: Any) -> None:
    json.dump(document, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def _print_trace(args: argparse.Namespace, trace: tuple[str, ...]) -> None:
    if args.explain:
        print("\nHow it was built:")
        for line in trace:
            print(f"  {line}")


def _mxn(pair: tuple[Decimal, Decimal]) -> str:
    return f"MXN {pair[0]:,.0f}-{pair[1]:,.0f}"


def _pct(value: Decimal | None) -> str:
    shown = percent(value)
    return "n/a" if shown is None else f"{shown:.1f} %"


def handle_score(args: argparse.Namespace) -> int:
    questionnaire, assessment = load_assessment(args.answers)
    comparison = None
    if args.previous:
        comparison = compare(assessment, load_assessment(args.previous)[1])
    if args.json:
        document = score_document(assessment)
        if comparison is not None:
            document["comparison"] = comparison_document(comparison)
        _print_json(document)
    else:
        _print_score(questionnaire, assessment, args.language)
        if comparison is not None:
            _print_comparison(comparison)
        _print_trace(args, assessment.trace)
    return 0


def _print_score(questionnaire: Questionnaire, assessment: Assessment, language: str) -> None:
    print(f"{questionnaire.title.in_language(language)} ({questionnaire.ref})")
    raw = assessment.raw_grade.value
    note = "" if assessment.grade is assessment.raw_grade else f" (before downgrades: {raw})"
    print(f"Overall {_pct(assessment.overall)}  grade {assessment.grade.value}{note}")
    print("\nGroups:")
    for group in assessment.groups:
        title = questionnaire.group_index[group.id].title.in_language(language)
        print(
            f"  {group.id:<16} {title[:48]:<48} {_pct(group.percent):>8}"
            f"  ({group.answered}/{group.questions} answered)"
        )
    if assessment.knockouts:
        print("\nKnock-outs:")
        for knockout in assessment.knockouts:
            print(
                f"  {knockout.question} ({knockout.clause}) scored {knockout.score}:"
                f" grade at most {knockout.cap.value}"
            )
    others = Counter(d.rule.value for d in assessment.downgrades if d.rule not in KNOCKOUT_RULES)
    if others:
        print("\nOther downgrade rules that fired:")
    for rule, count in sorted(others.items()):
        print(f"  {rule}: {count}")
    print(f"\nGaps ({len(assessment.gaps)}):")
    for gap in assessment.gaps:
        size = gap.size
        print(
            f"  {gap.question.id:<20} {gap.question.clause[:34]:<34} score {gap.score:>2}"
            f"  -> {size.action.id}: {size.effort_days} days, {_mxn(size.cost_mxn)}"
        )
    if assessment.unsupported:
        print(f"\nScored 8 or more without evidence: {', '.join(assessment.unsupported)}")


def _print_comparison(comparison: Comparison) -> None:
    print(
        f"\nAgainst {comparison.previous}: overall {_pct(comparison.overall_before)} -> "
        f"{_pct(comparison.overall_after)}, grade {comparison.grade_before.value} -> "
        f"{comparison.grade_after.value}"
    )
    for delta in comparison.groups:
        change = "n/a" if delta.delta is None else f"{percent(delta.delta):+.1f}"
        print(f"  {delta.group:<16} {_pct(delta.before):>8} -> {_pct(delta.after):>8}  {change}")
    print(f"  gaps closed: {len(comparison.closed_gaps)}, new gaps: {len(comparison.new_gaps)}")


def handle_roadmap(args: argparse.Namespace) -> int:
    questionnaire, assessment = load_assessment(args.answers)
    targets = readiness_data.targets()
    if args.target not in targets:
        raise InputError("--target", f"unknown target {args.target!r}: {', '.join(targets)}")
    table = readiness_data.action_table(questionnaire.action_table)
    start = args.start or datetime.now(UTC).date()
    roadmap = plan(assessment.gaps, table, targets[args.target], start, args.parallel)
    if args.json:
        _print_json(roadmap_document(roadmap, args.language))
    else:
        _print_roadmap(roadmap, args.language)
        _print_trace(args, roadmap.trace)
    return 0


def _print_roadmap(roadmap: Roadmap, language: str) -> None:
    print(f"Roadmap to {roadmap.target} from {roadmap.start} to {roadmap.finish}")
    print(f"Internal effort {roadmap.effort_days} person-days, cost {_mxn(roadmap.cost_mxn)}\n")
    for step in roadmap.steps:
        action = step.size.action
        print(
            f"  {step.start} - {step.end}  [tier {action.tier}] "
            f"{action.title.in_language(language)}"
        )
        print(
            f"      {step.size.effort_days} days, {_mxn(step.size.cost_mxn)};"
            f" closes {', '.join(step.closes)}"
        )
    print()
    for milestone in roadmap.milestones:
        cost = "" if not any(milestone.cost_mxn) else f"  {_mxn(milestone.cost_mxn)}"
        print(f"  {milestone.due}  {milestone.title.in_language(language)}{cost}")


def handle_questions(args: argparse.Namespace) -> int:
    readiness_data.split_ref(args.questionnaire, "ID@VERSION")
    if args.questionnaire not in readiness_data.available():
        shipped = ", ".join(readiness_data.available())
        raise InputError("ID@VERSION", f"{args.questionnaire!r} is not shipped ({shipped})")
    questionnaire = readiness_data.questionnaire(args.questionnaire)
    modules = set(args.module or questionnaire.module_index)
    unknown = modules - set(questionnaire.module_index)
    if unknown:
        raise InputError("--module", f"unknown module {sorted(unknown)[0]!r}")
    language = args.language
    chosen = [q for q in questionnaire.questions if q.module in modules]
    if args.json:
        _print_json(
            {
                "questionnaire": questionnaire.ref,
                "scale": list(questionnaire.scale),
                "questions": [
                    {
                        "id": q.id,
                        "module": q.module,
                        "group": q.group,
                        "level": q.level.value,
                        "clause": q.clause,
                        "weight": q.weight,
                        "knockout": q.knockout,
                        "text": q.text.in_language(language),
                        "evidence": [e.in_language(language) for e in q.evidence],
                    }
                    for q in chosen
                ],
            }
        )
        return 0
    print(f"{questionnaire.title.in_language(language)} ({questionnaire.ref})")
    for question in chosen:
        flag = " [knock-out]" if question.knockout else ""
        print(f"\n{question.id}  {question.clause}  weight {question.weight}{flag}")
        print(f"  {question.text.in_language(language)}")
        for evidence in question.evidence:
            print(f"  - {evidence.in_language(language)}")
    return 0


def handle_decent_work(args: argparse.Namespace) -> int:
    table = readiness_data.decent_work()
    try:
        figures = parse_figures(table, read_json(args.figures))
    except InputError as error:
        raise in_file(args.figures, error) from error
    values = indicators(table, figures)
    definitions = {d.id: d for d in table.indicators}
    if args.json:
        _print_json(
            {
                value.id: {
                    "value": None if value.value is None else float(round(value.value, 4)),
                    "unit": value.unit,
                    "explanation": value.explanation,
                }
                for value in values
            }
        )
        return 0
    for value in values:
        shown = "n/a" if value.value is None else f"{value.value:,.2f}"
        name = definitions[value.id].name.in_language(args.language)
        print(f"  {name:<52} {shown:>12} {value.unit:<20} {value.explanation}")
    return 0
