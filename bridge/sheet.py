"""What the core sees of a spreadsheet, and what it asks to be written to one.

The workbook adapter (``connectors.sheets``) turns a ``values:batchGet`` answer into these
records and applies a :class:`SheetPlan` in one ``values:batchUpdate`` plus at most one append
per tab. Rows are addressed by key (``key_field`` of the tab), never by row number: the adapter
re-reads the key column right before writing.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass

__all__ = ["CellWrite", "RowAppend", "SheetPlan", "SheetRow", "TabSnapshot", "WorkbookSnapshot"]


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
    """

    tab: str
    row_key: str | None
    field: str
    value: str
    anchor: Mapping[str, str] = dataclasses.field(default_factory=dict)


@dataclass(frozen=True)
class RowAppend:
    """Append one row; fields not given are left empty."""

    tab: str
    values: Mapping[str, str]


@dataclass(frozen=True)
class SheetPlan:
    """All the sheet writes of one run. Empty plan: no request is made."""

    writes: tuple[CellWrite, ...] = ()
    appends: tuple[RowAppend, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.writes or self.appends)
