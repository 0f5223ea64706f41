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
sheet if necessary"). Columns are not grown: a row wider than the grid is refused. Values,
``note`` and ``userEnteredFormat`` are stored (the mask decides which, down to sub-fields such
as ``userEnteredFormat(backgroundColor)``) and come back in grid data; a note or a format is not
data for appendCells. Other CellData fields (validation, hyperlinks, ...) are accepted, dropped.
"""

from __future__ import annotations

import copy
import re
from typing import Any

from .compute import compute
from .errors import GoogleError
from .model import Cell, Formula, Sheet, Spreadsheet
from .values import check_grid, render_cell, resolve_range

__all__ = [
    "CellRequestError",
    "append_cells",
    "cell_fields_kept",
    "dimension_metadata",
    "grid_data",
    "last_data_row",
    "repeat_cell",
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
_CELL_META = ("note", "userEnteredFormat")
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
        from .app import parse_field_mask

        self.tree: dict[str, Any] = parse_field_mask(text)
        roots: set[str] = set()
        for part in _top_level(text):
            part = part.strip()
            if not part:
                continue
            if part == "*":
                roots |= _CELL_WRITABLE
                self.tree = {k: {"*": True} for k in _CELL_WRITABLE}
                continue
            root = re.split(r"[./(]", part, maxsplit=1)[0]
            if root in _CELL_READ_ONLY:
                raise CellRequestError(f"Invalid field mask: '{part}' is read-only.")
            if root not in _CELL_WRITABLE:
                raise CellRequestError(f"Invalid field mask: unknown field '{part}' of CellData.")
            roots.add(root)
        self.values = "userEnteredValue" in roots
        self.meta = {k: self.tree[k] for k in _CELL_META if k in self.tree}


def _top_level(text: str) -> list[str]:
    """The comma-separated parts of a mask, commas inside parentheses kept."""
    parts: list[str] = []
    depth = 0
    current = ""
    for ch in text:
        if ch == "," and depth == 0:
            parts.append(current)
            current = ""
            continue
        depth += ch == "("
        depth -= ch == ")"
        current += ch
    parts.append(current)
    return parts


def _with_styles(fmt: dict[str, Any]) -> dict[str, Any]:
    """Google answers each colour of a userEnteredFormat with its ``...Style`` twin too."""
    if "backgroundColor" in fmt and "backgroundColorStyle" not in fmt:
        fmt["backgroundColorStyle"] = {"rgbColor": copy.deepcopy(fmt["backgroundColor"])}
    text = fmt.get("textFormat")
    if isinstance(text, dict) and "foregroundColor" in text:
        text.setdefault(
            "foregroundColorStyle", {"rgbColor": copy.deepcopy(text["foregroundColor"])}
        )
    return fmt


def _masked(target: dict[str, Any], key: str, source: dict[str, Any], tree: dict[str, Any]) -> None:
    """Set (or clear, when ``source`` lacks it) ``target[key]`` where the mask ``tree`` says."""
    if tree.get("*") or not tree:
        if key in source and source[key] not in (None, "", {}):
            target[key] = copy.deepcopy(source[key])
        else:
            target.pop(key, None)
        return
    found = source.get(key)
    inner_source: dict[str, Any] = found if isinstance(found, dict) else {}
    inner = target.setdefault(key, {})
    if not isinstance(inner, dict):
        inner = target[key] = {}
    for sub, subtree in tree.items():
        _masked(inner, sub, inner_source, subtree)
    if not inner:
        target.pop(key, None)


def apply_cell_meta(sheet: Sheet, r: int, c: int, cell: dict[str, Any], mask: _Mask) -> None:
    """Store the note and userEnteredFormat of one CellData where the mask selects them."""
    if not mask.meta:
        return
    meta = sheet.meta.get((r, c), {})
    for key, tree in mask.meta.items():
        _masked(meta, key, cell, tree)
    if "userEnteredFormat" in meta:
        _with_styles(meta["userEnteredFormat"])
    if meta:
        sheet.meta[(r, c)] = meta
    else:
        sheet.meta.pop((r, c), None)


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


def _raw_cells(req: dict[str, Any]) -> list[list[dict[str, Any]]]:
    """The request's rows as CellData dicts (already validated by :func:`_rows`)."""
    return [
        [c if isinstance(c, dict) else {} for c in (row.get("values") or [])]
        for row in (req.get("rows") or [])
    ]


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
        if mask.meta:
            raw = _raw_cells(req)
            stored = {key for key in sheet.meta if sr <= key[0] < er and sc <= key[1] < ec}
            for i, cells in enumerate(raw):
                for j, cell in enumerate(cells):
                    apply_cell_meta(sheet, sr + i, sc + j, cell, mask)
                    stored.discard((sr + i, sc + j))
            for r, c in stored:
                apply_cell_meta(sheet, r, c, {}, mask)
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
    if mask.meta:
        for i, cells in enumerate(_raw_cells(req)):
            for j, cell in enumerate(cells):
                apply_cell_meta(sheet, sr + i, sc + j, cell, mask)


def repeat_cell(ss: Spreadsheet, req: dict[str, Any], path: str) -> None:
    """One RepeatCellRequest: the one CellData over every cell of the range (masked)."""
    _unknown(req, {"range", "cell", "fields"}, path)
    mask = _Mask(req.get("fields"))
    grid = _obj(req.get("range"), f"{path}.range")
    _unknown(grid, _GRID_RANGE, f"{path}.range")
    sheet = _sheet(ss, grid.get("sheetId"), f"{path}.range")
    sr = _int(grid.get("startRowIndex", 0), f"{path}.range.start_row_index")
    sc = _int(grid.get("startColumnIndex", 0), f"{path}.range.start_column_index")
    er = _int(grid.get("endRowIndex", sheet.row_count), f"{path}.range.end_row_index")
    ec = _int(grid.get("endColumnIndex", sheet.col_count), f"{path}.range.end_column_index")
    if sr < 0 or sc < 0 or er < sr or ec < sc:
        raise CellRequestError("Invalid range: start index must not exceed end index.")
    if er > sheet.row_count or ec > sheet.col_count:
        raise _exceeds(sheet, max(er, 1) - 1, max(ec, 1) - 1)
    has_value, value = _cell(req.get("cell"), f"{path}.cell")
    cell = _obj(req.get("cell"), f"{path}.cell")
    for r in range(sr, er):
        for c in range(sc, ec):
            if mask.values:
                sheet.set(r, c, value if has_value else None)
            apply_cell_meta(sheet, r, c, cell, mask)


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


def _cell_data(
    value: Cell,
    keep: frozenset[str] | None = None,
    meta: dict[str, Any] | None = None,
    ss: Spreadsheet | None = None,
    sheet: Sheet | None = None,
) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if meta:
        out.update(copy.deepcopy(meta))
    if value is None:
        return out
    fmt = (meta or {}).get("userEnteredFormat", {}).get("numberFormat")
    shown: Cell = value
    if isinstance(value, Formula) and sheet is not None:
        shown = compute(ss, sheet, value)
    if keep is not None and keep <= {"formattedValue", "note"}:  # the common masks, made cheap
        if "formattedValue" in keep:
            out["formattedValue"] = render_cell(shown, "FORMATTED_VALUE", fmt)
        return out
    if isinstance(value, Formula):
        computed = shown if not isinstance(shown, Formula) else value.text
        out.update(
            {
                "userEnteredValue": {"formulaValue": value.text},
                "effectiveValue": _extended_out(computed),
                "formattedValue": render_cell(shown, "FORMATTED_VALUE", fmt),
            }
        )
        return out
    out.update(
        {
            "userEnteredValue": _extended_out(value),
            "effectiveValue": _extended_out(value),
            "formattedValue": render_cell(value, "FORMATTED_VALUE", fmt),
        }
    )
    return out


DEFAULT_PIXELS = {"ROWS": 21, "COLUMNS": 100}


def dimension_metadata(sheet: Sheet, dimension: str, start: int, end: int) -> list[dict[str, Any]]:
    """The DimensionProperties of rows or columns [start, end), as GridData carries them."""
    table = sheet.dims.get(dimension, {})
    default = DEFAULT_PIXELS[dimension]
    return [{"pixelSize": default, **table.get(i, {})} for i in range(start, end)]


def grid_data(
    sheet: Sheet,
    sr: int,
    er: int,
    sc: int,
    ec: int,
    keep: frozenset[str] | None = None,
    *,
    ss: Spreadsheet | None = None,
    dims: frozenset[str] = frozenset(),
) -> dict[str, Any]:
    """One GridData block; empty cells are ``{}`` (trimmed later by :func:`trim_grid`).
    ``keep``: the CellData fields the mask will keep (None: all); ``dims``: which of
    ``rowMetadata``/``columnMetadata`` to add."""
    rows = []
    if not sheet.meta:
        for row in sheet.rows[sr:er]:
            rows.append({"values": [_cell_data(v, keep, None, ss, sheet) for v in row[sc:ec]]})
    else:
        last_row = max(len(sheet.rows), *(r + 1 for r, _ in sheet.meta))
        last_col = max(c + 1 for _, c in sheet.meta)
        for r in range(sr, min(er, last_row)):
            row = sheet.rows[r] if r < len(sheet.rows) else []
            width = min(ec, max(len(row), last_col))
            rows.append(
                {
                    "values": [
                        _cell_data(
                            row[c] if c < len(row) else None,
                            keep,
                            sheet.meta.get((r, c)),
                            ss,
                            sheet,
                        )
                        for c in range(sc, width)
                    ]
                }
            )
    out: dict[str, Any] = {"rowData": rows}
    if sr:
        out["startRow"] = sr
    if sc:
        out["startColumn"] = sc
    if "rowMetadata" in dims:
        out["rowMetadata"] = dimension_metadata(sheet, "ROWS", sr, er)
    if "columnMetadata" in dims:
        out["columnMetadata"] = dimension_metadata(sheet, "COLUMNS", sc, ec)
    return out


def sheets_with_data(
    ss: Spreadsheet,
    ranges: list[str],
    include_grid: bool,
    keep: frozenset[str] | None = None,
    dims: frozenset[str] = frozenset(),
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
            item["data"] = [grid_data(sheet, *box, keep=keep, ss=ss, dims=dims) for box in boxes]
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
