"""`bridge --help` speaks the configured language (issue 13, item 3), from the one catalogue."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from bridge.messages import CATALOGUE, LANGUAGES
from cli.localise import help_keys, walk
from cli.main import cli
from config.cli_language import help_language

ENGLISH_CLICK = ("Usage:", "Options:", "Show this message and exit.", "[required]", "[default:")


def _help(args: list[str], **env: str | None) -> str:
    result = CliRunner().invoke(
        cli, [*args, "--help"], env={"BRIDGE_LANGUAGE": None, **env}, prog_name="bridge"
    )
    assert result.exit_code == 0, result.output
    return result.output


def test_every_command_and_option_has_its_help_in_the_catalogue_in_every_language() -> None:
    missing = [what for what, key in help_keys(cli) if key is None]
    assert missing == []
    for _, key in help_keys(cli):
        assert key is not None
        assert set(CATALOGUE[key]) == set(LANGUAGES), key


@pytest.mark.parametrize("path", [p for p, _ in walk(cli)], ids=lambda p: " ".join(p) or "bridge")
def test_help_is_bokmal_by_default_for_every_command(path: tuple[str, ...]) -> None:
    text = _help(list(path))
    assert "Bruk: bridge" in text
    for word in ENGLISH_CLICK:
        assert word not in text, (path, word)


def test_help_follows_the_configs_language(tmp_path: Path) -> None:
    config = tmp_path / "bridge.toml"
    config.write_text('language = "en"\n', encoding="utf-8")
    text = _help(["sync", "--config", str(config)])
    assert "Usage: bridge sync" in text
    assert "Plan only: show what would change, write nothing." in text
    assert "Bare planlegg" not in text


def test_help_follows_bridge_language_and_the_default_is_bokmal() -> None:
    english = _help(["check"], BRIDGE_LANGUAGE="en")
    assert "Only validate the file; do not reach the systems." in english
    norwegian = _help(["check"])
    assert "Bare sjekk fila; ikke kontakt systemene." in norwegian
    assert "Kommandoer" in _help([])


def test_the_help_language_rules() -> None:
    assert help_language([], {}) == "nb"
    assert help_language([], {"BRIDGE_LANGUAGE": "EN "}) == "en"
    assert help_language([], {"BRIDGE_LANGUAGE": "de"}) == "nb"
    # a config that cannot be read is not an error here: the command reports it when it runs
    assert help_language(["--config", "/nowhere.toml"], {"BRIDGE_LANGUAGE": "en"}) == "en"


def test_a_config_given_with_equals_or_by_environment_sets_the_language(tmp_path: Path) -> None:
    config = tmp_path / "b.toml"
    config.write_text('language = "en"\n', encoding="utf-8")
    assert help_language([f"--config={config}"], {}) == "en"
    assert help_language(["sync"], {"BRIDGE_CONFIG": str(config)}) == "en"
    config.write_text('language = "xx"\n', encoding="utf-8")
    assert help_language(["--config", str(config)], {}) == "nb"
