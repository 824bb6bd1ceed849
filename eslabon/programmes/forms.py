"""Forms of the programme pages; the application form is built from the call's questions."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from eslabon.domain.programmes.eligibility import GRADE_ORDER, RuleKind
from eslabon.programmes.choices import ApplicationStatus, GoalMetric, ServiceKind
from eslabon.programmes.models import BudgetLine, Call, Course, Goal, Programme, Service, Session
from eslabon.registry.choices import SizeStratum
from eslabon.registry.models import CertificationStandard, Organization, Process

SCORE_CRITERIA = (
    ("need", _("Need (gap size)")),
    ("capacity", _("Capacity to carry out the plan")),
    ("impact", _("Expected impact on the supply chain")),
)


class ApplicationForm(forms.Form):
    organization = forms.ModelChoiceField(queryset=None, label=_("Company"))  # type: ignore[arg-type]

    def __init__(self, *args: Any, call: Any, organizations: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
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


class DeliverableForm(forms.Form):
    title = forms.CharField(label=_("Deliverable"), max_length=200)
    due_on = forms.DateField(
        label=_("Due on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


# --- what officers set up ------------------------------------------------------------------

_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ListField(forms.CharField):
    """A list of short identifiers typed separated by commas (or one per line)."""

    def prepare_value(self, value: Any) -> Any:
        return ", ".join(value) if isinstance(value, list | tuple) else value

    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        text = super().to_python(value) or ""
        return [part.strip() for part in text.replace("\n", ",").split(",") if part.strip()]


def _check_dates(form: forms.Form, start: str, end: str, message: Any) -> None:
    first, last = form.cleaned_data.get(start), form.cleaned_data.get(end)
    if first and last and last < first:
        form.add_error(end, message)


class ProgrammeForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Programme
        fields = ("operator", "name", "description", "funder", "starts_on", "ends_on")
        widgets = {"starts_on": _DATE, "ends_on": _DATE}

    def __init__(self, *args: Any, operators: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["operator"].queryset = operators  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        _check_dates(self, "starts_on", "ends_on", _("A programme ends after it starts."))
        return cleaned


class GoalForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Goal
        fields = ("description", "metric", "parameter", "target_value", "due_on", "reported_value")
        widgets = {"due_on": _DATE}
        help_texts = {
            "parameter": _(
                "For certified companies: the certification slug (e.g. iatf-16949); for a "
                "readiness grade: A, B or C; otherwise leave empty."
            ),
            "reported_value": _("Only for reported amounts: the figure reached so far."),
        }

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        metric, parameter = cleaned.get("metric"), (cleaned.get("parameter") or "").strip()
        if metric == GoalMetric.COMPANIES_CERTIFIED:
            if not CertificationStandard.objects.filter(slug=parameter).exists():
                self.add_error(
                    "parameter",
                    _("“%(slug)s” is not a certification of the registry.") % {"slug": parameter},
                )
        elif metric == GoalMetric.COMPANIES_GRADE:
            if parameter not in GRADE_ORDER:
                self.add_error("parameter", _("A readiness grade is A, B or C."))
        elif parameter:
            self.add_error("parameter", _("This metric takes no parameter."))
        if metric != GoalMetric.REPORTED_AMOUNT and cleaned.get("reported_value") is not None:
            self.add_error("reported_value", _("Only reported amounts take a figure by hand."))
        cleaned["parameter"] = parameter
        return cleaned


class BudgetLineForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = BudgetLine
        fields = ("name", "allocated")


def _gaps_field() -> ListField:
    return ListField(
        label=_("Readiness gaps it closes"), required=False,
        help_text=_("Ids from the readiness questionnaire, e.g. ct-ppap, ct-fmea, ct-msa."),
    )  # fmt: skip


class ServiceForm(forms.ModelForm):  # type: ignore[type-arg]
    closes_gaps = _gaps_field()

    class Meta:
        model = Service
        fields = (
            "kind", "name", "provider", "cost", "subsidy_share", "budget_line", "closes_gaps",
        )  # fmt: skip

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["budget_line"].queryset = BudgetLine.objects.filter(  # type: ignore[attr-defined]
            programme=self.instance.programme_id
        )


class CourseForm(forms.ModelForm):  # type: ignore[type-arg]
    closes_gaps = _gaps_field()

    class Meta:
        model = Course
        fields = (
            "service", "title", "provider", "closes_gaps", "seats", "starts_on", "ends_on",
            "hours",
        )  # fmt: skip
        widgets = {"starts_on": _DATE, "ends_on": _DATE}

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        service = self.fields["service"]
        service.required = True
        service.queryset = programme.services.filter(kind=ServiceKind.TRAINING)  # type: ignore[attr-defined]
        service.help_text = _("The training service of the programme that pays for it.")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        _check_dates(self, "starts_on", "ends_on", _("A course ends after it starts."))
        taken = (
            self.instance.enrolments.filter(status="enrolled").count() if self.instance.pk else 0
        )
        seats = cleaned.get("seats")
        if seats is not None and seats < taken:
            self.add_error(
                "seats", _("%(taken)s participants hold a seat; keep at least that many.")
                % {"taken": taken},
            )  # fmt: skip
        return cleaned


class SessionForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Session
        fields = ("course", "cohort", "title", "starts_at", "location")
        widgets = {
            "starts_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            )
        }
        help_texts = {"cohort": _("Choose a course, or a cohort for a cohort-wide session.")}

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = Course.objects.filter(  # type: ignore[attr-defined]
            service__programme=programme
        )
        self.fields["cohort"].queryset = programme.cohorts.all()  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if bool(cleaned.get("course")) == bool(cleaned.get("cohort")):
            raise forms.ValidationError(
                _("A session belongs to a course or to a cohort, not both.")
            )
        return cleaned


# INEGI's Marco Geoestadístico numbers the 32 federal entities 01..32
# (../shared/reference/ — INEGI catálogo de entidades federativas).
STATE_CODES = frozenset(f"{code:02d}" for code in range(1, 33))


class RuleForm(forms.Form):
    """One eligibility rule: a kind and its values, checked against the registry's lists."""

    kind = forms.ChoiceField(
        label=_("Rule"), required=False,
        choices=[
            ("", "—"),
            (RuleKind.STATE_IN, _("Has a site in one of these states (INEGI codes)")),
            (RuleKind.SIZE_IN, _("Size stratum is one of")),
            (RuleKind.HAS_PROCESS_IN, _("Offers one of these processes (slugs)")),
            (RuleKind.READINESS_AT_LEAST, _("Readiness grade at least (A, B or C)")),
            (RuleKind.CERTIFICATION_HELD, _("Holds every one of these certifications")),
            (RuleKind.CERTIFICATION_NOT_HELD, _("Holds none of these certifications")),
        ],
    )  # fmt: skip
    values = ListField(label=_("Values, separated by commas"), required=False, max_length=2000)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        kind, values = cleaned.get("kind"), cleaned.get("values") or []
        if not kind:
            if values:
                self.add_error("kind", _("Choose the kind of rule for these values."))
            return cleaned
        if not values:
            self.add_error("values", _("A rule needs at least one value."))
            return cleaned
        unknown = self._unknown(kind, values)
        if unknown:
            self.add_error(
                "values", _("Not known for this rule: %(values)s.") % {"values": ", ".join(unknown)}
            )
        return cleaned

    @staticmethod
    def _unknown(kind: str, values: list[str]) -> list[str]:
        if kind == RuleKind.STATE_IN:
            return [v for v in values if v not in STATE_CODES]
        if kind == RuleKind.SIZE_IN:
            return [v for v in values if v not in SizeStratum.values]
        if kind == RuleKind.READINESS_AT_LEAST:
            return values if len(values) != 1 or values[0] not in GRADE_ORDER else []
        model = Process if kind == RuleKind.HAS_PROCESS_IN else CertificationStandard
        known = set(model.objects.filter(slug__in=values).values_list("slug", flat=True))
        return [v for v in values if v not in known]

    def rule(self) -> dict[str, Any] | None:
        kind = self.cleaned_data.get("kind")
        return {"kind": kind, "values": self.cleaned_data["values"]} if kind else None


RuleFormSet = forms.formset_factory(RuleForm, extra=1, max_num=20, validate_max=True)


class CallForm(forms.ModelForm):  # type: ignore[type-arg]
    """A call: text, dates, places and questions; its rules come from a RuleFormSet."""

    questions_text = forms.CharField(
        label=_("Application form questions (one per line)"), required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )  # fmt: skip

    class Meta:
        model = Call
        fields = ("title", "description", "opens_on", "closes_on", "seats")
        widgets = {"opens_on": _DATE, "closes_on": _DATE}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["questions_text"] = "\n".join(self.instance.questions)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        text = cleaned.get("questions_text") or ""
        self.instance.questions = [line.strip() for line in text.splitlines() if line.strip()]
        _check_dates(self, "opens_on", "closes_on", _("A call closes after it opens."))
        return cleaned


def rule_formset(data: Any, call: Call) -> Any:
    initial = [dict(rule) for rule in call.eligibility_rules] if call.pk else []
    return RuleFormSet(data, initial=initial, prefix="rules")


def rules_of(formset: Any) -> list[dict[str, Any]]:
    return [rule for form in formset.forms if (rule := form.rule()) is not None]


class CancelApprovalForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for cancelling"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class CertificateLookupForm(forms.Form):
    code = forms.CharField(label=_("Verification code"), max_length=40)
