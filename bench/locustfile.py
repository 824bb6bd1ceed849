"""Locust scenario: the main web journeys of Eslabón, mixed, for the 50-user load test.

Buyers search the directory, open a requirement and its supplier matches; suppliers open the
requirement and its quote form (the quote-drafting page); officers read the programme
readiness report. Run against the demo data set, e.g. (docs/reliability.md):

    locust -f bench/locustfile.py --headless -u 50 -r 10 -t 2m --host http://127.0.0.1:8765
"""

from __future__ import annotations

import os
import random
import re

from locust import HttpUser, between, events, task

PASSWORD = "eslabon-demo-2026"  # noqa: S105 - the documented demo password (eslabon/registry/demo.py)
SEARCHES = ("", "maquinados", "fundición", "inyección", "estampado", "Saltillo")
REQUIREMENT_LINK = re.compile(r'href="/hub/(\d+)/"')
# Think time between a user's pages, in seconds: LOCUST_THINK="min,max". The default, 0.5-1.5 s,
# is a stress pattern; people reading a requirement or a ranking take longer (docs/reliability.md).
THINK = tuple(float(x) for x in os.environ.get("LOCUST_THINK", "0.5,1.5").split(","))


# Signing in (the password hash costs about a second of CPU by design) is not one of the issue's
# journeys: its times are kept apart, and the journeys' percentiles are printed at the end.
SIGN_IN = {"login", "login form"}
_journey_ms: list[float] = []


@events.request.add_listener
def _record(name: str, response_time: float, exception: Exception | None, **_: object) -> None:
    if name not in SIGN_IN:
        _journey_ms.append(response_time)


@events.reset_stats.add_listener
def _reset(**_: object) -> None:
    _journey_ms.clear()  # --reset-stats: count from the end of the ramp-up


@events.quitting.add_listener
def _journeys(**_: object) -> None:
    times = sorted(_journey_ms)
    if times:
        at = {q: times[min(len(times) - 1, int(q * len(times)))] for q in (0.5, 0.95, 0.99)}
        print(
            f"Journeys without sign-in: {len(times)} requests, p50 {at[0.5]:.0f} ms, "
            f"p95 {at[0.95]:.0f} ms, p99 {at[0.99]:.0f} ms"
        )


class _SignedIn(HttpUser):
    abstract = True
    username = ""
    wait_time = between(THINK[0], THINK[1])

    def on_start(self) -> None:
        self.client.get("/accounts/login/", name="login form")
        token = self.client.cookies.get("csrftoken", "")
        with self.client.post(
            "/accounts/login/",
            {"username": self.username, "password": PASSWORD, "csrfmiddlewaretoken": token},
            headers={"Referer": f"{self.host}/accounts/login/"},
            name="login",
            catch_response=True,
        ) as response:
            # A refused login answers the form again (200): count it as the failure it is.
            if response.url.endswith("/accounts/login/"):
                response.failure("login refused")
        listing = self.client.get("/hub/", name="/hub/ (requirement list)")
        self.requirements = sorted({int(pk) for pk in REQUIREMENT_LINK.findall(listing.text)})

    def _requirement(self) -> int | None:
        return random.choice(self.requirements) if self.requirements else None


class Buyer(_SignedIn):
    weight = 3
    username = "comprador@eslabon.demo"

    @task(3)
    def directory_search(self) -> None:
        self.client.get(
            "/registry/directory/", params={"q": random.choice(SEARCHES)}, name="directory search"
        )

    @task(2)
    def requirement_view(self) -> None:
        if (pk := self._requirement()) is not None:
            self.client.get(f"/hub/{pk}/", name="requirement view")

    @task(2)
    def matching_page(self) -> None:
        if (pk := self._requirement()) is not None:
            self.client.get(f"/matching/requirements/{pk}/", name="matching page")


class Supplier(_SignedIn):
    weight = 3
    username = "proveedor@eslabon.demo"

    @task(2)
    def requirement_view(self) -> None:
        if (pk := self._requirement()) is not None:
            self.client.get(f"/hub/{pk}/", name="requirement view")

    @task(2)
    def quote_form(self) -> None:
        if (pk := self._requirement()) is not None:
            self.client.get(f"/hub/{pk}/quote/", name="quote drafting (form)")

    @task(1)
    def opportunities(self) -> None:
        self.client.get("/matching/for-me/", name="supplier opportunities")


# The programme analytics dashboards (eslabon/analytics/dashboards), by slug.
DASHBOARDS = (
    "demand-supply", "funnel", "certifications", "import-substitution", "decent-work", "map",
)  # fmt: skip


class Officer(_SignedIn):
    weight = 1
    username = "operador@eslabon.demo"

    @task(2)
    def readiness_report(self) -> None:
        self.client.get("/readiness/programme/", name="readiness programme report")

    @task(3)
    def analytics_dashboard(self) -> None:
        slug = random.choice(DASHBOARDS)
        self.client.get(f"/analytics/{slug}/", name=f"analytics: {slug}")

    @task(1)
    def directory_search(self) -> None:
        self.client.get(
            "/registry/directory/", params={"q": random.choice(SEARCHES)}, name="directory search"
        )
