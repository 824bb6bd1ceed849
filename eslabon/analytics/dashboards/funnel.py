"""Dashboard 2, the funnel: do meetings turn into contracts?

Meetings: requested → scheduled → held → RFQ (the buyer invited the supplier, or the supplier
quoted one of the buyer's requirements, after the meeting was requested) → quote → award,
following each meeting pair into the Supply Hub as events.selectors.funnel does, by event,
supplier size, supplier state and process; the average days from the meeting request (the
first contact) to the first award. Supply Hub: requirements posted → suppliers invited →
quoted → awarded, by process and delivery state, with days from publication to award.

Each figure is a database aggregate: Exists/Subquery per meeting request, filtered Counts per
group; state and process (several per supplier) are one query per stage.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db.models import (
    Avg,
    Case,
    Count,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    Subquery,
    When,
)
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from eslabon.analytics import charts
from eslabon.analytics.dashboards.common import (
    process_family,
    state_name,
    suppliers,
    within,
)
from eslabon.analytics.dashboards.demand import requirements
from eslabon.analytics.filters import Filters
from eslabon.analytics.panels import Column, Dashboard, Panel, name_field, register, shown
from eslabon.analytics.permissions import Scope
from eslabon.events.choices import MeetingStatus, RequestStatus, Side
from eslabon.events.models import MeetingRequest
from eslabon.hub.choices import QuoteStatus
from eslabon.hub.models import Award, Invitation, Quote
from eslabon.registry.choices import SizeStratum
from eslabon.registry.models import Capability, Process, Site

A, B = "requester__organization", "recipient__organization"
STAGES = ("requested", "scheduled", "held", "rfq", "quoted", "awarded")


def _between(buyer: str, supplier: str) -> Q:
    """The meeting's two organisations, either one buying, in a hub subquery."""
    return Q(**{buyer: OuterRef(A), supplier: OuterRef(B)}) | Q(
        **{buyer: OuterRef(B), supplier: OuterRef(A)}
    )


def supplier_in(organizations: Any) -> Q:
    """The request's supplier-side participant belongs to ``organizations`` (a subquery)."""
    return Q(requester__side=Side.SUPPLIER, requester__organization__in=organizations) | Q(
        recipient__side=Side.SUPPLIER, recipient__organization__in=organizations
    )


def _hub(scope: Scope) -> tuple[Any, Any, Any]:
    if scope.everything:
        return Invitation.objects.all(), Quote.objects.all(), Award.objects.all()
    user = scope.user
    return (
        Invitation.objects.visible_to(user),
        Quote.objects.visible_to(user),
        Award.objects.visible_to(user),
    )


def meeting_requests(scope: Scope, filters: Filters) -> Any:
    """Meeting requests in scope, each annotated with how far it went."""
    queryset = MeetingRequest.objects.filter(within("created_at", filters))
    if not scope.everything:
        queryset = queryset.filter(
            Q(requester__organization__in=scope.own) | Q(recipient__organization__in=scope.own)
        )
    if filters.event:
        queryset = queryset.filter(event_id=filters.event)
    if filters.state or filters.process or filters.size:
        queryset = queryset.filter(supplier_in(suppliers(filters)))
    invitations, quotes, awards = _hub(scope)
    after = OuterRef("created_at")
    first_award = (
        awards.filter(
            _between("line__requirement__buyer", "quote_line__quote__supplier"),
            awarded_at__gte=after,
        )
        .order_by("awarded_at")
        .values("awarded_at")[:1]
    )
    return queryset.annotate(
        invited=Exists(
            invitations.filter(_between("requirement__buyer", "supplier"), invited_at__gte=after)
        ),
        quoted_after=Exists(
            quotes.filter(
                _between("requirement__buyer", "supplier"),
                status=QuoteStatus.SUBMITTED,
                first_submitted_at__gte=after,
            )
        ),
        first_award=Subquery(first_award),
    )


def _stage(name: str) -> Q:
    held = Q(meeting__status=MeetingStatus.HELD)
    return {
        "requested": ~Q(status=RequestStatus.FORBIDDEN),
        "scheduled": Q(meeting__isnull=False) & ~Q(meeting__status=MeetingStatus.CANCELLED),
        "held": held,
        "rfq": held & (Q(invited=True) | Q(quoted_after=True)),
        "quoted": held & Q(quoted_after=True),
        "awarded": held & Q(first_award__isnull=False),
    }[name]


def _partner(scope: Scope) -> Any:
    """The organisation on the other side of the viewer (for counting other companies)."""
    if scope.everything or not scope.own:
        return F(A)
    return Case(When(Q(requester__organization__in=scope.own), then=F(B)), default=F(A))


def _days() -> ExpressionWrapper:
    return ExpressionWrapper(F("first_award") - F("created_at"), output_field=DurationField())


def _in_days(value: Any) -> Decimal | None:
    if value is None:
        return None
    if isinstance(value, dt.timedelta):
        return Decimal(value.total_seconds() / 86400).quantize(Decimal("0.1"))
    return Decimal(value / 86_400_000_000).quantize(Decimal("0.1"))  # microseconds


def _figures(scope: Scope, condition: Q | None = None) -> dict[str, Any]:
    def where(q: Q) -> Q:
        return q if condition is None else q & condition

    figures: dict[str, Any] = {s: Count("pk", filter=where(_stage(s))) for s in STAGES}
    figures["others"] = Count(_partner(scope), distinct=True, filter=where(_stage("requested")))
    figures["days"] = Avg(_days(), filter=where(_stage("awarded")))
    return figures


def _row(scope: Scope, label: str, figures: dict[str, Any]) -> dict[str, Any]:
    hidden = scope.hides(figures["others"] or 0)
    row = {"label": label}
    for stage in STAGES:
        row[stage] = shown(figures[stage] or 0, hidden)
    row["days"] = shown(_in_days(figures["days"]), hidden)
    return row


def _columns(head: str) -> tuple[Column, ...]:
    return (
        Column("label", head),
        Column("requested", _("Meetings requested"), numeric=True),
        Column("scheduled", _("Meetings scheduled"), numeric=True),
        Column("held", _("Meetings held"), numeric=True),
        Column("rfq", _("Followed by an RFQ"), numeric=True),
        Column("quoted", _("Followed by a quote"), numeric=True),
        Column("awarded", _("Followed by an award"), numeric=True),
        Column("days", _("Days from request to award (average)"), numeric=True),
    )


def _stage_labels() -> list[str]:
    return [c.label for c in _columns("")[1:7]]


def _grouped_by_membership(
    scope: Scope, base: Any, groups: list[tuple[str, Q]]
) -> list[dict[str, Any]]:
    """Groups a supplier may belong to several of (states, processes): one query per stage
    with a filtered count per group, so each request's subqueries run once per stage."""
    if not groups:
        return []
    counts: dict[str, dict[str, Any]] = {}
    for stage in STAGES:
        counts[stage] = base.filter(_stage(stage)).aggregate(
            **{f"g{i}": Count("pk", distinct=True, filter=q) for i, (_l, q) in enumerate(groups)}
        )
    extra = base.filter(_stage("requested")).aggregate(
        **{
            f"o{i}": Count(_partner(scope), distinct=True, filter=q)
            for i, (_l, q) in enumerate(groups)
        }
    )
    days = base.filter(_stage("awarded")).aggregate(
        **{f"d{i}": Avg(_days(), filter=q) for i, (_l, q) in enumerate(groups)}
    )
    rows = []
    for i, (label, _q) in enumerate(groups):
        figures = {stage: counts[stage][f"g{i}"] for stage in STAGES}
        figures["others"] = extra[f"o{i}"]
        figures["days"] = days[f"d{i}"]
        if figures["requested"]:
            rows.append(_row(scope, label, figures))
    return rows


def _meeting_panels(scope: Scope, filters: Filters) -> list[Panel]:
    base = meeting_requests(scope, filters)
    total = base.aggregate(**_figures(scope))
    by_event = [
        _row(scope, row["event__name"], row)
        for row in base.values("event", "event__name").annotate(**_figures(scope)).order_by("event")
    ]
    size = Case(
        When(requester__side=Side.SUPPLIER, then=F("requester__organization__size_stratum")),
        default=F("recipient__organization__size_stratum"),
    )
    sizes = dict(SizeStratum.choices)
    by_size = [
        _row(scope, str(sizes.get(row["supplier_size"], _("Not stated"))), row)
        for row in base.annotate(supplier_size=size)
        .values("supplier_size")
        .annotate(**_figures(scope))
        .order_by("supplier_size")
    ]
    side_participant = Case(
        When(requester__side=Side.SUPPLIER, then=F("requester")), default=F("recipient")
    )
    states_present = (
        Site.objects.filter(
            organization__event_participations__side=Side.SUPPLIER,
            organization__event_participations__in=MeetingRequest.objects.filter(
                pk__in=base.values("pk")
            )
            .annotate(participant=side_participant)
            .values("participant"),
        )
        .values_list("state_code", flat=True)
        .distinct()
        .order_by("state_code")
    )
    in_state = Site.objects.values("organization_id")
    by_state = _grouped_by_membership(
        scope, base,
        [
            (state_name(code), supplier_in(in_state.filter(state_code=code)))
            for code in states_present
        ],
    )  # fmt: skip
    roots = Process.objects.filter(parent__isnull=True).order_by("slug")
    by_process = _grouped_by_membership(
        scope, base,
        [
            (name, supplier_in(Capability.objects.filter(
                process__slug__in=process_family(slug)).values("site__organization_id")))
            for slug, name in roots.values_list("slug", name_field())
        ],
    )  # fmt: skip
    overall = _row(scope, _("All meetings"), total)
    funnel_chart = charts.bar_chart(
        _("Meetings at each stage"),
        [(label, overall[stage]) for label, stage in zip(_stage_labels(), STAGES, strict=True)],
    )
    return [
        Panel(
            key="meetings",
            title=_("From meeting request to award"),
            columns=_columns(_("Scope")),
            rows=[overall],
            chart=funnel_chart,
            chart_template=charts.BAR_TEMPLATE,
            note=_(
                "A held meeting counts as an RFQ when the buyer invited the supplier, or the "
                "supplier quoted one of the buyer's requirements, after the meeting was "
                "requested; as an award when the buyer awarded the supplier afterwards."
            ),
        ),
        _panel("meetings-by-event", _("Funnel by event"), _("Event"), by_event),
        _panel("meetings-by-size", _("Funnel by supplier size"), _("Size"), by_size),
        _panel("meetings-by-state", _("Funnel by supplier state"), _("State"), by_state),
        _panel("meetings-by-process", _("Funnel by supplier process"), _("Process"), by_process),
    ]


def _panel(key: str, title: str, head: str, rows: list[dict[str, Any]]) -> Panel:
    return Panel(
        key=key,
        title=title,
        columns=_columns(head),
        rows=rows,
        chart=charts.bar_chart(
            _("Meetings requested"), [(row["label"], row["requested"]) for row in rows[:20]]
        ),
        chart_template=charts.BAR_TEMPLATE,
    )


HUB_STAGES = ("posted", "invited", "quoted", "awarded")


def _hub_panels(scope: Scope, filters: Filters) -> list[Panel]:
    posted = requirements(scope, filters)
    invitations, quotes, awards = _hub(scope)
    first_award = (
        awards.filter(line__requirement=OuterRef("pk"))
        .order_by("awarded_at")
        .values("awarded_at")[:1]
    )
    flagged = posted.annotate(
        has_invitation=Exists(invitations.filter(requirement=OuterRef("pk"))),
        has_quote=Exists(quotes.filter(requirement=OuterRef("pk"), status=QuoteStatus.SUBMITTED)),
        first_award=Subquery(first_award),
    )
    wait = ExpressionWrapper(F("first_award") - F("published_at"), output_field=DurationField())
    figures = {
        "posted": Count("pk", distinct=True),
        "invited": Count("pk", distinct=True, filter=Q(has_invitation=True)),
        "quoted": Count("pk", distinct=True, filter=Q(has_quote=True)),
        "awarded": Count("pk", distinct=True, filter=Q(first_award__isnull=False)),
        "others": Count("buyer", distinct=True, filter=~Q(buyer__in=scope.own)),
        "days": Avg(wait, filter=Q(first_award__isnull=False)),
    }
    names = dict(Process.objects.values_list("slug", name_field()))

    def rows(grouped: Any, label: Any) -> list[dict[str, Any]]:
        out = []
        for row in grouped:
            hidden = scope.hides(row["others"] or 0)
            item = {"label": label(row)}
            for stage in HUB_STAGES:
                item[stage] = shown(row[stage] or 0, hidden)
            item["days"] = shown(_in_days(row["days"]), hidden)
            out.append(item)
        return out

    none = _("(none named)")
    total = rows([flagged.aggregate(**figures)], lambda _row: _("All requirements"))
    by_process = rows(
        flagged.values("processes__slug").annotate(**figures).order_by("-posted"),
        lambda row: names.get(row["processes__slug"], none) if row["processes__slug"] else none,
    )
    by_state = rows(
        flagged.values("delivery_site__state_code").annotate(**figures).order_by("-posted"),
        lambda row: state_name(row["delivery_site__state_code"]),
    )
    columns = (
        Column("posted", _("Requirements posted"), numeric=True),
        Column("invited", _("With suppliers invited"), numeric=True),
        Column("quoted", _("With quotes"), numeric=True),
        Column("awarded", _("With an award"), numeric=True),
        Column("days", _("Days from publication to award (average)"), numeric=True),
    )
    labels = [c.label for c in columns[:4]]
    return [
        Panel(
            key="hub",
            title=_("Supply Hub: from requirement to award"),
            columns=(Column("label", _("Scope")), *columns),
            rows=total,
            chart=charts.bar_chart(
                _("Requirements at each stage"),
                [(label, total[0][stage]) for label, stage in zip(labels, HUB_STAGES, strict=True)],
            ),
            chart_template=charts.BAR_TEMPLATE,
        ),
        Panel(
            key="hub-by-process",
            title=_("Supply Hub funnel by process"),
            columns=(Column("label", _("Process")), *columns),
            rows=by_process,
        ),
        Panel(
            key="hub-by-state",
            title=_("Supply Hub funnel by delivery state"),
            columns=(Column("label", _("State")), *columns),
            rows=by_state,
        ),
    ]


def build(scope: Scope, filters: Filters) -> list[Panel]:
    return [*_meeting_panels(scope, filters), *_hub_panels(scope, filters)]


register(
    Dashboard(
        slug="funnel",
        title=gettext_lazy("From meetings to contracts"),
        summary=gettext_lazy(
            "Meetings requested, held, followed by RFQs, quotes and awards, by event, process, "
            "state and size; and the Supply Hub's requirements from posting to award."
        ),
        build=build,
        order=20,
    )
)
