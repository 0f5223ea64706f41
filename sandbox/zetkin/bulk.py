"""Bulk person operations: ``POST /orgs/{org}/bulk/preview`` and ``/bulk/execute``.

Shapes from the app's ``features/import/types.ts`` (reference §3): top-level ops
``person.create`` and ``person.get`` (key ``id``/``ext_id``/``email``, ``if_none``), sub-ops
``person.setfields``, ``person.tag``, ``person.addtoorg``, ``person.delete``; problems
``{code, field, index, level}``; stats ``{person: {summary: {addedToOrg, created, deleted,
tagged, updated}}}`` (``deleted`` from the v1 spec's example). There is no untag op.
Which problem each mistake produces is inferred from the code names
(uncertain); matching on ``email`` is exact, case included (uncertain; the stricter choice).
"""

from __future__ import annotations

from typing import Any

from sandbox.zetkin.state import Store
from sandbox.zetkin.web import ApiError

__all__ = ["run_bulk"]


def _problem(
    code: str, index: int, field: str | None = None, level: str = "error"
) -> dict[str, Any]:
    problem: dict[str, Any] = {"code": code, "index": index, "level": level}
    if field is not None:
        problem["field"] = field
    return problem


def _summary() -> dict[str, Any]:
    return {
        "addedToOrg": {"byOrg": {}, "total": 0},
        "created": {"total": 0},
        "deleted": {"total": 0},
        "tagged": {"byTag": {}, "total": 0},
        "updated": {"byChangedField": {}, "byInitializedField": {}, "total": 0},
    }


def run_bulk(store: Store, body: dict[str, Any], *, apply: bool) -> dict[str, Any]:
    """Check (and with ``apply`` carry out) the ops; returns ``{problems, stats}``."""
    from sandbox.zetkin.people import validate_person_values

    ops = body.get("ops")
    if not isinstance(ops, list):
        raise ApiError(400, "Missing parameter", 'The "ops" parameter is required.')
    problems: list[dict[str, Any]] = []
    summary = _summary()
    slugs = store.slugs()
    writable = set(slugs) | {
        "first_name", "last_name", "email", "phone", "alt_phone", "gender", "street_address",
        "co_address", "zip_code", "city", "country", "ext_id",
    }  # fmt: skip
    indexes: dict[str, dict[Any, dict[str, Any]]] = {}

    def index_of(name: str) -> dict[Any, dict[str, Any]]:
        if name not in indexes:
            indexes[name] = {}
            for p in store.people_list():
                if p.get(name) is not None:
                    indexes[name].setdefault(p[name], p)
        return indexes[name]

    for index, op in enumerate(ops):
        found = len(problems)
        if not isinstance(op, dict) or op.get("op") not in ("person.create", "person.get"):
            problems.append(_problem("INVALID_FORMAT", index, "op"))
            continue
        subs = op.get("ops", [])
        if not isinstance(subs, list):
            problems.append(_problem("INVALID_FORMAT", index, "ops"))
            continue
        data: dict[str, Any] = {}
        tags: list[tuple[int, Any]] = []
        orgs: list[int] = []
        delete = False
        for sub in subs:
            kind = sub.get("op") if isinstance(sub, dict) else None
            if kind == "person.setfields" and isinstance(sub.get("data"), dict):
                for key, value in sub["data"].items():
                    if key not in writable:
                        problems.append(_problem("UNKNOWN_FIELD", index, str(key)))
                        continue
                    try:
                        validate_person_values(store, {key: value})
                    except ApiError:
                        problems.append(_problem("INVALID_FORMAT", index, key))
                        continue
                    data[key] = value
            elif kind == "person.tag":
                tid = sub.get("tag_id")
                if not isinstance(tid, int) or tid not in store.tags:
                    problems.append(_problem("UNKNOWN_OBJECT", index, "tag_id"))
                else:
                    tags.append((tid, sub.get("value")))
            elif kind == "person.addtoorg":
                oid = sub.get("org_id")
                if oid != store.org_id and oid not in store.sub_orgs:
                    problems.append(_problem("UNKNOWN_ORG", index, "org_id"))
                else:
                    orgs.append(int(oid))
            elif kind == "person.delete" and op["op"] == "person.get":
                delete = True
            else:
                problems.append(_problem("INVALID_FORMAT", index, "ops"))
        person: dict[str, Any] | None = None
        create = op["op"] == "person.create"
        if not create:
            key = op.get("key")
            if (
                not isinstance(key, dict)
                or len(key) != 1
                or next(iter(key))
                not in (
                    "id",
                    "ext_id",
                    "email",
                )
            ):
                problems.append(_problem("INVALID_FORMAT", index, "key"))
                continue
            (key_name, key_value) = next(iter(key.items()))
            if key_name == "id":
                person = store.people.get(key_value) if isinstance(key_value, int) else None
                if person is None:
                    problems.append(_problem("UNKNOWN_OBJECT", index, "data.id"))
                    continue
            else:
                person = index_of(key_name).get(key_value) if key_value else None
                if person is None:
                    if op.get("if_none", "skip") != "create":
                        continue
                    create = True
                    data.setdefault(key_name, key_value)
        if create and not (data.get("first_name") and data.get("last_name")):
            problems.append(_problem("MISSING_ID_AND_NAME", index))
        if len(problems) > found:
            continue
        # -- count (and apply) --------------------------------------------------------------
        if create:
            summary["created"]["total"] += 1
            if apply:
                person = store.add_person(data)
                for name in indexes:
                    if person.get(name) is not None:
                        indexes[name].setdefault(person[name], person)
        elif person is not None:
            changed = {k: v for k, v in data.items() if person.get(k) != v}
            if changed:
                summary["updated"]["total"] += 1
                for key in changed:
                    bucket = "byInitializedField" if person.get(key) is None else "byChangedField"
                    summary["updated"][bucket][key] = summary["updated"][bucket].get(key, 0) + 1
                if apply:
                    person.update(changed)
            if delete:
                summary["deleted"]["total"] += 1
            if delete and apply:
                del store.people[person["id"]]
                store.person_tags.pop(person["id"], None)
                store.people_changed()
                continue
        for tid, value in tags:
            summary["tagged"]["total"] += 1
            by_tag = summary["tagged"]["byTag"]
            by_tag[str(tid)] = by_tag.get(str(tid), 0) + 1
            if apply and person is not None:
                store.person_tags.setdefault(person["id"], {})[tid] = value
        for oid in orgs:
            summary["addedToOrg"]["total"] += 1
            by_org = summary["addedToOrg"]["byOrg"]
            by_org[str(oid)] = by_org.get(str(oid), 0) + 1
    return {"problems": problems, "stats": {"person": {"summary": summary}}}
