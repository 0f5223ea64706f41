"""The [runtime] table: defaults, the example documents every key, problems in the loader's form."""

from __future__ import annotations

from datetime import time, timedelta
from pathlib import Path

import pytest

from config.loader import SettingsError, load_settings
from config.runtime_settings import RuntimeSettings
from sandbox.environment import write_config

EXAMPLE = Path(__file__).resolve().parents[2] / "config" / "example.toml"
SECRETS = {"BRIDGE_ZETKIN_TOKEN": "not-a-real-token"}


def _config(tmp_path: Path, runtime: str) -> Path:
    path = write_config(
        tmp_path,
        zetkin_url="http://127.0.0.1:9/",
        org_id=1,
        sheets_url="http://127.0.0.1:9/",
        spreadsheet_id="sheet-1",
        token="not-a-real-token",
    )
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("[zetkin]", f"[runtime]\n{runtime}\n\n[zetkin]"), encoding="utf-8")
    return path


def test_the_example_documents_every_runtime_key_with_its_default() -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    for key in RuntimeSettings.model_fields:
        assert f"\n{key} = " in text, key
    assert load_settings(EXAMPLE, env={}).runtime == RuntimeSettings()


def test_values_are_parsed_and_the_env_shortens_the_lock(tmp_path: Path) -> None:
    lines = ['cycle_every = "5m"', 'nightly_check = "02:30"', 'quota_window = "6s"']
    config = _config(tmp_path, "\n".join([*lines, "log_json = true"]))
    settings = load_settings(config, env={**SECRETS, "BRIDGE_LOCK_TTL": "2"})
    runtime = settings.runtime
    assert runtime.cycle_every == timedelta(minutes=5)
    assert runtime.nightly_check == time(2, 30)
    assert runtime.quota_window == timedelta(seconds=6)
    assert runtime.log_json is True
    assert runtime.lock_ttl == 2.0
    assert load_settings(_config(tmp_path / "b", 'nightly_check = ""'), env=SECRETS).runtime == (
        RuntimeSettings(nightly_check=None)
    )


def test_bad_values_are_problems_with_their_key_path(tmp_path: Path) -> None:
    config = _config(tmp_path, 'cycle_every = "often"\nlock_ttl = 0\nspeed = 3')
    with pytest.raises(SettingsError) as caught:
        load_settings(config, env={**SECRETS})
    problems = "\n".join(caught.value.problems)
    assert "runtime.cycle_every" in problems and "'10m'" in problems
    assert "runtime.lock_ttl" in problems
    assert "runtime.speed" in problems
    with pytest.raises(SettingsError) as env_bad:
        load_settings(_config(tmp_path / "b", ""), env={**SECRETS, "BRIDGE_LOCK_TTL": "x"})
    assert "BRIDGE_LOCK_TTL" in str(env_bad.value)
