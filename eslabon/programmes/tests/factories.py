"""factory_boy factories for programmes; the operator organisation comes from the caller."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import factory
from django.utils import timezone

from eslabon.programmes import models
from eslabon.programmes.choices import CallStatus, GoalMetric, ServiceKind
from eslabon.registry.tests.factories import OrganizationFactory


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Programme

    operator = factory.SubFactory(OrganizationFactory, is_supplier=False, is_operator=True, tier="")
    name = factory.Sequence(lambda n: f"Proveedores de Exportación {n}")
    funder = "Secretaría de Economía del Estado"
    starts_on = dt.date(2026, 1, 1)
    ends_on = dt.date(2027, 12, 31)


class GoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Goal

    programme = factory.SubFactory(ProgrammeFactory)
    description = "40 empresas con certificación IATF 16949 en 2027"
    metric = GoalMetric.COMPANIES_CERTIFIED
    parameter = "iatf-16949"
    target_value = Decimal(40)
    due_on = dt.date(2027, 12, 31)


class BudgetLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.BudgetLine

    programme = factory.SubFactory(ProgrammeFactory)
    name = "Capacitación y diagnóstico"
    allocated = Decimal("1000000.00")


class CallFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Call

    programme = factory.SubFactory(ProgrammeFactory)
    title = "Convocatoria 2026: 35 PyMEs a mercados internacionales"
    # Open today: applications are received only between the two dates.
    opens_on = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=30))
    closes_on = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=60))
    status = CallStatus.OPEN
    eligibility_rules = factory.LazyFunction(
        lambda: [
            {"kind": "state_in", "values": ["19"]},
            {"kind": "size_in", "values": ["micro", "small", "medium"]},
        ]
    )
    questions = factory.LazyFunction(lambda: ["¿Qué certificación busca?"])


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Service

    programme = factory.SubFactory(ProgrammeFactory)
    kind = ServiceKind.TRAINING
    name = "Curso PPAP"
    provider = "Clúster Automotriz"
    cost = Decimal("45000.00")
    subsidy_share = Decimal("0.9")
    budget_line = factory.SubFactory(
        BudgetLineFactory, programme=factory.SelfAttribute("..programme")
    )
    closes_gaps = factory.LazyFunction(lambda: ["ct-ppap"])


class CourseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Course

    title = "PPAP: proceso de aprobación de partes"
    provider = "Clúster Automotriz"
    closes_gaps = factory.LazyFunction(lambda: ["ct-ppap"])
    seats = 2
    starts_on = dt.date(2026, 5, 4)
    ends_on = dt.date(2026, 5, 6)
