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
from eslabon.analytics.dashboards import meeting_funnel
from eslabon.analytics.dashboards.common import (
    state_name,
    suppliers,
    within,
)
from eslabon.analytics.dashboards.demand import requirements
from eslabon.analytics.filters import Filters
from eslabon.analytics.panels import Column, Dashboard, Panel, name_field, register, shown
from eslabon.analytics.permissions import Scope
from eslabon.events.choices import Side
from eslabon.events.models import Event, MeetingRequest
from eslabon.hub.choices import QuoteStatus
from eslabon.hub.models import Award, Invitation, Quote
from eslabon.registry.choices import SizeStratum
from eslabon.registry.models import Process

A, B = "requester__organization", "recipient__organization"
STAGES = meeting_funnel.STAGES


def _between(buyer: str, supplier: str) -> Q:
    """The meeting's buyer side buying from its supplier side, in a hub subquery (one
    direction, so the database can use the supplier's index; events.selectors.funnel tries
    both because it does not look at the participants' sides)."""
    return Q(**{buyer: OuterRef("buyer_org"), supplier: OuterRef("supplier_org")})


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
    supplier_side = Q(requester__side=Side.SUPPLIER)
    return queryset.annotate(
        supplier_org=Case(When(supplier_side, then=F(A)), default=F(B)),
        buyer_org=Case(When(supplier_side, then=F(B)), default=F(A)),
    ).annotate(
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


def _row(scope: Scope, label: str, figures: dict[str, Any]) -> dict[str, Any]:
    hidden = scope.hides(figures["others"] or 0)
    row = {"label": label}
    for stage in STAGES:
        row[stage] = shown(figures[stage] or 0, hidden)
    row["days"] = shown(meeting_funnel.in_days(figures["days"]), hidden)
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


def _meeting_panels(scope: Scope, filters: Filters) -> list[Panel]:
    facts = meeting_funnel.facts(scope, meeting_requests(scope, filters))
    overall = _row(scope, _("All meetings"), meeting_funnel.total(facts))
    by: dict[str, list[dict[str, Any]]] = {"event": [], "size": [], "state": [], "family": []}
    if not facts.is_empty():
        events = dict(Event.objects.filter(pk__in=facts.get_column("event").unique().to_list())
                      .values_list("pk", "name"))  # fmt: skip
        sizes = dict(SizeStratum.choices)
        names = dict(Process.objects.filter(parent__isnull=True).values_list("slug", name_field()))
        label = {
            "event": lambda key: events.get(key, str(key)),
            "size": lambda key: str(sizes.get(key, _("Not stated"))),
            "state": state_name,
            "family": lambda key: names.get(key, key),
        }
        frames = {"event": facts, **meeting_funnel.with_dimensions(facts)}
        for dimension, frame in frames.items():
            by[dimension] = [
                _row(scope, label[dimension](row[dimension]), row)
                for row in meeting_funnel.grouped(frame, dimension)
            ]
    labels = [column.label for column in _columns("")[1:7]]
    return [
        Panel(
            key="meetings",
            title=_("From meeting request to award"),
            columns=_columns(_("Scope")),
            rows=[overall],
            chart=charts.bar_chart(
                _("Meetings at each stage"),
                [(text, overall[stage]) for text, stage in zip(labels, STAGES, strict=True)],
            ),
            chart_template=charts.BAR_TEMPLATE,
            note=_(
                "A held meeting counts as an RFQ when the buyer invited the supplier, or the "
                "supplier quoted one of the buyer's requirements, after the meeting was "
                "requested; as an award when the buyer awarded the supplier afterwards."
            ),
        ),
        _panel("meetings-by-event", _("Funnel by event"), _("Event"), by["event"]),
        _panel("meetings-by-size", _("Funnel by supplier size"), _("Size"), by["size"]),
        _panel("meetings-by-state", _("Funnel by supplier state"), _("State"), by["state"]),
        _panel("meetings-by-process", _("Funnel by supplier process"), _("Process"), by["family"]),
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
            item["days"] = shown(meeting_funnel.in_days(row["days"]), hidden)
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
