"""The spreadsheets.values methods: range resolution, rendering, writing, appending, clearing.

Semantics follow sheets-api.md §3: open ranges are clamped to the grid, bounded coordinates past
the grid are a 400, reads drop trailing empty cells and rows (and omit ``values`` when nothing is
left), ``null`` in written data skips a cell and ``""`` clears it, RAW stores JSON scalars
verbatim while USER_ENTERED parses what a person would type (numbers, booleans, ``=`` formulas,
a leading ``'`` forcing text; ``2,000,000.01``, ``12%`` and dates become numbers with the
numberFormat Google gives them and read back in it, see :mod:`sandbox.sheets.formats`).
Formulas are computed for FORMATTED_VALUE and UNFORMATTED_VALUE (:mod:`sandbox.sheets.compute`
says which it cannot compute). values.append finds the table as Google does
(:func:`_find_table`).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from .a1 import RangeSyntaxError, Span, format_range, parse_cells, split_range
from .compute import compute
from .errors import GoogleError
from .formats import DATE_TYPES, format_number, parse_typed
from .model import Cell, Formula, Sheet, Spreadsheet

__all__ = [
    "PlannedWrite",
    "append_values",
    "apply_update",
    "clear_values",
    "coerce_matrix",
    "grid_range_span",
    "plan_update",
    "read_values",
    "render_cell",
    "resolve_range",
    "update_values",
]

RENDER_OPTIONS = ("FORMATTED_VALUE", "UNFORMATTED_VALUE", "FORMULA")
INPUT_OPTIONS = ("RAW", "USER_ENTERED")
_NUMBER = re.compile(r"^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?(?:[eE][+-]?\d+)?%?$")
_SKIP = object()  # a null in written data: leave the cell as it is


class Typed:
    """A typed value in a write: the number and the numberFormat its typing implies."""

    __slots__ = ("fmt", "value")

    def __init__(self, value: float | int, fmt: dict[str, str]) -> None:
        self.value = value
        self.fmt = fmt


def bad_range(text: str) -> GoogleError:
    return GoogleError(400, f"Unable to parse range: {text}")


def resolve_range(ss: Spreadsheet, text: str) -> tuple[Sheet, Span, bool]:
    """``(sheet, span, anchor_only)``; ``anchor_only`` is true for a single-cell range."""
    try:
        title, cells, explicit = split_range(text.strip())
    except RangeSyntaxError:
        raise bad_range(text) from None
    whole = Span(0, None, 0, None)
    if explicit:
        assert title is not None
        sheet = ss.find_title(title)
        if sheet is None:
            raise bad_range(text)
        if cells is None:
            return sheet, whole, False
        try:
            return sheet, parse_cells(cells), ":" not in cells
        except RangeSyntaxError:
            named_span = _named(ss, cells, sheet)
            if named_span is None:
                raise bad_range(text) from None
            return sheet, named_span, False
    assert cells is not None
    sheet = ss.find_title(cells)
    if sheet is not None:
        return sheet, whole, False
    for named in ss.named_ranges:
        if named.get("name") == cells:
            grid = named.get("range", {})
            target = ss.find_id(int(grid.get("sheetId", 0)))
            if target is not None:
                return target, grid_range_span(grid), False
    try:
        return ss.first_visible(), parse_cells(cells), ":" not in cells
    except RangeSyntaxError:
        raise bad_range(text) from None


def _named(ss: Spreadsheet, name: str, sheet: Sheet) -> Span | None:
    """A named range on ``sheet`` (``'Sheet1'!MyRange``), as a Span."""
    for named in ss.named_ranges:
        grid = named.get("range", {})
        if named.get("name") == name and int(grid.get("sheetId", 0)) == sheet.sheet_id:
            return grid_range_span(grid)
    return None


def grid_range_span(grid: dict[str, Any]) -> Span:
    """A GridRange (``startRowIndex`` … ``endColumnIndex``, any may be missing) as a Span."""
    end_row = grid.get("endRowIndex")
    end_col = grid.get("endColumnIndex")
    return Span(
        int(grid.get("startRowIndex", 0)),
        None if end_row is None else int(end_row),
        int(grid.get("startColumnIndex", 0)),
        None if end_col is None else int(end_col),
    )


def check_grid(sheet: Sheet, span: Span, text: str) -> tuple[int, int, int, int]:
    """Clamp the span to the grid, or raise Google's "exceeds grid limits"."""
    rows, cols = sheet.row_count, sheet.col_count
    over_rows = (span.end_row is not None and span.end_row > rows) or (
        span.end_row is None and span.start_row >= rows > 0 and span.start_row > 0
    )
    over_cols = (span.end_col is not None and span.end_col > cols) or (
        span.end_col is None and span.start_col >= cols > 0 and span.start_col > 0
    )
    if over_rows or over_cols:
        raise GoogleError(
            400,
            f"Range ({text}) exceeds grid limits. Max rows: {rows}, max columns: {cols}",
        )
    return span.clamp(rows, cols)


# -- rendering ----------------------------------------------------------------------------
def _general(number: float) -> str:
    if number == int(number) and abs(number) < 1e15:
        return str(int(number))
    return (
        format(number, ".15g").upper() if "e" in format(number, ".15g") else format(number, ".15g")
    )


def render_cell(
    value: Cell,
    option: str,
    fmt: dict[str, Any] | None = None,
    date_time: str | None = None,
) -> Any:
    """One cell as the given valueRenderOption shows it (``""`` for an empty cell); ``fmt`` is
    the cell's numberFormat, ``date_time`` the dateTimeRenderOption. A formula not computed
    before (see :func:`sandbox.sheets.compute.compute`) shows its text."""
    if value is None:
        return ""
    if isinstance(value, Formula):
        if option == "FORMULA" or value.value is None:
            return value.text
        value = value.value
        if value is None:
            return ""
    if option == "FORMATTED_VALUE":
        if isinstance(value, str):
            return value
        if isinstance(value, bool):
            return "TRUE" if value else "FALSE"
        if isinstance(value, int | float):
            if fmt is None:
                return _general(float(value)) if isinstance(value, float) else str(value)
            return format_number(value, fmt)
        return str(value)
    if (
        fmt is not None
        and fmt.get("type") in DATE_TYPES
        and isinstance(value, int | float)
        and not isinstance(value, bool)
        and (date_time or "SERIAL_NUMBER").upper() == "FORMATTED_STRING"
    ):
        return format_number(value, fmt)
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return int(value)
    return value


def _render_rows(
    ss: Spreadsheet | None,
    sheet: Sheet,
    sr: int,
    er: int,
    sc: int,
    ec: int,
    option: str,
    date_time: str | None = None,
) -> list[list[Any]]:
    out: list[list[Any]] = []
    formatted = option == "FORMATTED_VALUE"
    computing = option != "FORMULA"
    has_meta = bool(sheet.meta)
    for r, row in enumerate(sheet.rows[sr:er], start=sr):
        seg = row[sc:ec]
        if not has_meta and not any(type(v) is Formula for v in seg):
            if formatted:
                vals = [v if type(v) is str else render_cell(v, option) for v in seg]
            else:
                vals = [render_cell(v, option) if v is not None else "" for v in seg]
        else:
            vals = []
            for c, v in enumerate(seg, start=sc):
                if computing and type(v) is Formula:
                    v = compute(ss, sheet, v)
                fmt = sheet.number_format(r, c) if has_meta else None
                vals.append(render_cell(v, option, fmt, date_time))
        while vals and vals[-1] == "":
            vals.pop()
        out.append(vals)
    while out and not out[-1]:
        out.pop()
    return out


def read_values(
    ss: Spreadsheet,
    text: str,
    major: str | None = None,
    render: str | None = None,
    date_time: str | None = None,
) -> dict[str, Any]:
    """A ValueRange for ``text`` (``range`` and ``majorDimension`` always present)."""
    major = (major or "ROWS").upper()
    render = (render or "FORMATTED_VALUE").upper()
    if major not in ("ROWS", "COLUMNS", "DIMENSION_UNSPECIFIED"):
        raise GoogleError(
            400,
            "Invalid value at 'major_dimension' "
            f'(type.googleapis.com/google.apps.sheets.v4.Dimension), "{major}"',
        )
    if major == "DIMENSION_UNSPECIFIED":
        major = "ROWS"
    if render not in RENDER_OPTIONS:
        raise GoogleError(
            400,
            "Invalid value at 'value_render_option' "
            f'(type.googleapis.com/google.apps.sheets.v4.ValueRenderOption), "{render}"',
        )
    sheet, span, _ = resolve_range(ss, text)
    sr, er, sc, ec = check_grid(sheet, span, text)
    out: dict[str, Any] = {
        "range": format_range(sheet.title, sr, er, sc, ec),
        "majorDimension": major,
    }
    rows = _render_rows(ss, sheet, sr, er, sc, ec, render, date_time)
    if major == "COLUMNS" and rows:
        width = max(len(r) for r in rows)
        cols: list[list[Any]] = []
        for j in range(width):
            col = [r[j] if j < len(r) else "" for r in rows]
            while col and col[-1] == "":
                col.pop()
            cols.append(col)
        rows = cols
    if rows:
        out["values"] = rows
    return out


# -- writing ------------------------------------------------------------------------------
def _parse_user_entered(value: Any) -> Cell:
    if not isinstance(value, str):
        return value  # type: ignore[no-any-return]
    if value == "":
        return None
    if value.startswith("'"):
        return value[1:] or None
    if value.startswith("=") and len(value) > 1:
        return Formula(value)
    stripped = value.strip()
    upper = stripped.upper()
    if upper in ("TRUE", "FALSE"):
        return upper == "TRUE"
    typed = parse_typed(stripped)
    if typed is not None:
        return Typed(*typed)  # type: ignore[return-value]
    if stripped and any(ch.isdigit() for ch in stripped) and _NUMBER.match(stripped):
        percent = stripped.endswith("%")
        plain = stripped.rstrip("%").replace(",", "")
        try:
            if not percent and re.fullmatch(r"[+-]?\d+", plain):
                return int(plain)
            number = float(plain)
        except ValueError:
            return value
        return number / 100 if percent else number
    return value


def _list_value_error(field: str, bad: Any) -> GoogleError:
    shown = json.dumps(bad, ensure_ascii=False)
    message = f"Invalid value at '{field}' (type.googleapis.com/google.protobuf.ListValue), {shown}"
    body = {
        "error": {
            "code": 400,
            "message": message,
            "status": "INVALID_ARGUMENT",
            "details": [
                {
                    "@type": "type.googleapis.com/google.rpc.BadRequest",
                    "fieldViolations": [{"field": field, "description": message}],
                }
            ],
        }
    }
    return GoogleError(400, message, body=body)


def coerce_matrix(
    values: Any, option: str | None, major: str | None, field: str = "data.values"
) -> list[list[Any]]:
    """Validate the written ``values`` and convert them to cells (``_SKIP`` for ``null``);
    ``COLUMNS`` input is transposed to rows."""
    if option is None:
        raise GoogleError(400, "'valueInputOption' is required but not specified")
    option = option.upper()
    if option not in INPUT_OPTIONS:
        raise GoogleError(
            400,
            "Invalid value at 'value_input_option' "
            f'(type.googleapis.com/google.apps.sheets.v4.ValueInputOption), "{option}"',
        )
    if values is None:
        return []
    if not isinstance(values, list):
        raise _list_value_error(field, values)
    raw = option == "RAW"
    matrix: list[list[Any]] = []
    for row in values:
        if not isinstance(row, list):
            raise _list_value_error(field, row)
        if raw:
            if all(type(v) is str and v for v in row):
                matrix.append(list(row))
                continue
            matrix.append(
                [_SKIP if v is None else (None if v == "" else _scalar(v, field)) for v in row]
            )
        else:
            matrix.append(
                [_SKIP if v is None else _parse_user_entered(_scalar(v, field)) for v in row]
            )
    if (major or "ROWS").upper() == "COLUMNS" and matrix:
        height = max(len(c) for c in matrix)
        matrix = [[c[i] if i < len(c) else _SKIP for c in matrix] for i in range(height)]
    return matrix


def _scalar(value: Any, field: str) -> Cell:
    if isinstance(value, str | bool | int | float):
        return value
    raise GoogleError(
        400,
        f"Invalid values[0][0]: {json.dumps(value)}"
        if not isinstance(value, list | dict)
        else f"Invalid value at '{field}' (type.googleapis.com/google.protobuf.ListValue)",
    )


@dataclass
class Touched:
    """What a write touched, for Google's counts: cells (``""`` included, ``null`` not), and
    the distinct rows and columns holding at least one written cell."""

    cells: int = 0
    rows: set[int] | None = None
    cols: set[int] | None = None


def _write(sheet: Sheet, sr: int, sc: int, matrix: list[list[Any]]) -> Touched:
    """Write the block at (sr, sc), skipping nulls; a typed value also sets its cell's
    numberFormat."""
    for i, vals in enumerate(matrix):
        for j, v in enumerate(vals):
            if type(v) is Typed:
                fmt = sheet.cell_meta(sr + i, sc + j).setdefault("userEnteredFormat", {})
                fmt["numberFormat"] = dict(v.fmt)
                vals[j] = v.value
    written = 0
    rows: set[int] = set()
    cols: set[int] = set()
    full_width = 0
    for i, vals in enumerate(matrix):
        if not vals:
            continue
        row = sheet.row(sr + i)
        need = sc + len(vals)
        if len(row) < need:
            row.extend([None] * (need - len(row)))
        if _SKIP not in vals:
            row[sc:need] = [None if v == "" else v for v in vals]
            written += len(vals)
            rows.add(sr + i)
            full_width = max(full_width, len(vals))
            continue
        for j, v in enumerate(vals):
            if v is not _SKIP:
                row[sc + j] = v
                written += 1
                rows.add(sr + i)
                cols.add(sc + j)
    cols.update(range(sc, sc + full_width))
    return Touched(written, rows, cols)


def _extent(matrix: list[list[Any]]) -> tuple[int, int]:
    return len(matrix), max((len(r) for r in matrix), default=0)


@dataclass
class PlannedWrite:
    """A validated values write, not yet applied (so a batch can check all before any)."""

    sheet: Sheet
    span: Span
    text: str
    matrix: list[list[Any]]
    touched: Touched | None = None


def plan_update(
    ss: Spreadsheet,
    text: str,
    values: Any,
    option: str | None,
    major: str | None = None,
    *,
    field: str = "data.values",
    prefix: str = "",
) -> PlannedWrite:
    """Validate a values.update: input option, value matrix, range, and grid limits."""
    matrix = coerce_matrix(values, option, major, field)
    try:
        sheet, span, anchor_only = resolve_range(ss, text)
    except GoogleError as exc:
        raise GoogleError(exc.status, prefix + exc.message) from None
    sr, sc = span.start_row, span.start_col
    height, width = _extent(matrix)
    if not anchor_only:
        if span.end_row is not None and sr + height > span.end_row:
            raise GoogleError(
                400,
                f"{prefix}Requested writing within range [{text}], but tried writing to row "
                f"[{sr + height}]",
            )
        if span.end_col is not None and sc + width > span.end_col:
            raise GoogleError(
                400,
                f"{prefix}Requested writing within range [{text}], but tried writing to column "
                f"[{_col(sc + width - 1)}]",
            )
    rows, cols = sheet.row_count, sheet.col_count
    if sr + max(height, 1) > rows or sc + max(width, 1) > cols:
        raise GoogleError(
            400,
            f"{prefix}Range ({text}) exceeds grid limits. Max rows: {rows}, max columns: {cols}",
        )
    return PlannedWrite(sheet, span, text, matrix)


def apply_update(
    ss: Spreadsheet,
    plan: PlannedWrite,
    *,
    include_values: bool = False,
    render: str | None = None,
) -> dict[str, Any]:
    """Write a planned update; returns the UpdateValuesResponse."""
    sheet, span, matrix = plan.sheet, plan.span, plan.matrix
    sr, sc = span.start_row, span.start_col
    height, width = _extent(matrix)
    out: dict[str, Any] = {"spreadsheetId": ss.id}
    if height == 0 or width == 0:
        esr, eer, esc, eec = span.clamp(sheet.row_count, sheet.col_count)
        out["updatedRange"] = format_range(sheet.title, esr, eer, esc, eec)
        return out
    touched = _write(sheet, sr, sc, matrix)
    plan.touched = touched
    updated = format_range(sheet.title, sr, sr + height, sc, sc + width)
    out.update(
        {
            "updatedRange": updated,
            "updatedRows": len(touched.rows or ()),
            "updatedColumns": len(touched.cols or ()),
            "updatedCells": touched.cells,
        }
    )
    if include_values:
        out["updatedData"] = read_values(ss, updated, "ROWS", render)
    return out


def update_values(
    ss: Spreadsheet,
    text: str,
    values: Any,
    option: str | None,
    major: str | None = None,
    *,
    include_values: bool = False,
    render: str | None = None,
) -> dict[str, Any]:
    """values.update: write from the range's top-left (a single cell is only an anchor)."""
    plan = plan_update(ss, text, values, option, major)
    return apply_update(ss, plan, include_values=include_values, render=render)


def _col(index: int) -> str:
    from .a1 import col_letters

    return col_letters(index)


def _row_has_data(row: list[Cell], sc: int, ec: int) -> bool:
    return any(v is not None for v in row[sc:ec])


def _runs(row: list[Cell], sc: int, ec: int) -> list[tuple[int, int]]:
    """The runs of consecutive filled cells of ``row`` within columns [sc, ec)."""
    out: list[tuple[int, int]] = []
    start = None
    end = min(ec, len(row))
    for c in range(sc, end):
        if row[c] is not None:
            if start is None:
                start = c
        elif start is not None:
            out.append((start, c))
            start = None
    if start is not None:
        out.append((start, end))
    return out


def _find_table(
    rows: list[list[Cell]], sr: int, er: int, sc: int, ec: int
) -> tuple[int, int, int, int] | None:
    """The table Google's values.append finds in a range: the block of filled cells that holds
    the last run of the last row with data, grown upwards through the rows whose runs touch
    its columns. After row 1 ``["v1", "", "v3"]`` that is C1, as Google answers (recorded in
    gspread's ``test_append_row_with_empty_value``), not A1:C1."""
    last = er - 1
    while last >= sr and not _runs(rows[last], sc, ec):
        last -= 1
    if last < sr:
        return None
    c0, c1 = _runs(rows[last], sc, ec)[-1]
    first = last
    while first - 1 >= sr:
        touching = [(a, b) for a, b in _runs(rows[first - 1], sc, ec) if a < c1 and b > c0]
        if not touching:
            break
        c0 = min(c0, touching[0][0])
        c1 = max(c1, touching[-1][1])
        first -= 1
    return (first, last + 1, c0, c1)


def append_values(
    ss: Spreadsheet,
    text: str,
    values: Any,
    option: str | None,
    *,
    insert: str | None = None,
    major: str | None = None,
    include_values: bool = False,
    render: str | None = None,
) -> dict[str, Any]:
    """values.append: find the table in the range, write after its last row; grows the grid."""
    matrix = coerce_matrix(values, option, major)
    insert = (insert or "OVERWRITE").upper()
    if insert not in ("OVERWRITE", "INSERT_ROWS"):
        raise GoogleError(
            400,
            "Invalid value at 'insert_data_option' "
            f'(type.googleapis.com/google.apps.sheets.v4.InsertDataOption), "{insert}"',
        )
    sheet, span, anchor_only = resolve_range(ss, text)
    sr, er, sc, ec = check_grid(sheet, span, text)
    rows = sheet.rows
    table: tuple[int, int, int, int] | None = None
    if anchor_only:
        # A single cell: the table starts there, as wide as the run of filled cells to its
        # right, and as long as the rows below have something in those columns.
        if sheet.get(sr, sc) is not None:
            width = 1
            while sheet.get(sr, sc + width) is not None:
                width += 1
            last = sr
            while last + 1 < len(rows) and _row_has_data(rows[last + 1], sc, sc + width):
                last += 1
            table = (sr, last + 1, sc, sc + width)
    else:
        table = _find_table(rows, sr, min(er, len(rows)), sc, ec)
    if table is None:
        target_row, target_col = sr, sc
    else:
        target_row, target_col = table[1], table[2]
    height, width = _extent(matrix)
    out: dict[str, Any] = {"spreadsheetId": ss.id}
    if table is not None:
        out["tableRange"] = format_range(sheet.title, *table)
    if height and width:
        if insert == "INSERT_ROWS":
            if target_row < len(rows):
                rows[target_row:target_row] = [[] for _ in range(height)]
            sheet.grid["rowCount"] = sheet.row_count + height
            _shift_ranges(sheet, "ROWS", target_row, height)
        elif target_row + height > sheet.row_count:
            sheet.grid["rowCount"] = target_row + height
        if target_col + width > sheet.col_count:
            sheet.grid["columnCount"] = target_col + width
        written = _write(sheet, target_row, target_col, matrix).cells
        updated = format_range(
            sheet.title, target_row, target_row + height, target_col, target_col + width
        )
        updates: dict[str, Any] = {
            "spreadsheetId": ss.id,
            "updatedRange": updated,
            "updatedRows": height,
            "updatedColumns": width,
            "updatedCells": written,
        }
        if include_values:
            updates["updatedData"] = read_values(ss, updated, "ROWS", render)
    else:
        updates = {
            "spreadsheetId": ss.id,
            "updatedRange": format_range(
                sheet.title, target_row, target_row + 1, target_col, target_col + 1
            ),
        }
    out["updates"] = updates
    return out


def _shift_ranges(sheet: Sheet, dimension: str, at: int, count: int) -> None:
    """Move merges, notes, formats and dimension properties at or below ``at`` by ``count``
    (negative: deleted) rows or columns."""
    sheet.shift_meta(dimension, at, count)
    start_key, end_key = (
        ("startRowIndex", "endRowIndex")
        if dimension == "ROWS"
        else ("startColumnIndex", "endColumnIndex")
    )
    kept = []
    for merge in sheet.merges:
        start, end = merge.get(start_key, 0), merge.get(end_key, 0)
        if count < 0 and at <= start and end <= at - count:
            continue  # the merge was deleted with its rows
        if start >= at:
            merge[start_key] = max(at, start + count)
        if end > at:
            merge[end_key] = max(at, end + count)
        if merge.get(end_key, 0) - merge.get(start_key, 0) > 0:
            kept.append(merge)
    sheet.merges = kept


def clear_values(ss: Spreadsheet, text: str, prefix: str = "") -> tuple[str, Sheet]:
    """values.clear: clear values (not formats); returns the clamped range Google echoes."""
    try:
        sheet, span, _ = resolve_range(ss, text)
        sr, er, sc, ec = check_grid(sheet, span, text)
    except GoogleError as exc:
        raise GoogleError(exc.status, prefix + exc.message) from None
    sheet.clear_block(sr, er, sc, ec)
    return format_range(sheet.title, sr, er, sc, ec), sheet
