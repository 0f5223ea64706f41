"""The whole product against both stand-ins: real gspread, the real Zetkin client over HTTP, a
real SQLite ledger in a temporary folder (issue #5's acceptance tests)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from config.loader import load_settings
from config.settings import BranchSettings, Settings
from connectors.zetkin import ZetkinClient
from jobs.context import JobContext, build_context
from jobs.reconcile import RunResult, run_reconcile
from sandbox.environment import SandboxEnv, start_sandbox
from sandbox.sheets import gspread_client

TAB = "Medlemmer"
WRITE_METHODS = {"POST", "PATCH", "PUT", "DELETE"}
# POSTs that only read: a search, Smart Search's count, a bulk preview.
READ_ROUTES = {"search.person", "queries.ephemeral_stats", "bulk.preview"}
SHEETS_WRITES = {
    "values.batchUpdate",
    "values.append",
    "values.update",
    "values.clear",
    "spreadsheets.batchUpdate",
}


@dataclass
class Rig:
    """A running sandbox, its settings, one job context, and handles to poke at both sides."""

    env: SandboxEnv
    settings: Settings
    branch: BranchSettings
    ctx: JobContext

    def run(self, **kwargs: Any) -> RunResult:
        return run_reconcile(self.ctx, self.branch, **kwargs)

    def new_context(self, **kwargs: Any) -> JobContext:
        """A second context: own clients and ledger connection, the same ledger file."""
        return build_context(self.settings, **kwargs)

    @property
    def zetkin(self) -> ZetkinClient:
        return self.ctx.zetkin(self.branch)

    def worksheet(self) -> Any:
        return (
            gspread_client(self.env.sheets.url).open_by_key(self.env.spreadsheet_id).worksheet(TAB)
        )

    def formulas(self) -> list[list[str]]:
        return [
            [str(v) for v in row]
            for row in self.worksheet().get_all_values(value_render_option="FORMULA")
        ]

    def values(self) -> list[list[str]]:
        return [[str(v) for v in row] for row in self.worksheet().get_all_values()]

    def ledger_sheet_ids(self) -> dict[str, int]:
        return self.ctx.ledger.sheet_ids(self.branch.name)

    def clear_logs(self) -> None:
        self.env.sheets.control.clear_log()
        self.env.zetkin.control.clear_log()

    def sheets_writes(self) -> dict[str, int]:
        routes = self.env.sheets.control.counters()["by_route"]
        return {r: n for r, n in routes.items() if r in SHEETS_WRITES}

    def zetkin_writes(self, *, setup: bool = False) -> list[dict[str, Any]]:
        """Write requests to Zetkin; the bridge's own view (set up on the first pull, never
        people data) counts only with ``setup``."""
        return [
            r
            for r in self.env.zetkin.control.requests()
            if r["method"] in WRITE_METHODS
            and r["route"] not in READ_ROUTES
            and (setup or not str(r["route"]).startswith("views."))
            and not str(r.get("path", "")).startswith("/_control")
        ]

    def member_ids(self) -> set[int]:
        client = self.zetkin
        tag = client.tags.by_title()["Medlem"]
        return {p.id for p in client.tags.people(tag.id)}

    def people_count(self) -> int:
        return int(self.env.zetkin.control.call("state", {})["people"])


def make_rig(tmp_path: Path, **kwargs: Any) -> Rig:
    env = start_sandbox(tmp_path / "sandbox", **kwargs)
    settings = load_settings(env.config_path)
    return Rig(env, settings, settings.branches[0], build_context(settings))


@pytest.fixture
def rig(tmp_path: Path) -> Iterator[Rig]:
    """The demo branch, small: about 40 members and the board's messy member sheet."""
    made = make_rig(tmp_path, size=60)
    try:
        yield made
    finally:
        made.env.stop()
