from __future__ import annotations

from rest_framework.routers import DefaultRouter

from eslabon.registry.api import views

router = DefaultRouter()
router.register("organizations", views.OrganizationViewSet, basename="registry-organization")
router.register("sites", views.SiteViewSet, basename="registry-site")
router.register("capabilities", views.CapabilityViewSet, basename="registry-capability")
router.register("certifications", views.CertificationViewSet, basename="registry-certification")

urlpatterns = router.urls
