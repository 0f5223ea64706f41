"""`bridge init` (issue 18) driven end to end against the stand-ins with scripted answers.

The stand-ins are the test's own (so it can offer a sheet that is not shared, a level-1 key and
a key file that cannot be read); `bridge init` reaches them over HTTP with real gspread, real
google-auth (the fictional key signs its grant) and the real Zetkin client, as it would reach
Google and Zetkin. Every bad answer must get a sentence and the question again, never a
traceback; the unattended form must write the same config as the interactive one.
"""

from __future__ import annotations

import json
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from bridge.messages import t
from cli.init_cmd import spreadsheet_id_from
from cli.main import cli
from config.loader import ENV_VARS, load_settings
from sandbox.fictional import demo_member_sheet, generate
from sandbox.sheets import SheetsStandin, default_workbook_tabs
from sandbox.sheets.service_accounts import fictional_key
from sandbox.zetkin import ZetkinStandin

SIZE = 40
BRANCH = "Trondheim SV"


@dataclass
class Rig:
    """The stand-ins, a service-account key file and three spreadsheets."""

    zetkin: ZetkinStandin
    sheets: SheetsStandin
    key_file: Path
    email: str
    shared: str  # the board's member sheet, shared with the service account
    unshared: str  # a sheet someone forgot to share
    blank: str  # an empty spreadsheet, shared

    def args(self, folder: Path) -> list[str]:
        return ["init", "--dir", str(folder), "--zetkin-url", self.zetkin.url]

    def sheets_args(self) -> list[str]:
        return ["--sheets-url", self.sheets.url]


@pytest.fixture(scope="module")
def rig(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Rig]:
    folder = tmp_path_factory.mktemp("rig")
    zetkin = ZetkinStandin(seed="demo", size=SIZE).start()
    sheets = SheetsStandin().start()
    key = fictional_key("styret@trondheim-sv.iam.gserviceaccount.com")
    key_file = folder / "key.json"
    key_file.write_text(json.dumps(key), encoding="utf-8")
    tabs = default_workbook_tabs()
    members = demo_member_sheet(generate(1, SIZE))
    # The board renamed one column: init proposes reading it as "Telefon".
    members[0] = ["Telefonnummer" if h == "Telefon" else h for h in members[0]]
    tabs["Medlemmer"] = members
    email = key["client_email"]
    shared = sheets.create_spreadsheet("Medlemsarbeid", tabs, frozen_rows=1, shared_with=[email])
    unshared = sheets.create_spreadsheet("Annet", {"Ark1": []}, shared_with=["noen@example.org"])
    blank = sheets.create_spreadsheet("Tomt", {"Ark1": []}, shared_with=[email])
    try:
        yield Rig(zetkin, sheets, key_file, email, shared, unshared, blank)
    finally:
        zetkin.stop()
        sheets.stop()


def _run(args: list[str], answers: list[str] | None = None) -> Result:
    """The command with no BRIDGE_* variable from outside (secrets.env is what counts)."""
    env: dict[str, str | None] = {name: None for name in ENV_VARS}
    env["BRIDGE_CONFIG"] = None
    text = "".join(a + "\n" for a in answers) if answers is not None else None
    return CliRunner().invoke(cli, args, input=text, env=env)


def _no_traceback(result: Result) -> None:
    assert "Traceback" not in result.output, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception


def _url(sheet_id: str) -> str:
    return f"https://docs.google.com/spreadsheets/d/{sheet_id}/edit#gid=0"


def _flags(rig: Rig, **over: str) -> list[str]:
    values = {
        "--branch-name": BRANCH,
        "--districts": "Midtbyen, Østbyen",
        "--zetkin-auth": "api_key",
        "--client-id": rig.zetkin.client_id,
        "--client-secret": rig.zetkin.client_secret,
        "--api-key": rig.zetkin.api_key,
        "--member-tag": "Medlem",
        "--joined-field": "innmeldt",
        "--district-field": "bydel",
        "--credentials": str(rig.key_file),
        "--spreadsheet": _url(rig.shared),
        **over,
    }
    out = ["--no-input", "--accept-mappings", *rig.sheets_args()]
    for flag, value in values.items():
        out += [flag, value]
    return out


# Every prompt of a first interactive run, with a bad answer to each kind of question first.
def _interactive_answers(rig: Rig, tmp_path: Path) -> list[str]:
    garbage = tmp_path / "not-a-key.json"
    garbage.write_text("this is not json", encoding="utf-8")
    return [
        BRANCH,  # the branch's name
        "Midtbyen, Østbyen",  # districts
        "",  # auth: the default, api_key
        rig.zetkin.client_id,
        rig.zetkin.client_secret,
        rig.zetkin.level1_api_key,  # a level-1 key: told why, asked again
        "",  # client id kept
        "",  # secret kept
        rig.zetkin.api_key,
        # one official org: no question; tag and fields: the proposed defaults
        "",
        "",
        "",
        str(tmp_path / "nowhere.json"),  # an unreadable key file
        str(garbage),  # a file that is no key
        str(rig.key_file),
        _url(rig.unshared),  # not shared with the service account: 403
        "1ThisIdDoesNotExistAnywhere000000000000000",  # a wrong id: 404
        "not a spreadsheet at all/",  # neither an id nor a URL
        _url(rig.shared),
        "y",  # read "Telefonnummer" as "Telefon"
    ]


def test_the_interactive_walk_gives_a_second_chance_to_every_bad_answer(
    rig: Rig, tmp_path: Path
) -> None:
    folder = tmp_path / "avdeling"
    result = _run([*rig.args(folder), *rig.sheets_args()], _interactive_answers(rig, tmp_path))
    _no_traceback(result)
    assert result.exit_code == 0, result.output
    out = result.output
    # the level-1 key: the session level in words, then the question again
    assert t("init.zetkin_level1", "nb", level=1).splitlines()[0] in out
    assert "Zetkin: innlogget på nivå 2." in out
    # the organisations to pick from, the plain membership left out
    assert "1. Trondheim SV (id 1, admin)" in out
    assert "SV sentralt (id 900): bare medlem" in out
    # the unreadable and the invalid key file
    assert "nowhere.json kan ikke leses" in out
    assert "er ikke en nøkkelfil for en tjenestekonto (ikke gyldig JSON)" in out
    # the address to share with, in the words
    assert rig.email in out
    assert "del regnearket med denne adressen (redigeringstilgang)" in out
    # 403: what to share with whom; 404: the id is wrong; neither: what an id looks like
    assert f"legg til {rig.email} som redigerer" in out
    assert "(404): id-en er feil" in out
    assert "ser ikke ut som adressen eller id-en til et regneark" in out
    # the renamed column proposed and kept
    assert "«Telefon» mangler, men kolonnen «Telefonnummer» ligner" in out
    # check, then the dry run's summary of the seeded branch
    assert t("init.check_ok", "nb") in out
    assert "Prøvekjøring av hele runden for Trondheim SV" in out
    assert "Medlemmer som ville blitt lagt til i arket:" in out
    assert "Rader med problemer" in out and "Medlemmer D" in out

    config = folder / "bridge.toml"
    text = config.read_text(encoding="utf-8")
    settings = load_settings(config)
    branch = settings.branches[0]
    assert branch.name == BRANCH and branch.zetkin_org_id == rig.zetkin.org_id
    assert branch.spreadsheet_id == rig.shared
    assert branch.districts == ("Midtbyen", "Østbyen")
    assert branch.tabs["members"].headers["phone"] == "Telefonnummer"
    assert settings.zetkin.auth == "api_key" and settings.sheets.credentials is not None
    # the example's comments are kept, its second branch is not
    assert "# How the bridge gets its Zetkin token:" in text
    assert "# Zetkin tag that marks a person as a member" in text
    assert len(re.findall(r"(?m)^\[\[branch\]\]$", text)) == 1
    # nothing secret in the TOML; the secrets in secrets.env, owner-only
    for secret in (rig.zetkin.api_key, rig.zetkin.client_secret, str(rig.key_file)):
        assert secret not in text
    secrets_file = folder / "secrets.env"
    assert stat.S_IMODE(os.stat(secrets_file).st_mode) == 0o600
    env = secrets_file.read_text(encoding="utf-8")
    assert f"BRIDGE_ZETKIN_API_KEY={rig.zetkin.api_key}" in env
    assert rig.zetkin.level1_api_key not in env

    # `bridge check` accepts the config as written
    check = _run(["check", "--config", str(config)])
    assert check.exit_code == 0, check.output


def test_the_unattended_form_writes_the_same_config_as_the_interactive_one(
    rig: Rig, tmp_path: Path
) -> None:
    asked = _run(
        [*rig.args(tmp_path / "asked"), *rig.sheets_args()], _interactive_answers(rig, tmp_path)
    )
    assert asked.exit_code == 0, asked.output
    flagged = _run([*rig.args(tmp_path / "flagged"), *_flags(rig)])
    _no_traceback(flagged)
    assert flagged.exit_code == 0, flagged.output
    first = (tmp_path / "asked" / "bridge.toml").read_text(encoding="utf-8")
    second = (tmp_path / "flagged" / "bridge.toml").read_text(encoding="utf-8")
    assert first == second


def test_a_second_run_asks_nothing_and_changes_nothing(rig: Rig, tmp_path: Path) -> None:
    folder = tmp_path / "avdeling"
    first = _run([*rig.args(folder), *_flags(rig)])
    assert first.exit_code == 0, first.output
    before = (folder / "bridge.toml").read_text(encoding="utf-8")
    again = _run(["init", "--dir", str(folder), "--no-input"])
    _no_traceback(again)
    assert again.exit_code == 0, again.output
    assert "bare det som mangler spørres det om" in again.output
    assert (folder / "bridge.toml").read_text(encoding="utf-8") == before


def test_a_second_run_asks_only_for_what_is_missing(rig: Rig, tmp_path: Path) -> None:
    folder = tmp_path / "avdeling"
    first = _run([*rig.args(folder), *_flags(rig)])
    assert first.exit_code == 0, first.output
    config = folder / "bridge.toml"
    config.write_text(
        config.read_text(encoding="utf-8").replace('member_tag = "Medlem"\n', ""),
        encoding="utf-8",
    )
    again = _run(["init", "--dir", str(folder)], ["Ikke en tagg", "Medlem"])
    _no_traceback(again)
    assert again.exit_code == 0, again.output
    assert "Taggen «Ikke en tagg» finnes ikke i organisasjonen" in again.output
    assert t("init.ask.branch_name", "nb") not in again.output
    assert 'member_tag = "Medlem"' in config.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("over", "expected"),
    [
        ({"--spreadsheet": "UNSHARED"}, "som redigerer"),
        ({"--spreadsheet": "1ThisIdDoesNotExistAnywhere00000000000"}, "id-en er feil"),
        ({"--api-key": "LEVEL1"}, "nivå 2 for å skrive"),
        ({"--api-key": "wrong-key"}, "Zetkin godtok ikke innloggingen"),
        ({"--credentials": "/nowhere/key.json"}, "kan ikke leses"),
    ],
)
def test_unattended_bad_answers_end_with_the_reason_not_a_traceback(
    rig: Rig, tmp_path: Path, over: dict[str, str], expected: str
) -> None:
    given = {
        k: {"UNSHARED": rig.unshared, "LEVEL1": rig.zetkin.level1_api_key}.get(v, v)
        for k, v in over.items()
    }
    result = _run([*rig.args(tmp_path / "a"), *_flags(rig, **given)])
    _no_traceback(result)
    assert result.exit_code == 1, result.output
    assert expected in result.output
    assert not (tmp_path / "a" / "bridge.toml").exists()  # nothing written before it is right


def test_an_empty_spreadsheet_is_offered_init_sheet_then_dry_runs(rig: Rig, tmp_path: Path) -> None:
    folder = tmp_path / "tomt"
    result = _run(
        [*rig.args(folder), *_flags(rig, **{"--spreadsheet": rig.blank}), "--language", "en"]
    )
    _no_traceback(result)
    assert result.exit_code == 0, result.output
    assert t("sheets.init_done", "en", branch=BRANCH, created=10, requests=4) in result.output
    appended = re.search(r"Members who would be appended to the sheet: +(\d+)", result.output)
    assert appended is not None and int(appended.group(1)) > 0  # the org's members, all new
    assert 'language = "en"' in (folder / "bridge.toml").read_text(encoding="utf-8")


def test_a_missing_answer_in_unattended_mode_names_its_flag(rig: Rig, tmp_path: Path) -> None:
    result = _run(["init", "--dir", str(tmp_path), "--no-input"])
    _no_traceback(result)
    assert result.exit_code == 1
    assert "--branch-name" in result.output


def test_the_sandbox_walk_needs_no_account(tmp_path: Path) -> None:
    result = _run(["init", "--sandbox", "--dir", str(tmp_path)], [""] * 12 + ["y"])
    _no_traceback(result)
    assert result.exit_code == 0, result.output
    assert "del regnearket med denne adressen (redigeringstilgang)" in result.output
    assert "Medlemmer som ville blitt lagt til i arket:" in result.output
    assert t("init.check_ok", "nb") in result.output


def test_the_sandbox_login_flow(tmp_path: Path) -> None:
    result = _run(
        ["init", "--sandbox", "--no-input", "--zetkin-auth", "oauth", "--dir", str(tmp_path)]
    )
    _no_traceback(result)
    assert result.exit_code == 0, result.output
    assert "/v1/oauth/authorize/" in result.output
    assert 'auth = "oauth"' in (tmp_path / "bridge.toml").read_text(encoding="utf-8")
    assert "BRIDGE_ZETKIN_API_KEY" not in (tmp_path / "secrets.env").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "https://docs.google.com/spreadsheets/d/1AbC-d_9xyz123456/edit#gid=0",
            "1AbC-d_9xyz123456",
        ),
        ("https://docs.google.com/spreadsheets/u/1/d/1AbC-d_9xyz123456/edit", "1AbC-d_9xyz123456"),
        ("  1AbC-d_9xyz123456  ", "1AbC-d_9xyz123456"),
        ("https://example.org/not/a/sheet", None),
        ("kort", None),
    ],
)
def test_the_spreadsheet_id_is_read_from_a_url_or_taken_as_given(
    text: str, expected: str | None
) -> None:
    assert spreadsheet_id_from(text) == expected


def test_an_embedded_key_is_one_line_in_secrets_env_and_a_rerun_reads_it(
    rig: Rig, tmp_path: Path
) -> None:
    folder = tmp_path / "container"
    first = _run([*rig.args(folder), *_flags(rig), "--embed-key"])
    assert first.exit_code == 0, first.output
    lines = (folder / "secrets.env").read_text(encoding="utf-8").splitlines()
    value = next(line for line in lines if line.startswith("BRIDGE_GOOGLE_CREDENTIALS="))
    info = json.loads(value.partition("=")[2])
    assert info["client_email"] == rig.email
    again = _run(["init", "--dir", str(folder), "--no-input"])
    assert again.exit_code == 0, again.output
    assert rig.email in again.output


def _code(rig: Rig) -> str:
    """An authorization code as the browser would bring back (the stand-in approves at once)."""
    import requests

    answer = requests.get(
        f"{rig.zetkin.url}/v1/oauth/authorize/",
        params={
            "client_id": rig.zetkin.client_id,
            "redirect_uri": "http://127.0.0.1:8976/callback",
            "response_type": "code",
            "scope": "level2",
        },
        allow_redirects=False,
        timeout=5,
    )
    return answer.headers["Location"].split("code=")[1].split("&")[0]


def test_the_login_flow_with_a_code_and_a_rerun_that_keeps_the_stored_login(
    rig: Rig, tmp_path: Path
) -> None:
    folder = tmp_path / "oauth"
    flags = _flags(rig, **{"--zetkin-auth": "oauth"})
    first = _run([*rig.args(folder), *flags, "--code", _code(rig)])
    _no_traceback(first)
    assert first.exit_code == 0, first.output
    assert t("init.check_ok", "nb") in first.output
    again = _run(["init", "--dir", str(folder), "--no-input"])
    _no_traceback(again)
    assert again.exit_code == 0, again.output  # no --code needed: the ledger has the pair
    assert "/v1/oauth/authorize/" not in again.output


def test_an_unreachable_zetkin_is_named_with_its_address(rig: Rig, tmp_path: Path) -> None:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    nowhere = f"http://127.0.0.1:{port}"
    result = _run(["init", "--dir", str(tmp_path), "--zetkin-url", nowhere, *_flags(rig)])
    _no_traceback(result)
    assert result.exit_code == 1
    assert f"Zetkin svarer ikke på {nowhere}" in result.output


@pytest.mark.parametrize(
    ("status", "body", "expected"),
    [
        (403, "The caller does not have permission", "som redigerer"),
        (
            403,
            "Google Sheets API has not been used in project 42 before or it is disabled.",
            "Google Sheets API er ikke slått på",
        ),
        (404, "Requested entity was not found.", "id-en er feil"),
        (500, "Internal error", "Google Sheets svarte ikke som ventet"),
    ],
)
def test_googles_answers_to_a_first_open_are_told_apart(
    status: int, body: str, expected: str
) -> None:
    from bridge.errors import api_error
    from cli.init_cmd import sheet_access_problem

    exc = api_error(f"Google Sheets answered {status}: {body}", status=status, body=body)
    assert expected in sheet_access_problem(exc, "1abc", "bro@p.iam.gserviceaccount.com", "nb")
