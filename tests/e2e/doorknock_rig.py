"""The door-knocking job against both stand-ins: rows typed with gspread as a board would,
Zetkin read back over HTTP (issue 15's acceptance)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Any

from bridge.doorknock import ref_of
from config.doorknock_settings import DoorknockSettings
from config.settings import BranchSettings, CallsSettings
from jobs.cycle import LOCAL_TZ, RunResult, run_cycle
from jobs.registry import jobs_for
from sandbox.sheets import gspread_client
from tests.e2e.conftest import Rig, make_rig

NOW = datetime(2026, 6, 1, 10, 0, tzinfo=LOCAL_TZ)


@dataclasses.dataclass
class DoorRig:
    rig: Rig
    branch: BranchSettings
    now: datetime = NOW

    def cycle(self, job: str = "doorknock", **kwargs: Any) -> RunResult:
        self.rig.ctx.clock = lambda: self.now
        result = run_cycle(self.rig.ctx, self.branch, jobs_for(self.branch, job), **kwargs)
        assert result.status in ("ok", "dry_run"), (result.error, result.held)
        return result

    def sheet(self, title: str) -> Any:
        book = gspread_client(self.rig.env.sheets.url).open_by_key(self.rig.env.spreadsheet_id)
        return book.worksheet(title)

    def add(self, title: str, rows: list[list[str]]) -> None:
        self.sheet(title).append_rows(rows, value_input_option="RAW")

    def rows(self, title: str) -> list[list[str]]:
        return self.sheet(title).get_all_values()

    def events(self) -> list[Any]:
        """The project's events the bridge made (the demo has others, made in the app)."""
        client = self.rig.zetkin
        project = next(c for c in client.events.campaigns() if c.title == "Dørbank")
        return [
            e for e in client.events.list(campaign_id=project.id) if ref_of(e.info_text) is not None
        ]

    def sheets_total(self) -> int:
        return int(self.rig.env.sheets.control.counters()["total"])


@contextmanager
def door_rig(
    tmp_path: Path, size: int = 40, *, calls: bool = False, **settings: Any
) -> Iterator[DoorRig]:
    """The demo branch with door-knocking on (and the calls job, with ``calls``)."""
    rig = make_rig(tmp_path, size=size)
    try:
        dk = DoorknockSettings.model_validate({"enabled": True, **settings})
        branch = dataclasses.replace(
            rig.branch, jobs=dataclasses.replace(rig.branch.jobs, doorknock=dk)
        )
        if calls:
            call_settings = CallsSettings(enabled=True, start_date=date(2026, 5, 1))
            branch = dataclasses.replace(
                branch, jobs=dataclasses.replace(branch.jobs, calls=call_settings)
            )
        yield DoorRig(rig, branch)
    finally:
        rig.env.stop()
