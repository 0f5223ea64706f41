"""A process that tries the branch lock once: `python -m tests.reliability.holder ...`.

Arguments: config path, branch, seconds to hold, when to start (a wall-clock time, or
``go:<path>``: print "ready" and start once that file exists, so several processes try at the
same moment however slowly they were imported), and a log file. It appends "held <token>
<start> <end>", "busy", or "lost <token>" (when :meth:`Held.check` fails after the hold) to the
log and exits 0; with "hold" as seconds it holds until killed.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from config.loader import load_settings
from jobs.locks import LockBusy, LockLost, branch_lock


def main(config: str, branch: str, hold: str, start_at: str, log: str) -> None:
    settings = load_settings(config)
    if start_at.startswith("go:"):
        print("ready", flush=True)
        while not Path(start_at[3:]).exists():
            time.sleep(0.005)
    else:
        time.sleep(max(0.0, float(start_at) - time.time()))
    try:
        with branch_lock(settings, branch) as held:
            began = time.time()
            print(f"holding {held.fencing_token}", flush=True)
            if hold == "hold":
                while True:
                    time.sleep(0.1)
            time.sleep(float(hold))
            try:
                held.check()
            except LockLost:
                with Path(log).open("a", encoding="utf-8") as out:
                    out.write(f"lost {held.fencing_token}\n")
                return
            ended = time.time()
    except LockBusy:
        with Path(log).open("a", encoding="utf-8") as out:
            out.write("busy\n")
        return
    with Path(log).open("a", encoding="utf-8") as out:
        out.write(f"held {held.fencing_token} {began} {ended}\n")


if __name__ == "__main__":
    main(*sys.argv[1:6])
