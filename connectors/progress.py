"""Progress on long waits, shared by both connectors' retry layers.

A retry that sleeps says so in the configured language ("Zetkin svarer ikke (forsøk 2 av 5),
prøver igjen om 1,2 s") on its own logger, which the CLI prints as plain lines and a worker
logs as usual. Attempt and wait only: never a URL query, a body or a status code.
"""

from __future__ import annotations

import logging

from bridge.messages import t

__all__ = ["PROGRESS_LOGGER", "progress", "waiting_text"]

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
