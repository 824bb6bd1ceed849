"""Authorization matrix of every programme view: role × owner × action.

The records under test belong to the supplier of the shared ``cast``; the programme is run
by the cast's operator organisation. No company may see another's application, plan,
budget share, evidence or certificate. A new view without a row here fails
``test_every_programme_url_is_in_the_matrix``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.template.defaultfilters import floatformat
from django.urls import get_resolver, reverse

from eslabon.programmes import services
from eslabon.programmes.models import Deliverable, Session
from eslabon.programmes.tests.factories import CallFactory, CourseFactory, ServiceFactory
from eslabon.registry.tests.test_authorization_matrix import (
    FORBIDDEN,
    LOGIN,
    MISSING,
    OK,
    REDIRECT,
    ROLES,
    _everyone,
    _members_only,
    _outcome,
    _user_for,
)

OPERATORS_ONLY = _everyone(FORBIDDEN, anonymous=LOGIN, operator=OK)
MANAGERS_WRITE = _everyone(FORBIDDEN, anonymous=LOGIN, operator=REDIRECT)
OWNER_READ = _everyone(MISSING, anonymous=LOGIN, supplier=OK, operator=OK)
OWNER_WRITE = _everyone(MISSING, anonymous=LOGIN, supplier=REDIRECT, operator=REDIRECT)
MANAGER_OWNED_WRITE = _everyone(MISSING, anonymous=LOGIN, supplier=FORBIDDEN, operator=REDIRECT)


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
    return World(
        cast, programme, call, application, plan, item, deliverable, course, enrolment,
        completed, session,
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
    Row("new call form", _url("call_create", "programme.pk"), "get", OPERATORS_ONLY),
    Row(
        "create a call",
        _url("call_create", "programme.pk"),
        "post",
        MANAGERS_WRITE,
        data=lambda world: {
            "title": "Segunda convocatoria",
            "opens_on": "2026-06-01",
            "closes_on": "2026-06-30",
            "eligibility_rules": "[]",
            "questions_text": "¿Por qué?",
        },
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
    Row("training catalogue", _url("course_list"), "get", _members_only()),
    Row("course", _url("course_detail", "course.pk"), "get", _members_only()),
    Row("withdraw from a course", _url("enrolment_withdraw", "enrolment.pk"), "post", OWNER_WRITE),
    Row(
        "mark a course completed",
        _url("enrolment_complete", "enrolment.pk"),
        "post",
        _everyone(FORBIDDEN, anonymous=LOGIN, operator=REDIRECT),
    ),
    Row("certificate of completion", _url("certificate", "completed.pk"), "get", OWNER_READ),
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
