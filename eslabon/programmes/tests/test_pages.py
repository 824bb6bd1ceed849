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
from eslabon.programmes.models import AuditEntry, Call, Goal
from eslabon.programmes.tests.factories import CallFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db


def _rules(*rows: tuple[str, str]) -> dict[str, str]:
    data = {"rules-TOTAL_FORMS": str(len(rows)), "rules-INITIAL_FORMS": "0"}
    for index, (kind, values) in enumerate(rows):
        data |= {f"rules-{index}-kind": kind, f"rules-{index}-values": values}
    return data


def test_an_officer_creates_a_draft_call_with_rules_and_questions(client: Any, cast: Any) -> None:
    programme = ProgrammeFactory(operator=cast.operator_org)
    client.force_login(cast.operator)
    response = client.post(
        reverse("programmes:call_create", args=[programme.pk]),
        {
            "title": "Convocatoria IATF",
            "opens_on": "2026-06-01",
            "closes_on": "2026-06-30",
            "questions_text": "¿Qué certificación busca?\n\n¿Cuántos empleados capacitará?",
            **_rules(("size_in", "small, medium"), ("", ""), ("state_in", "19,05")),
        },
    )
    assert response.status_code == 302
    call = Call.objects.get(title="Convocatoria IATF")
    assert call.status == "draft"
    assert call.questions == ["¿Qué certificación busca?", "¿Cuántos empleados capacitará?"]
    assert call.eligibility_rules == [
        {"kind": "size_in", "values": ["small", "medium"]},
        {"kind": "state_in", "values": ["19", "05"]},
    ]
    assert AuditEntry.objects.filter(action="call.created", actor=cast.operator).exists()
    # The edit page shows the rules back, one per row, and a change is saved and audited.
    page = client.get(reverse("programmes:call_edit", args=[call.pk])).content.decode()
    assert 'value="small, medium"' in page and 'value="19, 05"' in page
    response = client.post(
        reverse("programmes:call_edit", args=[call.pk]),
        {
            "title": "Convocatoria IATF", "opens_on": "2026-06-01", "closes_on": "2026-07-15",
            **_rules(("readiness_at_least", "B")),
        },
    )  # fmt: skip
    call.refresh_from_db()
    assert call.eligibility_rules == [{"kind": "readiness_at_least", "values": ["B"]}]
    assert call.closes_on == dt.date(2026, 7, 15) and call.questions == []
    assert AuditEntry.objects.filter(action="call.changed").exists()


def test_unknown_rule_values_are_shown_on_their_row(client: Any, cast: Any) -> None:
    programme = ProgrammeFactory(operator=cast.operator_org)
    client.force_login(cast.operator)
    response = client.post(
        reverse("programmes:call_create", args=[programme.pk]),
        {
            "title": "Mala",
            "opens_on": "2026-06-30",
            "closes_on": "2026-06-01",
            **_rules(
                ("state_in", "19, 33"), ("size_in", "giant"), ("has_process_in", "no-such"),
                ("readiness_at_least", "A, B"), ("certification_held", "iatf-16949"),
                ("", "red"),
            ),
        },
    )  # fmt: skip
    assert response.status_code == 200
    rows = response.context["rules"].forms
    assert "33" in str(rows[0].errors["values"]) and "19" not in str(rows[0].errors["values"])
    assert "giant" in str(rows[1].errors["values"])
    assert "no-such" in str(rows[2].errors["values"])
    assert "A, B" in str(rows[3].errors["values"])
    assert not rows[4].errors  # a certification of the registry
    assert "kind" in rows[5].errors
    assert "closes_on" in response.context["form"].errors
    assert not Call.objects.filter(title="Mala").exists()


def test_an_open_call_cannot_be_changed(client: Any, cast: Any) -> None:
    call = CallFactory(programme=ProgrammeFactory(operator=cast.operator_org))
    client.force_login(cast.operator)
    response = client.post(
        reverse("programmes:call_edit", args=[call.pk]),
        {"title": "Otra", "opens_on": "2026-06-01", "closes_on": "2026-06-30", **_rules()},
    )
    assert response.status_code == 302
    call.refresh_from_db()
    assert call.title != "Otra"
    stale = Call.objects.get(pk=call.pk)
    stale.status = "draft"  # what an edit form opened before the call was opened holds
    stale.title = "Otra"
    with pytest.raises(services.ProgrammeError):
        services.update_call(stale, cast.operator)
    call.refresh_from_db()
    assert call.title != "Otra" and call.status == "open"


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


def test_the_add_a_rule_button_brings_one_row_and_counts_it(client: Any, cast: Any) -> None:
    client.force_login(cast.operator)
    url = reverse("programmes:rule_row")
    body = client.get(url, {"index": 3}, headers={"HX-Request": "true"}).content.decode()
    assert 'name="rules-3-kind"' in body and 'name="rules-3-values"' in body
    assert 'id="id_rules-TOTAL_FORMS"' in body and 'value="4"' in body
    assert "index=4" in body and "disabled" not in body
    last = client.get(url, {"index": 19}).content.decode()
    assert "rules-19-kind" in last and "disabled" in last  # 20 rules at most
    for index in ("20", "-1", "x", ""):
        assert client.get(url, {"index": index}).status_code == 400, index
