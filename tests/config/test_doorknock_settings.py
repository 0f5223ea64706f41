"""[jobs.doorknock]: the example documents every key, and bad values are clear problems."""

from __future__ import annotations

from collections.abc import Callable
from datetime import time, timedelta
from pathlib import Path

import pytest

from config.doorknock_settings import DoorknockSettings
from config.loader import SettingsError, load_settings

DOORKNOCK_KEYS = tuple(DoorknockSettings.model_fields)

EXAMPLE = Path(__file__).resolve().parents[2] / "config" / "example.toml"
BRANCH = '[[branch]]\nname = "B"\nzetkin_org_id = 1\nspreadsheet_id = "s"\n'


@pytest.fixture
def write(tmp_path: Path) -> Callable[[str], Path]:
    def make(text: str) -> Path:
        path = tmp_path / "bridge.toml"
        path.write_text(text, encoding="utf-8")
        return path

    return make


def test_example_documents_every_doorknock_key() -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    section = text.split("[jobs.doorknock]", 1)[1].split("\n[", 1)[0]
    assert [k for k in DOORKNOCK_KEYS if k not in section] == []
    dk = load_settings(EXAMPLE, env={}).branches[0].doorknock
    assert not dk.enabled and dk.every == timedelta(hours=1) and dk.project == "Dørbank"
    assert dk.start_time == time(17, 0) and dk.goal_rounds == 10 and dk.themes is None


def test_branch_overrides_and_validation(write: Callable[[str], Path]) -> None:
    path = write(
        '[jobs.doorknock]\nenabled = true\nstart_time = "18:30"\n'
        + BRANCH
        + "[branch.jobs.doorknock]\ngoal_rounds = 12\n"
    )
    dk = load_settings(path, env={}).branches[0].doorknock
    assert dk.enabled and dk.start_time == time(18, 30) and dk.goal_rounds == 12
    bad = write('[jobs.doorknock]\ngoal_rounds = 0\nstart_time = "kveld"\n' + BRANCH)
    with pytest.raises(SettingsError) as info:
        load_settings(bad, env={})
    text = "\n".join(info.value.problems)
    assert "jobs.doorknock.goal_rounds" in text and "jobs.doorknock.start_time" in text
    unknown = write("[jobs.doorknock]\nprojekt = 'x'\n" + BRANCH)
    with pytest.raises(SettingsError) as info:
        load_settings(unknown, env={})
    assert "projekt" in "\n".join(info.value.problems)
