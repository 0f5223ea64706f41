"""Any value of any TOML type under any key is a worded problem or a valid setting: never a
traceback, and never pydantic's own English text."""

from __future__ import annotations

import datetime as dt
from datetime import timedelta
from pathlib import Path
from typing import Annotated, Any, Literal

import pytest
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from config.fields import SECTION, TABLE, UNSET, Duration, Load, Secret, from_env
from config.loader import SettingsError, _problems, load_settings
from config.settings import Settings
from tests.config.test_example import _model_paths

VALUES: list[Any] = ["x", " ", 5, 0, -1, True, 1.5, [1], ["a", "a"], {"a": 1}, dt.date(2026, 1, 1)]
PATHS = sorted(p for p in _model_paths(Settings) if p != "branch")
PATHS += ["branch.tabs.members", "branch.tabs.members.title", "branch.tabs.summary.headers"]
PATHS += ["branch.tabs.members.headers.phone", "branch.tabs.callers.aliases.email"]
PATHS += ["jobs.calls.questions.Vil skrive", "jobs.calls.round_questions.Før valget"]


def _toml(value: Any) -> str:
    """A value as inline TOML (tables inline, so one line holds any nesting)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, list):
        return "[" + ", ".join(_toml(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f'"{k}" = {_toml(v)}' for k, v in value.items()) + "}"
    return str(value)


def _file(path: str, value: Any) -> str:
    """A valid minimal file with ``value`` at the dotted ``path`` (``branch.x``: branch[0].x)."""
    root: dict[str, Any] = {"language": "en"}
    branch: dict[str, Any] = {"name": "Testby", "zetkin_org_id": 7, "spreadsheet_id": "s"}
    *tables, key = path.split(".")
    table = branch if tables[:1] == ["branch"] else root
    for name in tables[1:] if table is branch else tables:
        table = table.setdefault(name, {})
    table[key] = value
    lines = [f"{k} = {_toml(v)}" for k, v in root.items()]
    return "\n".join([*lines, "[[branch]]", *(f'"{k}" = {_toml(v)}' for k, v in branch.items())])


@pytest.mark.parametrize("path", PATHS)
def test_any_value_anywhere_is_a_worded_problem(tmp_path: Path, path: str) -> None:
    file = tmp_path / "bridge.toml"
    for value in VALUES:
        file.write_text(_file(path, value), encoding="utf-8")
        try:
            load_settings(file, env={})
        except SettingsError as exc:
            assert exc.problems
            for problem in exc.problems:
                assert "invalid value" not in problem, (path, value, problem)


class _Section(BaseModel):
    """A section as another area would declare it, with pydantic's own constraints."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    count: int = Field(default=1, ge=0, le=9, description="A count.")
    share: float = Field(default=0.5, gt=0, lt=1, description="A share.")
    mode: Literal["a", "b"] = Field(default="a", description="A mode.")
    wait: timedelta = Field(default=timedelta(minutes=1), description="A wait.")
    day: dt.date | None = Field(default=None, description="A day.")
    names: list[str] = Field(default_factory=list, description="Names.")


@pytest.mark.parametrize(
    ("table", "expected"),
    [
        ({"count": -1}, "count: expected at least 0, got -1"),
        ({"count": 10}, "count: expected at most 9, got 10"),
        ({"share": 0}, "share: expected above 0.0, got 0"),
        ({"share": 1}, "share: expected below 1.0, got 1"),
        ({"mode": "c"}, "mode: expected one of a or b, got 'c'"),
        ({"wait": "soon"}, "wait: expected a duration in quotes like '10m', got 'soon'"),
        ({"day": "x"}, "day: expected a date like 2026-12-01, got 'x'"),
        ({"names": "x"}, 'names: expected a list of texts like ["a", "b"], got \'x\''),
    ],
)
def test_another_sections_pydantic_errors_are_worded(table: dict[str, Any], expected: str) -> None:
    """Errors of a section another area adds go through the same translation."""
    with pytest.raises(ValidationError) as info:
        _Section.model_validate(table)
    assert _problems(info.value, "f.toml", "en") == [f"f.toml: {expected}"]


def test_a_problem_carries_no_pydantic_error_with_the_input(tmp_path: Path) -> None:
    """pydantic's error holds the file's values: it is not chained to the SettingsError."""
    file = tmp_path / "bridge.toml"
    file.write_text('[zetkin]\nclient_secret = "zk-Secret-Vv1"\n', encoding="utf-8")
    with pytest.raises(SettingsError) as info:
        load_settings(file, env={})
    assert info.value.__context__ is None and info.value.__cause__ is None
    assert "zk-Secret-Vv1" not in repr(info.value.__dict__) + str(info.value)


class _Inner(BaseModel):
    model_config = SECTION
    token: Annotated[Secret | None, from_env("BRIDGE_TEST_TOKEN")] = Field(default=UNSET)
    every: Duration = Field(default=timedelta(minutes=5), description="How often.")


class _Outer(BaseModel):
    model_config = SECTION
    inner: Annotated[_Inner, TABLE] = Field(default=UNSET, description="A nested section.")


def test_a_basemodel_section_gets_its_table_and_secret_while_loading(tmp_path: Path) -> None:
    load = Load(env={"BRIDGE_TEST_TOKEN": "t-Qq9"}, source=tmp_path, language="en", sources={})
    loaded = _Outer.model_validate({}, context={"load": load})
    assert loaded.inner.token == Secret("t-Qq9") and loaded.inner.every == timedelta(minutes=5)
    assert _Outer().inner.token is None  # built in code: the defaults
    with pytest.raises(ValidationError) as info:
        _Outer.model_validate({"inner": {"token": "x", "evry": "1m"}}, context={"load": load})
    secret, unknown = _problems(info.value, "f.toml", "en")
    assert secret == (
        "f.toml: inner.token: secrets are not allowed in the file; set the environment "
        "variable BRIDGE_TEST_TOKEN instead"
    )
    assert unknown.startswith("f.toml: inner.evry: unknown key")
