from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse

from eslabon.programmes import readiness_link, selectors, services
from eslabon.programmes.choices import ApplicationStatus, GoalMetric
from eslabon.programmes.models import Call, Goal
from eslabon.programmes.tests.factories import CallFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db


def test_an_officer_creates_a_draft_call_with_rules_and_questions(client: Any, cast: Any) -> None:
    programme = ProgrammeFactory(operator=cast.operator_org)
    client.force_login(cast.operator)
    response = client.post(
        reverse("programmes:call_create", args=[programme.pk]),
        {
            "title": "Convocatoria IATF",
            "opens_on": "2026-06-01",
            "closes_on": "2026-06-30",
            "eligibility_rules": json.dumps([{"kind": "size_in", "values": ["small"]}]),
            "questions_text": "¿Qué certificación busca?\n\n¿Cuántos empleados capacitará?",
        },
    )
    assert response.status_code == 302
    call = Call.objects.get(title="Convocatoria IATF")
    assert call.status == "draft"
    assert call.questions == ["¿Qué certificación busca?", "¿Cuántos empleados capacitará?"]


def test_a_malformed_rule_is_shown_with_its_json_path(client: Any, cast: Any) -> None:
    programme = ProgrammeFactory(operator=cast.operator_org)
    client.force_login(cast.operator)
    response = client.post(
        reverse("programmes:call_create", args=[programme.pk]),
        {
            "title": "Mala",
            "opens_on": "2026-06-30",
            "closes_on": "2026-06-01",
            "eligibility_rules": json.dumps([{"kind": "colour_in", "values": ["red"]}]),
        },
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "$[0].kind" in str(errors["eligibility_rules"])
    assert "closes_on" in errors
    assert not Call.objects.filter(title="Mala").exists()


def test_an_officer_of_another_operator_cannot_change_the_programme(client: Any, cast: Any) -> None:
    programme = ProgrammeFactory()  # run by another operator organisation
    client.force_login(cast.operator)
    assert (
        client.get(reverse("programmes:programme_detail", args=[programme.pk])).status_code == 200
    )
    response = client.post(
        reverse("programmes:call_status", args=[CallFactory(programme=programme).pk]),
        {"status": "closed"},
    )
    assert response.status_code == 403


def test_the_readiness_engine_grades_stored_answers() -> None:
    data = json.loads(Path("docs/examples/readiness-answers.json").read_text())
    readiness = readiness_link.readiness_from_answers(data)
    assert readiness.grade == "C"
    assert "ct-ppap" in readiness.gap_groups and "ct-msa" in readiness.gap_groups


def test_a_grade_goal_counts_participants_at_or_above_the_grade(
    cast: Any, monkeypatch: Any
) -> None:
    grades = {cast.supplier_org.pk: "B", cast.other_supplier_org.pk: "C"}
    monkeypatch.setattr(
        readiness_link, "readiness_of", lambda org: readiness_link.Readiness(grades[org.pk], ())
    )
    call = CallFactory(eligibility_rules=[])
    for org in (cast.supplier_org, cast.other_supplier_org):
        application = services.submit_application(call, org, {}, None)
        services.decide_application(
            application, status=ApplicationStatus.SELECTED, scores={}, committee_decision="",
            reasons="ok", actor=cast.operator,
        )  # fmt: skip
    Goal.objects.create(
        programme=call.programme, description="Grado B", metric=GoalMetric.COMPANIES_GRADE,
        parameter="B", target_value=Decimal(4), due_on=dt.date(2027, 1, 1),
    )  # fmt: skip
    progress = selectors.programme_report(call.programme).goals[0]
    assert (progress.reached, progress.share, progress.cost_per_outcome) == (1, Decimal("25.0"), 0)
