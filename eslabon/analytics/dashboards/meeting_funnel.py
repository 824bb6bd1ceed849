"""The meetings funnel as a table of facts: one row per meeting request, its stage flags
computed by the database (Exists/Subquery into the Supply Hub, once per request), exported with
the supplier's state, process family and size, and grouped with Polars.

A supplier with plants in two states (or processes in two families) counts in each: grouping
such many-to-many dimensions in SQL needs a filtered aggregate per group and per stage, which
repeats the correlated subqueries; over the exported table it is one join and one group-by.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import polars as pl
from django.db.models import Case, F, When

from eslabon.analytics.permissions import Scope
from eslabon.data.taxonomy import processes as taxonomy_processes
from eslabon.events.choices import MeetingStatus, RequestStatus, Side
from eslabon.registry.models import Capability, Organization, Site

STAGES = ("requested", "scheduled", "held", "rfq", "quoted", "awarded")
A, B = "requester__organization", "recipient__organization"
FACTS = ("event", "supplier", "partner", "status", "meeting", "invited", "quoted", "award", "at")


def _partner(scope: Scope) -> Any:
    """The organisation on the other side of the viewer (for counting other companies)."""
    if scope.everything or not scope.own:
        return Case(When(requester__side=Side.SUPPLIER, then=F(B)), default=F(A))
    return Case(When(requester__organization__in=scope.own, then=F(B)), default=F(A))


def facts(scope: Scope, requests: Any) -> pl.DataFrame:
    """One row per request with its stages as booleans and the days to the first award."""
    rows = requests.annotate(partner_org=_partner(scope)).values_list(
        "event_id", "supplier_org", "partner_org", "status", "meeting__status", "invited",
        "quoted_after", "first_award", "created_at",
    )  # fmt: skip
    frame = pl.DataFrame(
        list(rows),
        schema={
            "event": pl.Int64,
            "supplier": pl.Int64,
            "partner": pl.Int64,
            "status": pl.String,
            "meeting": pl.String,
            "invited": pl.Boolean,
            "quoted": pl.Boolean,
            "award": pl.Datetime(time_zone="UTC"),
            "at": pl.Datetime(time_zone="UTC"),
        },
        orient="row",
    )
    held = pl.col("meeting") == MeetingStatus.HELD
    return frame.with_columns(
        requested=pl.col("status") != RequestStatus.FORBIDDEN,
        scheduled=pl.col("meeting").is_not_null() & (pl.col("meeting") != MeetingStatus.CANCELLED),
        held=held.fill_null(False),
        rfq=(held & (pl.col("invited") | pl.col("quoted"))).fill_null(False),
        quoted_stage=(held & pl.col("quoted")).fill_null(False),
        awarded=(held & pl.col("award").is_not_null()).fill_null(False),
        days=(pl.col("award") - pl.col("at")).dt.total_seconds() / 86_400,
    ).rename({"quoted": "quoted_hub", "quoted_stage": "quoted"})


def grouped(frame: pl.DataFrame, by: str) -> list[dict[str, Any]]:
    """Stage counts, distinct partners (of requested meetings) and mean days, per ``by``."""
    if frame.is_empty():
        return []
    result = (
        frame.group_by(by)
        .agg(
            *(pl.col(stage).sum().alias(stage) for stage in STAGES),
            pl.col("partner").filter(pl.col("requested")).n_unique().alias("others"),
            pl.col("days").filter(pl.col("awarded")).mean().alias("days"),
        )
        .filter(pl.col("requested") > 0)
        .sort(by)
    )
    return result.to_dicts()


def total(frame: pl.DataFrame) -> dict[str, Any]:
    rows = grouped(frame.with_columns(all=pl.lit(1)), "all")
    return rows[0] if rows else {**dict.fromkeys(STAGES, 0), "others": 0, "days": None}


def with_dimensions(frame: pl.DataFrame) -> dict[str, pl.DataFrame]:
    """The facts joined to the supplier's size, states and process families (three queries)."""
    suppliers = frame.get_column("supplier").unique().to_list()
    sizes = pl.DataFrame(
        list(Organization.objects.filter(pk__in=suppliers).values_list("pk", "size_stratum")),
        schema={"supplier": pl.Int64, "size": pl.String}, orient="row",
    )  # fmt: skip
    states = pl.DataFrame(
        list(
            Site.objects.filter(organization__in=suppliers)
            .values_list("organization_id", "state_code")
            .distinct()
        ),
        schema={"supplier": pl.Int64, "state": pl.String}, orient="row",
    )  # fmt: skip
    taxonomy = taxonomy_processes()
    roots = {
        term.slug: (taxonomy.ancestors(term.slug) or (term.slug,))[-1] for term in taxonomy.terms
    }
    families = pl.DataFrame(
        [
            (organization, roots.get(slug, slug))
            for organization, slug in Capability.objects.filter(
                site__organization__in=suppliers
            ).values_list("site__organization_id", "process__slug").distinct()
        ],
        schema={"supplier": pl.Int64, "family": pl.String}, orient="row",
    ).unique()  # fmt: skip
    return {
        "size": frame.join(sizes, on="supplier", how="left"),
        "state": frame.join(states, on="supplier", how="inner"),
        "family": frame.join(families, on="supplier", how="inner"),
    }


def in_days(value: Any) -> Decimal | None:
    if value is None:
        return None
    if isinstance(value, dt.timedelta):
        value = value.total_seconds() / 86_400
    return Decimal(str(value)).quantize(Decimal("0.1"))
