"""`bridge check` through click's CliRunner: exit 0 and a summary, or exit 1 and every problem."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from cryptography.fernet import Fernet

from cli.check_cmd import check_systems
from cli.main import cli
from config.loader import ENV_VARS, load_settings

EXAMPLE = Path(__file__).resolve().parents[2] / "config" / "example.toml"
TOKEN = "zk-token-Rr5tY7uI"
LEDGER_KEY = Fernet.generate_key().decode()
DB_PASSWORD = "db-pass-Pp0oI9"


def test_check_passes_on_the_example_without_showing_secrets() -> None:
    # Unset every bridge variable first, so the outer environment cannot leak in.
    env: dict[str, str | None] = {name: None for name in ENV_VARS}
    env |= {
        "BRIDGE_ZETKIN_TOKEN": TOKEN,
        "BRIDGE_LEDGER_KEY": LEDGER_KEY,
        "BRIDGE_DATABASE_URL": f"postgresql+psycopg://bridge:{DB_PASSWORD}@127.0.0.1/test",
    }
    result = CliRunner().invoke(cli, ["check", "--offline", "--config", str(EXAMPLE)], env=env)
    assert result.exit_code == 0, result.output
    assert "Konfigurasjonen er i orden" in result.output
    assert "branch[0] 'Eksempelby'" in result.output
    assert "branch[1] 'Eksempelby Nordbyen'" in result.output
    assert "reconcile hvert 1h30m, calls av, doorknock av" in result.output
    assert "Medlemsliste" in result.output
    assert "BRIDGE_ZETKIN_TOKEN: satt" in result.output
    assert "BRIDGE_ZETKIN_CLIENT_SECRET: ikke satt" in result.output
    assert "BRIDGE_DATABASE_URL: satt" in result.output
    for value in (TOKEN, LEDGER_KEY, DB_PASSWORD):
        assert value not in result.output


def test_check_fails_with_every_problem(tmp_path: Path) -> None:
    path = tmp_path / "broken.toml"
    path.write_text(
        'langauge = "nb"\n[jobs.reconcile]\nevery = "10 min"\n'
        '[[branch]]\nname = "Testby"\nzetkin_org_id = 7\n',
        encoding="utf-8",
    )
    env: dict[str, str | None] = {name: None for name in ENV_VARS}
    result = CliRunner().invoke(cli, ["check", "--config", str(path)], env=env)
    assert result.exit_code == 1
    assert "3 problem(er)" in result.output
    # No language key: the problems are in bokmål, the default.
    assert f"{path}: langauge: ukjent nøkkel (mente du 'language'?)" in result.output
    assert f"{path}: jobs.reconcile.every: '10 min' er ikke en varighet som '10m'" in result.output
    assert f"{path}: branch[0].spreadsheet_id: mangler" in result.output
    assert "Konfigurasjonen er i orden" not in result.output


def test_check_fails_on_a_missing_file(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["check", "--config", str(tmp_path / "none.toml")])
    assert result.exit_code == 1
    assert "filen finnes ikke" in result.output


def test_check_systems_names_each_branch_and_missing_secret() -> None:
    problems, _ = check_systems(load_settings(EXAMPLE, env={}))
    assert any(
        p.startswith("Eksempelby: Zetkin:") and "BRIDGE_ZETKIN_API_KEY" in p for p in problems
    )
    assert any(
        p.startswith("Eksempelby: Sheets:") and "BRIDGE_GOOGLE_CREDENTIALS" in p for p in problems
    )


def test_check_reaches_the_sandbox_and_reports_a_missing_header(tmp_path: Path) -> None:
    """Against the stand-ins: a clean workbook passes; a renamed header is named per tab."""
    from sandbox.environment import start_sandbox

    env = start_sandbox(tmp_path / "sbx", seed="empty")
    try:
        ok = CliRunner().invoke(cli, ["check", "--config", str(env.config_path)])
        assert ok.exit_code == 0, ok.output
        assert "Kontakter Zetkin og Google Sheets" in ok.output
        client = env.sheets.gspread_client()
        client.open_by_key(env.spreadsheet_id).worksheet("Medlemmer").update_acell("D1", "Mobil")
        bad = CliRunner().invoke(cli, ["check", "--config", str(env.config_path)])
        assert bad.exit_code == 1
        assert "Telefon" in bad.output and "Medlemmer" in bad.output
    finally:
        env.stop()


def test_config_problems_are_in_the_configured_language(tmp_path: Path) -> None:
    """language = "en" gives English problems, CLI line included; a bad language gives bokmål."""
    path = tmp_path / "broken.toml"
    env: dict[str, str | None] = {name: None for name in ENV_VARS}
    branch = '[[branch]]\nname = "Testby"\nzetkin_org_id = 7\nspreadsheet_id = "s"\n'
    path.write_text('language = "en"\nlog_levl = "INFO"\n' + branch, encoding="utf-8")
    english = CliRunner().invoke(cli, ["check", "--config", str(path)], env=env)
    assert english.exit_code == 1
    assert "The configuration has 1 problem(s):" in english.output
    assert f"{path}: log_levl: unknown key (did you mean 'log_level'?)" in english.output
    path.write_text('language = "sv"\n' + branch, encoding="utf-8")
    bad = CliRunner().invoke(cli, ["check", "--config", str(path)], env=env)
    assert "Konfigurasjonen har 1 problem(er):" in bad.output
    assert f"{path}: language: forventet en av nb, en, fikk 'sv'" in bad.output
