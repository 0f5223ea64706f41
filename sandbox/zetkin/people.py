"""v1 people, custom fields, tags, notes, join forms and submissions, bulk (reference §3-§5)."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from sandbox.zetkin.seed import submission_object
from sandbox.zetkin.state import NATIVE_FIELDS, WRITABLE_NATIVE, Store, now_iso
from sandbox.zetkin.web import ApiError, Reply, Request, Router, bad, missing, not_found, v1_list

__all__ = ["register", "validate_person_values"]

ORG = "/v1/orgs/{org}"
_HEX = re.compile(r"^#?[0-9a-fA-F]{6}$")
_URL = re.compile(r"^https?://[^\s/$.?#].[^\s]*$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def validate_person_values(store: Store, data: dict[str, Any]) -> dict[str, Any]:
    """Check native and custom-slug values; the errors the reference lists (§3)."""
    slugs = store.slugs()
    clean: dict[str, Any] = {}
    for key, value in data.items():
        if key in WRITABLE_NATIVE:
            if value is not None and not isinstance(value, str):
                raise bad(f'"{key}" must be a string or null.')
            if key == "gender" and value not in (None, "f", "m", "o"):
                raise bad('"gender" must be one of "f", "m", "o" or null.')
            clean[key] = value
        elif key in slugs:
            clean[key] = _custom_value(slugs[key], value)
        elif key in ("id", "is_user"):
            raise bad(f'"{key}" is read-only.')
        else:
            raise bad(f'Unknown field "{key[:40]}".')
    return clean


def _custom_value(spec: dict[str, Any], value: Any) -> Any:
    if value is None:
        return None
    kind = spec["type"]
    if kind == "date":
        if not isinstance(value, str) or not _DATE.match(value):
            raise ApiError(400, "Invalid date string value", f'"{spec["slug"]}" takes YYYY-MM-DD.')
        try:
            date.fromisoformat(value)
        except ValueError:
            raise ApiError(400, "Invalid date string value", "Not a calendar date.") from None
    elif kind == "url":
        if not isinstance(value, str) or not _URL.match(value):
            raise ApiError(400, "Invalid URL string value", f'"{spec["slug"]}" takes a URL.')
    elif kind == "enum":
        keys = [c["key"] for c in spec.get("enum_choices") or []]
        if value not in keys:
            raise bad(f'"{spec["slug"]}" takes one of {keys}.')
    elif kind == "text" and not isinstance(value, str):
        raise bad(f'"{spec["slug"]}" takes a string.')
    return value


def register(r: Router, store: Store) -> None:
    s = store

    def person_or_404(pid: int) -> dict[str, Any]:
        person = s.people.get(pid)
        if person is None:
            raise not_found()
        return person

    def person_known(name: str) -> bool:
        return name in NATIVE_FIELDS or name in s.slugs()

    # -- people -------------------------------------------------------------------------
    def list_people(req: Request) -> Reply:
        people = s.people_list()
        if s.short_by:
            people = people[: max(0, len(people) - s.short_by)]
        return v1_list(req, people, known=person_known)

    def create_person(req: Request) -> Reply:
        body = req.json_object()
        for name in ("first_name", "last_name"):
            if not body.get(name):
                raise missing(name)
        person = s.add_person(validate_person_values(s, body))
        return Reply(201, {"data": person})

    def get_person(req: Request, pid: int) -> Reply:
        return Reply(body={"data": person_or_404(pid)})

    def patch_person(req: Request, pid: int) -> Reply:
        person = person_or_404(pid)
        values = validate_person_values(s, req.json_object())
        for name in ("first_name", "last_name"):
            if name in values and not values[name]:
                raise missing(name)
        person.update(values)
        return Reply(body={"data": person})

    def delete_person(req: Request, pid: int) -> Reply:
        person_or_404(pid)
        del s.people[pid]
        s.person_tags.pop(pid, None)
        s.people_changed()
        return Reply(204)

    def person_fields(req: Request, pid: int) -> Reply:
        person = person_or_404(pid)
        return Reply(
            body={"data": [{"field": f, "value": person.get(f["slug"])} for f in s.fields.values()]}
        )

    r.add("GET", ORG + "/people", "people.list", list_people)
    r.add("POST", ORG + "/people", "people.create", create_person)
    r.add("GET", ORG + "/people/{pid}", "people.get", get_person)
    r.add("PATCH", ORG + "/people/{pid}", "people.patch", patch_person)
    r.add("DELETE", ORG + "/people/{pid}", "people.delete", delete_person)
    r.add("GET", ORG + "/people/{pid}/fields", "people.fields", person_fields)

    # -- custom field definitions -------------------------------------------------------
    def field_or_404(fid: int) -> dict[str, Any]:
        spec = s.fields.get(fid)
        if spec is None:
            raise not_found()
        return spec

    def create_field(req: Request) -> Reply:
        body = req.json_object()
        for name in ("title", "slug", "type"):
            if not body.get(name):
                raise missing(name)
        if body["type"] not in ("text", "url", "date", "json", "enum", "lnglat"):
            raise bad('"type" is not a known field type.')
        if body["slug"] in s.slugs() or body["slug"] in NATIVE_FIELDS:
            raise ApiError(409, "Slug in use", "")
        fid = s.add_field(body["title"], body["slug"], body["type"], body.get("description"))
        spec = s.fields[fid]
        for key in ("enum_choices", "org_read", "org_write"):
            if key in body:
                spec[key] = body[key]
        s.people_changed()
        return Reply(201, {"data": spec})

    def patch_field(req: Request, fid: int) -> Reply:
        spec = field_or_404(fid)
        body = req.json_object()
        for key in ("title", "description", "enum_choices", "org_read", "org_write"):
            if key in body:
                spec[key] = body[key]
        return Reply(body={"data": spec})

    def delete_field(req: Request, fid: int) -> Reply:
        spec = field_or_404(fid)
        del s.fields[fid]
        for person in s.people.values():
            person.pop(spec["slug"], None)
        return Reply(204)

    r.add(
        "GET",
        ORG + "/people/fields",
        "fields.list",
        lambda req: v1_list(req, list(s.fields.values())),
    )
    r.add("POST", ORG + "/people/fields", "fields.create", create_field)
    r.add(
        "GET",
        ORG + "/people/fields/{fid}",
        "fields.get",
        lambda req, fid: Reply(body={"data": field_or_404(fid)}),
    )
    r.add("PATCH", ORG + "/people/fields/{fid}", "fields.patch", patch_field)
    r.add("DELETE", ORG + "/people/fields/{fid}", "fields.delete", delete_field)

    # -- tags ---------------------------------------------------------------------------
    def tag_or_404(tid: int) -> dict[str, Any]:
        tag = s.tags.get(tid)
        if tag is None:
            raise not_found()
        return tag

    def check_tag_values(body: dict[str, Any]) -> None:
        color = body.get("color")
        if color is not None and not (isinstance(color, str) and _HEX.match(color)):
            raise bad('"color" must be a hex colour string or null.')
        if body.get("value_type") not in (None, "text", "url"):
            raise bad('"value_type" must be null, "text" or "url".')

    def create_tag(req: Request) -> Reply:
        body = req.json_object()
        if not body.get("title"):
            raise missing("title")
        check_tag_values(body)
        group = body.get("group_id")
        if group is not None and group not in s.tag_groups:
            raise bad('"group_id" names no tag group.')
        tag = s.add_tag(
            body["title"],
            body.get("description") or "",
            body.get("value_type"),
            hidden=bool(body.get("hidden", False)),
            color=body.get("color"),
            group=None if group is None else dict(s.tag_groups[group]),
        )
        return Reply(201, {"data": tag})

    def patch_tag(req: Request, tid: int) -> Reply:
        tag = tag_or_404(tid)
        body = req.json_object()
        check_tag_values({"value_type": tag["value_type"], **body})
        for key in ("title", "description", "hidden", "color", "value_type"):
            if key in body:
                tag[key] = body[key]
        if "group_id" in body:
            group = body["group_id"]
            if group is not None and group not in s.tag_groups:
                raise bad('"group_id" names no tag group.')
            tag["group"] = None if group is None else dict(s.tag_groups[group])
        return Reply(body={"data": tag})

    def delete_tag(req: Request, tid: int) -> Reply:
        tag_or_404(tid)
        del s.tags[tid]
        for applied in s.person_tags.values():
            applied.pop(tid, None)
        return Reply(204)

    def tag_people(req: Request, tid: int) -> Reply:
        tag_or_404(tid)
        carrying = [p for p in s.people_list() if tid in s.person_tags.get(p["id"], {})]
        return v1_list(req, carrying, known=person_known)

    def person_tags(req: Request, pid: int) -> Reply:
        person_or_404(pid)
        return v1_list(req, s.applied_tags(pid))

    def assign_tag(req: Request, pid: int, tid: int) -> Reply:
        """PUT: 200 with the applied tag (reference §4). A value on a plain tag is refused
        (uncertain: conservative), a value tag may be assigned without one."""
        person_or_404(pid)
        tag = tag_or_404(tid)
        body = req.json({})
        value = body.get("value") if isinstance(body, dict) else None
        if value is not None and tag["value_type"] is None:
            raise bad(f"Tag {tid} does not take a value.")
        if value is not None and not isinstance(value, str | int | float):
            raise bad('"value" must be a string or a number.')
        s.person_tags.setdefault(pid, {})[tid] = value
        return Reply(body={"data": {**tag, "value": value}})

    def remove_tag(req: Request, pid: int, tid: int) -> Reply:
        person_or_404(pid)
        if s.person_tags.get(pid, {}).pop(tid, "absent") == "absent":
            raise not_found()
        return Reply(204)

    r.add("GET", ORG + "/people/tags", "tags.list", lambda req: v1_list(req, list(s.tags.values())))
    r.add("POST", ORG + "/people/tags", "tags.create", create_tag)
    r.add(
        "GET",
        ORG + "/people/tags/{tid}",
        "tags.get",
        lambda req, tid: Reply(body={"data": tag_or_404(tid)}),
    )
    r.add("PATCH", ORG + "/people/tags/{tid}", "tags.patch", patch_tag)
    r.add("DELETE", ORG + "/people/tags/{tid}", "tags.delete", delete_tag)
    r.add("GET", ORG + "/people/tags/{tid}/people", "tags.people", tag_people)

    def create_group(req: Request) -> Reply:
        body = req.json_object()
        if not body.get("title"):
            raise missing("title")
        gid = s.next_id("tag_group")
        s.tag_groups[gid] = {
            "id": gid,
            "title": body["title"],
            "description": body.get("description") or "",
            "organization": s.org_ref,
        }
        return Reply(201, {"data": s.tag_groups[gid]})

    r.add(
        "GET",
        ORG + "/tag_groups",
        "tag_groups.list",
        lambda req: v1_list(req, list(s.tag_groups.values())),
    )
    r.add("POST", ORG + "/tag_groups", "tag_groups.create", create_group)

    def field_spec(pid: int, key: str) -> dict[str, Any]:
        person_or_404(pid)
        for spec in s.fields.values():
            if key in (str(spec["id"]), spec["slug"]):
                return spec
        raise not_found()

    def get_field_value(req: Request, pid: int, key: str) -> Reply:
        spec = field_spec(pid, key)
        return Reply(body={"data": s.people[pid].get(spec["slug"])})

    def put_field_value(req: Request, pid: int, key: str) -> Reply:
        """The body is the raw JSON value; null or empty unsets and answers 204 (§3)."""
        spec = field_spec(pid, key)
        value = req.json(None)
        s.people[pid][spec["slug"]] = _custom_value(spec, value)
        if value is None:
            return Reply(204)
        return Reply(body={"data": value})

    def delete_field_value(req: Request, pid: int, key: str) -> Reply:
        spec = field_spec(pid, key)
        if s.people[pid].get(spec["slug"]) is None:
            raise not_found()
        s.people[pid][spec["slug"]] = None
        return Reply(204)

    slug_path = ORG + "/people/{pid}/fields/{key:slug}"
    r.add("GET", slug_path, "people.field_value", get_field_value)
    r.add("PUT", slug_path, "people.field_value.put", put_field_value)
    r.add("DELETE", slug_path, "people.field_value.delete", delete_field_value)
    r.add("GET", ORG + "/people/{pid}/tags", "people.tags", person_tags)
    r.add("PUT", ORG + "/people/{pid}/tags/{tid}", "tags.assign", assign_tag)
    r.add("DELETE", ORG + "/people/{pid}/tags/{tid}", "tags.remove", remove_tag)

    # -- notes --------------------------------------------------------------------------
    def list_notes(req: Request, pid: int) -> Reply:
        person_or_404(pid)
        notes = [n for nid, n in s.notes.items() if s.note_owner[nid] == pid]
        return v1_list(req, notes)

    def create_note(req: Request, pid: int) -> Reply:
        person_or_404(pid)
        body = req.json_object()
        if not isinstance(body.get("text"), str) or not body["text"]:
            raise missing("text")
        nid = s.next_id("note")
        s.notes[nid] = {
            "id": nid,
            "text": body["text"],
            "files": [],
            "author": {"id": s.me["id"], "name": f"{s.me['first_name']} {s.me['last_name']}"},
            "created": now_iso(),
            "organization": s.org_ref,
        }
        s.note_owner[nid] = pid
        return Reply(201, {"data": s.notes[nid]})

    def note_or_404(pid: int, nid: int) -> dict[str, Any]:
        if s.note_owner.get(nid) != pid:
            raise not_found()
        return s.notes[nid]

    def patch_note(req: Request, pid: int, nid: int) -> Reply:
        note = note_or_404(pid, nid)
        body = req.json_object()
        if "text" in body:
            note["text"] = body["text"]
        return Reply(body={"data": note})

    def delete_note(req: Request, pid: int, nid: int) -> Reply:
        note_or_404(pid, nid)
        del s.notes[nid]
        del s.note_owner[nid]
        return Reply(204)

    r.add("GET", ORG + "/people/{pid}/notes", "notes.list", list_notes)
    r.add("POST", ORG + "/people/{pid}/notes", "notes.create", create_note)
    r.add("PATCH", ORG + "/people/{pid}/notes/{nid}", "notes.patch", patch_note)
    r.add("DELETE", ORG + "/people/{pid}/notes/{nid}", "notes.delete", delete_note)

    # -- join forms and submissions -----------------------------------------------------
    def form_or_404(fid: int) -> dict[str, Any]:
        form = s.join_forms.get(fid)
        if form is None:
            raise not_found()
        return form

    def form_tags(ids: Any) -> list[dict[str, Any]]:
        if not isinstance(ids, list) or not all(isinstance(i, int) for i in ids):
            raise bad('"tags" must be a list of tag ids.')
        for tid in ids:
            if tid not in s.tags:
                raise bad(f"Unknown tag {tid}.")
        return [{"id": tid, "title": s.tags[tid]["title"]} for tid in ids]

    form_keys = {"title", "description", "fields", "tags", "org_access", "renderable",
                 "embeddable", "requires_email_verification"}  # fmt: skip

    def create_form(req: Request) -> Reply:
        body = req.json_object()
        unknown = set(body) - form_keys
        if unknown:
            raise bad(f"Unknown keys: {sorted(unknown)}.")
        for name in ("title", "fields"):
            if name not in body:
                raise missing(name)
        fid = s.next_id("join_form")
        s.join_forms[fid] = {
            "id": fid,
            "title": body["title"],
            "description": body.get("description", ""),
            "fields": list(body["fields"]),
            "tags": form_tags(body.get("tags", [])),
            "org_access": body.get("org_access", "sameorg"),
            "renderable": bool(body.get("renderable", True)),
            "embeddable": bool(body.get("embeddable", False)),
            "requires_email_verification": bool(body.get("requires_email_verification", False)),
            "submit_token": f"st{fid:04d}x{s.org_id}",
            "organization": s.org_ref,
        }
        return Reply(201, {"data": s.join_forms[fid]})

    def patch_form(req: Request, fid: int) -> Reply:
        form = form_or_404(fid)
        body = req.json_object()
        unknown = set(body) - form_keys
        if unknown:
            raise bad(f"Unknown keys: {sorted(unknown)}.")
        for key, value in body.items():
            form[key] = form_tags(value) if key == "tags" else value
        return Reply(body={"data": form})

    def delete_form(req: Request, fid: int) -> Reply:
        form_or_404(fid)
        del s.join_forms[fid]
        return Reply(204)

    def submit(req: Request, fid: int) -> Reply:
        """Anonymous: ``{"submit_token", "form_data"}`` -> 202 with a pending submission."""
        form = form_or_404(fid)
        body = req.json_object()
        if body.get("submit_token") != form["submit_token"]:
            raise ApiError(403, "403 Forbidden", "Invalid submit token.")
        data = body.get("form_data")
        if not isinstance(data, dict):
            raise missing("form_data")
        unknown = set(data) - set(form["fields"])
        if unknown:
            raise bad(f"Fields not on the form: {sorted(unknown)}.")
        validate_person_values(s, data)
        sid = s.next_id("join_submission")
        sub = submission_object(s, sid, fid, "pending", now_iso()[:19], None, data)
        s.join_submissions[sid] = sub
        return Reply(202, {"data": sub})

    def submission_or_404(sid: int) -> dict[str, Any]:
        sub = s.join_submissions.get(sid)
        if sub is None:
            raise not_found()
        return sub

    def patch_submission(req: Request, sid: int) -> Reply:
        """Accept: ``{"state": "accepted"}`` creates the person from ``person_data`` and
        applies the form's tags. Accepting twice changes nothing (uncertain)."""
        sub = submission_or_404(sid)
        body = req.json_object()
        state = body.get("state")
        if state not in ("accepted",):
            raise bad('"state" can only be set to "accepted".')
        if sub["state"] == "accepted":
            return Reply(body={"data": sub})
        data = {k: v for k, v in sub["person_data"].items() if k != "id"}
        person = s.add_person(validate_person_values(s, data))
        form = s.join_forms.get(sub["form"]["id"])
        for tag in form["tags"] if form else []:
            if tag["id"] in s.tags:
                s.person_tags[person["id"]][tag["id"]] = None
        sub["state"] = "accepted"
        sub["accepted"] = now_iso()[:19]
        sub["person_data"]["id"] = person["id"]
        return Reply(body={"data": sub})

    def delete_submission(req: Request, sid: int) -> Reply:
        submission_or_404(sid)
        del s.join_submissions[sid]
        return Reply(204)

    r.add(
        "GET",
        ORG + "/join_forms",
        "join_forms.list",
        lambda req: v1_list(req, list(s.join_forms.values())),
    )
    r.add("POST", ORG + "/join_forms", "join_forms.create", create_form)
    r.add(
        "GET",
        ORG + "/join_forms/{fid}",
        "join_forms.get",
        lambda req, fid: Reply(body={"data": form_or_404(fid)}),
    )
    r.add("PATCH", ORG + "/join_forms/{fid}", "join_forms.patch", patch_form)
    r.add("DELETE", ORG + "/join_forms/{fid}", "join_forms.delete", delete_form)
    r.add(
        "POST", ORG + "/join_forms/{fid}/submissions", "join_forms.submit", submit, anonymous=True
    )
    r.add(
        "GET",
        ORG + "/join_forms/{fid}/submissions",
        "join_forms.submissions",
        lambda req, fid: v1_list(
            req,
            [x for x in s.join_submissions.values() if x["form"]["id"] == form_or_404(fid)["id"]],
        ),
    )
    r.add(
        "GET",
        ORG + "/join_submissions",
        "join_submissions.list",
        lambda req: v1_list(req, list(s.join_submissions.values())),
    )
    r.add(
        "GET",
        ORG + "/join_submissions/{sid}",
        "join_submissions.get",
        lambda req, sid: Reply(body={"data": submission_or_404(sid)}),
    )
    r.add("PATCH", ORG + "/join_submissions/{sid}", "join_submissions.patch", patch_submission)
    r.add("DELETE", ORG + "/join_submissions/{sid}", "join_submissions.delete", delete_submission)

    # -- bulk -----------------------------------------------------------------------------
    from sandbox.zetkin.bulk import run_bulk

    def preview(req: Request) -> Reply:
        return Reply(body={"data": run_bulk(s, req.json_object(), apply=False)})

    def execute(req: Request) -> Reply:
        result = run_bulk(s, req.json_object(), apply=False)
        if any(p["level"] == "error" for p in result["problems"]):
            # The v1 spec's 400 example for execute: inside "data", with a "message".
            return Reply(
                400, {"data": {"error": {"message": "There are problems with the input ops"}}}
            )
        report = run_bulk(s, req.json_object(), apply=True)["stats"]
        bid = s.next_id("bulk")
        stamp = now_iso()
        s.bulk_log[bid] = {
            "id": bid,
            "status": "completed",
            "accepted": stamp,
            "completed": stamp,
            "report": report,
            "error": None,
            "user": {"id": s.me["id"], "name": f"{s.me['first_name']} {s.me['last_name']}"},
            "organization": s.org_ref,
        }
        if s.bulk_polls:
            s.bulk_waiting[bid] = s.bulk_polls
            return Reply(body={"data": _unfinished(s.bulk_log[bid], "pending")})
        return Reply(body={"data": s.bulk_log[bid]})

    def _unfinished(item: dict[str, Any], status: str) -> dict[str, Any]:
        return {**item, "status": status, "completed": None, "report": None}

    def list_bulk(req: Request) -> Reply:
        items = []
        for bid, item in s.bulk_log.items():
            if s.bulk_waiting.get(bid):
                s.bulk_waiting[bid] -= 1
                items.append(_unfinished(item, "in_progress"))
            else:
                items.append(item)
        return v1_list(req, items)

    r.add("POST", ORG + "/bulk/preview", "bulk.preview", preview)
    r.add("POST", ORG + "/bulk/execute", "bulk.execute", execute)
    r.add("GET", ORG + "/bulk", "bulk.list", list_bulk)
