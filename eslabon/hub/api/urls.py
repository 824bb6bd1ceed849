from __future__ import annotations

from rest_framework.routers import DefaultRouter

from eslabon.hub.api import views

app_name = "hub-api"

router = DefaultRouter()
router.register("requirements", views.RequirementViewSet, basename="requirement")
router.register("lines", views.RequirementLineViewSet, basename="line")
router.register("quotes", views.QuoteViewSet, basename="quote")
router.register("questions", views.QuestionViewSet, basename="question")
router.register("awards", views.AwardViewSet, basename="award")
router.register("ppap-submissions", views.PpapSubmissionViewSet, basename="ppap-submission")

urlpatterns = router.urls
