"""Forms of the programme pages; the application form is built from the call's questions."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from eslabon.programmes.choices import ApplicationStatus

SCORE_CRITERIA = (
    ("need", _("Need (gap size)")),
    ("capacity", _("Capacity to carry out the plan")),
    ("impact", _("Expected impact on the supply chain")),
)


class ApplicationForm(forms.Form):
    organization = forms.ModelChoiceField(queryset=None, label=_("Company"))  # type: ignore[arg-type]

    def __init__(self, *args: Any, call: Any, organizations: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from eslabon.registry.models import Organization

        self.fields["organization"].queryset = Organization.objects.filter(
            pk__in=[o.pk for o in organizations]
        )  # type: ignore[attr-defined]
        for index, question in enumerate(call.questions):
            self.fields[f"q{index}"] = forms.CharField(
                label=question, widget=forms.Textarea(attrs={"rows": 3}), max_length=4000
            )

    def answers(self) -> dict[str, str]:
        return {
            self.fields[name].label or name: value
            for name, value in self.cleaned_data.items()
            if name.startswith("q")
        }


class DecisionForm(forms.Form):
    status = forms.ChoiceField(label=_("Decision"), choices=ApplicationStatus.choices)
    committee_decision = forms.CharField(
        label=_("Committee decision (minutes, date)"), required=False, max_length=2000
    )
    reasons = forms.CharField(label=_("Reasons"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for key, label in SCORE_CRITERIA:
            self.fields[f"score_{key}"] = forms.IntegerField(
                label=label, min_value=0, max_value=10, required=False
            )

    def scores(self) -> dict[str, int | None]:
        return {key: self.cleaned_data.get(f"score_{key}") for key, _label in SCORE_CRITERIA}


class EnrolForm(forms.Form):
    organization = forms.ModelChoiceField(queryset=None, label=_("Company"))  # type: ignore[arg-type]
    participant = forms.CharField(label=_("Participant's full name"), max_length=200)

    def __init__(self, *args: Any, organizations: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from eslabon.registry.models import Organization

        self.fields["organization"].queryset = Organization.objects.filter(
            pk__in=[o.pk for o in organizations]
        )  # type: ignore[attr-defined]


class PlanItemForm(forms.Form):
    service = forms.ModelChoiceField(queryset=None, label=_("Service"))  # type: ignore[arg-type]
    gap = forms.CharField(label=_("Gap it closes"), required=False, max_length=64)

    def __init__(self, *args: Any, programme: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["service"].queryset = programme.services.all()  # type: ignore[attr-defined]


class EvidenceForm(forms.Form):
    evidence = forms.FileField(label=_("Evidence (PDF, PNG or JPEG)"))


class CallForm(forms.ModelForm):  # type: ignore[type-arg]
    """A call: dates, places, eligibility rules (JSON, checked by the engine), questions."""

    questions_text = forms.CharField(
        label=_("Application form questions (one per line)"), required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )  # fmt: skip

    class Meta:
        from eslabon.programmes.models import Call

        model = Call
        fields = ("title", "description", "opens_on", "closes_on", "seats", "eligibility_rules")
        widgets = {
            "opens_on": forms.DateInput(attrs={"type": "date"}),
            "closes_on": forms.DateInput(attrs={"type": "date"}),
        }
        help_texts = {
            "eligibility_rules": _(
                'A JSON list, e.g. [{"kind": "state_in", "values": ["19"]}]; see the '
                "programmes documentation for every kind."
            )
        }

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        text = cleaned.get("questions_text") or ""
        self.instance.questions = [line.strip() for line in text.splitlines() if line.strip()]
        opens, closes = cleaned.get("opens_on"), cleaned.get("closes_on")
        if opens and closes and closes < opens:
            self.add_error("closes_on", _("A call closes after it opens."))
        return cleaned


class DeliverableForm(forms.Form):
    title = forms.CharField(label=_("Deliverable"), max_length=200)
    due_on = forms.DateField(
        label=_("Due on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
