"""v1 list filters: repeated ``?filter=<field><op><value>`` parameters, ANDed.

Operators from the reference (zetkin-api.md §2.1, from zetkin.js ``getFilters`` and the app):
``==``, ``!=``, ``>``, ``>=``, ``<``, ``<=``, ``*=`` (contains). Which fields each endpoint
accepts is undocumented, so the stand-in is conservative: a field the resource does not have
is a 400 ``Invalid filter format`` (uncertain: the real server may ignore it).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

__all__ = ["Filter", "FilterError", "match_all", "parse_filters"]

_FILTER = re.compile(r"^([A-Za-z_][A-Za-z0-9_.]*)(==|!=|>=|<=|\*=|>|<)(.*)$", re.DOTALL)


class FilterError(ValueError):
    """A filter string that cannot be parsed or names an unknown field."""


@dataclass(frozen=True)
class Filter:
    field: str
    op: str
    value: str

    def test(self, obj: dict[str, Any]) -> bool:
        actual: Any = obj
        for part in self.field.split("."):
            actual = actual.get(part) if isinstance(actual, dict) else None
        return _compare(actual, self.op, self.value)


def parse_filters(raw: Iterable[str], known: Callable[[str], bool]) -> list[Filter]:
    """Parse each raw ``filter=`` value; ``known(field)`` says whether the resource has it."""
    filters = []
    for text in raw:
        match = _FILTER.match(text)
        if not match:
            raise FilterError(f'Cannot parse filter "{text[:40]}"')
        field, op, value = match.groups()
        if not known(field):
            raise FilterError(f'Unknown filter field "{field[:40]}"')
        filters.append(Filter(field, op, value))
    return filters


def match_all(filters: list[Filter], obj: dict[str, Any]) -> bool:
    return all(f.test(obj) for f in filters)


def _compare(actual: Any, op: str, raw: str) -> bool:
    if op == "*=":
        # Contains; case-insensitive here (uncertain: the reference only says "contains").
        return actual is not None and raw.lower() in str(actual).lower()
    if actual is None:
        is_null = raw.lower() in ("", "null", "none")
        if op == "==":
            return is_null
        if op == "!=":
            return not is_null
        return False
    target: Any
    if isinstance(actual, bool):
        actual = int(actual)
        target = 1 if raw.lower() in ("1", "true") else 0
    elif isinstance(actual, int | float):
        try:
            target = float(raw)
        except ValueError:
            actual, target = str(actual), raw
    else:
        actual, target = str(actual), raw
    if op == "==":
        return bool(actual == target)
    if op == "!=":
        return bool(actual != target)
    if op == ">":
        return bool(actual > target)
    if op == ">=":
        return bool(actual >= target)
    if op == "<":
        return bool(actual < target)
    return bool(actual <= target)
