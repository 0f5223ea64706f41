"""spreadsheets.batchUpdate: the structural requests gspread sends (sheets-api.md §4).

Cell requests (updateCells, appendCells) are parsed as strictly as Google does, see
:mod:`sandbox.sheets.cells`. A batch is atomic, as on Google: requests are applied to a clone of
the spreadsheet, which replaces the original only when every request succeeded. Errors read
``Invalid requests[i].<kind>: <message>``. repeatCell (formats, notes, values),
updateDimensionProperties and autoResizeDimensions are stored and come back in grid data; the
other formatting requests (borders, conditional formats, ...) are validated and acknowledged
but not stored; a kind the stand-in does not know fails loudly.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from .cells import CellRequestError, append_cells, repeat_cell, update_cells
from .errors import GoogleError
from .model import Cell, Formula, Sheet, Spreadsheet, Store, new_sheet_props, wire_ranges
from .values import _shift_ranges

__all__ = ["batch_update"]

Handler = Callable[[Store, Spreadsheet, dict[str, Any]], dict[str, Any] | None]

_ACKNOWLEDGED = {
    "updateBorders",
    "addConditionalFormatRule",
    "updateConditionalFormatRule",
    "deleteConditionalFormatRule",
    "setBasicFilter",
    "clearBasicFilter",
    "updateEmbeddedObjectPosition",
    "textToColumns",
    "trimWhitespace",
}


class _Invalid(Exception):
    """A request-level error; the batch prefixes it with the request's index and kind."""


def _sheet(ss: Spreadsheet, sheet_id: Any) -> Sheet:
    sheet = ss.find_id(int(sheet_id or 0))
    if sheet is None:
        raise _Invalid(f"No grid with id: {int(sheet_id or 0)}")
    return sheet


def _grid(ss: Spreadsheet, grid: dict[str, Any]) -> tuple[Sheet, int, int, int, int]:
    sheet = _sheet(ss, grid.get("sheetId", 0))
    sr = int(grid.get("startRowIndex", 0))
    sc = int(grid.get("startColumnIndex", 0))
    er = int(grid.get("endRowIndex", sheet.row_count))
    ec = int(grid.get("endColumnIndex", sheet.col_count))
    if sr < 0 or sc < 0 or er < sr or ec < sc:
        raise _Invalid("Invalid range: start index must not exceed end index.")
    if er > sheet.row_count or ec > sheet.col_count:
        raise _Invalid(
            f"Range ({sheet.title}!{_a1(sr, sc)}:{_a1(er - 1, ec - 1)}) exceeds grid limits. "
            f"Max rows: {sheet.row_count}, max columns: {sheet.col_count}"
        )
    return sheet, sr, er, sc, ec


def _a1(r: int, c: int) -> str:
    from .a1 import cell_name

    return cell_name(r, c)


def _fields(mask: str | None, given: dict[str, Any]) -> list[list[str]]:
    if not mask:
        raise _Invalid("At least one field must be updated. Specify the fields to update.")
    paths: list[list[str]] = []
    for part in mask.split(","):
        part = part.strip()
        if not part:
            continue
        if part == "*":
            paths.extend([[k] for k in given])
            continue
        paths.append(part.replace("/", ".").split("."))
    return paths


def _apply_mask(target: dict[str, Any], given: dict[str, Any], paths: list[list[str]]) -> None:
    for path in paths:
        src: Any = given
        dst = target
        for key in path[:-1]:
            src = src.get(key, {}) if isinstance(src, dict) else {}
            dst = dst.setdefault(key, {})
        leaf = path[-1]
        if isinstance(src, dict) and leaf in src:
            dst[leaf] = copy.deepcopy(src[leaf])
        else:
            dst.pop(leaf, None)


def _unique_title(ss: Spreadsheet, title: str, exclude: Sheet | None = None) -> None:
    for sheet in ss.sheets:
        if sheet is not exclude and sheet.title.lower() == title.lower():
            raise _Invalid(
                f'A sheet with the name "{title}" already exists. Please enter another name.'
            )


def _add_sheet(store: Store, ss: Spreadsheet, req: dict[str, Any]) -> dict[str, Any]:
    props = copy.deepcopy(req.get("properties") or {})
    if "title" not in props:
        n = len(ss.sheets) + 1
        while ss.find_title(f"Sheet{n}"):
            n += 1
        props["title"] = f"Sheet{n}"
    _unique_title(ss, props["title"])
    if "sheetId" in props:
        if ss.find_id(int(props["sheetId"])) is not None:
            raise _Invalid(f"A sheet with the id {props['sheetId']} already exists.")
        sheet_id = int(props["sheetId"])
    else:
        sheet_id = store.new_sheet_id(ss)
    grid = props.get("gridProperties") or {}
    full = new_sheet_props(
        sheet_id,
        props["title"],
        len(ss.sheets),
        int(grid.get("rowCount", 1000)),
        int(grid.get("columnCount", 26)),
    )
    for key in ("frozenRowCount", "frozenColumnCount", "hideGridlines"):
        if key in grid:
            full["gridProperties"][key] = grid[key]
    for key in ("hidden", "tabColor", "tabColorStyle", "rightToLeft"):
        if key in props:
            full[key] = props[key]
    sheet = Sheet(full)
    index = props.get("index")
    if index is None or int(index) >= len(ss.sheets):
        ss.sheets.append(sheet)
    else:
        ss.sheets.insert(int(index), sheet)
    ss.reindex()
    return {"addSheet": {"properties": sheet.metadata()["properties"]}}


def _delete_sheet(store: Store, ss: Spreadsheet, req: dict[str, Any]) -> None:
    sheet = _sheet(ss, req.get("sheetId"))
    if len(ss.sheets) == 1:
        raise _Invalid("You can't remove all the sheets in a document.")
    ss.sheets.remove(sheet)
    ss.reindex()
    ss.named_ranges = [
        n for n in ss.named_ranges if int(n.get("range", {}).get("sheetId", 0)) != sheet.sheet_id
    ]


def _update_sheet_properties(store: Store, ss: Spreadsheet, req: dict[str, Any]) -> None:
    given = req.get("properties") or {}
    sheet = _sheet(ss, given.get("sheetId", 0))
    paths = _fields(req.get("fields"), given)
    before_rows, before_cols = sheet.row_count, sheet.col_count
    new = copy.deepcopy(sheet.props)
    _apply_mask(new, given, paths)
    new["sheetId"] = sheet.sheet_id
    title = str(new.get("title", ""))
    if not title:
        raise _Invalid("The sheet name cannot be empty.")
    _unique_title(ss, title, exclude=sheet)
    grid = new.setdefault("gridProperties", {})
    rows = int(grid.get("rowCount", 0))
    cols = int(grid.get("columnCount", 0))
    if rows < 1 or cols < 1:
        raise _Invalid("Sheet must have at least one row and one column.")
    if int(grid.get("frozenRowCount", 0)) >= rows and rows > 0 and grid.get("frozenRowCount"):
        raise _Invalid("You can't freeze all visible rows on the sheet.")
    if new.get("hidden") and all(s.hidden or s is sheet for s in ss.sheets):
        raise _Invalid("You can't hide all the sheets in a document.")
    index = new.get("index", sheet.props["index"])
    sheet.props = new
    if rows != before_rows or cols != before_cols:
        sheet.set_size(rows, cols)
    if int(index) != ss.sheets.index(sheet):
        ss.sheets.remove(sheet)
        ss.sheets.insert(min(int(index), len(ss.sheets)), sheet)
    ss.reindex()


def _update_spreadsheet_properties(store: Store, ss: Spreadsheet, req: dict[str, Any]) -> None:
    given = req.get("properties") or {}
    _apply_mask(ss.props, given, _fields(req.get("fields"), given))
    if not ss.props.get("title"):
        raise _Invalid("The spreadsheet title cannot be empty.")


def _dim_range(ss: Spreadsheet, rng: dict[str, Any]) -> tuple[Sheet, str, int, int]:
    sheet = _sheet(ss, rng.get("sheetId", 0))
    dimension = rng.get("dimension", "ROWS")
    size = sheet.row_count if dimension == "ROWS" else sheet.col_count
    start = int(rng.get("startIndex", 0))
    end = int(rng.get("endIndex", size))
    if dimension not in ("ROWS", "COLUMNS"):
        raise _Invalid("dimension must be ROWS or COLUMNS")
    if start < 0 or end < start:
        raise _Invalid("Invalid dimension range: start index must not exceed end index.")
    return sheet, dimension, start, end


def _append_dimension(store: Store, ss: Spreadsheet, req: dict[str, Any]) -> None:
    sheet = _sheet(ss, req.get("sheetId", 0))
    length = int(req.get("length", 0))
    if length < 1:
        raise _Invalid("length must be at least 1")
    if req.get("dimension", "ROWS") == "ROWS":
        sheet.grid["rowCount"] = sheet.row_count + length
    else:
        sheet.grid["columnCount"] = sheet.col_count + length


def _insert_dimension(store: Store, ss: Spreadsheet, req: dict[str, Any]) -> None:
    sheet, dimension, start, end = _dim_range(ss, req.get("range") or {})
    count = end - start
    if dimension == "ROWS":
        if start > sheet.row_count:
            raise _Invalid(f"Invalid range: startIndex {start} is past the end of the grid.")
        if start < len(sheet.rows):
            sheet.rows[start:start] = [[] for _ in range(count)]
        sheet.grid["rowCount"] = sheet.row_count + count
    else:
        if start > sheet.col_count:
            raise _Invalid(f"Invalid range: startIndex {start} is past the end of the grid.")
        for row in sheet.rows:
            if start < len(row):
                row[start:start] = [None] * count
        sheet.grid["columnCount"] = sheet.col_count + count
    _shift_ranges(sheet, dimension, start, count)


def _delete_dimension(store: Store, ss: Spreadsheet, req: dict[str, Any]) -> None:
    sheet, dimension, start, end = _dim_range(ss, req.get("range") or {})
    size = sheet.row_count if dimension == "ROWS" else sheet.col_count
    if end > size:
        raise _Invalid(f"Invalid range: endIndex {end} is past the end of the grid ({size}).")
    if end - start >= size:
        raise _Invalid(
            "You can't delete all the rows on the sheet."
            if dimension == "ROWS"
            else "You can't delete all the columns on the sheet."
        )
    if dimension == "ROWS":
        del sheet.rows[start:end]
        sheet.grid["rowCount"] = size - (end - start)
    else:
        for row in sheet.rows:
            del row[start:end]
        sheet.grid["columnCount"] = size - (end - start)
    _shift_ranges(sheet, dimension, start, start - end)


def _set_data_validation(store: Store, ss: Spreadsheet, req: dict[str, Any]) -> None:
    rng = req.get("range") or {}
    sheet, sr, er, sc, ec = _grid(ss, rng)
    box = {
        "sheetId": sheet.sheet_id,
        "startRowIndex": sr,
        "endRowIndex": er,
        "startColumnIndex": sc,
        "endColumnIndex": ec,
    }
    sheet.validations = [v for v in sheet.validations if v["range"] != box]
    if req.get("rule"):
        sheet.validations.append({"range": box, "rule": copy.deepcopy(req["rule"])})


def _sort_key(value: Cell) -> tuple[int, Any]:
    if isinstance(value, Formula):
        value = value.value if value.value is not None else value.text
    if isinstance(value, bool):
        return (2, value)
    if isinstance(value, int | float):
        return (0, value)
    return (1, str(value).lower())


def _sort_range(store: Store, ss: Spreadsheet, req: dict[str, Any]) -> None:
    sheet, sr, er, sc, ec = _grid(ss, req.get("range") or {})
    specs = req.get("sortSpecs") or [{"dimensionIndex": sc, "sortOrder": "ASCENDING"}]
    er = min(er, len(sheet.rows))
    if er <= sr:
        return
    width = ec - sc
    segs: list[list[Cell]] = []
    for row in sheet.rows[sr:er]:
        seg = row[sc:ec]
        segs.append(seg + [None] * (width - len(seg)))
    for spec in reversed(specs):
        col = int(spec.get("dimensionIndex", 0)) - sc
        if not 0 <= col < width:
            raise _Invalid(f"Invalid sort spec: dimensionIndex {spec.get('dimensionIndex')}")
        descending = spec.get("sortOrder", "ASCENDING") == "DESCENDING"
        filled = [s for s in segs if s[col] is not None]
        blank = [s for s in segs if s[col] is None]
        filled.sort(key=lambda s, c=col: _sort_key(s[c]), reverse=descending)  # type: ignore[misc]
        segs = filled + blank
    for offset, seg in enumerate(segs):
        row = sheet.row(sr + offset)
        if len(row) < ec:
            row.extend([None] * (ec - len(row)))
        row[sc:ec] = seg


def _overlaps(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return bool(
        a["sheetId"] == b["sheetId"]
        and a["startRowIndex"] < b["endRowIndex"]
        and b["startRowIndex"] < a["endRowIndex"]
        and a["startColumnIndex"] < b["endColumnIndex"]
        and b["startColumnIndex"] < a["endColumnIndex"]
    )


def _inside(inner: dict[str, Any], outer: dict[str, Any]) -> bool:
    return bool(
        outer["startRowIndex"] <= inner["startRowIndex"]
        and inner["endRowIndex"] <= outer["endRowIndex"]
        and outer["startColumnIndex"] <= inner["startColumnIndex"]
        and inner["endColumnIndex"] <= outer["endColumnIndex"]
    )


def _box(sheet: Sheet, sr: int, er: int, sc: int, ec: int) -> dict[str, Any]:
    return {
        "sheetId": sheet.sheet_id,
        "startRowIndex": sr,
        "endRowIndex": er,
        "startColumnIndex": sc,
        "endColumnIndex": ec,
    }


def _merge_cells(store: Store, ss: Spreadsheet, req: dict[str, Any]) -> None:
    sheet, sr, er, sc, ec = _grid(ss, req.get("range") or {})
    kind = req.get("mergeType", "MERGE_ALL")
    if kind == "MERGE_ALL":
        boxes = [_box(sheet, sr, er, sc, ec)]
    elif kind == "MERGE_ROWS":
        boxes = [_box(sheet, r, r + 1, sc, ec) for r in range(sr, er)]
    elif kind == "MERGE_COLUMNS":
        boxes = [_box(sheet, sr, er, c, c + 1) for c in range(sc, ec)]
    else:
        raise _Invalid(f"Invalid mergeType: {kind}")
    outer = _box(sheet, sr, er, sc, ec)
    for merge in sheet.merges:
        if _overlaps(merge, outer) and not _inside(merge, outer):
            raise _Invalid("You must select all cells in a merged range to merge or unmerge them.")
    sheet.merges = [m for m in sheet.merges if not _overlaps(m, outer)]
    for box in boxes:
        if box["endRowIndex"] - box["startRowIndex"] < 1:
            continue
        if box["endRowIndex"] - box["startRowIndex"] == 1 and (
            box["endColumnIndex"] - box["startColumnIndex"] == 1
        ):
            continue  # a single cell is not a merge
        keep = sheet.get(box["startRowIndex"], box["startColumnIndex"])
        sheet.clear_block(
            box["startRowIndex"], box["endRowIndex"], box["startColumnIndex"], box["endColumnIndex"]
        )
        sheet.set(box["startRowIndex"], box["startColumnIndex"], keep)
        sheet.merges.append(box)


def _unmerge_cells(store: Store, ss: Spreadsheet, req: dict[str, Any]) -> None:
    sheet, sr, er, sc, ec = _grid(ss, req.get("range") or {})
    outer = _box(sheet, sr, er, sc, ec)
    for merge in sheet.merges:
        if _overlaps(merge, outer) and not _inside(merge, outer):
            raise _Invalid("You must select all cells in a merged range to merge or unmerge them.")
    sheet.merges = [m for m in sheet.merges if not _overlaps(m, outer)]


def _copy_paste(store: Store, ss: Spreadsheet, req: dict[str, Any]) -> None:
    src, sr, er, sc, ec = _grid(ss, req.get("source") or {})
    dst_grid = req.get("destination") or {}
    dst = _sheet(ss, dst_grid.get("sheetId", 0))
    dr, dc = int(dst_grid.get("startRowIndex", 0)), int(dst_grid.get("startColumnIndex", 0))
    block = [[src.get(r, c) for c in range(sc, ec)] for r in range(sr, er)]
    if req.get("pasteType", "PASTE_NORMAL") in ("PASTE_NORMAL", "PASTE_VALUES"):
        for i, vals in enumerate(block):
            for j, v in enumerate(vals):
                if dr + i < dst.row_count and dc + j < dst.col_count:
                    dst.set(dr + i, dc + j, v)


def _cut_paste(store: Store, ss: Spreadsheet, req: dict[str, Any]) -> None:
    src, sr, er, sc, ec = _grid(ss, req.get("source") or {})
    dest = req.get("destination") or {}
    dst = _sheet(ss, dest.get("sheetId", 0))
    dr, dc = int(dest.get("rowIndex", 0)), int(dest.get("columnIndex", 0))
    block = [[src.get(r, c) for c in range(sc, ec)] for r in range(sr, er)]
    src.clear_block(sr, er, sc, ec)
    for i, vals in enumerate(block):
        for j, v in enumerate(vals):
            if dr + i < dst.row_count and dc + j < dst.col_count:
                dst.set(dr + i, dc + j, v)


def _next_id(ss: Spreadsheet) -> int:
    ss.next_id += 1
    return 1000000 + ss.next_id


def _add_named_range(store: Store, ss: Spreadsheet, req: dict[str, Any]) -> dict[str, Any]:
    named = copy.deepcopy(req.get("namedRange") or {})
    name = str(named.get("name", ""))
    if not name or any(n["name"] == name for n in ss.named_ranges):
        raise _Invalid(f"Named range with name {name!r} is invalid or already exists.")
    sheet, sr, er, sc, ec = _grid(ss, named.get("range") or {})
    named["range"] = _box(sheet, sr, er, sc, ec)
    named.setdefault("namedRangeId", f"sandbox{_next_id(ss)}")
    ss.named_ranges.append(named)
    return {"addNamedRange": {"namedRange": copy.deepcopy(named)}}


def _delete_named_range(store: Store, ss: Spreadsheet, req: dict[str, Any]) -> None:
    wanted = req.get("namedRangeId")
    before = len(ss.named_ranges)
    ss.named_ranges = [n for n in ss.named_ranges if n.get("namedRangeId") != wanted]
    if len(ss.named_ranges) == before:
        raise _Invalid(f"No named range with id: {wanted}")


def _update_named_range(store: Store, ss: Spreadsheet, req: dict[str, Any]) -> None:
    given = req.get("namedRange") or {}
    for named in ss.named_ranges:
        if named.get("namedRangeId") == given.get("namedRangeId"):
            _apply_mask(named, given, _fields(req.get("fields"), given))
            return
    raise _Invalid(f"No named range with id: {given.get('namedRangeId')}")


def _add_protected_range(store: Store, ss: Spreadsheet, req: dict[str, Any]) -> dict[str, Any]:
    prot = copy.deepcopy(req.get("protectedRange") or {})
    sheet, sr, er, sc, ec = _grid(ss, prot.get("range") or {})
    rng = _box(sheet, sr, er, sc, ec)
    if "endRowIndex" not in (prot.get("range") or {}):
        rng.pop("endRowIndex")
        rng.pop("startRowIndex")
    if "endColumnIndex" not in (prot.get("range") or {}):
        rng.pop("endColumnIndex")
        rng.pop("startColumnIndex")
    prot["range"] = rng
    prot["protectedRangeId"] = _next_id(ss)
    prot.setdefault("requestingUserCanEdit", True)
    if not prot.get("warningOnly"):
        prot.setdefault("editors", {"users": ["sandbox@example.invalid"]})
    sheet.protected.append(prot)
    return {"addProtectedRange": {"protectedRange": copy.deepcopy(prot)}}


def _delete_protected_range(store: Store, ss: Spreadsheet, req: dict[str, Any]) -> None:
    wanted = req.get("protectedRangeId")
    for sheet in ss.sheets:
        for prot in sheet.protected:
            if prot.get("protectedRangeId") == wanted:
                sheet.protected.remove(prot)
                return
    raise _Invalid(f"No protected range with id: {wanted}")


def _set_basic_filter(store: Store, ss: Spreadsheet, req: dict[str, Any]) -> None:
    flt = copy.deepcopy(req.get("filter") or {})
    sheet, sr, er, sc, ec = _grid(ss, flt.get("range") or {})
    flt["range"] = _box(sheet, sr, er, sc, ec)
    sheet.basic_filter = flt


def _clear_basic_filter(store: Store, ss: Spreadsheet, req: dict[str, Any]) -> None:
    _sheet(ss, req.get("sheetId", 0)).basic_filter = None


def _dimension_group(
    store: Store, ss: Spreadsheet, req: dict[str, Any], add: bool
) -> dict[str, Any]:
    sheet, dimension, start, end = _dim_range(ss, req.get("range") or {})
    groups = sheet.row_groups if dimension == "ROWS" else sheet.col_groups
    rng = {"sheetId": sheet.sheet_id, "dimension": dimension, "startIndex": start, "endIndex": end}
    if add:
        groups.append({"range": rng, "depth": 1})
        key = "addDimensionGroup"
    else:
        kept = [g for g in groups if g["range"] != rng]
        groups[:] = kept
        key = "deleteDimensionGroup"
    return {key: {"dimensionGroups": copy.deepcopy(groups)} if groups else {}}


def _ack_checked(store: Store, ss: Spreadsheet, req: dict[str, Any]) -> None:
    for key in ("range", "source"):
        rng = req.get(key)
        if isinstance(rng, dict) and "sheetId" in rng and "dimension" not in rng:
            _grid(ss, rng)
        elif isinstance(rng, dict) and "dimension" in rng:
            _sheet(ss, rng.get("sheetId", 0))
    if "dimensions" in req:
        _sheet(ss, (req["dimensions"] or {}).get("sheetId", 0))
    if "filter" in req or ("sheetId" in req and len(req) == 1):
        pass


def _dimension_range(ss: Spreadsheet, rng: Any) -> tuple[Sheet, str, int, int]:
    if not isinstance(rng, dict):
        raise _Invalid("A DimensionRange is required.")
    sheet = _sheet(ss, rng.get("sheetId", 0))
    dimension = str(rng.get("dimension", ""))
    if dimension not in ("ROWS", "COLUMNS"):
        raise _Invalid("dimension must be ROWS or COLUMNS.")
    size = sheet.row_count if dimension == "ROWS" else sheet.col_count
    start = int(rng.get("startIndex", 0))
    end = int(rng.get("endIndex", size))
    if start < 0 or end < start:
        raise _Invalid("Invalid range: start index must not exceed end index.")
    if end > size:
        raise _Invalid(f"Invalid range: endIndex {end} is past the grid ({size}).")
    return sheet, dimension, start, end


_DIMENSION_FIELDS = {"pixelSize", "hiddenByUser", "developerMetadata", "dataSourceColumnReference"}


def _update_dimension_properties(
    store: Store, ss: Spreadsheet, req: dict[str, Any]
) -> dict[str, Any] | None:
    """Stores the masked DimensionProperties (``pixelSize``, ``hiddenByUser``) per index."""
    if "dataSourceSheetRange" in req:
        raise _Invalid("the sandbox does not support data source sheets.")
    sheet, dimension, start, end = _dimension_range(ss, req.get("range"))
    fields = [f.strip() for f in str(req.get("fields") or "").split(",") if f.strip()]
    if not fields:
        raise _Invalid("At least one field must be specified in 'fields'.")
    props = req.get("properties") or {}
    if fields == ["*"]:
        fields = sorted(_DIMENSION_FIELDS)
    for name in fields:
        if name not in _DIMENSION_FIELDS:
            raise _Invalid(f"Invalid field mask: unknown field '{name}' of DimensionProperties.")
    table = sheet.dims.setdefault(dimension, {})
    for i in range(start, end):
        entry = table.setdefault(i, {})
        for name in fields:
            if name in props:
                entry[name] = copy.deepcopy(props[name])
            else:
                entry.pop(name, None)
        if not entry:
            table.pop(i)
    return None


def _auto_resize(store: Store, ss: Spreadsheet, req: dict[str, Any]) -> dict[str, Any] | None:
    """Fits columns to their longest shown text (about 7 px a character, as Arial 10 is, plus
    padding; never narrower than 21 px) and rows to 21 px, as Google's auto-fit roughly does."""
    from .values import render_cell

    sheet, dimension, start, end = _dimension_range(ss, req.get("dimensions"))
    table = sheet.dims.setdefault(dimension, {})
    for i in range(start, end):
        if dimension == "ROWS":
            size = 21
        else:
            longest = max(
                (
                    len(str(render_cell(row[i], "FORMATTED_VALUE", sheet.number_format(r, i))))
                    for r, row in enumerate(sheet.rows)
                    if i < len(row) and row[i] is not None
                ),
                default=0,
            )
            size = max(21, longest * 7 + 10) if longest else 100
        table.setdefault(i, {})["pixelSize"] = size
    return None


_HANDLERS: dict[str, Handler] = {
    "updateDimensionProperties": _update_dimension_properties,
    "autoResizeDimensions": _auto_resize,
    "addSheet": _add_sheet,
    "deleteSheet": _delete_sheet,
    "updateSheetProperties": _update_sheet_properties,
    "updateSpreadsheetProperties": _update_spreadsheet_properties,
    "appendDimension": _append_dimension,
    "insertDimension": _insert_dimension,
    "deleteDimension": _delete_dimension,
    "setDataValidation": _set_data_validation,
    "sortRange": _sort_range,
    "mergeCells": _merge_cells,
    "unmergeCells": _unmerge_cells,
    "copyPaste": _copy_paste,
    "cutPaste": _cut_paste,
    "addNamedRange": _add_named_range,
    "deleteNamedRange": _delete_named_range,
    "updateNamedRange": _update_named_range,
    "addProtectedRange": _add_protected_range,
    "deleteProtectedRange": _delete_protected_range,
    "setBasicFilter": _set_basic_filter,
    "clearBasicFilter": _clear_basic_filter,
    "addDimensionGroup": lambda st, ss, req: _dimension_group(st, ss, req, True),
    "deleteDimensionGroup": lambda st, ss, req: _dimension_group(st, ss, req, False),
}


_CELL_HANDLERS = {
    "updateCells": update_cells,
    "appendCells": append_cells,
    "repeatCell": repeat_cell,
}
_CELL_PATHS = {
    "updateCells": "update_cells",
    "appendCells": "append_cells",
    "repeatCell": "repeat_cell",
}


def _request_object(payload: Any, path: str) -> dict[str, Any]:
    if payload is None:
        return {}
    if not isinstance(payload, dict):
        raise GoogleError(400, f"Invalid JSON payload received. Expected an object at '{path}'.")
    return payload


def batch_update(store: Store, ss: Spreadsheet, body: dict[str, Any]) -> dict[str, Any]:
    """Apply ``body["requests"]`` atomically; returns ``{"spreadsheetId", "replies"}``."""
    requests = body.get("requests")
    if not isinstance(requests, list) or not requests:
        raise GoogleError(400, "Must specify at least one request.")
    work = ss.clone()
    replies: list[dict[str, Any]] = []
    for i, request in enumerate(requests):
        if not isinstance(request, dict) or len(request) != 1:
            raise GoogleError(400, f"Invalid requests[{i}]: exactly one request kind is required.")
        kind, payload = next(iter(request.items()))
        handler = _HANDLERS.get(kind)
        try:
            if kind in _CELL_HANDLERS:
                path = f"requests[{i}].{_CELL_PATHS[kind]}"
                _CELL_HANDLERS[kind](work, _request_object(payload, path), path)
                reply = None
            elif handler is not None:
                reply = handler(store, work, payload or {})
            elif kind in _ACKNOWLEDGED:
                _ack_checked(store, work, payload or {})
                reply = None
            else:
                raise GoogleError(
                    400,
                    f"Invalid requests[{i}]: the sandbox does not support the request kind "
                    f"'{kind}'",
                )
        except (_Invalid, CellRequestError) as exc:
            raise GoogleError(400, f"Invalid requests[{i}].{kind}: {exc}") from None
        replies.append(wire_ranges(reply or {}))
    ss.adopt(work)
    return {"spreadsheetId": ss.id, "replies": replies}
