"""The whole-org pull: every person in a handful of requests, checked against Zetkin's count.

The way Zetkin's own gocardless-sync reads many people (reference/zetkin-api.md, first
section and section 11): a **dynamic view** whose content query is the Smart Search filter
``all``, with ``person_field`` columns for the native fields and the custom slugs and
``person_tag`` columns for the tags; ``GET views/{id}/rows`` answers with every row in one
request (``{"id", "content": [cell per column, in the columns' list order]}``, as the app's
view store reads it). The view belongs to the bridge: found by its title, created once,
its filter and missing columns put right when someone changed them. Two first pulls of one
org at once (branches sharing an org) settle on the same view, the lowest id with the title,
and each column ends up once; rows that do not fit the columns (changed under the pull) are
read again with fresh columns.

Then ``POST people/queries/ephemeral/stats`` with the same filter gives Zetkin's own count,
so a pull cut short is caught, never silently taken as complete; nor is one whose rows could
not be read for the people (as many skipped as read: :attr:`PeoplePull.unreadable`).

Once the view exists a pull is 4 requests: views list, columns, rows, stats.

Malformed rows never crash the pull: a row without a usable id is skipped and counted; a cell
of the wrong shape becomes "" (or no tag); each is named by its position in the answer, never
by a value. An answer of the wrong shape (not a list) raises :class:`PermanentApiError`
saying the answer was malformed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from bridge.errors import PermanentApiError
from bridge.messages import t
from connectors.zetkin.records import PeoplePull, PulledPerson, ViewColumn

if TYPE_CHECKING:
    from connectors.zetkin.client import ZetkinClient

__all__ = [
    "ALL_PEOPLE",
    "PULL_NATIVE_FIELDS",
    "VIEW_TITLE",
    "BridgeView",
    "ensure_view",
    "malformed",
    "pull_people",
]

JSON = Any
VIEW_TITLE = "Bridge-synk: alle personer (brukes av bridge, ikke endre)"
VIEW_DESCRIPTION = "Leses av bridge ved hver synk. Slettes den, lages den på nytt."
PULL_NATIVE_FIELDS = ("first_name", "last_name", "email", "phone")
ALL_PEOPLE: list[dict[str, JSON]] = [{"op": "add", "type": "all", "config": {}}]

# (type, config key, value): what identifies a column the pull needs.
ColumnKey = tuple[str, str | int]
# How many times a pull reads columns and rows again when the rows do not fit the columns.
_REREADS = 3


def malformed(where: str, what: str) -> PermanentApiError:
    """Zetkin answered, but not in the shape the endpoint has (e.g. ``{"data": "oops"}``)."""
    return PermanentApiError(f"Zetkin's answer was malformed ({what})", where=where)


@dataclass(frozen=True)
class BridgeView:
    """The bridge's view and its columns, in the order the rows' cells come in."""

    id: int
    columns: tuple[ViewColumn, ...]

    def index(self) -> dict[ColumnKey, int]:
        """Where each column the pull understands sits in a row's content."""
        found: dict[ColumnKey, int] = {}
        for position, column in enumerate(self.columns):
            key = _column_key(column.type, column.config)
            if key is not None:
                found.setdefault(key, position)
        return found


def _column_key(kind: str, config: Mapping[str, JSON]) -> ColumnKey | None:
    if kind == "person_field" and isinstance(config.get("field"), str):
        return ("person_field", str(config["field"]))
    tag = config.get("tag_id")
    if kind == "person_tag" and isinstance(tag, int) and not isinstance(tag, bool):
        return ("person_tag", tag)
    return None


def _wanted(custom_fields: Sequence[str], tag_ids: Sequence[int]) -> list[ColumnKey]:
    keys: list[ColumnKey] = [("person_field", name) for name in PULL_NATIVE_FIELDS]
    keys += [("person_field", slug) for slug in custom_fields if slug not in PULL_NATIVE_FIELDS]
    keys += [("person_tag", int(tag)) for tag in tag_ids]
    return list(dict.fromkeys(keys))


def _content_filter(raw_view: Mapping[str, JSON]) -> JSON:
    query = raw_view.get("content_query")
    return query.get("filter_spec") if isinstance(query, Mapping) else None


def _is_all_filter(spec: JSON) -> bool:
    if not isinstance(spec, list) or len(spec) != 1 or not isinstance(spec[0], Mapping):
        return False
    return spec[0].get("type") == "all" and spec[0].get("op", "add") == "add"


def _ours(views: JSON, title: str) -> list[Mapping[str, JSON]]:
    """The views titled ``title``, lowest id first (the one every process settles on)."""
    if not isinstance(views, list):
        raise malformed("Zetkin GET people/views", "the list of views is not a list")
    found = [v for v in views if isinstance(v, Mapping) and v.get("title") == title and _id(v)]
    return sorted(found, key=lambda v: _id(v) or 0)


def _find_or_create(client: ZetkinClient, title: str) -> Mapping[str, JSON]:
    """The bridge's view, the same one for every process of the org.

    Two first pulls at once (two branches sharing an org) may both find none and both create
    one. So a process that created a view lists again and takes the lowest id with the title;
    if that is not its own, it deletes its own (empty, and nobody else took it: anyone listing
    after it was made also sees the lower one). Deleting rather than leaving it marked keeps
    the org's list of views clean. Views with the title left over from before are never
    deleted here, only passed over (the lowest id wins).
    """
    views = _ours(client.v1("GET", "people/views"), title)
    if views:
        return views[0]
    created = client.v1(
        "POST", "people/views", json={"title": title, "description": VIEW_DESCRIPTION}
    )
    mine = _id(created) if isinstance(created, Mapping) else None
    if mine is None:
        raise malformed("Zetkin POST people/views", "the new view has no id")
    views = _ours(client.v1("GET", "people/views"), title)
    winner = views[0] if views else created
    if _id(winner) != mine:
        client.v1("DELETE", f"people/views/{mine}")
    return winner


def ensure_view(
    client: ZetkinClient,
    custom_fields: Sequence[str],
    tag_ids: Sequence[int],
    *,
    title: str = VIEW_TITLE,
) -> BridgeView:
    """Find the bridge's view by title (or create it), make it dynamic over everyone, and
    give it every column asked for. 2 requests when nothing needs changing.

    Safe when another process does the same at once: both settle on one view (see
    :func:`_find_or_create`), and columns end up once each: after adding, the columns are
    read back from Zetkin (the order the rows' cells come in) and a column this process added
    that another process had also added, with a lower id, is deleted again.
    """
    raw = _find_or_create(client, title)
    view_id = _id(raw)
    assert view_id is not None
    if not _is_all_filter(_content_filter(raw)):
        client.v1(
            "PATCH", f"people/views/{view_id}/content_query", json={"filter_spec": ALL_PEOPLE}
        )
    columns = _columns(client, view_id)
    have = BridgeView(view_id, tuple(columns)).index()
    missing = [key for key in _wanted(custom_fields, tag_ids) if key not in have]
    absent = _absent_fields(client, missing)
    added: set[int] = set()
    for kind, value in missing:
        if kind == "person_field" and value in absent:
            continue  # Zetkin refuses a column for a field the org lacks (400); read it as empty
        config: dict[str, JSON] = {"field": value} if kind == "person_field" else {"tag_id": value}
        data = client.v1(
            "POST",
            f"people/views/{view_id}/columns",
            json={"type": kind, "title": f"{kind}:{value}", "config": config},
        )
        if not isinstance(data, Mapping) or _id(data) is None:
            raise malformed("Zetkin POST people/views/columns", "the new column has no id")
        added.add(ViewColumn.from_json(data).id)
    if added:
        columns = _drop_repeats(client, view_id, _columns(client, view_id), added)
    return BridgeView(view_id, tuple(columns))


def _drop_repeats(
    client: ZetkinClient, view_id: int, columns: list[ViewColumn], mine: set[int]
) -> list[ViewColumn]:
    """Delete the columns this process added (``mine``) that repeat a column with a lower id:
    every process keeps the lowest, and each deletes only its own, so none is deleted twice."""
    lowest: dict[ColumnKey, int] = {}
    for column in columns:
        key = _column_key(column.type, column.config)
        if key is not None:
            lowest[key] = min(lowest.get(key, column.id), column.id)
    kept = []
    for column in columns:
        key = _column_key(column.type, column.config)
        if key is not None and column.id in mine and lowest[key] != column.id:
            client.v1("DELETE", f"people/views/{view_id}/columns/{column.id}")
            continue
        kept.append(column)
    return kept


def _absent_fields(client: ZetkinClient, missing: Sequence[ColumnKey]) -> frozenset[str]:
    """The custom slugs among ``missing`` columns that the org has no field for (such as the
    bridge's ref field before its first create); one request, only when a custom column is
    missing, so a pull over a complete view costs nothing more."""
    slugs = {str(v) for k, v in missing if k == "person_field" and v not in PULL_NATIVE_FIELDS}
    if not slugs:
        return frozenset()
    return frozenset(slugs - {f.slug for f in client.people.fields()})


def _id(raw: Mapping[str, JSON]) -> int | None:
    value = raw.get("id")
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else None


def _columns(client: ZetkinClient, view_id: int) -> list[ViewColumn]:
    data = client.v1("GET", f"people/views/{view_id}/columns")
    if not isinstance(data, list):
        raise malformed("Zetkin GET people/views/columns", "the list of columns is not a list")
    return [ViewColumn.from_json(c) for c in data if isinstance(c, Mapping) and _id(c)]


def read_rows(client: ZetkinClient, view: BridgeView) -> list[JSON]:
    """All rows of the view, in one request."""
    data = client.v1("GET", f"people/views/{view.id}/rows")
    if not isinstance(data, list):
        raise malformed("Zetkin GET people/views/rows", "the rows are not a list")
    return data


def count_people(client: ZetkinClient) -> int | None:
    """Zetkin's own count of everyone (the last filter's running ``result``), or None."""
    data = client.v1(
        "POST",
        "people/queries/ephemeral/stats",
        json={"filter_spec": ALL_PEOPLE},
        idempotent=True,
    )
    if not isinstance(data, list) or not data or not isinstance(data[-1], Mapping):
        return None
    result = data[-1].get("result")
    return result if isinstance(result, int) and not isinstance(result, bool) else None


def _text(cell: JSON) -> str | None:
    """A native text cell: the text, "" for null, None when the shape is wrong."""
    if cell is None:
        return ""
    if isinstance(cell, str):
        return cell
    if isinstance(cell, (int, float)) and not isinstance(cell, bool):
        return str(cell)
    return None


def _has_tag(cell: JSON) -> bool | None:
    """A tag cell is the applied tag (an object) or null (the app's PersonTagColumnType);
    ``true``/``false`` are accepted too. None when the shape is wrong."""
    if cell is None or cell is False:
        return False
    if cell is True or isinstance(cell, Mapping):
        return True
    return None


def parse_rows(
    rows: Sequence[JSON],
    view: BridgeView,
    custom_fields: Sequence[str],
    tag_ids: Sequence[int],
) -> tuple[list[PulledPerson], list[str], int]:
    """``(people, problems, skipped)`` from the rows; never raises on a bad record."""
    index = view.index()
    width = len(view.columns)
    people: list[PulledPerson] = []
    problems: list[str] = []
    skipped = 0
    seen: set[int] = set()
    for number, raw in enumerate(rows, start=1):
        content = raw.get("content") if isinstance(raw, Mapping) else None
        if not isinstance(content, list) or len(content) != width:
            skipped += 1
            problems.append(t("zetkin.row_bad_shape", row=number))
            continue
        pid = _id(raw) if isinstance(raw, Mapping) else None
        if pid is None:
            skipped += 1
            problems.append(t("zetkin.row_bad_id", row=number))
            continue
        if pid in seen:
            problems.append(t("zetkin.row_repeated", row=number))
            continue
        seen.add(pid)
        native: dict[str, str] = {}
        for name in PULL_NATIVE_FIELDS:
            text = _text(content[index[("person_field", name)]])
            if text is None:
                problems.append(t("zetkin.row_bad_value", row=number, column=name))
                text = ""
            native[name] = text
        custom = {
            slug: content[index[("person_field", slug)]]
            for slug in custom_fields
            if slug not in PULL_NATIVE_FIELDS and ("person_field", slug) in index
        }
        held: set[int] = set()
        for tag in tag_ids:
            has = _has_tag(content[index[("person_tag", int(tag))]])
            if has is None:
                problems.append(t("zetkin.row_bad_value", row=number, column=f"tag {tag}"))
            elif has:
                held.add(int(tag))
        people.append(PulledPerson(id=pid, custom=custom, tag_ids=frozenset(held), **native))
    return people, problems, skipped


def pull_people(
    client: ZetkinClient,
    custom_fields: Sequence[str],
    tag_ids: Sequence[int],
    *,
    view: BridgeView | None = None,
) -> tuple[PeoplePull, BridgeView]:
    """The pull, and the view it used (kept by the caller for a later read by ref)."""
    if view is None or not _covers(view, custom_fields, tag_ids):
        view = ensure_view(client, custom_fields, tag_ids)
    rows = read_rows(client, view)
    for _ in range(_REREADS):
        if all(_width(row) == len(view.columns) for row in rows):
            break
        # Rows whose width is not the view's: another process changed the columns between
        # our columns read and the rows (a concurrent first pull). Read both again.
        fresh = BridgeView(view.id, tuple(_columns(client, view.id)))
        if fresh == view:
            break  # the columns stand: these rows are malformed, skipped below
        view = (
            fresh
            if _covers(fresh, custom_fields, tag_ids)
            else ensure_view(client, custom_fields, tag_ids)
        )
        rows = read_rows(client, view)
    expected = count_people(client)
    people, problems, skipped = parse_rows(rows, view, custom_fields, tag_ids)
    return PeoplePull(people, expected, problems, skipped), view


def _width(row: JSON) -> int | None:
    content = row.get("content") if isinstance(row, Mapping) else None
    return len(content) if isinstance(content, list) else None


def _covers(view: BridgeView, custom_fields: Sequence[str], tag_ids: Sequence[int]) -> bool:
    have = view.index()
    return all(key in have for key in _wanted(custom_fields, tag_ids))
