"""The Celery app, built from the settings once per worker process.

Redis is broker and result backend. Messages are JSON only (no pickle: a message must never
be able to run code). Tasks are acknowledged late and requeued when their worker process
dies, because every job is idempotent and holds the branch lock; the time limits sit inside
the broker's visibility timeout, so Redis never hands a running task to a second worker. The
branch lock itself lives one minute and is renewed while the run works (:mod:`jobs.locks`), so
a killed worker blocks its branch for at most that minute.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from celery import Celery
from celery.signals import setup_logging

from bridge.redact import configure_logging
from config.settings import Settings
from jobs.locks import LOCK_TTL as _LOCK_TTL

__all__ = [
    "LOCK_TTL",
    "LOST_WORKER_DELAY",
    "MAX_RETRIES",
    "QUEUE",
    "SOFT_TIME_LIMIT",
    "TIME_LIMIT",
    "VISIBILITY_TIMEOUT",
    "BridgeCelery",
    "make_celery",
]

QUEUE = "bridge"  # our own queue, so another Celery app on the same Redis is no bother
SOFT_TIME_LIMIT = 14 * 60  # the job gets SoftTimeLimitExceeded and can report
TIME_LIMIT = 15 * 60  # then the pool kills the process
# Above TIME_LIMIT, or Redis redelivers a live task; short, so a message whose whole worker
# died (no one left to requeue it) comes back within 20 minutes, not hours.
VISIBILITY_TIMEOUT = 20 * 60
LOCK_TTL = _LOCK_TTL  # seconds (60, [runtime] lock_ttl): renewed by a heartbeat
MAX_RETRIES = 6  # one bound for a busy lock, a transient failure and a lost worker
LOST_WORKER_DELAY = 5  # seconds before a task whose process died runs again
RESULT_EXPIRES = timedelta(days=7)


class BridgeCelery(Celery):  # type: ignore[misc]
    """A Celery app that carries the parsed settings its tasks run with."""

    settings: Settings


def make_celery(settings: Settings) -> BridgeCelery:
    """A Celery app configured from ``settings`` with the tasks and the beat schedule."""
    from workers import tasks  # noqa: F401  (registers bridge.run_job on this app)
    from workers.schedule import build_schedule

    url = settings.redis_url.get()
    app = BridgeCelery("bridge", set_as_current=True)
    app.settings = settings
    transport: dict[str, Any] = {"visibility_timeout": VISIBILITY_TIMEOUT}
    app.conf.update(
        broker_url=url,
        result_backend=url,
        broker_transport_options=transport,
        result_backend_transport_options=transport,
        broker_connection_retry_on_startup=True,
        task_serializer="json",
        result_serializer="json",
        accept_content=["json"],
        result_accept_content=["json"],
        event_serializer="json",
        task_default_queue=QUEUE,
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        task_retry_on_worker_lost=True,  # a counted retry: no endless crash loop
        task_track_started=True,
        task_soft_time_limit=SOFT_TIME_LIMIT,
        task_time_limit=TIME_LIMIT,
        worker_prefetch_multiplier=1,
        worker_cancel_long_running_tasks_on_connection_loss=True,
        result_expires=RESULT_EXPIRES,
        result_extended=False,  # keep task arguments out of the result backend
        timezone="UTC",
        enable_utc=True,
        beat_schedule=build_schedule(settings),
        beat_schedule_filename=str(settings.data_dir / "celerybeat-schedule"),
    )
    return app


@setup_logging.connect  # type: ignore[untyped-decorator]
def _logging(loglevel: str | int | None = None, **_: Any) -> None:
    """Celery's processes log through the bridge's redacting handler, not Celery's own."""
    if isinstance(loglevel, int):
        import logging

        loglevel = logging.getLevelName(loglevel)
    configure_logging(loglevel or "INFO")
