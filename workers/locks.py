"""The branch lock, as the workers see it: the one in :mod:`jobs.locks`.

Kept as a module so ``from workers.locks import ...`` keeps working; the CLI, the demo and the
worker all take the same lock (Redis when configured, else a file lock in ``data_dir``).
"""

from __future__ import annotations

from jobs.locks import Held, LockBusy, LockLost, branch_lock, lock_key

__all__ = ["Held", "LockBusy", "LockLost", "branch_lock", "lock_key"]
