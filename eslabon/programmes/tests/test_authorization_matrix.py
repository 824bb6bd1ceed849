"""Authorization matrix of every programme view: role × owner × action.

The records under test belong to the supplier of the shared ``cast``; the programme is run
by the cast's operator organisation. Besides the registry's seven roles, two more: ``admin``
(staff, no membership) and ``foreign_officer`` (a member of another operator organisation,
who reads every programme but changes none of this one). No company may see another's
application, plan, budget share, evidence or certificate. A new view without a row here
fails ``test_every_programme_url_is_in_the_matrix``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import pytest
from django.core.files.base import ContentFile
from django.template.defaultfilters import floatformat
from django.urls import get_resolver, reverse

from eslabon.programmes import services
from eslabon.programmes.choices import CallStatus
from eslabon.programmes.models import Deliverable, Session
from eslabon.programmes.tests.factories import (
    CallFactory,
    CourseFactory,
    GoalFactory,
    ServiceFactory,
)
from eslabon.registry.tests import test_authorization_matrix as registry_matrix
from eslabon.registry.tests.factories import OrganizationFactory, UserFactory, member_of
from eslabon.registry.tests.test_authorization_matrix import (
    FORBIDDEN,
    LOGIN,
    MISSING,
    OK,
    REDIRECT,
    _outcome,
)

ROLES = (*registry_matrix.ROLES, "admin", "foreign_officer")


def _everyone(outcome: str, **overrides: str) -> dict[str, str]:
    """Staff and officers of another operator get the operator's outcome unless told."""
    grant = {role: overrides.get(role, outcome) for role in registry_matrix.ROLES}
    grant["admin"] = overrides.get("admin", grant["operator"])
    grant["foreign_officer"] = overrides.get("foreign_officer", grant["operator"])
    return grant


def _members_only(**overrides: str) -> dict[str, str]:
    return _everyone(OK, anonymous=LOGIN, **overrides)


OPERATORS_ONLY = _everyone(FORBIDDEN, anonymous=LOGIN, operator=OK)
MANAGERS_WRITE = _everyone(FORBIDDEN, anonymous=LOGIN, operator=REDIRECT, foreign_officer=FORBIDDEN)
OWNER_READ = _everyone(MISSING, anonymous=LOGIN, supplier=OK, operator=OK)
OWNER_WRITE = _everyone(
    MISSING, anonymous=LOGIN, supplier=REDIRECT, operator=REDIRECT, foreign_officer=FORBIDDEN
)
MANAGER_OWNED_WRITE = _everyone(
    MISSING, anonymous=LOGIN, supplier=FORBIDDEN, operator=REDIRECT, foreign_officer=FORBIDDEN
)
PUBLIC = _everyone(OK)


def _user_for(cast: Any, stranger: Any, role: str) -> Any:
    if role == "admin":
        return UserFactory(is_staff=True, is_superuser=True)
    if role == "foreign_officer":
        return member_of(OrganizationFactory(is_supplier=False, is_operator=True, tier=""))
    return registry_matrix._user_for(cast, stranger, role)


@dataclass
class World:
    cast: Any
    programme: Any
    call: Any
    application: Any
    plan: Any
    item: Any
    deliverable: Any
    course: Any
    enrolment: Any
    completed: Any
    session: Any
    draft: Any
    goal: Any


@pytest.fixture
def world(cast: Any, settings: Any, tmp_path: Any) -> World:
    settings.MEDIA_ROOT = tmp_path
    service = ServiceFactory(programme__operator=cast.operator_org)
    programme = service.programme
    call = CallFactory(programme=programme)
    application = services.submit_application(call, cast.supplier_org, {}, cast.supplier)
    plan = services.build_plan(programme, cast.supplier_org, cast.operator)
    item = services.add_plan_item(plan, service, cast.operator)
    deliverable = Deliverable.objects.create(plan_item=item, title="Informe PPAP")
    deliverable.evidence.save("informe.pdf", ContentFile(b"%PDF-1.7 informe"))
    course = CourseFactory(service=service, seats=5)
    enrolment = services.enrol(course, cast.supplier_org, "Ana", cast.supplier)
    completed = services.complete(
        services.enrol(course, cast.supplier_org, "Luis", cast.supplier), cast.operator
    )
    session = Session.objects.create(
        course=course, title="PPAP día 1", starts_at=dt.datetime(2026, 5, 4, 9, tzinfo=dt.UTC)
    )
    draft = CallFactory(programme=programme, status=CallStatus.DRAFT)
    goal = GoalFactory(programme=programme)
    return World(
        cast, programme, call, application, plan, item, deliverable, course, enrolment,
        completed, session, draft, goal,
    )  # fmt: skip


@dataclass(frozen=True)
class Row:
    name: str
    url: Callable[[World], str]
    method: str
    expected: dict[str, str]
    data: Callable[[World], dict[str, Any]] | None = None


def _url(name: str, *attrs: str) -> Callable[[World], str]:
    def build(world: World) -> str:
        args = []
        for attr in attrs:
            value: Any = world
            for part in attr.split("."):
                value = getattr(value, part)
            args.append(value)
        return reverse(f"programmes:{name}", args=args)

    build.view_name = name  # type: ignore[attr-defined]
    return build


def _query(build: Callable[[World], str], **params: Any) -> Callable[[World], str]:
    def with_query(world: World) -> str:
        return f"{build(world)}?{urlencode(params)}"

    with_query.view_name = build.view_name  # type: ignore[attr-defined]
    return with_query


# Set-up forms: officers of the programme's operator and staff; another operator's officers
# are refused before the form is shown.
OPERATORS_ONLY_FORM = _everyone(FORBIDDEN, anonymous=LOGIN, operator=OK, foreign_officer=FORBIDDEN)

# Draft calls are hidden from companies altogether.
DRAFT_FORM = _everyone(MISSING, anonymous=LOGIN, operator=OK, foreign_officer=FORBIDDEN)
DRAFT_WRITE = _everyone(MISSING, anonymous=LOGIN, operator=REDIRECT, foreign_officer=FORBIDDEN)

_PROGRAMME = {"name": "Proveedores 2027", "starts_on": "2027-01-01", "ends_on": "2027-12-31"}


def _call_data(world: World) -> dict[str, Any]:
    return {
        "title": "Segunda convocatoria", "opens_on": "2026-06-01", "closes_on": "2026-06-30",
        "questions_text": "¿Por qué?", "rules-TOTAL_FORMS": "1", "rules-INITIAL_FORMS": "0",
        "rules-0-kind": "size_in", "rules-0-values": "small, medium",
    }  # fmt: skip


def _goal_data(world: World) -> dict[str, Any]:
    return {
        "description": "20 empresas capacitadas", "metric": "trained", "target_value": "20",
        "due_on": "2027-06-30",
    }  # fmt: skip


def _service_data(world: World) -> dict[str, Any]:
    return {
        "kind": "audit", "name": "Auditoría IATF", "provider": "Organismo certificador",
        "cost": "120000.00", "subsidy_share": "0.7",
        "budget_line": world.item.service.budget_line_id, "closes_gaps": "ct-iatf",
    }  # fmt: skip


def _course_data(world: World) -> dict[str, Any]:
    return {
        "service": world.item.service_id, "title": "FMEA", "provider": "Clúster",
        "closes_gaps": "ct-fmea", "seats": "12", "starts_on": "2026-07-01",
        "ends_on": "2026-07-03", "hours": "16",
    }  # fmt: skip


def _session_data(world: World) -> dict[str, Any]:
    return {"course": world.course.pk, "title": "FMEA día 1", "starts_at": "2026-07-01T09:00"}


MATRIX = [
    Row("programme list", _url("programme_list"), "get", OPERATORS_ONLY),
    Row("programme detail", _url("programme_detail", "programme.pk"), "get", OPERATORS_ONLY),
    Row("outcomes report", _url("report", "programme.pk"), "get", OPERATORS_ONLY),
    Row("funder workbook", _url("report_xlsx", "programme.pk"), "get", OPERATORS_ONLY),
    Row("funder PDF", _url("report_pdf", "programme.pk"), "get", OPERATORS_ONLY),
    Row(
        "build a company plan",
        _url("plan_build", "programme.pk", "cast.other_supplier_org.pk"),
        "post",
        MANAGERS_WRITE,
    ),
    Row("new call form", _url("call_create", "programme.pk"), "get", OPERATORS_ONLY_FORM),
    Row("create a call", _url("call_create", "programme.pk"), "post", MANAGERS_WRITE, _call_data),
    Row("edit a draft call", _url("call_edit", "draft.pk"), "get", DRAFT_FORM),
    Row("change a draft call", _url("call_edit", "draft.pk"), "post", DRAFT_WRITE, _call_data),
    Row("one more rule row (htmx)", _query(_url("rule_row"), index=1), "get", OPERATORS_ONLY),
    Row("new programme form", _url("programme_create"), "get", OPERATORS_ONLY),
    Row(
        "create a programme",
        _url("programme_create"),
        "post",
        # An officer of another operator may not pick this operator: the form refuses it.
        _everyone(FORBIDDEN, anonymous=LOGIN, operator=REDIRECT, foreign_officer=OK),
        lambda world: {**_PROGRAMME, "operator": world.cast.operator_org.pk},
    ),
    Row("edit a programme", _url("programme_edit", "programme.pk"), "get", OPERATORS_ONLY_FORM),
    Row(
        "change a programme",
        _url("programme_edit", "programme.pk"),
        "post",
        MANAGERS_WRITE,
        lambda world: {**_PROGRAMME, "operator": world.cast.operator_org.pk},
    ),
    Row("new goal form", _url("goal_create", "programme.pk"), "get", OPERATORS_ONLY_FORM),
    Row("create a goal", _url("goal_create", "programme.pk"), "post", MANAGERS_WRITE, _goal_data),
    Row("edit a goal", _url("goal_edit", "goal.pk"), "get", OPERATORS_ONLY_FORM),
    Row("change a goal", _url("goal_edit", "goal.pk"), "post", MANAGERS_WRITE, _goal_data),
    Row("new budget line", _url("budget_line_create", "programme.pk"), "get", OPERATORS_ONLY_FORM),
    Row(
        "create a budget line",
        _url("budget_line_create", "programme.pk"),
        "post",
        MANAGERS_WRITE,
        lambda world: {"name": "Auditorías", "allocated": "250000.00"},
    ),
    Row(
        "edit a budget line",
        _url("budget_line_edit", "item.service.budget_line.pk"),
        "get",
        OPERATORS_ONLY_FORM,
    ),
    Row(
        "change a budget line",
        _url("budget_line_edit", "item.service.budget_line.pk"),
        "post",
        MANAGERS_WRITE,
        lambda world: {"name": "Capacitación", "allocated": "900000.00"},
    ),
    Row("new service form", _url("service_create", "programme.pk"), "get", OPERATORS_ONLY_FORM),
    Row(
        "create a service",
        _url("service_create", "programme.pk"),
        "post",
        MANAGERS_WRITE,
        _service_data,
    ),
    Row("edit a service", _url("service_edit", "item.service.pk"), "get", OPERATORS_ONLY_FORM),
    Row(
        "change a service",
        _url("service_edit", "item.service.pk"),
        "post",
        MANAGERS_WRITE,
        _service_data,
    ),
    Row("new course form", _url("course_create", "programme.pk"), "get", OPERATORS_ONLY_FORM),
    Row(
        "create a course",
        _url("course_create", "programme.pk"),
        "post",
        MANAGERS_WRITE,
        _course_data,
    ),
    Row("edit a course", _url("course_edit", "course.pk"), "get", OPERATORS_ONLY_FORM),
    Row("change a course", _url("course_edit", "course.pk"), "post", MANAGERS_WRITE, _course_data),
    Row("new session form", _url("session_create", "programme.pk"), "get", OPERATORS_ONLY_FORM),
    Row(
        "create a session",
        _url("session_create", "programme.pk"),
        "post",
        MANAGERS_WRITE,
        _session_data,
    ),
    Row("edit a session", _url("session_edit", "session.pk"), "get", OPERATORS_ONLY_FORM),
    Row(
        "change a session",
        _url("session_edit", "session.pk"),
        "post",
        MANAGERS_WRITE,
        _session_data,
    ),
    Row(
        "cancel an approval",
        _url("plan_item_cancel", "item.pk"),
        "post",
        MANAGER_OWNED_WRITE,
        lambda world: {"reason": "La empresa desistió"},
    ),
    Row("verify a certificate (form)", _url("certificate_lookup"), "get", PUBLIC),
    Row(
        "verify a certificate",
        _url("certificate_verify", "completed.verification_code"),
        "get",
        PUBLIC,
    ),
    Row("open calls", _url("open_calls"), "get", _members_only()),
    Row(
        "application form",
        _url("apply", "call.pk"),
        "get",
        _members_only(stranger=FORBIDDEN, buyer=FORBIDDEN, operator=FORBIDDEN),
    ),
    Row(
        "open or close a call",
        _url("call_status", "call.pk"),
        "post",
        MANAGERS_WRITE,
        data=lambda world: {"status": "closed"},
    ),
    Row("applications of a call", _url("call_applications", "call.pk"), "get", OPERATORS_ONLY),
    Row(
        "review an application", _url("application_review", "application.pk"), "get", OPERATORS_ONLY
    ),
    Row(
        "decide an application",
        _url("application_review", "application.pk"),
        "post",
        MANAGERS_WRITE,
        data=lambda world: {"status": "selected", "reasons": "Gap PPAP", "score_need": 8},
    ),
    Row("a company's plan", _url("plan_detail", "plan.pk"), "get", OWNER_READ),
    Row(
        "add a service to a plan",
        _url("plan_detail", "plan.pk"),
        "post",
        MANAGER_OWNED_WRITE,
        data=lambda world: {"service": world.item.service_id},
    ),
    Row("approve a plan item", _url("plan_item_approve", "item.pk"), "post", MANAGER_OWNED_WRITE),
    Row(
        "add a deliverable",
        _url("deliverable_create", "item.pk"),
        "post",
        MANAGER_OWNED_WRITE,
        data=lambda world: {"title": "Informe final"},
    ),
    Row(
        "accept a deliverable",
        _url("deliverable_accept", "deliverable.pk"),
        "post",
        MANAGER_OWNED_WRITE,
    ),
    Row(
        "mark a plan item delivered",
        _url("plan_item_delivered", "item.pk"),
        "post",
        MANAGER_OWNED_WRITE,
    ),
    Row("hand in evidence", _url("deliverable_evidence", "deliverable.pk"), "post", OWNER_WRITE),
    Row("evidence file", _url("evidence_file", "deliverable.pk"), "get", OWNER_READ),
    Row("attendance", _url("session_attendance", "session.pk"), "get", OPERATORS_ONLY),
    Row(
        "record attendance",
        _url("session_attendance", "session.pk"),
        "post",
        MANAGERS_WRITE,
        lambda world: {"present": ["0"]},
    ),
    Row("training catalogue", _url("course_list"), "get", _members_only()),
    Row("course", _url("course_detail", "course.pk"), "get", _members_only()),
    Row("withdraw from a course", _url("enrolment_withdraw", "enrolment.pk"), "post", OWNER_WRITE),
    Row(
        "mark a course completed",
        _url("enrolment_complete", "enrolment.pk"),
        "post",
        _everyone(FORBIDDEN, anonymous=LOGIN, operator=REDIRECT, foreign_officer=FORBIDDEN),
    ),
    Row("certificate of completion (PDF)", _url("certificate", "completed.pk"), "get", OWNER_READ),
    Row("my programmes", _url("mine"), "get", _members_only()),
]


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("row", MATRIX, ids=[row.name for row in MATRIX])
def test_each_role_gets_exactly_the_access_the_matrix_grants(
    client: Any, world: World, stranger: Any, row: Row, role: str
) -> None:
    user = _user_for(world.cast, stranger, role)
    if user is not None:
        client.force_login(user)
    data = row.data(world) if row.data else {}
    url = row.url(world)
    response = client.post(url, data) if row.method == "post" else client.get(url)
    assert _outcome(response) == row.expected[role], f"{row.name} as {role}: {response.status_code}"


@pytest.mark.django_db
def test_a_company_sees_only_its_own_applications_and_budget_share(
    client: Any, world: World
) -> None:
    services.approve_plan_item(world.item.pk, world.cast.operator)
    client.force_login(world.cast.other_supplier)
    subsidy = floatformat(world.item.subsidy, "2g")  # rendered as the templates render it
    page = client.get(reverse("programmes:mine")).content.decode()
    assert str(world.cast.supplier_org) not in page
    assert subsidy not in page
    client.force_login(world.cast.supplier)
    page = client.get(reverse("programmes:mine")).content.decode()
    assert str(world.call) in page
    assert subsidy in page


@pytest.mark.django_db
def test_a_course_page_lists_only_the_viewers_own_participants(client: Any, world: World) -> None:
    services.enrol(world.course, world.cast.other_supplier_org, "Rosa", world.cast.other_supplier)
    client.force_login(world.cast.supplier)
    page = client.get(reverse("programmes:course_detail", args=[world.course.pk])).content.decode()
    assert "Ana" in page and "Rosa" not in page


def test_every_programme_url_is_in_the_matrix() -> None:
    covered = {row.url.view_name for row in MATRIX}  # type: ignore[attr-defined]
    names = {
        name
        for name in get_resolver().namespace_dict["programmes"][1].reverse_dict
        if isinstance(name, str)
    }
    assert names <= covered, names - covered
