"""Contract test: the stand-in answers gspread's recorded real-API requests like Google did."""

from __future__ import annotations

import pytest

from connectors.google_session import local_google_session
from sandbox.sheets import SheetsStandin

from .cassettes import CASSETTE_DIR, CassetteResult, replay_cassette

REQUIRED_SHARE = 0.90


def _summary(results: list[CassetteResult]) -> tuple[float, str]:
    outcomes = [o for r in results for o in r.outcomes]
    matched = sum(o.matched for o in outcomes)
    share = matched / len(outcomes) if outcomes else 0.0
    lines = [
        f"Sheets stand-in vs gspread cassettes: {matched}/{len(outcomes)} replayable "
        f"interactions match ({share:.1%}) across "
        f"{sum(1 for r in results if not r.skipped)} cassettes."
    ]
    skipped = [r for r in results if r.skipped]
    if skipped:
        lines.append(f"Not replayable ({len(skipped)} cassettes):")
        lines.extend(f"  - {r.name}: {r.skipped}" for r in skipped)
    failing = [o for o in outcomes if not o.matched]
    if failing:
        lines.append(f"Mismatches ({len(failing)}):")
        for o in failing:
            lines.append(f"  - {o.cassette}#{o.index} {o.method} {o.uri[:110]}")
            lines.extend(f"      {p[:160]}" for p in o.problems[:3])
    return share, "\n".join(lines)


def test_cassettes_replay_against_the_standin(
    sheets_standin: SheetsStandin, record_property: pytest.RecordProperty
) -> None:
    paths = sorted(CASSETTE_DIR.glob("*.json"))
    assert paths, f"no cassettes found in {CASSETTE_DIR}"
    session = local_google_session(sheets_standin.url)
    results = []
    for path in paths:
        sheets_standin.reset()
        results.append(replay_cassette(path, session))
    share, summary = _summary(results)
    print("\n" + summary)
    record_property("cassette_match_share", f"{share:.3f}")
    assert share >= REQUIRED_SHARE, summary
    # Every cassette is accounted for: replayed, or listed with its reason.
    assert len(results) == len(paths)
