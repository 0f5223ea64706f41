"""In-memory spreadsheets: cells, sheets, Drive files, and JSON persistence.

Cells are stored row-major as plain Python lists (``None`` = empty) so that a 100,000-row tab
costs one list per row, not one object per cell. A cell holds ``str``, ``int``, ``float``,
``bool`` or a :class:`Formula`.

Formulas are computed at read time by :mod:`sandbox.sheets.compute` (the ``formulas``
package) where it can; a seeded cached value (``{"f": "=1+1", "v": 2}``) wins over computing.
Notes, formats and dimension properties live beside the values (``Sheet.meta``, ``Sheet.dims``).
"""

from __future__ import annotations

import copy
import json
import os
import random
import secrets
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from .errors import GoogleError, drive_error

__all__ = [
    "SPREADSHEET_MIME",
    "Cell",
    "Formula",
    "Sheet",
    "Spreadsheet",
    "Store",
    "decode_cell",
    "encode_cell",
    "rfc3339",
]

SPREADSHEET_MIME = "application/vnd.google-apps.spreadsheet"


class Formula:
    """A formula cell: its text (``=SUM(A1:A3)``) and an optional seeded cached value."""

    __slots__ = ("text", "value")

    def __init__(self, text: str, value: Any = None) -> None:
        self.text = text
        self.value = value

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Formula) and other.text == self.text

    def __hash__(self) -> int:
        return hash(self.text)

    def __repr__(self) -> str:
        return f"Formula({self.text!r})"


Cell = str | int | float | bool | Formula | None


def encode_cell(value: Cell) -> Any:
    """JSON form for persistence and snapshots."""
    if isinstance(value, Formula):
        return {"f": value.text, "v": value.value}
    return value


def decode_cell(value: Any) -> Cell:
    if isinstance(value, dict):
        return Formula(str(value.get("f", "")), value.get("v"))
    if value == "":
        return None
    return value  # type: ignore[no-any-return]


def wire_ranges(value: Any) -> Any:
    """Copy of ``value`` as Google serialises GridRanges: proto3 omits ``sheetId`` when it is 0
    (sheet properties keep it; they are recognisable by their ``title``)."""
    if isinstance(value, dict):
        return {
            k: wire_ranges(v)
            for k, v in value.items()
            if not (k == "sheetId" and v == 0 and "title" not in value)
        }
    if isinstance(value, list):
        return [wire_ranges(v) for v in value]
    return value


def rfc3339(ts: float) -> str:
    """Drive's timestamp format: RFC 3339, milliseconds, ``Z``."""
    dt = datetime.fromtimestamp(ts, tz=UTC)
    return dt.strftime("%Y-%m-%dT%H:%M:%S.") + f"{dt.microsecond // 1000:03d}Z"


DEFAULT_FORMAT: dict[str, Any] = {
    "backgroundColor": {"red": 1, "green": 1, "blue": 1},
    "padding": {"top": 2, "right": 3, "bottom": 2, "left": 3},
    "verticalAlignment": "BOTTOM",
    "wrapStrategy": "OVERFLOW_CELL",
    "textFormat": {
        "foregroundColor": {},
        "fontFamily": "arial,sans,sans-serif",
        "fontSize": 10,
        "bold": False,
        "italic": False,
        "strikethrough": False,
        "underline": False,
        "foregroundColorStyle": {"rgbColor": {}},
    },
    "backgroundColorStyle": {"rgbColor": {"red": 1, "green": 1, "blue": 1}},
}


def _theme_color(kind: str, rgb: dict[str, float]) -> dict[str, Any]:
    return {"colorType": kind, "color": {"rgbColor": rgb}}


SPREADSHEET_THEME: dict[str, Any] = {
    "primaryFontFamily": "Arial",
    "themeColors": [
        _theme_color("TEXT", {}),
        _theme_color("BACKGROUND", {"red": 1, "green": 1, "blue": 1}),
        _theme_color("ACCENT1", {"red": 0.25882354, "green": 0.52156866, "blue": 0.95686275}),
        _theme_color("ACCENT2", {"red": 0.91764706, "green": 0.2627451, "blue": 0.20784314}),
        _theme_color("ACCENT3", {"red": 0.9843137, "green": 0.7372549, "blue": 0.015686275}),
        _theme_color("ACCENT4", {"red": 0.20392157, "green": 0.65882355, "blue": 0.3254902}),
        _theme_color("ACCENT5", {"red": 1, "green": 0.42745098, "blue": 0.003921569}),
        _theme_color("ACCENT6", {"red": 0.27450982, "green": 0.7411765, "blue": 0.7764706}),
        _theme_color("LINK", {"red": 0.06666667, "green": 0.33333334, "blue": 0.8}),
    ],
}


@dataclass
class Sheet:
    """One tab. ``props`` is the API's SheetProperties, kept in the wire shape."""

    props: dict[str, Any]
    rows: list[list[Cell]] = field(default_factory=list)
    merges: list[dict[str, Any]] = field(default_factory=list)
    validations: list[dict[str, Any]] = field(default_factory=list)
    protected: list[dict[str, Any]] = field(default_factory=list)
    basic_filter: dict[str, Any] | None = None
    row_groups: list[dict[str, Any]] = field(default_factory=list)
    col_groups: list[dict[str, Any]] = field(default_factory=list)
    # Grid data besides values (issue 11): per cell the CellData fields ``note`` and
    # ``userEnteredFormat``; per row and column the DimensionProperties (``pixelSize``, ...).
    meta: dict[tuple[int, int], dict[str, Any]] = field(default_factory=dict)
    dims: dict[str, dict[int, dict[str, Any]]] = field(
        default_factory=lambda: {"ROWS": {}, "COLUMNS": {}}
    )

    def cell_meta(self, r: int, c: int) -> dict[str, Any]:
        """The cell's stored note/format dict, created empty when missing."""
        return self.meta.setdefault((r, c), {})

    def number_format(self, r: int, c: int) -> dict[str, Any] | None:
        if not self.meta:
            return None
        found = self.meta.get((r, c))
        if not found:
            return None
        fmt = found.get("userEnteredFormat", {}).get("numberFormat")
        return fmt if isinstance(fmt, dict) else None

    def shift_meta(self, dimension: str, at: int, count: int) -> None:
        """Move notes, formats and dimension properties at or after ``at`` by ``count``
        (negative: the ``-count`` rows or columns from ``at`` were deleted)."""
        axis = 0 if dimension == "ROWS" else 1
        moved: dict[tuple[int, int], dict[str, Any]] = {}
        for key, value in self.meta.items():
            pos = key[axis]
            if count < 0 and at <= pos < at - count:
                continue
            if pos >= at:
                pos += count
            moved[(pos, key[1]) if axis == 0 else (key[0], pos)] = value
        self.meta = moved
        table = self.dims.setdefault(dimension, {})
        shifted: dict[int, dict[str, Any]] = {}
        for index, props in table.items():
            if count < 0 and at <= index < at - count:
                continue
            shifted[index + count if index >= at else index] = props
        self.dims[dimension] = shifted

    @property
    def sheet_id(self) -> int:
        return int(self.props["sheetId"])

    @property
    def title(self) -> str:
        return str(self.props["title"])

    @property
    def grid(self) -> dict[str, Any]:
        grid: dict[str, Any] = self.props.setdefault("gridProperties", {})
        return grid

    @property
    def row_count(self) -> int:
        return int(self.grid.get("rowCount", 0))

    @property
    def col_count(self) -> int:
        return int(self.grid.get("columnCount", 0))

    @property
    def hidden(self) -> bool:
        return bool(self.props.get("hidden", False))

    def set_size(self, rows: int | None = None, cols: int | None = None) -> None:
        """Resize the grid; shrinking drops the cells outside it, as Google does."""
        if rows is not None:
            self.grid["rowCount"] = rows
            if len(self.rows) > rows:
                del self.rows[rows:]
        if cols is not None:
            self.grid["columnCount"] = cols
            for row in self.rows:
                if len(row) > cols:
                    del row[cols:]

    def row(self, index: int) -> list[Cell]:
        """The stored row ``index`` (0-based), creating empty rows up to it."""
        rows = self.rows
        if index >= len(rows):
            rows.extend([] for _ in range(index + 1 - len(rows)))
        return rows[index]

    def get(self, r: int, c: int) -> Cell:
        if r < len(self.rows):
            row = self.rows[r]
            if c < len(row):
                return row[c]
        return None

    def set(self, r: int, c: int, value: Cell) -> None:
        row = self.row(r)
        if c >= len(row):
            if value is None:
                return
            row.extend([None] * (c + 1 - len(row)))
        row[c] = value

    def clear_block(self, sr: int, er: int, sc: int, ec: int) -> None:
        for row in self.rows[sr:er]:
            end = min(ec, len(row))
            if end > sc:
                row[sc:end] = [None] * (end - sc)

    def metadata(self) -> dict[str, Any]:
        props = copy.deepcopy(self.props)
        grid = props.get("gridProperties", {})
        for key in ("frozenRowCount", "frozenColumnCount"):
            if not grid.get(key):
                grid.pop(key, None)
        if grid.get("hideGridlines") is False:
            grid.pop("hideGridlines")
        if self.row_groups:
            grid.setdefault("rowGroupControlAfter", False)
        if self.col_groups:
            grid.setdefault("columnGroupControlAfter", False)
        for key in ("hidden", "rightToLeft"):
            if props.get(key) is False:
                props.pop(key)
        out: dict[str, Any] = {"properties": props}
        if self.merges:
            out["merges"] = wire_ranges(self.merges)
        if self.basic_filter:
            out["basicFilter"] = wire_ranges(self.basic_filter)
        if self.protected:
            out["protectedRanges"] = wire_ranges(self.protected)
        if self.row_groups:
            out["rowGroups"] = wire_ranges(self.row_groups)
        if self.col_groups:
            out["columnGroups"] = wire_ranges(self.col_groups)
        return out

    def clone(self) -> Sheet:
        return Sheet(
            props=copy.deepcopy(self.props),
            rows=[list(r) for r in self.rows],
            merges=copy.deepcopy(self.merges),
            validations=copy.deepcopy(self.validations),
            protected=copy.deepcopy(self.protected),
            basic_filter=copy.deepcopy(self.basic_filter),
            row_groups=copy.deepcopy(self.row_groups),
            col_groups=copy.deepcopy(self.col_groups),
            meta=copy.deepcopy(self.meta),
            dims=copy.deepcopy(self.dims),
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "props": self.props,
            "rows": [[encode_cell(v) for v in row] for row in self.rows],
            "merges": self.merges,
            "validations": self.validations,
            "protected": self.protected,
            "basic_filter": self.basic_filter,
            "row_groups": self.row_groups,
            "col_groups": self.col_groups,
            "meta": [[r, c, v] for (r, c), v in self.meta.items()],
            "dims": {k: [[i, v] for i, v in t.items()] for k, t in self.dims.items()},
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Sheet:
        return cls(
            props=data["props"],
            rows=[[decode_cell(v) for v in row] for row in data.get("rows", [])],
            merges=data.get("merges", []),
            validations=data.get("validations", []),
            protected=data.get("protected", []),
            basic_filter=data.get("basic_filter"),
            row_groups=data.get("row_groups", []),
            col_groups=data.get("col_groups", []),
            meta={(int(r), int(c)): v for r, c, v in data.get("meta", [])},
            dims={
                k: {int(i): v for i, v in t}
                for k, t in data.get("dims", {"ROWS": [], "COLUMNS": []}).items()
            },
        )


@dataclass
class Spreadsheet:
    """A spreadsheet and, since every spreadsheet is a Drive file, its Drive metadata."""

    id: str
    props: dict[str, Any]
    sheets: list[Sheet]
    created: float
    modified: float
    named_ranges: list[dict[str, Any]] = field(default_factory=list)
    next_id: int = 1  # for protectedRangeId / namedRangeId
    # Who may open it (the callers' bearer tokens); None: anyone, the stand-in's default.
    shared_with: list[str] | None = None

    def readable_by(self, user: str) -> bool:
        return self.shared_with is None or user in self.shared_with

    @property
    def title(self) -> str:
        return str(self.props["title"])

    def reindex(self) -> None:
        for i, sheet in enumerate(self.sheets):
            sheet.props["index"] = i

    def find_title(self, title: str) -> Sheet | None:
        for sheet in self.sheets:
            if sheet.title == title:
                return sheet
        lowered = title.lower()
        for sheet in self.sheets:
            if sheet.title.lower() == lowered:
                return sheet
        return None

    def find_id(self, sheet_id: int) -> Sheet | None:
        for sheet in self.sheets:
            if sheet.sheet_id == sheet_id:
                return sheet
        return None

    def first_visible(self) -> Sheet:
        for sheet in self.sheets:
            if not sheet.hidden:
                return sheet
        return self.sheets[0]

    def metadata(self) -> dict[str, Any]:
        props = copy.deepcopy(self.props)
        props.setdefault("defaultFormat", copy.deepcopy(DEFAULT_FORMAT))
        props.setdefault("spreadsheetTheme", copy.deepcopy(SPREADSHEET_THEME))
        out: dict[str, Any] = {
            "spreadsheetId": self.id,
            "properties": props,
            "sheets": [sheet.metadata() for sheet in self.sheets],
        }
        if self.named_ranges:
            out["namedRanges"] = wire_ranges(self.named_ranges)
        out["spreadsheetUrl"] = f"https://docs.google.com/spreadsheets/d/{self.id}/edit"
        return out

    def drive_file(self) -> dict[str, Any]:
        return {
            "kind": "drive#file",
            "id": self.id,
            "name": self.title,
            "mimeType": SPREADSHEET_MIME,
            "createdTime": rfc3339(self.created),
            "modifiedTime": rfc3339(self.modified),
        }

    def touch(self) -> None:
        self.modified = max(time.time(), self.modified + 0.001)

    def clone(self) -> Spreadsheet:
        return Spreadsheet(
            id=self.id,
            props=copy.deepcopy(self.props),
            sheets=[s.clone() for s in self.sheets],
            created=self.created,
            modified=self.modified,
            named_ranges=copy.deepcopy(self.named_ranges),
            next_id=self.next_id,
            shared_with=None if self.shared_with is None else list(self.shared_with),
        )

    def adopt(self, other: Spreadsheet) -> None:
        """Take over the state of a clone (the commit of an atomic batchUpdate)."""
        self.props = other.props
        self.sheets = other.sheets
        self.named_ranges = other.named_ranges
        self.next_id = other.next_id

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "props": self.props,
            "created": self.created,
            "modified": self.modified,
            "named_ranges": self.named_ranges,
            "next_id": self.next_id,
            "shared_with": self.shared_with,
            "sheets": [s.to_json() for s in self.sheets],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Spreadsheet:
        return cls(
            id=data["id"],
            props=data["props"],
            sheets=[Sheet.from_json(s) for s in data["sheets"]],
            created=float(data["created"]),
            modified=float(data["modified"]),
            named_ranges=data.get("named_ranges", []),
            next_id=int(data.get("next_id", 1)),
            shared_with=data.get("shared_with"),
        )


def new_sheet_props(
    sheet_id: int, title: str, index: int, rows: int = 1000, cols: int = 26
) -> dict[str, Any]:
    return {
        "sheetId": sheet_id,
        "title": title,
        "index": index,
        "sheetType": "GRID",
        "gridProperties": {"rowCount": rows, "columnCount": cols},
    }


class Store:
    """Every spreadsheet the stand-in knows, behind one lock, optionally persisted to a file.

    ``path``: when set, the state is loaded from it at start and written to it (atomically, via
    a temporary file and rename) after every change and on :meth:`save`.
    """

    def __init__(self, path: str | os.PathLike[str] | None = None, seed: int | None = None):
        self.lock = threading.RLock()
        self.spreadsheets: dict[str, Spreadsheet] = {}
        self.path = Path(path) if path else None
        self.rng = random.Random(seed)
        if self.path and self.path.exists():
            self.load()

    # -- lifecycle ------------------------------------------------------------------------
    def reset(self) -> None:
        with self.lock:
            self.spreadsheets.clear()
            self.save()

    def save(self) -> None:
        if not self.path:
            return
        with self.lock:
            data = {"version": 1, "spreadsheets": [s.to_json() for s in self.spreadsheets.values()]}
            tmp = self.path.with_name(self.path.name + ".tmp")
            tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
            os.replace(tmp, self.path)

    def load(self) -> None:
        assert self.path is not None
        data = json.loads(self.path.read_text(encoding="utf-8"))
        with self.lock:
            self.spreadsheets = {
                s["id"]: Spreadsheet.from_json(s) for s in data.get("spreadsheets", [])
            }

    # -- spreadsheets ---------------------------------------------------------------------
    def new_id(self) -> str:
        while True:
            candidate = secrets.token_urlsafe(33)  # 44 chars of [A-Za-z0-9_-]
            if candidate not in self.spreadsheets:
                return candidate

    def new_sheet_id(self, spreadsheet: Spreadsheet) -> int:
        while True:
            candidate = self.rng.randint(1, 2**31 - 1)
            if spreadsheet.find_id(candidate) is None:
                return candidate

    def create(
        self,
        title: str,
        tabs: dict[str, list[list[Any]]] | None = None,
        *,
        spreadsheet_id: str | None = None,
        frozen_rows: int = 0,
        locale: str = "en_US",
        time_zone: str = "Etc/GMT",
        shared_with: list[str] | None = None,
    ) -> Spreadsheet:
        """A new spreadsheet; without ``tabs`` it holds one empty ``Sheet1`` (sheetId 0).
        ``shared_with``: the callers (bearer tokens) who may open it; None: anyone."""
        with self.lock:
            now = time.time()
            ss = Spreadsheet(
                id=spreadsheet_id or self.new_id(),
                props={
                    "title": title,
                    "locale": locale,
                    "autoRecalc": "ON_CHANGE",
                    "timeZone": time_zone,
                },
                sheets=[],
                created=now,
                modified=now,
                shared_with=None if shared_with is None else list(shared_with),
            )
            if not tabs:
                ss.sheets.append(Sheet(new_sheet_props(0, "Sheet1", 0)))
            else:
                for index, (tab_title, rows) in enumerate(tabs.items()):
                    sheet_id = 0 if index == 0 else self.new_sheet_id(ss)
                    width = max([26, *(len(r) for r in rows)])
                    height = max(1000, len(rows))
                    sheet = Sheet(new_sheet_props(sheet_id, tab_title, index, height, width))
                    sheet.rows = [[decode_cell(v) for v in row] for row in rows]
                    if frozen_rows:
                        sheet.grid["frozenRowCount"] = frozen_rows
                    ss.sheets.append(sheet)
            self.spreadsheets[ss.id] = ss
            self.save()
            return ss

    def copy(self, original: Spreadsheet, title: str) -> Spreadsheet:
        """A copy of ``original`` under a new id (Drive ``files.copy``): sheets, values,
        formats, notes and named ranges; sheet ids are kept, as Google keeps them."""
        with self.lock:
            now = time.time()
            clone = original.clone()
            clone.id = self.new_id()
            clone.props["title"] = title
            clone.created = clone.modified = now
            self.spreadsheets[clone.id] = clone
            self.save()
            return clone

    def get(self, spreadsheet_id: str) -> Spreadsheet:
        """The spreadsheet, or the 404 Google sends for an unknown id."""
        ss = self.spreadsheets.get(spreadsheet_id)
        if ss is None:
            raise GoogleError(404)
        return ss

    def drive_get(self, file_id: str) -> Spreadsheet:
        ss = self.spreadsheets.get(file_id)
        if ss is None:
            msg = f"File not found: {file_id}."
            raise GoogleError(404, msg, body=drive_error(404, msg, "notFound", "fileId"))
        return ss
