"""Forms of the events app; each validates input and leaves the writes to services.py."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django import forms
from django.utils.translation import gettext_lazy as _

from eslabon.events.choices import MeetingStatus, Priority, Side
from eslabon.events.models import Event, Feedback, Listing, Participant, Slot
from eslabon.registry.choices import OrganizationStatus
from eslabon.registry.models import Organization, Process


class EventForm(forms.ModelForm):
    class Meta:
        model = Event
        fields = ("name", "venue", "time_zone")

    def clean_time_zone(self) -> str:
        zone = self.cleaned_data["time_zone"]
        try:
            ZoneInfo(zone)
        except (ZoneInfoNotFoundError, ValueError) as error:
            raise forms.ValidationError(_("Unknown time zone.")) from error
        return str(zone)


class DayForm(forms.Form):
    """A day of slots of equal length, with an optional break (lunch) after one of them."""

    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    start = forms.TimeField(label=_("First slot starts"), initial=dt.time(9, 0))
    slot_minutes = forms.IntegerField(label=_("Slot length (minutes)"), min_value=5,
                                      max_value=180, initial=20)  # fmt: skip
    slots = forms.IntegerField(label=_("Slots"), min_value=1, max_value=60, initial=16)
    break_after = forms.IntegerField(label=_("Break after slot"), min_value=1, required=False)
    break_minutes = forms.IntegerField(label=_("Break length (minutes)"), min_value=5,
                                       max_value=240, initial=60)  # fmt: skip

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, minutes, count = data.get("start"), data.get("slot_minutes"), data.get("slots")
        if start and minutes and count:
            length = minutes * count + (data.get("break_minutes") or 0)
            end = dt.datetime.combine(dt.date.min, start) + dt.timedelta(minutes=length)
            if end.date() != dt.date.min:
                raise forms.ValidationError(_("The slots run past midnight."))
        return data


class TablesForm(forms.Form):
    count = forms.IntegerField(label=_("Tables to add"), min_value=1, max_value=500, initial=10)


class ParticipantAddForm(forms.Form):
    organization = forms.ModelChoiceField(label=_("Organisation"), queryset=Organization.objects)
    side = forms.ChoiceField(label=_("Side"), choices=Side.choices)

    def __init__(self, *args: Any, event: Event, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        approved = Organization.objects.filter(status=OrganizationStatus.APPROVED)
        self.fields["organization"].queryset = approved.exclude(  # type: ignore[attr-defined]
            event_participations__event=event
        )


class ParticipantEditForm(forms.ModelForm):
    users = forms.ModelMultipleChoiceField(
        label=_("Members attending"), queryset=None, required=False,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    guests = forms.CharField(
        label=_("Named guests, one a line"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    class Meta:
        model = Participant
        fields = ("side", "max_meetings", "fixed_table", "available_slots")
        widgets = {"available_slots": forms.CheckboxSelectMultiple}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from django.contrib.auth import get_user_model

        participant = self.instance
        self.fields["fixed_table"].queryset = participant.event.tables.all()  # type: ignore[attr-defined]
        self.fields["available_slots"].queryset = Slot.objects.filter(  # type: ignore[attr-defined]
            day__event=participant.event, is_break=False
        ).select_related("day")
        users = get_user_model().objects.filter(memberships__organization=participant.organization)
        self.fields["users"].queryset = users  # type: ignore[attr-defined]
        people = list(participant.people.all())
        self.initial["users"] = [p.user_id for p in people if p.user_id]
        self.initial["guests"] = "\n".join(p.name for p in people if not p.user_id)

    def clean_fixed_table(self) -> Any:
        """A table held all day belongs to one participant (the engine's rule 5)."""
        table = self.cleaned_data.get("fixed_table")
        if table is not None and table.holders.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("Another participant already holds this table."))
        return table


class ListingForm(forms.ModelForm):
    processes = forms.ModelMultipleChoiceField(
        label=_("Processes"), queryset=Process.objects.order_by("name_es"), required=False
    )

    class Meta:
        model = Listing
        fields = ("kind", "processes", "components")
        widgets = {"components": forms.Textarea(attrs={"rows": 3})}


class RequestForm(forms.Form):
    recipient = forms.ModelChoiceField(label=_("Meet"), queryset=Participant.objects.none())
    priority = forms.TypedChoiceField(
        label=_("Priority"), choices=Priority.choices, coerce=int, initial=Priority.MEDIUM
    )

    def __init__(self, *args: Any, participant: Participant, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["recipient"].queryset = (  # type: ignore[attr-defined]
            participant.event.participants.exclude(pk=participant.pk)
            .filter(cancelled=False)
            .select_related("organization")
        )


class DecideForm(forms.Form):
    requester = forms.ModelChoiceField(label=_("Participant"), queryset=Participant.objects.none())
    recipient = forms.ModelChoiceField(label=_("Meets"), queryset=Participant.objects.none())
    force = forms.TypedChoiceField(
        label=_("Decision"), coerce=lambda v: v == "force",
        choices=(("force", _("Add (force) the meeting")), ("forbid", _("Forbid the meeting"))),
    )  # fmt: skip
    notes = forms.CharField(label=_("Organiser notes"), required=False)

    def __init__(self, *args: Any, event: Event, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("requester", "recipient"):
            people = event.participants.select_related("organization")
            self.fields[name].queryset = people  # type: ignore[attr-defined]


class MarkForm(forms.Form):
    status = forms.ChoiceField(
        choices=[(s.value, s.label) for s in (MeetingStatus.HELD, MeetingStatus.NO_SHOW,
                                               MeetingStatus.SCHEDULED)]
    )  # fmt: skip


class FeedbackForm(forms.ModelForm):
    class Meta:
        model = Feedback
        fields = ("interest", "next_step", "comment")
        widgets = {"comment": forms.Textarea(attrs={"rows": 3})}
