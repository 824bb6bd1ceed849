"""Forms of the discovery pages: the candidate search (read from the query string, so the
table, the map's markers and the Excel export share one URL), outreach and the DENUE upload."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from eslabon.data import taxonomy
from eslabon.data.geography import states
from eslabon.discovery.models import Outreach
from eslabon.domain.discovery.strata import SME_CLASSES, SizeClass
from eslabon.registry import selectors as registry_selectors

SORTS = {
    "score": _("score"),
    "name": _("name"),
    "distance": _("distance"),
    "size": _("size"),
    "confidence": _("confidence"),
}
SIZE_LABELS = {
    SizeClass.MICRO: _("micro (0-10)"),
    SizeClass.SMALL: _("small (11-50)"),
    SizeClass.MEDIUM: _("medium (51-250)"),
    SizeClass.LARGE: _("large (251 or more)"),
}
MAX_RESULTS = 500


def process_choices() -> list[tuple[str, str]]:
    language = get_language() or "es"
    terms = taxonomy.processes().terms
    return sorted(((t.slug, t.name(language)) for t in terms), key=lambda choice: choice[1])


def state_choices() -> list[tuple[str, str]]:
    return [(code, state.name) for code, state in sorted(states().items())]


class CandidateSearchForm(forms.Form):
    processes = forms.MultipleChoiceField(
        label=_("Processes"), choices=process_choices,
        help_text=_("One process, or the processes of a requirement."),
    )  # fmt: skip
    sizes = forms.MultipleChoiceField(
        label=_("Company size"), required=False,
        choices=[(size.value, label) for size, label in SIZE_LABELS.items()],
        help_text=_("Small and medium companies when none is chosen."),
        initial=sorted(SME_CLASSES),
    )  # fmt: skip
    states = forms.MultipleChoiceField(label=_("States"), required=False, choices=state_choices)
    plant = forms.ModelChoiceField(
        label=_("Buyer plant"), required=False, queryset=registry_selectors.buyer_plants(None)
    )
    lat = forms.FloatField(label=_("Latitude"), required=False, min_value=14, max_value=33)
    lon = forms.FloatField(label=_("Longitude"), required=False, min_value=-119, max_value=-86)
    max_km = forms.FloatField(label=_("Maximum distance (km)"), required=False, min_value=1)
    limit = forms.IntegerField(
        label=_("Results"), required=False, min_value=1, max_value=MAX_RESULTS, initial=100
    )
    sort = forms.ChoiceField(label=_("Sort by"), required=False, choices=list(SORTS.items()))

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        plant = cast(forms.ModelChoiceField, self.fields["plant"])  # type: ignore[type-arg]
        plant.queryset = registry_selectors.buyer_plants(user)

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        lat, lon, plant = data.get("lat"), data.get("lon"), data.get("plant")
        if (lat is None) != (lon is None):
            raise forms.ValidationError(_("Give both latitude and longitude, or neither."))
        if plant is not None:
            data["near"] = (plant.latitude, plant.longitude)
        elif lat is not None and lon is not None:
            data["near"] = (lat, lon)
        else:
            data["near"] = None
        if data.get("max_km") is not None and data["near"] is None:
            self.add_error("max_km", _("A maximum distance needs a plant or a point."))
        data["size_classes"] = frozenset(SizeClass(s) for s in data.get("sizes") or ()) or (
            SME_CLASSES
        )
        data["limit"] = data.get("limit") or 100
        data["sort"] = data.get("sort") or "score"
        return data


class InvitationForm(forms.Form):
    """Candidates chosen in the table (by CLEE) and the officer's note."""

    clee = forms.MultipleChoiceField(label=_("Candidates"))
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    send_email = forms.BooleanField(
        label=_("E-mail the invitation where DENUE lists an address"), required=False, initial=True
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        clee = cast(forms.MultipleChoiceField, self.fields["clee"])
        # Any CLEE may be posted; the service looks them up and ignores unknown ones.
        clee.choices = [(value, value) for value in self.data.getlist("clee")] if self.data else []


class OutreachStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=Outreach.Status.choices)
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class OutreachFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("all")), *Outreach.Status.choices]
    )


class DenueUploadForm(forms.Form):
    file = forms.FileField(label=_("DENUE CSV file"))
    states = forms.MultipleChoiceField(
        label=_("Keep only these states"), required=False, choices=state_choices
    )
    edition = forms.CharField(label=_("Edition"), required=False, max_length=40)
    skip_bad_rows = forms.BooleanField(label=_("Skip malformed rows"), required=False)
