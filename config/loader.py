"""Load the bridge's one TOML file (plus secrets from the environment) into frozen Settings.

This module is the only place in the project that reads the environment. Validation does not
stop at the first mistake: it collects every problem, each as ``"<file>: <key>: <what>"``
(``"environment: <VAR>: <what>"`` for a bad environment variable),
and raises one :class:`SettingsError` (a :class:`~bridge.errors.ConfigError`) listing them all,
so a board member fixes the file in one go. Branches are indexed from 0 (``branch[0]``).

Secrets are accepted from the environment only; a secret-looking key in the file is an error
that names the environment variable to use instead. No secret value ever appears in a
message: values are shown shortened and passed through :func:`bridge.redact.redact`.
"""

from __future__ import annotations

import difflib
import json
import os
import re
import tomllib
from collections.abc import Iterable, Mapping
from datetime import date, datetime, timedelta
from pathlib import Path
from types import MappingProxyType
from typing import Any
from urllib.parse import urlsplit

from bridge.errors import ConfigError
from bridge.redact import redact
from bridge.workbook import DEFAULT_TABS, TabSpec
from config.runtime_settings import runtime_from
from config.settings import (
    ZETKIN_AUTH_MODES,
    BranchSettings,
    CallsSettings,
    JobSettings,
    ReconcileSettings,
    Secret,
    Settings,
    SheetsSettings,
    TabSettings,
    ZetkinSettings,
)

__all__ = [
    "ENV_VARS",
    "SettingsError",
    "format_duration",
    "load_settings",
    "parse_duration",
]

# The environment variables the bridge reads, and what each one holds.
ENV_VARS: Mapping[str, str] = MappingProxyType(
    {
        "BRIDGE_ZETKIN_CLIENT_SECRET": "Zetkin OAuth client secret",
        "BRIDGE_ZETKIN_TOKEN": "a fixed Zetkin access token (e.g. the sandbox's)",
        "BRIDGE_ZETKIN_API_KEY": "the Zetkin API key (the jwt-bearer grant's assertion)",
        "BRIDGE_GOOGLE_CREDENTIALS": "Google service-account JSON, or the path to it",
        "BRIDGE_SECRET_KEY": "the admin's session and CSRF key",
        "BRIDGE_LEDGER_KEY": "Fernet key that encrypts tokens stored in the ledger",
        "BRIDGE_DATABASE_URL": "the ledger database URL (with its password)",
        "BRIDGE_REDIS_URL": "the Redis URL (with its password)",
    }
)

DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/0"
LANGUAGES = ("nb", "en")
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
JOB_NAMES = ("reconcile", "calls", "doorknock")

# Keys allowed at each level of the file (the example config documents each one).
TOP_KEYS = (
    "data_dir",
    "language",
    "log_level",
    "database_url",
    "redis_url",
    "zetkin",
    "sheets",
    "jobs",
    "branch",
    "allow_clock_override",
    "runtime",
)
ZETKIN_KEYS = (
    "base_url",
    "auth",
    "client_id",
    "redirect_uri",
    "timeout",
    "page_size",
    "retry_cap",
)
SHEETS_KEYS = ("base_url", "timeout", "retry_cap")
JOB_KEYS = ("enabled", "every")
RECONCILE_KEYS = (
    *JOB_KEYS,
    "member_tag",
    "door_knock_tag",
    "caller_tag",
    "joined_field",
    "district_field",
    "create_in_zetkin",
    "auto_accept_joins",
    "max_change_share",
)
CALLS_DAYS: Mapping[str, tuple[int, int]] = MappingProxyType(
    {
        "due_days": (1, 365),
        "cooldown_days": (0, 60),
        "max_attempts": (1, 10),
        "release_after_days": (1, 60),
        "escalate_within_days": (0, 60),
        "keep_finished_days": (0, 365),
    }
)
CALLS_TEXTS = ("sms_template", "email_subject", "email_template", "phone_region")
CALLS_KEYS = (
    *JOB_KEYS,
    "start_date",
    *CALLS_DAYS,
    *CALLS_TEXTS,
    "no_contact_tag",
    "questions",
    "round_questions",
)
BRANCH_KEYS = ("name", "zetkin_org_id", "spreadsheet_id", "districts", "jobs", "tabs")
TAB_KEYS = ("title", "headers", "aliases")

_TABS_BY_KEY: Mapping[str, TabSpec] = {tab.key: tab for tab in DEFAULT_TABS}
_MISSING: Any = object()
_VALUE_SHOWN = 40


class SettingsError(ConfigError):
    """The configuration has problems; ``problems`` lists each as ``"<file>: <key>: <what>"``.

    The message is the same list, one problem a line, so ``str()`` of it is ready to print.
    It pickles with its problems (it may cross a Celery boundary like every BridgeError).
    """

    def __init__(
        self,
        message: str,
        *,
        problems: Iterable[str] = (),
        where: str | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message, where=where, hint=hint)
        self.problems: tuple[str, ...] = tuple(problems) or (message,)

    def _kwargs(self) -> dict[str, Any]:
        return {**super()._kwargs(), "problems": self.problems}


# --- durations -------------------------------------------------------------------------------

_DURATION = re.compile(r"(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?")


def parse_duration(text: str) -> timedelta:
    """``"30s"``, ``"10m"``, ``"2h"``, ``"1d"``, ``"1h30m"`` -> timedelta (``ValueError`` else)."""
    match = _DURATION.fullmatch(text.strip())
    if not text.strip() or match is None:
        raise ValueError(f"{text!r} is not a duration like '10m'")
    days, hours, minutes, seconds = (int(part) if part else 0 for part in match.groups())
    return timedelta(days=days, hours=hours, minutes=minutes, seconds=seconds)


def format_duration(value: timedelta) -> str:
    """The inverse of :func:`parse_duration`: ``timedelta(minutes=90)`` -> ``"1h30m"``."""
    total = int(value.total_seconds())
    if total <= 0:
        return "0s"
    parts = []
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60), ("s", 1)):
        amount, total = divmod(total, size)
        if amount:
            parts.append(f"{amount}{unit}")
    return "".join(parts)


# --- the problem collector and typed readers -------------------------------------------------


def _show(value: object) -> str:
    """A value as a message may show it: short, redacted, never a whole table."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        text = redact(value)
        if len(text) > _VALUE_SHOWN:
            text = text[: _VALUE_SHOWN - 1] + "…"
        return repr(text)
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    return f"a {type(value).__name__}"


def _join(prefix: str, key: str) -> str:
    return f"{prefix}.{key}" if prefix else key


def _did_you_mean(key: str, allowed: Iterable[str]) -> str:
    choices = list(allowed)
    close = difflib.get_close_matches(key, choices, n=1, cutoff=0.6)
    if close:
        return f"did you mean '{close[0]}'?"
    return "expected one of: " + ", ".join(choices) if choices else "nothing is expected here"


_SECRET_WORDS = ("secret", "token", "password", "passwd", "credential", "private_key", "api_key")
_EXACT_SECRET_ENV = {
    "client_secret": "BRIDGE_ZETKIN_CLIENT_SECRET",
    "token": "BRIDGE_ZETKIN_TOKEN",
    "access_token": "BRIDGE_ZETKIN_TOKEN",
    "zetkin_token": "BRIDGE_ZETKIN_TOKEN",
    "api_key": "BRIDGE_ZETKIN_API_KEY",
    "zetkin_api_key": "BRIDGE_ZETKIN_API_KEY",
    "credentials": "BRIDGE_GOOGLE_CREDENTIALS",
    "google_credentials": "BRIDGE_GOOGLE_CREDENTIALS",
    "service_account": "BRIDGE_GOOGLE_CREDENTIALS",
    "secret_key": "BRIDGE_SECRET_KEY",
    "ledger_key": "BRIDGE_LEDGER_KEY",
}


def _secret_env(key: str, section: str) -> str | None:
    """The env var a secret-looking key belongs in, or None when the key is no secret."""
    name = key.lower()
    if name in _EXACT_SECRET_ENV:
        return _EXACT_SECRET_ENV[name]
    if not (any(word in name for word in _SECRET_WORDS) or name.endswith("_key")):
        return None
    if "password" in name or "passwd" in name:
        return "BRIDGE_DATABASE_URL or BRIDGE_REDIS_URL (inside the URL)"
    if "credential" in name or section == "sheets":
        return "BRIDGE_GOOGLE_CREDENTIALS"
    if section == "zetkin":
        return "BRIDGE_ZETKIN_TOKEN" if "token" in name else "BRIDGE_ZETKIN_CLIENT_SECRET"
    if "ledger" in name:
        return "BRIDGE_LEDGER_KEY"
    return "the matching BRIDGE_* variable (" + ", ".join(ENV_VARS) + ")"


class _Reader:
    """Reads typed values out of parsed TOML, noting every problem instead of stopping."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[str] = []

    def problem(self, key: str | None, what: str) -> None:
        self.problems.append(f"{self.file}: {key}: {what}" if key else f"{self.file}: {what}")

    def env_problem(self, name: str, what: str) -> None:
        """A bad environment variable: it is not in the file, so the file is not named."""
        self.problems.append(f"environment: {name}: {what}")

    def check_keys(
        self, table: Mapping[str, Any], allowed: Iterable[str], prefix: str, *, secrets: bool = True
    ) -> None:
        """Unknown keys are errors (with a did-you-mean); secret-looking ones say which env var."""
        allowed = tuple(allowed)
        section = prefix.split(".")[0].split("[")[0]
        for key in table:
            if key in allowed:
                continue
            env_var = _secret_env(key, section) if secrets else None
            if env_var is not None:
                self.problem(
                    _join(prefix, key),
                    f"secrets are not allowed in the file; set the environment variable "
                    f"{env_var} instead",
                )
            else:
                self.problem(_join(prefix, key), f"unknown key ({_did_you_mean(key, allowed)})")

    def table(self, table: Mapping[str, Any], key: str, prefix: str) -> dict[str, Any]:
        value = table.get(key, _MISSING)
        if value is _MISSING:
            return {}
        if not isinstance(value, dict):
            self.problem(_join(prefix, key), f"expected a table [{key}], got {_show(value)}")
            return {}
        return value

    def text(self, table: Mapping[str, Any], key: str, prefix: str, default: str) -> str:
        value = self.opt_text(table, key, prefix)
        return default if value is None else value

    def opt_text(self, table: Mapping[str, Any], key: str, prefix: str) -> str | None:
        value = table.get(key, _MISSING)
        if value is _MISSING:
            return None
        if not isinstance(value, str):
            self.problem(_join(prefix, key), f"expected text in quotes, got {_show(value)}")
            return None
        if not value.strip():
            self.problem(_join(prefix, key), "must not be empty")
            return None
        return value.strip()

    def required_text(self, table: Mapping[str, Any], key: str, prefix: str) -> str:
        if key not in table:
            self.problem(_join(prefix, key), "missing")
            return ""
        return self.opt_text(table, key, prefix) or ""

    def url(self, table: Mapping[str, Any], key: str, prefix: str) -> str | None:
        """An http(s) URL; a password in it is refused (passwords live in the environment)."""
        value = self.opt_text(table, key, prefix)
        if value is None:
            return None
        parts = urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            self.problem(_join(prefix, key), f"expected an http(s) URL, got {_show(value)}")
            return None
        if parts.password:
            self.problem(_join(prefix, key), "a URL with a password does not belong in the file")
            return None
        return value.rstrip("/")

    def boolean(self, table: Mapping[str, Any], key: str, prefix: str, default: bool) -> bool:
        value = table.get(key, _MISSING)
        if value is _MISSING:
            return default
        if not isinstance(value, bool):
            self.problem(_join(prefix, key), f"expected true or false, got {_show(value)}")
            return default
        return value

    def number(
        self, table: Mapping[str, Any], key: str, prefix: str, default: float, *, what: str
    ) -> float:
        """A positive number of seconds (``what`` explains it in the message)."""
        value = table.get(key, _MISSING)
        if value is _MISSING:
            return default
        if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
            self.problem(_join(prefix, key), f"expected {what}, got {_show(value)}")
            return default
        return float(value)

    def whole(
        self,
        table: Mapping[str, Any],
        key: str,
        prefix: str,
        default: int | None,
        *,
        low: int,
        high: int | None,
    ) -> int | None:
        """A whole number in ``low..high``; digits in quotes are accepted (ids often are)."""
        value = table.get(key, _MISSING)
        if value is _MISSING:
            if default is None:
                self.problem(_join(prefix, key), "missing")
            return default
        number: int | None = None
        if isinstance(value, int) and not isinstance(value, bool):
            number = value
        elif isinstance(value, str) and value.strip().isdigit():
            number = int(value.strip())
        if number is None:
            self.problem(_join(prefix, key), f"expected a whole number, got {_show(value)}")
            return default
        if high is None and number < low:
            self.problem(_join(prefix, key), f"expected a whole number of at least {low}")
            return default
        if high is not None and not low <= number <= high:
            self.problem(_join(prefix, key), f"expected a whole number from {low} to {high}")
            return default
        return number

    def duration(
        self, table: Mapping[str, Any], key: str, prefix: str, default: timedelta
    ) -> timedelta:
        value = table.get(key, _MISSING)
        if value is _MISSING:
            return default
        where = _join(prefix, key)
        if not isinstance(value, str):
            self.problem(where, f"expected a duration in quotes like '10m', got {_show(value)}")
            return default
        try:
            parsed = parse_duration(value)
        except ValueError:
            self.problem(where, f"{_show(value)} is not a duration like '10m'")
            return default
        if parsed <= timedelta(0):
            self.problem(where, f"{_show(value)} must be longer than zero")
            return default
        return parsed

    def text_list(self, table: Mapping[str, Any], key: str, prefix: str) -> tuple[str, ...]:
        value = table.get(key, _MISSING)
        if value is _MISSING:
            return ()
        where = _join(prefix, key)
        if not isinstance(value, list):
            self.problem(where, f'expected a list of texts like ["a", "b"], got {_show(value)}')
            return ()
        items: list[str] = []
        for index, item in enumerate(value):
            if not isinstance(item, str) or not item.strip():
                self.problem(f"{where}[{index}]", f"expected non-empty text, got {_show(item)}")
            elif item.strip() in items:
                self.problem(f"{where}[{index}]", f"{_show(item)} is listed twice")
            else:
                items.append(item.strip())
        return tuple(items)


# --- sections ---------------------------------------------------------------------------------


def _job_defaults(reader: _Reader, raw: Mapping[str, Any], prefix: str) -> dict[str, Any]:
    """Read one ``jobs`` table into keyword arguments for the job settings classes."""
    jobs = reader.table(raw, "jobs", prefix)
    reader.check_keys(jobs, JOB_NAMES, _join(prefix, "jobs"))
    result: dict[str, Any] = {}
    for name in JOB_NAMES:
        where = _join(prefix, f"jobs.{name}")
        job = reader.table(jobs, name, _join(prefix, "jobs"))
        keys = {"reconcile": RECONCILE_KEYS, "calls": CALLS_KEYS}.get(name, JOB_KEYS)
        reader.check_keys(job, keys, where)
        values: dict[str, Any] = {}
        if "enabled" in job:
            values["enabled"] = reader.boolean(job, "enabled", where, True)
        if "every" in job:
            values["every"] = reader.duration(job, "every", where, timedelta(minutes=10))
        if name == "reconcile":
            for key in (
                "member_tag",
                "door_knock_tag",
                "caller_tag",
                "joined_field",
                "district_field",
            ):
                if key in job:
                    values[key] = reader.text(job, key, where, "")
            for key in ("create_in_zetkin", "auto_accept_joins"):
                if key in job:
                    values[key] = reader.boolean(job, key, where, False)
            if "max_change_share" in job:
                share = job["max_change_share"]
                if (
                    isinstance(share, bool)
                    or not isinstance(share, int | float)
                    or not 0 < share <= 1
                ):
                    reader.problem(
                        _join(where, "max_change_share"),
                        f"expected a share above 0 and at most 1, like 0.3, got {_show(share)}",
                    )
                else:
                    values["max_change_share"] = float(share)
        if name == "calls":
            values.update(_calls_values(reader, job, where))
        # A value that failed to read holds a stand-in; its problem is raised before use.
        result[name] = values
    return result


def _date(reader: _Reader, table: Mapping[str, Any], key: str, prefix: str) -> date | None:
    """A TOML date (``2026-12-01``) or the same in quotes."""
    value = table.get(key, _MISSING)
    if value is _MISSING:
        return None
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    reader.problem(_join(prefix, key), f"expected a date like 2026-12-01, got {_show(value)}")
    return None


def _tag_map(reader: _Reader, table: Mapping[str, Any], where: str) -> dict[str, str]:
    """A table of column header -> Zetkin tag title, both non-empty text."""
    result: dict[str, str] = {}
    for header in table:
        text = reader.opt_text(table, header, where)
        if text is None:
            continue
        if not header.strip():
            reader.problem(where, "a column header must not be empty")
            continue
        result[header.strip()] = text
    return result


def _calls_values(reader: _Reader, job: Mapping[str, Any], where: str) -> dict[str, Any]:
    """The call-list settings of one [jobs.calls] or [branch.jobs.calls] table."""
    values: dict[str, Any] = {}
    if "start_date" in job:
        values["start_date"] = _date(reader, job, "start_date", where)
    for key, (low, high) in CALLS_DAYS.items():
        if key in job:
            values[key] = reader.whole(job, key, where, 0, low=low, high=high)
    for key in CALLS_TEXTS:
        if key in job:
            values[key] = reader.opt_text(job, key, where)
    if "no_contact_tag" in job:
        # false: "ønsker ikke kontakt" enters the register but sets no tag
        if job["no_contact_tag"] is False:
            values["no_contact_tag"] = None
        else:
            values["no_contact_tag"] = reader.opt_text(job, "no_contact_tag", where)
    if "questions" in job:
        table = reader.table(job, "questions", where)
        values["questions"] = MappingProxyType(_tag_map(reader, table, _join(where, "questions")))
    if "round_questions" in job:
        rounds = reader.table(job, "round_questions", where)
        by_round: dict[str, Mapping[str, str]] = {}
        for name in rounds:
            inner = _join(where, f"round_questions.{name}")
            table = reader.table(rounds, name, _join(where, "round_questions"))
            by_round[name.strip()] = MappingProxyType(_tag_map(reader, table, inner))
        values["round_questions"] = MappingProxyType(by_round)
    return values


def _jobs(
    defaults: Mapping[str, dict[str, Any]], overrides: Mapping[str, dict[str, Any]]
) -> tuple[ReconcileSettings, CallsSettings, JobSettings]:
    """Dataclass defaults, then the file's [jobs.*], then the branch's [branch.jobs.*]."""
    reconcile = ReconcileSettings(**{**defaults["reconcile"], **overrides["reconcile"]})
    calls = CallsSettings(**{**defaults["calls"], **overrides["calls"]})
    doorknock = JobSettings(**{"enabled": False, **defaults["doorknock"], **overrides["doorknock"]})
    return reconcile, calls, doorknock


def _norm(header: str) -> str:
    """Headers are matched case- and space-insensitively, so compare them that way too."""
    return "".join(header.split()).casefold()


def _tabs(reader: _Reader, branch: Mapping[str, Any], prefix: str) -> dict[str, TabSettings]:
    tabs_raw = reader.table(branch, "tabs", prefix)
    tabs_prefix = _join(prefix, "tabs")
    reader.check_keys(tabs_raw, _TABS_BY_KEY, tabs_prefix, secrets=False)
    tabs: dict[str, TabSettings] = {}
    for spec in DEFAULT_TABS:
        where = _join(tabs_prefix, spec.key)
        raw = reader.table(tabs_raw, spec.key, tabs_prefix)
        reader.check_keys(raw, TAB_KEYS, where)
        field_keys = [f.key for f in spec.fields]
        title = reader.text(raw, "title", where, spec.title)
        headers = {f.key: f.header for f in spec.fields}
        given = reader.table(raw, "headers", where)
        aliases_raw = reader.table(raw, "aliases", where)
        if spec.whole and (given or aliases_raw):
            reader.problem(where, "this tab is written whole by the bridge; it has no headers")
            given, aliases_raw = {}, {}
        reader.check_keys(given, field_keys, _join(where, "headers"), secrets=False)
        for key in field_keys:
            headers[key] = reader.text(given, key, _join(where, "headers"), headers[key])
        reader.check_keys(aliases_raw, field_keys, _join(where, "aliases"), secrets=False)
        aliases = {
            key: reader.text_list(aliases_raw, key, _join(where, "aliases"))
            for key in field_keys
            if key in aliases_raw
        }
        # Two fields answering to the same header would make the header row ambiguous.
        seen: dict[str, str] = {}
        names = [(k, h) for k, h in headers.items()]
        names += [(k, a) for k, alts in aliases.items() for a in alts]
        for key, name in names:
            other = seen.setdefault(_norm(name), key)
            if other != key:
                reader.problem(
                    where,
                    f"header {_show(name)} is used for both '{other}' and '{key}'",
                )
        tabs[spec.key] = TabSettings(
            key=spec.key,
            title=title,
            headers=MappingProxyType(headers),
            aliases=MappingProxyType(aliases),
        )
    # Two tabs with one title: blame the title the file set, not the default it collided with.
    titles: dict[str, str] = {}

    def set_in_file(key: str) -> bool:
        raw = tabs_raw.get(key)
        return isinstance(raw, dict) and "title" in raw

    renamed = sorted(tabs, key=set_in_file)
    for key in renamed:
        other = titles.setdefault(_norm(tabs[key].title), key)
        if other != key:
            reader.problem(
                _join(tabs_prefix, f"{key}.title"),
                f"{_show(tabs[key].title)} is also the title of tab '{other}'",
            )
    return tabs


def _branches(
    reader: _Reader, raw: Mapping[str, Any], job_defaults: Mapping[str, dict[str, Any]]
) -> tuple[BranchSettings, ...]:
    value = raw.get("branch", _MISSING)
    if value is _MISSING or value == []:
        reader.problem("branch", "missing: at least one [[branch]] is needed")
        return ()
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        reader.problem("branch", f"expected an array of tables [[branch]], got {_show(value)}")
        return ()
    branches: list[BranchSettings] = []
    names: dict[str, int] = {}
    sheets: dict[str, int] = {}
    for index, branch in enumerate(value):
        prefix = f"branch[{index}]"
        reader.check_keys(branch, BRANCH_KEYS, prefix)
        name = reader.required_text(branch, "name", prefix)
        org_id = reader.whole(branch, "zetkin_org_id", prefix, None, low=1, high=None)
        spreadsheet_id = reader.required_text(branch, "spreadsheet_id", prefix)
        districts = reader.text_list(branch, "districts", prefix)
        reconcile, calls, doorknock = _jobs(job_defaults, _job_defaults(reader, branch, prefix))
        if calls.enabled and calls.start_date is None:
            reader.problem(
                _join(prefix, "jobs.calls.start_date"),
                "missing: the calls job needs the date after which new members get a "
                "welcome call (set it under [jobs.calls] or [branch.jobs.calls])",
            )
        tabs = _tabs(reader, branch, prefix)
        if name:
            first = names.setdefault(name.casefold(), index)
            if first != index:
                reader.problem(
                    _join(prefix, "name"), f"{_show(name)} is also the name of branch[{first}]"
                )
        if spreadsheet_id:
            first = sheets.setdefault(spreadsheet_id, index)
            if first != index:
                reader.problem(
                    _join(prefix, "spreadsheet_id"),
                    f"branch[{first}] uses the same spreadsheet; each branch needs its own",
                )
        branches.append(
            BranchSettings(
                name=name,
                zetkin_org_id=org_id or 0,
                spreadsheet_id=spreadsheet_id,
                tabs=MappingProxyType(tabs),
                districts=districts,
                reconcile=reconcile,
                calls=calls,
                doorknock=doorknock,
            )
        )
    return tuple(branches)


def _service_url(
    reader: _Reader,
    raw: Mapping[str, Any],
    key: str,
    env: Mapping[str, str],
    env_var: str,
    default: str,
    schemes: tuple[str, ...],
) -> tuple[Secret, str]:
    """A database or Redis URL: the env var wins; the file may hold one without a password."""
    from_env = env.get(env_var, "").strip()
    if from_env:
        if "://" not in from_env:
            reader.env_problem(env_var, "expected a URL like " + schemes[0] + "://host/...")
        return Secret(from_env), "environment"
    value = reader.opt_text(raw, key, "")
    if value is None:
        return Secret(default), "default"
    parts = urlsplit(value)
    if not parts.scheme.startswith(schemes):
        reader.problem(key, f"expected a URL starting with {' or '.join(schemes)}://")
        return Secret(default), "default"
    if parts.password:
        reader.problem(
            key,
            f"contains a password; move the whole URL to the environment variable {env_var}",
        )
        return Secret(default), "default"
    return Secret(value), "file"


def _zetkin_auth(
    reader: _Reader, raw: Mapping[str, Any], token: Secret | None, api_key: Secret | None
) -> str:
    """``zetkin.auth``; when left out: a fixed token if one is set, else the API key if one is
    set, else the OAuth code flow (so older configs keep working)."""
    value = reader.opt_text(raw, "auth", "zetkin")
    if value is None:
        return "token" if token else "api_key" if api_key else "oauth"
    if value not in ZETKIN_AUTH_MODES:
        reader.problem("zetkin.auth", f"expected one of {', '.join(ZETKIN_AUTH_MODES)}")
        return "api_key"
    return str(value)


def _env_secret(env: Mapping[str, str], name: str, sources: dict[str, str]) -> Secret | None:
    value = env.get(name, "").strip()
    sources[name] = "environment" if value else "not set"
    return Secret(value) if value else None


def _check_env_secrets(
    reader: _Reader, credentials: Secret | None, ledger_key: Secret | None
) -> None:
    """Catch a malformed secret at start-up rather than at first use (never showing it)."""
    if credentials is not None:
        text = credentials.get()
        if text.startswith("{"):
            try:
                json.loads(text)
            except ValueError:
                reader.env_problem(
                    "BRIDGE_GOOGLE_CREDENTIALS", "looks like JSON but does not parse"
                )
        elif not Path(text).expanduser().is_file():
            reader.env_problem(
                "BRIDGE_GOOGLE_CREDENTIALS",
                "is neither service-account JSON nor the path of an existing file",
            )
    if ledger_key is not None:
        from cryptography.fernet import Fernet

        try:
            Fernet(ledger_key.get().encode())
        except (ValueError, TypeError):
            reader.env_problem(
                "BRIDGE_LEDGER_KEY",
                "is not a Fernet key (32 url-safe base64-encoded bytes; "
                "make one with cryptography's Fernet.generate_key())",
            )


# --- the entry point --------------------------------------------------------------------------


def _read_toml(path: Path, reader: _Reader) -> dict[str, Any] | None:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        reader.problem(None, "no such file")
    except IsADirectoryError:
        reader.problem(None, "is a folder, not a TOML file")
    except PermissionError:
        reader.problem(None, "cannot be read (permission denied)")
    except UnicodeDecodeError:
        reader.problem(None, "is not UTF-8 text")
    except tomllib.TOMLDecodeError as exc:
        reader.problem(None, f"not valid TOML: {exc}")
    return None


def read_env_file(path: Path) -> dict[str, str]:
    """``NAME=value`` lines of an env file (``#`` comments, optional quotes); {} if absent."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return {}
    values: dict[str, str] = {}
    for line in lines:
        line = line.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        name, _, value = line.removeprefix("export ").partition("=")
        values[name.strip()] = value.strip().strip("'\"")
    return values


def load_settings(path: str | Path, env: Mapping[str, str] | None = None) -> Settings:
    """Parse the TOML file at ``path`` and the secrets in ``env`` (default: ``os.environ``).

    With the default environment, a ``secrets.env`` file beside the config (``NAME=value`` lines,
    as docker-compose's ``env_file``) fills in variables the environment does not set: the
    sandbox writes its token there. Raises :class:`SettingsError` listing every problem found.
    """
    path = Path(path)
    if env is None:
        env = {**read_env_file(path.parent / "secrets.env"), **os.environ}
    reader = _Reader(str(path))
    raw = _read_toml(path, reader)
    if raw is None:
        raise SettingsError("\n".join(reader.problems), problems=reader.problems)

    reader.check_keys(raw, TOP_KEYS, "")
    source = path.resolve()
    data_dir = Path(reader.text(raw, "data_dir", "", "data")).expanduser()
    if not data_dir.is_absolute():
        data_dir = (source.parent / data_dir).resolve()

    language = reader.text(raw, "language", "", "nb")
    if language not in LANGUAGES:
        reader.problem("language", f"expected 'nb' or 'en', got {_show(language)}")
        language = "nb"
    log_level = reader.text(raw, "log_level", "", "INFO").upper()
    if log_level not in LOG_LEVELS:
        reader.problem("log_level", f"expected one of {', '.join(LOG_LEVELS)}")
        log_level = "INFO"

    sources: dict[str, str] = {}
    zetkin_raw = reader.table(raw, "zetkin", "")
    reader.check_keys(zetkin_raw, ZETKIN_KEYS, "zetkin")
    zd = ZetkinSettings()
    access_token = _env_secret(env, "BRIDGE_ZETKIN_TOKEN", sources)
    api_key = _env_secret(env, "BRIDGE_ZETKIN_API_KEY", sources)
    zetkin = ZetkinSettings(
        base_url=reader.url(zetkin_raw, "base_url", "zetkin") or zd.base_url,
        auth=_zetkin_auth(reader, zetkin_raw, access_token, api_key),
        api_key=api_key,
        client_id=reader.opt_text(zetkin_raw, "client_id", "zetkin"),
        client_secret=_env_secret(env, "BRIDGE_ZETKIN_CLIENT_SECRET", sources),
        redirect_uri=reader.url(zetkin_raw, "redirect_uri", "zetkin") or zd.redirect_uri,
        access_token=access_token,
        timeout=reader.number(
            zetkin_raw, "timeout", "zetkin", zd.timeout, what="seconds above 0, like 30"
        ),
        page_size=reader.whole(zetkin_raw, "page_size", "zetkin", zd.page_size, low=1, high=10000)
        or zd.page_size,
        retry_cap=reader.duration(zetkin_raw, "retry_cap", "zetkin", zd.retry_cap),
        language=language,
    )

    sheets_raw = reader.table(raw, "sheets", "")
    reader.check_keys(sheets_raw, SHEETS_KEYS, "sheets")
    sd = SheetsSettings()
    sheets = SheetsSettings(
        base_url=reader.url(sheets_raw, "base_url", "sheets"),
        credentials=_env_secret(env, "BRIDGE_GOOGLE_CREDENTIALS", sources),
        timeout=reader.number(
            sheets_raw, "timeout", "sheets", sd.timeout, what="seconds above 0, like 30"
        ),
        retry_cap=reader.duration(sheets_raw, "retry_cap", "sheets", sd.retry_cap),
        language=language,
    )

    database_url, sources["BRIDGE_DATABASE_URL"] = _service_url(
        reader,
        raw,
        "database_url",
        env,
        "BRIDGE_DATABASE_URL",
        f"sqlite:///{data_dir / 'bridge.sqlite3'}",
        ("sqlite", "postgresql"),
    )
    redis_url, sources["BRIDGE_REDIS_URL"] = _service_url(
        reader, raw, "redis_url", env, "BRIDGE_REDIS_URL", DEFAULT_REDIS_URL, ("redis", "rediss")
    )
    secret_key = _env_secret(env, "BRIDGE_SECRET_KEY", sources)
    ledger_key = _env_secret(env, "BRIDGE_LEDGER_KEY", sources)
    _check_env_secrets(reader, sheets.credentials, ledger_key)

    allow_clock_override = reader.boolean(raw, "allow_clock_override", "", False)
    job_defaults = _job_defaults(reader, raw, "")
    branches = _branches(reader, raw, job_defaults)
    runtime = runtime_from(reader.table(raw, "runtime", ""), env, reader.problem)

    if reader.problems:
        raise SettingsError("\n".join(reader.problems), problems=reader.problems)
    return Settings(
        source=source,
        data_dir=data_dir,
        database_url=database_url,
        redis_url=redis_url,
        language=language,
        log_level=log_level,
        zetkin=zetkin,
        sheets=sheets,
        branches=branches,
        secret_key=secret_key,
        ledger_key=ledger_key,
        allow_clock_override=allow_clock_override,
        sources=MappingProxyType({name: sources[name] for name in ENV_VARS}),
        runtime=runtime,
    )
