"""The dashboards' filters, read from the URL query so that a view can be shared as a link.

Dates bound when things happened (a requirement published, a meeting requested, a certificate
valid); state, process and size select the companies (or the requirements' delivery plants);
event narrows meetings to one business-matchmaking event.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.utils.translation import gettext_lazy as _

from eslabon.data.geography import states
from eslabon.events.models import Event
from eslabon.registry.choices import SizeStratum
from eslabon.registry.models import Process

# The widest span a dashboard accepts: long enough for a programme's life, short enough that
# a mistyped year does not ask the database for centuries of quarters.
LONGEST_SPAN = dt.timedelta(days=366 * 15)


@dataclass(frozen=True)
class Filters:
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    state: str = ""
    process: str = ""
    size: str = ""
    event: int | None = None

    def as_query(self, **extra: str) -> str:
        """The query string that reproduces these filters (plus ``extra`` parameters)."""
        pairs = {
            "date_from": self.date_from.isoformat() if self.date_from else "",
            "date_to": self.date_to.isoformat() if self.date_to else "",
            "state": self.state,
            "process": self.process,
            "size": self.size,
            "event": str(self.event) if self.event else "",
            **extra,
        }
        return urlencode({key: value for key, value in pairs.items() if value})


class FilterForm(forms.Form):
    date_from = forms.DateField(
        label=_("Start date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("End date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    state = forms.ChoiceField(label=_("State"), required=False)
    process = forms.ModelChoiceField(
        label=_("Process"),
        required=False,
        queryset=Process.objects.order_by("slug"),
        to_field_name="slug",
        empty_label=_("All"),
    )
    size = forms.ChoiceField(
        label=_("Size"), required=False, choices=[("", _("All")), *SizeStratum.choices]
    )
    event = forms.ModelChoiceField(
        label=_("Event"), required=False, queryset=Event.objects.none(), empty_label=_("All")
    )

    def __init__(self, *args: Any, events: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["state"].choices = [("", _("All"))] + [
            (code, state.name) for code, state in sorted(states().items())
        ]
        if events is not None:
            self.fields["event"].queryset = events.order_by("-created_at")  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("The end date comes before the start date."))
        elif start and end and end - start > LONGEST_SPAN:
            self.add_error("date_to", _("Choose a span of at most fifteen years."))
        return data

    def filters(self) -> Filters:
        """The validated filters; call only after ``is_valid()``."""
        data = self.cleaned_data
        process, event = data.get("process"), data.get("event")
        return Filters(
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
            state=data.get("state") or "",
            process=process.slug if process else "",
            size=data.get("size") or "",
            event=event.pk if event else None,
        )
