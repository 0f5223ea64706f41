"""config/example.toml and the settings models agree: no key in one and not in the other.

The example documents a key either as a setting or as a commented-out line that is TOML on its
own (``# base_url = "http://..."``); both count. The models' keys are what the loader accepts
(:func:`config.loader.file_keys`): secrets and values the loader supplies are not file keys.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from bridge.workbook import DEFAULT_TABS
from config.loader import ENV_VARS, file_keys
from config.runtime_settings import LOCK_TTL_ENV
from config.settings import Settings, TabsFile

EXAMPLE = Path(__file__).resolve().parents[2] / "config" / "example.toml"
TEXT = EXAMPLE.read_text(encoding="utf-8")


def _uncommented(text: str) -> dict[str, Any]:
    """The example with every commented-out line that is TOML by itself switched on."""
    lines = []
    for line in text.splitlines():
        body = line.lstrip("#").strip() if line.startswith("#") else ""
        try:
            lines.append(body if body and tomllib.loads(body) is not None else line)
        except tomllib.TOMLDecodeError:
            lines.append(line)
    return tomllib.loads("\n".join(lines))


def _same_model(path: str) -> str:
    """[branch.jobs.*] has the model of [jobs.*]: one documentation serves both."""
    return path.replace("branch.jobs.", "jobs.", 1) if path.startswith("branch.jobs.") else path


def _example_paths(table: dict[str, Any], model: Any, prefix: str = "") -> set[str]:
    keys = file_keys(model) if model is not None else {}
    found: set[str] = set()
    for key, value in table.items():
        path = prefix + key
        found.add(path)
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, dict) and keys.get(key) is not None:
                found |= _example_paths(item, keys[key], path + ".")
    return found


def _model_paths(model: Any, prefix: str = "") -> set[str]:
    found: set[str] = set()
    for key, sub in file_keys(model).items():
        path = prefix + key
        found.add(path)
        if sub is not None and path not in ("branch.jobs", "branch.tabs"):
            found |= _model_paths(sub, path + ".")
    return found


def test_example_and_models_have_the_same_keys() -> None:
    example = {_same_model(p) for p in _example_paths(_uncommented(TEXT), Settings)}
    example = {p for p in example if not p.startswith("branch.tabs.")}
    models = _model_paths(Settings)
    assert sorted(example - models) == [], "in the example, not in the models"
    assert sorted(models - example) == [], "in the models, not in the example"
    assert "jobs.calls.start_date" in models and "branch.name" in models  # the walk goes deep


def test_example_lists_every_tab_and_field_with_its_default() -> None:
    """The tab table in the comments is the default workbook the models fall back on."""
    documented: dict[str, tuple[str, dict[str, str]]] = {}
    for match in re.finditer(r'(?m)^#   (\w+)\s+"([^"]+)"|^#     (\w+)\s+"([^"]+)"', TEXT):
        tab, title, field, header = match.groups()
        if tab:
            documented[tab] = (title, {})
        else:
            documented[list(documented)[-1]][1][field] = header
    models: dict[str, tuple[str, dict[str, str]]] = {}
    for key, tab in file_keys(TabsFile).items():
        headers = tab.model_fields.get("headers")
        defaults = headers.default_factory().model_dump() if headers else {}
        models[key] = (tab.model_fields["title"].default, defaults)
    assert documented == models
    assert list(models) == [tab.key for tab in DEFAULT_TABS]
    for key in ("title", "headers", "aliases"):
        assert re.search(rf"(?m)^#   {key}\s+=", TEXT), key


def test_example_names_every_environment_variable() -> None:
    # the secrets and service URLs, and the one setting the environment may override
    assert set(re.findall(r"BRIDGE_[A-Z_]+", TEXT)) == {*ENV_VARS, LOCK_TTL_ENV}
