"""Sheet snapshots for the door-knocking planner, built as the workbook adapter builds them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from bridge.sheet import SheetRow, TabSnapshot
from bridge.workbook import default_tab
from connectors.sheets.a1 import cell

DISTRICTS = ("Heimdal", "Lerkendal", "Midtbyen", "Østbyen")


def snapshot(key: str, rows: Sequence[Mapping[str, str]], first_row: int = 2) -> TabSnapshot:
    """A tab of the default workbook with ``rows`` (field key -> text) from ``first_row``."""
    spec = default_tab(key)
    columns = {f.key: i for i, f in enumerate(spec.fields)}
    out = []
    for n, values in enumerate(rows, start=first_row):
        full = {k: values.get(k, "") for k in columns}
        out.append(
            SheetRow(
                n,
                full,
                {k: cell(n, c) for k, c in columns.items()},
                (full.get(spec.key_field or "", "") or None) if spec.key_field else None,
            )
        )
    return TabSnapshot(key, spec.title, columns, tuple(out), tuple(f.header for f in spec.fields))
