"""The typed, frozen settings object every part of the bridge receives.

It is built once, by :func:`config.loader.load_settings`, from one TOML file plus environment
variables for secrets. Nothing else reads the environment. Secrets are wrapped in
:class:`Secret`, whose ``repr``/``str`` never show the value.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from config.runtime_settings import RuntimeSettings

__all__ = [
    "ZETKIN_AUTH_MODES",
    "BranchSettings",
    "CallsSettings",
    "JobSettings",
    "ReconcileSettings",
    "Secret",
    "Settings",
    "SheetsSettings",
    "TabSettings",
    "ZetkinSettings",
]


class Secret:
    """A secret string that never shows itself in ``repr``, ``str``, logs or tracebacks."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def get(self) -> str:
        """The actual value; call this only where it is sent to the system that needs it."""
        return self._value

    def __repr__(self) -> str:
        return "Secret('***')"

    __str__ = __repr__

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Secret) and other._value == self._value

    def __hash__(self) -> int:
        return hash(self._value)

    def __reduce__(self) -> tuple[object, ...]:
        raise TypeError("a Secret is never pickled (it would end up in a task argument)")


@dataclass(frozen=True)
class TabSettings:
    """Where one logical tab lives and what its headers are called in this branch.

    ``headers`` maps logical field keys to header text; ``aliases`` adds accepted alternatives.
    """

    key: str
    title: str
    headers: Mapping[str, str]
    aliases: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class JobSettings:
    """A job switch and its schedule."""

    enabled: bool = True
    every: timedelta = timedelta(minutes=10)


@dataclass(frozen=True)
class ReconcileSettings(JobSettings):
    """Member reconciliation between Zetkin and the ``members`` tab."""

    member_tag: str = "Medlem"
    door_knock_tag: str = "Vil dørbanke"
    caller_tag: str = "Vil ringe"
    joined_field: str = "innmeldt"
    district_field: str = "bydel"
    create_in_zetkin: bool = True
    auto_accept_joins: bool = False
    max_change_share: float = 0.3


@dataclass(frozen=True)
class CallsSettings(JobSettings):
    """Call lists (issue 14): welcome calls for new members and call rounds.

    ``start_date`` is required when the job is on: members who joined after it get a welcome
    call. The texts left ``None`` are the planner's defaults (bridge.calls.CallOptions).
    ``questions`` are answer columns added to every call (header -> Zetkin tag) besides the
    two defaults; ``round_questions`` adds columns for one round (round name -> header -> tag).
    """

    enabled: bool = False
    start_date: date | None = None
    due_days: int = 14
    cooldown_days: int = 2
    max_attempts: int = 3
    release_after_days: int = 5
    escalate_within_days: int = 3
    keep_finished_days: int = 7
    sms_template: str | None = None
    email_subject: str | None = None
    email_template: str | None = None
    no_contact_tag: str | None = "Ønsker ikke kontakt"
    questions: Mapping[str, str] = field(default_factory=dict)
    round_questions: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    phone_region: str = "NO"


@dataclass(frozen=True)
class BranchSettings:
    """One organisation (the branch or a district branch) with its own spreadsheet."""

    name: str
    zetkin_org_id: int
    spreadsheet_id: str
    tabs: Mapping[str, TabSettings]
    districts: tuple[str, ...] = ()
    reconcile: ReconcileSettings = field(default_factory=ReconcileSettings)
    calls: CallsSettings = field(default_factory=CallsSettings)
    doorknock: JobSettings = field(default_factory=lambda: JobSettings(enabled=False))


ZETKIN_AUTH_MODES = ("api_key", "oauth", "token")


@dataclass(frozen=True)
class ZetkinSettings:
    """How to reach Zetkin; the secrets come from the environment only.

    ``auth`` says how the bridge gets its token: ``"api_key"`` (the jwt-bearer API-key grant,
    as Zetkin's own unattended sync does; for a deployment that runs on a schedule),
    ``"oauth"`` (the code flow once through ``bridge zetkin login``, then refresh) or
    ``"token"`` (a fixed token: the sandbox and tests).
    """

    base_url: str = "https://api.zetk.in"
    client_id: str | None = None
    client_secret: Secret | None = None  # env BRIDGE_ZETKIN_CLIENT_SECRET
    redirect_uri: str = "http://127.0.0.1:8976/callback"
    access_token: Secret | None = None  # env BRIDGE_ZETKIN_TOKEN (a fixed token, e.g. sandbox)
    api_key: Secret | None = None  # env BRIDGE_ZETKIN_API_KEY (the API key's grant)
    auth: str = "api_key"
    timeout: float = 30.0
    page_size: int = 100
    retry_cap: timedelta = timedelta(seconds=60)
    language: str = "nb"  # the top-level language, handed to the client for its messages


@dataclass(frozen=True)
class SheetsSettings:
    """How to reach Google Sheets; ``base_url`` points gspread at a stand-in instead."""

    base_url: str | None = None
    credentials: Secret | None = None  # env BRIDGE_GOOGLE_CREDENTIALS: a path or the JSON itself
    timeout: float = 30.0
    retry_cap: timedelta = timedelta(seconds=60)
    language: str = "nb"  # the top-level language, handed to the workbook for its messages


@dataclass(frozen=True)
class Settings:
    """Everything the bridge needs, parsed once."""

    source: Path
    data_dir: Path
    database_url: Secret  # env BRIDGE_DATABASE_URL, or sqlite in data_dir by default
    redis_url: Secret  # env BRIDGE_REDIS_URL, default redis://127.0.0.1:6379/0
    language: str
    log_level: str
    zetkin: ZetkinSettings
    sheets: SheetsSettings
    branches: tuple[BranchSettings, ...]
    secret_key: Secret | None = None  # env BRIDGE_SECRET_KEY (admin sessions, CSRF)
    ledger_key: Secret | None = None  # env BRIDGE_LEDGER_KEY (Fernet key for tokens at rest)
    # `bridge sync --now` may run a cycle as if at another time (the sandbox; never production)
    allow_clock_override: bool = False
    # Where each secret came from, by env var name: "environment", "file", "default" or
    # "not set". Never the value; `bridge check` prints it.
    sources: Mapping[str, str] = field(default_factory=dict)
    runtime: RuntimeSettings = field(default_factory=RuntimeSettings)  # [runtime] (issue 17)

    def branch(self, name: str) -> BranchSettings:
        """The branch called ``name`` (``KeyError`` when there is none)."""
        for branch in self.branches:
            if branch.name == name:
                return branch
        raise KeyError(name)
