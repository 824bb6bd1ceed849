"""Analytics dashboards at ten times the demo's data, on PostgreSQL.

Creates a scratch PostgreSQL database (dropped at the end), loads the registry demo and clones
it nine times (3 200 suppliers, 440 buyers, their sites, capabilities and certificates), and
bulk-creates 10× the hub and events demos (60 requirements with lines, invitations, quotes and
awards; 10 events of 40 participants, 94 meeting requests and 75 meetings each). Then it times each
dashboard page as the test client renders it (median of REPEATS, for a programme officer and
for a buyer, whose figures are scoped and suppressed) and, as the baseline in the same run,
the same headline figures computed by looping over model instances in Python.

Run from the repository root (PostgreSQL on 127.0.0.1:5432, user postgres):
  PYTHONPATH=. python bench/analytics_dashboards.py [REPEATS]
(ESLABON_BENCH_KEEP=1 keeps the database bench_analytics for profiling.)
"""

from __future__ import annotations

import datetime as dt
import os
import random
import sys
import tempfile
import time
from collections import defaultdict
from decimal import Decimal
from typing import Any

from bench import analytics_extra_data
from bench.readiness_report import _median  # median of repeated runs, shared

SERVER = "postgres://postgres@127.0.0.1:5432"
# Another name in the environment lets two runs share the server without dropping each other.
NAME = os.environ.get("ESLABON_BENCH_DATABASE", "bench_analytics")
SCALE = 10


def _recreate_database() -> None:
    import psycopg

    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {NAME}")
        connection.execute(f"CREATE DATABASE {NAME}")


def _drop_database() -> None:
    import psycopg
    from django.db import connections

    connections.close_all()
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {NAME}")


def _copy_registry(copies: int) -> None:
    """The demo cluster cloned ``copies`` more times (the demo generator cannot draw 10× as
    many distinct names): each buyer and supplier with its sites, capabilities (and their
    materials) and certificates, bulk-created with new RFCs."""
    from eslabon.registry.models import Capability, Certification, Organization, Site

    def rows(queryset: Any) -> list[dict[str, Any]]:
        return list(queryset.order_by("pk").values())

    organizations = rows(Organization.objects.filter(is_operator=False))
    sites = rows(Site.objects.filter(organization__is_operator=False))
    capabilities = rows(Capability.objects.all())
    certifications = rows(Certification.objects.all())
    through = Capability.materials.through
    materials = list(through.objects.values_list("capability_id", "material_id"))
    for copy in range(1, copies + 1):
        new_orgs = Organization.objects.bulk_create(
            Organization(**{**row, "id": None, "rfc": f"CP{copy}{row['id']:07d}",
                            "legal_name": f"{row['legal_name']} ({copy + 1})",
                            "trade_name": f"{row['trade_name']} ({copy + 1})"})
            for row in organizations
        )  # fmt: skip
        org_map = {row["id"]: new.pk for row, new in zip(organizations, new_orgs, strict=True)}
        new_sites = Site.objects.bulk_create(
            Site(**{**row, "id": None, "organization_id": org_map[row["organization_id"]]})
            for row in sites
        )
        site_map = {row["id"]: new.pk for row, new in zip(sites, new_sites, strict=True)}
        new_caps = Capability.objects.bulk_create(
            Capability(**{**row, "id": None, "site_id": site_map[row["site_id"]]})
            for row in capabilities
            if row["site_id"] in site_map
        )
        kept = [row for row in capabilities if row["site_id"] in site_map]
        cap_map = {row["id"]: new.pk for row, new in zip(kept, new_caps, strict=True)}
        through.objects.bulk_create(
            through(capability_id=cap_map[c], material_id=m) for c, m in materials if c in cap_map
        )
        Certification.objects.bulk_create(
            Certification(**{**row, "id": None,
                             "organization_id": org_map[row["organization_id"]],
                             "site_id": site_map.get(row["site_id"])})
            for row in certifications
            if row["organization_id"] in org_map
        )  # fmt: skip


def _hub(rng: random.Random) -> None:
    """10× the hub demo's six requirements, with its mix of states and follow-ups."""
    from django.db.models import F

    from eslabon.hub.choices import QuoteStatus, RequirementStatus
    from eslabon.hub.models import Award, Invitation, Quote, QuoteLine, Requirement, RequirementLine
    from eslabon.registry.models import Organization, Process, Site

    statuses = [
        RequirementStatus.DRAFT, RequirementStatus.PUBLISHED, RequirementStatus.CLOSED,
        RequirementStatus.UNDER_EVALUATION, RequirementStatus.AWARDED, RequirementStatus.CANCELLED,
    ]  # fmt: skip
    buyers = list(Organization.objects.filter(is_buyer=True).values_list("pk", flat=True))
    buyer_sites = dict(
        Site.objects.filter(organization__in=buyers).values_list("organization", "pk")
    )
    buyers = [b for b in buyers if b in buyer_sites]
    suppliers = list(
        Site.objects.filter(organization__is_supplier=True, organization__status="approved")
        .values_list("organization", "pk")
    )  # fmt: skip
    processes = list(Process.objects.filter(parent__isnull=False).values_list("pk", flat=True))
    now = dt.datetime.now(dt.UTC)
    requirements = []
    for n in range(6 * SCALE):
        buyer = rng.choice(buyers)
        requirements.append(
            Requirement(
                buyer_id=buyer, title=f"Requerimiento {n}",
                annual_volume=rng.randint(5, 500) * 1000,
                sop_date=dt.date(2027, 9, 1), delivery_site_id=buyer_sites[buyer],
                named_place="Planta", target_price=Decimal(rng.randint(5, 900)),
                quote_due_at=now + dt.timedelta(days=10), nda_text="Confidencial",
                status=statuses[n % 6], published_at=now - dt.timedelta(days=rng.randint(1, 365)),
            )
        )  # fmt: skip
    Requirement.objects.bulk_create(requirements)
    through = Requirement.processes.through
    through.objects.bulk_create(
        through(requirement_id=r.pk, process_id=p)
        for r in requirements
        for p in rng.sample(processes, rng.randint(1, 2))
    )
    lines, invitations, quotes, quote_lines, awards = [], [], [], [], []
    for r in requirements:
        line = RequirementLine(requirement=r, part_number=f"PN-{r.pk}", name="Pieza", quantity=1000)
        lines.append(line)
    RequirementLine.objects.bulk_create(lines)
    for r, line in zip(requirements, lines, strict=True):
        if r.status == RequirementStatus.DRAFT:
            continue
        invited = rng.sample(suppliers, 4)
        invitations += [Invitation(requirement=r, supplier_id=org) for org, _site in invited]
        for org, site in invited[:2]:
            quote = Quote(
                requirement=r, supplier_id=org, site_id=site, valid_until=dt.date(2027, 6, 1),
                status=QuoteStatus.SUBMITTED, submitted_at=now, first_submitted_at=now,
            )  # fmt: skip
            quotes.append(quote)
            quote_lines.append(
                QuoteLine(quote=quote, line=line, lead_time_ppap_weeks=8, lead_time_sop_weeks=12,
                          capacity_committed=1000)
            )  # fmt: skip
        if r.status == RequirementStatus.AWARDED:
            awards.append(Award(line=line, quote_line=quote_lines[-1]))
    Invitation.objects.bulk_create(invitations)
    Quote.objects.bulk_create(quotes)
    QuoteLine.objects.bulk_create(quote_lines)
    Award.objects.bulk_create(awards)
    Award.objects.update(awarded_at=F("awarded_at") + dt.timedelta(days=12))


def _events(rng: random.Random) -> None:
    """10 events like the demo's: 40 participants, 94 requests, 75 meetings, most held."""
    from eslabon.events.choices import MeetingStatus, RequestStatus, Side
    from eslabon.events.models import Day, Event, Meeting, MeetingRequest, Participant, Slot, Table
    from eslabon.hub.models import Award
    from eslabon.registry.models import Organization

    operator = Organization.objects.filter(is_operator=True).first()
    buyers = list(Organization.objects.filter(is_buyer=True).values_list("pk", flat=True))
    suppliers = list(Organization.objects.published_suppliers().values_list("pk", flat=True))
    # Pairs that did business in the hub, so some meetings are followed by an award.
    awarded = list(
        Award.objects.values_list("line__requirement__buyer", "quote_line__quote__supplier")
    )
    statuses = [MeetingStatus.HELD] * 6 + [MeetingStatus.NO_SHOW, MeetingStatus.SCHEDULED]
    for e in range(SCALE):
        event = Event.objects.create(operator=operator, name=f"Foro de proveeduría {e + 1}")
        day = Day.objects.create(event=event, date=dt.date(2026, 3, 10) + dt.timedelta(days=e))
        slots = Slot.objects.bulk_create(
            Slot(day=day, start=dt.time(9 + k // 2, 30 * (k % 2)),
                 end=dt.time(9 + k // 2, 25 + 30 * (k % 2)))
            for k in range(16)
        )  # fmt: skip
        tables = Table.objects.bulk_create(Table(event=event, number=n + 1) for n in range(10))
        pair = awarded[e % len(awarded)] if awarded else None
        chosen_buyers = rng.sample(buyers, 10)
        chosen_suppliers = rng.sample(suppliers, 30)
        if pair:
            chosen_buyers[0], chosen_suppliers[0] = pair
        people = Participant.objects.bulk_create(
            [Participant(event=event, organization_id=b, side=Side.BUYER) for b in chosen_buyers]
            + [Participant(event=event, organization_id=s, side=Side.SUPPLIER)
               for s in chosen_suppliers]
        )  # fmt: skip
        buyer_side, supplier_side = people[:10], people[10:]
        pairs = [(b, s) for b in buyer_side for s in supplier_side]
        rng.shuffle(pairs)
        pairs.sort(key=lambda p: p != (buyer_side[0], supplier_side[0]))
        requests = MeetingRequest.objects.bulk_create(
            MeetingRequest(event=event, requester=b, recipient=s,
                           status=RequestStatus.ACCEPTED if i < 75 else RequestStatus.REQUESTED)
            for i, (b, s) in enumerate(pairs[:94])
        )  # fmt: skip
        Meeting.objects.bulk_create(
            Meeting(request=r, slot=slots[i // 10 % 16], table=tables[i % 10],
                    status=statuses[i % len(statuses)])
            for i, r in enumerate(requests[:75])
        )  # fmt: skip


def _naive() -> dict[str, Any]:
    """The baseline: the same headline figures by looping over model instances."""
    from eslabon.events.models import MeetingRequest
    from eslabon.hub.models import Award, Invitation, Quote, Requirement
    from eslabon.registry.models import Capability, Certification

    def demand() -> None:
        volume: dict[str, int] = defaultdict(int)
        for requirement in Requirement.objects.exclude(
            status__in=["draft", "cancelled"]
        ).prefetch_related("processes"):
            for process in requirement.processes.all():
                volume[process.slug] += requirement.annual_volume
        capable: dict[tuple[str, str], set[int]] = defaultdict(set)
        for capability in Capability.objects.select_related("site__organization", "process"):
            if (
                capability.site.organization.is_supplier
                and capability.site.organization.status == "approved"
            ):
                capable[(capability.process.slug, capability.site.state_code)].add(
                    capability.site.organization_id
                )

    def funnel() -> None:
        invited = {
            (i.requirement.buyer_id, i.supplier_id)
            for i in Invitation.objects.select_related("requirement")
        }
        quoted = {
            (q.requirement.buyer_id, q.supplier_id)
            for q in Quote.objects.select_related("requirement")
        }
        won = {
            (a.line.requirement.buyer_id, a.quote_line.quote.supplier_id)
            for a in Award.objects.select_related("line__requirement", "quote_line__quote")
        }
        counts: dict[int, list[int]] = defaultdict(lambda: [0] * 5)
        for request in MeetingRequest.objects.select_related("requester", "recipient", "meeting"):
            a, b = request.requester.organization_id, request.recipient.organization_id
            row = counts[request.event_id]
            row[0] += 1
            meeting = getattr(request, "meeting", None)
            if meeting is not None and meeting.status == "held":
                row[1] += 1
                row[2] += (a, b) in invited or (b, a) in invited
                row[3] += (a, b) in quoted or (b, a) in quoted
                row[4] += (a, b) in won or (b, a) in won

    def certifications() -> None:
        today = dt.datetime.now(dt.UTC).date()
        quarters = [today - dt.timedelta(days=91 * k) for k in range(12)]
        held: dict[tuple[str, dt.date], set[int]] = defaultdict(set)
        for certificate in Certification.objects.select_related("standard", "organization"):
            if certificate.organization.status != "approved" or certificate.status != "held":
                continue
            for day in quarters:
                if (
                    certificate.issued_on
                    and certificate.issued_on <= day
                    and (certificate.expires_on is None or certificate.expires_on > day)
                ):
                    held[(certificate.standard.slug, day)].add(certificate.organization_id)

    return {"demand-supply": demand, "funnel": funnel, "certifications": certifications}


def main(repeats: int = 10) -> None:
    os.environ["ESLABON_DATA_DIR"] = tempfile.mkdtemp(prefix="eslabon-bench-")
    os.environ["DATABASE_URL"] = f"{SERVER}/{NAME}"
    _recreate_database()
    from eslabon.cli import django_setup

    django_setup.migrate()
    try:
        _run(repeats)
    finally:
        if not os.environ.get("ESLABON_BENCH_KEEP"):
            _drop_database()


def _run(repeats: int) -> None:
    from django.contrib.auth import get_user_model
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections, connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    from eslabon.analytics import panels
    from eslabon.analytics.filters import Filters
    from eslabon.analytics.permissions import scope_of
    from eslabon.events.models import MeetingRequest
    from eslabon.hub.models import Requirement
    from eslabon.registry.demo import load_demo
    from eslabon.registry.models import Capability, Certification, Organization

    setup_test_environment()
    # One connection for the whole run, as a server with persistent connections keeps it
    # (and so that the queries each page runs can be counted).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    started = time.perf_counter()
    load_demo()
    _copy_registry(SCALE - 1)
    rng = random.Random(2026)
    _hub(rng)
    _events(rng)
    analytics_extra_data.load(rng)  # dashboards 4-6: decent work, DENUE, origin goods
    print(
        f"loaded in {time.perf_counter() - started:.0f} s: {Organization.objects.count()} "
        f"organisations, {Capability.objects.count()} capabilities, "
        f"{Certification.objects.count()} certificates, {Requirement.objects.count()} "
        f"requirements, {MeetingRequest.objects.count()} meeting requests"
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    users = get_user_model().objects
    viewers = {
        "operator": users.get(email="operador@eslabon.demo"),
        "buyer": users.get(email="comprador@eslabon.demo"),
    }
    baseline = {**_naive(), **analytics_extra_data.naive()}
    print(
        f"{'dashboard':<16} {'viewer':<9} {'queries':>7} {'page':>8} {'selector':>9} "
        f"{'baseline':>9}"
    )
    for board in panels.dashboards():
        url = f"/analytics/{board.slug}/"
        for who, user in viewers.items():
            client = Client()
            client.force_login(user)
            counter = _Counter()
            with connection.execute_wrapper(counter):
                assert client.get(url).status_code == 200
            page = _median(lambda c=client, u=url: c.get(u), repeats)
            scope = scope_of(user)
            selector = _median(lambda b=board, s=scope: b.build(s, Filters()), repeats)
            naive = baseline.get(board.slug)
            base = f"{_median(naive, repeats):8.3f}s" if naive and who == "operator" else "       —"
            print(
                f"{board.slug:<16} {who:<9} {counter.count:>7} {page:7.3f}s {selector:8.3f}s {base}"
            )


class _Counter:
    """Counts the statements a page sends to the database."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        self.count += 1
        return execute(sql, params, many, context)


if __name__ == "__main__":
    main(*(int(arg) for arg in sys.argv[1:2]))
