"""One writer per branch: every run of a branch's jobs (CLI, worker, demo, admin) holds this lock.

Two backends with one behaviour:

- **Redis**, when the settings name a Redis (``BRIDGE_REDIS_URL`` or ``redis_url`` in the file):
  ``SET NX`` with a short TTL (60 s) that a heartbeat thread renews every 20 s while the run
  works, so the lock of a killed holder ends within a minute instead of outliving any run. Each
  take increments a counter (``INCR``) for the fencing token, which only grows: a writer that
  paused past its TTL holds an older token than the current holder. Release and renewal are
  compare-and-set in Lua, so a slow writer never frees or extends a lock another writer holds.
- **A file lock** (``flock``) in ``data_dir/locks/``, when no Redis is configured: one machine
  only, and the operating system frees it the moment the holder dies. The fencing token is a
  counter kept in the lock file.

Taken means :class:`LockBusy` at once (the run ends "skipped", having written nothing); it
never waits. :meth:`Held.check` raises :class:`LockLost` once the holder can no longer be sure
it is alone (the renewal found the lock gone or someone else's, or renewals failed for a whole
TTL): call it before each write.

``owner`` (a Celery task id) lets a copy of the same task, redelivered after its worker process
was killed, take its own stale lock over as soon as the dead copy's heartbeat is seen to have
stopped (less than half the TTL left; a live holder renews every third): the worker retries
such a copy after half a TTL (:func:`own_lock_is_live`). A copy redelivered while the first
still runs (the first keeps renewing) therefore never takes over: it waits, then finds
nothing left to do. Should the old copy still live after a takeover, it finds the lock
changed hands and stops.

The TTL is ``[runtime] lock_ttl`` (60 s; ``BRIDGE_LOCK_TTL`` overrides it, read by the config
loader): tests shorten it so a killed worker's lock ends in seconds rather than a minute.

The fencing token is checked where the writes happen, not only logged: :meth:`Held.check`
asks Redis (one Lua call) whether the lock still holds this take's value *and* the fencing
counter still equals this holder's token, so a holder that was paused past its TTL, or whose
lock was taken over, fails the check before its Zetkin writes, its sheet write and its
ledger commit (Kleppmann's fencing rule; Sheets has no conditional write, so the check
right before each write is the best a client can do).
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import re
import secrets
import threading
import time
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

import redis

from bridge.errors import TransientError
from bridge.messages import t
from config.settings import Settings

__all__ = [
    "HEARTBEAT_FRACTION",
    "LOCK_TTL",
    "Held",
    "LockBusy",
    "LockLost",
    "branch_lock",
    "lock_file",
    "lock_key",
    "lock_ttl",
    "own_lock_is_live",
    "uses_redis",
]

LOCK_TTL = 60  # seconds: the default of [runtime] lock_ttl
HEARTBEAT_FRACTION = 3  # renew every TTL/3 (20 s), so two renewals may fail before it lapses

# Set the lock when free, or when held by a copy of the same owner whose heartbeat has
# stopped (its TTL ran below half: a live holder renews every third), and raise the fencing
# counter in the same step: the new token, or 0 when taken.
_ACQUIRE = """
local current = redis.call('get', KEYS[1])
local mine = current ~= false and string.sub(current, 1, string.len(ARGV[2])) == ARGV[2]
if current == false or (mine and redis.call('pttl', KEYS[1]) < tonumber(ARGV[3]) / 2) then
  redis.call('set', KEYS[1], ARGV[1], 'PX', ARGV[3])
  return redis.call('incr', KEYS[2])
end
return 0
"""
_RENEW = """
if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2])
else return 0 end
"""
# 1 when the lock still holds this take's value and no later take raised the fencing counter.
_FENCE = """
if redis.call('get', KEYS[1]) ~= ARGV[1] then return 0 end
if tonumber(redis.call('get', KEYS[2]) or '0') ~= tonumber(ARGV[2]) then return 0 end
return 1
"""
_RELEASE = """
if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end
"""


class LockBusy(TransientError):
    """Another run for the same branch holds the lock: this one is skipped."""


class LockLost(TransientError):
    """The lock ended while the run held it (a pause past the TTL, Redis lost the key)."""


def lock_ttl(settings: Settings) -> float:
    """The lock TTL in seconds (``[runtime] lock_ttl``, or ``BRIDGE_LOCK_TTL``)."""
    return float(settings.runtime.lock_ttl)


def own_lock_is_live(settings: Settings, branch: str, owner: str) -> bool:
    """Whether ``owner`` already holds the branch lock with a live heartbeat (a redelivered
    copy of a task whose first copy still runs, or died less than half a TTL ago)."""
    if not uses_redis(settings):
        return False
    client = redis.Redis.from_url(settings.redis_url.get(), socket_timeout=10)
    try:
        key = lock_key(branch)
        current = client.get(key)
        text = current.decode("utf-8", "replace") if isinstance(current, bytes) else current
        if not text or not str(text).startswith(f"{owner}/"):
            return False
        return int(client.pttl(key)) >= lock_ttl(settings) * 1000 / 2
    except redis.RedisError:
        return False
    finally:
        client.close()


def uses_redis(settings: Settings) -> bool:
    """Whether the settings name a Redis; the default URL alone does not count.

    Settings built by hand carry no sources and are taken at their word.
    """
    return settings.sources.get("BRIDGE_REDIS_URL", "environment") != "default"


def lock_key(branch: str) -> str:
    """The Redis key of a branch's lock (its fencing counter is ``<key>:fence``)."""
    return f"bridge:lock:{branch}"


def lock_file(settings: Settings, branch: str) -> Path:
    """The lock file of a branch: a readable slug plus a hash, since names hold any text."""
    slug = re.sub(r"[^a-z0-9]+", "-", branch.lower()).strip("-")[:40] or "branch"
    digest = hashlib.sha256(branch.encode("utf-8")).hexdigest()[:10]
    return settings.data_dir / "locks" / f"{slug}-{digest}.lock"


class Held:
    """A held branch lock: its fencing token, and :meth:`check` before each write."""

    def __init__(self, branch: str, owner: str, fencing_token: int) -> None:
        self.branch = branch
        self.owner = owner
        self.fencing_token = fencing_token
        self._lost = threading.Event()

    @property
    def lost(self) -> bool:
        return self._lost.is_set() or self._expired()

    def _expired(self) -> bool:
        return False

    def _fenced(self) -> bool:
        """Whether the lock's own store still names this holder (the backend's fencing check)."""
        return True

    def _mark_lost(self) -> None:
        self._lost.set()

    def check(self) -> None:
        """Raise :class:`LockLost` when this holder may no longer be the only writer."""
        if self.lost or not self._fenced():
            self._mark_lost()
            raise LockLost(
                t("run.lock_lost", branch=self.branch),
                where=f"lock:{self.branch}",
                hint=f"fencing token {self.fencing_token}",
            )


class _RedisHeld(Held):
    """Renewed by a heartbeat thread; lost when a renewal fails or none succeeded for a TTL."""

    def __init__(
        self,
        client: redis.Redis,
        key: str,
        value: str,
        branch: str,
        owner: str,
        token: int,
        ttl: float,
    ) -> None:
        super().__init__(branch, owner, token)
        self._client = client
        self._key = key
        self._value = value
        self._ttl = ttl
        self._renewed = time.monotonic()
        self._stop = threading.Event()
        self._thread = threading.Thread(
            target=self._beat, name=f"lock-heartbeat {key}", daemon=True
        )

    def _expired(self) -> bool:
        return time.monotonic() - self._renewed >= self._ttl

    def _fenced(self) -> bool:
        try:
            fenced = self._client.eval(
                _FENCE, 2, self._key, f"{self._key}:fence", self._value, str(self.fencing_token)
            )
        except redis.RedisError:
            return False  # cannot show it is still ours: write nothing
        return bool(fenced)

    def _beat(self) -> None:
        interval = self._ttl / HEARTBEAT_FRACTION
        while not self._stop.wait(interval):
            try:
                renewed = self._client.eval(
                    _RENEW, 1, self._key, self._value, str(int(self._ttl * 1000))
                )
            except redis.RedisError:
                continue  # try again next beat; a whole TTL without success counts as lost
            if not renewed:
                self._mark_lost()
                return
            self._renewed = time.monotonic()

    def start(self) -> None:
        self._thread.start()

    def release(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        with contextlib.suppress(redis.RedisError):
            self._client.eval(_RELEASE, 1, self._key, self._value)


class _FileHeld(Held):
    """Held by ``flock``; lost only if someone removed or replaced the lock file."""

    def __init__(self, fd: int, path: Path, branch: str, owner: str, token: int) -> None:
        super().__init__(branch, owner, token)
        self._fd = fd
        self._path = path

    def _expired(self) -> bool:
        try:
            return os.stat(self._path).st_ino != os.fstat(self._fd).st_ino
        except OSError:
            return True


def _busy(branch: str, where: str) -> LockBusy:
    return LockBusy(t("run.skipped_busy", branch=branch), where=where)


@contextmanager
def _redis_lock(settings: Settings, branch: str, owner: str | None) -> Iterator[Held]:
    key = lock_key(branch)
    owner = owner or secrets.token_hex(16)
    value = f"{owner}/{secrets.token_hex(8)}"  # per take: the old copy sees the hand-over
    client = redis.Redis.from_url(settings.redis_url.get(), socket_timeout=10)
    ttl = lock_ttl(settings)
    try:
        try:
            token = int(
                client.eval(
                    _ACQUIRE, 2, key, f"{key}:fence", value, f"{owner}/", str(int(ttl * 1000))
                )
            )
        except redis.RedisError as exc:
            raise TransientError(
                f"Redis did not answer ({type(exc).__name__})",
                where="redis_url",
                hint="is Redis running? the branch lock lives there",
            ) from None
        if not token:
            raise _busy(branch, key)
        held = _RedisHeld(client, key, value, branch, owner, token, ttl)
        held.start()
        try:
            yield held
        finally:
            held.release()
    finally:
        client.close()


def _next_token(fd: int) -> int:
    os.lseek(fd, 0, os.SEEK_SET)
    raw = os.read(fd, 64).decode("ascii", "replace").strip()
    token = (int(raw) if raw.isdigit() else 0) + 1
    os.ftruncate(fd, 0)
    os.lseek(fd, 0, os.SEEK_SET)
    os.write(fd, f"{token}\n".encode("ascii"))
    os.fsync(fd)
    return token


@contextmanager
def _file_lock(settings: Settings, branch: str, owner: str | None) -> Iterator[Held]:
    path = lock_file(settings, branch)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise _busy(branch, str(path)) from None
        held = _FileHeld(fd, path, branch, owner or secrets.token_hex(16), _next_token(fd))
        yield held
    finally:
        os.close(fd)  # closing the descriptor drops the flock


def branch_lock(
    settings: Settings, branch: str, *, owner: str | None = None
) -> AbstractContextManager[Held]:
    """Hold the branch's lock for the ``with`` block, or raise :class:`LockBusy` at once.

    Redis when configured (:func:`uses_redis`), else a file lock in ``settings.data_dir``.
    """
    if uses_redis(settings):
        return _redis_lock(settings, branch, owner)
    return _file_lock(settings, branch, owner)
