"""Load the bridge's one TOML file (plus secrets from the environment) into frozen Settings.

This module is the only place in the project that reads the environment. The models in
:mod:`config.settings` declare every key; pydantic validates the whole file in one pass, and
:func:`_problems` (the one place that does so) turns each of its errors into a problem
``"<file>: <key>: <what>"`` (``"environment: <VAR>: <what>"`` for a bad environment variable)
in the configured language (bokmål when the language key itself is bad). Validation does not
stop at the first mistake: one :class:`SettingsError` lists them all, so a board member fixes
the file in one go. Branches are indexed from 0 (``branch[0]``). Secrets are accepted from the
environment only; a secret-looking key in the file names the variable to use instead. No
secret value ever appears in a message: values are shown shortened and redacted.

Hand-written, and why: the did-you-mean and the secret-looking-key check (pydantic only says
"extra input"), the wording of each error (pydantic's own texts are English and technical) and
``read_env_file`` (a dozen lines; python-dotenv would be a dependency for that alone).
pydantic-settings is not used: the environment arrives as a mapping (tests and the CLI pass
their own), each variable feeds one field in a nested section, and its errors must join the
file's in one list; the :func:`config.fields.from_env` fill does that in a few lines.

How to add a config section: declare it as a pydantic model (``model_config = SECTION``: frozen,
``extra="forbid"``, defaults validated), every field with its default and
``Field(description=...)``, types from :mod:`config.fields` such as
``Text``, ``Flag``, ``Duration``, ``from_env(VAR)`` for a secret) in
``config/<area>_settings.py``, and make it a field of the table it lives in:
``area: Annotated[AreaSettings, TABLE] = Field(default=UNSET, description=...)`` (TABLE: a
left-out table still gets its defaults and environment fills). A job's settings are a field of
``JobsSettings`` ([jobs.<job>] holds the defaults, merged key by key under each branch's
[branch.jobs.<job>]) with a property on ``BranchSettings``. A check of your own raises
``config.fields.problem("config.<key>", ...)`` with the text under that key in
:mod:`bridge.messages`; pydantic's own errors are worded here. Document each key in
``config/example.toml``: ``tests/config/test_example.py`` fails until example and models agree.
"""

from __future__ import annotations

import difflib
import os
import re
import tomllib
from collections.abc import Iterable, Mapping
from pathlib import Path
from types import MappingProxyType, NoneType, UnionType
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import TypeAdapter, ValidationError

from bridge.errors import ConfigError
from bridge.messages import t
from bridge.redact import redact
from config.fields import Load, Loaded, format_duration, parse_duration
from config.settings import LANGUAGES, Settings

__all__ = [
    "ENV_VARS",
    "SettingsError",
    "file_keys",
    "format_duration",
    "load_settings",
    "parse_duration",
    "read_env_file",
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
_URL_VARS = {"BRIDGE_DATABASE_URL": "database_url", "BRIDGE_REDIS_URL": "redis_url"}
_VALIDATOR = TypeAdapter(Settings)
_VALUE_SHOWN = 40


class SettingsError(ConfigError):
    """The configuration has problems; ``problems`` lists each as ``"<file>: <key>: <what>"``.

    The message is the same list, one problem a line, so ``str()`` of it is ready to print;
    ``language`` is the one they are in. It pickles with its problems (it may cross a Celery
    boundary like every BridgeError).
    """

    def __init__(
        self,
        message: str,
        *,
        problems: Iterable[str] = (),
        where: str | None = None,
        hint: str | None = None,
        language: str = "nb",
    ) -> None:
        super().__init__(message, where=where, hint=hint)
        self.problems: tuple[str, ...] = tuple(problems) or (message,)
        self.language = language

    def _kwargs(self) -> dict[str, Any]:
        return {**super()._kwargs(), "problems": self.problems, "language": self.language}


# --- the keys of a table ------------------------------------------------------------------


def _table_class(annotation: Any) -> Any:
    """The model a field's value is validated by, through Optional, tuples and Annotated."""
    while get_origin(annotation) in (Annotated, tuple, list, Union, UnionType):
        args = [a for a in get_args(annotation) if a not in (Ellipsis, NoneType)]
        annotation = args[0]
    return annotation if hasattr(annotation, "__pydantic_fields__") else None


def file_keys(model: Any) -> dict[str, Any]:
    """The keys a table validated by ``model`` may hold -> the model of each sub-table (None
    for a value or a free-form table). Secrets and values the loader supplies are left out."""
    keys: dict[str, Any] = {}
    for name, info in getattr(model, "__pydantic_fields__", {}).items():
        if any(isinstance(m, Loaded) and not m.in_file for m in info.metadata):
            continue
        shape = next((m.file_model for m in info.metadata if hasattr(m, "file_model")), None)
        keys[info.alias or name] = shape or _table_class(info.annotation)
    return keys


def _model_at(loc: Iterable[str | int]) -> Any:
    model: Any = Settings
    for part in loc:
        if isinstance(part, str):
            model = file_keys(model).get(part)
    return model


def _aliased(loc: tuple[Any, ...]) -> tuple[Any, ...]:
    """The key path as the file spells it (an error about a default uses the field's name)."""
    model: Any = Settings
    parts = []
    for part in loc:
        fields = getattr(model, "__pydantic_fields__", {})
        if isinstance(part, str) and part in fields:
            info = fields[part]
            part = info.alias or part
            model = file_keys(model).get(part)
        parts.append(part)
    return tuple(parts)


# --- pydantic's errors as problems ---------------------------------------------------------

_TEXTS = {  # pydantic's error types (also in other sections' models) -> catalogue keys
    "missing": "config.missing",
    "string_too_short": "config.empty",
    **dict.fromkeys(("string_type", "path_type"), "config.text"),
    **dict.fromkeys(("bool_type", "bool_parsing"), "config.bool"),
    **dict.fromkeys(("int_type", "int_parsing", "int_from_float"), "config.whole"),
    **dict.fromkeys(("float_type", "float_parsing"), "config.number"),
    **dict.fromkeys(("dict_type", "model_type", "dataclass_type"), "config.table"),
    **dict.fromkeys(("model_attributes_type",), "config.table"),
    **dict.fromkeys(("tuple_type", "list_type", "set_type"), "config.list"),
    **dict.fromkeys(("date_type", "date_parsing", "date_from_datetime_parsing"), "config.date"),
    **dict.fromkeys(("time_delta_type", "time_delta_parsing"), "config.duration_type"),
    **dict.fromkeys(("literal_error", "enum"), "config.one_of"),
    **dict.fromkeys(("url_type", "url_parsing", "url_scheme"), "config.http_url"),
    "greater_than_equal": "config.at_least",
    "greater_than": "config.above",
    "less_than_equal": "config.at_most",
    "less_than": "config.below",
}
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


def _secret_env(key: str, section: str, lang: str) -> str | None:
    """The env var a secret-looking key belongs in, or None when the key is no secret."""
    name = key.lower()
    if name in _EXACT_SECRET_ENV:
        return _EXACT_SECRET_ENV[name]
    if not (any(word in name for word in _SECRET_WORDS) or name.endswith("_key")):
        return None
    if "password" in name or "passwd" in name:
        return t("config.secret_var_url", lang)
    if "credential" in name or section == "sheets":
        return "BRIDGE_GOOGLE_CREDENTIALS"
    if section == "zetkin":
        return "BRIDGE_ZETKIN_TOKEN" if "token" in name else "BRIDGE_ZETKIN_CLIENT_SECRET"
    if "ledger" in name:
        return "BRIDGE_LEDGER_KEY"
    return t("config.secret_var_any", lang, names=", ".join(ENV_VARS))


def _did_you_mean(key: str, allowed: Iterable[str], lang: str) -> str:
    choices = list(allowed)
    close = difflib.get_close_matches(key, choices, n=1, cutoff=0.6)
    if close:
        return t("config.did_you_mean", lang, name=close[0])
    if not choices:
        return t("config.nothing_expected", lang)
    return t("config.expected_keys", lang, keys=", ".join(choices))


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
    if isinstance(value, list | tuple):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    return f"a {type(value).__name__}"


def _path(loc: Iterable[str | int]) -> str:
    """``("branch", 1, "jobs", "calls")`` -> ``"branch[1].jobs.calls"``."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else f".{part}" if text else part
    return text


def _problem(file: str, lang: str, loc: tuple[Any, ...], kind: str, ctx: dict[str, Any]) -> str:
    if kind in ("extra_forbidden", "unexpected_keyword_argument"):
        key = str(loc[-1])
        var = None if "tabs" in loc else _secret_env(key, str(loc[0]), lang)
        hint = _did_you_mean(key, file_keys(_model_at(loc[:-1])), lang)
        kind = "config.secret_in_file" if var else "config.unknown_key"
        ctx = {**ctx, "var": var, "hint": hint}
    loc = (*loc, *ctx.get("at", ()))
    if "[key]" in loc:  # a bad key of a free-form table: name the table
        loc = loc[: loc.index("[key]") - 1]
        kind = "config.empty_key" if kind == "string_too_short" else kind
    key = kind if kind.startswith("config.") else _TEXTS.get(kind, "config.invalid")
    what = t(key, lang, **{**ctx, "got": _show(ctx["value"]), "table": loc[-1] if loc else ""})
    if key.startswith("config.env_"):
        return f"environment: {ctx['var']}: {what}"
    return f"{file}: {_path(loc)}: {what}" if loc else f"{file}: {what}"


def _problems(error: ValidationError, file: str, lang: str) -> list[str]:
    """Every error of one validation as a problem, in the file's order."""
    found: list[str] = []
    for err in error.errors():
        ctx = {"value": err["input"], "detail": err["msg"], **err.get("ctx", {})}
        ctx.setdefault("choices", str(ctx.get("expected", "")).replace("'", ""))
        loc = _aliased(tuple(err["loc"]))
        if err["type"] == "config.many":
            for at, kind, more in ctx["problems"]:
                found.append(_problem(file, lang, (*loc, *at), kind, {**ctx, **more}))
        else:
            found.append(_problem(file, lang, loc, err["type"], ctx))
    return found


# --- the entry point --------------------------------------------------------------------------


def _read_toml(path: Path) -> dict[str, Any] | tuple[str, str, str]:
    """The parsed file, or the catalogue key of why not, its language and any detail."""
    try:
        text = path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        return "config.no_file", "nb", ""
    except IsADirectoryError:
        return "config.is_folder", "nb", ""
    except PermissionError:
        return "config.unreadable", "nb", ""
    except UnicodeDecodeError:
        return "config.not_utf8", "nb", ""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        # The language key, if it can be found in the broken file, still decides the language.
        found = re.search(r'(?m)^language\s*=\s*"(en|nb)"', text)
        return "config.not_toml", found.group(1) if found else "nb", str(exc)


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


def _sources(raw: Mapping[str, Any], env: Mapping[str, str]) -> Mapping[str, str]:
    """Where each secret comes from, by variable: never the value."""
    sources = {}
    for var in ENV_VARS:
        in_file = var in _URL_VARS and _URL_VARS[var] in raw
        given = env.get(var, "").strip()
        sources[var] = "environment" if given else "file" if in_file else "not set"
        if var in _URL_VARS and sources[var] == "not set":
            sources[var] = "default"
    return MappingProxyType(sources)


def load_settings(path: str | Path, env: Mapping[str, str] | None = None) -> Settings:
    """Parse the TOML file at ``path`` and the secrets in ``env`` (default: ``os.environ``).

    With the default environment, a ``secrets.env`` file beside the config (``NAME=value`` lines,
    as docker-compose's ``env_file``) fills in variables the environment does not set: the
    sandbox writes its token there. Raises :class:`SettingsError` listing every problem found.
    """
    path = Path(path)
    if env is None:
        env = {**read_env_file(path.parent / "secrets.env"), **os.environ}
    raw = _read_toml(path)
    if isinstance(raw, tuple):
        key, lang, detail = raw
        text = f"{path}: {t(key, lang, detail=detail)}"
        raise SettingsError(text, problems=(text,), language=lang)
    lang = str(raw["language"]) if raw.get("language") in LANGUAGES else "nb"
    source = path.resolve()
    load = Load(env=env, source=source, language=lang, sources=_sources(raw, env))
    try:
        return _VALIDATOR.validate_python(raw, context={"load": load})
    except ValidationError as exc:
        problems = _problems(exc, str(path), lang)
    # Raised outside the except: pydantic's error holds the input, secrets and all.
    raise SettingsError("\n".join(problems), problems=problems, language=lang)
