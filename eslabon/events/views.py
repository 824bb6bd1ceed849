"""Event pages: the organiser's set-up, requests, timetable, table sheets and the day itself;
the participant's offers and needs, recommendations, requests and agenda (HTML, PDF, .ics).

An event the user cannot see answers 404 (``Event.objects.visible_to``); a page of the event
the user may not use answers 403 (events/permissions.py). Views parse, call a selector or a
service, and render.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from eslabon.events import exports, forms, permissions, selectors, services
from eslabon.events.choices import ListingKind, Side
from eslabon.events.models import Event, Listing, Meeting, MeetingRequest, Participant
from eslabon.rendering import render_page

View = Callable[..., HttpResponse]


def visible_event(request: HttpRequest, pk: int) -> Event:
    return get_object_or_404(Event.objects.visible_to(request.user), pk=pk)


def organiser_only(view: View) -> View:
    """The view gets the event; only its organisers pass."""

    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, pk: int, *args: Any, **kwargs: Any) -> HttpResponse:
        event = visible_event(request, pk)
        if not permissions.is_organiser(request.user, event):
            raise PermissionDenied
        try:
            return view(request, event, *args, **kwargs)
        except services.EventError as error:
            messages.error(request, str(error))
            return redirect("events:detail", event.pk)

    return wrapper


def participant_only(view: View) -> View:
    """The view gets the event and the user's own participant."""

    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, pk: int, *args: Any, **kwargs: Any) -> HttpResponse:
        event = visible_event(request, pk)
        participant = permissions.participant_of(request.user, event)
        if participant is None:
            raise PermissionDenied
        try:
            return view(request, event, participant, *args, **kwargs)
        except services.EventError as error:
            messages.error(request, str(error))
            return redirect("events:detail", event.pk)

    return wrapper


@login_required
def event_list(request: HttpRequest) -> HttpResponse:
    events = Event.objects.visible_to(request.user).select_related("operator")
    return render(
        request, "events/event_list.html",
        {"events": events, "can_create": permissions.can_create_events(request.user)},
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def event_create(request: HttpRequest) -> HttpResponse:
    from eslabon.registry.permissions import organization_ids

    if not permissions.can_create_events(request.user):
        raise PermissionDenied
    form = forms.EventForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        from eslabon.registry.models import Organization

        operator = (
            Organization.objects.filter(pk__in=organization_ids(request.user), is_operator=True)
            .order_by("pk")
            .first()
        )
        if operator is None:
            raise PermissionDenied
        form.instance.operator = operator
        event = form.save()
        return redirect("events:detail", event.pk)
    return render(request, "events/event_form.html", {"form": form})


@login_required
def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The organiser's dashboard, or the participant's own page."""
    event = visible_event(request, pk)
    if permissions.is_organiser(request.user, event):
        return organiser_dashboard(request, event)
    participant = permissions.participant_of(request.user, event)
    if participant is None:
        raise PermissionDenied
    return participant_home(request, event, participant)


def organiser_dashboard(request: HttpRequest, event: Event) -> HttpResponse:
    from eslabon.jobs.models import Job

    job = Job.objects.filter(kind="event-schedule", params__event=event.pk).order_by("-pk").first()
    return render_page(
        request, "events/organiser.html",
        {
            "event": event, "days": event.days.prefetch_related("slots"),
            "tables": event.tables.count(), "participants": selectors.participants_of(event),
            "funnel": selectors.funnel(event), "job": job,
            "day_form": forms.DayForm(), "tables_form": forms.TablesForm(),
            "participant_form": forms.ParticipantAddForm(event=event),
            "unscheduled": selectors.unscheduled(event),
        },
        partial="timetable",
    )  # fmt: skip


def participant_home(request: HttpRequest, event: Event, participant: Participant) -> HttpResponse:
    kind = ListingKind.NEED if participant.side == Side.BUYER else ListingKind.OFFER
    requests = selectors.requests_of(participant)
    return render(
        request, "events/participant.html",
        {
            "event": event, "participant": participant,
            "listings": participant.listings.prefetch_related("processes"),
            "listing_form": forms.ListingForm(initial={"kind": kind}),
            "request_form": forms.RequestForm(participant=participant),
            "incoming": [r for r in requests if r.recipient_id == participant.pk],
            "outgoing": [r for r in requests if r.requester_id == participant.pk],
            "agenda": selectors.agenda(participant),
        },
    )  # fmt: skip


@require_POST
@organiser_only
def day_add(request: HttpRequest, event: Event) -> HttpResponse:
    form = forms.DayForm(request.POST)
    if form.is_valid():
        services.add_day(event, **form.cleaned_data)
        messages.success(request, _("Day added."))
    else:
        messages.error(request, _("The day was not added: %(errors)s") % {"errors": form.errors})
    return redirect("events:detail", event.pk)


@require_POST
@organiser_only
def tables_add(request: HttpRequest, event: Event) -> HttpResponse:
    form = forms.TablesForm(request.POST)
    if form.is_valid():
        services.add_tables(event, form.cleaned_data["count"])
        messages.success(request, _("Tables added."))
    return redirect("events:detail", event.pk)


@require_POST
@organiser_only
def participant_add(request: HttpRequest, event: Event) -> HttpResponse:
    form = forms.ParticipantAddForm(request.POST, event=event)
    if form.is_valid():
        services.add_participant(
            event, form.cleaned_data["organization"], form.cleaned_data["side"]
        )
        messages.success(request, _("Participant added."))
    else:
        messages.error(request, _("The participant was not added."))
    return redirect("events:detail", event.pk)


def event_participant(event: Event, participant_pk: int) -> Participant:
    return get_object_or_404(
        event.participants.select_related("organization", "event"), pk=participant_pk
    )


@require_http_methods(["GET", "POST"])
@organiser_only
def participant_edit(request: HttpRequest, event: Event, participant_pk: int) -> HttpResponse:
    participant = event_participant(event, participant_pk)
    form = forms.ParticipantEditForm(request.POST or None, instance=participant)
    if request.method == "POST" and form.is_valid():
        form.save()
        services.set_people(
            participant, form.cleaned_data["users"], form.cleaned_data["guests"].splitlines()
        )
        messages.success(request, _("Participant saved."))
        return redirect("events:detail", event.pk)
    return render(
        request, "events/participant_edit.html",
        {"event": event, "participant": participant, "form": form},
    )  # fmt: skip


@require_POST
@organiser_only
def participant_cancel(request: HttpRequest, event: Event, participant_pk: int) -> HttpResponse:
    services.cancel_participant(event_participant(event, participant_pk))
    messages.success(request, _("Participant cancelled; the timetable is being re-optimised."))
    return redirect("events:detail", event.pk)


@require_POST
@organiser_only
def check_in(request: HttpRequest, event: Event, participant_pk: int) -> HttpResponse:
    services.check_in(event_participant(event, participant_pk))
    return redirect(
        "events:now" if request.POST.get("from") == "now" else "events:detail", event.pk
    )


@require_http_methods(["GET", "POST"])
@organiser_only
def requests_overview(request: HttpRequest, event: Event) -> HttpResponse:
    form = forms.DecideForm(request.POST or None, event=event)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.organiser_decide(
            event, data["requester"], data["recipient"], force=data["force"], notes=data["notes"]
        )
        messages.success(request, _("Decision recorded."))
        return redirect("events:requests", event.pk)
    return render(
        request, "events/requests.html",
        {"event": event, "requests": selectors.requests_overview(event), "form": form},
    )  # fmt: skip


@require_POST
@organiser_only
def schedule_run(request: HttpRequest, event: Event) -> HttpResponse:
    job = services.enqueue_schedule(event, user=request.user)
    if job.sent is False:
        messages.warning(
            request,
            _(
                "The task queue is not answering. The timetable will be computed as soon as "
                "it is back; you need not ask again."
            ),
        )
    else:
        messages.success(request, _("The timetable is being computed."))
    return redirect("events:detail", event.pk)


@organiser_only
def table_sheets(request: HttpRequest, event: Event) -> HttpResponse:
    context = {"event": event, "sheets": selectors.table_sheets(event)}
    if request.GET.get("format") == "pdf":
        return exports.pdf_response(
            "events/table_sheets_print.html", context, f"tables-{event.pk}.pdf"
        )
    return render(request, "events/table_sheets.html", context)


@organiser_only
def current_slot(request: HttpRequest, event: Event) -> HttpResponse:
    slot = selectors.current_slot(event, timezone.now())
    meetings = selectors.meetings_in(event, slot) if slot else []
    return render_page(
        request, "events/now.html",
        {
            "event": event, "slot": slot, "meetings": meetings,
            "waiting": event.participants.filter(checked_in_at__isnull=True, cancelled=False)
            .select_related("organization"),
        },
        partial="board",
    )  # fmt: skip


@require_POST
@organiser_only
def meeting_mark(request: HttpRequest, event: Event, meeting_pk: int) -> HttpResponse:
    meeting = get_object_or_404(Meeting, pk=meeting_pk, request__event=event)
    form = forms.MarkForm(request.POST)
    if form.is_valid():
        services.mark_meeting(meeting, form.cleaned_data["status"])
    return redirect("events:now", event.pk)


@require_POST
@participant_only
def listing_add(request: HttpRequest, event: Event, participant: Participant) -> HttpResponse:
    form = forms.ListingForm(request.POST, instance=Listing(participant=participant))
    if form.is_valid():
        form.save()
        messages.success(request, _("Published."))
    else:
        messages.error(request, _("Not published: %(errors)s") % {"errors": form.errors})
    return redirect("events:detail", event.pk)


@participant_only
def recommendations(request: HttpRequest, event: Event, participant: Participant) -> HttpResponse:
    found = selectors.recommendations(participant, timezone.localdate())
    return render(
        request, "events/recommendations.html",
        {"event": event, "participant": participant, "recommendations": found,
         "request_form": forms.RequestForm(participant=participant),
         "asked": selectors.counterparts_asked(participant)},
    )  # fmt: skip


@require_POST
@participant_only
def meeting_request(request: HttpRequest, event: Event, participant: Participant) -> HttpResponse:
    form = forms.RequestForm(request.POST, participant=participant)
    if form.is_valid():
        services.request_meeting(
            participant, form.cleaned_data["recipient"], form.cleaned_data["priority"]
        )
        messages.success(request, _("Meeting requested."))
    else:
        messages.error(request, _("The meeting was not requested."))
    return redirect("events:detail", event.pk)


@require_POST
@login_required
def request_answer(request: HttpRequest, pk: int, request_pk: int) -> HttpResponse:
    event = visible_event(request, pk)
    meeting_request = get_object_or_404(
        MeetingRequest.objects.select_related("requester__organization", "recipient"),
        pk=request_pk, event=event,
    )  # fmt: skip
    if not permissions.can_answer(request.user, meeting_request):
        raise PermissionDenied
    try:
        services.answer_request(meeting_request, accept=request.POST.get("accept") == "1")
    except services.EventError as error:
        messages.error(request, str(error))
    return redirect("events:detail", event.pk)


def agenda_participant(request: HttpRequest, pk: int, participant_pk: int) -> Participant:
    """Someone's agenda: theirs, or any participant's for the organisers."""
    event = visible_event(request, pk)
    participant = event_participant(event, participant_pk)
    if not (
        permissions.is_organiser(request.user, event)
        or permissions.speaks_for(request.user, participant)
    ):
        raise PermissionDenied
    return participant


@login_required
def agenda(request: HttpRequest, pk: int, participant_pk: int) -> HttpResponse:
    participant = agenda_participant(request, pk, participant_pk)
    context = exports.agenda_context(participant)
    return render(request, "events/agenda.html", context)


@login_required
def agenda_pdf(request: HttpRequest, pk: int, participant_pk: int) -> HttpResponse:
    participant = agenda_participant(request, pk, participant_pk)
    return exports.pdf_response(
        "events/agenda_print.html", exports.agenda_context(participant),
        f"agenda-{participant.event_id}-{participant.pk}.pdf",
    )  # fmt: skip


@login_required
def agenda_ics(request: HttpRequest, pk: int, participant_pk: int) -> HttpResponse:
    participant = agenda_participant(request, pk, participant_pk)
    response = HttpResponse(
        exports.agenda_ics(participant, host=request.get_host()),
        content_type="text/calendar; charset=utf-8",
    )
    name = f"agenda-{participant.event_id}-{participant.pk}.ics"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_http_methods(["GET", "POST"])
@participant_only
def feedback(
    request: HttpRequest, event: Event, participant: Participant, meeting_pk: int
) -> HttpResponse:
    meeting = get_object_or_404(selectors.meetings_of(event), pk=meeting_pk)
    side = permissions.attends(request.user, meeting)
    if side is None:
        raise PermissionDenied
    existing = meeting.feedback.filter(participant=side).first()
    form = forms.FeedbackForm(request.POST or None, instance=existing)
    if request.method == "POST" and form.is_valid():
        services.give_feedback(meeting, side, **form.cleaned_data)
        messages.success(request, _("Thank you for your feedback."))
        return redirect("events:detail", event.pk)
    return render(
        request, "events/feedback.html",
        {"event": event, "meeting": meeting, "form": form,
         "counterpart": selectors.counterpart(meeting, side)},
    )  # fmt: skip
