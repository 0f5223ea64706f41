"""One writer per branch and job at a time: a Redis lock with a fencing token.

The token comes from ``INCR`` on a per-lock counter, so it only grows: a writer that lost its
lock (it paused past the TTL) holds an older token than the current holder, and the ledger can
refuse its commit. Release is compare-and-delete in Lua, so a slow writer never frees a lock
that another writer now holds.

A caller may name the owner (the Celery task id). The same owner finding its own lock still
held takes it over: that is a task redelivered after its worker process was killed, whose
lock would otherwise block it until the TTL ran out. The task time limit is shorter than the
broker's visibility timeout, so the killed copy can no longer be running.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import redis

from bridge.errors import TransientError

__all__ = ["Held", "LockBusy", "branch_lock", "lock_key"]

_RELEASE = """
if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end
"""

# Set the lock when free, or renew it when the caller already owns it; 1 when taken.
_ACQUIRE = """
local current = redis.call('get', KEYS[1])
if current == false or current == ARGV[1] then
  redis.call('set', KEYS[1], ARGV[1], 'EX', ARGV[2])
  return 1
end
return 0
"""


class LockBusy(TransientError):
    """Another run of the same job for the same branch is in progress."""


@dataclass(frozen=True)
class Held:
    key: str
    owner: str
    fencing_token: int


def lock_key(branch: str, job: str) -> str:
    """The Redis key of the lock for ``(branch, job)``."""
    return f"bridge:lock:{branch}:{job}"


@contextmanager
def branch_lock(
    client: redis.Redis,
    branch: str,
    job: str,
    *,
    ttl_seconds: int = 900,
    owner: str | None = None,
) -> Iterator[Held]:
    """Hold the lock for ``(branch, job)`` or raise :class:`LockBusy` at once.

    ``owner`` defaults to a random token; pass a stable one (a task id) to let a redelivered
    copy of the same task take its own stale lock over.
    """
    key = lock_key(branch, job)
    owner = owner or secrets.token_hex(16)
    if not client.eval(_ACQUIRE, 1, key, owner, str(ttl_seconds)):
        raise LockBusy(
            f"en annen kjøring av «{job}» for {branch} pågår allerede",
            where=key,
            hint="vent til den er ferdig",
        )
    token = int(client.incr(f"{key}:fence"))
    try:
        yield Held(key, owner, token)
    finally:
        client.eval(_RELEASE, 1, key, owner)
