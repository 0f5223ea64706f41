"""The typed, frozen settings every part of the bridge receives, declared once.

Each field says its type, default and description, and where its value comes from when that is
not the TOML file (see :mod:`config.fields`). The file's tables have these models' shape, so
pydantic checks every key and type in one pass; :mod:`config.loader` words its errors.

These are pydantic *dataclasses*, not ``BaseModel``: callers build them positionally, change
them with ``dataclasses.replace`` and expect ``FrozenInstanceError``. A section may just as well
be a ``BaseModel`` (``config/<area>_settings.py``); pydantic validates both alike.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from datetime import timedelta
from pathlib import Path
from types import MappingProxyType
from typing import Annotated, Any
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    GetCoreSchemaHandler,
    ValidationInfo,
    WrapValidator,
    create_model,
    model_validator,
)
from pydantic.dataclasses import dataclass
from pydantic_core import CoreSchema, core_schema

from bridge.workbook import DEFAULT_TABS, TabSpec
from config.admin_settings import AdminSettings
from config.doorknock_settings import DoorknockSettings
from config.fields import (
    TABLE,
    UNSET,
    Check,
    Day,
    Duration,
    Flag,
    HttpUrl,
    Load,
    Loaded,
    Number,
    Seconds,
    Secret,
    TagMap,
    Text,
    TextList,
    Whole,
    false_is_none,
    format_duration,
    from_env,
    frozen,
    load_of,
    loaded,
    one_of,
    parse_duration,
    problem,
    whole,
)
from config.runtime_settings import RuntimeSettings

# re-exported: callers import them here
__all__ = ["DoorknockSettings", "Secret", "format_duration", "parse_duration"]

LANGUAGES = ("nb", "en")
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
ZETKIN_AUTH_MODES = ("api_key", "oauth", "token")
LEDGER_KEY = "BRIDGE_LEDGER_KEY"
CLIENT_SECRET, GOOGLE = "BRIDGE_ZETKIN_CLIENT_SECRET", "BRIDGE_GOOGLE_CREDENTIALS"
REDIRECT = "http://127.0.0.1:8976/callback"
# Defaults are given as Field(default=...), by keyword: mypy's dataclass check misreads a
# positional default that follows a default_factory.
CONFIG = ConfigDict(
    extra="forbid", validate_default=True, validate_by_name=True, validate_by_alias=True
)


# --- tabs ------------------------------------------------------------------------------------


@dataclass(frozen=True, config=CONFIG)
class TabSettings:
    """Where one logical tab lives and what its headers are called in this branch.

    ``headers`` maps logical field keys to header text; ``aliases`` adds accepted alternatives.
    """

    key: str
    title: str
    headers: Annotated[Mapping[str, str], AfterValidator(frozen)]
    aliases: Annotated[Mapping[str, tuple[str, ...]], AfterValidator(frozen)] = Field(
        default_factory=dict, description="Other headers accepted when reading, per field."
    )


class _FileTable(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _WholeTab(_FileTable):
    @model_validator(mode="before")
    @classmethod
    def _no_headers(cls, data: Any) -> Any:
        if isinstance(data, dict) and ("headers" in data or "aliases" in data):
            raise problem("config.tab_whole")
        return data


def _table(name: str, fields: dict[str, Any], base: type[BaseModel] = _FileTable) -> Any:
    """A table model made from the default workbook (so its keys are the workbook's)."""
    return create_model(name, __base__=base, **fields)


def _tab_model(spec: TabSpec) -> type[BaseModel]:
    """The [branch.tabs.<key>] table of one tab: its defaults are the default workbook's."""
    title = (Text, Field(default=spec.title, description=f"The tab's name ({spec.title!r})."))
    if spec.whole:
        return _table(spec.key, {"title": title}, _WholeTab)  # type: ignore[no-any-return]
    headers = _table(f"{spec.key}.headers", {f.key: (Text, f.header) for f in spec.fields})
    aliases = _table(f"{spec.key}.aliases", {f.key: (TextList, ()) for f in spec.fields})
    return _table(  # type: ignore[no-any-return]
        spec.key,
        {
            "title": title,
            "headers": (headers, Field(default_factory=headers, description="Header texts.")),
            "aliases": (aliases, Field(default_factory=aliases, description="Also accepted.")),
        },
    )


_TAB_MODELS = {spec.key: _tab_model(spec) for spec in DEFAULT_TABS}
TabsFile = _table("tabs", {k: (m, Field(default_factory=m)) for k, m in _TAB_MODELS.items()})


def _norm(header: str) -> str:
    """Headers are matched case- and space-insensitively, so compare them that way too."""
    return "".join(header.split()).casefold()


def _tabs(file: BaseModel) -> Mapping[str, TabSettings]:
    """Every tab of the default workbook with this branch's changes; two fields answering to one
    header, or two tabs with one title (blamed on the title the file set), are problems."""
    tabs: dict[str, TabSettings] = {}
    found: list[tuple[tuple[str, ...], str, dict[str, Any]]] = []
    for spec in DEFAULT_TABS:
        raw = getattr(file, spec.key)
        headers = dict(raw.headers) if not spec.whole else {}
        given = raw.aliases.model_fields_set if not spec.whole else set()
        aliases = {key: getattr(raw.aliases, key) for key in given}
        seen: dict[str, str] = {}
        names = [*headers.items(), *((k, a) for k, alts in aliases.items() for a in alts)]
        for key, name in names:
            other = seen.setdefault(_norm(name), key)
            if other != key:
                pair = {"value": name, "first": other, "second": key}
                found.append(((spec.key,), "config.header_twice", pair))
        tabs[spec.key] = TabSettings(spec.key, raw.title, headers, aliases)
    titles: dict[str, str] = {}
    for key in sorted(tabs, key=lambda key: "title" in getattr(file, key).model_fields_set):
        other = titles.setdefault(_norm(tabs[key].title), key)
        if other != key:
            clash = {"value": tabs[key].title, "other": other}
            found.append(((key, "title"), "config.title_twice", clash))
    if found:
        raise problem("config.many", problems=found)
    return MappingProxyType(tabs)


class _TabsFromFile:
    """Field metadata: the file's [branch.tabs] (only what differs) becomes every tab in full."""

    file_model = TabsFile

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        def wrap(value: Any, validate: Callable[[Any], Any]) -> Mapping[str, TabSettings]:
            built = isinstance(value, Mapping) and value
            if built and all(isinstance(tab, TabSettings) for tab in value.values()):
                return MappingProxyType(dict(value))
            return _tabs(validate(value))

        return core_schema.no_info_wrap_validator_function(wrap, handler.generate_schema(TabsFile))


# --- jobs ----------------------------------------------------------------------------------


@dataclass(frozen=True, config=CONFIG)
class JobSettings:
    """A job switch and its schedule."""

    enabled: Flag = Field(default=True, description="Whether the job runs.")
    every: Duration = Field(default=timedelta(minutes=10), description="How often the job runs.")


@dataclass(frozen=True, config=CONFIG)
class ReconcileSettings(JobSettings):
    """Member reconciliation between Zetkin and the ``members`` tab."""

    member_tag: Text = Field(default="Medlem", description="Zetkin tag that marks a member.")
    door_knock_tag: Text = Field(default="Vil dørbanke", description="Tag behind 'Vil dørbanke'.")
    caller_tag: Text = Field(default="Vil ringe", description="Tag behind 'Vil ringe'.")
    joined_field: Text = Field(default="innmeldt", description="Custom field with the join date.")
    district_field: Text = Field(default="bydel", description="Custom field with the district.")
    create_in_zetkin: Flag = Field(default=True, description="Create people the board added.")
    auto_accept_joins: Flag = Field(default=False, description="Accept join forms automatically.")
    max_change_share: Annotated[Number, Check("config.share", lambda v: 0 < v <= 1)] = Field(
        default=0.3, description="A run changing more than this share of rows is held for approval."
    )


@dataclass(frozen=True, config=CONFIG)
class CallsSettings(JobSettings):
    """Call lists (issue 14): welcome calls for new members and call rounds.

    ``start_date`` is required when the job is on: members who joined after it get a welcome
    call. The texts left ``None`` are the planner's defaults (bridge.calls.CallOptions).
    ``questions`` are answer columns added to every call (header -> Zetkin tag) besides the
    two defaults; ``round_questions`` adds columns for one round (round name -> header -> tag).
    """

    enabled: Flag = Field(default=False, description="Whether the job runs.")
    start_date: Day | None = Field(default=None, description="Who joined after it gets a call.")
    due_days: Annotated[Whole, whole(1, 365)] = Field(default=14, description="Call due in.")
    cooldown_days: Annotated[Whole, whole(0, 60)] = Field(default=2, description="Next try in.")
    max_attempts: Annotated[Whole, whole(1, 10)] = Field(default=3, description="Tries, then SMS.")
    release_after_days: Annotated[Whole, whole(1, 60)] = Field(default=5, description="Reassign.")
    escalate_within_days: Annotated[Whole, whole(0, 60)] = Field(default=3, description="Escalate.")
    keep_finished_days: Annotated[Whole, whole(0, 365)] = Field(default=7, description="Kept done.")
    sms_template: Text | None = Field(default=None, description="Follow-up SMS text.")
    email_subject: Text | None = Field(default=None, description="Follow-up e-mail subject.")
    email_template: Text | None = Field(default=None, description="Follow-up e-mail text.")
    no_contact_tag: Annotated[Text | None, BeforeValidator(false_is_none)] = Field(
        default="Ønsker ikke kontakt", description="Tag for 'ønsker ikke kontakt' (false: none)."
    )
    questions: TagMap = Field(default_factory=dict, description="Answer columns: header = tag.")
    round_questions: Annotated[Mapping[Text, TagMap], AfterValidator(frozen)] = Field(
        default_factory=dict, description="Answer columns of one round: round = {header = tag}."
    )
    phone_region: Text = Field(default="NO", description="Country of numbers without a +code.")
    mirror_rounds: Flag = Field(
        default=False,
        description="Mirror each active call round as a Zetkin call assignment (its rule as the "
        "Smart Search filter; a rule that does not translate is not mirrored, and its Status "
        "says which word).",
    )
    tab_per_caller: Flag = Field(
        default=False,
        description='One call-list tab per caller ("Ringeliste – <caller>") instead of one.',
    )


@dataclass(frozen=True, config=CONFIG)
class JobsSettings:
    """A jobs table: [jobs.<job>] holds every branch's defaults, [branch.jobs.<job>] one
    branch's changes to them. A new job is a field here (and a property on BranchSettings)."""

    reconcile: Annotated[ReconcileSettings, TABLE] = Field(default=UNSET, description="Members.")
    calls: Annotated[CallsSettings, TABLE] = Field(default=UNSET, description="Call lists.")
    doorknock: Annotated[DoorknockSettings, TABLE] = Field(default=UNSET, description="Rounds.")


def _keep_defaults(value: Any, validate: Callable[[Any], Any], info: ValidationInfo) -> Any:
    """The root [jobs] table, kept (once it is valid) for the branches to start from."""
    result = validate(value)
    load = load_of(info)
    if load is not None and isinstance(value, dict):
        load.job_defaults = value
    return result


def _branch_jobs(load: Load, value: Any, info: ValidationInfo) -> Any:
    """[branch.jobs.<job>] over [jobs.<job>], key by key, before either is validated here."""
    value = {} if value is UNSET else value
    if not isinstance(value, dict):
        return value
    merged = dict(load.job_defaults)
    for name, table in value.items():
        base = merged.get(name)
        both = isinstance(base, dict) and isinstance(table, dict)
        merged[name] = {**base, **table} if both else table  # type: ignore[dict-item]
    return merged


def _dated(jobs: JobsSettings, info: ValidationInfo) -> JobsSettings:
    """A file that switches the calls job on gives its start date (code may leave it out)."""
    if load_of(info) is not None and jobs.calls.enabled and jobs.calls.start_date is None:
        raise problem("config.calls_start_date", at=("calls", "start_date"))
    return jobs


# --- branches and the whole file --------------------------------------------------------------


@dataclass(frozen=True, config=CONFIG)
class BranchSettings:
    """One organisation (the branch or a district branch) with its own spreadsheet."""

    name: Text = Field(description="A short unique name (admin, CLI --branch, logs).")
    zetkin_org_id: Annotated[Whole, whole(1)] = Field(description="The Zetkin organisation id.")
    spreadsheet_id: Text = Field(description="The Google spreadsheet id; one per branch.")
    tabs: Annotated[Mapping[str, TabSettings], _TabsFromFile()] = Field(
        default_factory=dict, description="Changes to the default workbook, per tab."
    )
    districts: TextList = Field(default=(), description="Districts (bydeler) this branch covers.")
    jobs: Annotated[
        JobsSettings,
        Loaded(_branch_jobs, default=JobsSettings()),
        AfterValidator(_dated),
    ] = Field(default=UNSET, description="This branch's changes to the [jobs.*] defaults.")

    @property
    def reconcile(self) -> ReconcileSettings:
        return self.jobs.reconcile

    @property
    def calls(self) -> CallsSettings:
        return self.jobs.calls

    @property
    def doorknock(self) -> DoorknockSettings:
        return self.jobs.doorknock


def _auth(load: Load, value: Any, info: ValidationInfo) -> Any:
    """Left out: a fixed token if one is set, else the API key if one is set, else OAuth."""
    if value is not UNSET:
        return value
    data = info.data
    return "token" if data.get("access_token") else "api_key" if data.get("api_key") else "oauth"


def _credentials(text: str) -> str | None:
    if text.startswith("{"):
        try:
            json.loads(text)
        except ValueError:
            return "config.env_json"
        return None
    return None if Path(text).expanduser().is_file() else "config.env_credentials"


def _fernet(text: str) -> str | None:
    from cryptography.fernet import Fernet

    try:
        Fernet(text.encode())
    except (ValueError, TypeError):
        return "config.env_fernet"
    return None


@dataclass(frozen=True, config=CONFIG)
class ZetkinSettings:
    """How to reach Zetkin; the secrets come from the environment only.

    ``auth`` says how the bridge gets its token: ``"api_key"`` (the jwt-bearer API-key grant,
    as Zetkin's own unattended sync does; for a deployment that runs on a schedule),
    ``"oauth"`` (the code flow once through ``bridge zetkin login``, then refresh) or
    ``"token"`` (a fixed token: the sandbox and tests).
    """

    base_url: HttpUrl = Field(default="https://api.zetk.in", description="The Zetkin API.")
    client_id: Text | None = Field(default=None, description="OAuth client id of the bridge's app.")
    client_secret: Annotated[Secret | None, from_env(CLIENT_SECRET)] = Field(default=UNSET)
    redirect_uri: HttpUrl = Field(default=REDIRECT, description="Where OAuth returns to.")
    access_token: Annotated[Secret | None, from_env("BRIDGE_ZETKIN_TOKEN")] = Field(default=UNSET)
    api_key: Annotated[Secret | None, from_env("BRIDGE_ZETKIN_API_KEY")] = Field(default=UNSET)
    auth: Annotated[str, Loaded(_auth, "api_key"), one_of(*ZETKIN_AUTH_MODES)] = Field(
        default=UNSET, description="How the bridge gets its token: api_key, oauth or token."
    )
    timeout: Seconds = Field(default=30.0, description="Seconds to wait for one response.")
    page_size: Annotated[Whole, whole(1, 10000)] = Field(default=100, description="Items per page.")
    retry_cap: Duration = Field(default=timedelta(seconds=60), description="Retrying time.")
    # the top-level language, handed to the client for its messages
    language: Annotated[str, loaded("language", "nb")] = Field(default=UNSET)


@dataclass(frozen=True, config=CONFIG)
class SheetsSettings:
    """How to reach Google Sheets; ``base_url`` points gspread at a stand-in instead."""

    base_url: HttpUrl | None = Field(default=None, description="A stand-in instead of Google.")
    # a service-account JSON or the path of one
    credentials: Annotated[Secret | None, from_env(GOOGLE, _credentials)] = Field(default=UNSET)
    timeout: Seconds = Field(default=30.0, description="Seconds to wait for one response.")
    retry_cap: Duration = Field(default=timedelta(seconds=60), description="Retrying time.")
    # the top-level language, handed to the workbook for its messages
    language: Annotated[str, loaded("language", "nb")] = Field(default=UNSET)


def upper(value: Any) -> Any:
    return value.upper() if isinstance(value, str) else value


def _data_dir(load: Load, value: Any, info: ValidationInfo) -> Any:
    """Relative to the folder the file is in."""
    value = "data" if value is UNSET else value
    if not isinstance(value, str) or not value.strip():
        return value  # the type's own error
    path = Path(value.strip()).expanduser()
    return path if path.is_absolute() else (load.source.parent / path).resolve()


def _service_url(
    var: str, schemes: tuple[str, ...], default: Callable[[dict[str, Any]], str]
) -> Loaded:
    """A database or Redis URL: the env var wins; the file may hold one without a password."""

    def fill(load: Load, value: Any, info: ValidationInfo) -> Any:
        from_env = load.env.get(var, "").strip()
        if from_env:
            if "://" not in from_env:
                raise problem("config.env_url", var=var, scheme=schemes[0])
            return Secret(from_env)
        if value is UNSET:
            return Secret(default(info.data))
        if not isinstance(value, str) or not value.strip():
            raise problem("config.text" if not isinstance(value, str) else "config.empty")
        parts = urlsplit(value.strip())
        if not parts.scheme.startswith(schemes):
            raise problem("config.service_url", schemes=" or ".join(schemes))
        if parts.password:
            raise problem("config.service_url_password", var=var)
        return Secret(value.strip())

    return Loaded(fill)


DB, REDIS = ("sqlite", "postgresql"), ("redis", "rediss")


def _sqlite(data: dict[str, Any]) -> str:
    return f"sqlite:///{data.get('data_dir', Path('data')) / 'bridge.sqlite3'}"


def _redis(data: dict[str, Any]) -> str:
    return "redis://127.0.0.1:6379/0"


def _some_branch(load: Load, value: Any, info: ValidationInfo) -> Any:
    if value is UNSET or value == []:
        raise problem("config.branch_missing")
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise problem("config.branch_list")
    return value


def _distinct(
    branches: tuple[BranchSettings, ...], info: ValidationInfo
) -> tuple[BranchSettings, ...]:
    """Each branch in the file has its own name and its own spreadsheet."""
    if load_of(info) is None:
        return branches
    found: list[tuple[tuple[Any, ...], str, dict[str, Any]]] = []
    names: dict[str, int] = {}
    sheets: dict[str, int] = {}
    for index, branch in enumerate(branches):
        first = names.setdefault(branch.name.casefold(), index)
        if first != index:
            taken = {"value": branch.name, "first": first}
            found.append(((index, "name"), "config.branch_name_taken", taken))
        first = sheets.setdefault(branch.spreadsheet_id, index)
        if first != index:
            found.append(((index, "spreadsheet_id"), "config.branch_sheet_taken", {"first": first}))
    if found:
        raise problem("config.many", problems=found)
    return branches


@dataclass(frozen=True, config=CONFIG)
class Settings:
    """Everything the bridge needs, parsed once."""

    source: Annotated[Path, loaded("source")] = Field(default=UNSET)
    data_dir: Annotated[Path, Loaded(_data_dir, Path("data"))] = Field(
        default=UNSET, description="Folder for the bridge's files (the SQLite ledger by default)."
    )
    language: Annotated[str, one_of(*LANGUAGES)] = Field(default="nb", description="nb or en.")
    log_level: Annotated[str, BeforeValidator(upper), one_of(*LOG_LEVELS)] = Field(
        default="INFO", description="Logging threshold."
    )
    database_url: Annotated[Secret, _service_url("BRIDGE_DATABASE_URL", DB, _sqlite)] = Field(
        default=UNSET, description="Ledger database URL (a password only in the environment)."
    )
    redis_url: Annotated[Secret, _service_url("BRIDGE_REDIS_URL", REDIS, _redis)] = Field(
        default=UNSET, description="Redis URL (a password only in the environment)."
    )
    # `bridge sync --now` may run a cycle as if at another time (the sandbox; never production)
    allow_clock_override: Flag = Field(default=False, description="Allow 'bridge sync --now'.")
    zetkin: Annotated[ZetkinSettings, TABLE] = Field(default=UNSET, description="Zetkin.")
    sheets: Annotated[SheetsSettings, TABLE] = Field(default=UNSET, description="Google Sheets.")
    secret_key: Annotated[Secret | None, from_env("BRIDGE_SECRET_KEY")] = Field(default=UNSET)
    ledger_key: Annotated[Secret | None, from_env(LEDGER_KEY, _fernet)] = Field(default=UNSET)
    jobs: Annotated[JobsSettings, TABLE, WrapValidator(_keep_defaults)] = Field(
        default=UNSET, description="Job defaults for every branch."
    )
    admin: Annotated[AdminSettings, TABLE] = Field(
        default=UNSET, description="The admin page: where it listens and who may log in."
    )
    runtime: Annotated[RuntimeSettings, TABLE] = Field(
        default=UNSET, description="Workers, beat, the branch lock and the shared budget."
    )
    branches: Annotated[
        tuple[BranchSettings, ...], Loaded(_some_branch, ()), AfterValidator(_distinct)
    ] = Field(default=UNSET, alias="branch", description="One [[branch]] per Zetkin organisation.")
    # Where each secret came from, by env var name: "environment", "file", "default" or
    # "not set". Never the value; `bridge check` prints it.
    sources: Annotated[Mapping[str, str], loaded("sources", {})] = Field(default=UNSET)

    def branch(self, name: str) -> BranchSettings:
        """The branch called ``name`` (``KeyError`` when there is none)."""
        for branch in self.branches:
            if branch.name == name:
                return branch
        raise KeyError(name)
