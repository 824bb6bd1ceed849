"""Directory filters: process (with its sub-processes), material, certification, state,
size, free text, and distance from a point."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from eslabon.data.geography import states
from eslabon.data.taxonomy import processes
from eslabon.registry.choices import CertificationStatus, SizeStratum
from eslabon.registry.models import CertificationStandard, Material, Organization, Process
from eslabon.registry.selectors import organizations_within_km
from eslabon.rendering import LongSelect


class DirectoryFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_text")
    process = django_filters.ModelChoiceFilter(
        label=_("Process"), queryset=Process.objects.all(), to_field_name="slug",
        method="filter_process",
        widget=LongSelect,
    )  # fmt: skip
    material = django_filters.ModelChoiceFilter(
        label=_("Material"), queryset=Material.objects.all(), to_field_name="slug",
        field_name="sites__capabilities__materials", distinct=True,
        widget=LongSelect,
    )  # fmt: skip
    certification = django_filters.ModelChoiceFilter(
        label=_("Valid certification"), queryset=CertificationStandard.objects.all(),
        to_field_name="slug", method="filter_certification",
        widget=LongSelect,
    )  # fmt: skip
    state = django_filters.ChoiceFilter(
        label=_("State"), choices=[(code, s.name) for code, s in sorted(states().items())],
        field_name="sites__state_code", distinct=True,
        widget=LongSelect,
    )  # fmt: skip
    size = django_filters.ChoiceFilter(
        label=_("Size"),
        choices=SizeStratum.choices,
        field_name="size_stratum",
        widget=LongSelect,
    )
    lat = django_filters.NumberFilter(label=_("Latitude"), method="filter_noop")
    lon = django_filters.NumberFilter(label=_("Longitude"), method="filter_noop")
    within_km = django_filters.NumberFilter(
        label=_("Within (km, straight line)"), method="filter_noop",
        widget=forms.NumberInput(attrs={"min": 1, "step": 1}),
    )  # fmt: skip

    class Meta:
        model = Organization
        fields: list[str] = []

    def filter_noop(self, queryset: QuerySet[Any], name: str, value: Any) -> QuerySet[Any]:
        return queryset  # applied together in filter_queryset

    def filter_text(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        terms = Q()
        for word in value.split():
            terms &= (
                Q(legal_name__icontains=word)
                | Q(trade_name__icontains=word)
                | Q(description__icontains=word)
                | Q(sites__capabilities__description__icontains=word)
            )
        return queryset.filter(terms).distinct()

    def filter_process(self, queryset: QuerySet[Any], name: str, value: Process) -> QuerySet[Any]:
        slugs = {value.slug, *processes().descendants(value.slug)}
        return queryset.filter(sites__capabilities__process__slug__in=slugs).distinct()

    def filter_certification(
        self, queryset: QuerySet[Any], name: str, value: CertificationStandard
    ) -> QuerySet[Any]:
        today = timezone.localdate()
        return queryset.filter(
            Q(certifications__expires_on__isnull=True) | Q(certifications__expires_on__gte=today),
            certifications__standard=value,
            certifications__status=CertificationStatus.HELD,
        ).distinct()

    def filter_queryset(self, queryset: QuerySet[Any]) -> QuerySet[Any]:
        queryset = super().filter_queryset(queryset)
        data = self.form.cleaned_data
        lat, lon, within = data.get("lat"), data.get("lon"), data.get("within_km")
        if lat is not None and lon is not None and within:
            ids = organizations_within_km(
                queryset, lat=float(lat), lon=float(lon), km=float(within)
            )
            queryset = queryset.filter(pk__in=ids)
        return queryset
