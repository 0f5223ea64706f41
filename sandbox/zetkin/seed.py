"""Load a :class:`sandbox.fictional.Branch` into a :class:`sandbox.zetkin.state.Store`.

Shapes follow the example objects in zetkin-api.md; ids are the branch's own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sandbox import fictional

if TYPE_CHECKING:
    from sandbox.zetkin.state import Store

__all__ = ["load_branch"]


def _z(iso: str) -> str:
    return iso if iso.endswith("Z") or "+" in iso[10:] else iso + "+00:00"


def load_branch(store: Store, branch: fictional.Branch) -> None:
    tag_ids = {t["title"]: t["id"] for t in store.tags.values()}
    for p in branch.people:
        store.add_person(
            {
                "first_name": p.first_name,
                "last_name": p.last_name,
                "email": p.email,
                "phone": p.phone,
                "gender": p.gender,
                "street_address": p.street_address,
                "zip_code": p.zip_code,
                "city": p.city,
                "country": "Norway",
                "ext_id": p.ext_id,
                "innmeldt": p.innmeldt,
                "bydel": p.bydel,
            },
            person_id=p.id,
        )
        store.person_tags[p.id] = {tag_ids[title]: None for title in p.tags}
    for user in branch.users:
        store.users[user.id] = {
            "id": user.id,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "email": store.people[user.person_id]["email"],
            "phone": store.people[user.person_id]["phone"],
        }
        store.people[user.person_id]["is_user"] = True

    _join(store, branch, tag_ids)
    _campaign(store, branch)
    _calls(store, branch, tag_ids)
    _views(store, tag_ids)
    _canvass(store, branch)
    for title in branch.sub_orgs:
        oid = store.next_id("org", floor=store.org_id)
        store.sub_orgs[oid] = {
            "id": oid,
            "title": title,
            "slug": title.lower().replace(" ", "-"),
            "country": "NO",
            "lang": None,
            "email": None,
            "phone": None,
            "is_active": True,
            "is_open": False,
            "is_public": True,
            "parent": {"id": store.org_id, "slug": "trondheim-sv", "title": store.org_title},
            "avatar_file": None,
            "sub_orgs": [],
        }


def _join(store: Store, branch: fictional.Branch, tag_ids: dict[str, int]) -> None:
    form = branch.join_form
    store.join_forms[form.id] = {
        "id": form.id,
        "title": form.title,
        "description": form.description,
        "fields": list(form.fields),
        "tags": [{"id": tag_ids[t], "title": t} for t in form.tags],
        "org_access": "sameorg",
        "renderable": True,
        "embeddable": True,
        "requires_email_verification": False,
        "submit_token": form.submit_token,
        "organization": store.org_ref,
    }
    store.bump("join_form", form.id)
    for sub in branch.join_submissions:
        store.join_submissions[sub.id] = submission_object(
            store, sub.id, form.id, sub.state, sub.submitted, sub.accepted, sub.person_data
        )
        store.join_submissions[sub.id]["person_data"]["id"] = sub.person_id
        store.bump("join_submission", sub.id)


def submission_object(
    store: Store,
    sid: int,
    form_id: int,
    state: str,
    submitted: str,
    accepted: str | None,
    data: dict[str, Any],
) -> dict[str, Any]:
    from sandbox.zetkin.state import NATIVE_FIELDS

    person_data: dict[str, Any] = {k: None for k in NATIVE_FIELDS if k != "is_user"}
    person_data.update(data)
    form = store.join_forms[form_id]
    return {
        "id": sid,
        "state": state,
        "submitted": submitted,
        "accepted": accepted,
        "form": {"id": form_id, "title": form["title"]},
        "person_data": person_data,
    }


def _campaign(store: Store, branch: fictional.Branch) -> None:
    cid = branch.campaign_id
    store.campaigns[cid] = {
        "id": cid,
        "title": branch.campaign_title,
        "info_text": "Dørbanking i alle bydeler før valget",
        "color": None,
        "visibility": "open",
        "published": True,
        "archived": False,
        "manager": None,
        "organization": store.org_ref,
    }
    store.bump("campaign", cid)
    aid = store.next_id("activity")
    store.activities[aid] = {"id": aid, "title": branch.activity_title, "info_text": ""}
    for event in branch.events:
        lid = store.next_id("location")
        store.locations[lid] = {
            "id": lid,
            "title": event.location_title,
            "info_text": "",
            "lat": event.lat,
            "lng": event.lng,
        }
        store.actions[event.id] = {
            "id": event.id,
            "title": event.title,
            "info_text": event.info_text,
            "start_time": _z(event.start_time),
            "end_time": _z(event.end_time),
            "published": _z(f"{branch.anchor.isoformat()}T00:00:00"),
            "cancelled": None,
            "activity": {"id": aid, "title": branch.activity_title},
            "campaign": {"id": cid, "title": branch.campaign_title},
            "location": {
                "id": lid,
                "title": event.location_title,
                "lat": event.lat,
                "lng": event.lng,
            },
            "contact": None,
            "cover_file": None,
            "num_participants_required": event.num_participants_required,
            "num_participants_available": len(event.booked),
            "organization": store.org_ref,
            "url": None,
        }
        store.bump("action", event.id)
        store.responses[event.id] = {
            pid: _z(f"{branch.anchor.isoformat()}T12:00:00") for pid in event.signups
        }
        store.participants[event.id] = {
            pid: {"attended": None, "cancelled": None, "noshow": None, "reminder_sent": None}
            for pid in event.booked
        }


def new_query(store: Store, type_: str, filter_spec: list[Any], title: str = "") -> int:
    qid = store.next_id("query", floor=90)
    store.queries[qid] = {
        "id": qid,
        "type": type_,
        "title": title,
        "info_text": "",
        "filter_spec": filter_spec,
        "org_access": "sameorg",
        "organization": store.org_ref,
    }
    return qid


def _calls(store: Store, branch: fictional.Branch, tag_ids: dict[str, int]) -> None:
    ca = branch.call_assignment
    target = new_query(
        store,
        "callassignment_target",
        [
            {
                "op": "add",
                "type": "person_tags",
                "config": {"condition": "any", "tags": [tag_ids[ca.target_tag]]},
            }
        ],
    )
    goal = new_query(
        store,
        "callassignment_goal",
        [{"type": "call_history", "config": {"operator": "reached", "assignment": ca.id}}],
    )
    store.call_assignments[ca.id] = {
        "id": ca.id,
        "title": ca.title,
        "description": ca.description,
        "instructions": ca.instructions,
        "organization": store.org_ref,
        "campaign": {"id": branch.campaign_id, "title": branch.campaign_title},
        "start_date": ca.start_date,
        "end_date": ca.end_date,
        "cooldown": 24,
        "disable_caller_notes": False,
        "expose_target_details": True,
        "_target": target,
        "_goal": goal,
    }
    store.bump("call_assignment", ca.id)
    store.callers[ca.id] = {
        pid: {"prioritized_tags": [], "excluded_tags": []} for pid in ca.callers
    }
    for call in ca.calls:
        store.calls[call.id] = call_object(
            store,
            call.id,
            ca.id,
            call.target_id,
            call.caller_id,
            state=call.state,
            allocation_time=call.allocation_time,
            update_time=call.update_time,
            notes=call.notes,
            message_to_organizer=call.message_to_organizer,
            organizer_action_needed=call.organizer_action_needed,
            call_back_after=call.call_back_after,
        )
        store.bump("call", call.id)


def call_object(
    store: Store, cid: int, assignment_id: int, target_id: int, caller_id: int, **values: Any
) -> dict[str, Any]:
    target = store.people.get(target_id, {})
    call = {
        "id": cid,
        "assignment_id": assignment_id,
        "state": 0,
        "allocation_time": None,
        "update_time": None,
        "call_back_after": None,
        "notes": None,
        "message_to_organizer": None,
        "organizer_action_needed": False,
        "organizer_action_taken": False,
        "caller": store.person_ref(caller_id),
        "target": {
            **store.person_ref(target_id),
            "phone": target.get("phone"),
            "alt_phone": target.get("alt_phone"),
        },
    }
    call.update(values)
    return call


def _views(store: Store, tag_ids: dict[str, int]) -> None:
    member_query = new_query(
        store,
        "standalone",
        [
            {
                "op": "add",
                "type": "person_tags",
                "config": {"condition": "any", "tags": [tag_ids[fictional.TAG_MEMBER]]},
            }
        ],
    )
    vid = add_view(store, "Alle medlemmer", "Alle med taggen Medlem")
    store.views[vid]["content_query"] = store.queries[member_query]
    for title, type_, config in (
        ("Fornavn", "person_field", {"field": "first_name"}),
        ("Etternavn", "person_field", {"field": "last_name"}),
        ("Telefon", "person_field", {"field": "phone"}),
        ("E-post", "person_field", {"field": "email"}),
        ("Bydel", "person_field", {"field": "bydel"}),
        ("Vil dørbanke", "person_tag", {"tag_id": tag_ids[fictional.TAG_DOORKNOCK]}),
        ("Vil ringe", "person_tag", {"tag_id": tag_ids[fictional.TAG_CALL]}),
    ):
        add_column(store, vid, title, type_, config)
    static = add_view(store, "Styret", "Styremedlemmer")
    add_column(store, static, "Fornavn", "person_field", {"field": "first_name"})
    add_column(store, static, "Etternavn", "person_field", {"field": "last_name"})
    add_column(store, static, "Aktiv", "local_bool", None)
    store.view_rows[static] = list(store.people)[:5]


def add_view(store: Store, title: str, description: str = "") -> int:
    from sandbox.zetkin.state import now_iso

    vid = store.next_id("view")
    store.views[vid] = {
        "id": vid,
        "title": title,
        "description": description,
        "created": now_iso()[:19],
        "folder": None,
        "content_query": None,
        "owner": {
            "id": store.me["id"],
            "name": f"{store.me['first_name']} {store.me['last_name']}",
        },
        "organization": store.org_ref,
    }
    store.view_columns[vid] = []
    store.view_rows[vid] = []
    return vid


def add_column(
    store: Store, vid: int, title: str, type_: str, config: dict[str, Any] | None
) -> dict[str, Any]:
    col: dict[str, Any] = {"id": store.next_id("column"), "type": type_, "title": title}
    if config is not None:
        col["config"] = config
    store.view_columns[vid].append(col)
    return col


def _canvass(store: Store, branch: fictional.Branch) -> None:
    created = _z(f"{branch.anchor.isoformat()}T08:00:00").replace("+00:00", "Z")
    creator = branch.users[0].id if branch.users else store.me["id"]
    for area in branch.areas:
        store.areas[area.id] = {
            "id": area.id,
            "title": area.title,
            "description": None,
            "organization_id": store.org_id,
            "boundary": {"type": "Polygon", "coordinates": [[list(pt) for pt in area.boundary]]},
            "created": created,
            "created_by_user_id": creator,
        }
        store.bump("area", area.id)
    for loc in branch.locations:
        store.map_locations[loc.id] = {
            "id": loc.id,
            "title": loc.title,
            "description": "",
            "latitude": loc.latitude,
            "longitude": loc.longitude,
            "organization_id": store.org_id,
            "type": "assignment",
            "num_estimated_households": loc.num_estimated_households,
            "num_known_households": len(loc.households),
            "created": created,
            "created_by_user_id": creator,
        }
        store.bump("map_location", loc.id)
        for hh in loc.households:
            store.households[hh.id] = {
                "id": hh.id,
                "location_id": loc.id,
                "title": hh.title,
                "level": hh.level,
                "created": created,
                "created_by_user_id": creator,
            }
            store.bump("household", hh.id)
    aa = branch.area_assignment
    store.area_assignments[aa.id] = {
        "id": aa.id,
        "organization_id": store.org_id,
        "project_id": branch.campaign_id,
        "title": aa.title,
        "instructions": aa.instructions,
        "start_date": aa.start_date,
        "end_date": aa.end_date,
        "reporting_level": aa.reporting_level,
        "created": created,
        "created_by_user_id": creator,
    }
    store.bump("area_assignment", aa.id)
    store.assignees[aa.id] = [
        {
            "area_assignment_id": aa.id,
            "area_id": area_id,
            "user_id": user_id,
            "created": created,
            "created_by_user_id": creator,
        }
        for area_id, user_id in aa.assignees
    ]
    for metric in aa.metrics:
        store.metrics[metric.id] = {
            "id": metric.id,
            "area_assignment_id": aa.id,
            "question": metric.question,
            "type": metric.type,
            "defines_success": metric.defines_success,
            "created": created,
            "created_by_user_id": creator,
        }
        store.bump("metric", metric.id)
    for visit in aa.visits:
        store.household_visits[visit.id] = {
            "id": visit.id,
            "assignment_id": aa.id,
            "household_id": visit.household_id,
            "created": visit.created,
            "created_by_user_id": visit.user_id,
            "metrics": [{"metric_id": m, "response": r} for m, r in visit.responses],
        }
        store.bump("household_visit", visit.id)
