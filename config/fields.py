"""The building blocks of a settings section: value types and where a value comes from.

A field's type says what the file may hold (:data:`Text`, :data:`Duration`, :data:`Flag`, ...);
its metadata says where the value comes from when it is not simply read from the file:
:func:`from_env` (a secret: only from the environment, never from the file), :func:`loaded`
(a value the loader supplies, such as the file's own path), :data:`TABLE` (a nested section)
or a :class:`Loaded` fill of its own (a default that depends on other values). A problem
raised here has a catalogue key (``config.*`` in :mod:`bridge.messages`) as its error type;
:mod:`config.loader` words it. Every section (``config/settings.py``, ``config/<area>_settings.py``)
is built from these, so one loader handles them all.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Mapping
from datetime import date, datetime, timedelta
from pathlib import Path
from types import MappingProxyType
from typing import Annotated, Any
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    BeforeValidator,
    ConfigDict,
    GetCoreSchemaHandler,
    PlainValidator,
    Strict,
    StringConstraints,
    ValidationInfo,
)
from pydantic_core import CoreSchema, PydanticCustomError, core_schema


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

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        def secret(value: Any) -> Secret:
            if isinstance(value, Secret):
                return value
            if isinstance(value, str):
                return cls(value)
            raise PydanticCustomError("string_type", "expected text")

        return core_schema.no_info_plain_validator_function(secret)


# The model_config of a BaseModel section: unknown keys are errors, and defaults go through the
# validators (a field left out holds UNSET until its fill has run).
SECTION = ConfigDict(extra="forbid", frozen=True, validate_default=True)


# --- how a field gets its value ----------------------------------------------------------------


class _Unset:
    def __repr__(self) -> str:
        return "UNSET"


UNSET: Any = _Unset()  # the default of a field whose value the loader (or Loaded.default) gives


@dataclasses.dataclass
class Load:
    """What one validation knows besides the file (``context={"load": Load(...)}``)."""

    env: Mapping[str, str]
    source: Path
    language: str
    sources: Mapping[str, str]
    job_defaults: dict[str, Any] = dataclasses.field(default_factory=dict)


def problem(key: str, **ctx: Any) -> PydanticCustomError:
    """An error whose type is the catalogue key of its text; ``at`` adds key path parts."""
    return PydanticCustomError(key, key, ctx)


def load_of(info: ValidationInfo) -> Load | None:
    context = info.context
    load = context.get("load") if isinstance(context, dict) else None
    return load if isinstance(load, Load) else None


@dataclasses.dataclass(frozen=True)
class Loaded:
    """Field metadata: while loading, ``fill(load, value, info)`` gives the value (``value`` is
    UNSET when the file leaves the key out); code that builds the object gets ``default``.
    ``in_file=False`` marks a key the file may not hold (a secret or a derived value)."""

    fill: Callable[[Load, Any, ValidationInfo], Any]
    default: Any = UNSET
    in_file: bool = True

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        def before(value: Any, info: ValidationInfo) -> Any:
            load = load_of(info)
            if load is not None:
                return self.fill(load, value, info)
            if value is UNSET:
                if self.default is UNSET:
                    raise PydanticCustomError("missing", "Field required")
                return self.default
            return value

        return core_schema.with_info_before_validator_function(before, handler(source))


def from_env(var: str, check: Callable[[str], str | None] | None = None) -> Loaded:
    """A secret from the environment variable ``var``; in the file it is an error naming ``var``.
    ``check`` returns the catalogue key of what is wrong with a value (never showing it)."""

    def fill(load: Load, value: Any, info: ValidationInfo) -> Secret | None:
        if value is not UNSET:
            raise problem("config.secret_in_file", var=var)
        text = load.env.get(var, "").strip()
        wrong = check(text) if text and check else None
        if wrong:
            raise problem(wrong, var=var)
        return Secret(text) if text else None

    return Loaded(fill, default=None, in_file=False)


def loaded(attr: str, default: Any = UNSET) -> Loaded:
    """A value the loader supplies (``Load.<attr>``); in the file it is an unknown key."""

    def fill(load: Load, value: Any, info: ValidationInfo) -> Any:
        if value is not UNSET:
            raise PydanticCustomError("extra_forbidden", "Extra inputs are not permitted")
        return getattr(load, attr)

    return Loaded(fill, default, in_file=False)


class _Table:
    """Field metadata for a nested section: a table the file leaves out is validated as ``{}``
    (so its own fills run, secrets included); code gets the section's defaults."""

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        def before(value: Any, info: ValidationInfo) -> Any:
            if value is UNSET:
                return {} if load_of(info) is not None else source()
            return value

        return core_schema.with_info_before_validator_function(before, handler(source))


TABLE = _Table()


@dataclasses.dataclass(frozen=True)
class Check:
    """Field metadata: after the type's own validation ``test`` must hold, else problem ``key``."""

    key: str
    test: Callable[[Any], bool]
    ctx: Mapping[str, Any] = dataclasses.field(default_factory=dict)

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        def after(value: Any) -> Any:
            if not self.test(value):
                raise problem(self.key, **self.ctx)
            return value

        return core_schema.no_info_after_validator_function(after, handler(source))


def one_of(*choices: str) -> Check:
    return Check("config.one_of", lambda value: value in choices, {"choices": ", ".join(choices)})


def whole(low: int, high: int | None = None) -> Check:
    if high is None:
        return Check("config.whole_at_least", lambda value: value >= low, {"low": low})
    return Check(
        "config.whole_range", lambda value: low <= value <= high, {"low": low, "high": high}
    )


# --- value types ---------------------------------------------------------------------------

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


def _duration(value: Any) -> timedelta:
    if isinstance(value, timedelta):
        parsed = value
    elif isinstance(value, str):
        try:
            parsed = parse_duration(value)
        except ValueError:
            raise problem("config.duration") from None
    else:
        raise problem("config.duration_type")
    if parsed <= timedelta(0):
        raise problem("config.duration_zero")
    return parsed


def _day(value: Any) -> date:
    """A TOML date (``2026-12-01``) or the same in quotes."""
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise problem("config.date")


def _no_bool(value: Any) -> Any:
    if isinstance(value, bool):
        raise PydanticCustomError("int_type", "expected a whole number")
    return value


def false_is_none(value: Any) -> Any:
    return None if value is False else value


def frozen(value: Mapping[Any, Any]) -> Mapping[Any, Any]:
    return MappingProxyType(dict(value))


def _unique(items: tuple[str, ...]) -> tuple[str, ...]:
    for index, item in enumerate(items):
        if item in items[:index]:
            raise problem("config.listed_twice", at=(index,), value=item)
    return items


def _http_url(value: str) -> str:
    """An http(s) URL; a password in it is refused (passwords live in the environment)."""
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise problem("config.http_url")
    if parts.password:
        raise problem("config.url_password")
    return value.rstrip("/")


Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Flag = Annotated[bool, Strict()]
Whole = Annotated[int, BeforeValidator(_no_bool)]
Number = Annotated[float, Strict()]  # 30 or 0.3, not true or "30"
Seconds = Annotated[Number, Check("config.seconds", lambda value: value > 0)]
Duration = Annotated[timedelta, PlainValidator(_duration)]
Day = Annotated[date, PlainValidator(_day)]
TextList = Annotated[tuple[Text, ...], AfterValidator(_unique)]
TagMap = Annotated[Mapping[Text, Text], AfterValidator(frozen)]
HttpUrl = Annotated[Text, AfterValidator(_http_url)]
