"""Serializers of the hub API. Quote prices are reachable only through quote querysets
scoped by ``visible_to``; no requirement serializer nests quotes."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from rest_framework import serializers

from eslabon.hub.choices import AnswerScope, PpapDisposition
from eslabon.hub.models import (
    Answer,
    Award,
    Invitation,
    LineAttachment,
    PpapSubmission,
    PriceTier,
    Question,
    Quote,
    QuoteLine,
    Requirement,
    RequirementLine,
)
from eslabon.registry.models import CertificationStandard, Material, Process


class HubLineAttachmentSerializer(serializers.ModelSerializer[LineAttachment]):
    class Meta:
        model = LineAttachment
        fields = ("id", "kind", "original_name", "content_type", "size", "uploaded_at")


class HubRequirementLineSerializer(serializers.ModelSerializer[RequirementLine]):
    attachments = HubLineAttachmentSerializer(many=True, read_only=True)

    class Meta:
        model = RequirementLine
        fields = (
            "id", "requirement", "position", "part_number", "name", "description", "quantity",
            "attachments",
        )  # fmt: skip
        read_only_fields = ("requirement",)


class HubRequirementSerializer(serializers.ModelSerializer[Requirement]):
    processes = serializers.SlugRelatedField(
        slug_field="slug", many=True, queryset=Process.objects.all(), required=False
    )
    materials = serializers.SlugRelatedField(
        slug_field="slug", many=True, queryset=Material.objects.all(), required=False
    )
    required_certifications = serializers.SlugRelatedField(
        slug_field="slug", many=True, queryset=CertificationStandard.objects.all(), required=False
    )
    current_status = serializers.CharField(read_only=True)
    lines = HubRequirementLineSerializer(many=True, read_only=True)

    class Meta:
        model = Requirement
        fields = (
            "id", "buyer", "title", "description", "processes", "materials",
            "envelope_length_mm", "envelope_width_mm", "envelope_height_mm", "part_weight_kg",
            "max_distance_km", "annual_volume",
            "lifetime_volume", "sop_date", "required_certifications", "ppap_level",
            "delivery_site", "incoterm", "named_place", "currency", "target_price",
            "quote_due_at", "time_zone", "visibility", "nda_text", "status", "current_status",
            "status_reason", "published_at", "unsealed_at", "lines",
        )  # fmt: skip
        read_only_fields = ("buyer", "status", "status_reason", "published_at", "unsealed_at")


class HubPriceTierSerializer(serializers.ModelSerializer[PriceTier]):
    class Meta:
        model = PriceTier
        fields = ("min_quantity", "unit_price")


class HubQuoteLineSerializer(serializers.ModelSerializer[QuoteLine]):
    tiers = HubPriceTierSerializer(many=True)

    class Meta:
        model = QuoteLine
        fields = (
            "id", "line", "tooling_cost", "lead_time_ppap_weeks", "lead_time_sop_weeks",
            "capacity_committed", "tiers",
        )  # fmt: skip
        extra_kwargs = {"line": {"queryset": RequirementLine.objects.all()}}


class HubQuoteSerializer(serializers.ModelSerializer[Quote]):
    lines = HubQuoteLineSerializer(many=True)
    submit = serializers.BooleanField(write_only=True, default=False)

    class Meta:
        model = Quote
        fields = (
            "id", "requirement", "supplier", "site", "status", "revision", "valid_until",
            "notes", "submitted_at", "lines", "submit",
        )  # fmt: skip
        read_only_fields = ("supplier", "status", "revision", "submitted_at")


class HubInvitationSerializer(serializers.ModelSerializer[Invitation]):
    class Meta:
        model = Invitation
        fields = ("id", "requirement", "supplier", "response", "decline_reason", "invited_at")
        read_only_fields = ("response", "decline_reason", "invited_at")


class HubAnswerSerializer(serializers.ModelSerializer[Answer]):
    class Meta:
        model = Answer
        fields = ("id", "scope", "public_question", "text", "answered_at")


class HubQuestionSerializer(serializers.ModelSerializer[Question]):
    answers = serializers.SerializerMethodField()

    class Meta:
        model = Question
        fields = ("id", "requirement", "supplier", "text", "asked_at", "answers")
        read_only_fields = ("supplier", "asked_at")

    def get_answers(self, question: Question) -> list[dict[str, Any]]:
        # Answers are prefetched by the view through Answer.objects.visible_to(user).
        data: list[dict[str, Any]] = HubAnswerSerializer(question.answers.all(), many=True).data
        return data


class HubAnswerInputSerializer(serializers.Serializer[Any]):
    scope = serializers.ChoiceField(choices=AnswerScope.choices)
    text = serializers.CharField()
    public_question = serializers.CharField(required=False, allow_blank=True, default="")


class HubReasonSerializer(serializers.Serializer[Any]):
    reason = serializers.CharField()


class HubInvitationAnswerSerializer(serializers.Serializer[Any]):
    intends_to_quote = serializers.BooleanField()
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class HubAwardShareSerializer(serializers.Serializer[Any]):
    line = serializers.IntegerField()
    quote_line = serializers.IntegerField()
    share_percent = serializers.DecimalField(
        max_digits=5, decimal_places=2, min_value=Decimal("0.01")
    )


class HubAwardInputSerializer(serializers.Serializer[Any]):
    shares = HubAwardShareSerializer(many=True)


class HubAwardSerializer(serializers.ModelSerializer[Award]):
    supplier = serializers.IntegerField(source="quote_line.quote.supplier_id", read_only=True)

    class Meta:
        model = Award
        fields = ("id", "line", "quote_line", "supplier", "share_percent", "awarded_at")


class HubComparisonCellSerializer(serializers.Serializer[Any]):
    line_id = serializers.IntegerField()
    quote_line_id = serializers.IntegerField()
    unit_price = serializers.DecimalField(max_digits=16, decimal_places=4)
    tooling_cost = serializers.DecimalField(max_digits=16, decimal_places=4)
    total_cost = serializers.DecimalField(max_digits=20, decimal_places=4)
    lead_time_ppap_weeks = serializers.IntegerField()
    lead_time_sop_weeks = serializers.IntegerField()
    capacity_committed = serializers.IntegerField()
    covers_volume = serializers.BooleanField()
    best_total = serializers.BooleanField()
    best_lead_time = serializers.BooleanField()


class HubComparisonRowSerializer(serializers.Serializer[Any]):
    supplier_id = serializers.IntegerField()
    supplier_name = serializers.CharField()
    quote_id = serializers.IntegerField()
    site_name = serializers.CharField()
    road_km = serializers.FloatField()
    nearest = serializers.BooleanField()
    certificates = serializers.ListField(child=serializers.ListField(child=serializers.CharField()))
    cells = HubComparisonCellSerializer(many=True, allow_null=True)


class HubComparisonLineSerializer(serializers.Serializer[Any]):
    line_id = serializers.IntegerField()
    part_number = serializers.CharField()
    name = serializers.CharField()
    quantity = serializers.IntegerField()


class HubComparisonSerializer(serializers.Serializer[Any]):
    sealed = serializers.BooleanField()
    currency = serializers.CharField()
    lines = HubComparisonLineSerializer(many=True)
    rows = HubComparisonRowSerializer(many=True)


class HubPpapSubmissionSerializer(serializers.ModelSerializer[Any]):
    supplier = serializers.IntegerField(source="award.quote_line.quote.supplier_id", read_only=True)
    part_number = serializers.CharField(source="award.line.part_number", read_only=True)
    elements = serializers.SerializerMethodField()

    class Meta:
        model = PpapSubmission
        fields = (
            "id", "award", "supplier", "part_number", "attempt", "level", "disposition",
            "interim_expires_on", "disposition_reason", "decided_at", "elements",
        )  # fmt: skip
        read_only_fields = fields

    def get_elements(self, submission: Any) -> list[str]:
        return [document.element for document in submission.documents.all()]


class HubPpapDispositionSerializer(serializers.Serializer[Any]):
    disposition = serializers.ChoiceField(
        choices=[PpapDisposition.APPROVED, PpapDisposition.INTERIM, PpapDisposition.REJECTED]
    )
    reason = serializers.CharField(required=False, allow_blank=True, default="")
    interim_expires_on = serializers.DateField(required=False, allow_null=True, default=None)
