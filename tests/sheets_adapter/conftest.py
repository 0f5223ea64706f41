"""Helpers for the adapter's integration tests: build spreadsheets through real gspread."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import gspread
import pytest

from bridge.workbook import DEFAULT_TABS
from config.settings import TabSettings


def default_tabs() -> dict[str, TabSettings]:
    """The default workbook as configured tabs (what the config loader gives by default)."""
    return {
        spec.key: TabSettings(spec.key, spec.title, {f.key: f.header for f in spec.fields})
        for spec in DEFAULT_TABS
    }


def make_book(
    gc: gspread.Client,
    tabs: Mapping[str, Sequence[Sequence[str]]],
    *,
    title: str = "Testbok",
    rows: int | None = None,
) -> str:
    """A new spreadsheet holding ``tabs`` (title -> rows, written RAW); returns its id."""
    sh = gc.create(title)
    first = sh.sheet1
    for name, values in tabs.items():
        width = max([len(r) for r in values] + [1])
        ws = sh.add_worksheet(name, rows=rows or max(len(values) + 10, 100), cols=max(width, 26))
        if values:
            ws.update([list(r) for r in values], "A1", raw=True)
    sh.del_worksheet(first)
    return str(sh.id)


@pytest.fixture(autouse=True)
def _clean_standin(request: pytest.FixtureRequest) -> None:
    """Every integration test starts with no faults, latency or log (spreadsheets are kept)."""
    if "gspread_client" in request.fixturenames:
        control: Any = request.getfixturevalue("sheets_control")
        assert control is not None
