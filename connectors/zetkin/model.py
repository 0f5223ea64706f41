"""The building blocks of the Zetkin records: the :class:`Record` base and lenient field types.

The Platform API is loose about types (the v1 OpenAPI spec even shows booleans as ``1``; ids and
numbers come as strings; phones and zip codes as numbers; timestamps with and without a zone,
see :mod:`connectors.zetkin.timeparse`), so each type here turns what Zetkin may send into the
one Python type the records declare, and a value of the wrong JSON type into ``None`` (or the
field's empty value) instead of an error. Only :data:`ZetkinId` can fail: a record without a
usable id cannot be used at all. The records (:mod:`connectors.zetkin.records`) re-export these
for other modules. The conversions stay small hand-written functions because they are Zetkin's
rules, not a format pydantic knows: its lax mode refuses a number where text is declared and
raises on a value of the wrong type, where a Zetkin record must carry on without it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date, datetime
from types import MappingProxyType
from typing import Annotated, Any, Self, TypeVar

from pydantic import (
    AliasChoices,
    AliasPath,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    OnErrorOmit,
    PlainValidator,
    TypeAdapter,
    ValidationError,
)
from pydantic_core import CoreSchema, core_schema

from bridge.errors import MalformedRecordError
from connectors.zetkin.timeparse import parse_date, parse_time

__all__ = [
    "EMPTY",
    "JSON",
    "Cells",
    "Choices",
    "Flag",
    "FrozenJSON",
    "IdList",
    "Objects",
    "Present",
    "Record",
    "Strings",
    "TakenFlag",
    "ZetkinDate",
    "ZetkinFloat",
    "ZetkinId",
    "ZetkinInt",
    "ZetkinText",
    "ZetkinTime",
    "ZetkinTitle",
    "empty",
    "malformed_record",
    "mappings",
    "or_",
    "parse_list",
    "ref",
    "ref_title",
    "text",
    "to_int",
]  # fmt: skip

JSON = Any
EMPTY: Mapping[str, JSON] = MappingProxyType({})


def to_int(value: object) -> int | None:
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        try:
            return int(value.strip())
        except ValueError:
            return None
    return None


def _float(value: object) -> float | None:
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value)
        except ValueError:
            return None
    return None


def text(value: object) -> str | None:
    """Text as sent, a number written as text, anything else None."""
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return None


def _bool(value: object) -> bool:
    """``true``/``1``/``"1"``/``"true"`` are true; the v1 spec writes booleans as ``1``."""
    if isinstance(value, str):
        return value.strip().lower() in {"1", "true", "yes"}
    return bool(value) if value is not None else False


def _taken(value: object) -> bool:
    """``organizer_action_taken`` is a time (a string) or null; booleans are accepted too."""
    if isinstance(value, str):
        return value.strip().lower() not in {"", "0", "false", "no"}
    return _bool(value)


def _frozen(value: object) -> Mapping[str, JSON]:
    return MappingProxyType(dict(value)) if isinstance(value, Mapping) else EMPTY


def empty() -> Mapping[str, JSON]:
    """The default of a :data:`FrozenJSON` field (a factory: pydantic copies plain defaults)."""
    return EMPTY


def _list(value: object) -> list[Any]:
    return value if isinstance(value, list) else []


def mappings(value: object) -> list[Mapping[str, JSON]]:
    """The objects of a JSON list; anything else in it is left out."""
    return [v for v in _list(value) if isinstance(v, Mapping)]


def _ids(value: object) -> tuple[int, ...]:
    """A list of ids or of ``{id, …}`` objects (forms and callers use both)."""
    numbers = (to_int(i.get("id")) if isinstance(i, Mapping) else to_int(i) for i in _list(value))
    return tuple(n for n in numbers if n is not None)


def _objects(value: object) -> tuple[Mapping[str, JSON], ...]:
    return tuple(MappingProxyType(dict(v)) for v in _list(value) if isinstance(v, Mapping))


def _choices(value: object) -> tuple[tuple[str, str | None], ...]:
    items = (c for c in _list(value) if isinstance(c, Mapping) and c.get("key") is not None)
    return tuple((str(c["key"]), text(c.get("label"))) for c in items)


def _strings(value: object) -> tuple[str, ...]:
    """Strings, or the ``slug`` of objects (a join form's ``fields`` come as either)."""
    return tuple(str(f.get("slug")) if isinstance(f, Mapping) else str(f) for f in _list(value))


def or_(fallback: Any, convert: Callable[[object], Any] = text) -> Callable[[object], Any]:
    """``convert``, with ``fallback`` for None and for an empty text or a zero."""
    return lambda value: convert(value) or fallback


ZetkinId = Annotated[int, BeforeValidator(to_int)]
"""A required id: an int, or a string or integral float holding one."""
ZetkinInt = Annotated[int | None, BeforeValidator(to_int)]
ZetkinFloat = Annotated[float | None, BeforeValidator(_float)]


class _TextOrNone:
    """:func:`text`'s rule, checked inside pydantic-core: a person has a dozen text fields and a
    list read 20,000 people, so these skip the Python call (``python -m bench records``)."""

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> CoreSchema:
        inner = core_schema.str_schema(coerce_numbers_to_str=True)
        return core_schema.with_default_schema(
            core_schema.nullable_schema(inner), default=None, on_error="default"
        )


ZetkinText = Annotated[str | None, _TextOrNone()]
"""Text, with numbers (a phone or zip sent as a number) written as text; anything else None."""
ZetkinTitle = Annotated[str, BeforeValidator(or_(""))]
Flag = Annotated[bool, BeforeValidator(_bool)]
TakenFlag = Annotated[bool, BeforeValidator(_taken)]
ZetkinTime = Annotated[datetime | None, BeforeValidator(parse_time)]
"""An aware datetime from any of Zetkin's timestamp forms (see :mod:`timeparse`), else None."""
ZetkinDate = Annotated[date | None, BeforeValidator(parse_date)]
FrozenJSON = Annotated[Mapping[str, JSON], PlainValidator(_frozen)]
"""A JSON object kept as it came, read-only; anything else an empty mapping."""
IdList = Annotated[tuple[int, ...], PlainValidator(_ids)]
Objects = Annotated[tuple[Mapping[str, JSON], ...], PlainValidator(_objects)]
"""A list of JSON objects (filter specs, visit metrics), each frozen; others left out."""
Choices = Annotated[tuple[tuple[str, str | None], ...], PlainValidator(_choices)]
"""An enum custom field's ``[{key, label}]`` as ``(key, label)`` pairs."""
Strings = Annotated[tuple[str, ...], PlainValidator(_strings)]
Cells = Annotated[tuple[JSON, ...], PlainValidator(lambda v: tuple(_list(v)))]
Present = Annotated[bool, BeforeValidator(lambda value: value is not None)]
"""True when the key holds anything but null (a view's ``content_query`` makes it dynamic)."""


def ref(name: str, *keys: str) -> AliasPath:
    """A key (``id`` unless given) of the ``{id, title}`` objects Zetkin nests everywhere."""
    return AliasPath(name, *(keys or ("id",)))


def ref_title(name: str) -> AliasChoices:
    """A reference's ``title``, or its ``name`` where it has no title (people, callers)."""
    return AliasChoices(AliasPath(name, "title"), AliasPath(name, "name"))


class Record(BaseModel):
    """A frozen record that ignores unknown keys; :meth:`from_json` never raises on a bad value,
    only on a record without a usable id (:class:`MalformedRecordError` naming the record)."""

    model_config = ConfigDict(frozen=True, extra="ignore", validate_by_name=True)

    @classmethod
    def from_json(cls, raw: Mapping[str, JSON]) -> Self:
        try:
            return cls.model_validate(raw if isinstance(raw, Mapping) else EMPTY)
        except ValidationError as exc:
            raise malformed_record(cls, exc) from None

    def __hash__(self) -> int:
        # Hashable as the dataclasses were: JSON values (custom fields, configs) are left out.
        return hash((type(self), *(v for v in self.__dict__.values() if _hashable(v))))


def _hashable(value: object) -> bool:
    try:
        hash(value)
    except TypeError:
        return False
    return True


def malformed_record(cls: type[Record], exc: ValidationError) -> MalformedRecordError:
    """The project's error for a record pydantic refused: names the record ("call assignment")
    and the key, never the value (it may be personal data)."""
    what = re.sub(r"(?<!^)(?=[A-Z])", " ", cls.__name__).lower()
    keys = sorted({".".join(str(p) for p in e["loc"]) or "the record" for e in exc.errors()})
    return MalformedRecordError(
        f"Zetkin's answer was malformed ({what} has no usable {', '.join(keys)})"
    )


R = TypeVar("R", bound=Record)
_LISTS: dict[type[Record], TypeAdapter[list[Any]]] = {}


def parse_list(cls: type[R], data: object) -> list[R]:
    """Every record of a JSON list that parses, in one pydantic call: a record without a usable
    id (or not an object) is left out, so one bad record does not fail the read."""
    if not isinstance(data, list):
        return []
    adapter = _LISTS.get(cls)
    if adapter is None:
        adapter = _LISTS[cls] = TypeAdapter(list[OnErrorOmit[cls]])  # type: ignore[valid-type]
    result: list[R] = adapter.validate_python(data)
    return result
