"""Score one self-assessment the way a VDA 6.3 process audit is scored.

Per clause group: weighted points over points possible; per module and overall: the mean
of the group percentages (VDA 6.3 E_G); then the A/B/C grade with the VDA downgrade rules.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from eslabon.domain.readiness.answers import Answers
from eslabon.domain.readiness.gaps import Gap, find_gaps
from eslabon.domain.readiness.model import ActionTable, ModuleScope, Question, Questionnaire

HUNDRED = Decimal(100)


class Grade(StrEnum):
    """VDA 6.3 classification: A quality capable, B conditionally capable, C not capable."""

    A = "A"
    B = "B"
    C = "C"

    def capped_at(self, cap: Grade) -> Grade:
        return max(self, cap, key=lambda grade: grade.value)


class Status(StrEnum):
    ANSWERED = "answered"
    NOT_APPLICABLE = "not_applicable"
    # Unanswered questions count as 0: readiness that is not stated is not demonstrated.
    UNANSWERED = "unanswered"


@dataclass(frozen=True, slots=True)
class QuestionScore:
    question: Question
    status: Status
    score: int | None
    evidence: tuple[str, ...]

    @property
    def counted(self) -> int | None:
        """The score that enters the calculation (unanswered counts as 0, n/a not at all)."""
        if self.status is Status.UNANSWERED:
            return 0
        return self.score


@dataclass(frozen=True, slots=True)
class GroupScore:
    id: str
    module: str
    clause: str
    points: int
    possible: int
    percent: Decimal | None
    questions: int
    answered: int


@dataclass(frozen=True, slots=True)
class ModuleScore:
    id: str
    percent: Decimal | None
    groups: tuple[str, ...]


class Rule(StrEnum):
    """The VDA 6.3:2016 ch. 9.5 downgrade rules; knock-out questions play the *-questions."""

    GROUP_BELOW_C_FLOOR = "group below the C floor"
    GROUP_BELOW_A_FLOOR = "group below the A floor"
    KNOCKOUT_ZERO = "knock-out question scored 0"
    KNOCKOUT_LOW = "knock-out question scored 4"
    QUESTION_ZERO = "question scored 0"


KNOCKOUT_RULES = frozenset({Rule.KNOCKOUT_ZERO, Rule.KNOCKOUT_LOW})


@dataclass(frozen=True, slots=True)
class Downgrade:
    """A downgrade rule that fired, the question or group it fired on, and its cap."""

    rule: Rule
    subject: str
    cap: Grade


@dataclass(frozen=True, slots=True)
class KnockOut:
    question: str
    clause: str
    score: int
    cap: Grade


@dataclass(frozen=True, slots=True)
class Assessment:
    """The scored self-assessment with the trace of how each figure was built."""

    questionnaire: str
    overall: Decimal | None
    raw_grade: Grade
    grade: Grade
    groups: tuple[GroupScore, ...]
    modules: tuple[ModuleScore, ...]
    questions: tuple[QuestionScore, ...]
    knockouts: tuple[KnockOut, ...]
    downgrades: tuple[Downgrade, ...]
    gaps: tuple[Gap, ...]
    unsupported: tuple[str, ...]
    trace: tuple[str, ...]


def modules_in_scope(questionnaire: Questionnaire, answers: Answers) -> tuple[str, ...]:
    """Mandatory modules always; optional (special-process) ones when named or answered."""
    answered_modules = {
        questionnaire.question_index[answer.question].module for answer in answers.answers
    }
    named = set(answers.modules or ())
    return tuple(
        module.id
        for module in questionnaire.modules
        if module.scope is ModuleScope.MANDATORY
        or module.id in named
        or (answers.modules is None and module.id in answered_modules)
    )


def _question_scores(
    questionnaire: Questionnaire, answers: Answers, scope: tuple[str, ...]
) -> tuple[QuestionScore, ...]:
    given = answers.by_question()
    scores: list[QuestionScore] = []
    for question in questionnaire.questions:
        if question.module not in scope:
            continue
        answer = given.get(question.id)
        if answer is None:
            scores.append(QuestionScore(question, Status.UNANSWERED, None, ()))
        elif answer.score is None:
            scores.append(QuestionScore(question, Status.NOT_APPLICABLE, None, answer.evidence))
        else:
            scores.append(QuestionScore(question, Status.ANSWERED, answer.score, answer.evidence))
    return tuple(scores)


def _mean(values: list[Decimal]) -> Decimal | None:
    return sum(values, Decimal(0)) / len(values) if values else None


def _group_scores(
    questionnaire: Questionnaire, scores: tuple[QuestionScore, ...], scope: tuple[str, ...]
) -> tuple[GroupScore, ...]:
    top = max(questionnaire.scale)
    by_group: dict[str, list[QuestionScore]] = {}
    for score in scores:
        by_group.setdefault(score.question.group, []).append(score)
    groups: list[GroupScore] = []
    for group in questionnaire.groups:
        if group.module not in scope:
            continue
        members = by_group.get(group.id, [])
        counted = [(s.question.weight, s.counted) for s in members if s.counted is not None]
        points = sum(weight * value for weight, value in counted)
        possible = sum(weight * top for weight, _ in counted)
        # VDA 6.3: element compliance E_Pn = points awarded / points possible.
        percent = Decimal(points) * HUNDRED / possible if possible else None
        answered = sum(1 for s in members if s.status is Status.ANSWERED)
        groups.append(
            GroupScore(
                group.id,
                group.module,
                group.clause,
                points,
                possible,
                percent,
                len(members),
                answered,
            )
        )
    return tuple(groups)


def _raw_grade(questionnaire: Questionnaire, overall: Decimal | None) -> Grade:
    grading = questionnaire.grading
    if overall is None or overall < grading.b_min:
        return Grade.C
    return Grade.A if overall >= grading.a_min else Grade.B


def _downgrades(
    questionnaire: Questionnaire,
    groups: tuple[GroupScore, ...],
    scores: tuple[QuestionScore, ...],
) -> tuple[Downgrade, ...]:
    """Every downgrade rule that fires, in the order groups then questions."""
    grading = questionnaire.grading
    lowest_step = min(step for step in questionnaire.scale if step > 0)
    fired: list[Downgrade] = []
    for group in groups:
        if group.percent is None:
            continue
        if group.percent < grading.b_group_floor:
            fired.append(Downgrade(Rule.GROUP_BELOW_C_FLOOR, group.id, Grade.C))
        elif group.percent < grading.a_group_floor:
            fired.append(Downgrade(Rule.GROUP_BELOW_A_FLOOR, group.id, Grade.B))
    for score in scores:
        value, question = score.counted, score.question
        if value is None:
            continue
        if question.knockout and value == 0:
            fired.append(Downgrade(Rule.KNOCKOUT_ZERO, question.id, Grade.C))
        elif question.knockout and value == lowest_step:
            fired.append(Downgrade(Rule.KNOCKOUT_LOW, question.id, Grade.B))
        elif value == 0:
            fired.append(Downgrade(Rule.QUESTION_ZERO, question.id, Grade.B))
    return tuple(fired)


def _format(percent: Decimal | None) -> str:
    return "n/a" if percent is None else f"{percent:.1f}%"


def assess(questionnaire: Questionnaire, table: ActionTable, answers: Answers) -> Assessment:
    """Score ``answers`` (already validated against ``questionnaire``)."""
    scope = modules_in_scope(questionnaire, answers)
    scores = _question_scores(questionnaire, answers, scope)
    groups = _group_scores(questionnaire, scores, scope)
    trace = [f"modules in scope: {', '.join(scope)}"]
    trace += [
        f"group {g.id}: {g.points}/{g.possible} points = {_format(g.percent)}" for g in groups
    ]
    modules = tuple(
        ModuleScore(
            module,
            _mean([g.percent for g in groups if g.module == module and g.percent is not None]),
            tuple(g.id for g in groups if g.module == module),
        )
        for module in scope
    )
    percents = [g.percent for g in groups if g.percent is not None]
    overall = _mean(percents)
    trace.append(f"overall = mean of {len(percents)} group percentages = {_format(overall)}")
    raw_grade = _raw_grade(questionnaire, overall)
    trace.append(
        f"grade {raw_grade.value} from overall (A >= {questionnaire.grading.a_min}%, "
        f"B >= {questionnaire.grading.b_min}%)"
    )
    downgrades = _downgrades(questionnaire, groups, scores)
    grade = raw_grade
    for downgrade in downgrades:
        capped = grade.capped_at(downgrade.cap)
        effect = f"downgrade to {capped.value}" if capped is not grade else "no further effect"
        trace.append(
            f"{downgrade.rule.value} ({downgrade.subject}): at most {downgrade.cap.value}, {effect}"
        )
        grade = capped
    counted = {s.question.id: s.counted for s in scores}
    knockouts = tuple(
        KnockOut(
            d.subject,
            questionnaire.question_index[d.subject].clause,
            counted[d.subject] or 0,
            d.cap,
        )
        for d in downgrades
        if d.rule in KNOCKOUT_RULES
    )
    top_band = questionnaire.grading.gap_below
    unsupported = tuple(
        s.question.id
        for s in scores
        if s.status is Status.ANSWERED and (s.score or 0) >= top_band and not s.evidence
    )
    if unsupported:
        trace.append(f"{len(unsupported)} answers scored {top_band}+ without evidence")
    gaps = find_gaps(
        [(s.question, s.counted) for s in scores if s.counted is not None],
        table,
        questionnaire.grading.gap_below,
    )
    return Assessment(
        questionnaire.ref,
        overall,
        raw_grade,
        grade,
        groups,
        modules,
        scores,
        knockouts,
        downgrades,
        gaps,
        unsupported,
        tuple(trace),
    )
