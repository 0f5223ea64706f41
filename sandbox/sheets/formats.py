"""Typed input and number formats, as Google keeps them (issue 11).

A USER_ENTERED ``2,000,000.01``, ``12%`` or ``2020-01-01`` is stored as Google stores it: a
number (dates as serial numbers, days since 1899-12-30: 2020-01-01 is 43831) plus the cell's
``userEnteredFormat.numberFormat`` that the typing implied. FORMATTED_VALUE shows the number
through that format (``2,000,000.01``, ``12%``, ``2020-01-01``); UNFORMATTED_VALUE gives the
number, and for a date or time the serial number unless ``dateTimeRenderOption`` is
FORMATTED_STRING. Typed decimals get two places (``1,234.5`` shows ``1,234.50``, ``12.5%``
``12.50%``), as Google's detected formats ``#,##0.00`` and ``0.00%`` do.

Recognised input (locale en_US): thousands separators, percentages, ISO dates ``yyyy-mm-dd``
(with an optional ``hh:mm[:ss]``) and US dates ``M/d/yyyy``; RAW input is never typed.
Patterns rendered: ``0``/``#,##0`` with decimals, ``0%`` with decimals, and dates/times made of
``yyyy mm dd M d hh mm ss``. Other patterns render as the plain number.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from typing import Any

__all__ = ["DATE_TYPES", "format_number", "parse_typed", "serial_of"]

DATE_TYPES = frozenset({"DATE", "TIME", "DATE_TIME"})
EPOCH = datetime(1899, 12, 30)

_THOUSANDS = re.compile(r"^([+-]?)(\d{1,3}(?:,\d{3})+)(?:\.(\d+))?$")
_PERCENT = re.compile(r"^([+-]?\d+(?:\.(\d+))?)\s?%$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$")
_US = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


def serial_of(moment: datetime) -> float | int:
    delta = moment - EPOCH
    serial = delta.days + delta.seconds / 86400
    return int(serial) if float(serial).is_integer() else serial


def parse_typed(text: str) -> tuple[float | int, dict[str, str]] | None:
    """A number and the numberFormat Google gives typed ``text``, or None when it implies no
    format (plain numbers are handled by the caller)."""
    m = _THOUSANDS.match(text)
    if m:
        sign, whole, frac = m.groups()
        plain = whole.replace(",", "") + ("." + frac if frac else "")
        amount: float | int = float(plain) if frac else int(plain)
        if sign == "-":
            amount = -amount
        return amount, {"type": "NUMBER", "pattern": "#,##0.00" if frac else "#,##0"}
    m = _PERCENT.match(text)
    if m:
        value = float(m.group(1)) / 100
        value = round(value, 15)
        number: float | int = int(value) if value.is_integer() else value
        return number, {"type": "PERCENT", "pattern": "0.00%" if m.group(2) else "0%"}
    m = _ISO.match(text)
    if m:
        y, mo, d, hh, mi, ss = m.groups()
        try:
            moment = datetime(int(y), int(mo), int(d), int(hh or 0), int(mi or 0), int(ss or 0))
        except ValueError:
            return None
        if hh is None:
            return serial_of(moment), {"type": "DATE", "pattern": "yyyy-mm-dd"}
        pattern = "yyyy-mm-dd hh:mm" + (":ss" if ss else "")
        return serial_of(moment), {"type": "DATE_TIME", "pattern": pattern}
    m = _US.match(text)
    if m:
        try:
            moment = datetime(int(m.group(3)), int(m.group(1)), int(m.group(2)))
        except ValueError:
            return None
        return serial_of(moment), {"type": "DATE", "pattern": "M/d/yyyy"}
    return None


def _plain(number: float) -> str:
    if float(number).is_integer() and abs(number) < 1e15:
        return str(int(number))
    text = format(number, ".15g")
    return text.upper() if "e" in text else text


def _fixed(number: float, pattern: str) -> str:
    frac = pattern.split(".", 1)[1] if "." in pattern else ""
    places = len(frac.rstrip("%"))
    text = f"{abs(number):,.{places}f}" if "," in pattern else f"{abs(number):.{places}f}"
    return ("-" if number < 0 and float(text.replace(",", "")) else "") + text


def _date(number: float, pattern: str) -> str:
    moment = EPOCH + timedelta(days=float(number))
    moment = moment.replace(microsecond=0) + timedelta(seconds=round(moment.microsecond / 1e6))
    d: date = moment
    tokens = {
        "yyyy": f"{d.year:04d}",
        "dd": f"{d.day:02d}",
        "d": str(d.day),
        "M": str(d.month),
        "hh": f"{moment.hour:02d}",
        "ss": f"{moment.second:02d}",
    }
    out = []
    i = 0
    after_hour = False
    while i < len(pattern):
        for token in ("yyyy", "mm", "dd", "hh", "ss", "M", "d"):
            if pattern.startswith(token, i):
                if token == "mm":
                    out.append(f"{moment.minute:02d}" if after_hour else f"{d.month:02d}")
                else:
                    out.append(tokens[token])
                    after_hour = token == "hh" or (after_hour and token == "ss")
                i += len(token)
                break
        else:
            out.append(pattern[i])
            i += 1
    return "".join(out)


_FIXED = re.compile(r"^[#0,]*0(?:\.0+)?%?$")


def format_number(number: float | int, fmt: dict[str, Any] | None) -> str:
    """``number`` as FORMATTED_VALUE shows it under the cell's numberFormat."""
    if not fmt:
        return _plain(float(number))
    kind = fmt.get("type", "")
    pattern = str(fmt.get("pattern", ""))
    if kind in DATE_TYPES and pattern:
        return _date(float(number), pattern)
    if kind == "PERCENT" or pattern.endswith("%"):
        return _fixed(float(number) * 100, pattern or "0%") + "%"
    if pattern and _FIXED.match(pattern):
        return _fixed(float(number), pattern)
    return _plain(float(number))
