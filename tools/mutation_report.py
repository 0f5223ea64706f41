"""Summarise a finished `mutmut run`: one line with the score, then every surviving mutant.

mutmut 3 keeps its verdicts in `mutants/<file>.py.meta` (one exit code per mutant); the score is
killed / all mutants, as issue 8 counts it (a mutant no test runs counts against the score).
Run from the project root after `mutmut run`; `--fail-under 95` makes a lower score an error.
"""

from __future__ import annotations

import argparse
import json
import sys
import tomllib
from collections import Counter
from pathlib import Path

from mutmut.mutation.diff_apply import get_diff_for_mutant
from mutmut.stats import status_by_exit_code

MUTANTS = Path("mutants")


def source_paths() -> list[Path]:
    config = tomllib.loads(Path("pyproject.toml").read_text("utf-8"))["tool"]["mutmut"]
    return [Path(p) for p in config["source_paths"]]


def verdicts() -> dict[str, tuple[Path, str]]:
    """Every mutant's name → (source file, status), read from mutmut's .meta files."""
    found: dict[str, tuple[Path, str]] = {}
    for src in source_paths():
        for meta in sorted((MUTANTS / src).rglob("*.py.meta")):
            source = meta.relative_to(MUTANTS).with_suffix("")
            codes = json.loads(meta.read_text("utf-8"))["exit_code_by_key"]
            for name, code in codes.items():
                found[name] = (source, status_by_exit_code[code])
    return found


def changed_lines(name: str, source: Path) -> list[str]:
    """The -/+ lines of the mutant's diff, with the original line's number when it is found."""
    diff = get_diff_for_mutant(name, path=source).splitlines()[2:]
    lines = source.read_text("utf-8").splitlines()
    out = []
    for line in diff:
        if line[:1] not in "-+":
            continue
        where = ""
        if line.startswith("-"):
            text = line[1:].strip()
            hits = [i + 1 for i, src in enumerate(lines) if src.strip() == text]
            where = f"{source}:{hits[0]}" if len(hits) == 1 else str(source)
        out.append(f"      {line[0]} {line[1:].strip()}   {where}".rstrip())
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--fail-under", type=float, default=0.0, help="lowest acceptable score, %%")
    parser.add_argument("--no-diff", action="store_true", help="list survivors by name only")
    args = parser.parse_args()

    found = verdicts()
    if not found:
        print("mutation: no results under mutants/ (run `mutmut run` first)")
        return 1
    counts = Counter(status for _, status in found.values())
    total = len(found)
    killed = counts["killed"]
    score = 100.0 * killed / total
    others = ", ".join(f"{n} {s}" for s, n in sorted(counts.items()) if s != "killed")
    rest = others or "none left"
    print(f"mutation score: {killed} killed / {total} mutants = {score:.1f}% ({rest})")
    for name, (source, status) in sorted(found.items()):
        if status == "killed":
            continue
        print(f"  {status}: {name}")
        if not args.no_diff:
            print("\n".join(changed_lines(name, source)))
    if score < args.fail_under:
        print(f"mutation score {score:.1f}% is below {args.fail_under:.0f}%")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
