"""Forms of the readiness app: one clause group of answers, decent-work figures, comments."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from eslabon.data import readiness as readiness_data
from eslabon.data.readiness.files import read as read_data_file
from eslabon.readiness.choices import Target
from eslabon.readiness.models import DecentWorkReport
from eslabon.readiness.selectors import Section, language
from eslabon.readiness.services import AnswerInput

NOT_APPLICABLE = "na"
SCORE_MEANINGS = {
    10: _("10 — fully met"),
    8: _("8 — mainly met, minor nonconformity"),
    6: _("6 — partly met, significant nonconformity"),
    4: _("4 — inadequately met, major nonconformity"),
    0: _("0 — not met"),
}


@dataclass
class BoundQuestion:
    row: Any
    score: forms.BoundField
    comment: forms.BoundField
    evidence: forms.BoundField


class GroupAnswersForm(forms.Form):
    """The answers of one clause group; fields are named ``q-<question id>-score`` etc."""

    def __init__(self, *args: Any, section: Section, **kwargs: Any) -> None:
        initial = {}
        for row in section.questions:
            if row.answer is not None:
                score = row.answer.score
                initial[f"{row.field_prefix}-score"] = (
                    NOT_APPLICABLE if score is None else str(score)
                )
                initial[f"{row.field_prefix}-comment"] = row.answer.comment
        super().__init__(*args, initial=initial, **kwargs)
        self.section = section
        for row in section.questions:
            choices = [("", _("Not answered yet"))]
            choices += [(str(score), label) for score, label in SCORE_MEANINGS.items()]
            if not row.knockout:
                choices.append((NOT_APPLICABLE, _("Not applicable")))
            self.fields[f"{row.field_prefix}-score"] = forms.ChoiceField(
                label=_("Score"), choices=choices, required=False
            )
            self.fields[f"{row.field_prefix}-comment"] = forms.CharField(
                label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2})
            )
            self.fields[f"{row.field_prefix}-evidence"] = forms.FileField(
                label=_("Attach evidence (PDF, PNG or JPEG)"), required=False
            )

    def questions(self) -> list[BoundQuestion]:
        return [
            BoundQuestion(
                row,
                self[f"{row.field_prefix}-score"],
                self[f"{row.field_prefix}-comment"],
                self[f"{row.field_prefix}-evidence"],
            )
            for row in self.section.questions
        ]

    def answers(self) -> list[AnswerInput]:
        """Answers given in this group (questions left "not answered yet" are skipped)."""
        given = []
        for row in self.section.questions:
            raw = self.cleaned_data.get(f"{row.field_prefix}-score", "")
            comment = self.cleaned_data.get(f"{row.field_prefix}-comment", "")
            if raw == "":
                continue
            score = None if raw == NOT_APPLICABLE else int(raw)
            given.append(AnswerInput(row.id, score, comment))
        return given

    def evidence(self) -> dict[str, list[Any]]:
        files = {}
        for row in self.section.questions:
            upload = self.cleaned_data.get(f"{row.field_prefix}-evidence")
            if upload:
                files[row.id] = [upload]
        return files


class StartAssessmentForm(forms.Form):
    modules = forms.MultipleChoiceField(
        label=_("Special-process modules in scope"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The quality-system and core-tools modules are always in scope."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        questionnaire = readiness_data.questionnaire()
        lang = language()
        self.fields["modules"].choices = [
            (m.id, m.title.in_language(lang))
            for m in questionnaire.modules
            if m.scope.value == "optional"
        ]


class ConsentForm(forms.Form):
    share_with_operators = forms.BooleanField(
        label=_("Share this company's details with programme operators"), required=False
    )


class CommentForm(forms.Form):
    text = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}))
    question = forms.CharField(required=False, widget=forms.HiddenInput)


class RoadmapForm(forms.Form):
    target = forms.ChoiceField(label=_("Target"), choices=Target.choices, initial=Target.IATF_16949)
    start = forms.DateField(
        label=_("Start"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


# Which indicator each raw figure feeds: its definition is shown beside the field.
FIELD_INDICATOR = {
    "zone": "minimum-wage-ratio",
    "workers_imss": "formal-employment-share",
    "gross_wages_mxn": "average-hourly-wage",
    "hours_paid": "average-hourly-wage",
    "women": "women-share",
    "training_hours": "training-hours-per-worker",
    "recordable_injuries": "injury-rate",
    "separations": "turnover",
    "nom035_done": "nom035-compliance",
    "usd_mxn": "usmca-high-wage-ratio",
}


class DecentWorkForm(forms.ModelForm):
    nom035_done = forms.MultipleChoiceField(
        label=_("NOM-035 obligations met"), required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = DecentWorkReport
        fields = [
            "year", "zone", "workers", "average_workers", "workers_imss", "women",
            "gross_wages_mxn", "hours_paid", "training_hours", "recordable_injuries",
            "separations", "nom035_done", "usd_mxn", "share_with_operators",
        ]  # fmt: skip

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        lang = language()
        table = readiness_data.decent_work()
        titles = {
            e["id"]: e["title"]["en" if lang.startswith("en") else "es"]
            for e in read_data_file(readiness_data.decent_work_file.DEFAULT_DECENT_WORK)["nom035"][
                "elements"
            ]
        }
        self.fields["nom035_done"].choices = [
            (element, titles.get(element, element)) for element in table.nom035_elements
        ]
        definitions = {d.id: d for d in table.indicators}
        self.definitions: dict[str, tuple[str, str]] = {}
        for name, indicator in FIELD_INDICATOR.items():
            definition = definitions.get(indicator)
            if definition is not None:
                self.definitions[name] = (
                    definition.name.in_language(lang),
                    definition.definition.in_language(lang),
                )

    def rows(self) -> list[tuple[forms.BoundField, tuple[str, str] | None]]:
        return [(self[name], self.definitions.get(name)) for name in self.fields]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        workers = cleaned.get("workers")
        for name in ("workers_imss", "women"):
            value = cleaned.get(name)
            if workers is not None and value is not None and value > workers:
                self.add_error(name, _("Cannot exceed the number of workers."))
        return cleaned
