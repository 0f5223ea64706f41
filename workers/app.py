"""The Celery app, built from the settings in one place (:func:`make_celery`).

Redis is the broker. There is no result backend unless ``[runtime] task_results`` asks for
one (a caller that waits on a cycle's summary: the tests); every run reports to the ledger,
which is where the admin reads them. Messages are JSON only (no pickle: a message must never be able
to run code). Tasks are acknowledged late and requeued when their worker process dies,
because every job is idempotent and holds the branch lock; a start counter in Redis
(:class:`workers.tasks.CountedTask`) parks a delivery that has started :data:`MAX_STARTS`
times, since the Redis broker has no redelivered flag to stop a crash loop. The time limits
sit inside the broker's visibility timeout, so Redis never hands a running task to a second
worker. The branch lock lives ``[runtime] lock_ttl`` and is renewed while the run works
(:mod:`jobs.locks`), so a killed worker blocks its branch for at most that long.

The beat is RedBeat: its schedule and its lock live in Redis, so only one beat at a time
sends anything, whichever host runs a second one by mistake.
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
    "MAX_RETRIES",
    "MAX_STARTS",
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
MAX_RETRIES = 3  # a transient failure of the whole cycle (HTTP calls retry below it)
MAX_STARTS = 3  # starts of one delivery before it is parked as poisoned
RESULT_EXPIRES = timedelta(days=1)
BEAT_LOOP = 30  # seconds: the beat wakes at least this often; its Redis lock lives 5 times it
LOCAL_TIMEZONE = "Europe/Oslo"  # the nightly check's clock (crontab reads the app's zone)


_log_json = False  # [runtime] log_json of the last app made (the worker's)


class BridgeCelery(Celery):  # type: ignore[misc]
    """A Celery app that carries the parsed settings its tasks run with."""

    settings: Settings


def make_celery(settings: Settings) -> BridgeCelery:
    """A Celery app configured from ``settings`` with the tasks and the beat schedule.

    ``[runtime] task_results`` keeps each task's small summary in Redis for a day (for a
    caller that waits on it); without it nothing but the broker's messages is stored.
    """
    global _log_json
    results = settings.runtime.task_results
    _log_json = settings.runtime.log_json
    from workers import tasks  # noqa: F401  (registers bridge.run_job on this app)
    from workers.schedule import build_schedule

    url = settings.redis_url.get()
    app = BridgeCelery("bridge", set_as_current=True)
    app.settings = settings
    transport: dict[str, Any] = {"visibility_timeout": VISIBILITY_TIMEOUT}
    app.conf.update(
        broker_url=url,
        result_backend=url if results else None,
        task_ignore_result=not results,
        broker_transport_options=transport,
        result_backend_transport_options=transport,
        visibility_timeout=VISIBILITY_TIMEOUT,
        broker_connection_retry_on_startup=True,
        task_serializer="json",
        result_serializer="json",
        accept_content=["json"],
        result_accept_content=["json"],
        event_serializer="json",
        task_default_queue=QUEUE,
        task_acks_late=True,
        task_reject_on_worker_lost=True,  # requeued; the start counter ends a crash loop
        task_track_started=results,
        task_soft_time_limit=SOFT_TIME_LIMIT,
        task_time_limit=TIME_LIMIT,
        worker_prefetch_multiplier=1,
        worker_cancel_long_running_tasks_on_connection_loss=True,
        result_expires=RESULT_EXPIRES,
        result_extended=False,  # keep task arguments out of the result backend
        timezone=LOCAL_TIMEZONE,
        enable_utc=True,
        beat_schedule=build_schedule(settings),
        beat_scheduler="redbeat.RedBeatScheduler",
        beat_max_loop_interval=BEAT_LOOP,
        redbeat_redis_url=url,
        redbeat_key_prefix="bridge:redbeat",
        redbeat_lock_timeout=BEAT_LOOP * 5,
    )
    return app


@setup_logging.connect  # type: ignore[untyped-decorator]
def _logging(loglevel: str | int | None = None, **_: Any) -> None:
    """Celery's processes log through the bridge's redacting handler, not Celery's own."""
    if isinstance(loglevel, int):
        import logging

        loglevel = logging.getLevelName(loglevel)
    configure_logging(loglevel or "INFO", as_json=_log_json)
