"""Cell-level requests: updateCells and appendCells, and grid data for spreadsheets.get.

Google parses these bodies strictly, and so does the stand-in:

* an unknown key anywhere in a request, RowData, CellData, ExtendedValue, GridRange or
  GridCoordinate is a 400 ``Invalid JSON payload received. Unknown name "x" at '…'``;
* ``ExtendedValue`` is a oneof: exactly one of ``numberValue``, ``stringValue``, ``boolValue``,
  ``formulaValue`` (``errorValue`` is read-only), each of its JSON type (a number may come as a
  numeric string, as proto3 JSON allows);
* ``fields`` (a mask over CellData) is required; read-only fields may not be in it;
* updateCells takes exactly one of ``range`` (GridRange: cells of the range the rows do not
  cover have the masked fields *cleared*) or ``start`` (GridCoordinate: only the given cells);
  a row or column past the range, or any cell past the grid, is refused;
* ``sheetId`` is an int32 that proto3 omits when 0: a missing one means sheet 0.

appendCells writes after **the last row with data in the sheet** (any column, any value or
formula; blank rows in between do not matter, unlike values.append's table detection), from
column A, growing the grid by as many rows as it needs (Google: "inserting new rows into the
sheet if necessary"). Columns are not grown: a row wider than the grid is refused. Only values
are stored; formats, notes and validation in a masked field are accepted and dropped (as the
formatting requests are, see :mod:`sandbox.sheets.batch`), so they do not count as data.
"""

from __future__ import annotations

import re
from typing import Any

from .errors import GoogleError
from .model import Cell, Formula, Sheet, Spreadsheet
from .values import check_grid, render_cell, resolve_range

__all__ = [
    "CellRequestError",
    "append_cells",
    "cell_fields_kept",
    "grid_data",
    "last_data_row",
    "sheets_with_data",
    "trim_grid",
    "update_cells",
]

_VALUE_KINDS = {"numberValue", "stringValue", "boolValue", "formulaValue", "errorValue"}
_CELL_WRITABLE = {
    "userEnteredValue",
    "userEnteredFormat",
    "note",
    "textFormatRuns",
    "dataValidation",
    "pivotTable",
    "dataSourceTable",
    "chipRuns",
    "hyperlink",
}
_CELL_READ_ONLY = {"effectiveValue", "formattedValue", "effectiveFormat", "dataSourceFormula"}
_GRID_RANGE = {"sheetId", "startRowIndex", "endRowIndex", "startColumnIndex", "endColumnIndex"}
_GRID_COORD = {"sheetId", "rowIndex", "columnIndex"}


class CellRequestError(Exception):
    """A request-level error; the batch prefixes it with ``Invalid requests[i].<kind>: ``."""


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def _unknown(obj: dict[str, Any], allowed: set[str], path: str) -> None:
    for key in obj:
        if key not in allowed:
            raise GoogleError(
                400,
                f"Invalid JSON payload received. Unknown name \"{key}\" at '{path}': "
                "Cannot find field.",
            )


def _obj(value: Any, path: str) -> dict[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise GoogleError(
            400, f"Invalid JSON payload received. Expected an object at '{path}', got {value!r}."
        )
    return value


def _list(value: Any, path: str) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise GoogleError(
            400,
            f"Invalid JSON payload received. Expected a list at '{path}', "
            f"got {type(value).__name__}.",
        )
    return value


def _int(value: Any, path: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise GoogleError(400, f"Invalid value at '{path}' (TYPE_INT32), {value!r}")
    try:
        return int(value)
    except ValueError:
        raise GoogleError(400, f"Invalid value at '{path}' (TYPE_INT32), \"{value}\"") from None


def _extended(value: Any, path: str) -> Cell:
    """An ExtendedValue as the stand-in stores it."""
    ev = _obj(value, path)
    _unknown(ev, _VALUE_KINDS, path)
    if len(ev) > 1:
        second = list(ev)[1]
        raise GoogleError(
            400,
            f"Invalid value at '{path}' (oneof), oneof field 'value' is already set. "
            f"Cannot set '{second}'",
        )
    if not ev:
        return None
    kind, raw = next(iter(ev.items()))
    where = f"{path}.{_snake(kind)}"
    if kind == "stringValue":
        if not isinstance(raw, str):
            raise GoogleError(400, f"Invalid value at '{where}' (TYPE_STRING), {raw!r}")
        return raw or None
    if kind == "formulaValue":
        if not isinstance(raw, str):
            raise GoogleError(400, f"Invalid value at '{where}' (TYPE_STRING), {raw!r}")
        return Formula(raw) if raw else None
    if kind == "numberValue":
        if isinstance(raw, bool) or not isinstance(raw, int | float | str):
            raise GoogleError(400, f"Invalid value at '{where}' (TYPE_DOUBLE), {raw!r}")
        try:
            number = float(raw)
        except ValueError:
            raise GoogleError(400, f"Invalid value at '{where}' (TYPE_DOUBLE), \"{raw}\"") from None
        return int(number) if number.is_integer() and abs(number) < 1e15 else number
    if kind == "boolValue":
        if not isinstance(raw, bool):
            raise GoogleError(400, f"Invalid value at '{where}' (TYPE_BOOL), {raw!r}")
        return raw
    raise CellRequestError("errorValue is read-only and cannot be written.")


class _Mask:
    """A ``fields`` mask over CellData; only ``userEnteredValue`` reaches the stored value."""

    def __init__(self, text: Any) -> None:
        if not isinstance(text, str) or not text.strip():
            raise CellRequestError(
                "At least one field must be specified in 'fields'. The root is the CellData; "
                "'row.values.' should not be specified."
            )
        roots: set[str] = set()
        for part in text.split(","):
            part = part.strip()
            if not part:
                continue
            if part == "*":
                roots |= _CELL_WRITABLE
                continue
            root = re.split(r"[./(]", part, maxsplit=1)[0]
            if root in _CELL_READ_ONLY:
                raise CellRequestError(f"Invalid field mask: '{part}' is read-only.")
            if root not in _CELL_WRITABLE:
                raise CellRequestError(f"Invalid field mask: unknown field '{part}' of CellData.")
            roots.add(root)
        self.values = "userEnteredValue" in roots


def _cell(data: Any, path: str) -> tuple[bool, Cell]:
    """(has a userEnteredValue key, the value) of one CellData."""
    cell = _obj(data, path)
    _unknown(cell, _CELL_WRITABLE | _CELL_READ_ONLY, path)
    if "userEnteredValue" not in cell:
        return False, None
    return True, _extended(cell["userEnteredValue"], f"{path}.user_entered_value")


def _rows(req: dict[str, Any], path: str) -> list[list[Cell]]:
    """The request's ``rows`` as value lists (a cell without a value is ``None``)."""
    out: list[list[Cell]] = []
    for i, row in enumerate(_list(req.get("rows"), f"{path}.rows")):
        row_path = f"{path}.rows[{i}]"
        row_obj = _obj(row, row_path)
        _unknown(row_obj, {"values"}, row_path)
        cells = _list(row_obj.get("values"), f"{row_path}.values")
        out.append([_cell(c, f"{row_path}.values[{j}]")[1] for j, c in enumerate(cells)])
    return out


def _sheet(ss: Spreadsheet, sheet_id: Any, path: str) -> Sheet:
    sid = _int(sheet_id if sheet_id is not None else 0, f"{path}.sheet_id")
    sheet = ss.find_id(sid)
    if sheet is None:
        raise CellRequestError(f"No grid with id: {sid}")
    return sheet


def _exceeds(sheet: Sheet, r: int, c: int) -> CellRequestError:
    from .a1 import cell_name

    return CellRequestError(
        f"Range ('{sheet.title}'!{cell_name(r, c)}) exceeds grid limits. "
        f"Max rows: {sheet.row_count}, max columns: {sheet.col_count}"
    )


def update_cells(ss: Spreadsheet, req: dict[str, Any], path: str) -> None:
    """One UpdateCellsRequest, applied to ``ss`` (a clone inside an atomic batch)."""
    _unknown(req, {"rows", "fields", "range", "start"}, path)
    if "range" in req and "start" in req:
        raise GoogleError(
            400,
            f"Invalid value at '{path}' (oneof), oneof field 'area' is already set. "
            "Cannot set 'start'",
        )
    if "range" not in req and "start" not in req:
        raise CellRequestError("Either 'start' or 'range' must be specified.")
    mask = _Mask(req.get("fields"))
    rows = _rows(req, path)
    if "range" in req:
        grid = _obj(req["range"], f"{path}.range")
        _unknown(grid, _GRID_RANGE, f"{path}.range")
        sheet = _sheet(ss, grid.get("sheetId"), f"{path}.range")
        ints = {k: _int(v, f"{path}.range.{_snake(k)}") for k, v in grid.items() if k != "sheetId"}
        sr = ints.get("startRowIndex", 0)
        sc = ints.get("startColumnIndex", 0)
        er = ints.get("endRowIndex", sheet.row_count)
        ec = ints.get("endColumnIndex", sheet.col_count)
        if sr < 0 or sc < 0 or er < sr or ec < sc:
            raise CellRequestError("Invalid range: start index must not exceed end index.")
        if er > sheet.row_count or ec > sheet.col_count:
            raise _exceeds(sheet, max(er, 1) - 1, max(ec, 1) - 1)
        for i, values in enumerate(rows):
            if sr + i >= er:
                raise CellRequestError(
                    f"Attempting to write row: {sr + i}, beyond the last requested row of: {er - 1}"
                )
            if sc + len(values) > ec:
                raise CellRequestError(
                    f"Attempting to write column: {sc + len(values) - 1}, beyond the last "
                    f"requested column of: {ec - 1}"
                )
        if mask.values:
            # Cells of the range the rows do not cover lose the masked fields.
            for r in range(sr, min(er, max(len(sheet.rows), sr + len(rows)))):
                values = rows[r - sr] if r - sr < len(rows) else []
                for c in range(sc, ec):
                    j = c - sc
                    sheet.set(r, c, values[j] if j < len(values) else None)
        return
    start = _obj(req["start"], f"{path}.start")
    _unknown(start, _GRID_COORD, f"{path}.start")
    sheet = _sheet(ss, start.get("sheetId"), f"{path}.start")
    sr = _int(start.get("rowIndex", 0), f"{path}.start.row_index")
    sc = _int(start.get("columnIndex", 0), f"{path}.start.column_index")
    if sr < 0 or sc < 0:
        raise CellRequestError("Invalid start: indexes must not be negative.")
    for i, values in enumerate(rows):
        if values and (sr + i >= sheet.row_count or sc + len(values) > sheet.col_count):
            raise _exceeds(sheet, sr + i, sc + len(values) - 1)
        if mask.values:
            for j, value in enumerate(values):
                sheet.set(sr + i, sc + j, value)


def last_data_row(sheet: Sheet) -> int:
    """0-based index of the last row holding any value in any column; -1 for an empty sheet."""
    for r in range(len(sheet.rows) - 1, -1, -1):
        if any(v is not None for v in sheet.rows[r]):
            return r
    return -1


def append_cells(ss: Spreadsheet, req: dict[str, Any], path: str) -> None:
    """One AppendCellsRequest: the rows go after the sheet's last row with data, from A."""
    _unknown(req, {"sheetId", "rows", "fields", "tableId"}, path)
    if "tableId" in req:
        raise CellRequestError("the sandbox does not support tables (tableId).")
    sheet = _sheet(ss, req.get("sheetId"), path)
    mask = _Mask(req.get("fields"))
    rows = _rows(req, path)
    first = last_data_row(sheet) + 1
    for values in rows:
        if len(values) > sheet.col_count:
            raise _exceeds(sheet, first, len(values) - 1)
    if first + len(rows) > sheet.row_count:
        sheet.grid["rowCount"] = first + len(rows)
    for i, values in enumerate(rows):
        if mask.values:
            for j, value in enumerate(values):
                sheet.set(first + i, j, value)


# -- grid data (spreadsheets.get with includeGridData or a ``data`` field mask) --------------
def _extended_out(value: Cell) -> dict[str, Any]:
    if isinstance(value, bool):
        return {"boolValue": value}
    if isinstance(value, int | float):
        return {"numberValue": value}
    return {"stringValue": str(value)}


def _cell_data(value: Cell, keep: frozenset[str] | None = None) -> dict[str, Any]:
    if value is None:
        return {}
    if keep is not None and keep <= {"formattedValue"}:  # the common mask, made cheap
        return {"formattedValue": render_cell(value, "FORMATTED_VALUE")} if keep else {}
    if isinstance(value, Formula):
        shown = value.value if value.value is not None else value.text
        return {
            "userEnteredValue": {"formulaValue": value.text},
            "effectiveValue": _extended_out(shown),
            "formattedValue": render_cell(value, "FORMATTED_VALUE"),
        }
    return {
        "userEnteredValue": _extended_out(value),
        "effectiveValue": _extended_out(value),
        "formattedValue": render_cell(value, "FORMATTED_VALUE"),
    }


def grid_data(
    sheet: Sheet, sr: int, er: int, sc: int, ec: int, keep: frozenset[str] | None = None
) -> dict[str, Any]:
    """One GridData block; empty cells are ``{}`` (trimmed later by :func:`trim_grid`).
    ``keep``: the CellData fields the mask will keep (None: all)."""
    rows = []
    for row in sheet.rows[sr:er]:
        rows.append({"values": [_cell_data(v, keep) for v in row[sc:ec]]})
    out: dict[str, Any] = {"rowData": rows}
    if sr:
        out["startRow"] = sr
    if sc:
        out["startColumn"] = sc
    return out


def sheets_with_data(
    ss: Spreadsheet, ranges: list[str], include_grid: bool, keep: frozenset[str] | None = None
) -> list[dict[str, Any]]:
    """``sheets`` of a spreadsheets.get: only the sheets the ranges touch (all without
    ranges), in spreadsheet order; with grid data one GridData per range, in request order."""
    wanted: dict[int, list[tuple[int, int, int, int]]] = {}
    for text in ranges:
        sheet, span, _ = resolve_range(ss, text)
        wanted.setdefault(sheet.sheet_id, []).append(check_grid(sheet, span, text))
    out: list[dict[str, Any]] = []
    for sheet in ss.sheets:
        if ranges and sheet.sheet_id not in wanted:
            continue
        item = sheet.metadata()
        if include_grid:
            boxes = wanted.get(sheet.sheet_id) or [(0, sheet.row_count, 0, sheet.col_count)]
            item["data"] = [grid_data(sheet, *box, keep=keep) for box in boxes]
        out.append(item)
    return out


def cell_fields_kept(tree: dict[str, Any] | None) -> frozenset[str] | None:
    """The CellData fields a parsed field mask keeps (None: all of them)."""
    node: Any = tree
    for key in ("sheets", "data", "rowData", "values"):
        if not isinstance(node, dict) or node.get("*"):
            return None
        node = node.get(key)
        if node is None:
            return frozenset()
    if not isinstance(node, dict) or node.get("*"):
        return None
    return frozenset(node)


def trim_grid(answer: Any) -> Any:
    """Drop what Google leaves out after the field mask: trailing empty cells and rows,
    and ``values``/``rowData`` that end up empty."""
    for sheet in answer.get("sheets", []) if isinstance(answer, dict) else []:
        for block in sheet.get("data", []) if isinstance(sheet, dict) else []:
            rows = block.get("rowData")
            if not isinstance(rows, list):
                continue
            for row in rows:
                values = row.get("values")
                if isinstance(values, list):
                    while values and not values[-1]:
                        values.pop()
                    if not values:
                        row.pop("values")
            while rows and not rows[-1]:
                rows.pop()
            if not rows:
                block.pop("rowData")
    return answer
