"""A person at the admin, in a real browser: Playwright driving Debian's headless Chromium.

The admin runs over the demo's fictional branch (both stand-ins, the real runner): it logs in,
sees the failed run and a row error with its cell link, approves the held plan, triggers a dry
run, and looks at the measures and a person page. Screenshots go to test-output/screenshots/.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from admin.demo import DemoAdmin, seed_call_history, serve_demo, stage
from config.loader import load_settings
from jobs.context import JobContext, build_context
from jobs.cycle import run_cycle
from jobs.registry import jobs_for
from sandbox.environment import start_sandbox

CHROMIUM = "/usr/bin/chromium"
SHOTS = Path(__file__).resolve().parents[2] / "test-output" / "screenshots"


def _chromium() -> str:
    """Debian's Chromium, installed here when missing; a clear skip only where it cannot be
    installed, and never in CI (there a missing browser fails the test)."""
    if not Path(CHROMIUM).exists() and shutil.which("apt-get") and os.geteuid() == 0:
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        for command in (
            ["apt-get", "update", "-qq"],
            ["apt-get", "install", "-y", "-qq", "chromium"],
        ):
            subprocess.run(command, check=False, capture_output=True, env=env, timeout=600)
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing in CI: .ci/run must install Debian's chromium")
        pytest.skip(f"no {CHROMIUM} and it cannot be installed here (needs root and apt-get)")
    return CHROMIUM


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[DemoAdmin, dict[str, Any]]]:
    folder = tmp_path_factory.mktemp("admin-demo")
    env = start_sandbox(folder, seed="demo", size=60)
    settings = load_settings(env.config_path, {**os.environ, **env.env()})
    ctx: JobContext = build_context(settings)
    branch = settings.branches[0]
    first = run_cycle(ctx, branch, jobs_for(branch, "all"))
    assert first.status == "ok", first.error
    runs = stage(env, ctx, branch)
    assert runs["held"] is not None
    seed_call_history(ctx, branch)
    admin = serve_demo(settings, ctx, port=0)
    try:
        yield admin, {**runs, "spreadsheet": env.spreadsheet_id, "ctx": ctx}
    finally:
        admin.stop()
        ctx.ledger.close()
        env.stop()


@pytest.fixture(scope="module")
def page(demo: tuple[DemoAdmin, dict[str, Any]]) -> Iterator[Any]:
    sync_api = pytest.importorskip("playwright.sync_api", reason="pip install playwright")
    executable = _chromium()
    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=executable, headless=True, args=["--no-sandbox"]
        )
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        yield page
        browser.close()


def test_a_person_logs_in_and_works_through_the_day(
    demo: tuple[DemoAdmin, dict[str, Any]], page: Any
) -> None:
    admin, runs = demo
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)

    # Logged out, the admin sends the browser to the login form.
    page.goto(admin.url + "/")
    assert "/login" in page.url
    page.fill("input[name=username]", admin.user)
    page.fill("input[name=password]", admin.password)
    page.click("button[type=submit]")
    assert page.url.rstrip("/") == admin.url
    assert page.locator("tr.red").count() >= 1  # the held run marks its job red
    page.screenshot(path=str(SHOTS / "status.png"), full_page=True)

    # The failed run is in the history, with Zetkin's refusal.
    page.goto(admin.url + "/runs?status=failed")
    row = page.locator(f"a[href='/runs/{runs['failed']}']")
    assert row.count() == 1
    row.click()
    assert "403" in page.locator("dd.red").first.inner_text()

    # A row error with a link that opens the sheet at its cell.
    page.goto(admin.url + "/errors")
    link = page.locator("a.cell").first
    href = link.get_attribute("href")
    cell = link.inner_text()
    assert href.startswith(f"https://docs.google.com/spreadsheets/d/{runs['spreadsheet']}/edit")
    assert href.endswith("&range=" + cell) and cell[0].isalpha() and cell[1:].isdigit()
    assert "gid=" in href  # the demo's cycles wrote, so the tab's sheetId is known
    page.screenshot(path=str(SHOTS / "errors-with-cell-link.png"), full_page=True)

    # The held plan, row by row, with the guard that held it; approve it.
    page.goto(admin.url + f"/runs/{runs['held']}")
    assert page.locator("section.held").count() == 1
    assert page.locator("table.plan tr").count() > 10
    page.screenshot(path=str(SHOTS / "held-plan.png"), full_page=True)
    page.click("section.held button.primary")
    flash = page.locator("p.flash").inner_text()
    assert "godkjent" in flash and "OK" in flash, flash
    ledger = runs["ctx"].ledger
    assert ledger.get_run(runs["held"]).status == "approved"

    # A dry run of the member job from the status page.
    page.goto(admin.url + "/")
    before = ledger.recent_runs(1)[0].id
    page.locator("form:has(input[name=job][value=reconcile]) button[value='1']").click()
    newest = ledger.recent_runs(1)[0]
    assert newest.id > before and newest.status == "dry_run"
    assert f"/runs/{newest.id}" in page.url

    # The measures with their charts.
    page.goto(admin.url + "/measures")
    assert page.locator("svg.chart rect").count() >= 2
    page.screenshot(path=str(SHOTS / "measures.png"), full_page=True)

    # A person page, found by Zetkin id, and recorded as viewed.
    person = sorted(ledger.load_links(ledger.recent_runs(1)[0].branch))[0]
    page.goto(admin.url + "/people")
    page.fill("input[name=q]", str(person))
    page.click("form.filters button[type=submit]")
    page.locator("table a").first.click()
    assert page.locator("h1").inner_text().endswith(str(person))
    page.screenshot(path=str(SHOTS / "person.png"), full_page=True)
    seen = ledger.recent_audit(zetkin_person_id=person, actor=f"user:{admin.user}")
    assert any(a.field == "viewed" for a in seen)

    assert errors == []  # no CSP violation or script error on any page
