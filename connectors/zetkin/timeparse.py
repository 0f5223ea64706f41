"""Lenient timestamp and date parsing for Zetkin's mixed formats.

Zetkin's formats vary by resource (reference/zetkin-api.md section 2.1): ``…T00:00:00.000000``
with no zone, ``…+0000`` on actions and calls, ``2026-06-03 08:46:55.596385+00:00`` on users,
``…Z`` in v2, and ``YYYY-MM-DD`` for dates. The app's latest commit had to fix parsing of non-``Z``
offsets, so we accept them all and never crash on a bad value: it becomes ``None``.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

__all__ = ["parse_date", "parse_time"]

# Offsets written as "+0000" or "+02" are normalised to "+00:00" for fromisoformat.
_OFFSET = re.compile(r"([+-])(\d{2}):?(\d{2})?$")
# More than six fractional digits (seen from some JS serialisers) are cut to microseconds.
_FRACTION = re.compile(r"(\.\d{6})\d+")


def parse_time(value: object) -> datetime | None:
    """An aware datetime (UTC when the source gave no zone), or ``None`` when absent or unreadable.

    Naive timestamps are taken as UTC: the v1 backend stores UTC and the app's ``dayjs.utc``
    parsing treats them so (reference section 2.1; the zone is not stated, hence lenient).
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, datetime):
        parsed = value
    elif isinstance(value, date):
        parsed = datetime(value.year, value.month, value.day)
    elif isinstance(value, (int, float)):
        try:
            return datetime.fromtimestamp(float(value), UTC)
        except (OverflowError, OSError, ValueError):
            return None
    elif isinstance(value, str):
        text = value.strip()
        if not text:
            return None
        if text.endswith(("Z", "z")):
            text = text[:-1] + "+00:00"
        text = _FRACTION.sub(r"\1", text)
        if "T" in text or " " in text:
            text = _OFFSET.sub(lambda m: f"{m[1]}{m[2]}:{m[3] or '00'}", text)
        try:
            parsed = datetime.fromisoformat(text)
        except ValueError:
            return None
    else:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def parse_date(value: object) -> date | None:
    """A calendar date from ``YYYY-MM-DD`` or any timestamp form (its own date, zone kept)."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        text = value.strip()
        try:
            return date.fromisoformat(text[:10]) if len(text) >= 10 else None
        except ValueError:
            return None
    return None
