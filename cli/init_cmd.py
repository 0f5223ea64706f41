"""`bridge init`: a branch from nothing to a first dry run, one question at a time (issue 18).

Five steps, each asked only when the answer is missing: the branch; Zetkin (the login, the
organisation picked from the account's memberships, the member tag and custom fields found in
that org); the Google spreadsheet (the service-account key file, the spreadsheet by URL or id,
its access and headers); the config written (``bridge.toml`` from ``config/example.toml`` with
its comments, the secrets in ``secrets.env`` with mode 0600); then ``bridge check`` and a dry
run of the whole cycle. Every answer is also a flag; ``--no-input`` never asks (a missing
answer without a default, or a bad one, ends with the reason and exit 1).

A bad answer is never a traceback: it gets a sentence saying what to do (share the sheet with
that address, the id is wrong, the key's session is level 1, ...) and the question again. An
existing config beside the secrets is read first, so a second run asks only for what is
missing and checks the rest again. ``--sandbox`` starts the stand-ins in-process and offers
their answers as defaults, so the whole walk can be tried without accounts.
"""

from __future__ import annotations

import difflib
import os
import re
import secrets
import tempfile
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import click
import requests
import tomlkit
from tomlkit.items import AoT, Table

from bridge.errors import ApiError, BridgeError, ConfigError, TransientError
from bridge.messages import t
from bridge.workbook import DEFAULT_TABS
from cli.common import DEFAULT_LANGUAGE, FAILED
from config.settings import Secret, SheetsSettings, TabSettings, ZetkinSettings

__all__ = ["COMMANDS", "init", "sheet_access_problem", "spreadsheet_id_from"]

EXAMPLE = Path(__file__).resolve().parents[1] / "config" / "example.toml"
DEFAULT_ZETKIN_URL = "https://api.zetk.in"
SHEET_URL = re.compile(r"/spreadsheets/(?:u/\d+/)?d/([A-Za-z0-9_-]+)")
SHEET_ID = re.compile(r"[A-Za-z0-9_-]{8,}")
# Short waits while someone is at the keyboard: a wrong URL answers in seconds.
RETRY_CAP = timedelta(seconds=5)
TIMEOUT = 10.0
KEY_FIELDS = ("client_email", "private_key", "token_uri")
AUTH_CHOICES = ("api_key", "oauth")
T = TypeVar("T")


def spreadsheet_id_from(text: str) -> str | None:
    """The spreadsheet id in a pasted URL (``…/spreadsheets/d/<id>/edit#gid=0``) or the id
    itself; None when it is neither."""
    text = text.strip()
    found = SHEET_URL.search(text)
    if found:
        return found.group(1)
    if "/" not in text and SHEET_ID.fullmatch(text):
        return text
    return None


class Retry(Exception):
    """A bad answer: ``message`` is printed and the question asked again (``keep``: the same
    answer is offered again, e.g. after sharing the sheet)."""

    def __init__(self, message: str, *, keep: bool = False) -> None:
        super().__init__(message)
        self.message = message
        self.keep = keep


@dataclass
class Answers:
    """Everything decided so far; secrets are plain strings here and only go to secrets.env."""

    branch_name: str | None = None
    districts: str | None = None
    zetkin_url: str | None = None
    auth: str | None = None
    client_id: str | None = None
    client_secret: str | None = None
    api_key: str | None = None
    login_code: str | None = None
    org_id: str | None = None
    member_tag: str | None = None
    joined_field: str | None = None
    district_field: str | None = None
    credentials: str | None = None
    sheets_url: str | None = None
    spreadsheet: str | None = None
    tab_titles: dict[str, str] = field(default_factory=dict)
    headers: dict[str, dict[str, str]] = field(default_factory=dict)
    aliases: dict[str, dict[str, list[str]]] = field(default_factory=dict)


@dataclass(frozen=True)
class Options:
    """The yes/no answers and switches that are not part of the config."""

    init_sheet: bool | None
    accept: bool | None
    skip_check: bool
    embed_key: bool


@dataclass
class Sandbox:
    """The stand-ins ``--sandbox`` started, and the answers they offer as defaults."""

    zetkin_url: str
    sheets_url: str
    client_id: str
    client_secret: str
    api_key: str
    key_file: Path
    spreadsheet_url: str
    branch_name: str
    districts: str


class Guide:
    """Asks, checks and asks again; in ``--no-input`` mode a missing or bad answer ends."""

    def __init__(self, lang: str, interactive: bool) -> None:
        self.lang = lang
        self.interactive = interactive

    def say(self, key: str, *, err: bool = False, **params: object) -> None:
        click.echo(t(key, self.lang, **params), err=err)

    def stop(self) -> NoReturn:
        raise SystemExit(FAILED)

    def ask(
        self,
        key: str,
        flag: str,
        given: str | None,
        check: Callable[[str], T],
        *,
        default: str | None = None,
        hide: bool = False,
    ) -> T:
        """The checked answer: ``given`` (a flag or the existing config) first, else asked."""
        value = given
        while True:
            if value is None:
                if not self.interactive:
                    if default is None:
                        self.say("init.needs_flag", err=True, what=t(key, self.lang), flag=flag)
                        self.stop()
                    value = default
                else:
                    value = click.prompt(
                        t(key, self.lang),
                        default=default,
                        hide_input=hide,
                        show_default=not hide,
                    )
            try:
                return check(str(value).strip())
            except Retry as exc:
                click.echo(exc.message, err=True)
                if not self.interactive:
                    self.stop()
                if exc.keep:
                    default = str(value)
                value = None

    def confirm(self, key: str, given: bool | None, default: bool = True, **params: Any) -> bool:
        if given is not None:
            return given
        if not self.interactive:
            return default
        return click.confirm(t(key, self.lang, **params), default=default)


def _nonempty(lang: str) -> Callable[[str], str]:
    def check(value: str) -> str:
        if not value:
            raise Retry(t("init.empty_bad", lang))
        return value

    return check


def _choice(lang: str, choices: tuple[str, ...]) -> Callable[[str], str]:
    def check(value: str) -> str:
        if value not in choices:
            raise Retry(t("init.choice_bad", lang, answer=value, choices=", ".join(choices)))
        return value

    return check


def _districts(value: str) -> list[str]:
    if value in ("", "-"):
        return []
    return [d.strip() for d in value.split(",") if d.strip()]


def _closest(word: str, candidates: list[str]) -> str | None:
    """The candidate most like ``word`` (case and spaces ignored), if any is close."""
    from connectors.sheets.headers import normalise

    by_norm = {normalise(c): c for c in candidates}
    found = difflib.get_close_matches(normalise(word), list(by_norm), n=1, cutoff=0.6)
    return by_norm[found[0]] if found else None


def _session() -> requests.Session:
    session = requests.Session()
    session.trust_env = False
    return session


# -- reading what is there ---------------------------------------------------------------------
def _read_existing(config: Path, answers: Answers) -> tomlkit.TOMLDocument | None:
    """The existing config as a document (edited in place, so the board's own comments stay),
    with its values put into ``answers`` where no flag gave one."""
    if not config.is_file():
        return None
    try:
        doc = tomlkit.parse(config.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomlkit.exceptions.TOMLKitError) as exc:
        raise ConfigError(f"{config} cannot be read as TOML ({type(exc).__name__})") from None
    raw = doc.unwrap()
    zetkin = raw.get("zetkin") or {}
    sheets = raw.get("sheets") or {}
    reconcile = (raw.get("jobs") or {}).get("reconcile") or {}
    branch = (raw.get("branch") or [{}])[0]

    def fill(name: str, value: Any) -> None:
        if getattr(answers, name) is None and value is not None:
            setattr(answers, name, str(value))

    fill("branch_name", branch.get("name"))
    if "districts" in branch:
        fill("districts", ", ".join(branch["districts"]) or "-")
    fill("zetkin_url", zetkin.get("base_url"))
    fill("auth", zetkin.get("auth"))
    fill("client_id", zetkin.get("client_id"))
    fill("org_id", branch.get("zetkin_org_id"))
    fill("member_tag", reconcile.get("member_tag"))
    fill("joined_field", reconcile.get("joined_field"))
    fill("district_field", reconcile.get("district_field"))
    fill("sheets_url", sheets.get("base_url"))
    fill("spreadsheet", branch.get("spreadsheet_id"))
    for key, tab in (branch.get("tabs") or {}).items():
        if "title" in tab:
            answers.tab_titles.setdefault(key, tab["title"])
        for fkey, header in (tab.get("headers") or {}).items():
            answers.headers.setdefault(key, {}).setdefault(fkey, header)
        for fkey, names in (tab.get("aliases") or {}).items():
            answers.aliases.setdefault(key, {}).setdefault(fkey, list(names))
    return doc


def _tabs(answers: Answers) -> dict[str, TabSettings]:
    """The default workbook with the titles and headers answered so far."""
    tabs = {}
    for spec in DEFAULT_TABS:
        headers = {f.key: f.header for f in spec.fields}
        headers.update(answers.headers.get(spec.key, {}))
        aliases = {k: tuple(v) for k, v in answers.aliases.get(spec.key, {}).items()}
        title = answers.tab_titles.get(spec.key, spec.title)
        tabs[spec.key] = TabSettings(spec.key, title, headers, aliases)
    return tabs


# -- step 2: Zetkin ----------------------------------------------------------------------------
class ZetkinStep:
    """The login, the organisation, the tag and the fields (the token never leaves memory
    except through secrets.env or, for the login flow, the ledger)."""

    def __init__(self, guide: Guide, answers: Answers, sandbox: Sandbox | None) -> None:
        self.g, self.a, self.sandbox = guide, answers, sandbox
        self.lang = guide.lang
        from connectors.zetkin.auth import MemoryTokenStore

        # The OAuth pair (kept here, refreshed here, put in the ledger once it exists).
        self.store = MemoryTokenStore()

    def settings(self) -> ZetkinSettings:
        a = self.a
        return ZetkinSettings(
            base_url=a.zetkin_url or DEFAULT_ZETKIN_URL,
            client_id=a.client_id,
            client_secret=Secret(a.client_secret) if a.client_secret else None,
            api_key=Secret(a.api_key) if a.api_key else None,
            auth=a.auth or "api_key",
            timeout=TIMEOUT,
            retry_cap=RETRY_CAP,
            language=self.lang,
        )

    def client(self, org_id: int = 0) -> Any:
        from connectors.zetkin.factory import build_client

        store = self.store if self.a.auth == "oauth" else None
        return build_client(self.settings(), org_id, store=store, session=_session())

    def run(self) -> None:
        a, g = self.a, self.g
        a.auth = g.ask(
            "init.ask.zetkin_auth",
            "--zetkin-auth",
            a.auth,
            _choice(self.lang, AUTH_CHOICES),
            default="api_key",
        )
        self.login()
        memberships = self.g_call(lambda: self.client().account.memberships())
        org_id, title = self.pick_org(memberships)
        a.org_id = str(org_id)
        g.say("init.org_picked", title=title, id=org_id)
        client = self.client(org_id)
        tags = sorted(self.g_call(lambda: [tag.title for tag in client.tags.list()]))
        fields = sorted(self.g_call(lambda: [f.slug for f in client.people.fields()]))
        none = t("init.none", self.lang)
        g.say("init.tags_found", tags=", ".join(tags) or none)
        g.say("init.fields_found", fields=", ".join(fields) or none)
        a.member_tag = g.ask(
            "init.ask.member_tag",
            "--member-tag",
            a.member_tag,
            self.known(tags, "init.tag_missing", "tag"),
            default=self.propose("Medlem", tags),
        )
        a.joined_field = g.ask(
            "init.ask.joined_field",
            "--joined-field",
            a.joined_field,
            self.known(fields, "init.field_missing", "field"),
            default=self.propose("innmeldt", fields),
        )
        a.district_field = g.ask(
            "init.ask.district_field",
            "--district-field",
            a.district_field,
            self.known(fields, "init.field_missing", "field"),
            default=self.propose("bydel", fields),
        )

    def g_call(self, fn: Callable[[], T]) -> T:
        """A Zetkin call after the login: a failure now is not a bad answer, so it ends."""
        try:
            return fn()
        except BridgeError as exc:
            click.echo(str(exc), err=True)
            self.g.stop()

    @staticmethod
    def propose(wanted: str, found: list[str]) -> str:
        if wanted in found or not found:
            return wanted
        return _closest(wanted, found) or wanted

    def known(self, found: list[str], key: str, param: str) -> Callable[[str], str]:
        def check(value: str) -> str:
            if not value:
                raise Retry(t("init.empty_bad", self.lang))
            if found and value not in found:
                raise Retry(t(key, self.lang, **{param: value}))
            return value

        return check

    # -- the login ----------------------------------------------------------------------------
    def login(self) -> None:
        """Ask for the client and the key (or log in) until Zetkin grants a level-2 session."""
        a, g, sb = self.a, self.g, self.sandbox
        given = (a.client_id, a.client_secret, a.api_key)
        reuse = self.store.get() is not None  # a re-run: the pair the ledger keeps
        while True:
            a.client_id = g.ask(
                "init.ask.client_id",
                "--client-id",
                given[0],
                _nonempty(self.lang),
                default=a.client_id or (sb.client_id if sb else None),
            )
            a.client_secret = g.ask(
                "init.ask.client_secret",
                "--client-secret",
                given[1],
                _nonempty(self.lang),
                default=a.client_secret or (sb.client_secret if sb else None),
                hide=True,
            )
            if a.auth == "api_key":
                a.api_key = g.ask(
                    "init.ask.api_key",
                    "--api-key",
                    given[2],
                    _nonempty(self.lang),
                    default=sb.api_key if sb else None,
                    hide=True,
                )
            try:
                if a.auth == "oauth" and not reuse:
                    self.store.put(self.browser_login())
                level = self.client().account.session().level
            except TransientError as exc:  # not a bad answer: the address or the network
                url = a.zetkin_url or DEFAULT_ZETKIN_URL
                g.say("init.zetkin_unreachable", err=True, url=url, error=exc)
                g.stop()
            except BridgeError as exc:
                click.echo(t("init.zetkin_refused", self.lang, error=exc), err=True)
            else:
                if level is not None and level >= 2:
                    g.say("init.zetkin_ok", level=level)
                    return
                click.echo(t("init.zetkin_level1", self.lang, level=level or "?"), err=True)
            if not g.interactive:
                g.stop()
            given = (None, None, None)
            a.login_code = None
            reuse = False

    def browser_login(self) -> Any:
        """The OAuth code flow once: the printed URL, then the code from the loopback
        redirect, a paste or ``--code`` (the sandbox approves by itself)."""
        from cli.zetkin_cmd import _catch_code, _is_loopback, code_from_text
        from connectors.zetkin.auth import MemoryTokenStore
        from connectors.zetkin.factory import oauth_auth

        settings = self.settings()
        auth = oauth_auth(settings, MemoryTokenStore(), _session())
        code = self.a.login_code
        state = secrets.token_urlsafe(16)
        if code is None:
            url = auth.authorize_url(state)
            self.g.say("login.open_address")
            click.echo(url)
            if self.sandbox is not None:
                self.g.say("init.login_sandbox")
                answer = _session().get(url, allow_redirects=False, timeout=TIMEOUT)
                code = code_from_text(answer.headers.get("Location", ""), state, self.lang)
            elif not self.g.interactive:
                self.g.say("init.needs_flag", err=True, what="code", flag="--code")
                self.g.stop()
            else:
                if _is_loopback(settings.redirect_uri):
                    self.g.say("login.waiting", seconds="300")
                    code = _catch_code(settings.redirect_uri, state, 300.0, self.lang)
                if code is None:
                    pasted = click.prompt(t("login.paste_prompt", self.lang))
                    code = code_from_text(pasted, state, self.lang)
        try:
            return auth.exchange_code(code)
        except click.ClickException as exc:
            raise ConfigError(exc.message) from None

    def pick_org(self, memberships: list[Any]) -> tuple[int, str]:
        official = [m for m in memberships if m.is_official and m.org_id is not None]
        if not official:
            self.g.say("init.no_orgs", err=True)
            self.g.stop()
        self.g.say("init.orgs_header")
        for number, m in enumerate(official, start=1):
            self.g.say("init.org_line", number=number, title=m.org_title, id=m.org_id, role=m.role)
        for m in memberships:
            if not m.is_official:
                self.g.say("init.org_unusable", title=m.org_title, id=m.org_id)

        def check(value: str) -> tuple[int, str]:
            for number, m in enumerate(official, start=1):
                if value in (str(m.org_id), str(number)) and m.org_id is not None:
                    return m.org_id, m.org_title or str(m.org_id)
            raise Retry(t("init.org_bad", self.lang, answer=value))

        default = self.a.org_id if self.a.org_id else "1"
        given = self.a.org_id if self.a.org_id else (None if len(official) > 1 else "1")
        return self.g.ask("init.ask.org", "--org-id", given, check, default=default)


# -- step 3: Google ----------------------------------------------------------------------------
class GoogleStep:
    """The key file, the spreadsheet's access, and its tabs and headers."""

    def __init__(self, guide: Guide, answers: Answers, sandbox: Sandbox | None) -> None:
        self.g, self.a, self.sandbox = guide, answers, sandbox
        self.lang = guide.lang
        self.email = ""
        self.embed = False

    def run(self, config: Path, init_sheet: bool | None, accept: bool | None, embed: bool) -> None:
        a, g, sb = self.a, self.g, self.sandbox
        self.embed = embed
        a.credentials = g.ask(
            "init.ask.credentials",
            "--credentials",
            a.credentials,
            self.key_file,
            default=str(sb.key_file) if sb else None,
        )
        g.say("init.key_email", email=self.email)
        sheet_id, titles = g.ask(
            "init.ask.spreadsheet",
            "--spreadsheet",
            a.spreadsheet,
            self.open_sheet,
            default=sb.spreadsheet_url if sb else None,
        )
        a.spreadsheet = sheet_id
        g.say("init.sheet_ok", id=sheet_id, tabs=", ".join(titles) or t("init.none", self.lang))
        configured = {tab.title for tab in _tabs(a).values()}
        if not configured & set(titles):
            if g.confirm("init.ask.init_sheet", init_sheet, True):
                self.init_sheet()
            else:
                g.say("init.sheet_skipped", config=config)
            return
        self.tabs_and_headers(titles, accept)

    def key_file(self, value: str) -> str:
        """An absolute path to a readable service-account key whose private key parses (or
        the key's JSON itself, as ``--embed-key`` leaves it in secrets.env)."""
        import json

        from google.oauth2.service_account import Credentials

        embedded = value.startswith("{")
        path: Path | str = "BRIDGE_GOOGLE_CREDENTIALS" if embedded else Path(value).expanduser()
        try:
            text = value if embedded else Path(path).resolve().read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            reason = getattr(exc, "strerror", None) or type(exc).__name__
            raise Retry(t("init.key_unreadable", self.lang, path=path, reason=reason)) from None
        reason = None
        try:
            info = json.loads(text)
        except ValueError:
            info, reason = None, t("init.key_reason.json", self.lang)
        if reason is None and (not isinstance(info, dict) or info.get("type") != "service_account"):
            reason = t("init.key_reason.type", self.lang)
        if reason is None and isinstance(info, dict):
            lacking = [k for k in KEY_FIELDS if not isinstance(info.get(k), str) or not info[k]]
            if lacking:
                reason = t("init.key_reason.fields", self.lang, fields=", ".join(lacking))
            else:
                try:
                    Credentials.from_service_account_info(info)  # type: ignore[no-untyped-call]
                except (ValueError, TypeError):
                    reason = t("init.key_reason.private_key", self.lang)
        if reason is not None or not isinstance(info, dict):
            raise Retry(t("init.key_invalid", self.lang, path=path, reason=reason))
        self.email = str(info["client_email"])
        if embedded or self.embed:  # one line, as an env file holds it
            return json.dumps(info, separators=(",", ":"))
        return str(Path(path).resolve())

    def gspread(self) -> Any:
        from connectors.sheets.factory import make_gspread_client

        settings = SheetsSettings(
            base_url=self.a.sheets_url,
            credentials=Secret(self.a.credentials or ""),
            timeout=TIMEOUT,
            retry_cap=RETRY_CAP,
            language=self.lang,
        )
        return make_gspread_client(settings)

    def workbook(self) -> Any:
        from connectors.sheets import Workbook

        return Workbook(
            self.gspread(),
            self.a.spreadsheet or "",
            _tabs(self.a),
            retry_cap=RETRY_CAP.total_seconds(),
            language=self.lang,
        )

    def open_sheet(self, value: str) -> tuple[str, list[str]]:
        sheet_id = spreadsheet_id_from(value)
        if sheet_id is None:
            raise Retry(t("init.sheet_bad_id", self.lang, answer=value))
        self.a.spreadsheet = sheet_id
        try:
            titles = list(self.workbook().metadata())
        except BridgeError as exc:
            message = sheet_access_problem(exc, sheet_id, self.email, self.lang)
            wrong_id = isinstance(exc, ApiError) and exc.status == 404
            raise Retry(message, keep=not wrong_id) from None  # 403: share it, press Enter
        return sheet_id, titles

    def init_sheet(self) -> None:
        from connectors.sheets import init_workbook

        try:
            result = init_workbook(
                self.gspread(),
                self.a.spreadsheet or "",
                _tabs(self.a),
                retry_cap=RETRY_CAP.total_seconds(),
                language=self.lang,
            )
        except BridgeError as exc:
            click.echo(str(exc), err=True)
            return
        self.g.say(
            "sheets.init_done",
            branch=self.a.branch_name,
            created=len(result.created),
            requests=result.requests,
        )

    def tabs_and_headers(self, titles: list[str], accept: bool | None) -> None:
        """Missing tabs and headers said, renamed ones proposed (difflib) and, once accepted,
        kept as the branch's ``title``/``headers`` overrides."""
        from connectors.sheets.headers import field_specs

        a, g = self.a, self.g
        tabs = _tabs(a)
        free = [title for title in titles if title not in {tab.title for tab in tabs.values()}]
        missing = []
        for key, tab in tabs.items():
            if tab.title in titles:
                continue
            found = _closest(tab.title, free)
            if found and g.confirm(
                "init.ask.tab_mapping", accept, True, found=found, tab=tab.title
            ):
                a.tab_titles[key] = found
                free.remove(found)
                g.say("init.mapping_saved", what=f'[branch.tabs.{key}] title = "{found}"')
            else:
                missing.append(tab.title)
        if missing:
            g.say("init.tabs_missing", tabs=", ".join(f"«{m}»" for m in missing))
        try:
            problems = self.workbook().header_problems()
        except BridgeError as exc:
            click.echo(str(exc), err=True)
            return
        tabs = _tabs(a)
        by_title = {tab.title: key for key, tab in tabs.items()}
        unknown: dict[str, list[str]] = {}
        for p in problems:
            if p.kind == "unknown":
                unknown.setdefault(p.tab, []).append(p.header)
        board: list[str] = []
        fine = True
        for p in problems:
            if p.kind == "missing_tab":
                continue
            if p.kind != "missing":
                if p.fatal:
                    fine = False
                    click.echo(p.message)
                continue
            key = by_title[p.tab]
            fields = field_specs(tabs[key])
            field_key = next(k for k, f in fields.items() if f.header == p.header)
            found = _closest(p.header, unknown.get(p.tab, []))
            if found:
                g.say("init.header_renamed", tab=p.tab, header=p.header, found=found)
                if g.confirm(
                    "init.ask.mapping", accept, True, found=found, header=p.header, tab=p.tab
                ):
                    a.headers.setdefault(key, {})[field_key] = found
                    unknown[p.tab].remove(found)
                    g.say(
                        "init.mapping_saved",
                        what=f'[branch.tabs.{key}] headers.{field_key} = "{found}"',
                    )
                    continue
            fine = False
            g.say("init.header_missing", tab=p.tab, header=p.header)
        for tab_title, headers in unknown.items():
            board += [f"{tab_title}: «{h}»" for h in headers]
        if board:
            g.say("init.board_columns", columns=", ".join(board))
        if fine and not missing:
            g.say("init.headers_ok")


def sheet_access_problem(exc: BridgeError, sheet_id: str, email: str, lang: str) -> str:
    """What a failed first open of the spreadsheet means for the person setting it up.

    Google answers 403 both for a sheet not shared with the service account and for a project
    where the Sheets API is not enabled ("… has not been used in project … or it is
    disabled", reason SERVICE_DISABLED); 404 means no spreadsheet has that id.
    """
    status = exc.status if isinstance(exc, ApiError) else None
    text = f"{exc} {getattr(exc, 'body', '')}".lower()
    if status == 403 and ("disabled" in text or "has not been used" in text):
        return t("init.sheets_api_off", lang)
    if status == 403:
        return t("init.sheet_403", lang, id=sheet_id, email=email)
    if status == 404:
        return t("init.sheet_404", lang, id=sheet_id)
    return t("init.sheet_failed", lang, error=exc)


# -- step 4: writing ---------------------------------------------------------------------------
def _set(table: Any, key: str, value: Any) -> None:
    if table.get(key) != value:
        table[key] = value


def build_document(doc: tomlkit.TOMLDocument | None, a: Answers, lang: str) -> str:
    """The config text: the existing document, or the example with its comments, with the
    answers set; nothing secret goes in (the loader would refuse it anyway)."""
    fresh = doc is None
    if doc is None:
        doc = tomlkit.parse(EXAMPLE.read_text(encoding="utf-8"))
        branches = doc["branch"]
        assert isinstance(branches, AoT)
        while len(branches) > 1:
            del branches[len(branches) - 1]
    _set(doc, "language", lang)
    zetkin = doc.setdefault("zetkin", tomlkit.table())
    _set(zetkin, "base_url", a.zetkin_url or DEFAULT_ZETKIN_URL)
    _set(zetkin, "auth", a.auth)
    _set(zetkin, "client_id", a.client_id)
    sheets = doc.setdefault("sheets", tomlkit.table())
    if a.sheets_url:
        _set(sheets, "base_url", a.sheets_url)
    jobs = doc.setdefault("jobs", tomlkit.table())
    reconcile = jobs.setdefault("reconcile", tomlkit.table())
    _set(reconcile, "member_tag", a.member_tag)
    _set(reconcile, "joined_field", a.joined_field)
    _set(reconcile, "district_field", a.district_field)
    if "branch" not in doc:
        doc["branch"] = tomlkit.aot()
    branches = doc["branch"]
    assert isinstance(branches, AoT)
    if not len(branches):
        branches.append(tomlkit.table())
    branch = branches[0]
    _set(branch, "name", a.branch_name)
    _set(branch, "zetkin_org_id", int(a.org_id or 0))
    _set(branch, "spreadsheet_id", a.spreadsheet)
    _set(branch, "districts", _districts(a.districts or ""))
    overrides = set(a.tab_titles) | set(a.headers)
    if overrides:
        tabs = branch.setdefault("tabs", tomlkit.table(is_super_table=True))
        for key in sorted(overrides):
            tab = tabs.setdefault(key, tomlkit.table())
            assert isinstance(tab, Table)
            if key in a.tab_titles:
                _set(tab, "title", a.tab_titles[key])
            if a.headers.get(key):
                headers = tomlkit.inline_table()
                headers.update(dict(sorted(a.headers[key].items())))
                if tab.get("headers") != headers:
                    tab["headers"] = headers
    text = tomlkit.dumps(doc)
    if fresh:
        # The example sets Redis outright; a branch that runs without Redis takes the file lock.
        text = re.sub(r'(?m)^redis_url = "', '# redis_url = "', text, count=1)
        text = text.replace(
            "# Example configuration of the Zetkin–Sheets bridge.\n",
            "# Configuration of the Zetkin–Sheets bridge, written by `bridge init` from\n"
            "# config/example.toml (run it again to change an answer; its comments explain "
            "every key).\n",
            1,
        )
    return text


def _write_private(path: Path, text: str) -> None:
    """Write ``text`` readable by the owner only, atomically (never briefly world-readable)."""
    fd, tmp = tempfile.mkstemp(prefix=".secrets-", dir=path.parent)
    try:
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    os.chmod(path, 0o600)


def write_secrets(path: Path, existing: Mapping[str, str], a: Answers) -> None:
    """``secrets.env``: the existing lines kept, the answered secrets set, and the ledger and
    admin keys made once."""
    from cryptography.fernet import Fernet

    values = dict(existing)
    if a.client_secret:
        values["BRIDGE_ZETKIN_CLIENT_SECRET"] = a.client_secret
    if a.auth == "api_key" and a.api_key:
        values["BRIDGE_ZETKIN_API_KEY"] = a.api_key
    if a.credentials:
        values["BRIDGE_GOOGLE_CREDENTIALS"] = a.credentials
    values.setdefault("BRIDGE_LEDGER_KEY", Fernet.generate_key().decode())
    values.setdefault("BRIDGE_SECRET_KEY", secrets.token_urlsafe(32))
    lines = [
        "# Secrets of the bridge, written by `bridge init` (mode 0600). Never commit this file;",
        "# docker-compose reads it as the env file. See config/example.toml for each name.",
        *(f"{name}={value}" for name, value in values.items()),
    ]
    _write_private(path, "\n".join(lines) + "\n")


# -- step 5: check and dry run -----------------------------------------------------------------
def check_and_dry_run(config: Path, guide: Guide, pair: Any) -> None:
    from cli.check_cmd import _short_retries, check_systems
    from cli.common import data_dir_problem, ledger_problem
    from config.loader import SettingsError, load_settings
    from jobs.context import build_context
    from jobs.cycle import run_cycle
    from jobs.registry import jobs_for
    from ledger import open_ledger

    try:
        settings = load_settings(config)
    except SettingsError as exc:
        guide.say("init.config_problems", err=True)
        for line in exc.problems:
            click.echo(f"  {line}", err=True)
        guide.stop()
    problem = data_dir_problem(settings)
    if problem:
        click.echo(problem, err=True)
        guide.stop()
    try:
        ledger = open_ledger(settings.database_url.get())
    except Exception as exc:  # the same causes `bridge check` names in one line
        click.echo(ledger_problem(settings, exc), err=True)
        guide.stop()
    try:
        if pair is not None and settings.ledger_key is not None:
            from jobs.tokens import LedgerTokenStore

            LedgerTokenStore(ledger, settings.ledger_key.get()).put(pair)
        problems, notices = check_systems(_short_retries(settings), ledger)
        for notice in notices:
            click.echo(f"  {notice}")
        if problems:
            guide.say("init.check_failed", err=True, count=len(problems))
            for line in problems:
                click.echo(f"  {line}", err=True)
            guide.stop()
        guide.say("init.check_ok")
        ctx = build_context(settings, ledger=ledger)
        for branch in settings.branches:
            guide.say("init.dry_run", branch=branch.name)
            result = run_cycle(ctx, branch, jobs_for(branch, "all"), dry_run=True)
            titles = {key: tab.title for key, tab in branch.tabs.items()}
            _dry_run_summary(guide, result, titles)
            if result.status == "failed":
                guide.stop()
    finally:
        ledger.close()
    guide.say("init.done", config=config)


def _dry_run_summary(guide: Guide, result: Any, titles: Mapping[str, str]) -> None:
    if result.status == "failed":
        guide.say("init.dry_failed", err=True, error=result.error)
        return
    counts = result.counts
    guide.say(
        "init.dry_counts",
        appended=counts.get("appended", 0),
        created=counts.get("created", 0),
        updated=counts.get("updated", 0),
    )
    rows = [row for job in result.jobs.values() for row in job.get("row_problems", [])]
    if rows:
        guide.say("init.dry_rows", count=len(rows))
        for row in rows:
            guide.say(
                "init.dry_row",
                tab=titles.get(row["tab"], row["tab"]),
                cell=row["cell"] or "",
                message=row["message"],
            )
    else:
        guide.say("init.dry_no_rows")
    if result.status == "held":
        guide.say("init.dry_held", reason=result.held)


def _stored_pair(config: Path) -> Any:
    """The OAuth pair an earlier run left in the ledger, or None (then the login is asked)."""
    from config.loader import load_settings
    from jobs.tokens import LedgerTokenStore
    from ledger import open_ledger

    try:
        settings = load_settings(config)
        if settings.ledger_key is None:
            return None
        ledger = open_ledger(settings.database_url.get())
    except Exception:  # anything wrong here only means: log in again
        return None
    try:
        return LedgerTokenStore(ledger, settings.ledger_key.get()).get()
    except Exception:
        return None
    finally:
        ledger.close()


# -- the sandbox -------------------------------------------------------------------------------
@contextmanager
def _sandbox(folder: Path, seed: str, size: int) -> Iterator[Sandbox]:
    """Both stand-ins in this process, a fictional service-account key, and a spreadsheet
    shared with that account only (so a wrong sheet gets Google's 403)."""
    from sandbox.fictional import DISTRICTS, demo_member_sheet, generate
    from sandbox.sheets import SheetsStandin, default_workbook_tabs
    from sandbox.sheets.service_accounts import fictional_key
    from sandbox.zetkin import ZetkinStandin

    zetkin = ZetkinStandin(seed="demo", size=size).start()
    sheets = SheetsStandin().start()
    try:
        key = fictional_key()
        key_file = folder / "sandbox-service-account.json"
        import json

        _write_private(key_file, json.dumps(key, indent=2))
        if seed == "blank":
            tabs: dict[str, list[list[Any]]] = {"Ark1": []}
        else:
            tabs = default_workbook_tabs()
            tabs["Medlemmer"] = demo_member_sheet(generate(1, size))
        sheet_id = sheets.create_spreadsheet(
            "Medlemsarbeid",
            tabs,
            frozen_rows=0 if seed == "blank" else 1,
            shared_with=[key["client_email"]],
        )
        yield Sandbox(
            zetkin_url=zetkin.url,
            sheets_url=sheets.url,
            client_id=zetkin.client_id,
            client_secret=zetkin.client_secret,
            api_key=zetkin.api_key,
            key_file=key_file,
            spreadsheet_url=f"https://docs.google.com/spreadsheets/d/{sheet_id}/edit#gid=0",
            branch_name=zetkin.app.store.org_title,
            districts=", ".join(DISTRICTS),
        )
    finally:
        zetkin.stop()
        sheets.stop()


# -- the command -------------------------------------------------------------------------------
@click.command()
@click.option(
    "--dir",
    "folder",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
    help="Folder for bridge.toml and secrets.env.",
)
@click.option(
    "--language", type=click.Choice(["nb", "en"]), default=None, help="nb (default) or en."
)
@click.option("--no-input", is_flag=True, help="Never ask: take every answer from the flags.")
@click.option("--sandbox", "use_sandbox", is_flag=True, help="Walk the steps against stand-ins.")
@click.option(
    "--sandbox-seed",
    type=click.Choice(["blank", "demo"]),
    default="blank",
    show_default=True,
    help="With --sandbox: an empty spreadsheet, or the demo's member sheet.",
)
@click.option("--sandbox-size", type=click.IntRange(min=1), default=60, show_default=True)
@click.option("--branch-name", default=None, help="The branch's short unique name.")
@click.option("--districts", default=None, help='Districts, comma-separated ("-" for none).')
@click.option("--zetkin-url", default=None, help=f"Zetkin API (default {DEFAULT_ZETKIN_URL}).")
@click.option(
    "--zetkin-auth", "auth", type=click.Choice(AUTH_CHOICES), default=None, help="api_key or oauth."
)
@click.option("--client-id", default=None, help="The bridge's Zetkin OAuth client id.")
@click.option("--client-secret", default=None, help="Its secret (goes to secrets.env).")
@click.option("--api-key", default=None, help="The Zetkin API key (goes to secrets.env).")
@click.option("--code", "login_code", default=None, help="An OAuth code (--zetkin-auth oauth).")
@click.option("--org-id", default=None, help="The Zetkin organisation id.")
@click.option("--member-tag", default=None, help="The Zetkin tag that marks members.")
@click.option("--joined-field", default=None, help="The custom field with the join date.")
@click.option("--district-field", default=None, help="The custom field with the district.")
@click.option("--credentials", default=None, help="The service account's JSON key file.")
@click.option("--spreadsheet", default=None, help="The spreadsheet's URL or id.")
@click.option("--sheets-url", default=None, hidden=True, help="A Sheets stand-in's URL.")
@click.option("--init-sheet/--no-init-sheet", "init_sheet", default=None)
@click.option("--accept-mappings/--no-accept-mappings", "accept", default=None)
@click.option("--skip-check", is_flag=True, help="Write the config; no check or dry run.")
@click.option(
    "--embed-key",
    is_flag=True,
    help="Put the key's JSON itself in secrets.env (for a container), not its path.",
)
def init(
    folder: Path,
    language: str | None,
    no_input: bool,
    use_sandbox: bool,
    sandbox_seed: str,
    sandbox_size: int,
    init_sheet: bool | None,
    accept: bool | None,
    skip_check: bool,
    embed_key: bool,
    **flags: str | None,
) -> None:
    """Set up a branch step by step: Zetkin, the spreadsheet, the config, a check and a
    dry run. Every answer is also a flag (see --help); --no-input never asks."""
    from config.loader import read_env_file

    folder.mkdir(parents=True, exist_ok=True)
    config, secrets_file = folder / "bridge.toml", folder / "secrets.env"
    answers = Answers()
    for name, value in flags.items():
        assert hasattr(answers, name), name  # every answer flag has its field
        setattr(answers, name, value)
    existing_secrets = read_env_file(secrets_file)
    try:
        doc = _read_existing(config, answers)
    except ConfigError as exc:
        click.echo(str(exc), err=True)
        raise SystemExit(FAILED) from None
    lang = language or (str(doc.get("language")) if doc and doc.get("language") else None)
    lang = lang if lang in ("nb", "en") else DEFAULT_LANGUAGE
    guide = Guide(lang, interactive=not no_input)
    # Secrets already in secrets.env are answers too (a re-run asks only for what is missing).
    answers.client_secret = answers.client_secret or existing_secrets.get(
        "BRIDGE_ZETKIN_CLIENT_SECRET"
    )
    answers.api_key = answers.api_key or existing_secrets.get("BRIDGE_ZETKIN_API_KEY")
    answers.credentials = answers.credentials or existing_secrets.get("BRIDGE_GOOGLE_CREDENTIALS")
    options = Options(init_sheet, accept, skip_check, embed_key)
    guide.say("init.intro", config=config, secrets=secrets_file)
    if doc is not None:
        guide.say("init.existing", config=config)
    if use_sandbox:
        with _sandbox(folder, sandbox_seed, sandbox_size) as sb:
            guide.say("init.sandbox")
            guide.say(
                "init.sandbox_answers",
                client_id=sb.client_id,
                client_secret=sb.client_secret,
                api_key=sb.api_key,
                key_file=sb.key_file,
                spreadsheet=sb.spreadsheet_url,
            )
            answers.zetkin_url, answers.sheets_url = sb.zetkin_url, sb.sheets_url
            _steps(guide, answers, doc, config, secrets_file, existing_secrets, sb, options)
            guide.say("init.sandbox_done", config=config)
        return
    _steps(guide, answers, doc, config, secrets_file, existing_secrets, None, options)


def _steps(
    guide: Guide,
    answers: Answers,
    doc: tomlkit.TOMLDocument | None,
    config: Path,
    secrets_file: Path,
    existing_secrets: Mapping[str, str],
    sb: Sandbox | None,
    options: Options,
) -> None:
    lang = guide.lang

    def step(key: str) -> None:
        click.echo("\n== " + t(key, lang) + " ==")

    step("init.step.branch")
    answers.branch_name = guide.ask(
        "init.ask.branch_name",
        "--branch-name",
        answers.branch_name,
        _nonempty(lang),
        default=sb.branch_name if sb else None,
    )
    answers.districts = guide.ask(
        "init.ask.districts",
        "--districts",
        answers.districts,
        lambda v: ", ".join(_districts(v)) or "-",
        default=sb.districts if sb else "-",
    )
    step("init.step.zetkin")
    zetkin = ZetkinStep(guide, answers, sb)
    if doc is not None and answers.auth == "oauth":
        pair = _stored_pair(config)
        if pair is not None:
            zetkin.store.put(pair)
    zetkin.run()
    step("init.step.google")
    GoogleStep(guide, answers, sb).run(
        config, options.init_sheet, options.accept, options.embed_key
    )
    step("init.step.write")
    config.write_text(build_document(doc, answers, lang), encoding="utf-8")
    write_secrets(secrets_file, existing_secrets, answers)
    guide.say("init.written", config=config, secrets=secrets_file)
    if options.skip_check:
        return
    step("init.step.check")
    check_and_dry_run(config, guide, zetkin.store.get())


COMMANDS = [init]
