"""A1 notation helpers: column letters, cell addresses and quoted ranges.

gspread sends ranges as ``'Title'!A1:B2`` with ``'`` doubled inside the title; we always quote,
so titles with spaces, Norwegian letters or that look like cell addresses (``CO2``) are safe.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

__all__ = ["cell", "col_index", "col_letter", "grid_range_a1", "quote_title", "tab_range"]


def col_letter(index: int) -> str:
    """0-based column index -> letters (0 -> A, 25 -> Z, 26 -> AA)."""
    if index < 0:
        raise ValueError(f"negative column index {index}")
    letters = ""
    n = index + 1
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(ord("A") + rem) + letters
    return letters


def col_index(letters: str) -> int:
    """Column letters -> 0-based index (A -> 0, AA -> 26)."""
    if not letters or not letters.isalpha():
        raise ValueError(f"not a column: {letters!r}")
    n = 0
    for ch in letters.upper():
        n = n * 26 + (ord(ch) - ord("A") + 1)
    return n - 1


def cell(row: int, col: int) -> str:
    """1-based row and 0-based column -> ``B12``."""
    return f"{col_letter(col)}{row}"


def quote_title(title: str) -> str:
    """A sheet title as gspread sends it: always single-quoted, ``'`` doubled."""
    return "'" + title.replace("'", "''") + "'"


def tab_range(title: str, part: str = "") -> str:
    """``'Title'`` (the whole tab) or ``'Title'!part``."""
    return quote_title(title) + (f"!{part}" if part else "")


def grid_range_a1(grid: Mapping[str, Any]) -> str:
    """A GridRange (0-based, end exclusive, as in ``merges``) -> ``A1:C1`` for messages."""
    r0 = int(grid.get("startRowIndex", 0))
    c0 = int(grid.get("startColumnIndex", 0))
    r1 = int(grid.get("endRowIndex", r0 + 1))
    c1 = int(grid.get("endColumnIndex", c0 + 1))
    return f"{cell(r0 + 1, c0)}:{cell(r1, c1 - 1)}"
