"""Create the default workbook (DESIGN.md) in an empty spreadsheet: ``bridge init-sheet``.

Costs 4 requests per spreadsheet: 1 ``spreadsheets.get`` (which tabs exist), 1
``values:batchGet`` (are they empty?), 1 ``spreadsheets:batchUpdate`` (add tabs with a frozen
header row, data validation for yes/no and outcome columns, remove an empty unconfigured tab
such as the new spreadsheet's ``Sheet1``) and 1 ``values:batchUpdate`` (the headers, RAW).
A configured tab that already holds anything is never touched: the whole spreadsheet is refused.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import gspread

from bridge.errors import PermanentError
from bridge.messages import t as msg
from config.settings import TabSettings
from connectors.sheets.a1 import col_letter, tab_range
from connectors.sheets.headers import field_specs, tab_spec
from connectors.sheets.retry import GOOGLE_HOST, RetryPolicy

__all__ = ["InitResult", "init_workbook"]

_ROWS = 1000


@dataclass(frozen=True)
class InitResult:
    """What ``init_workbook`` did to one spreadsheet."""

    spreadsheet_id: str
    created: tuple[str, ...]  # tab titles added
    prepared: tuple[str, ...]  # empty tabs that already existed and got headers
    removed: tuple[str, ...]  # empty tabs that are not part of the workbook
    requests: int


def _headers(tab: TabSettings) -> list[tuple[str, tuple[str, ...]]]:
    spec = tab_spec(tab)
    if spec is not None and spec.whole:
        return []
    return [(f.header, f.validation) for f in field_specs(tab, spec).values()]


def init_workbook(
    client: gspread.Client,
    spreadsheet_id: str,
    tabs: Mapping[str, TabSettings],
    *,
    retry_cap: float = 60,
    language: str = "nb",
    host: str = GOOGLE_HOST,
) -> InitResult:
    """Add the configured tabs, headers, frozen header rows and validation; refuse non-empty
    tabs with :class:`PermanentError` (in ``language``) before writing anything."""
    count = [0]

    def counted(_: str) -> None:
        count[0] += 1

    retry = RetryPolicy(retry_cap, on_attempt=counted, language=language, host=host)
    http = client.http_client
    meta = retry.call(
        "metadata",
        lambda: http.fetch_sheet_metadata(
            spreadsheet_id, {"includeGridData": "false", "fields": "sheets(properties)"}
        ),
    )
    sheets = {s["properties"]["title"]: s["properties"] for s in meta.get("sheets", [])}
    titles = list(sheets)
    answer = retry.call(
        "batch_get",
        lambda: http.values_batch_get(
            spreadsheet_id, [tab_range(t) for t in titles], {"majorDimension": "ROWS"}
        ),
    )
    filled = {
        t
        for t, vr in zip(titles, answer.get("valueRanges", []), strict=True)
        if any(any(str(v).strip() for v in row) for row in vr.get("values", []) or [])
    }
    wanted = {tab.title: tab for tab in tabs.values()}
    refused = sorted(t for t in filled if t in wanted)
    if refused:
        raise PermanentError(
            msg("sheets.init_refused", language, tabs=", ".join(f"«{t}»" for t in refused)),
            where=msg("sheets.init_refused_where", language, id=spreadsheet_id),
            hint=msg("sheets.init_refused_hint", language),
        )

    requests: list[dict[str, Any]] = []
    data: list[dict[str, Any]] = []
    next_id = max([int(p.get("sheetId", 0)) for p in sheets.values()] + [0]) + 1
    created: list[str] = []
    prepared: list[str] = []
    for index, tab in enumerate(tabs.values()):
        headers = _headers(tab)
        width = max(26, len(headers))
        if tab.title in sheets:
            props = sheets[tab.title]
            sheet_id = int(props.get("sheetId", 0))
            grid = props.get("gridProperties", {})
            rows = int(grid.get("rowCount", _ROWS))
            new_grid: dict[str, Any] = {"frozenRowCount": 1 if headers else 0}
            mask = ["gridProperties.frozenRowCount"]
            if int(grid.get("columnCount", 0)) < width:
                new_grid["columnCount"] = width
                mask.append("gridProperties.columnCount")
            requests.append(
                {
                    "updateSheetProperties": {
                        "properties": {"sheetId": sheet_id, "gridProperties": new_grid},
                        "fields": ",".join(mask),
                    }
                }
            )
            prepared.append(tab.title)
        else:
            sheet_id, rows = next_id, _ROWS
            next_id += 1
            grid = {"rowCount": rows, "columnCount": width}
            if headers:
                grid["frozenRowCount"] = 1
            requests.append(
                {
                    "addSheet": {
                        "properties": {
                            "sheetId": sheet_id,
                            "title": tab.title,
                            "index": index,
                            "sheetType": "GRID",
                            "gridProperties": grid,
                        }
                    }
                }
            )
            created.append(tab.title)
        for col, (_, choices) in enumerate(headers):
            if not choices:
                continue
            requests.append(
                {
                    "setDataValidation": {
                        "range": {
                            "sheetId": sheet_id,
                            "startRowIndex": 1,
                            "endRowIndex": rows,
                            "startColumnIndex": col,
                            "endColumnIndex": col + 1,
                        },
                        "rule": {
                            "condition": {
                                "type": "ONE_OF_LIST",
                                "values": [{"userEnteredValue": c} for c in choices],
                            },
                            "showCustomUi": True,
                            "strict": False,  # free text like "ring senere" is understood
                        },
                    }
                }
            )
        if headers:
            last = col_letter(len(headers) - 1)
            data.append(
                {"range": tab_range(tab.title, f"A1:{last}1"), "values": [[h for h, _ in headers]]}
            )
    removed = [t for t in titles if t not in wanted and t not in filled]
    for title in removed:
        requests.append({"deleteSheet": {"sheetId": int(sheets[title].get("sheetId", 0))}})
    if requests:
        body = {"requests": requests}
        retry.call("batch_update", lambda: http.batch_update(spreadsheet_id, body))
    if data:
        values_body = {"valueInputOption": "RAW", "data": data}
        retry.call(
            "values_batch_update", lambda: http.values_batch_update(spreadsheet_id, values_body)
        )
    return InitResult(spreadsheet_id, tuple(created), tuple(prepared), tuple(removed), count[0])
