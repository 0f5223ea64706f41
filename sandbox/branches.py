"""A sandbox of many branches: one Zetkin stand-in, one Sheets stand-in, a spreadsheet each.

For the multi-branch tests and ``python -m bench runtime``: ``start_branches(folder, n, size)``
seeds the fictional branch of ``size`` people in Zetkin and gives each of the ``n`` branches
its own workbook with headers only, so each branch's first cycle appends every member to its
own sheet (three Sheets requests) and a second cycle is quiet (one). The branches share the
one Zetkin organisation (the stand-in serves one), which the run neither minds nor changes:
with empty sheets nothing is created in Zetkin. ``missing`` names branches whose spreadsheet
does not exist, for a branch that fails while the others go on.

Because they share the org, the bridge's own people view in it is made once, by a dry run of
the first branch (on a throw-away ledger), before any worker starts: two first cycles of one
org at once would both make the view (a race only a shared org has; real branches each have
their own organisation). The pull settles two makers on one view (connectors/zetkin/pull.py),
but a pull that reads rows while the other process is still adding the view's columns can
still miss custom-field values, which the next cycle then fills in as a mass change.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sandbox.environment import SandboxEnv, _toml_str, write_config
from sandbox.sheets import SheetsStandin, default_workbook_tabs
from sandbox.zetkin import ZetkinStandin

__all__ = ["ManyBranches", "branch_name", "start_branches"]


def branch_name(index: int) -> str:
    return f"Lag {index + 1:02d}"


@dataclass
class ManyBranches(SandboxEnv):
    """The sandbox plus each branch's spreadsheet id (``spreadsheet_id`` is the first's)."""

    spreadsheets: dict[str, str] = field(default_factory=dict)


def start_branches(
    folder: Path,
    count: int,
    *,
    size: int = 200,
    missing: Iterable[int] = (),
    runtime: str = "",
) -> ManyBranches:
    """Start both stand-ins with ``count`` branches; ``runtime`` is the body of a
    ``[runtime]`` table for the config (e.g. ``'quota_window = "6s"'``)."""
    zetkin = ZetkinStandin(seed="demo", size=size).start()
    sheets = SheetsStandin().start()
    gone = set(missing)
    spreadsheets = {}
    for index in range(count):
        name = branch_name(index)
        if index in gone:
            spreadsheets[name] = f"missing-{index}"
        else:
            spreadsheets[name] = sheets.create_spreadsheet(
                f"Medlemsarbeid {name}", default_workbook_tabs(), frozen_rows=1
            )
    names = list(spreadsheets)
    config = write_config(
        folder,
        zetkin_url=zetkin.url,
        org_id=zetkin.org_id,
        sheets_url=sheets.url,
        spreadsheet_id=spreadsheets[names[0]],
        token=zetkin.token,
        branch_name=names[0],
    )
    text = config.read_text(encoding="utf-8")
    extra = "".join(
        f"\n[[branch]]\nname = {_toml_str(name)}\nzetkin_org_id = {zetkin.org_id}\n"
        f"spreadsheet_id = {_toml_str(spreadsheets[name])}\n"
        for name in names[1:]
    )
    if runtime:
        text = text.replace("[zetkin]", f"[runtime]\n{runtime}\n\n[zetkin]", 1)
    config.write_text(text + extra, encoding="utf-8")
    _make_view(config, zetkin.token)
    return ManyBranches(zetkin, sheets, spreadsheets[names[0]], config, folder, spreadsheets)


def _make_view(config: Path, token: str) -> None:
    """A dry run of the first branch: its pull makes the bridge's view in the shared org."""
    from config.loader import load_settings
    from jobs.context import build_context
    from jobs.cycle import run_cycle
    from jobs.registry import jobs_for
    from ledger import open_ledger

    settings = load_settings(config, env={"BRIDGE_ZETKIN_TOKEN": token})
    ledger = open_ledger("sqlite://")
    try:
        branch = settings.branches[0]
        run_cycle(
            build_context(settings, ledger=ledger), branch, jobs_for(branch, "all"), dry_run=True
        )
    finally:
        ledger.close()
