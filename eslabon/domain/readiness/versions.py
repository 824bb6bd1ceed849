"""Rules that keep old answers valid when a questionnaire gets a new version.

A published version is never edited; a successor may add questions, retire questions (listed
in ``retired``) or rename them (``renamed``: old id -> new id), and a question it keeps keeps
its meaning: same group, level and knock-out status. Old answers therefore always score
against their own version, and can be carried forward to the successor for a re-assessment.
"""

from __future__ import annotations

from eslabon.domain.errors import InputError
from eslabon.domain.readiness.answers import Answer, Answers
from eslabon.domain.readiness.model import Questionnaire


def _successor_id(old_id: str, new: Questionnaire) -> str | None:
    renamed = dict(new.renamed)
    if old_id in renamed:
        return renamed[old_id]
    if old_id in new.question_index:
        return old_id
    return None


def check_successor(old: Questionnaire, new: Questionnaire) -> None:
    """Raise InputError when ``new`` would break answers given against ``old``."""
    where = f"{new.ref}.json"
    if old.id != new.id or new.version <= old.version:
        raise InputError(f"{where} $.version", f"{new.ref} does not succeed {old.ref}")
    for question in old.questions:
        successor = _successor_id(question.id, new)
        if successor is None:
            if question.id not in new.retired:
                raise InputError(
                    f"{where} $.questions",
                    f"{question.id!r} of {old.ref} is neither kept, renamed nor retired",
                )
            continue
        if successor not in new.question_index:
            raise InputError(
                f"{where} $.renamed", f"{question.id!r} renamed to missing {successor!r}"
            )
        kept = new.question_index[successor]
        for field in ("group", "level", "knockout"):
            if getattr(kept, field) != getattr(question, field):
                raise InputError(
                    f"{where} $.questions",
                    f"{successor!r} changes its {field} from {old.ref}; give it a new id",
                )
    old_groups = {group.id for group in old.groups}
    for group in old_groups - set(new.group_index):
        raise InputError(f"{where} $.groups", f"group {group!r} of {old.ref} disappeared")


def carry_forward(answers: Answers, old: Questionnaire, new: Questionnaire) -> Answers:
    """Answers of ``old`` restated against ``new``: renamed ids followed, retired ones dropped.

    New questions stay unanswered, so the re-assessment shows them as open.
    """
    check_successor(old, new)
    carried: list[Answer] = []
    for answer in answers.answers:
        successor = _successor_id(answer.question, new)
        if successor is not None:
            carried.append(Answer(successor, answer.score, answer.evidence, answer.comment))
    return Answers(new.ref, tuple(carried), answers.modules)
