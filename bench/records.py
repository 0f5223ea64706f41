"""Parsing Zetkin people: the hand-written decoder beside the pydantic records, same input.

The input is the stand-in's own person objects for the sandbox's fictional branch (``--people``
of them; native fields, the ``innmeldt``/``bydel`` custom fields, ``is_user``), as
``GET /v1/orgs/{org}/people`` answers them. Rows, each the median of ``--repeats`` runs:

* hand-written baseline: the ``Person.from_json`` decoder the records had before issue 12,
  kept here verbatim (``_int``/``_str``/``_bool`` helpers and a frozen dataclass);
* pydantic, one record at a time: ``Person.from_json`` (what ``client.people.get`` does);
* pydantic, the whole list at once: :func:`connectors.zetkin.records.parse_list` (one
  ``TypeAdapter`` call that leaves out a record without a usable id, what the list reads do);
* for scale, the cycle's pull itself (view rows to ``PulledPerson``, which is not a pydantic
  model: ``connectors.zetkin.pull.parse_rows``), on the same people as view rows.

    python -m bench records [-- --people 20000 --repeats 7]
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Self

from connectors.zetkin.pull import PULL_NATIVE_FIELDS, BridgeView, parse_rows
from connectors.zetkin.records import NATIVE_PERSON_FIELDS, Person, ViewColumn, parse_list
from sandbox import fictional
from sandbox.zetkin.state import Store

__all__ = ["main"]

# -- hand-written baseline: the decoder as it was before the pydantic records ----------------

JSON = Any
_EMPTY: Mapping[str, JSON] = MappingProxyType({})
_PERSON_META = frozenset({"id", "is_user", "name", "tags", "organization", "value"})


def _map(value: object) -> Mapping[str, JSON]:
    return value if isinstance(value, Mapping) else _EMPTY


def _freeze(value: Mapping[str, JSON]) -> Mapping[str, JSON]:
    return MappingProxyType(dict(value))


def _int(value: object) -> int | None:
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


def _req_int(value: object, what: str) -> int:
    number = _int(value)
    if number is None:
        raise ValueError(f"{what} has no usable id")
    return number


def _str(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return None


def _bool(value: object) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in {"1", "true", "yes"}
    return bool(value) if value is not None else False


@dataclass(frozen=True, kw_only=True, repr=False)
class OldPersonFields:
    first_name: str | None = None
    last_name: str | None = None
    email: str | None = None
    phone: str | None = None
    alt_phone: str | None = None
    gender: str | None = None
    street_address: str | None = None
    co_address: str | None = None
    zip_code: str | None = None
    city: str | None = None
    country: str | None = None
    ext_id: str | None = None
    custom: Mapping[str, JSON] = field(default_factory=lambda: _EMPTY, compare=False)

    @staticmethod
    def _fields(raw: Mapping[str, JSON]) -> dict[str, Any]:
        native = {name: _str(raw.get(name)) for name in NATIVE_PERSON_FIELDS}
        custom = {
            k: v for k, v in raw.items() if k not in NATIVE_PERSON_FIELDS and k not in _PERSON_META
        }
        return {**native, "custom": _freeze(custom)}


@dataclass(frozen=True, kw_only=True, repr=False)
class OldPerson(OldPersonFields):
    id: int
    is_user: bool = False

    @classmethod
    def from_json(cls, raw: Mapping[str, JSON]) -> Self:
        raw = _map(raw)
        return cls(
            id=_req_int(raw.get("id"), "person"),
            is_user=_bool(raw.get("is_user")),
            **cls._fields(raw),
        )


def _old_parsed(data: list[Any]) -> list[OldPerson]:
    """The old list read (``resources._parsed``): a record that fails is left out."""
    out = []
    for raw in data:
        try:
            out.append(OldPerson.from_json(raw))
        except ValueError:
            continue
    return out


# -- the run ---------------------------------------------------------------------------------


def people_json(size: int) -> list[dict[str, Any]]:
    """The stand-in's person objects for a fictional branch of ``size`` people."""
    store = Store()
    store.seed_branch(fictional.generate(seed=7, size=size))
    return [dict(p) for p in store.people_list()]


def view_rows(people: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], BridgeView]:
    """The same people as the bridge view's rows (native columns, then the two custom ones)."""
    names = (*PULL_NATIVE_FIELDS, "innmeldt", "bydel")
    columns = tuple(
        ViewColumn.from_json({"id": i, "type": "person_field", "config": {"field": name}})
        for i, name in enumerate(names, start=1)
    )
    rows = [{"id": p["id"], "content": [p.get(name) for name in names]} for p in people]
    return rows, BridgeView(1, columns)


def _median_s(run: Callable[[], object], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench records")
    parser.add_argument("--people", type=int, default=20000)
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args(argv)
    people = people_json(args.people)
    rows, view = view_rows(people)
    old = _old_parsed(people)
    new = parse_list(Person, people)
    assert len(old) == len(new) == len(people)
    assert all(
        (o.id, o.first_name, o.phone, o.is_user, dict(o.custom))
        == (n.id, n.first_name, n.phone, n.is_user, dict(n.custom))
        for o, n in zip(old, new, strict=True)
    ), "the two decoders disagree"
    cases: list[tuple[str, Callable[[], object]]] = [
        ("hand-written from_json (baseline)", lambda: _old_parsed(people)),
        ("pydantic Person.from_json, one by one", lambda: [Person.from_json(p) for p in people]),
        ("pydantic parse_list (one TypeAdapter call)", lambda: parse_list(Person, people)),
        (
            "cycle pull: view rows -> PulledPerson",
            lambda: parse_rows(rows, view, ["innmeldt", "bydel"], []),
        ),
    ]
    base = 0.0
    print(f"{args.people} people, median of {args.repeats} runs")
    print(f"{'decoder':<44} {'total ms':>9} {'µs/person':>10} {'vs baseline':>12}")
    for name, run in cases:
        seconds = _median_s(run, args.repeats)
        base = base or seconds
        per = seconds / args.people * 1e6
        print(f"{name:<44} {seconds * 1e3:>9.1f} {per:>10.2f} {seconds / base:>11.2f}x")
