"""Officers set up programmes on the pages: validation, scoping of choices, audit lines."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse

from eslabon.programmes import services
from eslabon.programmes.models import AuditEntry, BudgetLine, Goal, Programme, Service
from eslabon.programmes.tests.factories import (
    BudgetLineFactory,
    CourseFactory,
    ProgrammeFactory,
    ServiceFactory,
)
from eslabon.registry.tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


def _post(client: Any, name: str, args: list[Any], data: dict[str, Any]) -> Any:
    return client.post(reverse(f"programmes:{name}", args=args), data)


def test_an_officer_creates_a_programme_for_their_own_operator_only(client: Any, cast: Any) -> None:
    client.force_login(cast.operator)
    data = {"name": "Proveedores 2027", "starts_on": "2027-01-01", "ends_on": "2027-12-31"}
    foreign = OrganizationFactory(is_supplier=False, is_operator=True, tier="")
    response = _post(client, "programme_create", [], {**data, "operator": foreign.pk})
    assert response.status_code == 200 and "operator" in response.context["form"].errors
    response = _post(
        client, "programme_create", [], {**data, "operator": cast.operator_org.pk,
                                         "ends_on": "2026-12-31"},
    )  # fmt: skip
    assert "ends_on" in response.context["form"].errors
    response = _post(client, "programme_create", [], {**data, "operator": cast.operator_org.pk})
    programme = Programme.objects.get(name="Proveedores 2027")
    assert response["Location"] == reverse("programmes:programme_detail", args=[programme.pk])
    entry = AuditEntry.objects.get(action="programme.created")
    assert entry.programme == programme and entry.actor == cast.operator


def test_goal_parameters_are_checked_against_the_metric(client: Any, cast: Any) -> None:
    programme = ProgrammeFactory(operator=cast.operator_org)
    client.force_login(cast.operator)
    base = {"description": "40 empresas IATF", "target_value": "40", "due_on": "2027-12-31"}
    for data, field in (
        ({"metric": "certified", "parameter": "iatf-99999"}, "parameter"),
        ({"metric": "grade", "parameter": "D"}, "parameter"),
        ({"metric": "trained", "parameter": "iatf-16949"}, "parameter"),
        ({"metric": "trained", "reported_value": "3"}, "reported_value"),
    ):
        response = _post(client, "goal_create", [programme.pk], {**base, **data})
        assert field in response.context["form"].errors, data
    _post(client, "goal_create", [programme.pk], {**base, "metric": "certified",
                                                 "parameter": "iatf-16949"})  # fmt: skip
    goal = Goal.objects.get(programme=programme)
    assert goal.parameter == "iatf-16949"
    # The officer records the figure of a reported goal (imports substituted) on its page.
    response = _post(
        client, "goal_edit", [goal.pk],
        {**base, "description": "MXN 500 millones sustituidos", "metric": "reported",
         "target_value": "500000000", "reported_value": "125000000.50"},
    )  # fmt: skip
    goal.refresh_from_db()
    assert goal.reported_value == Decimal("125000000.50")
    assert AuditEntry.objects.filter(action="goal.changed", programme=programme).exists()


def test_a_budget_line_allocation_never_falls_below_what_is_committed(
    client: Any, cast: Any
) -> None:
    line = BudgetLineFactory(programme__operator=cast.operator_org, allocated=Decimal("50000.00"))
    service = ServiceFactory(programme=line.programme, budget_line=line)  # subsidy 40,500.00
    plan = services.build_plan(line.programme, cast.supplier_org, cast.operator)
    services.approve_plan_item(services.add_plan_item(plan, service, None).pk, cast.operator)
    client.force_login(cast.operator)
    response = _post(client, "budget_line_edit", [line.pk], {"name": "X", "allocated": "40499.99"})
    assert response.status_code == 200
    assert "40500.00" in str(response.context["form"].non_field_errors())
    _post(client, "budget_line_edit", [line.pk], {"name": "Capacitación", "allocated": "40500.00"})
    line.refresh_from_db()
    assert (line.name, line.allocated, line.committed) == (
        "Capacitación", Decimal("40500.00"), Decimal("40500.00"),
    )  # fmt: skip


def test_renaming_a_line_keeps_a_commitment_made_after_the_form_was_read(cast: Any) -> None:
    line = BudgetLineFactory(allocated=Decimal("100000.00"))
    stale = BudgetLine.objects.get(pk=line.pk)  # what the edit form holds
    service = ServiceFactory(programme=line.programme, budget_line=line)
    plan = services.build_plan(line.programme, cast.supplier_org, None)
    services.approve_plan_item(services.add_plan_item(plan, service, None).pk, cast.operator)
    stale.name = "Renombrada"
    services.save_budget_line(stale, cast.operator, ["name"])
    line.refresh_from_db()
    assert (line.name, line.committed) == ("Renombrada", Decimal("40500.00"))


def test_a_service_draws_only_on_its_own_programmes_budget_lines(client: Any, cast: Any) -> None:
    programme = ProgrammeFactory(operator=cast.operator_org)
    own, foreign = BudgetLineFactory(programme=programme), BudgetLineFactory()
    client.force_login(cast.operator)
    data = {
        "kind": "consultancy", "name": "Horas de consultoría", "provider": "Consultora",
        "cost": "100.01", "subsidy_share": "0.9", "closes_gaps": "ct-ppap, ct-fmea",
    }  # fmt: skip
    response = _post(client, "service_create", [programme.pk], {**data, "budget_line": foreign.pk})
    assert "budget_line" in response.context["form"].errors
    response = _post(client, "service_create", [programme.pk], {**data, "subsidy_share": "1.5",
                                                               "budget_line": own.pk})  # fmt: skip
    assert "subsidy_share" in response.context["form"].errors
    _post(client, "service_create", [programme.pk], {**data, "budget_line": own.pk})
    service = Service.objects.get(programme=programme)
    assert service.closes_gaps == ["ct-ppap", "ct-fmea"] and service.cost == Decimal("100.01")
    page = client.get(reverse("programmes:service_edit", args=[service.pk])).content.decode()
    assert 'value="ct-ppap, ct-fmea"' in page


def test_courses_and_sessions_stay_inside_the_programme(client: Any, cast: Any) -> None:
    service = ServiceFactory(programme__operator=cast.operator_org)
    other_service = ServiceFactory()
    client.force_login(cast.operator)
    data = {
        "title": "MSA", "provider": "Clúster", "closes_gaps": "ct-msa", "seats": "1",
        "starts_on": "2026-08-01", "ends_on": "2026-08-02", "hours": "12",
    }  # fmt: skip
    response = _post(client, "course_create", [service.programme_id],
                     {**data, "service": other_service.pk})  # fmt: skip
    assert "service" in response.context["form"].errors
    _post(client, "course_create", [service.programme_id], {**data, "service": service.pk})
    course = service.courses.get()
    assert course.closes_gaps == ["ct-msa"] and course.hours == 12
    services.enrol(course, cast.supplier_org, "Ana", cast.supplier)
    services.enrol(course, cast.supplier_org, "Luis", cast.supplier)  # waiting list
    response = _post(client, "course_edit", [course.pk], {**data, "service": service.pk,
                                                        "seats": "0"})  # fmt: skip
    assert "seats" in response.context["form"].errors
    session = {"title": "MSA día 1", "starts_at": "2026-08-01T09:00"}
    foreign_course = CourseFactory(service=other_service)
    for extra in ({}, {"course": foreign_course.pk}):
        response = _post(client, "session_create", [service.programme_id], {**session, **extra})
        assert response.status_code == 200, extra
    _post(client, "session_create", [service.programme_id], {**session, "course": course.pk})
    assert course.sessions.get().title == "MSA día 1"
    assert AuditEntry.objects.filter(action="session.created").exists()
