"""Pages where officers set a programme up: the programme, its goals, budget lines, services,
courses, sessions and calls with their eligibility rules (before: the Django admin).

Each page validates a form and hands the record to a service that saves it in one
transaction with an audit line; a budget line's allocation changes under the line's lock.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from eslabon.programmes import services
from eslabon.programmes.choices import CallStatus
from eslabon.programmes.forms import (
    BudgetLineForm,
    CallForm,
    CourseForm,
    GoalForm,
    ProgrammeForm,
    RuleFormSet,
    ServiceForm,
    SessionForm,
    rule_formset,
    rules_of,
)
from eslabon.programmes.models import BudgetLine, Call, Course, Goal, Programme, Service, Session
from eslabon.programmes.views import _programme_of_session, _require_manager, _require_officer
from eslabon.registry.models import Organization
from eslabon.registry.permissions import organization_ids
from eslabon.rendering import render_page


def _setup_page(
    request: HttpRequest,
    form: Any,
    *,
    programme: Programme | None,
    title: str,
    save: Callable[[Any], Any],
    back: str,
    extra: dict[str, Any] | None = None,
    valid: bool = True,
) -> HttpResponse:
    """One set-up form: validate, let the service save in a transaction, or show errors."""
    if request.method == "POST" and form.is_valid() and valid:
        try:
            save(form)
        except services.ProgrammeError as error:
            form.add_error(None, str(error))
        except ValidationError as error:  # the model's own checks, e.g. the rules' JSON
            form.add_error(None, error)
        else:
            messages.success(request, _("Saved."))
            return redirect(back)
    context = {"form": form, "programme": programme, "title": title, "back": back, **(extra or {})}
    return render_page(request, "programmes/setup_form.html", context)


def _operators_for(user: Any) -> Any:
    operators = Organization.objects.filter(is_operator=True)
    return operators if user.is_staff else operators.filter(pk__in=organization_ids(user))


def _managed_programme(request: HttpRequest, pk: int) -> Programme:
    programme = get_object_or_404(Programme.objects.visible_to(request.user), pk=pk)
    _require_manager(request, programme)
    return programme


def _changed(form: Any) -> list[str]:
    return list(form.changed_data)


@login_required
def programme_create(request: HttpRequest) -> HttpResponse:
    _require_officer(request)
    operators = _operators_for(request.user)
    if not operators.exists():
        raise PermissionDenied
    form = ProgrammeForm(request.POST or None, operators=operators)
    saved: list[Programme] = []

    def save(form: Any) -> None:
        saved.append(services.save_setup(form.instance, None, request.user, _changed(form)))

    response = _setup_page(
        request, form, programme=None, title=_("New programme"), save=save,
        back=reverse("programmes:programme_list"),
    )  # fmt: skip
    if saved:
        return redirect("programmes:programme_detail", saved[0].pk)
    return response


@login_required
def programme_edit(request: HttpRequest, pk: int) -> HttpResponse:
    programme = _managed_programme(request, pk)
    operators = _operators_for(request.user) | Organization.objects.filter(pk=programme.operator_id)
    form = ProgrammeForm(request.POST or None, instance=programme, operators=operators.distinct())
    return _setup_page(
        request, form, programme=programme, title=_("Edit the programme"),
        save=lambda f: services.save_setup(f.instance, f.instance, request.user, _changed(f)),
        back=reverse("programmes:programme_detail", args=[programme.pk]),
    )  # fmt: skip


def _child_page(
    request: HttpRequest,
    programme: Programme,
    form_class: Any,
    instance: Any,
    title: str,
    save: Callable[[Any], Any] | None = None,
    scoped: bool = False,
) -> HttpResponse:
    """A form for one record of ``programme``; ``scoped`` forms offer only its choices."""
    form_kwargs = {"programme": programme} if scoped else {}

    def save_setup(form: Any) -> Any:
        return services.save_setup(form.instance, programme, request.user, _changed(form))

    form = form_class(request.POST or None, instance=instance, **form_kwargs)
    return _setup_page(
        request, form, programme=programme, title=title, save=save or save_setup,
        back=reverse("programmes:programme_detail", args=[programme.pk]),
    )  # fmt: skip


@login_required
def goal_edit(
    request: HttpRequest, pk: int | None = None, goal_pk: int | None = None
) -> HttpResponse:
    goal = get_object_or_404(Goal, pk=goal_pk) if goal_pk else None
    programme = _managed_programme(request, goal.programme_id if goal else pk)  # type: ignore[arg-type]
    title = _("Edit the goal") if goal else _("New goal")
    return _child_page(request, programme, GoalForm, goal or Goal(programme=programme), title)


@login_required
def budget_line_edit(
    request: HttpRequest, pk: int | None = None, line_pk: int | None = None
) -> HttpResponse:
    line = get_object_or_404(BudgetLine, pk=line_pk) if line_pk else None
    programme = _managed_programme(request, line.programme_id if line else pk)  # type: ignore[arg-type]
    title = _("Edit the budget line") if line else _("New budget line")
    return _child_page(
        request, programme, BudgetLineForm, line or BudgetLine(programme=programme), title,
        save=lambda f: services.save_budget_line(f.instance, request.user, _changed(f)),
    )  # fmt: skip


@login_required
def service_edit(
    request: HttpRequest, pk: int | None = None, service_pk: int | None = None
) -> HttpResponse:
    service = get_object_or_404(Service, pk=service_pk) if service_pk else None
    programme = _managed_programme(request, service.programme_id if service else pk)  # type: ignore[arg-type]
    title = _("Edit the service") if service else _("New service")
    return _child_page(
        request, programme, ServiceForm, service or Service(programme=programme), title
    )


@login_required
def course_edit(
    request: HttpRequest, pk: int | None = None, course_pk: int | None = None
) -> HttpResponse:
    course = get_object_or_404(Course, pk=course_pk) if course_pk else None
    if course is not None and course.service_id is None:
        raise PermissionDenied  # a course outside any programme is kept in the administration
    programme = _managed_programme(request, course.service.programme_id if course else pk)  # type: ignore[union-attr,arg-type]
    title = _("Edit the course") if course else _("New course")
    return _child_page(request, programme, CourseForm, course or Course(), title, scoped=True)


@login_required
def session_edit(
    request: HttpRequest, pk: int | None = None, session_pk: int | None = None
) -> HttpResponse:
    session = get_object_or_404(Session, pk=session_pk) if session_pk else None
    programme = _managed_programme(request, _programme_of_session(session) if session else pk)  # type: ignore[arg-type]
    title = _("Edit the session") if session else _("New session")
    return _child_page(request, programme, SessionForm, session or Session(), title, scoped=True)


def _call_page(request: HttpRequest, programme: Programme, call: Call, title: str) -> HttpResponse:
    form = CallForm(request.POST or None, instance=call)
    rules = rule_formset(request.POST or None, call)
    rules_valid = request.method != "POST" or rules.is_valid()

    def save(form: Any) -> None:
        form.instance.eligibility_rules = rules_of(rules)
        form.instance.full_clean()
        if form.instance.pk:
            services.update_call(form.instance, request.user, [*_changed(form), "rules"])
        else:
            services.save_setup(form.instance, programme, request.user, _changed(form))

    return _setup_page(
        request, form, programme=programme, title=title, save=save, valid=rules_valid,
        back=reverse("programmes:programme_detail", args=[programme.pk]),
        extra={"rules": rules},
    )  # fmt: skip


@login_required
def call_create(request: HttpRequest, pk: int) -> HttpResponse:
    programme = _managed_programme(request, pk)
    return _call_page(request, programme, Call(programme=programme), _("New call"))


@login_required
def call_edit(request: HttpRequest, pk: int) -> HttpResponse:
    call = get_object_or_404(Call.objects.visible_to(request.user), pk=pk)
    programme = _managed_programme(request, call.programme_id)
    if call.status != CallStatus.DRAFT:
        messages.error(request, _("Only a draft call can be changed."))
        return redirect("programmes:programme_detail", programme.pk)
    return _call_page(request, programme, call, _("Edit the call"))


@login_required
def rule_row(request: HttpRequest) -> HttpResponse:
    """HTMX: one more empty rule row for the call form, and the form's new row count."""
    _require_officer(request)
    try:
        index = int(request.GET.get("index", ""))
    except ValueError:
        index = -1
    if not 0 <= index < RuleFormSet.max_num:
        return HttpResponseBadRequest(_("No more rules can be added."))
    context = {
        "rule": RuleFormSet.form(prefix=f"rules-{index}"),
        "index": index,
        "next_index": index + 1,
        "max_rules": RuleFormSet.max_num,
    }
    return render(request, "programmes/partials/rule_row.html", context)
