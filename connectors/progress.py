"""Progress on long waits, shared by both connectors' retry layers.

A retry that sleeps says so in the configured language ("Zetkin svarer ikke (forsøk 2 av 5),
prøver igjen om 1,2 s") on its own logger, which the CLI prints as plain lines and a worker
logs as usual. Attempt and wait only: never a URL query, a body or a status code.

A request that is sent but not answered is silent until its read timeout (30 s by default);
:func:`still_waiting` ticks a line every few seconds meanwhile, so a person at the terminal
knows the bridge is waiting on a named host, not hung.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from bridge.messages import t

__all__ = ["PROGRESS_LOGGER", "TICK_SECONDS", "progress", "still_waiting", "waiting_text"]

TICK_SECONDS = 5.0  # how long a request may be silent before the first "still waiting" line

PROGRESS_LOGGER = "bridge.progress"
progress = logging.getLogger(PROGRESS_LOGGER)


def waiting_text(lang: str, system: str, attempt: int, attempts: int | None, wait: float) -> str:
    """The progress line; a decimal comma in bokmål, "(forsøk 2)" when the number of attempts
    is bounded by time only."""
    shown = f"{wait:.1f}"
    if lang == "nb":
        shown = shown.replace(".", ",")
    if attempts is None:
        return t("retry.waiting_open", lang, system=system, attempt=attempt, wait=shown)
    return t("retry.waiting", lang, system=system, attempt=attempt, attempts=attempts, wait=shown)


@contextmanager
def still_waiting(
    lang: str, system: str, host: str, timeout: float, every: float | None = None
) -> Iterator[None]:
    """Log "Zetkin (host) har ikke svart på 5 s, venter til 30 s" every ``every`` seconds (5 s,
    or a third of a short timeout) while the block runs; nothing when it returns sooner (the
    common case costs one Timer)."""
    if every is None:
        every = max(1.0, min(TICK_SECONDS, timeout / 3))
    done = threading.Event()

    def tick() -> None:
        waited = every
        while not done.is_set() and waited < timeout:
            progress.warning(
                t(
                    "retry.still_waiting",
                    lang,
                    system=system,
                    host=host,
                    waited=f"{waited:.0f}",
                    timeout=f"{timeout:.0f}",
                )
            )
            if done.wait(every):
                return
            waited += every

    timer = threading.Timer(every, tick)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        done.set()
        timer.cancel()
