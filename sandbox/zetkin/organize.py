"""v1 campaigns, events, call assignments and calls, Smart Search queries, views, organisations
and users (reference §6, §6.1, §10, §11, §12)."""

from __future__ import annotations

import time
from datetime import UTC, date, datetime
from typing import Any

from sandbox.zetkin.people import ORG
from sandbox.zetkin.seed import add_column, add_view, call_object, new_query
from sandbox.zetkin.state import NATIVE_FIELDS, Store, now_iso
from sandbox.zetkin.web import ApiError, Reply, Request, Router, bad, missing, not_found, v1_list

__all__ = ["CALL_STATES", "register", "smart_search"]

# Call state codes (reference §6, from the app's features/call/types.ts).
CALL_STATES = frozenset({0, 1, 11, 12, 13, 14, 15, 21})
REACHED = frozenset({1, 13})


def _timestamp(value: Any, name: str) -> str:
    """Events carry ``…+00:00`` times (reference §10 example); accept any ISO form."""
    if not isinstance(value, str):
        raise bad(f'"{name}" must be an ISO timestamp.')
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise bad(f'"{name}" must be an ISO timestamp.') from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S+00:00")


def smart_search(store: Store, filter_spec: list[Any]) -> set[int]:
    """Evaluate the Smart Search filters the bridge uses (``all``, ``person_tags``,
    ``person_data``, ``person_field``, ``call_history``, ``person_view``); other types match
    nobody (the stand-in does not model them). Ops apply in order: add, sub, limit."""
    result: set[int] = set()
    for item in filter_spec or []:
        if not isinstance(item, dict):
            raise ApiError(400, "Invalid data", "A filter must be an object.")
        matched = _match_filter(store, item.get("type"), item.get("config") or {})
        op = item.get("op", "add")
        if op == "add":
            result |= matched
        elif op == "sub":
            result -= matched
        elif op == "limit":
            result &= matched
        else:
            raise ApiError(400, "Invalid data", f'Unknown filter op "{op}".')
    return result


# The filter types of reference §6.1; a spec naming any other is refused, as Zetkin does.
FILTER_TYPES = frozenset({
    "all", "person_data", "person_field", "person_tags", "person_view", "sub_query", "random",
    "most_active", "user", "official", "call_history", "call_blocked",
    "campaign_participation", "action_participation", "survey_submission", "survey_response",
    "survey_option", "joinform", "journey_subjects", "task", "email_history", "email_click",
    "email_blacklist", "area",
})  # fmt: skip


def check_filter_spec(store: Store, spec: Any, name: str = "filter_spec") -> None:
    """Refuse a spec Zetkin would: not a list of ``{op, type, config}`` objects, an unknown op
    or type, ``person_tags`` naming a tag the org lacks or an unknown condition, a
    ``person_field`` or ``call_history`` date that is not a date (400, as the real API)."""
    if not isinstance(spec, list):
        raise bad(f'"{name}" must be a list of filters.')
    for item in spec:
        if not isinstance(item, dict) or not isinstance(item.get("config", {}), dict):
            raise ApiError(400, "Invalid data", "A filter must be an object with a config.")
        if item.get("op", "add") not in ("add", "sub", "limit"):
            raise ApiError(400, "Invalid data", f'Unknown filter op "{item.get("op")}".')
        kind, config = item.get("type"), item.get("config") or {}
        if kind not in FILTER_TYPES:
            raise ApiError(400, "Invalid data", f'Unknown filter type "{kind}".')
        if kind == "person_tags":
            tags = config.get("tags")
            if not isinstance(tags, list) or any(t not in store.tags for t in tags):
                raise ApiError(400, "Invalid data", "person_tags: unknown tag.")
            if config.get("condition", "any") not in ("any", "all", "none", "some"):
                raise ApiError(400, "Invalid data", "person_tags: unknown condition.")
        for key in ("after", "before"):
            if kind in ("person_field", "call_history") and key in config:
                try:
                    date.fromisoformat(str(config[key])[:10])
                except ValueError:
                    raise ApiError(400, "Invalid date string value", key) from None


def _in_dates(value: Any, config: dict[str, Any]) -> bool:
    """Whether a date text lies after ``after`` and before ``before`` (both exclusive)."""
    text = str(value or "")[:10]
    if not text:
        return False
    after, before = config.get("after"), config.get("before")
    return (after is None or text > str(after)[:10]) and (before is None or text < str(before)[:10])


def _match_filter(store: Store, kind: Any, config: dict[str, Any]) -> set[int]:
    people = store.people
    if kind == "all":
        return set(people)
    if kind == "person_tags":
        wanted = set(config.get("tags") or [])
        condition = config.get("condition", "any")
        out = set()
        for pid in people:
            have = set(store.person_tags.get(pid, {})) & wanted
            if (
                (condition == "all" and have == wanted)
                or (condition == "none" and not have)
                or (condition in ("any", "some") and have)
            ):
                out.add(pid)
        return out
    if kind == "person_data":
        fields = config.get("fields") or {}
        return {
            pid
            for pid, p in people.items()
            if all(str(v).lower() in str(p.get(k) or "").lower() for k, v in fields.items())
        }
    if kind == "person_field":
        field, search = str(config.get("field")), str(config.get("search", "")).lower()
        if "after" in config or "before" in config:  # a date field, within the bounds
            return {pid for pid, p in people.items() if _in_dates(p.get(field), config)}
        return {pid for pid, p in people.items() if search in str(p.get(field) or "").lower()}
    if kind == "call_history":
        operator, assignment = config.get("operator", "called"), config.get("assignment")
        called, reached = set(), set()
        for call in store.calls.values():
            if assignment is not None and call["assignment_id"] != assignment:
                continue
            if ("after" in config or "before" in config) and not _in_dates(
                call.get("update_time") or call.get("allocation_time"), config
            ):
                continue
            if call["state"] != 0:
                called.add(call["target"]["id"])
            if call["state"] in REACHED:
                reached.add(call["target"]["id"])
        if operator == "reached":
            return reached
        if operator == "notreached":
            return called - reached
        return called
    if kind == "person_view":
        view = config.get("view")
        members = set(_view_people(store, view)) if view in store.views else set()
        return members if config.get("operator", "in") == "in" else set(people) - members
    return set()


def _view_people(store: Store, vid: int) -> list[int]:
    view = store.views[vid]
    if view["content_query"] is not None:
        matched = smart_search(store, view["content_query"].get("filter_spec") or [])
        return [pid for pid in store.people if pid in matched]
    return [pid for pid in store.view_rows.get(vid, []) if pid in store.people]


def register(r: Router, store: Store) -> None:
    s = store

    def get_or_404(table: dict[int, Any], key: int) -> Any:
        if key not in table:
            raise not_found()
        return table[key]

    def person_or_404(pid: int) -> dict[str, Any]:
        return dict(get_or_404(s.people, pid))

    # -- organisations, users, session --------------------------------------------------
    def org_object() -> dict[str, Any]:
        return {
            "id": s.org_id,
            "title": s.org_title,
            "slug": s.org_title.lower().replace(" ", "-"),
            "country": "NO",
            "lang": None,
            "email": None,
            "phone": None,
            "is_active": True,
            "is_open": False,
            "is_public": True,
            "parent": None,
            "avatar_file": None,
        }

    def create_sub_org(req: Request) -> Reply:
        body = req.json_object()
        if not body.get("title"):
            raise missing("title")
        oid = s.next_id("org", floor=max([s.org_id, *s.sub_orgs]))
        s.sub_orgs[oid] = {
            **org_object(),
            "id": oid,
            "title": body["title"],
            "slug": str(body["title"]).lower().replace(" ", "-"),
            "country": body.get("country", "NO"),
            "parent": {"id": s.org_id, "slug": org_object()["slug"], "title": s.org_title},
            "sub_orgs": [],
        }
        return Reply(201, {"data": s.sub_orgs[oid]})

    me_ref = {"id": s.me["id"], "name": f"{s.me['first_name']} {s.me['last_name']}"}
    r.add("GET", "/v1/orgs", "orgs.list", lambda req: Reply(body={"data": [org_object()]}))
    r.add("GET", ORG, "orgs.get", lambda req: Reply(body={"data": org_object()}))
    r.add(
        "GET",
        ORG + "/sub_organizations",
        "orgs.sub_organizations",
        lambda req: v1_list(req, list(s.sub_orgs.values())),
    )
    r.add("POST", ORG + "/sub_organizations", "orgs.sub_organizations.create", create_sub_org)
    r.add(
        "GET", "/v1/users/me", "users.me", lambda req: Reply(body={"data": {**s.me, "lang": None}})
    )
    r.add(
        "GET",
        "/v1/users/me/memberships",
        "users.memberships",
        lambda req: Reply(
            body={
                "data": [
                    {
                        "organization": s.org_ref,
                        "role": s.role,
                        "profile": me_ref,
                        "follow": True,
                    },
                    *({**m, "profile": me_ref, "follow": False} for m in s.other_memberships),
                ]
            }
        ),
    )

    def session(req: Request) -> Reply:
        """``{created, level, user, factors}`` of the caller's token (reference §1.2)."""
        token = req.token
        level = token.level if token is not None else 1
        factors = [token.factor if token is not None else "email_password"]
        if level >= 2 and factors == ["email_password"]:
            factors.append("phone_otp")
        return Reply(
            body={
                "data": {"created": now_iso(), "level": level, "user": {**s.me}, "factors": factors}
            }
        )

    r.add("GET", "/v1/session", "session.get", session)

    # -- search ----------------------------------------------------------------------------
    def search_person(req: Request) -> Reply:
        body = req.json_object()
        query = body.get("q")
        if not isinstance(query, str) or not query.strip():
            raise ApiError(400, "Missing query", "")
        words = query.lower().split()
        keys = ("first_name", "last_name", "email", "phone", "alt_phone", "ext_id")
        found = []
        for person in s.people_list():
            text = " ".join(str(person.get(k) or "") for k in keys).lower()
            if all(w in text for w in words):
                found.append(person)
        return Reply(body={"data": found})

    r.add("POST", ORG + "/search/person", "search.person", search_person)

    # -- Smart Search queries -----------------------------------------------------------
    def patch_query(req: Request, qid: int) -> Reply:
        query = get_or_404(s.queries, qid)
        body = req.json_object()
        if "filter_spec" in body:
            check_filter_spec(s, body["filter_spec"])
        for key in ("title", "info_text", "filter_spec"):
            if key in body:
                query[key] = body[key]
        return Reply(body={"data": query})

    def query_matches(req: Request, qid: int) -> Reply:
        query = get_or_404(s.queries, qid)
        matched = smart_search(s, query["filter_spec"])
        return v1_list(req, [p for p in s.people_list() if p["id"] in matched])

    r.add(
        "GET",
        ORG + "/people/queries",
        "queries.list",
        lambda req: v1_list(req, [q for q in s.queries.values() if q["type"] == "standalone"]),
    )
    r.add(
        "GET",
        ORG + "/people/queries/{qid}",
        "queries.get",
        lambda req, qid: Reply(body={"data": get_or_404(s.queries, qid)}),
    )

    def ephemeral_stats(req: Request) -> Reply:
        """``POST people/queries/ephemeral/stats {filter_spec}``: per filter ``{filter,
        change, matches, result}``, ``result`` being the running count (v1 spec example)."""
        spec = req.json_object().get("filter_spec")
        if not isinstance(spec, list) or not spec:
            raise ApiError(400, "Invalid filter list", "")
        stats, running = [], 0
        for index in range(len(spec)):
            item = spec[index] if isinstance(spec[index], dict) else {}
            matches = len(_match_filter(s, item.get("type"), item.get("config") or {}))
            result = len(smart_search(s, spec[: index + 1]))
            stats.append(
                {"filter": spec[index], "change": result - running, "matches": matches,
                 "result": result}
            )  # fmt: skip
            running = result
        return Reply(body={"data": stats})

    r.add(
        "POST",
        ORG + "/people/queries/ephemeral/stats",
        "queries.ephemeral_stats",
        ephemeral_stats,
    )
    r.add("PATCH", ORG + "/people/queries/{qid}", "queries.patch", patch_query)
    r.add("GET", ORG + "/people/queries/{qid}/matches", "queries.matches", query_matches)

    # -- campaigns (projects), activities, v1 locations ---------------------------------
    campaign_keys = {"title", "info_text", "visibility", "published", "archived",
                     "manager_id", "cover_file_id", "color"}  # fmt: skip

    def campaign_values(body: dict[str, Any], campaign: dict[str, Any]) -> None:
        unknown = set(body) - campaign_keys
        if unknown:
            raise bad(f"Unknown keys: {sorted(unknown)}.")
        if "visibility" in body and body["visibility"] not in ("open", "hidden"):
            raise bad('"visibility" must be "open" or "hidden".')
        for key, value in body.items():
            if key == "manager_id":
                campaign["manager"] = None if value is None else s.person_ref(value)
            elif key != "cover_file_id":
                campaign[key] = value

    def create_campaign(req: Request) -> Reply:
        body = req.json_object()
        if not body.get("title"):
            raise missing("title")
        cid = s.next_id("campaign")
        s.campaigns[cid] = {
            "id": cid,
            "title": "",
            "info_text": "",
            "color": None,
            "visibility": "hidden",
            "published": False,
            "archived": False,
            "manager": None,
            "organization": s.org_ref,
        }
        campaign_values(body, s.campaigns[cid])
        return Reply(201, {"data": s.campaigns[cid]})

    def patch_campaign(req: Request, cid: int) -> Reply:
        campaign = get_or_404(s.campaigns, cid)
        campaign_values(req.json_object(), campaign)
        ref = {"id": cid, "title": campaign["title"]}
        for action in s.actions.values():
            if action["campaign"] and action["campaign"]["id"] == cid:
                action["campaign"] = dict(ref)
        for assignment in s.call_assignments.values():
            if assignment["campaign"] and assignment["campaign"]["id"] == cid:
                assignment["campaign"] = dict(ref)
        return Reply(body={"data": campaign})

    def delete_from(table: dict[int, Any]) -> Any:
        def handler(req: Request, **args: int) -> Reply:
            key = next(iter(args.values()))
            get_or_404(table, key)
            del table[key]
            return Reply(204)

        return handler

    def simple_create(name: str, kind: str, keys: dict[str, Any]) -> Any:
        # The table is looked up on each call: a reset or re-seed replaces the store's dicts.
        def handler(req: Request) -> Reply:
            body = req.json_object()
            if not body.get("title"):
                raise missing("title")
            table: dict[int, Any] = getattr(s, name)
            oid = s.next_id(kind, floor=max(table, default=0))
            table[oid] = {"id": oid, **{k: body.get(k, d) for k, d in keys.items()}}
            return Reply(201, {"data": table[oid]})

        return handler

    r.add(
        "GET",
        ORG + "/campaigns",
        "campaigns.list",
        lambda req: v1_list(req, list(s.campaigns.values())),
    )
    r.add("POST", ORG + "/campaigns", "campaigns.create", create_campaign)
    r.add(
        "GET",
        ORG + "/campaigns/{cid}",
        "campaigns.get",
        lambda req, cid: Reply(body={"data": get_or_404(s.campaigns, cid)}),
    )
    r.add("PATCH", ORG + "/campaigns/{cid}", "campaigns.patch", patch_campaign)
    r.add("DELETE", ORG + "/campaigns/{cid}", "campaigns.delete", delete_from(s.campaigns))
    r.add(
        "GET",
        ORG + "/activities",
        "activities.list",
        lambda req: v1_list(req, list(s.activities.values())),
    )
    r.add(
        "POST",
        ORG + "/activities",
        "activities.create",
        simple_create("activities", "activity", {"title": "", "info_text": ""}),
    )
    r.add(
        "GET",
        ORG + "/locations",
        "locations.list",
        lambda req: v1_list(req, list(s.locations.values())),
    )
    r.add(
        "POST",
        ORG + "/locations",
        "locations.create",
        simple_create(
            "locations", "location", {"title": "", "info_text": "", "lat": None, "lng": None}
        ),
    )

    # -- actions (events) ---------------------------------------------------------------
    action_keys = {"title", "info_text", "start_time", "end_time", "published", "cancelled",
                   "activity_id", "location_id", "campaign_id", "contact_id",
                   "num_participants_required", "url", "cover_file_id"}  # fmt: skip

    def action_values(body: dict[str, Any], action: dict[str, Any]) -> None:
        unknown = set(body) - action_keys
        if unknown:
            raise bad(f"Unknown keys: {sorted(unknown)}.")
        for key, value in body.items():
            if key in ("start_time", "end_time"):
                action[key] = _timestamp(value, key)
            elif key in ("published", "cancelled"):
                action[key] = None if value is None else _timestamp(value, key)
            elif key == "activity_id":
                act = None if value is None else get_ref(s.activities, value, key)
                action["activity"] = act and {"id": act["id"], "title": act["title"]}
            elif key == "location_id":
                loc = None if value is None else get_ref(s.locations, value, key)
                action["location"] = loc and {k: loc[k] for k in ("id", "title", "lat", "lng")}
            elif key == "campaign_id":
                camp = None if value is None else get_ref(s.campaigns, value, key)
                action["campaign"] = camp and {"id": camp["id"], "title": camp["title"]}
            elif key == "contact_id":
                action["contact"] = None if value is None else s.person_ref(value)
            elif key == "num_participants_required":
                if not isinstance(value, int) or value < 0:
                    raise bad(f'"{key}" must be a non-negative integer.')
                action[key] = value
            elif key != "cover_file_id":
                action[key] = value
        if action["end_time"] < action["start_time"]:
            raise bad('"end_time" is before "start_time".')

    def get_ref(table: dict[int, Any], key: Any, name: str) -> dict[str, Any]:
        if not isinstance(key, int) or key not in table:
            raise bad(f'"{name}" names nothing known.')
        return dict(table[key])

    def create_action(req: Request, cid: int | None = None) -> Reply:
        body = req.json_object()
        for name in ("start_time", "end_time"):
            if name not in body:
                raise missing(name)
        if cid is not None:
            get_or_404(s.campaigns, cid)
            body = {**body, "campaign_id": cid}
        aid = s.next_id("action")
        action: dict[str, Any] = {
            "id": aid,
            "title": None,
            "info_text": "",
            "start_time": "",
            "end_time": "",
            "published": None,
            "cancelled": None,
            "activity": None,
            "campaign": None,
            "location": None,
            "contact": None,
            "cover_file": None,
            "num_participants_required": 0,
            "num_participants_available": 0,
            "organization": s.org_ref,
            "url": None,
        }
        action_values(body, action)
        s.actions[aid] = action
        s.participants[aid] = {}
        s.responses[aid] = {}
        return Reply(201, {"data": action})

    def patch_action(req: Request, aid: int) -> Reply:
        action = get_or_404(s.actions, aid)
        updated = dict(action)
        action_values(req.json_object(), updated)
        action.update(updated)
        return Reply(body={"data": action})

    def list_actions(req: Request, cid: int | None = None) -> Reply:
        items = list(s.actions.values())
        if cid is not None:
            get_or_404(s.campaigns, cid)
            items = [a for a in items if a["campaign"] and a["campaign"]["id"] == cid]
        return v1_list(req, items)

    def participant(aid: int, pid: int) -> dict[str, Any]:
        return {**s.people.get(pid, {"id": pid}), **s.participants[aid][pid]}

    def put_participant(req: Request, aid: int, pid: int) -> Reply:
        get_or_404(s.actions, aid)
        person_or_404(pid)
        body = req.json({}) or {}
        status = body.get("status") if isinstance(body, dict) else None
        if status not in (None, "attended", "cancelled", "noshow"):
            raise bad('"status" must be "attended", "cancelled", "noshow" or null.')
        entry = s.participants[aid].setdefault(
            pid, {"attended": None, "cancelled": None, "noshow": None, "reminder_sent": None}
        )
        for key in ("attended", "cancelled", "noshow"):
            entry[key] = now_iso() if status == key else None
        s.actions[aid]["num_participants_available"] = len(s.participants[aid])
        return Reply(body={"data": participant(aid, pid)})

    def delete_participant(req: Request, aid: int, pid: int) -> Reply:
        get_or_404(s.actions, aid)
        get_or_404(s.participants[aid], pid)
        del s.participants[aid][pid]
        s.actions[aid]["num_participants_available"] = len(s.participants[aid])
        return Reply(204)

    def response_object(aid: int, pid: int) -> dict[str, Any]:
        person = s.people.get(pid, {})
        return {
            "action_id": aid,
            "id": pid,
            "person": {
                **s.person_ref(pid),
                "email": person.get("email"),
                "phone": person.get("phone"),
            },
            "response_date": s.responses[aid][pid],
        }

    def put_response(req: Request, aid: int, pid: int) -> Reply:
        get_or_404(s.actions, aid)
        person_or_404(pid)
        s.responses[aid].setdefault(pid, _timestamp(now_iso(), "response_date"))
        return Reply(body={"data": response_object(aid, pid)})

    def delete_response(req: Request, aid: int, pid: int) -> Reply:
        get_or_404(s.actions, aid)
        get_or_404(s.responses[aid], pid)
        del s.responses[aid][pid]
        return Reply(204)

    def action_stats(req: Request, aid: int) -> Reply:
        get_or_404(s.actions, aid)
        booked = s.participants[aid]
        return Reply(
            body={
                "data": {
                    "num_booked": len(booked),
                    "num_pending": len(set(s.responses[aid]) - set(booked)),
                    "num_reminded": sum(1 for b in booked.values() if b["reminder_sent"]),
                    "num_signups": len(s.responses[aid]),
                }
            }
        )

    r.add("GET", ORG + "/actions", "actions.list", list_actions)
    r.add("POST", ORG + "/actions", "actions.create", create_action)
    r.add("GET", ORG + "/campaigns/{cid}/actions", "campaigns.actions", list_actions)
    r.add("POST", ORG + "/campaigns/{cid}/actions", "actions.create", create_action)
    r.add(
        "GET",
        ORG + "/actions/{aid}",
        "actions.get",
        lambda req, aid: Reply(body={"data": get_or_404(s.actions, aid)}),
    )
    r.add("PATCH", ORG + "/actions/{aid}", "actions.patch", patch_action)
    r.add("DELETE", ORG + "/actions/{aid}", "actions.delete", delete_from(s.actions))
    r.add("GET", ORG + "/actions/{aid}/stats", "actions.stats", action_stats)
    r.add(
        "GET",
        ORG + "/actions/{aid}/participants",
        "actions.participants",
        lambda req, aid: v1_list(
            req, [participant(aid, pid) for pid in get_or_404(s.participants, aid)]
        ),
    )
    r.add(
        "PUT",
        ORG + "/actions/{aid}/participants/{pid}",
        "actions.participants.put",
        put_participant,
    )
    r.add(
        "DELETE",
        ORG + "/actions/{aid}/participants/{pid}",
        "actions.participants.delete",
        delete_participant,
    )
    r.add(
        "GET",
        ORG + "/actions/{aid}/responses",
        "actions.responses",
        lambda req, aid: v1_list(
            req, [response_object(aid, pid) for pid in get_or_404(s.responses, aid)]
        ),
    )
    r.add("PUT", ORG + "/actions/{aid}/responses/{pid}", "actions.responses.put", put_response)
    r.add(
        "DELETE",
        ORG + "/actions/{aid}/responses/{pid}",
        "actions.responses.delete",
        delete_response,
    )

    # -- call assignments, callers, calls -----------------------------------------------
    def assignment_object(ca: dict[str, Any]) -> dict[str, Any]:
        out = {k: v for k, v in ca.items() if not k.startswith("_")}
        for key, qid in (("target", ca["_target"]), ("goal", ca["_goal"])):
            query = s.queries[qid]
            out[key] = {"id": qid, "type": query["type"], "filter_spec": query["filter_spec"]}
        return out

    def self_ref(spec: Any, caid: int) -> Any:
        if isinstance(spec, list):
            return [self_ref(x, caid) for x in spec]
        if isinstance(spec, dict):
            return {k: self_ref(v, caid) for k, v in spec.items()}
        return caid if spec == "$self" else spec

    ca_keys = {"title", "description", "instructions", "start_date", "end_date", "cooldown",
               "disable_caller_notes", "expose_target_details", "campaign_id"}  # fmt: skip

    def ca_values(body: dict[str, Any], ca: dict[str, Any]) -> None:
        for key, value in body.items():
            if key == "campaign_id":
                camp = None if value is None else get_ref(s.campaigns, value, key)
                ca["campaign"] = camp and {"id": camp["id"], "title": camp["title"]}
            elif key in ("start_date", "end_date"):
                if value is not None:
                    try:
                        date.fromisoformat(str(value)[:10])
                    except ValueError:
                        raise ApiError(400, "Invalid date string value", key) from None
                    value = str(value)[:10]
                ca[key] = value
            else:
                ca[key] = value

    def create_assignment(req: Request, cid: int | None = None) -> Reply:
        """Both filter lists are required (reference §6: 400 when missing; ``[]`` is fine)."""
        body = req.json_object()
        for name in ("title", "target_filters", "goal_filters"):
            if name not in body:
                raise missing(name)
        unknown = set(body) - ca_keys - {"target_filters", "goal_filters"}
        if unknown:
            raise bad(f"Unknown keys: {sorted(unknown)}.")
        for name in ("target_filters", "goal_filters"):
            check_filter_spec(s, self_ref(body[name], 0), name)
        if cid is not None:
            get_or_404(s.campaigns, cid)
            body = {**body, "campaign_id": cid}
        caid = s.next_id("call_assignment")
        ca: dict[str, Any] = {
            "id": caid,
            "title": "",
            "description": "",
            "instructions": "",
            "organization": s.org_ref,
            "campaign": None,
            "start_date": None,
            "end_date": None,
            "cooldown": 24,
            "disable_caller_notes": False,
            "expose_target_details": True,
        }
        ca_values({k: v for k, v in body.items() if not k.endswith("_filters")}, ca)
        ca["_target"] = new_query(
            s, "callassignment_target", self_ref(body["target_filters"], caid)
        )
        ca["_goal"] = new_query(s, "callassignment_goal", self_ref(body["goal_filters"], caid))
        s.call_assignments[caid] = ca
        s.callers[caid] = {}
        return Reply(201, {"data": assignment_object(ca)})

    def patch_assignment(req: Request, caid: int) -> Reply:
        ca = get_or_404(s.call_assignments, caid)
        body = req.json_object()
        unknown = set(body) - ca_keys
        if unknown:
            raise bad(f"Unknown keys: {sorted(unknown)}.")
        ca_values(body, ca)
        return Reply(body={"data": assignment_object(ca)})

    def list_assignments(req: Request, cid: int | None = None) -> Reply:
        items = list(s.call_assignments.values())
        if cid is not None:
            get_or_404(s.campaigns, cid)
            items = [c for c in items if c["campaign"] and c["campaign"]["id"] == cid]
        return v1_list(req, [assignment_object(c) for c in items])

    def assignment_stats(req: Request, caid: int) -> Reply:
        ca = get_or_404(s.call_assignments, caid)
        targets = smart_search(s, s.queries[ca["_target"]]["filter_spec"])
        goal = smart_search(s, s.queries[ca["_goal"]]["filter_spec"]) & targets
        calls = [c for c in s.calls.values() if c["assignment_id"] == caid]
        now = time.time()
        today = date.today().isoformat()
        allocated = {c["target"]["id"] for c in calls if c["state"] == 0}
        call_back = {
            c["target"]["id"]
            for c in calls
            if c["call_back_after"] and str(c["call_back_after"])[:10] > today
        }
        cooldown: set[int] = set()
        for call in calls:
            stamp = _epoch(call["update_time"])
            if call["state"] != 0 and stamp and now - stamp < ca["cooldown"] * 3600:
                cooldown.add(call["target"]["id"])
        no_number = {
            pid for pid in targets if not (s.people[pid]["phone"] or s.people[pid]["alt_phone"])
        }
        action = {
            c["target"]["id"]
            for c in calls
            if c["organizer_action_needed"] and not c["organizer_action_taken"]
        }
        blocked = (allocated | call_back | cooldown | no_number | action) & targets
        return Reply(
            body={
                "data": {
                    "num_target_matches": len(targets),
                    "num_goal_matches": len(goal),
                    "num_remaining_targets": len(targets - goal),
                    "num_calls_made": sum(1 for c in calls if c["state"] != 0),
                    "num_calls_reached": sum(1 for c in calls if c["state"] in REACHED),
                    "num_blocked": {
                        "any": len(blocked),
                        "allocated": len(allocated & targets),
                        "cooldown": len(cooldown & targets),
                        "call_back_after": len(call_back & targets),
                        "no_number": len(no_number),
                        "organizer_action_needed": len(action & targets),
                    },
                }
            }
        )

    def caller_object(caid: int, pid: int) -> dict[str, Any]:
        person = s.people.get(pid, {})
        return {
            "id": pid,
            "first_name": person.get("first_name"),
            "last_name": person.get("last_name"),
            **s.callers[caid][pid],
        }

    def put_caller(req: Request, caid: int, pid: int) -> Reply:
        get_or_404(s.call_assignments, caid)
        person_or_404(pid)
        s.callers[caid].setdefault(pid, {"prioritized_tags": [], "excluded_tags": []})
        return Reply(body={"data": caller_object(caid, pid)})

    def delete_caller(req: Request, caid: int, pid: int) -> Reply:
        get_or_404(s.call_assignments, caid)
        get_or_404(s.callers[caid], pid)
        del s.callers[caid][pid]
        return Reply(204)

    call_keys = set(call_object(s, 0, 0, 0, 0))

    def call_known(name: str) -> bool:
        head, _, rest = name.partition(".")
        if head in ("caller", "target"):
            return rest in ("id", "name", "phone", "alt_phone")
        return head in call_keys and not rest

    def newest_first(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
        # The app reads ?pp=1&p=0 as the latest call, so probably newest first (uncertain).
        return sorted(items, key=lambda c: c["id"], reverse=True)

    def assignment_calls(req: Request, caid: int) -> Reply:
        get_or_404(s.call_assignments, caid)
        calls = [c for c in s.calls.values() if c["assignment_id"] == caid]
        return v1_list(req, newest_first(calls), known=call_known)

    def start_call(req: Request, caid: int) -> Reply:
        get_or_404(s.call_assignments, caid)
        body = req.json_object()
        target = body.get("target_id")
        if target is None:
            raise missing("target_id")
        if not isinstance(target, int) or target not in s.people:
            raise bad('"target_id" names no person.')
        cid = s.next_id("call")
        stamp = now_iso() + "+0000"
        s.calls[cid] = call_object(
            s, cid, caid, target, 0, allocation_time=stamp, update_time=stamp
        )
        s.calls[cid]["caller"] = dict(me_ref)
        return Reply(201, {"data": s.calls[cid]})

    def patch_call(req: Request, callid: int) -> Reply:
        call = get_or_404(s.calls, callid)
        body = req.json_object()
        allowed = {"state", "notes", "message_to_organizer", "organizer_action_needed",
                   "organizer_action_taken", "call_back_after"}  # fmt: skip
        unknown = set(body) - allowed
        if unknown:
            raise bad(f"Unknown keys: {sorted(unknown)}.")
        if "state" in body and body["state"] not in CALL_STATES:
            raise bad(f'"state" must be one of {sorted(CALL_STATES)}.')
        for key in ("organizer_action_needed", "organizer_action_taken"):
            if key in body and not isinstance(body[key], bool):
                raise bad(f'"{key}" must be true or false.')
        if body.get("call_back_after") is not None:
            try:
                date.fromisoformat(str(body["call_back_after"])[:10])
            except ValueError:
                raise ApiError(400, "Invalid date string value", "call_back_after") from None
        call.update(body)
        call["update_time"] = now_iso() + "+0000"
        return Reply(body={"data": call})

    def delete_call(req: Request, callid: int) -> Reply:
        call = get_or_404(s.calls, callid)
        if call["state"] != 0:
            raise ApiError(409, "409 Conflict", "Only an unfinished call can be deleted.")
        del s.calls[callid]
        return Reply(204)

    r.add("GET", ORG + "/call_assignments", "call_assignments.list", list_assignments)
    r.add("POST", ORG + "/call_assignments", "call_assignments.create", create_assignment)
    r.add(
        "GET",
        ORG + "/campaigns/{cid}/call_assignments",
        "campaigns.call_assignments",
        list_assignments,
    )
    r.add(
        "POST",
        ORG + "/campaigns/{cid}/call_assignments",
        "call_assignments.create",
        create_assignment,
    )
    r.add(
        "GET",
        ORG + "/call_assignments/{caid}",
        "call_assignments.get",
        lambda req, caid: Reply(
            body={"data": assignment_object(get_or_404(s.call_assignments, caid))}
        ),
    )
    r.add("PATCH", ORG + "/call_assignments/{caid}", "call_assignments.patch", patch_assignment)
    r.add(
        "DELETE",
        ORG + "/call_assignments/{caid}",
        "call_assignments.delete",
        delete_from(s.call_assignments),
    )
    r.add("GET", ORG + "/call_assignments/{caid}/stats", "call_assignments.stats", assignment_stats)
    r.add(
        "GET",
        ORG + "/call_assignments/{caid}/callers",
        "call_assignments.callers",
        lambda req, caid: v1_list(
            req, [caller_object(caid, pid) for pid in get_or_404(s.callers, caid)]
        ),
    )
    r.add(
        "PUT",
        ORG + "/call_assignments/{caid}/callers/{pid}",
        "call_assignments.callers.add",
        put_caller,
    )
    r.add(
        "DELETE",
        ORG + "/call_assignments/{caid}/callers/{pid}",
        "call_assignments.callers.remove",
        delete_caller,
    )
    r.add("GET", ORG + "/call_assignments/{caid}/calls", "call_assignments.calls", assignment_calls)
    r.add("POST", ORG + "/call_assignments/{caid}/calls", "calls.create", start_call)
    r.add(
        "GET",
        ORG + "/calls",
        "calls.list",
        lambda req: v1_list(req, newest_first(list(s.calls.values())), known=call_known),
    )
    r.add(
        "GET",
        ORG + "/calls/{callid}",
        "calls.get",
        lambda req, callid: Reply(body={"data": get_or_404(s.calls, callid)}),
    )
    r.add("PATCH", ORG + "/calls/{callid}", "calls.patch", patch_call)
    r.add("DELETE", ORG + "/calls/{callid}", "calls.delete", delete_call)

    def queue_head(req: Request, caid: int) -> Reply:
        """Allocate the next target to the current user: a new call in state 0 whose target is
        the full person plus ``name``, ``tags`` and ``call_log`` (reference §6). The order of
        the queue is not documented; here it is person id order. An empty queue is 404
        (uncertain: the reference only says "it fails")."""
        ca = get_or_404(s.call_assignments, caid)
        targets = smart_search(s, s.queries[ca["_target"]]["filter_spec"])
        done = smart_search(s, s.queries[ca["_goal"]]["filter_spec"])
        calls = [c for c in s.calls.values() if c["assignment_id"] == caid]
        busy = {c["target"]["id"] for c in calls if c["state"] == 0}
        today = date.today().isoformat()
        busy |= {
            c["target"]["id"]
            for c in calls
            if c["call_back_after"] and str(c["call_back_after"])[:10] > today
        }
        now = time.time()
        for call in calls:
            stamp = _epoch(call["update_time"])
            if call["state"] != 0 and stamp and now - stamp < ca["cooldown"] * 3600:
                busy.add(call["target"]["id"])
        for pid in sorted(targets - done - busy):
            person = s.people[pid]
            if not (person["phone"] or person["alt_phone"]):
                continue
            cid = s.next_id("call")
            at = now_iso() + "+0000"
            call = call_object(s, cid, caid, pid, 0, allocation_time=at, update_time=at)
            call["caller"] = dict(me_ref)
            s.calls[cid] = call
            log = [c for c in calls if c["target"]["id"] == pid and c["state"] != 0]
            full = {
                **person,
                "name": f"{person['first_name']} {person['last_name']}",
                "tags": s.applied_tags(pid),
                "call_log": log,
                "action_responses": [],
                "future_actions": [],
                "past_actions": {"num_actions": 0, "last_action": None},
            }
            return Reply(body={"data": {**call, "target": full}})
        raise ApiError(404, "404 Not Found", "The queue is empty.")

    r.add(
        "POST",
        ORG + "/call_assignments/{caid}/queue/head",
        "call_assignments.queue_head",
        queue_head,
    )

    # -- people views ---------------------------------------------------------------------
    def create_view(req: Request) -> Reply:
        body = req.json_object()
        if not body.get("title"):
            raise missing("title")
        vid = add_view(s, body["title"], body.get("description") or "")
        return Reply(201, {"data": s.views[vid]})

    def patch_view(req: Request, vid: int) -> Reply:
        view = get_or_404(s.views, vid)
        body = req.json_object()
        for key in ("title", "description"):
            if key in body:
                view[key] = body[key]
        return Reply(body={"data": view})

    def delete_view(req: Request, vid: int) -> Reply:
        get_or_404(s.views, vid)
        for table in (s.views, s.view_columns, s.view_rows):
            table.pop(vid, None)
        return Reply(204)

    def patch_content_query(req: Request, vid: int) -> Reply:
        view = get_or_404(s.views, vid)
        body = req.json_object()
        if not isinstance(body.get("filter_spec"), list):
            raise missing("filter_spec")
        smart_search(s, body["filter_spec"])  # validates
        if view["content_query"] is None:
            qid = new_query(s, "standalone", body["filter_spec"])
            view["content_query"] = s.queries[qid]
        else:
            view["content_query"]["filter_spec"] = body["filter_spec"]
        return Reply(body={"data": view["content_query"]})

    def delete_content_query(req: Request, vid: int) -> Reply:
        view = get_or_404(s.views, vid)
        if view["content_query"] is None:
            raise not_found()
        view["content_query"] = None
        return Reply(204)

    column_types = {"person_field", "person_tag", "person_query", "local_bool", "local_text",
                    "local_person", "local_query", "survey_response", "survey_options",
                    "survey_option", "survey_submitted", "organizer_action"}  # fmt: skip

    def create_column(req: Request, vid: int) -> Reply:
        get_or_404(s.views, vid)
        body = req.json_object()
        if body.get("type") not in column_types:
            raise missing("type") if "type" not in body else bad('"type" is not a column type.')
        config = body.get("config")
        if body["type"] == "person_field":
            field = (config or {}).get("field")
            if field not in NATIVE_FIELDS and field not in s.slugs():
                raise bad('"config.field" names no person field.')
        if body["type"] == "person_tag" and (config or {}).get("tag_id") not in s.tags:
            raise bad('"config.tag_id" names no tag.')
        col = add_column(s, vid, body.get("title") or "", body["type"], config)
        return Reply(201, {"data": col})

    def column_or_404(vid: int, colid: int) -> dict[str, Any]:
        for col in get_or_404(s.view_columns, vid):
            if col["id"] == colid:
                return dict(col)
        raise not_found()

    def patch_column(req: Request, vid: int, colid: int) -> Reply:
        column_or_404(vid, colid)
        body = req.json_object()
        for col in s.view_columns[vid]:
            if col["id"] == colid:
                for key in ("title", "config"):
                    if key in body:
                        col[key] = body[key]
                return Reply(body={"data": col})
        raise not_found()

    def delete_column(req: Request, vid: int, colid: int) -> Reply:
        column_or_404(vid, colid)
        s.view_columns[vid] = [c for c in s.view_columns[vid] if c["id"] != colid]
        return Reply(204)

    def cell(vid: int, col: dict[str, Any], pid: int, queries: dict[int, set[int]]) -> Any:
        kind, config = col["type"], col.get("config") or {}
        if kind == "person_field":
            return s.people[pid].get(str(config.get("field")))
        if kind == "person_tag":
            tid = config.get("tag_id")
            applied = s.person_tags.get(pid, {})
            if tid not in applied:
                return None
            tag = s.tags.get(tid)
            # The app reads a tag cell as the applied tag or null (PersonTagColumnType).
            return {**tag, "value": applied[tid]} if tag else None
        if kind == "person_query":
            qid = int(config.get("query_id") or 0)
            if qid not in queries:
                query = s.queries.get(qid)
                queries[qid] = smart_search(s, query["filter_spec"]) if query else set()
            return pid in queries[qid]
        if kind.startswith("local_"):
            return s.view_cells.get((vid, col["id"], pid))
        return None  # survey and organizer-action cells are not modelled

    def row(vid: int, pid: int, queries: dict[int, set[int]]) -> dict[str, Any]:
        return {"id": pid, "content": [cell(vid, c, pid, queries) for c in s.view_columns[vid]]}

    def list_rows(req: Request, vid: int) -> Reply:
        get_or_404(s.views, vid)
        queries: dict[int, set[int]] = {}
        ids = [{"id": pid} for pid in _view_people(s, vid)]
        if s.short_by:
            ids = ids[: max(0, len(ids) - s.short_by)]
        return v1_list(req, ids, transform=lambda item: row(vid, item["id"], queries))

    def row_in_view(vid: int, pid: int) -> int:
        get_or_404(s.views, vid)
        if pid not in _view_people(s, vid):
            raise not_found()
        return pid

    def put_row(req: Request, vid: int, pid: int) -> Reply:
        view = get_or_404(s.views, vid)
        person_or_404(pid)
        if view["content_query"] is not None:
            raise ApiError(400, "Invalid data", "Rows of a dynamic view come from its query.")
        if pid not in s.view_rows[vid]:
            s.view_rows[vid].append(pid)
        return Reply(201, {"data": row(vid, pid, {})})

    def delete_row(req: Request, vid: int, pid: int) -> Reply:
        row_in_view(vid, pid)
        if s.views[vid]["content_query"] is not None:
            raise ApiError(400, "Invalid data", "Rows of a dynamic view come from its query.")
        s.view_rows[vid].remove(pid)
        return Reply(204)

    def put_cell(req: Request, vid: int, pid: int, colid: int) -> Reply:
        row_in_view(vid, pid)
        col = column_or_404(vid, colid)
        if not col["type"].startswith("local_"):
            raise bad("Only local columns take values.")
        body = req.json_object()
        if "value" not in body:
            raise missing("value")
        s.view_cells[(vid, colid, pid)] = body["value"]
        return Reply(body={"data": {"value": body["value"]}})

    V = ORG + "/people/views"
    r.add("GET", V, "views.list", lambda req: v1_list(req, list(s.views.values())))
    r.add("POST", V, "views.create", create_view)
    r.add(
        "GET",
        V + "/{vid}",
        "views.get",
        lambda req, vid: Reply(body={"data": get_or_404(s.views, vid)}),
    )
    r.add("PATCH", V + "/{vid}", "views.patch", patch_view)
    r.add("DELETE", V + "/{vid}", "views.delete", delete_view)
    r.add(
        "GET",
        V + "/{vid}/content_query",
        "views.content_query",
        lambda req, vid: Reply(body={"data": get_or_404(s.views, vid)["content_query"]}),
    )
    r.add("PATCH", V + "/{vid}/content_query", "views.content_query.patch", patch_content_query)
    r.add("DELETE", V + "/{vid}/content_query", "views.content_query.delete", delete_content_query)
    r.add(
        "GET",
        V + "/{vid}/columns",
        "views.columns",
        lambda req, vid: v1_list(req, list(get_or_404(s.view_columns, vid))),
    )
    r.add("POST", V + "/{vid}/columns", "views.columns.create", create_column)
    r.add(
        "GET",
        V + "/{vid}/columns/{colid}",
        "views.columns.get",
        lambda req, vid, colid: Reply(body={"data": column_or_404(vid, colid)}),
    )
    r.add("PATCH", V + "/{vid}/columns/{colid}", "views.columns.patch", patch_column)
    r.add("DELETE", V + "/{vid}/columns/{colid}", "views.columns.delete", delete_column)
    r.add("GET", V + "/{vid}/rows", "views.rows", list_rows)
    r.add(
        "GET",
        V + "/{vid}/rows/{pid}",
        "views.rows.get",
        lambda req, vid, pid: Reply(body={"data": row(vid, row_in_view(vid, pid), {})}),
    )
    r.add("PUT", V + "/{vid}/rows/{pid}", "views.rows.put", put_row)
    r.add("DELETE", V + "/{vid}/rows/{pid}", "views.rows.delete", delete_row)
    r.add("PUT", V + "/{vid}/rows/{pid}/cells/{colid}", "views.cells.put", put_cell)


def _epoch(stamp: Any) -> float | None:
    if not isinstance(stamp, str):
        return None
    text = stamp.replace("Z", "+00:00")
    if text.endswith("+0000"):
        text = text[:-5] + "+00:00"
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.timestamp()
