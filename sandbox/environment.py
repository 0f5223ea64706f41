"""Both stand-ins started together, seeded, with a config file that points the bridge at them.

Used by ``bridge sandbox``, ``bridge demo``, the end-to-end tests and the benchmarks, so they
all run the product the same way: real gspread and a real Zetkin client over loopback HTTP.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sandbox.fictional import DISTRICTS, demo_member_sheet, generate
from sandbox.sheets import SheetsStandin, default_workbook_tabs
from sandbox.zetkin import ZetkinStandin

__all__ = ["SEEDS", "SandboxEnv", "start_sandbox", "write_config"]

SEEDS: tuple[str, ...] = ("demo", "empty", "blank")

BRANCH_NAME = "Trondheim SV (demo)"


@dataclass
class SandboxEnv:
    """The running stand-ins and the files that describe them."""

    zetkin: ZetkinStandin
    sheets: SheetsStandin
    spreadsheet_id: str
    config_path: Path
    folder: Path

    def info(self) -> dict[str, Any]:
        """The JSON line of DESIGN.md's sandbox contract."""
        return {
            "zetkin_url": self.zetkin.url,
            "zetkin_org_id": self.zetkin.org_id,
            "zetkin_token": self.zetkin.token,
            "sheets_url": self.sheets.url,
            "spreadsheet_id": self.spreadsheet_id,
            "config": str(self.config_path),
        }

    def env(self) -> dict[str, str]:
        """The secrets the bridge needs to reach the stand-ins (what ``secrets.env`` holds)."""
        return {"BRIDGE_ZETKIN_TOKEN": self.zetkin.token}

    def stop(self) -> None:
        self.zetkin.stop()
        self.sheets.stop()


def _toml_str(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_config(
    folder: Path,
    *,
    zetkin_url: str,
    org_id: int,
    sheets_url: str,
    spreadsheet_id: str,
    token: str,
    branch_name: str = BRANCH_NAME,
) -> Path:
    """A config (and ``secrets.env`` beside it, mode 0600) for the stand-ins."""
    folder.mkdir(parents=True, exist_ok=True)
    districts = ", ".join(_toml_str(d) for d in DISTRICTS)
    config = folder / "bridge.toml"
    config.write_text(
        "# Written by the sandbox: points the bridge at the local stand-ins.\n"
        'data_dir = "data"\n'
        'language = "nb"\n'
        "# The sandbox may run as if at another time: bridge sync --now 2026-12-14T10:00\n"
        "allow_clock_override = true\n\n"
        "[zetkin]\n"
        f"base_url = {_toml_str(zetkin_url)}\n"
        'retry_cap = "20s"\n\n'
        "[sheets]\n"
        f"base_url = {_toml_str(sheets_url)}\n"
        'retry_cap = "20s"\n\n'
        "[[branch]]\n"
        f"name = {_toml_str(branch_name)}\n"
        f"zetkin_org_id = {org_id}\n"
        f"spreadsheet_id = {_toml_str(spreadsheet_id)}\n"
        f"districts = [{districts}]\n",
        encoding="utf-8",
    )
    secrets = folder / "secrets.env"
    secrets.write_text(f"BRIDGE_ZETKIN_TOKEN={token}\n", encoding="utf-8")
    os.chmod(secrets, 0o600)
    return config


def start_sandbox(
    folder: Path,
    *,
    seed: str = "demo",
    size: int | None = None,
    seed_number: int = 1,
    member_sheet: bool | None = None,
) -> SandboxEnv:
    """Start both stand-ins on free loopback ports, seed them and write the config.

    ``seed="demo"`` gives the fictional branch in Zetkin and, unless ``member_sheet`` is
    false, a member sheet the board has been typing into (messy phones, a duplicate, rows
    without id, notes); ``seed="empty"`` gives defined fields and tags and a workbook with
    headers only; ``seed="blank"`` is the fictional branch in Zetkin and a spreadsheet with
    nothing in it (one empty tab, as Google makes one), so ``bridge init-sheet`` can be tried.
    """
    if seed not in SEEDS:
        raise ValueError(f"unknown seed {seed!r}; expected one of {', '.join(SEEDS)}")
    people = size if size is not None else 300
    zetkin_seed = "demo" if seed == "blank" else seed
    zetkin = ZetkinStandin(seed=zetkin_seed, seed_number=seed_number, size=people).start()
    sheets = SheetsStandin().start()
    if seed == "blank":
        spreadsheet_id = sheets.create_spreadsheet("Medlemsarbeid", {"Ark1": []})
    else:
        tabs = default_workbook_tabs()
        if seed == "demo" and member_sheet is not False:
            rows = demo_member_sheet(generate(seed_number, people))
            tabs["Medlemmer"] = rows
        spreadsheet_id = sheets.create_spreadsheet("Medlemsarbeid", tabs, frozen_rows=1)
    config = write_config(
        folder,
        zetkin_url=zetkin.url,
        org_id=zetkin.org_id,
        sheets_url=sheets.url,
        spreadsheet_id=spreadsheet_id,
        token=zetkin.token,
    )
    return SandboxEnv(zetkin, sheets, spreadsheet_id, config, folder)
