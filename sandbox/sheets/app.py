"""The Sheets v4 + Drive v3 stand-in as a WSGI app (sheets-api.md §2), plus its control verbs.

Routing reads the *raw* request URI: the range segment is percent-encoded in full, so a literal
``:`` after it can only be the verb (``:append``, ``:clear``), and titles are decoded as UTF-8.
Every request is labelled in ``environ["sandbox.route"]`` (``values.batchGet``, ``drive.files.list``
…) so tests can count requests per route through the harness.
"""

from __future__ import annotations

import csv
import io
import json
import re
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, unquote

from .batch import batch_update
from .cells import cell_fields_kept, sheets_with_data, trim_grid
from .errors import GoogleError, drive_error, quota_error
from .model import SPREADSHEET_MIME, Spreadsheet, Store, encode_cell
from .service_accounts import ServiceAccounts
from .values import (
    append_values,
    apply_update,
    clear_values,
    plan_update,
    read_values,
    render_cell,
    update_values,
)

__all__ = ["Quota", "SheetsApp"]

StartResponse = Callable[..., Any]

READ_ROUTES = {"spreadsheets.get", "values.get", "values.batchGet"}
TOKEN = {"access_token": "sandbox-access-token", "expires_in": 3600, "token_type": "Bearer"}


@dataclass
class Quota:
    """Google's per-minute quotas: reads and writes counted apart, per user and per project.

    Windows are fixed and start at a user's first request, so a test's 61st read within a
    minute is refused however the wall clock is aligned. Drive calls are not counted.
    """

    enabled: bool = False
    per_user: int = 60
    per_project: int = 300
    window_s: float = 60.0
    _windows: dict[tuple[str, str], tuple[float, int]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def configure(self, payload: dict[str, Any]) -> dict[str, Any]:
        with self._lock:
            if "enabled" in payload:
                self.enabled = bool(payload["enabled"])
            for key in ("per_user", "per_project"):
                if payload.get(key) is not None:
                    setattr(self, key, int(payload[key]))
            if payload.get("per_minute") is not None:
                self.per_user = int(payload["per_minute"])
            if payload.get("window_s") is not None:
                self.window_s = float(payload["window_s"])
            self._windows.clear()
            return self.describe()

    def describe(self) -> dict[str, Any]:
        return {
            "enabled": self.enabled,
            "per_user": self.per_user,
            "per_project": self.per_project,
            "window_s": self.window_s,
        }

    def reset(self) -> None:
        with self._lock:
            self.enabled = False
            self.per_user, self.per_project, self.window_s = 60, 300, 60.0
            self._windows.clear()

    def _take(self, key: tuple[str, str], limit: int, now: float) -> bool:
        start, used = self._windows.get(key, (now, 0))
        if now - start >= self.window_s:
            start, used = now, 0
        if used >= limit:
            self._windows[key] = (start, used)
            return False
        self._windows[key] = (start, used + 1)
        return True

    def check(self, user: str, kind: str) -> None:
        """Count one request; raise the real 429 when the user's or project's budget is spent."""
        if not self.enabled:
            return
        now = time.monotonic()
        with self._lock:
            if not self._take((f"user:{user}", kind), self.per_user, now):
                raise GoogleError(429, body=quota_error(kind, True, self.per_user))
            if not self._take(("project", kind), self.per_project, now):
                raise GoogleError(429, body=quota_error(kind, False, self.per_project))


def _flag(value: str | None, default: bool = False) -> bool:
    if value is None:
        return default
    return value.strip().lower() == "true"


def _json_body(environ: dict[str, Any]) -> Any:
    length = int(environ.get("CONTENT_LENGTH") or 0)
    raw = environ["wsgi.input"].read(length) if length else b""
    if not raw.strip():
        return {}
    try:
        return json.loads(raw)
    except ValueError:
        raise GoogleError(
            400, f"Invalid JSON payload received. Unexpected token.\n{raw[:40]!r}"
        ) from None


def _raw_path(environ: dict[str, Any]) -> str:
    raw = environ.get("RAW_URI") or environ.get("REQUEST_URI")
    if raw:
        path = str(raw).split("?", 1)[0]
        if "://" in path:  # absolute-form request target
            path = "/" + path.split("://", 1)[1].split("/", 1)[-1]
        return path
    # Fall back to PATH_INFO (decoded as latin-1 by WSGI); re-encode so UTF-8 titles survive.
    from urllib.parse import quote

    text = environ.get("PATH_INFO", "").encode("latin-1").decode("utf-8", "replace")
    return quote(text, safe="/:")


class SheetsApp:
    """The WSGI app. One :class:`~sandbox.sheets.model.Store` holds all state."""

    def __init__(self, store: Store, quota: Quota | None = None) -> None:
        self.store = store
        self.quota = quota or Quota()
        self.service_accounts = ServiceAccounts()

    # -- WSGI ---------------------------------------------------------------------------
    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        method = environ.get("REQUEST_METHOD", "GET").upper()
        path = _raw_path(environ)
        query = parse_qs(environ.get("QUERY_STRING", ""), keep_blank_values=True)
        status = 200
        body: Any
        try:
            status, body = self._dispatch(environ, method, path, query)
        except GoogleError as exc:
            status, body = exc.status, exc.to_body()
        if status == 204:
            start_response("204 No Content", [("Content-Length", "0")])
            return [b""]
        if isinstance(body, RawBody):
            start_response(
                f"{status} {_REASONS.get(status, 'Error')}",
                [("Content-Type", body.content_type), ("Content-Length", str(len(body.data)))],
            )
            return [body.data]
        payload = json.dumps(body, ensure_ascii=False).encode("utf-8")
        start_response(
            f"{status} {_REASONS.get(status, 'Error')}",
            [
                ("Content-Type", "application/json; charset=UTF-8"),
                ("Content-Length", str(len(payload))),
            ],
        )
        return [payload]

    def _user(self, environ: dict[str, Any]) -> str:
        auth = str(environ.get("HTTP_AUTHORIZATION", ""))
        if auth.lower().startswith("bearer "):
            token = auth[7:].strip()
            return self.service_accounts.email(token) or token or "anonymous"
        return str(environ.get("HTTP_X_SANDBOX_USER", "") or "anonymous")

    def _check_access(self, environ: dict[str, Any], path: str) -> None:
        """A spreadsheet that exists but is not shared with the caller: Sheets answers 403
        PERMISSION_DENIED, Drive 404 "File not found" (Google's answers; gspread turns the
        403 into ``PermissionError``)."""
        m = re.match(r"/v4/spreadsheets/([^/:]+)", path)
        drive = re.match(r"/(?:upload/)?drive/v[23]/files/([^/]+)", path)
        found = m or drive
        if not found:
            return
        fid = unquote(found.group(1))
        with self.store.lock:
            ss = self.store.spreadsheets.get(fid)
            if ss is None or ss.readable_by(self._user(environ)):
                return
        environ["sandbox.route"] = "denied"
        if m:
            raise GoogleError(403, "The caller does not have permission")
        msg = f"File not found: {fid}."
        raise GoogleError(404, msg, body=drive_error(404, msg, "notFound", "fileId"))

    def _dispatch(
        self, environ: dict[str, Any], method: str, path: str, query: dict[str, list[str]]
    ) -> tuple[int, Any]:
        def q(name: str) -> str | None:
            values = query.get(name)
            return values[0] if values else None

        def route(name: str) -> None:
            environ["sandbox.route"] = name
            if name.startswith(("spreadsheets.", "values.")):
                self.quota.check(self._user(environ), "read" if name in READ_ROUTES else "write")

        if path == "/token" and method == "POST":
            route("token")
            length = int(environ.get("CONTENT_LENGTH") or 0)
            raw = environ["wsgi.input"].read(length) if length else b""
            # A service account's grant names who calls; any other grant is accepted.
            return self.service_accounts.grant(raw) or (200, dict(TOKEN))
        self._check_access(environ, path)
        m = re.fullmatch(r"/upload/drive/v2/files/([^/]+)", path)
        if m and method == "PUT":
            route("drive.files.import")
            return 200, self._import(environ, unquote(m.group(1)), query)
        if path.startswith("/drive/v3/files"):
            return self._drive(environ, method, path[len("/drive/v3/files") :], query, route)
        m = re.fullmatch(r"/v4/spreadsheets/([^/:]+)(?::(\w+))?", path)
        if m:
            sid, verb = unquote(m.group(1)), m.group(2)
            if verb is None and method == "GET":
                route("spreadsheets.get")
                return 200, self._get(sid, query, q("fields"), _flag(q("includeGridData")))
            if verb == "batchUpdate" and method == "POST":
                route("spreadsheets.batchUpdate")
                body = _json_body(environ)
                with self.store.lock:
                    ss = self.store.get(sid)
                    out = batch_update(self.store, ss, body)
                    self._changed(ss)
                if body.get("includeSpreadsheetInResponse"):
                    out["updatedSpreadsheet"] = ss.metadata()
                return 200, out
        if path == "/v4/spreadsheets" and method == "POST":
            route("spreadsheets.create")
            body = _json_body(environ)
            tabs: dict[str, list[list[Any]]] = {
                s.get("properties", {}).get("title", f"Sheet{i + 1}"): []
                for i, s in enumerate(body.get("sheets") or [])
            }
            title = (body.get("properties") or {}).get("title", "Untitled spreadsheet")
            ss = self.store.create(title, tabs or None)
            return 200, ss.metadata()
        m = re.fullmatch(r"/v4/spreadsheets/([^/:]+)/values(?::(\w+)|/([^:/]+)(?::(\w+))?)", path)
        if m:
            sid = unquote(m.group(1))
            if m.group(2):
                return self._values_batch(environ, method, sid, m.group(2), query, route, q)
            rng = unquote(m.group(3), encoding="utf-8")
            return self._values_one(environ, method, sid, rng, m.group(4), route, q)
        environ["sandbox.route"] = "unknown"
        raise GoogleError(404, f"The sandbox Sheets stand-in has no route for {method} {path}")

    def _get(
        self, sid: str, query: dict[str, list[str]], fields: str | None, include_grid: bool
    ) -> Any:
        """spreadsheets.get: ``ranges`` limit the answer to the sheets they touch; grid data
        comes with ``includeGridData=true``, or when a field mask selects ``sheets.data``
        (Google ignores includeGridData once a mask is set)."""
        tree = parse_field_mask(fields) if fields else None
        if tree is not None:
            sheets = tree.get("sheets", {})
            include_grid = bool(tree.get("*") or sheets.get("*") or "data" in sheets)
        ranges = query.get("ranges", [])
        with self.store.lock:
            ss = self.store.get(sid)
            meta = ss.metadata()
            if ranges or include_grid:
                keep = cell_fields_kept(tree) if tree is not None else None
                meta["sheets"] = sheets_with_data(ss, ranges, include_grid, keep, _dims_kept(tree))
        out = apply_field_mask(meta, tree) if tree is not None else meta
        return trim_grid(out) if include_grid else out

    # -- values -------------------------------------------------------------------------
    def _values_one(
        self,
        environ: dict[str, Any],
        method: str,
        sid: str,
        rng: str,
        verb: str | None,
        route: Callable[[str], None],
        q: Callable[[str], str | None],
    ) -> tuple[int, Any]:
        if verb is None and method == "GET":
            route("values.get")
            with self.store.lock:
                ss = self.store.get(sid)
                return 200, read_values(
                    ss, rng, q("majorDimension"), q("valueRenderOption"), q("dateTimeRenderOption")
                )
        if verb is None and method == "PUT":
            route("values.update")
            body = _json_body(environ)
            with self.store.lock:
                ss = self.store.get(sid)
                out = update_values(
                    ss,
                    rng,
                    body.get("values"),
                    q("valueInputOption"),
                    body.get("majorDimension"),
                    include_values=_flag(q("includeValuesInResponse")),
                    render=q("responseValueRenderOption"),
                )
                self._changed(ss)
            return 200, out
        if verb == "append" and method == "POST":
            route("values.append")
            body = _json_body(environ)
            with self.store.lock:
                ss = self.store.get(sid)
                out = append_values(
                    ss,
                    rng,
                    body.get("values"),
                    q("valueInputOption"),
                    insert=q("insertDataOption"),
                    major=body.get("majorDimension"),
                    include_values=_flag(q("includeValuesInResponse")),
                    render=q("responseValueRenderOption"),
                )
                self._changed(ss)
            return 200, out
        if verb == "clear" and method == "POST":
            route("values.clear")
            _json_body(environ)
            with self.store.lock:
                ss = self.store.get(sid)
                cleared, _sheet = clear_values(ss, rng)
                self._changed(ss)
            return 200, {"spreadsheetId": ss.id, "clearedRange": cleared}
        environ["sandbox.route"] = "unknown"
        raise GoogleError(404, f"The sandbox Sheets stand-in has no route for {method} values")

    def _values_batch(
        self,
        environ: dict[str, Any],
        method: str,
        sid: str,
        verb: str,
        query: dict[str, list[str]],
        route: Callable[[str], None],
        q: Callable[[str], str | None],
    ) -> tuple[int, Any]:
        if verb == "batchGet" and method == "GET":
            route("values.batchGet")
            ranges = query.get("ranges", [])
            with self.store.lock:
                ss = self.store.get(sid)
                out = [
                    read_values(
                        ss,
                        text,
                        q("majorDimension"),
                        q("valueRenderOption"),
                        q("dateTimeRenderOption"),
                    )
                    for text in ranges
                ]
            return 200, {"spreadsheetId": sid, "valueRanges": out}
        if verb == "batchUpdate" and method == "POST":
            route("values.batchUpdate")
            body = _json_body(environ)
            return 200, self._batch_update_values(sid, body)
        if verb == "batchClear" and method == "POST":
            route("values.batchClear")
            body = _json_body(environ)
            with self.store.lock:
                ss = self.store.get(sid)
                work = ss.clone()
                cleared = [
                    clear_values(work, text, prefix=f"Invalid ranges[{i}]: ")[0]
                    for i, text in enumerate(body.get("ranges") or [])
                ]
                ss.adopt(work)
                self._changed(ss)
            return 200, {"spreadsheetId": sid, "clearedRanges": cleared}
        environ["sandbox.route"] = "unknown"
        raise GoogleError(404, f"The sandbox Sheets stand-in has no route for {method} :{verb}")

    def _batch_update_values(self, sid: str, body: dict[str, Any]) -> dict[str, Any]:
        data = body.get("data") or []
        option = body.get("valueInputOption")
        include = bool(body.get("includeValuesInResponse"))
        render = body.get("responseValueRenderOption")
        with self.store.lock:
            ss = self.store.get(sid)
            if option is None:
                raise GoogleError(400, "'valueInputOption' is required but not specified")
            # Validate every item before writing any: a batch is all or nothing.
            plans = [
                plan_update(
                    ss,
                    str(item.get("range", "")),
                    item.get("values"),
                    option,
                    item.get("majorDimension"),
                    field=f"data[{i}].values",
                    prefix=f"Invalid data[{i}]: ",
                )
                for i, item in enumerate(data)
            ]
            responses = [
                apply_update(ss, plan, include_values=include, render=render) for plan in plans
            ]
            if responses:
                self._changed(ss)
        result: dict[str, Any] = {"spreadsheetId": sid}
        if responses:
            result.update(
                {
                    "totalUpdatedRows": len(
                        {
                            (p.sheet.sheet_id, r)
                            for p in plans
                            if p.touched
                            for r in p.touched.rows or ()
                        }
                    ),
                    "totalUpdatedColumns": len(
                        {
                            (p.sheet.sheet_id, c)
                            for p in plans
                            if p.touched
                            for c in p.touched.cols or ()
                        }
                    ),
                    "totalUpdatedCells": sum(r.get("updatedCells", 0) for r in responses),
                    "totalUpdatedSheets": len({p.sheet.sheet_id for p in plans if p.touched}),
                    "responses": responses,
                }
            )
        return result

    # -- drive --------------------------------------------------------------------------
    def _drive(
        self,
        environ: dict[str, Any],
        method: str,
        rest: str,
        query: dict[str, list[str]],
        route: Callable[[str], None],
    ) -> tuple[int, Any]:
        if rest in ("", "/") and method == "GET":
            route("drive.files.list")
            return 200, self._drive_list(query, self._user(environ))
        if rest in ("", "/") and method == "POST":
            route("drive.files.create")
            body = _json_body(environ)
            mime = body.get("mimeType", SPREADSHEET_MIME)
            if mime != SPREADSHEET_MIME:
                msg = "The sandbox Drive only creates Google Sheets files."
                raise GoogleError(400, msg, body=drive_error(400, msg, "badRequest"))
            ss = self.store.create(str(body.get("name") or "Untitled spreadsheet"))
            return 200, {k: ss.drive_file()[k] for k in ("kind", "id", "name", "mimeType")}
        m = re.fullmatch(r"/([^/]+)(/[\w/]+)?", rest)
        if m and m.group(2) is None:
            fid = unquote(m.group(1))
            if method == "GET":
                route("drive.files.get")
                with self.store.lock:
                    info = self.store.drive_get(fid).drive_file()
                wanted = (query.get("fields") or [""])[0]
                if wanted:
                    keys = [k.strip() for k in wanted.split(",")]
                    info = {k: v for k, v in info.items() if k in keys}
                return 200, info
            if method == "DELETE":
                route("drive.files.delete")
                with self.store.lock:
                    ss = self.store.drive_get(fid)
                    del self.store.spreadsheets[ss.id]
                    self.store.save()
                return 204, None
            if method == "PATCH":
                route("drive.files.update")
                body = _json_body(environ)
                with self.store.lock:
                    ss = self.store.drive_get(fid)
                    if body.get("name"):
                        ss.props["title"] = str(body["name"])
                    self._changed(ss)
                    info = ss.drive_file()
                return 200, {k: info[k] for k in ("kind", "id", "name", "mimeType")}
        if m and m.group(2) == "/copy" and method == "POST":
            route("drive.files.copy")
            body = _json_body(environ)
            with self.store.lock:
                original = self.store.drive_get(unquote(m.group(1)))
                name = body.get("name") or f"Copy of {original.title}"
                copy_ = self.store.copy(original, str(name))
                info = copy_.drive_file()
            return 200, {k: info[k] for k in ("kind", "id", "name", "mimeType")}
        if m and m.group(2) == "/comments" and method == "GET":
            route("drive.comments.list")
            with self.store.lock:
                self.store.drive_get(unquote(m.group(1)))
            return 200, {"kind": "drive#commentList", "comments": []}
        if m and m.group(2) == "/export" and method == "GET":
            route("drive.files.export")
            mime = (query.get("mimeType") or [""])[0]
            with self.store.lock:
                ss = self.store.drive_get(unquote(m.group(1)))
                if mime in ("text/csv", "text/tab-separated-values"):
                    return 200, RawBody(export_text(ss, mime), mime)
            msg = f"The sandbox Drive stand-in exports only text/csv and TSV, not {mime!r}."
            raise GoogleError(501, msg, body=drive_error(501, msg, "notImplemented"))
        environ["sandbox.route"] = "drive.unsupported"
        msg = (
            f"The sandbox Drive stand-in does not implement {method} /drive/v3/files{rest} "
            "(gspread's BackOffHTTPClient retries a 5xx without end: use the plain HTTPClient)"
        )
        raise GoogleError(501, msg, body=drive_error(501, msg, "notImplemented"))

    def _import(self, environ: dict[str, Any], fid: str, query: dict[str, list[str]]) -> Any:
        """Drive v2 ``files.update`` with media and ``convert=true``, as gspread's import_csv
        sends it: the file's content becomes the CSV, in one sheet (the first keeps its id
        and title; the others go), the fields typed as a person typing them would be."""
        length = int(environ.get("CONTENT_LENGTH") or 0)
        data = environ["wsgi.input"].read(length) if length else b""
        kind = str(environ.get("CONTENT_TYPE", "")).split(";")[0].strip()
        if kind not in ("text/csv", "text/plain", ""):
            msg = f"The sandbox Drive stand-in imports only text/csv, not {kind!r}."
            raise GoogleError(501, msg, body=drive_error(501, msg, "notImplemented"))
        with self.store.lock:
            ss = self.store.drive_get(fid)
            import_csv(ss, data.decode("utf-8-sig"))
            self._changed(ss)
            return {
                "kind": "drive#file",
                "id": ss.id,
                "title": ss.title,
                "mimeType": SPREADSHEET_MIME,
            }

    def _drive_list(self, query: dict[str, list[str]], user: str) -> dict[str, Any]:
        text = (query.get("q") or [""])[0]
        name = _q_value(text, "name")
        mime = _q_value(text, "mimeType")
        page_size = int((query.get("pageSize") or ["100"])[0] or 100)
        offset = int((query.get("pageToken") or ["0"])[0] or 0)
        with self.store.lock:
            files = [
                ss.drive_file()
                for ss in sorted(self.store.spreadsheets.values(), key=lambda s: -s.modified)
                if (name is None or ss.title == name)
                and mime in (None, SPREADSHEET_MIME)
                and ss.readable_by(user)
            ]
        page = files[offset : offset + page_size]
        out: dict[str, Any] = {
            "kind": "drive#fileList",
            "files": [
                {k: f[k] for k in ("id", "name", "createdTime", "modifiedTime")} for f in page
            ],
        }
        if offset + page_size < len(files):
            out["nextPageToken"] = str(offset + page_size)
        return out

    # -- state --------------------------------------------------------------------------
    def _changed(self, ss: Spreadsheet) -> None:
        ss.touch()
        self.store.save()

    # -- controls -----------------------------------------------------------------------
    def controls(self, on_reset: Callable[[], None] | None = None) -> dict[str, Any]:
        """The stand-in's own control verbs for :class:`sandbox.harness.Harness`."""

        def reset(payload: Any) -> Any:
            self.store.reset()
            self.quota.reset()
            if on_reset:
                on_reset()
            return {"ok": True}

        def seed(payload: Any) -> Any:
            payload = payload or {}
            tabs = payload.get("tabs")
            if isinstance(tabs, list):
                tabs = {t["title"]: t.get("rows", []) for t in tabs}
            ss = self.store.create(
                str(payload.get("title", "Sandbox")),
                tabs or None,
                spreadsheet_id=payload.get("spreadsheet_id"),
                frozen_rows=int(payload.get("frozen_rows", 0)),
                shared_with=payload.get("shared_with"),
            )
            return {
                "spreadsheet_id": ss.id,
                "sheets": {s.title: s.sheet_id for s in ss.sheets},
            }

        def quota(payload: Any) -> Any:
            return self.quota.configure(payload or {})

        def snapshot(payload: Any) -> Any:
            payload = payload or {}
            render = str(payload.get("render", "FORMULA")).upper()
            with self.store.lock:
                ss = self.store.get(str(payload.get("spreadsheet_id", "")))
                out: dict[str, Any] = {"title": ss.title, "sheets": {}}
                for sheet in ss.sheets:
                    if payload.get("sheet") and sheet.title != payload["sheet"]:
                        continue
                    rows = []
                    for row in sheet.rows:
                        vals = [
                            render_cell(v, render) if render != "RAW" else encode_cell(v)
                            for v in row
                        ]
                        while vals and vals[-1] in ("", None):
                            vals.pop()
                        rows.append(vals)
                    while rows and not rows[-1]:
                        rows.pop()
                    out["sheets"][sheet.title] = {
                        "sheetId": sheet.sheet_id,
                        "rowCount": sheet.row_count,
                        "columnCount": sheet.col_count,
                        "frozenRowCount": int(sheet.grid.get("frozenRowCount", 0)),
                        "merges": sheet.merges,
                        "validations": sheet.validations,
                        "rows": rows,
                    }
            return out

        def spreadsheets(payload: Any) -> Any:
            with self.store.lock:
                return {
                    "spreadsheets": [ss.drive_file() for ss in self.store.spreadsheets.values()]
                }

        def save(payload: Any) -> Any:
            self.store.save()
            return {"ok": True, "path": str(self.store.path) if self.store.path else None}

        return {
            "reset": reset,
            "seed": seed,
            "quota": quota,
            "snapshot": snapshot,
            "spreadsheets": spreadsheets,
            "save": save,
        }


def _q_value(text: str, name: str) -> str | None:
    """The value of ``name = "…"`` (or ``'…'``) in a Drive ``q`` query."""
    m = re.search(name + r"\s*=\s*(\"((?:[^\"\\]|\\.)*)\"|'((?:[^'\\]|\\.)*)')", text)
    if not m:
        return None
    raw = m.group(2) if m.group(2) is not None else m.group(3)
    return re.sub(r"\\(.)", r"\1", raw)


_REASONS = {
    200: "OK",
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    429: "Too Many Requests",
    500: "Internal Server Error",
    501: "Not Implemented",
    503: "Service Unavailable",
}


def _dims_kept(tree: dict[str, Any] | None) -> frozenset[str]:
    """Which of ``rowMetadata``/``columnMetadata`` a mask selects (both without a mask)."""
    both = frozenset({"rowMetadata", "columnMetadata"})
    if tree is None or tree.get("*"):
        return both
    data = tree.get("sheets", {})
    if data.get("*"):
        return both
    data = data.get("data", {})
    if data.get("*"):
        return both
    return frozenset(k for k in both if k in data)


class RawBody:
    """A non-JSON answer (an export's bytes) and its content type."""

    def __init__(self, data: bytes, content_type: str) -> None:
        self.data = data
        self.content_type = content_type


def export_text(ss: Spreadsheet, mime: str) -> bytes:
    """The first sheet as Drive exports it: formatted values, rows joined by CRLF, no
    newline after the last row."""
    sheet = ss.sheets[0]
    rows = read_values(ss, f"'{sheet.title.replace(chr(39), chr(39) * 2)}'").get("values", [])
    width = max((len(r) for r in rows), default=0)
    buffer = io.StringIO()
    delimiter = "\t" if mime == "text/tab-separated-values" else ","
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    for row in rows:
        writer.writerow([*row, *[""] * (width - len(row))])
    return buffer.getvalue().removesuffix("\r\n").encode("utf-8")


def import_csv(ss: Spreadsheet, text: str) -> None:
    rows = list(csv.reader(io.StringIO(text)))
    first = ss.sheets[0]
    ss.sheets = [first]
    first.rows = []
    first.meta = {}
    first.merges = []
    first.set_size(rows=max(1000, len(rows)), cols=max(26, *(len(r) for r in rows), 1))
    update_values(ss, f"'{first.title.replace(chr(39), chr(39) * 2)}'!A1", rows, "USER_ENTERED")


def parse_field_mask(text: str) -> dict[str, Any]:
    """Google's partial-response syntax (``sheets.properties``, ``sheets(properties(title))``,
    comma-separated) as a tree; a node holding ``"*"`` keeps everything below it."""
    tree: dict[str, Any] = {}
    pos = 0

    def parse_list(node_root: dict[str, Any]) -> None:
        nonlocal pos
        while pos < len(text):
            node = node_root
            while True:
                m = re.match(r"\s*([A-Za-z_@][A-Za-z0-9_]*|\*)\s*", text[pos:])
                if not m:
                    raise GoogleError(400, f"Invalid field selection {text}")
                pos += m.end()
                child: dict[str, Any] = node.setdefault(m.group(1), {})
                if pos < len(text) and text[pos] in "./":
                    pos += 1
                    node = child
                    continue
                break
            if pos < len(text) and text[pos] == "(":
                pos += 1
                parse_list(child)
                pos += 1  # the closing ")"
            else:
                child["*"] = True
            while pos < len(text) and text[pos] == " ":
                pos += 1
            if pos < len(text) and text[pos] == ",":
                pos += 1
                continue
            return

    parse_list(tree)
    return tree


def apply_field_mask(value: Any, tree: dict[str, Any]) -> Any:
    """Keep only the fields the mask selects (lists are filtered element-wise)."""
    if not tree or tree.get("*"):
        return value
    if isinstance(value, list):
        return [apply_field_mask(v, tree) for v in value]
    if not isinstance(value, dict):
        return value
    out = {}
    for key, sub in tree.items():
        if key in value:
            out[key] = apply_field_mask(value[key], sub)
    return out
