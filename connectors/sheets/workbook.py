"""The batching workbook adapter: one request to read a branch's tabs, one to write them.

Request costs (each retry attempt counts as one more request of the same kind):

* ``read()``: 1 ``values:batchGet`` for every configured tab (whole tabs, FORMATTED_VALUE).
  The tab list and merges (1 ``spreadsheets.get``, cached for the Workbook) are fetched only to
  explain a header problem.
* ``apply(plan)``: an empty plan costs nothing. Otherwise 1 ``spreadsheets.get`` (counted as
  ``reread``) and 1 ``spreadsheets.batchUpdate`` (``batch_update``) for every tab of the plan
  together, so a cycle costs at most 3 Sheets requests and one with nothing to do exactly 1.
  Rare extras: 1 ``values:batchGet`` of the header rows when no ``read()`` came first, 1 more
  re-read when the header moved since ``read()``, 1 ``values:batchGet`` to look whether a write
  whose answer was lost landed (below), and 1 more batchUpdate per further 2 MB of write (Google
  recommends at most 2 MB a request; about 7,000 cell updates fit in one; the parts of a split
  write are each atomic, not together).

The re-read is a ``spreadsheets.get`` with ``ranges`` (each tab's header row, key column and
anchor columns) and a field mask for ``sheetId``, ``title`` and the cells' ``formattedValue``:
the cell requests address a tab by its sheetId, which no values method returns, and this way it
costs no request of its own. Measured at the stand-in (0 ms latency, in process): 20,000 rows,
2,000 cell updates and 200 new rows apply in 0.29 s against 0.18 s for the old values:batchGet +
values:batchUpdate + values:append; the re-read's answer is ~4x the size of the batchGet it
replaces (~1 MB for a 20,000-row key column). At Google's ~100 ms or more per request, the
request saved outweighs that; nothing measured speaks against the one batchUpdate.

The write is one ``spreadsheets.batchUpdate``, which Google applies whole or not at all:

* ``appendCells`` per tab with new rows, first. Google puts them after **the last row with data
  in the sheet**, in any column (a board's note far to the right counts), from column A; blank
  rows in between do not matter. This is not ``values.append``'s table detection. Google grows
  the grid itself when the rows do not fit ("inserting new rows into the sheet if necessary"),
  so no ``appendDimension`` is sent. The flip side: a board column filled down past the data
  (formulas such as ``=IF(A2="";"";…)``, checkboxes holding FALSE) moves the new rows below
  it, where values.append over the bridge's own columns would have ignored it.
* ``updateCells`` per block of cells in existing rows (adjacent cells of a row, consecutive rows
  over the same columns), the GridRange exactly covering the block, since Google clears the
  masked fields of any cell of the range that the rows leave out.
* ``fields`` is ``userEnteredValue``, so the board's formats, notes and validation stay; every
  value goes as ``stringValue``, so nothing is evaluated: ``=IMPORTXML(...)``, ``00123`` or
  ``TRUE`` stay text. An empty text is sent as an empty cell (clears it).

A lost answer (dropped connection, timeout or 5xx) to a write with appends is not re-sent
blindly, as that could append twice: first 1 ``values:batchGet`` of those tabs looks whether
their last rows with data are the rows sent (then it landed and is not sent again; the tabs
are compared whole, since the batch is atomic). A write of cell updates only is re-sent as it
is: the same values to the same cells twice is harmless. Known limit: rows identical to the
ones sent that already ended a tab would be taken as landed.

All I/O goes through gspread (``client.http_client``'s public request methods), never around it;
the Spreadsheet object is not used because opening one costs a metadata request every time.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence, Set
from dataclasses import dataclass, field, replace
from typing import Any

import gspread
import requests as requests_lib
from gspread.exceptions import APIError
from gspread.http_client import ParamsType

from bridge.errors import HeaderError, PermanentApiError, PermanentError
from bridge.messages import t as msg
from bridge.sheet import SheetPlan, SheetRow, TabSnapshot, WorkbookSnapshot
from bridge.workbook import TabSpec
from config.settings import TabSettings
from connectors.sheets.a1 import cell, col_letter, grid_range_a1, tab_range
from connectors.sheets.headers import (
    HeaderProblem,
    TabLayout,
    field_specs,
    map_headers,
    raise_for_problems,
    tab_spec,
)
from connectors.sheets.retry import GOOGLE_HOST, RetryPolicy, error_status

__all__ = ["ApplyResult", "SkippedWrite", "Workbook", "check_headers"]


@dataclass(frozen=True)
class SkippedWrite:
    """A planned write that was not made, and why (Norwegian, no cell values)."""

    tab: str
    row_key: str | None
    field: str
    reason: str


@dataclass(frozen=True)
class ApplyResult:
    """What ``apply`` did: cells written, rows appended, writes skipped, requests made."""

    written_cells: int = 0
    appended_rows: int = 0
    deleted_rows: int = 0
    skipped: tuple[SkippedWrite, ...] = ()
    requests: Mapping[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class _SheetMeta:
    sheet_id: int
    title: str
    row_count: int
    header_merges: tuple[str, ...]


class _RowValues(Mapping[str, str]):
    """A row's cell texts by name, read from its raw cell list through a shared column map."""

    __slots__ = ("_columns", "_raw")

    def __init__(self, raw: Sequence[Any], columns: Mapping[str, int]) -> None:
        self._raw = raw
        self._columns = columns

    def __getitem__(self, name: str) -> str:
        col = self._columns[name]
        return _text(self._raw[col]) if col < len(self._raw) else ""

    def __iter__(self) -> Iterator[str]:
        return iter(self._columns)

    def __len__(self) -> int:
        return len(self._columns)

    def __repr__(self) -> str:
        return repr(dict(self))


class _RowCells(Mapping[str, str]):
    """A row's A1 cell address per field (``B12``), computed on access."""

    __slots__ = ("_columns", "_row")

    def __init__(self, row: int, columns: Mapping[str, int]) -> None:
        self._row = row
        self._columns = columns

    def __getitem__(self, name: str) -> str:
        return cell(self._row, self._columns[name])

    def __iter__(self) -> Iterator[str]:
        return iter(self._columns)

    def __len__(self) -> int:
        return len(self._columns)

    def __repr__(self) -> str:
        return repr(dict(self))


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    return value if isinstance(value, str) else str(value)


def _blank(row: Sequence[Any]) -> bool:
    return all(not _text(v).strip() for v in row)


class Workbook:
    """One branch's spreadsheet, seen through its configured tabs (logical key -> settings)."""

    def __init__(
        self,
        client: gspread.Client,
        spreadsheet_id: str,
        tabs: Mapping[str, TabSettings],
        *,
        retry_cap: float = 60,
        backoff_base: float = 0.5,
        specs: Mapping[str, TabSpec] | None = None,
        language: str = "nb",
        host: str = GOOGLE_HOST,
        timeout: float = 30.0,
    ) -> None:
        self.client = client
        self.language = language  # the configured language, for the texts a person reads
        self.spreadsheet_id = spreadsheet_id
        self.tabs = dict(tabs)
        self._specs: dict[str, TabSpec | None] = {
            key: (specs or {}).get(key) or tab_spec(tab) for key, tab in self.tabs.items()
        }
        self.calls: Counter[str] = Counter()
        self.retry = RetryPolicy(
            retry_cap,
            backoff_base,
            on_attempt=self._count,
            language=language,
            host=host,
            timeout=timeout,
        )
        self._meta: dict[str, _SheetMeta] | None = None
        self.max_body = _MAX_BODY  # bytes of JSON per batchUpdate before the write is split
        self._layouts: dict[str, TabLayout] = {}
        self._sizes: dict[str, tuple[int, int]] = {}  # tab key -> (rows, columns) of the grid
        # tab key -> sheetId, as far as this Workbook's requests have shown them (the admin's
        # cell links open a tab by its sheetId, which no values request returns)
        self.sheet_ids: dict[str, int] = {}
        # Tabs a job adds (one call list per caller): read when they exist, made when not.
        self._creatable: set[str] = set()

    def add_tabs(self, tabs: Mapping[str, TabSettings], *, like: str | None = None) -> None:
        """Tabs the bridge may make itself (``spec`` their fields, as a default tab's): read
        with :meth:`read`'s ``optional`` when they exist; one the write appends rows to that
        does not exist is made in the same batchUpdate (``addSheet``, then its header row and
        rows in one ``appendCells``). A tab of the same title made by hand before the bridge
        ever read it is refused by Google ("already exists"); the write fails whole. ``like``
        names the configured tab whose fields they have."""
        spec = self._specs.get(like) if like else None
        for key, tab in tabs.items():
            if key not in self.tabs:
                self.tabs[key] = tab
                self._specs[key] = spec or tab_spec(tab)
            self._creatable.add(key)

    @property
    def _http(self) -> gspread.HTTPClient:
        return self.client.http_client

    def _count(self, what: str) -> None:
        self.calls[what] += 1

    def _tab(self, key: str) -> TabSettings:
        try:
            return self.tabs[key]
        except KeyError:
            raise PermanentError(f"tab {key!r} is not configured", where="sheets") from None

    # -- metadata ---------------------------------------------------------------------------
    def metadata(self) -> Mapping[str, _SheetMeta]:
        """Tab titles, ids, sizes and header-row merges; fetched once per Workbook."""
        if self._meta is None:
            params: ParamsType = {
                "includeGridData": "false",
                "fields": "sheets(properties,merges)",
            }
            answer = self.retry.call(
                "metadata", lambda: self._http.fetch_sheet_metadata(self.spreadsheet_id, params)
            )
            meta: dict[str, _SheetMeta] = {}
            for sheet in answer.get("sheets", []):
                props = sheet.get("properties", {})
                merges = tuple(
                    grid_range_a1(m)
                    for m in sheet.get("merges", []) or []
                    if int(m.get("startRowIndex", 0)) == 0
                )
                meta[props["title"]] = _SheetMeta(
                    sheet_id=int(props.get("sheetId", 0)),
                    title=props["title"],
                    row_count=int(props.get("gridProperties", {}).get("rowCount", 0)),
                    header_merges=merges,
                )
            self._meta = meta
            keys = {tab.title: key for key, tab in self.tabs.items()}
            self.sheet_ids.update({keys[t]: m.sheet_id for t, m in meta.items() if t in keys})
        return self._meta

    def _structure_problems(self, keys: Iterable[str]) -> list[HeaderProblem]:
        meta = self.metadata()
        problems: list[HeaderProblem] = []
        for key in keys:
            title = self._tab(key).title
            if title not in meta:
                problems.append(
                    HeaderProblem(
                        "missing_tab",
                        title,
                        "",
                        msg("sheets.tab_missing", self.language, tab=title),
                        True,
                    )
                )
            elif meta[title].header_merges:
                spec = self._specs.get(key)
                if spec is not None and spec.whole:
                    continue
                where = ", ".join(meta[title].header_merges)
                problems.append(
                    HeaderProblem(
                        "merged",
                        title,
                        where,
                        msg("sheets.header_merged", self.language, tab=title, where=where),
                        True,
                    )
                )
        return problems

    def _structured(self, keys: Sequence[str], call: Callable[[], Any]) -> Any:
        """Run a read; a missing tab (Google's 400 "Unable to parse range") becomes a
        :class:`HeaderError` naming the tab, found through the metadata."""
        try:
            return call()
        except PermanentApiError as exc:
            if exc.status == 400:
                raise_for_problems(self._structure_problems(keys))
            raise

    # -- reading ----------------------------------------------------------------------------
    def read(
        self, keys: Iterable[str] | None = None, *, optional: Iterable[str] = ()
    ) -> WorkbookSnapshot:
        """Every configured tab (or ``keys``) in one ``values:batchGet``, as typed rows.

        Raises :class:`HeaderError` (nothing written) for a missing tab, a missing or duplicated
        required header, or a merged header row. Costs exactly one request when the headers are
        in order; the tab list and merges are fetched only to explain a problem. ``optional``
        tabs (of :meth:`add_tabs`) that do not exist are left out of the snapshot: Google
        refuses the whole batchGet for one missing tab, so then (rarely: a tab deleted by
        hand) 1 metadata request finds which, and 1 more batchGet reads the rest.
        """
        selected = list(self.tabs) if keys is None else list(dict.fromkeys(keys))
        maybe = set(optional) & set(selected)
        tabs = [self._tab(k) for k in selected]
        ranges = [tab_range(t.title) for t in tabs]
        try:
            answer = self._structured(selected, lambda: self._batch_get(ranges))
        except HeaderError:
            if not maybe:
                raise
            present = {title.casefold() for title in self.metadata()}
            gone = {k for k in maybe if self.tabs[k].title.casefold() not in present}
            if not gone:
                raise
            selected = [k for k in selected if k not in gone]
            tabs = [self._tab(k) for k in selected]
            ranges = [tab_range(t.title) for t in tabs]
            answer = self._structured(selected, lambda: self._batch_get(ranges))
        value_ranges = answer.get("valueRanges", [])
        snapshots: dict[str, TabSnapshot] = {}
        problems: list[HeaderProblem] = []
        for tab, vr in zip(tabs, value_ranges, strict=True):
            rows = vr.get("values", []) or []
            layout, found = self._header(tab, rows)
            problems.extend(found)
            self._layouts[tab.key] = layout
            snapshots[tab.key] = self._snapshot(layout, rows)
        if any(p.fatal for p in problems):
            # Only now is the metadata worth a request: a merged header row shows up in the
            # values as missing headers (Google keeps only the top-left value), and the merges
            # say why. A clean header row costs no metadata request at all.
            problems = self._structure_problems(selected) + problems
        raise_for_problems(problems)
        return WorkbookSnapshot(spreadsheet_id=self.spreadsheet_id, tabs=snapshots)

    def _header(
        self, tab: TabSettings, rows: Sequence[Sequence[Any]]
    ) -> tuple[TabLayout, list[HeaderProblem]]:
        """The tab's header row: row 1, or, when row 1 names none of the tab's columns, the
        first of the next rows (up to row 5) that names two or more (a board's title rows
        above the table: "Resultater våren 2026" on row 1, the headers on row 3)."""
        spec = self._specs[tab.key]
        first = map_headers(tab, [_text(h) for h in rows[0]] if rows else [], spec, self.language)
        if first[0].columns or (spec is not None and spec.whole):
            return first
        for index in range(1, min(len(rows), _HEADER_SEARCH)):
            layout, found = map_headers(tab, [_text(h) for h in rows[index]], spec, self.language)
            if len(layout.columns) >= 2:
                return replace(layout, header_at=index + 1), found
        return first

    def _snapshot(self, layout: TabLayout, rows: Sequence[Sequence[Any]]) -> TabSnapshot:
        # Rows share one column map and keep their raw cell list: a 100,000-row tab costs a
        # few small objects per row instead of three dicts of strings.
        columns = dict(sorted(layout.columns.items(), key=lambda kv: kv[1]))
        board = {h: c for c, h in sorted(layout.board_columns.items())}
        key_col = columns.get(layout.key_field) if layout.key_field else None
        out: list[SheetRow] = []
        for number, raw in enumerate(rows[layout.header_at :], start=layout.first_row):
            if _blank(raw):
                continue
            key = _text(raw[key_col]).strip() if key_col is not None and key_col < len(raw) else ""
            out.append(
                SheetRow(
                    number,
                    _RowValues(raw, columns),
                    _RowCells(number, columns),
                    key or None,
                    _RowValues(raw, board),
                )
            )
        return TabSnapshot(
            key=layout.key,
            title=layout.title,
            columns=dict(layout.columns),
            rows=tuple(out),
            header_row=layout.header_row,
            unknown_headers=layout.unknown_headers,
        )

    def header_problems(self, keys: Iterable[str] | None = None) -> list[HeaderProblem]:
        """Every header problem of the configured tabs (missing, duplicated, merged, unknown),
        without raising: 1 metadata request (once per Workbook) + 1 ``values:batchGet`` of the
        header rows."""
        selected = list(self.tabs) if keys is None else list(keys)
        problems = self._structure_problems(selected)
        present = [k for k in selected if self.tabs[k].title in self.metadata()]
        if not present:
            return problems
        headers = self._read_headers(present)
        for key in present:
            problems.extend(
                map_headers(self.tabs[key], headers[key], self._specs[key], self.language)[1]
            )
        return problems

    def _batch_get(self, ranges: list[str], major: str = "ROWS") -> Any:
        params: ParamsType = {"valueRenderOption": "FORMATTED_VALUE", "majorDimension": major}
        return self.retry.call(
            "batch_get",
            lambda: self._http.values_batch_get(self.spreadsheet_id, ranges, params),
        )

    def _read_headers(self, keys: Sequence[str]) -> dict[str, list[str]]:
        ranges = [tab_range(self.tabs[k].title, "1:1") for k in keys]
        answer = self._batch_get(ranges)
        out: dict[str, list[str]] = {}
        for key, vr in zip(keys, answer.get("valueRanges", []), strict=True):
            rows = vr.get("values", []) or []
            out[key] = [_text(h) for h in rows[0]] if rows else []
        return out

    # -- writing ----------------------------------------------------------------------------
    def allowed_fields(self, tab_key: str, writable: Iterable[str] = ()) -> frozenset[str]:
        """Fields of a tab the bridge may write: its owned fields plus ``writable``."""
        fields = field_specs(self._tab(tab_key), self._specs.get(tab_key))
        return frozenset(k for k, f in fields.items() if f.owned) | frozenset(writable)

    def apply(
        self,
        plan: SheetPlan,
        *,
        writable_fields: Mapping[str, Iterable[str]] | None = None,
        delete_rows: Mapping[str, Iterable[str]] | None = None,
    ) -> ApplyResult:
        """Write a plan: keys mapped to current rows, then 1 batchUpdate for every tab.

        ``writable_fields`` adds, per tab, synced fields this job may write besides the owned
        ones (e.g. reconcile writes ``phone``). Any other field is refused with
        :class:`PermanentError` before a request is made. Appends may fill any field of the
        tab (a new row holds no board data); unknown fields are refused the same way.
        Writes whose key (or anchor) no longer finds exactly one row are skipped and listed in
        ``ApplyResult.skipped``, never written to a guessed row.

        ``delete_rows`` names, per tab, the keys of rows to delete (a keyed tab only): found
        by the same key re-read, deleted in the same batchUpdate after every other request,
        bottom-up so no deletion moves a row another one points at. A key that finds no row,
        or several, is skipped.
        """
        before = Counter(self.calls)
        deletes = {k: sorted(set(v)) for k, v in (delete_rows or {}).items() if v}
        if not plan and not deletes:
            return ApplyResult()
        writable = {k: set(v) for k, v in (writable_fields or {}).items()}
        touched = list(
            dict.fromkeys(
                [w.tab for w in plan.writes]
                + [a.tab for a in plan.appends]
                + [*deletes]
                + [r.tab for r in plan.replaces]
            )
        )
        for key in touched:
            self._tab(key)
        for r in plan.replaces:
            spec = self._specs.get(r.tab)
            if spec is None or not spec.whole:
                raise PermanentError(
                    f"tab {r.tab!r} is not a report tab the bridge writes whole",
                    where=f"sheets.{r.tab}",
                )
        fields_of = {k: field_specs(self.tabs[k], self._specs.get(k)) for k in touched}
        for w in plan.writes:
            allowed = self.allowed_fields(w.tab, writable.get(w.tab, ()))
            if w.field not in allowed:
                raise PermanentError(
                    f"the bridge may not write field {w.field!r} of tab {w.tab!r}",
                    where=f"sheets.{w.tab}.{w.field}",
                    hint="only owned columns (and the job's synced fields) are written",
                )
        for a in plan.appends:
            unknown = set(a.values) - set(fields_of[a.tab])
            if unknown:
                raise PermanentError(
                    f"append to tab {a.tab!r} names unknown fields {sorted(unknown)}",
                    where=f"sheets.{a.tab}",
                )

        for key in deletes:
            if not self._specs_key_field(key):
                raise PermanentError(
                    f"rows of tab {key!r} cannot be deleted by key (it has no key column)",
                    where=f"sheets.{key}",
                )
        skipped: list[SkippedWrite] = []
        absent = {k for k in touched if k in self._creatable and k not in self._layouts}
        if absent:  # a tab the bridge makes now has no rows to find: only appends go to it
            for w in plan.writes:
                if w.tab in absent:
                    skipped.append(SkippedWrite(w.tab, w.row_key, w.field, "fant ikke raden"))
            for key in absent & set(deletes):
                skipped.extend(SkippedWrite(key, k, "*", "fant ikke raden") for k in deletes[key])
                del deletes[key]
            plan = SheetPlan(tuple(w for w in plan.writes if w.tab not in absent), plan.appends)
        creating = [k for k in touched if k in absent and any(a.tab == k for a in plan.appends)]
        existing = [k for k in touched if k not in absent]
        columns, sheet_ids = (
            self._structured(existing, lambda: self._reread(plan, existing, set(deletes)))
            if existing
            else ({}, {})
        )
        added = self._new_tabs(creating, set(sheet_ids.values()))
        for key, (sheet_id, _request) in added.items():
            sheet_ids[key] = sheet_id
            self.sheet_ids[key] = sheet_id
        updates, written = self._update_requests(plan, columns, sheet_ids, skipped)
        removals = self._delete_requests(deletes, columns, sheet_ids, skipped)
        appends: list[dict[str, Any]] = [request for _id, request in added.values()]
        tails: dict[str, list[list[str]]] = {}
        for key in touched:
            rows = [dict(a.values) for a in plan.appends if a.tab == key]
            matrix = self._append_rows(key, rows, skipped)
            if key in added and matrix:
                matrix = [list(self._layouts[key].header_row), *matrix]
            if matrix:
                tails[key] = matrix
                appends.append(_append_request(sheet_ids[key], matrix))
        # Appends first: where appendCells lands depends only on the sheet as it was.
        # Deletions last and bottom-up: every index in the batch is the one re-read.
        whole = self._replace_requests(plan, sheet_ids)
        gone = {k: v for k, v in deletes.items() if k in {t for t, _ in removals}}
        for i, chunk in enumerate(
            _chunks(appends + updates + whole + [r for _, r in removals], self.max_body)
        ):
            has_deletes = any("deleteDimension" in r for r in chunk)
            self._write(chunk, tails if i == 0 else {}, gone if has_deletes else {})
        return ApplyResult(
            written_cells=written,
            appended_rows=sum(len(m) for m in tails.values()),
            deleted_rows=len(removals),
            skipped=tuple(skipped),
            requests=dict(self.calls - before),
        )

    def _new_tabs(
        self, keys: Sequence[str], taken: Set[int]
    ) -> dict[str, tuple[int, dict[str, Any]]]:
        """An ``addSheet`` per tab to make, with its own sheetId (so the same batch can append
        to it) and its layout: the configured headers in the spec's order, row 1 frozen."""
        out: dict[str, tuple[int, dict[str, Any]]] = {}
        for key in keys:
            tab = self.tabs[key]
            headers = [f.header for f in field_specs(tab, self._specs.get(key)).values()]
            layout, problems = map_headers(tab, headers, self._specs.get(key), self.language)
            raise_for_problems(problems)
            self._layouts[key] = layout
            sheet_id = int(hashlib.sha256(tab.title.encode()).hexdigest()[:7], 16) + 1
            while sheet_id in taken:
                sheet_id += 1
            taken = {*taken, sheet_id}
            grid = {"rowCount": 1000, "columnCount": max(26, len(headers)), "frozenRowCount": 1}
            props = {"sheetId": sheet_id, "title": tab.title, "gridProperties": grid}
            out[key] = (sheet_id, {"addSheet": {"properties": props}})
        return out

    def _replace_requests(
        self, plan: SheetPlan, sheet_ids: Mapping[str, int]
    ) -> list[dict[str, Any]]:
        """A report tab written whole: the grid grown first when the table does not fit (the
        size came with the re-read), then one updateCells from A1 over the whole grid, which
        clears every cell the rows leave out."""
        out: list[dict[str, Any]] = []
        for r in plan.replaces:
            sheet_id = sheet_ids[r.tab]
            rows_have, cols_have = self._sizes.get(r.tab, (0, 0))
            width = max((len(line) for line in r.rows), default=1)
            for dimension, need, have in (("ROWS", len(r.rows), rows_have),
                                          ("COLUMNS", width, cols_have)):  # fmt: skip
                if need > have:
                    out.append(
                        {"appendDimension": {"sheetId": sheet_id, "dimension": dimension,
                                             "length": need - have}}
                    )  # fmt: skip
            out.append(
                {
                    "updateCells": {
                        "range": {"sheetId": sheet_id, "startRowIndex": 0, "startColumnIndex": 0},
                        "rows": [{"values": [_cell_value(x) for x in line]} for line in r.rows],
                        "fields": _CELL_FIELDS,
                    }
                }
            )
        return out

    def _specs_key_field(self, key: str) -> str | None:
        spec = self._specs.get(key)
        return spec.key_field if spec is not None else None

    def _needed_fields(
        self, plan: SheetPlan, key: str, deleting: Set[str] = frozenset()
    ) -> list[str]:
        layout = self._layouts[key]
        needed: list[str] = []
        writes = [w for w in plan.writes if w.tab == key]
        if layout.key_field and (writes or key in deleting):
            needed.append(layout.key_field)
        for w in writes:
            needed.extend(w.anchor)  # keyless rows, and rows sharing a typed-in key
            if w.was is not None:
                needed.append(w.field)  # is the cell still as the planner read it?
        return [f for f in dict.fromkeys(needed) if f in layout.columns]

    def _reread(
        self, plan: SheetPlan, touched: Sequence[str], deleting: Set[str] = frozenset()
    ) -> tuple[dict[str, dict[str, list[str]]], dict[str, int]]:
        """Re-read header rows and key/anchor columns, with each tab's sheetId, in one
        ``spreadsheets.get``: (field -> cell texts, index 0 is sheet row 2; tab -> sheetId).
        If the header moved since the last read, read again."""
        missing = [k for k in touched if k not in self._layouts]
        if missing:
            first = self._read_headers(missing)
            self._set_layouts({k: first[k] for k in missing})
        for _ in range(2):
            ranges: list[str] = []
            for key in touched:
                layout = self._layouts[key]
                last = col_letter(max(layout.width - 1, 0))
                h, start = layout.header_at, layout.first_row
                ranges.append(tab_range(layout.title, f"A{h}:{last}{h}"))
                for f in self._needed_fields(plan, key, deleting):
                    letter = col_letter(layout.columns[f])
                    ranges.append(tab_range(layout.title, f"{letter}{start}:{letter}"))
            answer = self._grid_get(ranges)
            grids = _grids_by_title(answer)
            self._sizes.update(_grid_sizes(answer, {self._layouts[k].title: k for k in touched}))
            out: dict[str, dict[str, list[str]]] = {k: {} for k in touched}
            headers: dict[str, list[str]] = {}
            sheet_ids: dict[str, int] = {}
            for key in touched:
                layout = self._layouts[key]
                found = grids.get(layout.title) or grids.get(layout.title.casefold())
                if found is None:
                    raise PermanentError(
                        f"Google's answer lacks the tab {key!r} it was asked for",
                        where="sheets.reread",
                    )
                sheet_ids[key], blocks = found
                self.sheet_ids[key] = sheet_ids[key]
                needed = self._needed_fields(plan, key, deleting)
                if len(blocks) != 1 + len(needed):
                    raise PermanentError(
                        f"Google answered {len(blocks)} ranges of tab {key!r} for "
                        f"{1 + len(needed)} asked",
                        where="sheets.reread",
                    )
                header = blocks[0]
                headers[key] = header[0] if header else []
                for f, column in zip(needed, blocks[1:], strict=True):
                    out[key][f] = [line[0] if line else "" for line in column]
            changed = self._set_layouts(headers)
            if not changed:
                return out, sheet_ids
        raise HeaderError(
            "Kolonnene ble flyttet mens broen skrev; ingenting er skrevet.",
            where=", ".join(f"fanen «{self.tabs[k].title}»" for k in touched),
            hint="Kjør på nytt.",
        )

    def _grid_get(self, ranges: list[str]) -> Any:
        params: ParamsType = {"ranges": ranges, "includeGridData": "true", "fields": _REREAD_FIELDS}
        return self.retry.call(
            "reread", lambda: self._http.fetch_sheet_metadata(self.spreadsheet_id, params)
        )

    def _set_layouts(self, headers: Mapping[str, Sequence[str]]) -> bool:
        """Store fresh layouts; raise on fatal header problems; True if any column moved."""
        changed = False
        problems: list[HeaderProblem] = []
        for key, row in headers.items():
            layout, found = map_headers(self.tabs[key], row, self._specs.get(key), self.language)
            problems.extend(found)
            old = self._layouts.get(key)
            if old is not None:
                layout = replace(layout, header_at=old.header_at)
            changed = changed or (old is not None and old.columns != layout.columns)
            self._layouts[key] = layout
        raise_for_problems(problems)
        return changed

    def _update_requests(
        self,
        plan: SheetPlan,
        columns: Mapping[str, Mapping[str, Sequence[str]]],
        sheet_ids: Mapping[str, int],
        skipped: list[SkippedWrite],
    ) -> tuple[list[dict[str, Any]], int]:
        """Resolve each write to a current row; one updateCells per block of cells (adjacent
        cells of a row, and consecutive rows over the same columns); (requests, cells)."""
        cells: dict[tuple[str, int, int], str] = {}
        index: dict[str, dict[str, list[int]]] = {}
        twins = Counter(
            (w.tab, w.row_key, w.field, tuple(sorted(w.anchor.items())))
            for w in plan.writes
            if w.row_key is not None and w.anchor
        )
        taken: Counter[tuple[str, str | None, str, tuple[tuple[str, str], ...]]] = Counter()
        for key, cols in columns.items():
            layout = self._layouts[key]
            if layout.key_field and layout.key_field in cols:
                rows: dict[str, list[int]] = {}
                for i, text in enumerate(cols[layout.key_field]):
                    if text.strip():
                        rows.setdefault(text.strip(), []).append(i + layout.first_row)
                index[key] = rows
        for w in plan.writes:
            layout = self._layouts[w.tab]
            if w.field not in layout.columns:
                skipped.append(SkippedWrite(w.tab, w.row_key, w.field, "kolonnen finnes ikke"))
                continue
            if w.row_key is not None:
                found = index.get(w.tab, {}).get(w.row_key.strip(), [])
                if len(found) > 1 and w.anchor:  # the same key typed on several rows
                    found = [
                        r
                        for r in found
                        if _matches(r - layout.first_row + 2, w.anchor, columns[w.tab])
                    ]
                    # Rows identical in key and anchor (a row copied whole) cannot be told
                    # apart; as many writes of this cell as such rows go to them in order.
                    twin = (w.tab, w.row_key, w.field, tuple(sorted(w.anchor.items())))
                    if len(found) > 1 and len(found) == twins[twin]:
                        found = [found[taken[twin]]]
                        taken[twin] += 1
                what = "raden med denne nøkkelen"
            else:
                found = self._anchor_rows(w.tab, w.anchor, columns[w.tab])
                what = "raden uten nøkkel"
            if len(found) != 1:
                reason = f"fant ikke {what}" if not found else f"fant {what} på {len(found)} rader"
                skipped.append(SkippedWrite(w.tab, w.row_key, w.field, reason))
                continue
            if w.was is not None:
                now = _cell_text(columns[w.tab], w.field, found[0] - layout.first_row)
                if now == w.value.strip():
                    continue  # someone typed what the bridge would write: nothing to do
                if now != w.was.strip():
                    skipped.append(
                        SkippedWrite(w.tab, w.row_key, w.field, "endret i arket etter lesingen")
                    )
                    continue
            cells[(w.tab, found[0], layout.columns[w.field])] = w.value
        # Runs of adjacent columns per row: (tab, row, first col) -> texts.
        runs: list[tuple[str, int, int, list[str]]] = []
        for (tab, row, col), value in sorted(cells.items()):
            last = runs[-1] if runs else None
            if (
                last is not None
                and (last[0], last[1]) == (tab, row)
                and last[2] + len(last[3]) == col
            ):
                last[3].append(value)
            else:
                runs.append((tab, row, col, [value]))
        # Consecutive rows over the same columns become one block.
        blocks: list[tuple[str, int, int, list[list[str]]]] = []
        for tab, row, col, texts in runs:
            prev = blocks[-1] if blocks else None
            if (
                prev is not None
                and (prev[0], prev[2]) == (tab, col)
                and prev[1] + len(prev[3]) == row
                and len(prev[3][0]) == len(texts)
            ):
                prev[3].append(texts)
            else:
                blocks.append((tab, row, col, [texts]))
        requests = [_update_request(sheet_ids[t], r, c, b) for t, r, c, b in blocks]
        return requests, len(cells)

    def _delete_requests(
        self,
        deletes: Mapping[str, Sequence[str]],
        columns: Mapping[str, Mapping[str, Sequence[str]]],
        sheet_ids: Mapping[str, int],
        skipped: list[SkippedWrite],
    ) -> list[tuple[str, dict[str, Any]]]:
        """One deleteDimension per row to delete, each tab bottom-up: (tab, request)."""
        out: list[tuple[str, dict[str, Any]]] = []
        for key, keys in deletes.items():
            field_key = self._layouts[key].key_field or ""
            first = self._layouts[key].first_row
            rows: dict[str, list[int]] = {}
            for i, text in enumerate(columns[key].get(field_key, [])):
                if text.strip():
                    rows.setdefault(text.strip(), []).append(i + first)
            found: list[int] = []
            for row_key in keys:
                at = rows.get(row_key.strip(), [])
                if len(at) != 1:
                    reason = "fant ikke raden" if not at else f"fant raden på {len(at)} rader"
                    skipped.append(SkippedWrite(key, row_key, "*", reason))
                    continue
                found.append(at[0])
            for row in sorted(set(found), reverse=True):
                span = {"sheetId": sheet_ids[key], "dimension": "ROWS",
                        "startIndex": row - 1, "endIndex": row}  # fmt: skip
                out.append((key, {"deleteDimension": {"range": span}}))
        return out

    def _anchor_rows(
        self, tab: str, anchor: Mapping[str, str], cols: Mapping[str, Sequence[str]]
    ) -> list[int]:
        layout = self._layouts[tab]
        if not anchor or any(f not in cols for f in anchor):
            return []
        keys = cols.get(layout.key_field or "", [])
        height = max((len(v) for v in cols.values()), default=0)
        found: list[int] = []
        for i in range(height):
            if i < len(keys) and keys[i].strip():
                continue  # a keyed row is never an anchor match
            row = {f: (cols[f][i] if i < len(cols[f]) else "") for f in anchor}
            if all(row[f].strip() == v.strip() for f, v in anchor.items()):
                found.append(i + layout.first_row)
        return found

    def _append_rows(
        self, key: str, rows: Sequence[Mapping[str, str]], skipped: list[SkippedWrite]
    ) -> list[list[str]]:
        """New rows of a tab as lines of text from column A (appendCells starts there),
        trailing blanks trimmed; a row left with nothing to write is not appended."""
        layout = self._layouts[key]
        matrix: list[list[str]] = []
        for values in rows:
            line = [""] * (max(layout.columns.values(), default=0) + 1)
            for f, text in values.items():
                if f in layout.columns:
                    line[layout.columns[f]] = text
                else:
                    skipped.append(SkippedWrite(key, None, f, "kolonnen finnes ikke"))
            line = _trim(line)
            if line:
                matrix.append(line)
        return matrix

    def _write(
        self,
        requests: list[dict[str, Any]],
        tails: Mapping[str, list[list[str]]],
        deleted: Mapping[str, Sequence[str]] | None = None,
    ) -> None:
        """The one spreadsheets.batchUpdate. Google applies a batch whole or not at all, so
        after a dropped connection or a 5xx with appends in it, look first whether the new
        rows are at the tabs' ends (then it landed and is not sent again); with deletions in
        it, whether the deleted keys are gone (a deletion sent twice would take other rows);
        cell updates alone are re-sent as they are: the same values twice is harmless."""
        body = {"requests": requests}
        ambiguous = [False]

        def landed() -> bool:
            if tails:
                return self._landed(tails)
            return bool(deleted) and self._gone(deleted or {})

        def attempt() -> Any:
            if ambiguous[0] and (tails or deleted) and landed():
                self.calls["batch_update"] -= 1  # this attempt sent no batchUpdate
                return None
            try:
                return self._http.batch_update(self.spreadsheet_id, body)
            except (requests_lib.ConnectionError, requests_lib.Timeout):
                ambiguous[0] = True
                raise
            except APIError as exc:
                status = error_status(exc)
                ambiguous[0] = ambiguous[0] or (status is not None and status >= 500)
                raise

        self.retry.call("batch_update", attempt)

    def _gone(self, deleted: Mapping[str, Sequence[str]]) -> bool:
        """Whether none of the deleted keys is in its tab's key column any more (1 batchGet)."""
        self._count("batch_get")
        keys = list(deleted)
        params: ParamsType = {"valueRenderOption": "FORMATTED_VALUE", "majorDimension": "COLUMNS"}
        ranges = []
        for key in keys:
            layout = self._layouts[key]
            letter = col_letter(layout.columns[layout.key_field or ""])
            ranges.append(tab_range(layout.title, f"{letter}{layout.first_row}:{letter}"))
        answer = self._http.values_batch_get(self.spreadsheet_id, ranges, params)
        for key, vr in zip(keys, answer.get("valueRanges", []), strict=True):
            present = {_text(v).strip() for col in vr.get("values", []) or [] for v in col}
            if present & set(deleted[key]):
                return False
        return True

    def _landed(self, tails: Mapping[str, Sequence[Sequence[str]]]) -> bool:
        """Whether every tab's last rows with data are the rows we appended (1 batchGet)."""
        self._count("batch_get")
        keys = list(tails)
        params: ParamsType = {"valueRenderOption": "FORMATTED_VALUE", "majorDimension": "ROWS"}
        ranges = [tab_range(self._layouts[k].title) for k in keys]
        try:
            answer = self._http.values_batch_get(self.spreadsheet_id, ranges, params)
        except APIError as exc:
            if error_status(exc) == 400 and any(k in self._creatable for k in keys):
                return False  # a tab the batch makes is not there: the batch did not land
            raise
        for key, vr in zip(keys, answer.get("valueRanges", []), strict=True):
            matrix = tails[key]
            rows = vr.get("values", []) or []
            if len(rows) < len(matrix):
                return False
            tail = rows[-len(matrix) :]
            got = [
                _trim([_text(v) for v in r][: len(want)])
                for r, want in zip(tail, matrix, strict=True)
            ]
            if got != [list(m) for m in matrix]:
                return False
        return True


def _matches(row: int, anchor: Mapping[str, str], cols: Mapping[str, Sequence[str]]) -> bool:
    """Whether sheet row ``row`` still holds the anchor's values (missing column: no)."""
    for f, value in anchor.items():
        if f not in cols:
            return False
        column = cols[f]
        text = column[row - 2] if row - 2 < len(column) else ""
        if text.strip() != value.strip():
            return False
    return True


def _cell_text(cols: Mapping[str, Sequence[str]], field: str, index: int) -> str:
    """The re-read text of ``field`` at ``index`` (0 is the first data row), stripped."""
    column = cols.get(field, ())
    return column[index].strip() if 0 <= index < len(column) else ""


def _trim(row: list[str]) -> list[str]:
    while row and not row[-1]:
        row.pop()
    return row


# The key re-read: only what apply needs (sheetId and title, and the cell texts of the ranges).
_REREAD_FIELDS = (
    "sheets(properties(sheetId,title,gridProperties(rowCount,columnCount)),"
    "data(startRow,startColumn,rowData(values(formattedValue))))"
)
# Only the value of a cell is written: formats, notes and validation the board set stay.
_CELL_FIELDS = "userEnteredValue"
GridBlocks = list[list[list[str]]]


def _grids_by_title(answer: Mapping[str, Any]) -> dict[str, tuple[int, GridBlocks]]:
    """A spreadsheets.get answer with grid data as title (and casefolded title) ->
    (sheetId, one block of rows of cell texts per range asked on that tab, in the order
    asked). proto3 leaves out a sheetId of 0."""
    out: dict[str, tuple[int, GridBlocks]] = {}
    for sheet in answer.get("sheets", []) or []:
        props = sheet.get("properties", {}) or {}
        blocks: GridBlocks = [
            [
                [_text((v or {}).get("formattedValue")) for v in (row or {}).get("values", [])]
                for row in data.get("rowData", []) or []
            ]
            for data in sheet.get("data", []) or []
        ]
        title = str(props.get("title", ""))
        entry = (int(props.get("sheetId", 0)), blocks)
        out.setdefault(title.casefold(), entry)
        out[title] = entry
    return out


def _grid_sizes(answer: Mapping[str, Any], keys: Mapping[str, str]) -> dict[str, tuple[int, int]]:
    """Tab key -> (rowCount, columnCount) from a spreadsheets.get answer."""
    out: dict[str, tuple[int, int]] = {}
    for sheet in answer.get("sheets", []) or []:
        props = sheet.get("properties", {}) or {}
        key = keys.get(str(props.get("title", "")))
        grid = props.get("gridProperties") or {}
        if key is not None:
            out[key] = (int(grid.get("rowCount", 0)), int(grid.get("columnCount", 0)))
    return out


# How far down a board's table may start (title rows above the header row).
_HEADER_SEARCH = 5

# Google recommends at most 2 MB per request; a write larger than that is split (appends all
# in the first part). About 7,000 cell updates fit in one.
_MAX_BODY = 2_000_000


def _chunks(requests: list[dict[str, Any]], limit: int) -> list[list[dict[str, Any]]]:
    """The requests in as few batches as keep each body under ``limit`` bytes of JSON; the
    appendCells (first in the list) all stay in the first batch, whatever its size."""
    out: list[list[dict[str, Any]]] = []
    size = 0
    for req in requests:
        n = len(json.dumps(req)) + 2  # as requests encodes it: ASCII, ``\uXXXX`` escapes
        if out and size + n > limit and "appendCells" not in req:
            out.append([])
            size = 0
        if not out:
            out.append([])
        out[-1].append(req)
        size += n
    return out


def _cell_value(text: str) -> dict[str, Any]:
    """CellData for a text: always a string (nothing typed is evaluated), or empty to clear."""
    return {"userEnteredValue": {"stringValue": text}} if text else {}


def _append_request(sheet_id: int, matrix: Sequence[Sequence[str]]) -> dict[str, Any]:
    return {
        "appendCells": {
            "sheetId": sheet_id,
            "rows": [{"values": [_cell_value(t) for t in line]} for line in matrix],
            "fields": _CELL_FIELDS,
        }
    }


def _update_request(
    sheet_id: int, first_row: int, first_col: int, block: Sequence[Sequence[str]]
) -> dict[str, Any]:
    """updateCells over exactly the block (1-based first row): every cell of the range is
    given, so the range-clears-what-rows-leave-out rule never clears a cell we did not mean."""
    return {
        "updateCells": {
            "range": {
                "sheetId": sheet_id,
                "startRowIndex": first_row - 1,
                "endRowIndex": first_row - 1 + len(block),
                "startColumnIndex": first_col,
                "endColumnIndex": first_col + len(block[0]),
            },
            "rows": [{"values": [_cell_value(t) for t in line]} for line in block],
            "fields": _CELL_FIELDS,
        }
    }


def check_headers(workbook: Workbook) -> list[str]:
    """Header problems per tab as plain Norwegian sentences, for ``bridge check``."""
    return [p.message for p in workbook.header_problems()]
