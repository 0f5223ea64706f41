"""The calls job's settings: [jobs.calls] and [branch.jobs.calls], validated by key."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from config.loader import SettingsError, load_settings
from tests.config.test_loader import BRANCH, EXAMPLE, in_english

START = "[jobs.calls]\nenabled = true\nstart_date = 2026-12-01\n"


@pytest.fixture
def write(tmp_path: Path) -> Callable[[str], Path]:
    def _write(text: str) -> Path:
        path = tmp_path / "bridge.toml"
        path.write_text(in_english(text), encoding="utf-8")
        return path

    return _write


def _problems(path: Path) -> tuple[str, ...]:
    with pytest.raises(SettingsError) as info:
        load_settings(path, env={})
    return info.value.problems


def test_example_documents_every_calls_setting() -> None:
    main, district = load_settings(EXAMPLE, env={}).branches
    calls = main.calls
    assert calls.start_date == date(2026, 12, 1)
    assert (calls.due_days, calls.cooldown_days, calls.max_attempts) == (14, 2, 3)
    assert (calls.release_after_days, calls.escalate_within_days) == (5, 3)
    assert calls.keep_finished_days == 7 and calls.no_contact_tag == "Ønsker ikke kontakt"
    assert calls.questions == {} and calls.round_questions == {}
    assert not district.calls.enabled and not load_settings(EXAMPLE, env={}).allow_clock_override


def test_branch_values_override_the_defaults(write: Callable[[str], Path]) -> None:
    path = write(
        START
        + 'cooldown_days = 1\nquestions = { "Vil skrive program" = "Skribent" }\n'
        + BRANCH
        + '[branch.jobs.calls]\nstart_date = "2026-11-01"\nmax_attempts = 5\n'
        + "no_contact_tag = false\n"
        + '[branch.jobs.calls.round_questions."Før valget"]\n"Vil stå på stand" = "Stand"\n'
    )
    settings = load_settings(path, env={})
    (branch,) = settings.branches
    calls = branch.calls
    assert calls.enabled and calls.start_date == date(2026, 11, 1)
    assert (calls.cooldown_days, calls.max_attempts, calls.no_contact_tag) == (1, 5, None)
    assert calls.questions == {"Vil skrive program": "Skribent"}
    assert calls.round_questions == {"Før valget": {"Vil stå på stand": "Stand"}}


def test_clock_override_is_a_top_level_switch(write: Callable[[str], Path]) -> None:
    on = load_settings(write("allow_clock_override = true\n" + BRANCH), env={})
    assert on.allow_clock_override
    problems = _problems(write('allow_clock_override = "yes"\n' + BRANCH))

    assert problems[0].endswith("allow_clock_override: expected true or false, got 'yes'")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[jobs.calls]\nenabled = true\n" + BRANCH, "branch[0].jobs.calls.start_date: missing"),
        (
            "[jobs.calls]\nstart_date = 2026-13-01\n" + BRANCH,
            None,  # TOML itself refuses it
        ),
        (
            '[jobs.calls]\nstart_date = "1. desember"\n' + BRANCH,
            "jobs.calls.start_date: expected a date like 2026-12-01, got '1. desember'",
        ),
        (
            START + "max_attempts = 0\n" + BRANCH,
            "jobs.calls.max_attempts: expected a whole number from 1 to 10",
        ),
        (
            START + 'due_days = "fjorten"\n' + BRANCH,
            "jobs.calls.due_days: expected a whole number, got 'fjorten'",
        ),
        (
            START + "cooldwn_days = 2\n" + BRANCH,
            "jobs.calls.cooldwn_days: unknown key (did you mean 'cooldown_days'?)",
        ),
        (
            START + 'questions = { "Vil skrive" = "" }\n' + BRANCH,
            "jobs.calls.questions.Vil skrive: must not be empty",
        ),
        (
            START + 'round_questions = { "Før valget" = "x" }\n' + BRANCH,
            "jobs.calls.round_questions.Før valget: expected a table [Før valget], got 'x'",
        ),
        (
            START + "no_contact_tag = true\n" + BRANCH,
            "jobs.calls.no_contact_tag: expected text in quotes, got true",
        ),
    ],
)
def test_bad_calls_settings_name_their_key(
    write: Callable[[str], Path], text: str, expected: str | None
) -> None:
    path = write(text)
    problems = _problems(path)
    if expected is None:
        assert "not valid TOML" in problems[0]
        return
    assert f"{path}: {expected}" in problems[0], problems


def test_mirror_and_tab_per_caller_default_off_and_merge_per_key(
    write: Callable[[str], Path],
) -> None:
    main, _district = load_settings(EXAMPLE, env={}).branches
    assert (main.calls.mirror_rounds, main.calls.tab_per_caller) == (False, False)
    path = write(
        START + "mirror_rounds = true\n" + BRANCH + "[branch.jobs.calls]\ntab_per_caller = true\n"
    )
    (branch,) = load_settings(path, env={}).branches
    assert (branch.calls.mirror_rounds, branch.calls.tab_per_caller) == (True, True)


def test_a_bad_mirror_switch_names_its_key(write: Callable[[str], Path]) -> None:
    path = write(START + 'mirror_rounds = "ja"\n' + BRANCH)
    (problem,) = _problems(path)
    assert problem.startswith(f"{path}: jobs.calls.mirror_rounds: ") and "'ja'" in problem
