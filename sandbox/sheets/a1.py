"""A1 notation as the Sheets API reads and echoes it (sheets-api.md §3.2–3.3).

Parsing is split in two: :func:`split_range` separates the sheet part from the cell part (quoted
titles with ``''`` for ``'``, unquoted titles split at the last ``!``), and :func:`parse_cells`
turns the cell part into a :class:`Span`, 0-based and end-exclusive like the API's GridRange, with
``None`` for an open end ("to the edge of the grid").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = [
    "MAX_COLUMNS",
    "RangeSyntaxError",
    "Span",
    "cell_name",
    "col_index",
    "col_letters",
    "format_range",
    "parse_cells",
    "quote_title",
    "split_range",
]

MAX_COLUMNS = 18278  # ZZZ

_ENDPOINT = re.compile(r"^\$?([A-Za-z]{0,3})\$?([0-9]*)$")
_PLAIN_TITLE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_A1_CELL = re.compile(r"^[A-Za-z]{1,3}[0-9]+$")
_R1C1 = re.compile(r"^[Rr][0-9]*[Cc][0-9]*$")


class RangeSyntaxError(ValueError):
    """The text is not an A1 range; the caller answers Google's "Unable to parse range"."""


@dataclass(frozen=True)
class Span:
    """Rows ``[start_row, end_row)`` and columns ``[start_col, end_col)``; ``None`` = open end."""

    start_row: int
    end_row: int | None
    start_col: int
    end_col: int | None

    def clamp(self, rows: int, cols: int) -> tuple[int, int, int, int]:
        """The span with open ends replaced by the grid's size."""
        er = rows if self.end_row is None else self.end_row
        ec = cols if self.end_col is None else self.end_col
        return self.start_row, er, self.start_col, ec


def col_index(letters: str) -> int:
    """``A`` -> 0, ``Z`` -> 25, ``AA`` -> 26."""
    n = 0
    for ch in letters.upper():
        n = n * 26 + (ord(ch) - 64)
    return n - 1


def col_letters(index: int) -> str:
    """0 -> ``A``; the inverse of :func:`col_index`."""
    out = ""
    n = index + 1
    while n:
        n, rem = divmod(n - 1, 26)
        out = chr(65 + rem) + out
    return out


def cell_name(row: int, col: int) -> str:
    """0-based coordinates to ``A1``."""
    return f"{col_letters(col)}{row + 1}"


def quote_title(title: str) -> str:
    """The title as Google echoes it: bare only for plain identifiers that are not cell names."""
    if _PLAIN_TITLE.match(title) and not _A1_CELL.match(title) and not _R1C1.match(title):
        return title
    return "'" + title.replace("'", "''") + "'"


def format_range(title: str, sr: int, er: int, sc: int, ec: int) -> str:
    """``Title!A1:B2``, or ``Title!A1`` for a single cell (the way Google echoes ranges)."""
    first = cell_name(sr, sc)
    if er - sr <= 1 and ec - sc <= 1:
        return f"{quote_title(title)}!{first}"
    return f"{quote_title(title)}!{first}:{cell_name(er - 1, ec - 1)}"


def split_range(text: str) -> tuple[str | None, str | None, bool]:
    """``(sheet title or None, cell part or None, explicit)`` where ``explicit`` means the text
    named a sheet unambiguously (quoted, or followed by ``!``)."""
    if text.startswith("'"):
        buf: list[str] = []
        i = 1
        while i < len(text):
            ch = text[i]
            if ch == "'":
                if i + 1 < len(text) and text[i + 1] == "'":
                    buf.append("'")
                    i += 2
                    continue
                rest = text[i + 1 :]
                if rest == "":
                    return "".join(buf), None, True
                if rest.startswith("!") and len(rest) > 1:
                    return "".join(buf), rest[1:], True
                raise RangeSyntaxError(text)
            buf.append(ch)
            i += 1
        raise RangeSyntaxError(text)
    if "!" in text:
        title, cells = text.rsplit("!", 1)
        if not title or not cells:
            raise RangeSyntaxError(text)
        return title, cells, True
    return None, text, False


def _endpoint(text: str) -> tuple[int | None, int | None]:
    match = _ENDPOINT.match(text.strip())
    if not match or not (match.group(1) or match.group(2)):
        raise RangeSyntaxError(text)
    col = col_index(match.group(1)) if match.group(1) else None
    row = int(match.group(2)) - 1 if match.group(2) else None
    if row is not None and row < 0:
        raise RangeSyntaxError(text)
    if col is not None and col >= MAX_COLUMNS:
        raise RangeSyntaxError(text)
    return col, row


def parse_cells(text: str) -> Span:
    """Parse ``A1``, ``A1:B2``, ``A:B``, ``1:2``, ``A5:A``, ``A1:1`` … into a :class:`Span`."""
    parts = text.split(":")
    if len(parts) == 1:
        col, row = _endpoint(parts[0])
        if col is None or row is None:
            raise RangeSyntaxError(text)
        return Span(row, row + 1, col, col + 1)
    if len(parts) != 2:
        raise RangeSyntaxError(text)
    c1, r1 = _endpoint(parts[0])
    c2, r2 = _endpoint(parts[1])
    # A column-only side with a row-only side ("A:5") means nothing.
    if (r1 is None and c2 is None) or (c1 is None and r2 is None):
        raise RangeSyntaxError(text)
    sc: int
    ec: int | None
    sr: int
    er: int | None
    if c1 is not None and c2 is not None:
        sc, ec = min(c1, c2), max(c1, c2) + 1
    else:
        sc, ec = (c1 if c1 is not None else 0), (c2 + 1 if c2 is not None else None)
    if r1 is not None and r2 is not None:
        sr, er = min(r1, r2), max(r1, r2) + 1
    else:
        sr, er = (r1 if r1 is not None else 0), (r2 + 1 if r2 is not None else None)
    return Span(sr, er, sc, ec)
