"""Privacy: find a person, see everything the bridge holds about them, download it, erase it.

Every look at a person page (and every download) is recorded in the audit log under the user
who looked. Search terms travel in a POST body, never in a URL, so they are in no access log.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    url_for,
)

from admin.auth import operator_only
from admin.store import AdminStore
from admin.views import cell_link
from bridge.normalise import normalise_phone
from config.settings import BranchSettings, Settings
from ledger import Ledger

__all__ = ["bp"]

bp = Blueprint("privacy", __name__)

_MAX_HITS = 50


def _b() -> dict[str, Any]:
    return current_app.extensions["bridge"]  # type: ignore[no-any-return]


def _settings() -> Settings:
    return _b()["settings"]  # type: ignore[no-any-return]


def _store() -> AdminStore:
    return _b()["store"]  # type: ignore[no-any-return]


def _ledger() -> Ledger:
    return _b()["ledger"]  # type: ignore[no-any-return]


def _branch(number: int) -> BranchSettings:
    branches = _settings().branches
    if not 0 <= number < len(branches):
        abort(404)
    return branches[number]


@dataclass(frozen=True)
class Hit:
    branch_number: int
    branch: str
    person_id: int
    name: str


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def _matches(query: str, person_id: int, base: dict[str, Any]) -> bool:
    q = query.strip().casefold()
    if not q:
        return False
    if q.isdigit() and int(q) == person_id:
        return True
    name = f"{base.get('first_name', '')} {base.get('last_name', '')}".casefold()
    if all(part in name for part in q.split()):
        return True
    email = str(base.get("email", "")).casefold()
    if "@" in q and email == q:
        return True
    phone = str(base.get("phone", ""))
    if not phone or len(_digits(q)) < 6:
        return False
    wanted, _problem = normalise_phone(query)
    return phone == wanted or _digits(phone).endswith(_digits(q))


@bp.route("/people", methods=["GET", "POST"])
def search() -> str:
    hits: list[Hit] = []
    query = ""
    if request.method == "POST":
        query = request.form.get("q", "")[:200]
        for number, branch in enumerate(_settings().branches):
            for pid, _key, base in _store().links(branch.name):
                if _matches(query, pid, base):
                    name = f"{base.get('first_name', '')} {base.get('last_name', '')}".strip()
                    hits.append(Hit(number, branch.name, pid, name))
                    if len(hits) >= _MAX_HITS:
                        break
    return render_template(
        "people.html", hits=hits, searched=request.method == "POST", query=query, page="people"
    )


def _held(branch: BranchSettings, person_id: int) -> dict[str, Any]:
    export = _ledger().export_person(branch.name, person_id)
    calls = _store().person_calls(branch.name, person_id)
    register = _store().person_register(branch.name, person_id)
    members = branch.tabs.get("members")
    row_link = None
    if export.link is not None and members is not None:
        row_link = cell_link(branch.spreadsheet_id, members.title, None)
    return {"export": export, "calls": calls, "register": register, "row_link": row_link}


@bp.get("/people/<int:number>/<int:person_id>")
def person(number: int, person_id: int) -> str:
    branch = _branch(number)
    _store().audit(  # first, so the page shows this look too
        f"user:{g.user.username}", branch.name, f"person:{person_id}", "viewed", person_id
    )
    held = _held(branch, person_id)
    return render_template(
        "person.html", number=number, branch=branch, person_id=person_id, page="people", **held
    )


def _report(branch: BranchSettings, person_id: int) -> dict[str, Any]:
    held = _held(branch, person_id)
    export = held["export"]

    def when(value: Any) -> Any:
        return value.isoformat() if hasattr(value, "isoformat") else value

    return {
        "branch": branch.name,
        "zetkin_person_id": person_id,
        "sheet_row": None
        if export.link is None
        else {"row_key": export.link.row_key, "values": dict(export.link.base)},
        "row_errors": [
            {"tab": e.tab, "cell": e.cell, "kind": e.kind, "message": e.message,
             "first_seen": when(e.first_seen), "last_seen": when(e.last_seen),
             "resolved_at": when(e.resolved_at)}
            for e in export.row_errors
        ],
        "call_tasks": [
            {k: when(v) for k, v in row._mapping.items() if k != "branch"} for row in held["calls"]
        ],
        "do_not_contact": [
            {k: when(v) for k, v in row._mapping.items() if k not in ("branch", "phone")}
            for row in held["register"]
        ],
        "audit": [
            {"at": when(a.at), "actor": a.actor, "system": a.system, "target": a.target,
             "field": a.field, "old_value": a.old_value, "new_value": a.new_value}
            for a in export.audit
        ],
    }  # fmt: skip


@bp.get("/people/<int:number>/<int:person_id>/report.json")
def report(number: int, person_id: int) -> Response:
    branch = _branch(number)
    body = json.dumps(_report(branch, person_id), ensure_ascii=False, indent=2)
    _store().audit(
        f"user:{g.user.username}", branch.name, f"person:{person_id}", "access_report", person_id
    )
    return Response(
        body,
        mimetype="application/json",
        headers={"Content-Disposition": f'attachment; filename="person-{person_id}.json"'},
    )


@bp.get("/people/<int:number>/<int:person_id>/erase")
@operator_only
def erase_plan(number: int, person_id: int) -> str:
    branch = _branch(number)
    held = _held(branch, person_id)
    export = held["export"]
    plan = {
        "links": 1 if export.link else 0,
        "audit": sum(1 for a in export.audit if a.old_value or a.new_value),
        "row_errors": len(export.row_errors),
        "calls": len(held["calls"]) + len(held["register"]),
    }
    return render_template(
        "erase.html", number=number, branch=branch, person_id=person_id, plan=plan,
        row_link=held["row_link"], row_key=export.link.row_key if export.link else None,
        page="people",
    )  # fmt: skip


@bp.post("/people/<int:number>/<int:person_id>/erase")
@operator_only
def erase(number: int, person_id: int) -> Any:
    branch = _branch(number)
    if request.form.get("confirm") != str(person_id):
        flash_key = "admin.flash.erase_unconfirmed"
        flash(_t(flash_key), "bad")
        return redirect(url_for("privacy.erase_plan", number=number, person_id=person_id))
    done = _ledger().erase_person(branch.name, person_id)
    _store().audit(f"user:{g.user.username}", branch.name, f"person:{person_id}", "erased", None)
    flash(
        _t(
            "admin.flash.erased",
            links=done.links_deleted,
            audit=done.audit_entries_blanked,
            errors=done.row_errors_deleted,
            calls=done.call_rows_deleted,
        ),
        "good",
    )
    return redirect(url_for("privacy.search"))


def _t(key: str, **params: object) -> str:
    from bridge.messages import t

    return t(key, g.lang, **params)
