"""One writer per branch and job at a time: a Redis lock with a fencing token.

The token comes from ``INCR`` on a per-lock counter, so it only grows: a writer that lost its
lock (it paused past the TTL) holds an older token than the current holder, and the ledger can
refuse its commit. Release is compare-and-delete in Lua, so a slow writer never frees a lock
that another writer now holds.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import redis

from bridge.errors import TransientError

__all__ = ["Held", "LockBusy", "branch_lock"]

_RELEASE = """
if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end
"""


class LockBusy(TransientError):
    """Another run of the same job for the same branch is in progress."""


@dataclass(frozen=True)
class Held:
    key: str
    owner: str
    fencing_token: int


@contextmanager
def branch_lock(
    client: redis.Redis, branch: str, job: str, *, ttl_seconds: int = 900
) -> Iterator[Held]:
    """Hold the lock for ``(branch, job)`` or raise :class:`LockBusy` at once."""
    key = f"bridge:lock:{branch}:{job}"
    owner = secrets.token_hex(16)
    if not client.set(key, owner, nx=True, ex=ttl_seconds):
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
