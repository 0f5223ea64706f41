"""`bridge check` says plainly when the Zetkin token is level 1 or the user is no organiser.

Against the stand-ins (served over HTTP), through click's CliRunner; the texts come from
``bridge/messages.py``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from bridge.messages import t
from cli.main import cli
from sandbox.environment import SandboxEnv, start_sandbox


@pytest.fixture
def sandbox(tmp_path: Path) -> Iterator[SandboxEnv]:
    env = start_sandbox(tmp_path / "sbx", seed="empty")
    try:
        yield env
    finally:
        env.stop()


def _check(env: SandboxEnv, token: str | None = None) -> tuple[int, str]:
    extra = {"BRIDGE_ZETKIN_TOKEN": token} if token else {}
    result = CliRunner().invoke(cli, ["check", "--config", str(env.config_path)], env=extra)
    return result.exit_code, result.output


def test_a_level_2_admin_passes_and_the_auth_mode_is_shown(sandbox: SandboxEnv) -> None:
    code, output = _check(sandbox)
    assert code == 0, output
    assert "(auth: token)" in output


def test_a_level_1_token_is_named_plainly(sandbox: SandboxEnv) -> None:
    token = sandbox.zetkin.control.call("token", {"level": 1})["access_token"]
    code, output = _check(sandbox, token)
    assert code == 1
    assert t("zetkin.level1", level=1) in output
    assert token not in output


def test_a_user_who_is_not_an_organiser_is_named_plainly(sandbox: SandboxEnv) -> None:
    sandbox.zetkin.control.call("account", {"role": None})
    code, output = _check(sandbox)
    assert code == 1
    assert t("zetkin.not_organizer", org=sandbox.zetkin.org_id, role="-") in output
    assert "403" not in output  # the org is not read when the role already says why


def test_the_message_catalogue_has_english_beside_bokmal() -> None:
    for key in ("zetkin.level1", "zetkin.not_organizer", "zetkin.not_in_org"):
        assert t(key, "nb", level=1, org=1, role="-") != t(key, "en", level=1, org=1, role="-")
