"""The shared request budget: token buckets in Redis that every worker draws from.

Google counts Sheets requests per minute per user (60) and per project (300), reads and
writes apart (a GET is a read, anything else a write); Zetkin's token gets one budget for
all its requests. Each request takes one token from every bucket it counts against,
in one atomic Lua script using Redis's own clock, so any number of workers on any number of
hosts share the budget; when a bucket is empty the script says how long to wait and the
request sleeps instead of drawing a 429.

A bucket for ``limit`` requests per ``window`` holds at most a tenth of the limit and refills
at the rest over the window, so no stretch of one window (aligned however the service counts)
sees more than ``limit`` requests: the steady rate is 90 % of the quota.

While a request waits, ``bridge:throttled:<system>`` holds the time it resumes (with the wait
as its expiry), so the admin can show "throttled, resumes 12:04" (:func:`throttled_until`).
Identities (the service account, the project, the Zetkin client) appear in key names only as
a short hash.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

import redis
import requests

from bridge.messages import t
from config.settings import Settings

__all__ = [
    "Bucket",
    "Budget",
    "budget_for",
    "google_buckets",
    "throttle_notice",
    "throttled_until",
    "zetkin_buckets",
]

log = logging.getLogger(__name__)

PREFIX = "bridge:quota:"
THROTTLED = "bridge:throttled:"
BURST_SHARE = 10  # a bucket holds limit / 10 tokens
MAX_WAIT = 120.0  # seconds a single request may wait before it is sent anyway (to its retries)

# KEYS: bucket keys, then the throttled key. ARGV: for each bucket capacity and rate (tokens
# per ms), then the bucket count. Takes a token from every bucket, or none: returns 0, or
# the ms to wait until every bucket has one (and records the resume time).
_TAKE = """
local n = tonumber(ARGV[#ARGV])
local now_parts = redis.call('TIME')
local now = tonumber(now_parts[1]) * 1000 + math.floor(tonumber(now_parts[2]) / 1000)
local wait = 0
local levels = {}
for i = 1, n do
  local cap = tonumber(ARGV[2 * i - 1])
  local rate = tonumber(ARGV[2 * i])
  local state = redis.call('HMGET', KEYS[i], 'tokens', 'at')
  local tokens = tonumber(state[1]) or cap
  local at = tonumber(state[2]) or now
  tokens = math.min(cap, tokens + math.max(0, now - at) * rate)
  levels[i] = tokens
  if tokens < 1 then
    wait = math.max(wait, math.ceil((1 - tokens) / rate))
  end
end
if wait > 0 then
  redis.call('SET', KEYS[n + 1], tostring(now + wait), 'PX', wait)
  return wait
end
for i = 1, n do
  local cap = tonumber(ARGV[2 * i - 1])
  local rate = tonumber(ARGV[2 * i])
  redis.call('HSET', KEYS[i], 'tokens', tostring(levels[i] - 1), 'at', tostring(now))
  redis.call('PEXPIRE', KEYS[i], math.ceil(cap / rate) + 1000)
end
return 0
"""


def _tag(identity: str) -> str:
    return hashlib.sha256(identity.encode("utf-8")).hexdigest()[:12]


@dataclass(frozen=True)
class Bucket:
    """``limit`` requests per ``window`` seconds for one identity (``name`` for the key), for
    reads, writes or ``any`` request."""

    name: str
    limit: int
    window: float
    kind: str = "any"

    @property
    def key(self) -> str:
        return PREFIX + self.name

    @property
    def capacity(self) -> float:
        return max(1.0, float(self.limit // BURST_SHARE))

    @property
    def rate_per_ms(self) -> float:
        return (self.limit - self.capacity) / (self.window * 1000.0) or 1e-9


class Budget:
    """The buckets one session's requests count against, and the wait for a token."""

    def __init__(
        self,
        client: redis.Redis,
        system: str,
        buckets: Sequence[Bucket],
        *,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._client = client
        self.system = system
        self.buckets = tuple(buckets)
        self._sleep = sleep
        self.waited = 0.0  # seconds this budget made requests wait (for reports and tests)
        self.waits = 0
        self._script = client.register_script(_TAKE)

    def acquire(self, request: requests.PreparedRequest | None = None) -> None:
        """Return once a token is taken from every bucket the request counts against (or
        after :data:`MAX_WAIT`)."""
        method = (request.method or "GET").upper() if request is not None else "GET"
        kind = "read" if method in ("GET", "HEAD") else "write"
        buckets = [b for b in self.buckets if b.kind in ("any", kind)]
        keys = [b.key for b in buckets] + [THROTTLED + self.system]
        args: list[Any] = []
        for bucket in buckets:
            args += [repr(bucket.capacity), repr(bucket.rate_per_ms)]
        args.append(len(buckets))
        waited = 0.0
        while True:
            try:
                wait_ms = int(self._script(keys=keys, args=args))
            except redis.RedisError as exc:  # no budget to be had: send, the retries cope
                log.warning("request budget unavailable (%s); sending", type(exc).__name__)
                return
            if wait_ms <= 0:
                return
            pause = min(wait_ms / 1000.0, MAX_WAIT - waited)
            if pause <= 0:
                return
            self.waits += 1
            self.waited += pause
            waited += pause
            self._sleep(pause)


def google_buckets(settings: Settings, user: str, project: str) -> list[Bucket]:
    """Per Google user and per Google project, reads and writes apart (``[runtime]``)."""
    runtime = settings.runtime
    window = runtime.quota_window.total_seconds()
    user_limit, project_limit = runtime.google_user_per_minute, runtime.google_project_per_minute
    return [
        Bucket(f"google-{kind}-user:{_tag(user)}", user_limit, window, kind)
        for kind in ("read", "write")
    ] + [
        Bucket(f"google-{kind}-project:{_tag(project)}", project_limit, window, kind)
        for kind in ("read", "write")
    ]


def zetkin_buckets(settings: Settings, identity: str) -> list[Bucket]:
    """Per Zetkin token (named by its client or the token's hash)."""
    runtime = settings.runtime
    window = runtime.quota_window.total_seconds()
    return [Bucket(f"zetkin:{_tag(identity)}", runtime.zetkin_per_minute, window)]


def budget_for(settings: Settings, system: str, buckets: Sequence[Bucket]) -> Budget | None:
    """A budget on the configured Redis, or None when ``[runtime] quota`` is off or no Redis
    is configured (a single CLI run then relies on its retries alone)."""
    from jobs.locks import uses_redis

    if not settings.runtime.quota or not uses_redis(settings):
        return None
    client = redis.Redis.from_url(settings.redis_url.get(), socket_timeout=10)
    return Budget(client, system, buckets)


def throttled_until(client: redis.Redis) -> dict[str, datetime]:
    """When each throttled system ("sheets", "zetkin") resumes; empty when none waits."""
    found: dict[str, datetime] = {}
    for system in ("sheets", "zetkin"):
        raw = client.get(THROTTLED + system)
        if raw:
            found[system] = datetime.fromtimestamp(int(raw) / 1000.0, tz=UTC)
    return found


def current_throttle(settings: Settings, lang: str, now: datetime | None = None) -> str | None:
    """The admin's "strupet, fortsetter 12:04" while a system waits for the shared budget;
    None when nothing waits, when there is no budget, or when Redis cannot be asked (the page
    must load while Redis is down)."""
    from jobs.locks import uses_redis

    if not settings.runtime.quota or not uses_redis(settings):
        return None
    try:
        client = redis.Redis.from_url(settings.redis_url.get(), socket_timeout=2)
        until = throttled_until(client)
    except redis.RedisError:
        return None
    moment = now or datetime.now(UTC)
    return throttle_notice({k: v for k, v in until.items() if v > moment}, lang)


def throttle_notice(
    until: Mapping[str, datetime], lang: str = "nb", tz: str = "Europe/Oslo"
) -> str | None:
    """ "throttled, resumes 12:04" for the latest resume time, or None when nothing waits."""
    if not until:
        return None
    latest = max(until.values()).astimezone(ZoneInfo(tz))
    return t("runtime.throttled", lang, time=latest.strftime("%H:%M"))
