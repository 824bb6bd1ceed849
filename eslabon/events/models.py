"""Event, its days, slots and tables; participants with their people, offers and needs;
meeting requests, scheduled meetings and the feedback after each meeting."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from eslabon.events.choices import (
    Interest,
    ListingKind,
    MeetingStatus,
    NextStep,
    Priority,
    RequestStatus,
    ScheduleState,
    Side,
)
from eslabon.events.querysets import EventQuerySet
from eslabon.registry.models import Organization, Process


class Event(models.Model):
    operator = models.ForeignKey(
        Organization, verbose_name=_("organiser"), on_delete=models.PROTECT,
        related_name="organised_events",
    )  # fmt: skip
    name = models.CharField(_("name"), max_length=200)
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    time_zone = models.CharField(_("time zone"), max_length=64, default="America/Mexico_City")
    schedule_state = models.CharField(
        _("timetable"), max_length=10, choices=ScheduleState.choices, default=ScheduleState.NONE
    )
    schedule_result = models.JSONField(_("last timetable summary"), default=dict, blank=True)
    last_change = models.JSONField(_("last re-optimisation"), default=dict, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ("-created_at", "pk")

    def __str__(self) -> str:
        return self.name

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.time_zone)


class Day(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="days")
    date = models.DateField(_("date"))

    class Meta:
        verbose_name = _("day")
        verbose_name_plural = _("days")
        ordering = ("date",)
        constraints = [models.UniqueConstraint(fields=["event", "date"], name="unique_event_day")]

    def __str__(self) -> str:
        return self.date.isoformat()


class Slot(models.Model):
    day = models.ForeignKey(Day, on_delete=models.CASCADE, related_name="slots")
    start = models.TimeField(_("start"))
    end = models.TimeField(_("end"))
    session = models.CharField(_("session"), max_length=40, blank=True)
    is_break = models.BooleanField(_("break"), default=False)

    class Meta:
        verbose_name = _("slot")
        verbose_name_plural = _("slots")
        ordering = ("day__date", "start")

    def __str__(self) -> str:
        return f"{self.day.date} {self.start:%H:%M}-{self.end:%H:%M}"

    def starts_at(self, zone: dt.tzinfo) -> dt.datetime:
        return dt.datetime.combine(self.day.date, self.start, tzinfo=zone)

    def ends_at(self, zone: dt.tzinfo) -> dt.datetime:
        return dt.datetime.combine(self.day.date, self.end, tzinfo=zone)


class Table(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="tables")
    number = models.PositiveIntegerField(_("number"))

    class Meta:
        verbose_name = _("table")
        verbose_name_plural = _("tables")
        ordering = ("number",)
        constraints = [
            models.UniqueConstraint(fields=["event", "number"], name="unique_event_table")
        ]

    def __str__(self) -> str:
        return str(_("Table %(number)s") % {"number": self.number})


class Participant(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="participants")
    organization = models.ForeignKey(
        Organization, verbose_name=_("organisation"), on_delete=models.PROTECT,
        related_name="event_participations",
    )  # fmt: skip
    side = models.CharField(_("side"), max_length=10, choices=Side.choices)
    available_slots = models.ManyToManyField(
        Slot, verbose_name=_("available slots"), blank=True, related_name="+",
        help_text=_("Leave empty when available at every slot."),
    )  # fmt: skip
    max_meetings = models.PositiveIntegerField(_("most meetings"), null=True, blank=True)
    fixed_table = models.ForeignKey(
        Table, verbose_name=_("fixed table"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="holders",
    )  # fmt: skip
    checked_in_at = models.DateTimeField(_("checked in at"), null=True, blank=True)
    cancelled = models.BooleanField(_("cancelled"), default=False)

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ("organization__legal_name", "pk")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "organization"], name="unique_event_participant"
            )
        ]

    def __str__(self) -> str:
        return str(self.organization)


class Person(models.Model):
    """One person attending for a participant: a user of the platform or a named guest."""

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="people")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip
    name = models.CharField(_("name"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ("pk",)

    def __str__(self) -> str:
        if self.name:
            return self.name
        return self.user.get_full_name() or self.user.email if self.user else "?"


class Listing(models.Model):
    """What a participant offers (suppliers) or looks for (buyers) at the event."""

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="listings")
    kind = models.CharField(_("kind"), max_length=6, choices=ListingKind.choices)
    processes = models.ManyToManyField(Process, verbose_name=_("processes"), blank=True)
    components = models.TextField(_("components"), blank=True)

    class Meta:
        verbose_name = _("offer or need")
        verbose_name_plural = _("offers and needs")
        ordering = ("pk",)

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.components[:40]}"


class MeetingRequest(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="requests")
    requester = models.ForeignKey(
        Participant, verbose_name=_("from"), on_delete=models.CASCADE, related_name="sent"
    )
    recipient = models.ForeignKey(
        Participant, verbose_name=_("to"), on_delete=models.CASCADE, related_name="received"
    )
    priority = models.PositiveSmallIntegerField(
        _("priority"), choices=Priority.choices, default=Priority.MEDIUM
    )
    status = models.CharField(
        _("status"), max_length=10, choices=RequestStatus.choices,
        default=RequestStatus.REQUESTED, db_index=True,
    )  # fmt: skip
    notes = models.TextField(_("organiser notes"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("meeting request")
        verbose_name_plural = _("meeting requests")
        ordering = ("pk",)
        constraints = [
            models.UniqueConstraint(fields=["requester", "recipient"], name="unique_request"),
            models.CheckConstraint(
                condition=~models.Q(requester=models.F("recipient")), name="request_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.requester} → {self.recipient}"


class Meeting(models.Model):
    """A request placed in the timetable: one slot, one table."""

    request = models.OneToOneField(MeetingRequest, on_delete=models.CASCADE, related_name="meeting")
    slot = models.ForeignKey(Slot, on_delete=models.CASCADE, related_name="meetings")
    table = models.ForeignKey(Table, on_delete=models.CASCADE, related_name="meetings")
    status = models.CharField(
        _("status"), max_length=10, choices=MeetingStatus.choices,
        default=MeetingStatus.SCHEDULED, db_index=True,
    )  # fmt: skip

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ("slot__day__date", "slot__start", "table__number")

    def __str__(self) -> str:
        return f"{self.request} @ {self.slot} {self.table}"


class Feedback(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="feedback")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="+")
    interest = models.PositiveSmallIntegerField(_("interest"), choices=Interest.choices)
    next_step = models.CharField(_("next step"), max_length=12, choices=NextStep.choices)
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "participant"], name="unique_feedback")
        ]

    def __str__(self) -> str:
        return f"{self.meeting_id}: {self.next_step}"
