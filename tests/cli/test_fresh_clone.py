"""Issue 13's acceptance: from a copy of the repository's files alone, the README's first steps.

The README's demo, then its walk-through against the stand-ins, run line by line as the README
writes them (`.venv/bin/bridge` becomes this interpreter's `-m cli.main`), each with the exit
code its comment promises. A copy of the tracked files stands in for a fresh clone, so nothing
outside the repository (no sibling folder, no absolute path) can make it pass.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _clone(into: Path) -> Path:
    files = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout.split("\0")
    for name in filter(None, files):
        source = ROOT / name
        if source.is_file():
            target = into / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    return into


def _walkthrough() -> list[tuple[list[str], int | None, bool]]:
    """(arguments, promised exit code, runs in the background) for each README line."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Try each step against the stand-ins", 1)[1]
    block = section.split("```sh", 1)[1].split("```", 1)[0]
    steps = []
    for line in block.strip().splitlines():
        command, _, comment = line.partition("#")
        words = shlex.split(command)
        if not words or words[0] != ".venv/bin/bridge":
            continue
        background = words[-1] == "&"
        code = re.search(r"exit (\d)", comment)
        steps.append(
            (words[1:-1] if background else words[1:], int(code[1]) if code else None, background)
        )
    return steps


def test_the_readme_first_steps_work_from_a_fresh_copy(tmp_path: Path) -> None:
    clone = _clone(tmp_path / "clone")
    env = {k: v for k, v in os.environ.items() if not k.startswith("BRIDGE_")}
    env["PYTHONPATH"] = str(clone)
    bridge = [sys.executable, "-m", "cli.main"]

    def run(args: list[str]) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*bridge, *args], cwd=clone, env=env, capture_output=True, text=True, timeout=180
        )

    demo = run(["demo", "--once", "--size", "60"])  # what `make demo` runs (smaller here)
    assert demo.returncode == 0, demo.stdout + demo.stderr
    assert "Kjøring 1: ok" in demo.stdout and "Traceback" not in demo.stderr

    steps = _walkthrough()
    assert [s[0][0] for s in steps] == ["sandbox", "check", "init-sheet", "check", "sync", "sync"]
    (sandbox_args, _, background), *rest = steps
    assert background and "--seed" in sandbox_args and "blank" in sandbox_args
    server = subprocess.Popen(
        [*bridge, *sandbox_args], cwd=clone, env=env, stdout=subprocess.PIPE, text=True
    )
    try:
        assert server.stdout is not None
        for line in server.stdout:
            if "Ctrl-C" in line:
                break
        outputs = []
        for args, code, _ in rest:
            done = run(args)
            outputs.append(done)
            assert "Traceback" not in done.stderr, done.stderr
            assert done.returncode == code, (args, done.stdout, done.stderr)
        first_check, _, second_check, first_sync, second_sync = outputs
        assert "bridge init-sheet --config" in first_check.stderr
        assert second_check.stdout.strip().splitlines()[-1].startswith("Alt i orden")
        assert re.search(r"rader lagt til [1-9]\d*", first_sync.stdout), first_sync.stdout
        assert "sheets 1" in second_sync.stdout  # a quiet cycle is one Sheets request
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=20)
