"""The target rule of a call round: a small language a board can type in ``Målgruppe``.

A rule is words separated by spaces; a person is a target when every word holds. A word is
``nøkkel:verdi``; a leading ``-`` turns it around; a value with spaces is quoted; a comma gives
alternatives (``bydel:Heimdal,Lerkendal``: either).

=========================  ==========================================================
``tag:Medlem``             has the tag (``tag:"Vil dørbanke"``)
``bydel:Heimdal``          lives in the district
``ringt:30d``              called (any attempt reported) in the last 30 days
``ikke-ringt:30d``         not called in the last 30 days (= ``-ringt:30d``)
``nye:30d``                joined in the last 30 days
``innmeldt-etter:DATO``    joined on or after the date (``2026-01-01`` or ``1.1.2026``)
``innmeldt-før:DATO``      joined before the date
=========================  ==========================================================

Durations are days (``30d``, ``30``) or weeks (``4u``). Keywords, tags and districts ignore
case and accents. A bad word raises :class:`RuleError` naming the word and where it starts,
with a suggestion when a keyword, tag or district is one or two letters off.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from bridge.calls.outcomes import _distance, fold_words
from bridge.members import ZetkinMember
from bridge.messages import t

__all__ = ["KEYWORDS", "Rule", "RuleError", "Term", "parse_date", "parse_rule"]

KEYWORDS: tuple[str, ...] = (
    "tag",
    "bydel",
    "ringt",
    "ikke-ringt",
    "nye",
    "innmeldt-etter",
    "innmeldt-før",
)
_DURATION_KEYS = frozenset({"ringt", "ikke-ringt", "nye"})
_DATE_KEYS = frozenset({"innmeldt-etter", "innmeldt-før"})


def _fold_key(word: str) -> str:
    return fold_words(word).replace(" ", "-")


_KEY_LOOKUP = {_fold_key(key): key for key in KEYWORDS}


class RuleError(ValueError):
    """A rule that cannot be read: ``code`` says why, ``position`` (1-based character) and
    ``word`` say where, ``suggestion`` is the likely intended word (or ``""``)."""

    def __init__(self, code: str, position: int, word: str, suggestion: str = "") -> None:
        super().__init__(f"{code} at {position}: {word!r}")
        self.code = code
        self.position = position
        self.word = word
        self.suggestion = suggestion

    def message(self, lang: str = "nb") -> str:  # pragma: no mutate (unknown: bokmål)
        text = t(f"calls.rule.{self.code}", lang, word=self.word, position=self.position)
        if self.suggestion:
            text += t("calls.rule.did_you_mean", lang, suggestion=self.suggestion)
        return text


@dataclass(frozen=True, slots=True)
class Term:
    """One word of a rule: ``key`` (canonical keyword, ``ikke-ringt`` read as negated
    ``ringt``), its values (canonical spellings), or its number of days, or its date."""

    key: str
    negated: bool = False
    values: tuple[str, ...] = ()
    days: int = 0
    day: date | None = None


def _suggest(word: str, candidates: Iterable[str]) -> str:
    """The one candidate within two letters of ``word`` (folded), the closest first."""
    folded = fold_words(word)
    best = ""
    best_distance = 3
    for candidate in candidates:
        distance = _distance(folded, fold_words(candidate))
        if distance < best_distance:
            best, best_distance = candidate, distance
    return best


_DURATION = re.compile(r"^(\d{1,4})\s*(d|dag|dager|u|uke|uker)?$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_NORWEGIAN = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})$")


def parse_date(text: str) -> date | None:
    """``2026-01-01``, ``1.1.2026`` or ``01.01.26`` as a date; ``None`` otherwise."""
    text = text.strip()
    match = _ISO.match(text)
    if match:
        year, month, day = (int(part) for part in match.groups())
    else:
        match = _NORWEGIAN.match(text)
        if not match:
            return None
        day_text, month_text, year_text = match.groups()
        day, month = int(day_text), int(month_text)
        year = int(year_text) + (2000 if len(year_text) == 2 else 0)
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _days(text: str) -> int | None:
    match = _DURATION.match(fold_words(text))
    if not match:
        return None
    unit = match.group(2)
    return int(match.group(1)) * (7 if unit and unit.startswith("u") else 1)


@dataclass(frozen=True, slots=True)
class _Word:
    position: int
    text: str


def _words(text: str) -> list[_Word]:
    """Split on spaces outside quotes; an unclosed quote is an error at its word."""
    words: list[_Word] = []
    index = 0
    while index < len(text):
        if text[index].isspace():
            index += 1
            continue
        start = index
        quoted = False  # pragma: no mutate (None is as false as False)
        while index < len(text) and (quoted or not text[index].isspace()):
            if text[index] == '"':
                quoted = not quoted
            index += 1
        if quoted:
            raise RuleError("unclosed_quote", start + 1, text[start:index])
        words.append(_Word(start + 1, text[start:index]))
    return words


def _values(raw: str) -> list[str]:
    """Comma-separated values, quotes removed (a comma inside quotes is kept)."""
    values: list[str] = []
    current: list[str] = []
    quoted = False  # pragma: no mutate (None is as false as False)
    for char in raw:
        if char == '"':
            quoted = not quoted
        elif char == "," and not quoted:
            values.append("".join(current))
            current = []
        else:
            current.append(char)
    values.append("".join(current))
    return [" ".join(value.split()) for value in values]


def _canonical(value: str, known: Mapping[str, str], code: str, word: _Word) -> str:
    """The known spelling of a tag or district; an unknown one is an error (with a
    suggestion). With nothing known, any value is taken as typed."""
    if not known:
        return value
    found = known.get(fold_words(value))
    if found is None:
        raise RuleError(code, word.position, value, _suggest(value, known.values()))
    return found


def _term(word: _Word, tags: Mapping[str, str], districts: Mapping[str, str]) -> Term:
    text = word.text
    negated = text.startswith("-")
    # The keyword is compared folded, which drops a leading "-" too.
    key_text, colon, raw = text.partition(":")
    if not colon:
        raise RuleError("bare_word", word.position, text, _suggest(text, KEYWORDS))
    key = _KEY_LOOKUP.get(_fold_key(key_text))
    if key is None:
        shown = key_text.removeprefix("-")
        raise RuleError("unknown_keyword", word.position, shown, _suggest(shown, KEYWORDS))
    values = _values(raw)
    if not all(values):
        raise RuleError("missing_value", word.position, text)
    if key == "ikke-ringt":
        key, negated = "ringt", not negated
    if key in _DURATION_KEYS:
        days = _days(raw)
        if days is None or len(values) > 1:
            raise RuleError("bad_duration", word.position, text)
        return Term(key, negated, days=days)
    if key in _DATE_KEYS:
        day = parse_date(raw)
        if day is None:
            raise RuleError("bad_date", word.position, text)
        return Term(key, negated, day=day)
    known, code = (tags, "unknown_tag") if key == "tag" else (districts, "unknown_district")
    return Term(key, negated, values=tuple(_canonical(v, known, code, word) for v in values))


@dataclass(frozen=True, slots=True)
class Rule:
    """A parsed target rule: every term must hold."""

    text: str
    terms: tuple[Term, ...]

    def matches(self, person: ZetkinMember, last_called: datetime | None, now: datetime) -> bool:
        """Whether ``person`` is a target, given when they were last called (any task)."""
        return all(_holds(term, person, last_called, now) != term.negated for term in self.terms)

    def filter_spec(
        self,
        *,
        tag_ids: Mapping[str, int],
        district_field: str,
        joined_field: str,
        now: datetime,
    ) -> list[dict[str, Any]] | None:
        """The rule as a Zetkin Smart Search ``filter_spec``, or ``None`` where it does not
        translate (a tag Zetkin does not have, alternatives of districts).

        Everyone, then each term as ``limit`` (or ``sub`` when negated). ``ringt`` becomes
        ``call_history``, which counts only calls made in Zetkin, so the mirror can differ
        from the bridge's own list for people called from the sheet. A date bound is passed as
        the day before (``after``, assumed exclusive) or the day itself (``before``).
        """
        spec: list[dict[str, Any]] = [{"op": "add", "type": "all", "config": {}}]
        for term in self.terms:
            config = _config(term, tag_ids, district_field, joined_field, now)
            if config is None:
                return None
            kind, body = config
            spec.append({"op": "sub" if term.negated else "limit", "type": kind, "config": body})
        return spec

    def untranslated(self, *, tag_ids: Mapping[str, int]) -> str:
        """The first word of the rule that has no Smart Search form ("" when all do)."""
        for term in self.terms:
            if _config(term, tag_ids, "", "", datetime(2000, 1, 1)) is None:
                return _shown(term)
        return ""


def _shown(term: Term) -> str:
    """A term written back as a rule word (quoted where a value has a space)."""
    values = ",".join(f'"{v}"' if " " in v else v for v in term.values)
    return f"{'-' if term.negated else ''}{term.key}:{values}"


def _holds(term: Term, person: ZetkinMember, last_called: datetime | None, now: datetime) -> bool:
    if term.key == "tag":
        return any(value in person.tags for value in term.values)
    if term.key == "bydel":
        district = fold_words(person.district)
        return any(fold_words(value) == district for value in term.values)
    if term.key == "ringt":
        return last_called is not None and last_called >= now - timedelta(days=term.days)
    joined = person.joined
    if joined is None:
        return False
    if term.key == "nye":
        return joined >= now.date() - timedelta(days=term.days)
    assert term.day is not None
    if term.key == "innmeldt-etter":
        return joined >= term.day
    return joined < term.day


def _config(
    term: Term,
    tag_ids: Mapping[str, int],
    district_field: str,
    joined_field: str,
    now: datetime,
) -> tuple[str, dict[str, Any]] | None:
    if term.key == "tag":
        if not all(value in tag_ids for value in term.values):
            return None
        ids = sorted(tag_ids[value] for value in term.values)
        return "person_tags", {"condition": "any", "tags": ids}
    if term.key == "bydel":
        if len(term.values) != 1:
            return None
        return "person_field", {"field": district_field, "search": term.values[0]}
    if term.key == "ringt":
        since = (now - timedelta(days=term.days)).date()
        return "call_history", {"operator": "called", "after": since.isoformat()}
    if term.key == "nye":
        after = now.date() - timedelta(days=term.days + 1)
        return "person_field", {"field": joined_field, "after": after.isoformat()}
    assert term.day is not None
    if term.key == "innmeldt-etter":
        after = term.day - timedelta(days=1)
        return "person_field", {"field": joined_field, "after": after.isoformat()}
    return "person_field", {"field": joined_field, "before": term.day.isoformat()}


def parse_rule(text: str, *, tags: Iterable[str] = (), districts: Iterable[str] = ()) -> Rule:
    """Read a target rule. ``tags`` and ``districts`` are the known titles (their spelling
    is what the rule keeps); leave one empty to accept any value for it."""
    tag_lookup = {fold_words(tag): tag for tag in tags}
    district_lookup = {fold_words(district): district for district in districts}
    words = _words(text)
    if not words:
        raise RuleError("empty", 1, "")
    terms = tuple(_term(word, tag_lookup, district_lookup) for word in words)
    return Rule(" ".join(text.split()), terms)
