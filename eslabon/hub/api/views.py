"""REST endpoints of the hub, with the same scoping and rules as the pages.

Reads start from ``visible_to``; writes call the same services; a broken rule (HubError)
is a 400 with its message, a forbidden action a 403, an invisible object a 404.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from eslabon.hub import permissions, ppap, quoting, selectors, services
from eslabon.hub.api import serializers as s
from eslabon.hub.models import (
    Answer,
    Award,
    PpapSubmission,
    Question,
    Quote,
    QuoteLine,
    Requirement,
    RequirementLine,
)
from eslabon.hub.quoting import QuoteLineInput
from eslabon.hub.services import HubError


def _ip(request: Request) -> str | None:
    return request.META.get("REMOTE_ADDR")


def _rules(call: Any) -> Any:
    try:
        return call()
    except HubError as error:
        raise ValidationError({"detail": str(error)}) from error


def _visible_requirement(request: Request, pk: Any) -> Requirement:
    return selectors.current_requirement(request.user, _requirement_id(pk))


def _requirement_id(value: Any) -> int:
    """A requirement id from the request, or a 400 naming the field (found by API fuzzing)."""
    try:
        return int(value)
    except (TypeError, ValueError):
        raise ValidationError(
            {"requirement": "a requirement id (an integer) is required"}
        ) from None


def _as_buyer(request: Request, requirement: Requirement) -> Requirement:
    if not permissions.is_requirement_buyer(request.user, requirement):
        raise PermissionDenied
    return requirement


def _supplier(request: Request) -> Any:
    supplier = permissions.supplier_organization(request.user)
    if supplier is None:
        raise PermissionDenied
    return supplier


class RequirementViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
    mixins.UpdateModelMixin, viewsets.GenericViewSet,  # type: ignore[type-arg]
):  # fmt: skip
    serializer_class = s.HubRequirementSerializer
    queryset = Requirement.objects.none()

    def get_queryset(self) -> QuerySet[Requirement]:
        return (
            Requirement.objects.visible_to(self.request.user)
            .select_related("buyer", "delivery_site")
            .prefetch_related(
                "processes", "materials", "required_certifications",
                Prefetch("lines", queryset=RequirementLine.objects.prefetch_related("attachments")),
            )
            .order_by("-created_at", "-pk")
        )  # fmt: skip

    def get_object(self) -> Requirement:
        requirement: Requirement = super().get_object()
        quoting.close_if_due(requirement=requirement)
        return requirement

    def _save(self, serializer: Any, buyer: Any) -> None:
        data = dict(serializer.validated_data)
        m2m = {name: data.pop(name, None) for name in ("processes", "materials")}
        certifications = data.pop("required_certifications", None)
        instance = serializer.instance or Requirement()
        for name, value in data.items():
            setattr(instance, name, value)
        instance.buyer = buyer
        serializer.instance = _rules(
            lambda: services.save_requirement(
                requirement=instance,
                actor=self.request.user,
                ip=_ip(self.request),
                certifications=certifications,
                **m2m,
            )
        )

    def perform_create(self, serializer: Any) -> None:
        buyers = permissions.buyer_organizations(self.request.user)
        if not buyers:
            raise PermissionDenied
        self._save(serializer, buyers[0])

    def perform_update(self, serializer: Any) -> None:
        requirement = _as_buyer(self.request, serializer.instance)
        self._save(serializer, requirement.buyer)

    @extend_schema(request=None, responses=s.HubRequirementSerializer)
    @action(detail=True, methods=["post"])
    def publish(self, request: Request, pk: int) -> Response:
        requirement = _as_buyer(request, self.get_object())
        _rules(
            lambda: services.publish(requirement=requirement, actor=request.user, ip=_ip(request))
        )
        return Response(self.get_serializer(self.get_object()).data)

    @extend_schema(request=s.HubReasonSerializer, responses=s.HubRequirementSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request: Request, pk: int) -> Response:
        requirement = _as_buyer(request, self.get_object())
        body = s.HubReasonSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        _rules(
            lambda: services.cancel(
                requirement=requirement,
                reason=body.validated_data["reason"],
                actor=request.user,
                ip=_ip(request),
            )
        )
        return Response(self.get_serializer(self.get_object()).data)

    @extend_schema(request=None, responses=s.HubRequirementSerializer)
    @action(detail=True, methods=["post"])
    def evaluate(self, request: Request, pk: int) -> Response:
        requirement = _as_buyer(request, self.get_object())
        _rules(
            lambda: quoting.start_evaluation(
                requirement=requirement, actor=request.user, ip=_ip(request)
            )
        )
        return Response(self.get_serializer(self.get_object()).data)

    @extend_schema(request=None, responses={201: None})
    @action(detail=True, methods=["post"], url_path="accept-nda")
    def accept_nda(self, request: Request, pk: int) -> Response:
        requirement = self.get_object()
        supplier = _supplier(request)
        _rules(
            lambda: services.accept_nda(
                requirement=requirement, supplier=supplier, actor=request.user, ip=_ip(request)
            )
        )
        return Response(status=status.HTTP_201_CREATED)

    @extend_schema(request=s.HubInvitationSerializer, responses=s.HubInvitationSerializer)
    @action(detail=True, methods=["post"])
    def invite(self, request: Request, pk: int) -> Response:
        requirement = _as_buyer(request, self.get_object())
        body = s.HubInvitationSerializer(data={**request.data, "requirement": requirement.pk})
        body.is_valid(raise_exception=True)
        invitation = _rules(
            lambda: services.invite(
                requirement=requirement,
                supplier=body.validated_data["supplier"],
                actor=request.user,
                ip=_ip(request),
            )
        )
        return Response(s.HubInvitationSerializer(invitation).data, status=201)

    @extend_schema(request=s.HubInvitationAnswerSerializer, responses=s.HubInvitationSerializer)
    @action(detail=True, methods=["post"], url_path="answer-invitation")
    def answer_invitation(self, request: Request, pk: int) -> Response:
        requirement = self.get_object()
        supplier = _supplier(request)
        invitation = get_object_or_404(requirement.invitations, supplier=supplier)
        body = s.HubInvitationAnswerSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        _rules(
            lambda: services.answer_invitation(
                invitation=invitation, actor=request.user, ip=_ip(request), **body.validated_data
            )
        )
        return Response(s.HubInvitationSerializer(invitation).data)

    @extend_schema(request=None, responses=s.HubComparisonSerializer)
    @action(detail=True, methods=["get"])
    def comparison(self, request: Request, pk: int) -> Response:
        requirement = _as_buyer(request, self.get_object())
        matrix = selectors.comparison_matrix(request.user, requirement)
        data = dataclasses.asdict(matrix) | {"sealed": not requirement.prices_unsealed()}
        return Response(data)

    @extend_schema(request=s.HubAwardInputSerializer, responses=s.HubAwardSerializer(many=True))
    @action(detail=True, methods=["post"])
    def award(self, request: Request, pk: int) -> Response:
        requirement = _as_buyer(request, self.get_object())
        body = s.HubAwardInputSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        allocations: dict[int, list[Any]] = {}
        for share in body.validated_data["shares"]:
            allocations.setdefault(share["line"], []).append(
                (share["quote_line"], share["share_percent"])
            )
        awards = _rules(
            lambda: quoting.award(
                requirement=requirement,
                allocations=allocations,
                actor=request.user,
                ip=_ip(request),
            )
        )
        return Response(s.HubAwardSerializer(awards, many=True).data, status=201)


class RequirementLineViewSet(viewsets.ModelViewSet):  # type: ignore[type-arg]
    serializer_class = s.HubRequirementLineSerializer
    queryset = RequirementLine.objects.none()

    def get_queryset(self) -> QuerySet[RequirementLine]:
        queryset = RequirementLine.objects.visible_to(self.request.user).prefetch_related(
            "attachments"
        )
        requirement = self.request.query_params.get("requirement")
        return (
            queryset.filter(requirement=_requirement_id(requirement)) if requirement else queryset
        )

    def perform_create(self, serializer: Any) -> None:
        requirement = _as_buyer(
            self.request, _visible_requirement(self.request, self.request.data.get("requirement"))
        )
        line = RequirementLine(requirement=requirement, **serializer.validated_data)
        serializer.instance = _rules(
            lambda: services.save_line(line=line, actor=self.request.user, ip=_ip(self.request))
        )

    def perform_update(self, serializer: Any) -> None:
        line = serializer.instance
        _as_buyer(self.request, line.requirement)
        for name, value in serializer.validated_data.items():
            setattr(line, name, value)
        _rules(lambda: services.save_line(line=line, actor=self.request.user, ip=_ip(self.request)))

    def perform_destroy(self, instance: RequirementLine) -> None:
        _as_buyer(self.request, instance.requirement)
        _rules(
            lambda: services.delete_line(
                line=instance, actor=self.request.user, ip=_ip(self.request)
            )
        )


class QuoteViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
    viewsets.GenericViewSet,  # type: ignore[type-arg]
):  # fmt: skip
    """A supplier's own quotes; the buyer's after unsealing. POST saves or submits (revises)."""

    serializer_class = s.HubQuoteSerializer
    queryset = Quote.objects.none()

    def get_queryset(self) -> QuerySet[Quote]:
        quoting.close_due_for(self.request.user)  # the seal opens at the due time, not later
        return (
            Quote.objects.visible_to(self.request.user)
            .select_related("supplier", "site")
            .prefetch_related(
                Prefetch("lines", queryset=QuoteLine.objects.prefetch_related("tiers"))
            )
            .order_by("requirement_id", "supplier__legal_name")
        )

    def perform_create(self, serializer: Any) -> None:
        data = serializer.validated_data
        supplier = _supplier(self.request)
        requirement = _visible_requirement(self.request, data["requirement"].pk)
        lines = [
            QuoteLineInput(
                line_id=item["line"].pk,
                tooling_cost=item["tooling_cost"],
                lead_time_ppap_weeks=item["lead_time_ppap_weeks"],
                lead_time_sop_weeks=item["lead_time_sop_weeks"],
                capacity_committed=item["capacity_committed"],
                tiers=tuple((t["min_quantity"], t["unit_price"]) for t in item["tiers"]),
            )
            for item in data["lines"]
        ]
        serializer.instance = _rules(
            lambda: quoting.save_quote(
                requirement=requirement,
                supplier=supplier,
                site=data["site"],
                valid_until=data["valid_until"],
                notes=data.get("notes", ""),
                lines=lines,
                submit=data["submit"],
                actor=self.request.user,
                ip=_ip(self.request),
            )
        )


class QuestionViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
    viewsets.GenericViewSet,  # type: ignore[type-arg]
):  # fmt: skip
    """Private questions: the asker and the buyer only. Broadcasts are in ``clarifications``."""

    serializer_class = s.HubQuestionSerializer
    queryset = Question.objects.none()

    def get_queryset(self) -> QuerySet[Question]:
        return (
            Question.objects.visible_to(self.request.user)
            .prefetch_related(
                Prefetch("answers", queryset=Answer.objects.visible_to(self.request.user))
            )
            .order_by("asked_at", "pk")
        )

    def perform_create(self, serializer: Any) -> None:
        supplier = _supplier(self.request)
        requirement = _visible_requirement(
            self.request, serializer.validated_data["requirement"].pk
        )
        serializer.instance = _rules(
            lambda: services.ask_question(
                requirement=requirement,
                supplier=supplier,
                text=serializer.validated_data["text"],
                actor=self.request.user,
                ip=_ip(self.request),
            )
        )

    @extend_schema(request=s.HubAnswerInputSerializer, responses=s.HubAnswerSerializer)
    @action(detail=True, methods=["post"])
    def answer(self, request: Request, pk: int) -> Response:
        question = self.get_object()
        _as_buyer(request, question.requirement)
        body = s.HubAnswerInputSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        answer = _rules(
            lambda: services.answer_question(
                question=question, actor=request.user, ip=_ip(request), **body.validated_data
            )
        )
        return Response(s.HubAnswerSerializer(answer).data, status=201)

    @extend_schema(responses=s.HubAnswerSerializer(many=True))
    @action(detail=False, methods=["get"])
    def clarifications(self, request: Request) -> Response:
        """Broadcast answers, as the buyer worded them, without the asker."""
        answers = Answer.objects.visible_to(request.user).filter(scope="broadcast")
        return Response(s.HubAnswerSerializer(answers, many=True).data)


class AwardViewSet(viewsets.ReadOnlyModelViewSet):  # type: ignore[type-arg]
    serializer_class = s.HubAwardSerializer
    queryset = Award.objects.none()

    def get_queryset(self) -> QuerySet[Award]:
        return (
            Award.objects.visible_to(self.request.user)
            .select_related("quote_line__quote")
            .order_by("line_id", "pk")
        )


class PpapSubmissionViewSet(viewsets.ReadOnlyModelViewSet):  # type: ignore[type-arg]
    """PPAP submissions of the awards the user may see; the buyer records the disposition."""

    serializer_class = s.HubPpapSubmissionSerializer
    queryset = PpapSubmission.objects.none()

    def get_queryset(self) -> QuerySet[PpapSubmission]:
        return (
            PpapSubmission.objects.visible_to(self.request.user)
            .select_related("award__line", "award__quote_line__quote")
            .prefetch_related("documents")
            .order_by("award_id", "attempt")
        )

    @extend_schema(request=s.HubPpapDispositionSerializer, responses=s.HubPpapSubmissionSerializer)
    @action(detail=True, methods=["post"])
    def decide(self, request: Request, pk: str | None = None) -> Response:
        submission = self.get_object()
        requirement = submission.award.line.requirement
        if not permissions.is_requirement_buyer(request.user, requirement):
            raise PermissionDenied("Only the buyer decides on a PPAP submission.")
        data = s.HubPpapDispositionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            decided = ppap.decide_ppap(
                submission=submission, actor=request.user, ip=request.META.get("REMOTE_ADDR"),
                **data.validated_data,
            )  # fmt: skip
        except HubError as error:
            raise ValidationError({"detail": str(error)}) from error
        return Response(s.HubPpapSubmissionSerializer(decided).data)
