"""A Celery app for the poison test: the bridge's app plus one task that kills its process.

`celery -A tests.workers.poison_app worker` runs it; ``BRIDGE_CONFIG`` names the config and
``POISON_LOG`` the file each start appends a line to (so the test counts executions).
"""

from __future__ import annotations

import os
from pathlib import Path

from config.loader import load_settings
from workers.app import QUEUE, make_celery
from workers.tasks import CountedTask

app = make_celery(load_settings(os.environ["BRIDGE_CONFIG"]))


@app.task(bind=True, base=CountedTask, name="tests.poison", queue=QUEUE)  # type: ignore[untyped-decorator]
def poison(self: CountedTask) -> None:
    """Note the start, then die the way an out-of-memory kill does: no cleanup, no ack."""
    with Path(os.environ["POISON_LOG"]).open("a", encoding="utf-8") as out:
        out.write(f"{os.getpid()}\n")
    os._exit(1)
