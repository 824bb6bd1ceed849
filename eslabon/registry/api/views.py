"""Registry API: the same scoping as the pages — reads from visible_to, writes to editable_by."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from rest_framework import mixins, permissions, viewsets
from rest_framework.exceptions import PermissionDenied

from eslabon.registry import permissions as rules
from eslabon.registry.api import serializers
from eslabon.registry.models import Capability, Certification, Organization, Site
from eslabon.registry.services import save_organization


class _ScopedViewSet(viewsets.ModelViewSet):  # type: ignore[type-arg]
    """Reads see what the user may see; writes only touch what the user may edit."""

    permission_classes = (permissions.IsAuthenticated,)
    model: Any = None
    owner_field = "organization"

    def get_queryset(self) -> QuerySet[Any]:
        manager = self.model.objects
        if self.request.method in permissions.SAFE_METHODS:
            return manager.visible_to(self.request.user)
        return manager.editable_by(self.request.user)

    def _check_owner(self, serializer: Any) -> None:
        organization = serializer.validated_data.get(self.owner_field)
        if self.owner_field == "site" and organization is not None:
            organization = organization.organization
        if organization is not None and not rules.can_edit_organization_records(
            self.request.user, organization
        ):
            raise PermissionDenied("You may not change this organisation's records.")

    def perform_create(self, serializer: Any) -> None:
        self._check_owner(serializer)
        serializer.save()

    def perform_update(self, serializer: Any) -> None:
        self._check_owner(serializer)
        serializer.save()


class OrganizationViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.UpdateModelMixin,
    viewsets.GenericViewSet,  # type: ignore[type-arg]
):  # fmt: skip
    serializer_class = serializers.RegistryOrganizationSerializer
    permission_classes = (permissions.IsAuthenticated,)

    def get_queryset(self) -> QuerySet[Organization]:
        return Organization.objects.visible_to(self.request.user).order_by("pk")

    def perform_update(self, serializer: Any) -> None:
        if not rules.can_manage_organization(self.request.user, serializer.instance):
            raise PermissionDenied("Only the organisation's administrators may change it.")
        save_organization(organization=serializer.save())


class SiteViewSet(_ScopedViewSet):
    serializer_class = serializers.RegistrySiteSerializer
    model = Site

    def get_queryset(self) -> QuerySet[Any]:
        return super().get_queryset().order_by("pk")


class CapabilityViewSet(_ScopedViewSet):
    serializer_class = serializers.RegistryCapabilitySerializer
    model = Capability
    owner_field = "site"

    def get_queryset(self) -> QuerySet[Any]:
        return (
            super()
            .get_queryset()
            .select_related("process")
            .prefetch_related("materials")
            .order_by("pk")
        )


class CertificationViewSet(_ScopedViewSet):
    serializer_class = serializers.RegistryCertificationSerializer
    model = Certification

    def get_queryset(self) -> QuerySet[Any]:
        return super().get_queryset().select_related("standard").order_by("pk")
