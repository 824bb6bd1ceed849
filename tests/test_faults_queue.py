"""Injected faults of the task queue: the broker stopped when a job is asked for, and a worker
killed in the middle of a job. Real redis-server processes on spare ports and a real Celery
worker; nothing is mocked. The tests fail, never skip, when redis-server is not installed.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import kombu.pools
import pytest
import redis
from django.contrib.messages import WARNING
from django.core.management import call_command
from django.db import connections
from django.db.utils import load_backend
from django.urls import reverse
from django.utils import timezone

from eslabon.celery_app import app as celery_app
from eslabon.events import services as events
from eslabon.events.choices import ScheduleState
from eslabon.events.models import Event, Meeting
from eslabon.events.tests.factories import accepted, join, make_event
from eslabon.jobs import services as jobs
from eslabon.jobs.models import Job, JobStatus
from eslabon.registry.tests.factories import OrganizationFactory

ROOT = Path(__file__).resolve().parents[1]


def _spare_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class RedisServer:
    """A redis-server of our own on a spare port, started and stopped at will."""

    def __init__(self) -> None:
        binary = shutil.which("redis-server")
        if binary is None:
            pytest.fail("redis-server is not installed: the queue fault tests need it")
        self.binary = binary
        self.port = _spare_port()
        self.process: subprocess.Popen[bytes] | None = None

    def url(self, db: int = 7) -> str:
        return f"redis://127.0.0.1:{self.port}/{db}"

    def client(self) -> redis.Redis:
        return redis.Redis(port=self.port, db=7)

    def start(self) -> None:
        self.process = subprocess.Popen(  # noqa: S603 (the binary found on PATH, fixed arguments)
            [self.binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        wait_for(self._answers, 10, "redis-server to start")

    def _answers(self) -> bool:
        try:
            return bool(self.client().ping())
        except redis.ConnectionError:
            return False

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(10)
            self.process = None


@pytest.fixture
def redis_server() -> Iterator[RedisServer]:
    server = RedisServer()
    try:
        yield server
    finally:
        server.stop()


def wait_for(condition: Callable[[], Any], seconds: float, what: str) -> Any:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    pytest.fail(f"gave up after {seconds:.0f} s waiting for {what}")


def _drop_broker_connections() -> None:
    """Forget pooled connections, so the next publish connects to the configured URL."""
    kombu.pools.reset()  # the producer pools are kept per connection URL, process-wide
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


@contextmanager
def broker_at(url: str) -> Iterator[None]:
    """Publish tasks to a real broker instead of running them in process."""
    saved = celery_app.conf.broker_url, celery_app.conf.task_always_eager
    _drop_broker_connections()  # earlier tests may have left a pool for another broker
    celery_app.conf.update(broker_url=url, task_always_eager=False)
    try:
        yield
    finally:
        _drop_broker_connections()
        celery_app.conf.update(broker_url=saved[0], task_always_eager=saved[1])


def small_event(operator_org: Any) -> Event:
    event = make_event(operator_org)
    buyer = join(event, OrganizationFactory(is_buyer=True, is_supplier=False), side="buyer")
    accepted(join(event, OrganizationFactory()), buyer)
    return event


@pytest.mark.django_db(transaction=True)  # the job goes to the broker when enqueue commits
def test_a_timetable_asked_for_while_the_broker_is_down_waits_and_is_sent_when_it_is_back(
    client: Any, cast: Any, redis_server: RedisServer
) -> None:
    redis_server.start()
    redis_server.stop()  # the broker was there, and has gone
    event = small_event(cast.operator_org)
    client.force_login(cast.operator)

    with broker_at(redis_server.url()):
        response = client.post(reverse("events:schedule", args=[event.pk]), follow=True)
        assert response.status_code == 200
        assert [m.level for m in response.context["messages"]] == [WARNING]
        job = Job.objects.get()
        assert job.status == JobStatus.QUEUED and job.sent_at is None and job.message
        page = client.get(reverse("jobs:detail", args=[job.pk]))
        assert job.message in page.content.decode()

        assert jobs.resend_unsent(grace_seconds=0) == 0  # still down: nothing changes
        redis_server.start()
        # Within the grace period the web process may still be sending it: left alone.
        assert jobs.resend_unsent() == 0
        Job.objects.filter(pk=job.pk).update(created_at=timezone.now() - dt.timedelta(minutes=1))
        assert jobs.resend_unsent() == 1
        assert jobs.resend_unsent() == 0  # sent once, not again

    job.refresh_from_db()
    assert job.sent_at is not None and job.message == ""
    queued = [json.loads(raw) for raw in redis_server.client().lrange("celery", 0, -1)]
    assert [(m["headers"]["task"], m["headers"]["argsrepr"]) for m in queued] == [
        ("eslabon.jobs.tasks.run_job", f"({job.pk},)")
    ]


@pytest.mark.django_db(transaction=True)
def test_a_job_sent_to_a_running_broker_is_marked_sent_and_the_user_told_it_runs(
    client: Any, cast: Any, redis_server: RedisServer
) -> None:
    redis_server.start()
    event = small_event(cast.operator_org)
    client.force_login(cast.operator)
    with broker_at(redis_server.url()):
        response = client.post(reverse("events:schedule", args=[event.pk]), follow=True)
    assert [m.level_tag for m in response.context["messages"]] == ["success"]
    assert Job.objects.get().sent_at is not None
    assert redis_server.client().llen("celery") == 1


# --- A worker killed mid-job -------------------------------------------------------------

WORKER_DB = "worker_fault"


@contextmanager
def scratch_database(tmp_path: Path) -> Iterator[tuple[Any, str]]:
    """A new database of the test's engine, migrated, that a worker process can also open;
    while it is in use it is this process's default connection."""
    from eslabon.ops.tests.test_backup import _admin_connection

    working = connections["default"]
    settings_dict = dict(working.settings_dict)
    postgres = working.vendor == "postgresql"
    if postgres:
        settings_dict["NAME"] = f"eslabon_worker_fault_{secrets.token_hex(4)}"
        with _admin_connection() as admin:
            admin.execute(f'CREATE DATABASE "{settings_dict["NAME"]}"')
        url = "postgres://{USER}:{PASSWORD}@{HOST}:{PORT}/{NAME}".format(
            **{k: settings_dict[k] or "" for k in ("USER", "PASSWORD", "NAME")},
            HOST=settings_dict["HOST"] or "127.0.0.1", PORT=settings_dict["PORT"] or 5432,
        )  # fmt: skip
    else:
        settings_dict["NAME"] = str(tmp_path / "worker-fault.sqlite3")
        url = f"sqlite:///{settings_dict['NAME']}"
    scratch = load_backend(settings_dict["ENGINE"]).DatabaseWrapper(settings_dict, "default")
    connections["default"] = scratch
    try:
        call_command("migrate", verbosity=0)
        yield scratch, url
    finally:
        scratch.close()
        connections["default"] = working
        if postgres:
            with _admin_connection() as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{settings_dict["NAME"]}" WITH (FORCE)')


def start_worker(database_url: str, broker_url: str, tmp_path: Path) -> subprocess.Popen[bytes]:
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DATABASE_URL": database_url,
        "CELERY_BROKER_URL": broker_url,
        # Redelivery of a job whose worker died, after 2 s instead of production's hour.
        "CELERY_VISIBILITY_TIMEOUT": "2",
        "ESLABON_DATA_DIR": str(tmp_path),
        "PYTHONPATH": str(ROOT),
        "DJANGO_SETTINGS_MODULE": "eslabon.settings",
    }
    log = (tmp_path / "worker.log").open("ab")
    return subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "eslabon.celery_app", "worker", "--pool", "solo",
         "--loglevel", "INFO", "--without-gossip", "--without-mingle", "--without-heartbeat"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip


@pytest.fixture
def worker_processes() -> Iterator[list[subprocess.Popen[bytes]]]:
    started: list[subprocess.Popen[bytes]] = []
    try:
        yield started
    finally:
        for process in started:
            if process.poll() is None:
                process.kill()
                process.wait(10)


def _job(pk: int) -> Job:
    return Job.objects.get(pk=pk)


@pytest.mark.django_db
def test_a_worker_killed_mid_timetable_publishes_nothing_and_a_new_worker_completes_it(
    tmp_path: Path, redis_server: RedisServer, worker_processes: list[Any]
) -> None:
    from eslabon.events.demo import load_events_demo
    from eslabon.registry.demo import load_demo

    redis_server.start()
    with scratch_database(tmp_path) as (_, database_url):
        load_demo(suppliers=40, buyers=8, reference_date=dt.date(2026, 1, 15))
        event = Event.objects.get(pk=load_events_demo(time_limit=0.5)["event"])
        # A timetable was never published: the job computes the first one (~6 s of CP-SAT).
        Meeting.objects.filter(request__event=event).delete()
        Event.objects.filter(pk=event.pk).update(
            schedule_state=ScheduleState.NONE, schedule_result={}
        )

        worker_processes.append(start_worker(database_url, redis_server.url(), tmp_path))
        with broker_at(redis_server.url()):
            job = events.enqueue_schedule(event)
        running = wait_for(
            lambda: _job(job.pk).progress >= 10 and _job(job.pk), 120, "the solver to start"
        )
        assert running.status == JobStatus.RUNNING and running.attempts == 1
        worker_processes[0].send_signal(signal.SIGKILL)
        worker_processes[0].wait(10)

        # Killed while solving: nothing of a timetable, the job still holds its place.
        event.refresh_from_db()
        assert not Meeting.objects.filter(request__event=event).exists()
        assert event.schedule_state == ScheduleState.RUNNING and event.schedule_result == {}
        assert _job(job.pk).status == JobStatus.RUNNING
        assert redis_server.client().hlen("unacked") == 1  # the broker still owns the message

        worker_processes.append(start_worker(database_url, redis_server.url(), tmp_path))
        done = wait_for(
            lambda: _job(job.pk).is_finished and _job(job.pk), 120, "the restarted worker"
        )
        event.refresh_from_db()
        log = (tmp_path / "worker.log").read_text(errors="replace")
        assert done.status == JobStatus.SUCCEEDED, log
        assert done.attempts == 2 and done.error  # the record says an attempt was lost
        assert event.schedule_state == ScheduleState.DONE
        meetings = Meeting.objects.filter(request__event=event).count()
        assert (
            meetings > 50
            and done.result["scheduled_weight"] == event.schedule_result["scheduled_weight"]
        )
