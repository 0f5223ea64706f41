"""What the core sees of a spreadsheet, and what it asks to be written to one.

The workbook adapter (``connectors.sheets``) turns a ``values:batchGet`` answer into these
records and applies a :class:`SheetPlan` in one ``values:batchUpdate`` plus at most one append
per tab. Rows are addressed by key (``key_field`` of the tab), never by row number: the adapter
re-reads the key column right before writing.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from dataclasses import dataclass

__all__ = [
    "CellWrite",
    "InvalidKey",
    "RowAppend",
    "SheetPlan",
    "SheetRow",
    "TabReplace",
    "TabSnapshot",
    "WorkbookSnapshot",
    "person_id_of",
]

# A Zetkin-ID as read with FORMATTED_VALUE: ASCII digits, or the ways Sheets renders a whole
# number under a number format: digits grouped by three with a (no-break or narrow no-break)
# space, and/or a decimal separator followed by one or two zeros ("1 234", "1234.0", "1 234,00").
_PERSON_ID = re.compile(r"(?:[0-9]{1,3}(?:[ \u00a0\u202f][0-9]{3})+|[0-9]+)(?:[.,]0{1,2})?")
_GROUPING = str.maketrans("", "", " \u00a0\u202f")


@dataclass(frozen=True)
class SheetRow:
    """One data row as read: its 1-based sheet row number (for messages only), values by
    logical field key (always text; empty string for an empty cell), and A1 cell addresses."""

    row_number: int
    values: Mapping[str, str]
    cells: Mapping[str, str]
    key: str | None = None
    # Board columns, by header text.
    extra: Mapping[str, str] = dataclasses.field(default_factory=dict)

    def get(self, field_key: str) -> str:
        return self.values.get(field_key, "")


@dataclass(frozen=True, slots=True)
class InvalidKey:
    """A Zetkin-ID cell holding text that is not a valid id.

    ``text`` is the cell's stripped text: the board typed it, so the row's status shows it
    back, and the workbook finds the row by it (rows are addressed by their key's text).
    """

    text: str


def person_id_of(key: str | None) -> int | InvalidKey | None:
    """The one rule for what a Zetkin-ID cell says: a person id, no id (empty), or invalid.

    Valid: a positive whole number written with ASCII digits, surrounding spaces ignored
    ("12", " 12 ", "0012"), and the renderings Sheets gives a whole number under a number
    format: digit groups of three split by a space, no-break or narrow no-break space
    ("1 234") and one or two zero decimals after "." or "," ("1234.0", "1 234,00").
    Invalid (the row is blocked and told so, never linked on a guess): "0", "-5", "+5",
    "1e3", "12a", "#12", "12.5", and the locale-ambiguous "1,234" and "1.000" (one thousand
    in one locale, one in another).
    """
    text = (key or "").strip()
    if not text:
        return None
    if _PERSON_ID.fullmatch(text):
        digits = text.translate(_GROUPING)
        whole = int(re.split(r"[.,]", digits)[0])
        if whole > 0:
            return whole
    return InvalidKey(text)


@dataclass(frozen=True)
class TabSnapshot:
    """A tab as read: its title, which column each field is in, and its non-blank rows."""

    key: str
    title: str
    columns: Mapping[str, int]  # logical field key -> 0-based column index
    rows: tuple[SheetRow, ...]
    header_row: tuple[str, ...] = ()
    unknown_headers: tuple[str, ...] = ()


@dataclass(frozen=True)
class WorkbookSnapshot:
    """Every configured tab of one branch, read in one request."""

    spreadsheet_id: str
    tabs: Mapping[str, TabSnapshot]


@dataclass(frozen=True)
class CellWrite:
    """Set one owned cell of the row whose key is ``row_key``.

    A row the board added has no key yet (``row_key`` is ``None``): it is located by
    ``anchor``, the values some of its cells had when read (e.g. phone and name), and the
    write is skipped and reported if that no longer finds exactly one keyless row.
    When the board has typed the same key into two rows, a write to one of them carries both
    ``row_key`` and ``anchor``: the anchor then picks among the rows with that key (again,
    skipped and reported unless exactly one matches).
    ``was`` is the cell's text when the planner read it, where it matters: a board member who
    edits that cell after the read and before the write keeps their value (the write is
    skipped and reported, and the next cycle plans from what they typed).
    """

    tab: str
    row_key: str | None
    field: str
    value: str
    anchor: Mapping[str, str] = dataclasses.field(default_factory=dict)
    was: str | None = dataclasses.field(default=None, compare=False)  # a guard, not the write


@dataclass(frozen=True)
class RowAppend:
    """Append one row; fields not given are left empty."""

    tab: str
    values: Mapping[str, str]


@dataclass(frozen=True)
class TabReplace:
    """Write a report tab whole (a tab the bridge owns, ``TabSpec.whole``): ``rows`` from A1,
    every other cell of the tab cleared."""

    tab: str
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class SheetPlan:
    """All the sheet writes of one run. Empty plan: no request is made."""

    writes: tuple[CellWrite, ...] = ()
    appends: tuple[RowAppend, ...] = ()
    replaces: tuple[TabReplace, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.writes or self.appends or self.replaces)
