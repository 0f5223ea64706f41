"""The Google Sheets workbook adapter: read a branch's tabs in one request, write in one.

See :mod:`connectors.sheets.workbook` for what each call costs in requests.
"""

from __future__ import annotations

from connectors.sheets.factory import make_gspread_client, open_workbook
from connectors.sheets.headers import HeaderProblem, TabLayout, map_headers, normalise
from connectors.sheets.init_sheet import InitResult, init_workbook
from connectors.sheets.retry import RetryPolicy
from connectors.sheets.workbook import ApplyResult, SkippedWrite, Workbook, check_headers

__all__ = [
    "ApplyResult",
    "HeaderProblem",
    "InitResult",
    "RetryPolicy",
    "SkippedWrite",
    "TabLayout",
    "Workbook",
    "check_headers",
    "init_workbook",
    "make_gspread_client",
    "map_headers",
    "normalise",
    "open_workbook",
]
