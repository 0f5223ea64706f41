"""What a new user hits first (issue 13), each through the `bridge` command itself."""

from __future__ import annotations

import socket
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result

from bridge.messages import CATALOGUE, LANGUAGES, t
from cli.main import cli
from config.loader import ENV_VARS, load_settings
from ledger import open_ledger
from sandbox.environment import SandboxEnv, start_sandbox, write_config

ROOT = Path(__file__).resolve().parents[2]


def _clean_env(**extra: str) -> dict[str, str | None]:
    """No BRIDGE_* variable from the outer environment, plus ``extra``."""
    env: dict[str, str | None] = {name: None for name in ENV_VARS}
    env.update(extra)
    return env


def _run(args: list[str], **env: str) -> Result:
    return CliRunner().invoke(cli, args, env=_clean_env(**env))


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _set_language(config: Path, language: str) -> None:
    text = config.read_text(encoding="utf-8").replace('language = "nb"', f'language = "{language}"')
    config.write_text(text, encoding="utf-8")


def _no_traceback(result: Result) -> None:
    assert "Traceback" not in result.output, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception


@pytest.fixture
def demo_env(tmp_path: Path) -> Iterator[SandboxEnv]:
    env = start_sandbox(tmp_path / "sbx", seed="demo", size=40)
    try:
        yield env
    finally:
        env.stop()


@pytest.fixture
def nowhere_config(tmp_path: Path) -> Path:
    """A valid config whose systems are nowhere: the ledger is opened before any is reached."""
    port = _closed_port()
    return write_config(
        tmp_path / "cfg",
        zetkin_url=f"http://127.0.0.1:{port}",
        org_id=1,
        sheets_url=f"http://127.0.0.1:{port}",
        spreadsheet_id="s",
        token="t",
    )


# -- 1. check passes on the sandbox's and the demo's own config --------------------------------


def test_check_passes_on_the_demo_config_with_the_boards_columns_as_notices(
    demo_env: SandboxEnv,
) -> None:
    result = _run(["check", "--config", str(demo_env.config_path)])
    assert result.exit_code == 0, result.output
    assert "Merknader (ingen feil):" in result.output and "«Notat»" in result.output
    assert result.output.strip().splitlines()[-1] == t("check.all_ok")


# -- 2. a bad ledger URL or data folder: one clear line, no traceback --------------------------


@pytest.mark.parametrize("command", [["sync", "all"], ["check"]])
@pytest.mark.parametrize("kind", ["foo", "closed"])
def test_a_bad_database_url_is_one_clear_line(
    nowhere_config: Path, command: list[str], kind: str
) -> None:
    port = _closed_port()
    url = "foo://bar" if kind == "foo" else f"postgresql+psycopg://bridge:pw-Xy9@127.0.0.1:{port}/b"
    result = _run([*command, "--config", str(nowhere_config)], BRIDGE_DATABASE_URL=url)
    assert result.exit_code == 1, result.output
    _no_traceback(result)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Kan ikke åpne loggboka (databasen) på ")
    assert "BRIDGE_DATABASE_URL" in lines[0] and str(nowhere_config) in lines[0]
    if kind == "closed":
        assert f"127.0.0.1:{port}" in lines[0] and "pw-Xy9" not in result.output
    else:
        assert "ugyldig database-URL" in lines[0]


@pytest.mark.parametrize(
    "command", [["sync", "all"], ["check"], ["check", "--offline"], ["db", "upgrade"]]
)
def test_an_unwritable_data_dir_is_one_clear_line(
    nowhere_config: Path, tmp_path: Path, command: list[str]
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    text = nowhere_config.read_text(encoding="utf-8")
    nowhere_config.write_text(
        text.replace('data_dir = "data"', f'data_dir = "{blocker}/data"'), encoding="utf-8"
    )
    result = _run([*command, "--config", str(nowhere_config)])
    assert result.exit_code == 1, result.output
    _no_traceback(result)
    lines = result.stderr.strip().splitlines()
    assert lines == [lines[0]] and lines[0].startswith(f"Kan ikke skrive i datamappa {blocker}")
    assert "data_dir" in lines[0]


# -- 3. the configured language, CLI and connectors alike --------------------------------------


def test_every_catalogue_text_exists_in_every_language() -> None:
    for key, texts in CATALOGUE.items():
        assert set(texts) == set(LANGUAGES), key


def test_english_config_gets_english_cli_and_connector_texts(tmp_path: Path) -> None:
    env = start_sandbox(tmp_path / "sbx", seed="empty")
    try:
        _set_language(env.config_path, "en")
        offline = _run(["check", "--offline", "--config", str(env.config_path)])
        assert offline.exit_code == 0, offline.output
        assert "Configuration OK" in offline.output and "The configuration is in order" in (
            offline.output
        )
        assert "reconcile every 10m, calls off" in offline.output
        assert "BRIDGE_DATABASE_URL: not set (the default is used)" in offline.output
        login = _run(["zetkin", "login", "--config", str(env.config_path)])
        assert login.exit_code == 0 and "there is nothing to log in to" in login.output
        # The init-sheet refusal comes from the Sheets connector.
        refused = _run(["init-sheet", "--config", str(env.config_path)])
        assert refused.exit_code == 1
        assert "are not empty; nothing was changed" in refused.output
        assert "ikke tomme" not in refused.output
        # The Zetkin client's hint for a refused token.
        wrong = _run(["check", "--config", str(env.config_path)], BRIDGE_ZETKIN_TOKEN="wrong")
        assert wrong.exit_code == 1
        assert "Log in to Zetkin again" in wrong.output
        assert "Logg inn" not in wrong.output
    finally:
        env.stop()


def test_english_check_notices_and_success_line(demo_env: SandboxEnv) -> None:
    _set_language(demo_env.config_path, "en")
    result = _run(["check", "--config", str(demo_env.config_path)])
    assert result.exit_code == 0, result.output
    assert "Notices (not errors):" in result.output
    assert "has the column «Notat», which the bridge does not know" in result.output
    assert result.output.strip().splitlines()[-1] == t("check.all_ok", "en")


def test_bokmal_is_the_default_for_the_cli(demo_env: SandboxEnv) -> None:
    result = _run(["sync", "all", "--config", str(demo_env.config_path)])
    assert result.exit_code == 0, result.output
    assert "API-kall:" in result.output and "rader lagt til" in result.output


# -- 4. an unreachable system: progress, the host, a short cap for check -----------------------


def test_check_on_an_unreachable_zetkin_shows_progress_and_names_the_host(
    demo_env: SandboxEnv,
) -> None:
    port = _closed_port()
    text = demo_env.config_path.read_text(encoding="utf-8")
    demo_env.config_path.write_text(
        text.replace(demo_env.zetkin.url, f"http://127.0.0.1:{port}"), encoding="utf-8"
    )
    result = _run(["check", "--config", str(demo_env.config_path)])
    assert result.exit_code == 1
    assert "Zetkin svarer ikke (forsøk 1 av 10), prøver igjen om " in result.stderr
    assert f"Zetkin GET session (127.0.0.1:{port}): fikk ikke kontakt med Zetkin" in result.stderr
    assert "WARNING" not in result.output and "status None" not in result.output


@pytest.fixture
def silent_port() -> Iterator[int]:
    """A server that accepts connections and never answers (the kernel's backlog accepts)."""
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(8)
        yield int(server.getsockname()[1])


def test_a_server_that_never_answers_gets_progress_lines_before_its_timeout(
    demo_env: SandboxEnv, silent_port: int
) -> None:
    text = demo_env.config_path.read_text(encoding="utf-8")
    text = text.replace(demo_env.zetkin.url, f"http://127.0.0.1:{silent_port}")
    text = text.replace("[zetkin]\n", "[zetkin]\ntimeout = 3\n", 1)
    demo_env.config_path.write_text(text, encoding="utf-8")
    result = _run(["check", "--config", str(demo_env.config_path)])
    _no_traceback(result)
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    waiting = f"Zetkin (127.0.0.1:{silent_port}) har ikke svart på 1 s, venter til 3 s"
    assert waiting in lines, result.stderr
    # the tick comes before the request's timeout and its retry line
    first_retry = next(i for i, line in enumerate(lines) if "prøver igjen om" in line)
    assert lines.index(waiting) < first_retry
    assert f"(127.0.0.1:{silent_port})" in lines[-1] or any(
        f"127.0.0.1:{silent_port}" in line and "fikk ikke kontakt" in line for line in lines
    )


def test_an_unreachable_sheets_host_is_named_in_the_error(demo_env: SandboxEnv) -> None:
    port = _closed_port()
    text = demo_env.config_path.read_text(encoding="utf-8")
    demo_env.config_path.write_text(
        text.replace(demo_env.sheets.url, f"http://127.0.0.1:{port}"), encoding="utf-8"
    )
    result = _run(["sync", "all", "--config", str(demo_env.config_path)])
    _no_traceback(result)
    assert result.exit_code != 0
    assert f"fikk ikke kontakt med Google Sheets på 127.0.0.1:{port}" in result.output


def test_a_sheets_error_in_english_names_the_host(demo_env: SandboxEnv) -> None:
    port = _closed_port()
    text = demo_env.config_path.read_text(encoding="utf-8")
    demo_env.config_path.write_text(
        text.replace(demo_env.sheets.url, f"http://127.0.0.1:{port}"), encoding="utf-8"
    )
    _set_language(demo_env.config_path, "en")
    result = _run(["sync", "all", "--config", str(demo_env.config_path)])
    _no_traceback(result)
    assert f"could not reach Google Sheets at 127.0.0.1:{port}" in result.output


# -- 5. approving a run that is not held records nothing ---------------------------------------


def test_approving_a_run_that_does_not_exist_records_no_run(demo_env: SandboxEnv) -> None:
    result = _run(["sync", "all", "--config", str(demo_env.config_path), "--approve", "999"])
    assert result.exit_code == 1
    assert "kjøring 999 venter ikke på godkjenning" in result.output
    assert "endret siden" not in result.output
    settings = load_settings(demo_env.config_path)
    ledger = open_ledger(settings.database_url.get())
    try:
        assert ledger.recent_runs() == []
    finally:
        ledger.close()


# -- 6. the demo says what it did --------------------------------------------------------------


def test_demo_shows_the_rows_to_look_at_and_the_pending_joins(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    result = _run(["demo", "--once", "--size", "40"])
    assert result.exit_code == 0, result.output
    assert "Rader styret bør se på (radnummer og statusteksten i arket):" in result.output
    assert "  rad 9: Ukjent bydel: «Sentrum»" in result.output
    assert "innmeldinger venter i Zetkin: godkjenn eller avvis dem i Zetkin" in result.output
    assert not list(tmp_path.glob("bridge-demo-*")), "the temporary folder is removed"
    assert t("demo.folder_removed") in result.output


def test_demo_with_dir_keeps_the_folder(tmp_path: Path) -> None:
    result = _run(["demo", "--once", "--size", "20", "--dir", str(tmp_path / "d")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "d" / "bridge.toml").is_file()
    assert t("demo.folder_removed") not in result.output


def test_demo_size_zero_is_held_and_says_so_without_contradiction(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    result = _run(["demo", "--once", "--size", "0"])
    assert result.exit_code == 0, result.output
    assert "Kjøring 1: holdt tilbake" in result.output
    assert "(planlagt, ikke skrevet)" in result.output
    assert "«Holdt tilbake» betyr at ingenting er skrevet" in result.output
    assert "--approve 1" in result.output
    assert "En ny kjøring uten endringer" not in result.output  # nothing was applied


def test_demo_refuses_a_negative_size() -> None:
    result = _run(["demo", "--once", "--size", "-1"])
    assert result.exit_code == 2
    assert "-1" in result.output and "0" in result.output


# -- 7. a blank spreadsheet for init-sheet ----------------------------------------------------


def test_check_on_a_blank_spreadsheet_suggests_init_sheet(tmp_path: Path) -> None:
    env = start_sandbox(tmp_path / "sbx", seed="blank", size=20)
    try:
        config = str(env.config_path)
        before = _run(["check", "--config", config])
        assert before.exit_code == 1
        assert f"Kjør `bridge init-sheet --config {config}`" in before.stderr
        made = _run(["init-sheet", "--config", config])
        assert made.exit_code == 0, made.output
        after = _run(["check", "--config", config])
        assert after.exit_code == 0, after.output
    finally:
        env.stop()


# -- 9. only built commands and jobs are offered; exit codes in one place ----------------------


def test_help_offers_only_what_is_built() -> None:
    top = _run(["--help"])
    assert "admin" in top.output  # built (issue 16)
    sync = _run(["sync", "--help"])
    assert "calls" in sync.output and "doorknock" in sync.output  # all three are built
    assert _run(["sync", "payroll", "--config", "x.toml"]).exit_code == 2


def test_the_example_config_switches_on_only_built_jobs() -> None:
    settings = load_settings(ROOT / "config" / "example.toml", env={})
    for branch in settings.branches:
        assert not branch.doorknock.enabled, branch.name


def test_exit_codes_are_documented_for_every_command() -> None:
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    section = text.split("## Exit codes", 1)[1].split("\n## ", 1)[0]
    visible = [name for name, command in cli.commands.items() if not command.hidden]
    for name in visible:
        assert f"`bridge {name}" in section, name
    for code in ("0", "1", "2", "3", "4"):
        assert f"| {code} |" in section, code


# -- 11. deployment as documented -------------------------------------------------------------


def test_compose_runs_only_built_roles_with_data_on_the_volume_and_one_password() -> None:
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))
    services = compose["services"]
    named_volumes = set(compose["volumes"])
    built = {name for name, command in cli.commands.items() if not command.hidden}
    bridge_roles = [s for s in services.values() if s.get("build")]
    assert bridge_roles, "the bridge runs in compose"
    for service in bridge_roles:
        assert service["restart"] == "unless-stopped"
        # A role in a profile (the admin, until it is built) is not started by `up`.
        assert service["command"][0] in built or service.get("profiles"), service["command"]
        mounts = dict(reversed(v.split(":")[:2]) for v in service["volumes"])
        config = Path(service["environment"]["BRIDGE_CONFIG"])
        assert str(config) in mounts, "the config is mounted where BRIDGE_CONFIG points"
        # data_dir = "data" (the default, relative to the config) is a named volume.
        assert mounts[str(config.parent / "data")] in named_volumes
        assert "@" in service["environment"]["BRIDGE_DATABASE_URL"]
        assert ":" not in service["environment"]["BRIDGE_DATABASE_URL"].split("//")[1].split("@")[0]
        assert "postgres_password" in service["secrets"]
    assert services["postgres"]["environment"]["POSTGRES_PASSWORD_FILE"].endswith(
        "postgres_password"
    )
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    assert "mkdir -p /srv/bridge/data" in dockerfile and "chown bridge" in dockerfile
    assert "/run/secrets/postgres_password" in dockerfile and "PGPASSWORD" in dockerfile
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for needed in ("config/bridge.toml", "secrets.env", "secrets/postgres_password.txt"):
        assert needed in readme, needed
    needed_files = {compose["secrets"]["postgres_password"]["file"]}
    for service in bridge_roles:
        needed_files |= set(service["env_file"])
        needed_files |= {v.split(":")[0] for v in service["volumes"] if v.startswith("./")}
    for path in needed_files:
        assert path.removeprefix("./") in readme, path
