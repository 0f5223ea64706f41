"""Reading what door-knockers type: lenient numbers, dates without a year, misspelt districts.

Every reader returns a :class:`Reading`: the value (``None`` is *unknown*, never zero), a note
the row shows when the value was read with some goodwill ("ca 40" is 40), or an error code
when it cannot be read at all ("40-50" is a range: which number?). Pure; no clock: the year a
date without one belongs to is given.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Generic, TypeVar

from bridge.messages import t
from bridge.normalise import clean_text, fold_name

__all__ = [
    "MONTHS",
    "Reading",
    "find_date",
    "match_district",
    "parse_count",
    "parse_day",
    "parse_flag",
]

V = TypeVar("V")


@dataclass(frozen=True, slots=True)
class Reading(Generic[V]):
    """A value read from one cell: ``value`` (``None``: unknown), a ``note`` to show on the
    row, or an ``error`` (a message) that stops the row being counted."""

    value: V | None = None
    note: str | None = None
    error: str | None = None


# --- numbers --------------------------------------------------------------------------------

_APPROX = r"(?:ca\.?|c\.|cirka|circa|omtrent|rundt|nesten|ish|~|≈)"
_NUMBER = re.compile(
    rf"^(?P<approx>{_APPROX})?\s*(?P<sign>[-−–])?\s*(?P<n>\d{{1,6}}(?:[ \u00a0]\d{{3}})*)"
    rf"\s*(?P<plus>\+|{_APPROX})?\s*(?P<unit>[a-zæøåA-ZÆØÅ/ .]*)$"
)
_RANGE = re.compile(r"^\D*\d+\s*(?:[-−–/]|til|to|eller)\s*\d+\D*$", re.IGNORECASE)
_UNKNOWN = frozenset({"", "?", "-", "–", "ukjent", "vet ikke", "n/a", "x"})


def parse_count(raw: str, field: str) -> Reading[int]:
    """A whole non-negative count, read leniently.

    "40", " 40 ", "40 dører" → 40; "ca 40", "~40", "40+" → 40 with a note; "" or "?" →
    unknown (``None``, not 0); "40-50" → error (a range); "-3" → error (negative); anything
    else → error (not a number).
    """
    text = clean_text(raw).casefold()
    if text in _UNKNOWN:
        return Reading()
    if _RANGE.match(text) and not text.lstrip().startswith(("-", "−", "–")):
        return Reading(error=t("dk.num.range", field=field, value=clean_text(raw)))
    found = _NUMBER.match(text)
    if found is None:
        return Reading(error=t("dk.num.not_number", field=field, value=clean_text(raw)))
    if found["sign"]:
        return Reading(error=t("dk.num.negative", field=field, value=clean_text(raw)))
    value = int(found["n"].replace(" ", "").replace("\u00a0", ""))
    if found["approx"] or found["plus"]:
        return Reading(value, note=t("dk.num.approx", field=field, value=clean_text(raw), n=value))
    return Reading(value)


# --- dates ----------------------------------------------------------------------------------

MONTHS: dict[str, int] = {
    "jan": 1, "januar": 1, "january": 1,
    "feb": 2, "februar": 2, "february": 2,
    "mar": 3, "mars": 3, "march": 3,
    "apr": 4, "april": 4,
    "mai": 5, "may": 5,
    "jun": 6, "juni": 6, "june": 6,
    "jul": 7, "juli": 7, "july": 7,
    "aug": 8, "august": 8,
    "sep": 9, "sept": 9, "september": 9,
    "okt": 10, "oktober": 10, "oct": 10, "october": 10,
    "nov": 11, "november": 11,
    "des": 12, "desember": 12, "dec": 12, "december": 12,
}  # fmt: skip
_WEEKDAY = r"(?:(?:man|tir|ons|tor|fre|lør|lor|søn|son)[a-zæøå]*\.?,?\s+)?"
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})")
_NUMERIC = re.compile(rf"^{_WEEKDAY}(\d{{1,2}})\s*[./]\s*(\d{{1,2}})(?:\s*[./]\s*(\d{{2,4}}))?\.?")
_NAMED = re.compile(rf"^{_WEEKDAY}(\d{{1,2}})\.?\s*([a-zæøå]+)\.?(?:\s+(\d{{4}}))?")


def find_date(raw: str, year: int) -> tuple[Reading[date], str]:
    """A date at the start of ``raw`` and the rest of the text ("12.3 Heimdal" → 12 March,
    "Heimdal"). A date without a year takes ``year``, with a note saying how it was read."""
    text = clean_text(raw).casefold()
    if not text:
        return Reading(), ""
    iso = _ISO.match(text)
    groups: tuple[str | None, ...]
    if iso:
        groups, rest, explicit = (iso[3], iso[2], iso[1]), text[iso.end() :], True
    else:
        numeric = _NUMERIC.match(text)
        named = _NAMED.match(text)
        if numeric:
            groups, rest = (numeric[1], numeric[2], numeric[3]), text[numeric.end() :]
        elif named and named[2] in MONTHS:
            groups = (named[1], str(MONTHS[named[2]]), named[3])
            rest = text[named.end() :]
        else:
            return Reading(error=t("dk.date.unread", value=clean_text(raw))), text
        explicit = groups[2] is not None
    day, month = int(groups[0] or 0), int(groups[1] or 0)
    full = int(groups[2]) if groups[2] else year
    if full < 100:
        full += 2000
    try:
        when = date(full, month, day)
    except ValueError:
        return Reading(error=t("dk.date.invalid", value=clean_text(raw))), rest
    note = None if explicit else t("dk.date.year_added", value=clean_text(raw), date=_nb(when))
    return Reading(when, note=note), clean_text(rest.lstrip(" ,.-–:"))


def parse_day(raw: str, year: int) -> Reading[date]:
    """A date cell: the date alone (text after it is an error: "12.3 eller 13.3")."""
    reading, rest = find_date(raw, year)
    if reading.value is not None and rest and not rest.startswith(("kl", "fra")):
        return Reading(error=t("dk.date.unread", value=clean_text(raw)))
    return reading


def _nb(when: date) -> str:
    return when.strftime("%d.%m.%Y")


# --- districts ------------------------------------------------------------------------------


def match_district(raw: str, districts: Iterable[str]) -> Reading[str]:
    """The configured spelling of a district: exact (any case) silently, a near miss
    ("Lerkendahl") with a note, anything else an error naming the known ones."""
    text = clean_text(raw)
    known = [clean_text(d) for d in districts]
    if not text:
        return Reading()
    if not known:
        return Reading(text)
    folded = {fold_name(d): d for d in known}
    key = fold_name(text)
    if key in folded:
        return Reading(folded[key])
    close = difflib.get_close_matches(key, list(folded), n=2, cutoff=0.75)
    if len(close) == 1 or (len(close) == 2 and _clear_winner(key, close)):
        chosen = folded[close[0]]
        return Reading(chosen, note=t("dk.district.guessed", value=text, district=chosen))
    return Reading(error=t("dk.district.unknown", value=text, known=", ".join(known)))


def _clear_winner(key: str, close: list[str]) -> bool:
    first = difflib.SequenceMatcher(None, key, close[0]).ratio()
    second = difflib.SequenceMatcher(None, key, close[1]).ratio()
    return first - second > 0.1


# --- yes/no ---------------------------------------------------------------------------------

_YES = frozenset({"ja", "j", "yes", "y", "x", "✓", "✔", "true", "ok", "holdt", "avlyst"})
_NO = frozenset({"nei", "n", "no", "false", "-", "ikke"})


def parse_flag(raw: str, field: str) -> Reading[bool]:
    """A yes/no cell: ``True``/``False``, ``None`` when empty, an error when neither."""
    word = clean_text(raw).casefold().rstrip("!.")
    if not word:
        return Reading()
    if word in _YES:
        return Reading(True)
    if word in _NO:
        return Reading(False)
    return Reading(error=t("dk.flag.unread", field=field, value=clean_text(raw)))
