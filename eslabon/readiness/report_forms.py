"""The programme report's filters: state, size, process, and the decent-work year."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from eslabon.data.geography import states
from eslabon.readiness.report import Filters
from eslabon.registry.choices import SizeStratum
from eslabon.registry.models import Process


class ReportFilterForm(forms.Form):
    state = forms.ChoiceField(label=_("State"), required=False)
    size = forms.ChoiceField(
        label=_("Size"), required=False, choices=[("", _("All")), *SizeStratum.choices]
    )
    process = forms.ModelChoiceField(
        label=_("Process"), required=False, queryset=Process.objects.all(), to_field_name="slug"
    )
    year = forms.IntegerField(label=_("Decent-work year"), required=False, min_value=2000)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["state"].choices = [("", _("All"))] + [
            (code, state.name) for code, state in sorted(states().items())
        ]

    def filters(self) -> Filters:
        data = self.cleaned_data
        process = data.get("process")
        return Filters(
            state=data.get("state") or "",
            size=data.get("size") or "",
            process=process.slug if process else "",
            year=data.get("year"),
        )
