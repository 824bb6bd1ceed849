"""REST representations of the registry; taxonomy references are slugs, as in every file."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from eslabon.registry.models import (
    Capability,
    Certification,
    CertificationStandard,
    Material,
    Organization,
    Process,
    Site,
)


class RegistryOrganizationSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    class Meta:
        model = Organization
        fields = (
            "id", "legal_name", "trade_name", "rfc", "is_buyer", "is_supplier", "is_operator",
            "tier", "sector", "employees", "annual_sales_mxn", "size_stratum", "description",
            "website", "status",
        )  # fmt: skip
        read_only_fields = ("size_stratum", "status", "is_buyer", "is_supplier", "is_operator")


class RegistrySiteSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    class Meta:
        model = Site
        fields = (
            "id", "organization", "name", "street", "neighbourhood", "postal_code", "state_code",
            "municipality_code", "municipality_name", "latitude", "longitude",
        )  # fmt: skip


class RegistryCapabilitySerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    process = serializers.SlugRelatedField(slug_field="slug", queryset=Process.objects.all())
    materials = serializers.SlugRelatedField(
        slug_field="slug", queryset=Material.objects.all(), many=True, required=False
    )
    free_capacity = serializers.IntegerField(read_only=True)

    class Meta:
        model = Capability
        fields = (
            "id", "site", "process", "materials", "description", "max_dimension_mm",
            "max_weight_kg", "press_tonnage", "annual_capacity", "utilisation", "free_capacity",
        )  # fmt: skip


class RegistryCertificationSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    standard = serializers.SlugRelatedField(
        slug_field="slug", queryset=CertificationStandard.objects.all()
    )
    has_file = serializers.SerializerMethodField()

    class Meta:
        model = Certification
        fields = (
            "id", "organization", "site", "standard", "status", "certificate_number",
            "issuing_body", "issued_on", "expires_on", "expected_on", "has_file",
        )  # fmt: skip

    def get_has_file(self, certification: Certification) -> bool:
        return bool(certification.certificate_file)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        status = attrs.get("status", getattr(self.instance, "status", None))
        if status == "held" and not attrs.get(
            "expires_on", getattr(self.instance, "expires_on", None)
        ):
            raise serializers.ValidationError(
                {"expires_on": "A held certificate needs its expiry date."}
            )
        return attrs
