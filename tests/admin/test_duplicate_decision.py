"""Possible duplicates decided in the admin are acted on by the next run (issue 16 item 5),
through the real admin (logged-in operator, CSRF token) and the real runner against both
stand-ins: "same person" links the row to the chosen person, "different people" creates it in
Zetkin, a decision whose row is gone is closed with a notice; each exactly once."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path
from typing import Any

from werkzeug.security import generate_password_hash

from admin import create_app
from admin.runner import Runner
from admin.store import AdminStore
from bridge.duplicates import subject_for
from config.loader import load_settings
from config.settings import Secret
from jobs.context import build_context
from jobs.cycle import run_cycle
from jobs.registry import jobs_for
from sandbox.environment import start_sandbox
from sandbox.sheets import gspread_client
from tests.admin.conftest import PASSWORD, csrf_of, login

LAST = "Fiktivsen-Lund"  # nobody in the demo has it
STATUS = 9  # the default members tab's status column (0-based)


def _rows(worksheet: Any) -> list[list[str]]:
    return [[str(v) for v in row] for row in worksheet.get_all_values()]


def _row_of(worksheet: Any, first: str) -> list[str]:
    [found] = [r for r in _rows(worksheet) if r[1:3] == [first, LAST]]
    return found


def test_same_person_and_different_people_are_applied_once(tmp_path: Path) -> None:
    env = start_sandbox(tmp_path, seed="demo", size=40)
    try:
        settings = load_settings(env.config_path, {**os.environ, **env.env()})
        settings = replace(settings, secret_key=Secret("d" * 32))
        ctx = build_context(settings)
        branch = settings.branches[0]
        zetkin = ctx.zetkin(branch)
        member = zetkin.tags.by_title()["Medlem"]
        people = {}
        for first, phone in (("Sigrid", "+4745500021"), ("Tore", "+4745500022")):
            made = zetkin.people.create({"first_name": first, "last_name": LAST, "phone": phone})
            zetkin.tags.assign(made.id, member.id)
            people[first] = made.id
        worksheet = (
            gspread_client(env.sheets.url).open_by_key(env.spreadsheet_id).worksheet("Medlemmer")
        )
        # The board types in two rows by name only (no phone or e-mail in common): each may be
        # the member of that name, so each goes to review, nothing is created or appended.
        worksheet.append_rows(
            [
                ["", "Sigrid", LAST, "", "", ""],
                ["", "Tore", LAST, "", "tore.ny@eksempel.no", ""],
                ["", "Vidar", LAST, "", "", ""],
            ],
            value_input_option="RAW",
        )
        vidar = zetkin.people.create({"first_name": "Vidar", "last_name": LAST})
        zetkin.tags.assign(vidar.id, member.id)

        first = run_cycle(ctx, branch, jobs_for(branch, "all"))
        assert first.status == "ok", first.error
        review = first.jobs["reconcile"]["report"]["review"]
        by_id = {r["candidates"][0]["person_id"]: r for r in review if len(r["candidates"]) == 1}
        subjects = {
            name: subject_for(by_id[pid]["row_key"], (pid,))
            for name, pid in (*people.items(), ("Vidar", vidar.id))
        }
        assert _row_of(worksheet, "Sigrid")[0] == ""
        count = int(env.zetkin.control.call("state", {})["people"])

        store = AdminStore(ctx.ledger)
        store.add_user("kari", generate_password_hash(PASSWORD), "operator")
        runner = Runner(settings, ctx.ledger, in_process=True, context=lambda: ctx)
        client = create_app(settings, ledger=ctx.ledger, runner=runner, testing=True).test_client()
        login(client, "kari")
        page = client.get("/decisions").get_data(as_text=True)
        # The latest run's possible duplicates, one "same person as" button per candidate.
        for subject in subjects.values():
            assert f'value="{subject}"' in page
        assert f'value="same:{people["Sigrid"]}"' in page
        token = csrf_of(page)
        for name, choice in (
            ("Sigrid", f"same:{people['Sigrid']}"),
            ("Tore", "different"),
            ("Vidar", f"same:{vidar.id}"),
        ):
            answer = client.post(
                "/decisions",
                data={"csrf_token": token, "run": first.run_id, "kind": "duplicate",
                      "subject": subjects[name], "choice": choice},
            )  # fmt: skip
            assert answer.status_code == 302
        # Each decision shows as chosen on the page.
        chosen = client.get("/decisions").get_data(as_text=True)
        assert f'badge ok">Samme person som {people["Sigrid"]}<' in chosen
        assert 'badge ok">Ulike personer<' in chosen
        # A choice that names nobody is refused.
        bad = client.post(
            "/decisions",
            data={"csrf_token": token, "run": first.run_id, "kind": "duplicate",
                  "subject": subjects["Tore"], "choice": "same"},
        )  # fmt: skip
        assert bad.status_code == 400
        assert sorted(d.subject for d in store.open_decisions()) == sorted(subjects.values())
        # The board deletes Vidar's row before the next run: that decision has no row left.
        vidar_row = next(
            n for n, r in enumerate(_rows(worksheet), start=1) if r[1:3] == ["Vidar", LAST]
        )
        worksheet.delete_rows(vidar_row)

        dry = run_cycle(ctx, branch, jobs_for(branch, "all"), dry_run=True)
        assert dry.status == "dry_run" and len(store.open_decisions()) == 3

        applied = run_cycle(ctx, branch, jobs_for(branch, "all"))
        assert applied.status == "ok", applied.error
        decisions = {d.subject: d.id for d in store.decisions()}
        assert store.open_decisions() == []
        notices = applied.jobs["reconcile"]["notices"]
        assert any(f"Beslutning {decisions[subjects['Vidar']]} " in n for n in notices)
        assert len(notices) == 1
        # Same person: the row has Sigrid's id and her phone from Zetkin, status OK.
        sigrid = _row_of(worksheet, "Sigrid")
        assert sigrid[0] == str(people["Sigrid"])
        assert sigrid[3].replace(" ", "") in {"+4745500021", "45500021"}
        assert sigrid[STATUS].startswith("OK")
        # Different people: a new person in Zetkin, with the row's values, the member tag.
        [tore] = [r for r in _rows(worksheet) if r[4] == "tore.ny@eksempel.no"]
        assert tore[0].isdigit() and int(tore[0]) != people["Tore"]
        created = zetkin.people.get(int(tore[0]))
        assert (created.first_name, created.email) == ("Tore", "tore.ny@eksempel.no")
        assert member.id in {t.id for t in zetkin.people.tags(created.id)}
        assert int(env.zetkin.control.call("state", {})["people"]) == count + 1
        # The other Tore and Vidar are members with no row: appended now.
        ids = [r[0] for r in _rows(worksheet) if r[2] == LAST]
        assert sorted(ids) == sorted(
            str(i) for i in (people["Sigrid"], people["Tore"], int(tore[0]), vidar.id)
        )
        # The log says who applied what: the run, naming the decision and the person.
        audit = ctx.ledger.recent_audit(branch.name, actor=f"run:{applied.run_id}", limit=1000)
        applied_entries = {
            (a.target, a.field, a.zetkin_person_id)
            for a in audit
            if (a.field or "").startswith("decision:")
        }
        assert applied_entries == {
            (f"decision:{decisions[subjects['Sigrid']]}", "decision:duplicate:linked",
             people["Sigrid"]),
            (f"decision:{decisions[subjects['Tore']]}", "decision:duplicate:created", None),
        }  # fmt: skip

        # Two more cycles: nothing linked or created again, nothing flagged again.
        before = _rows(worksheet)
        for _ in range(2):
            again = run_cycle(ctx, branch, jobs_for(branch, "all"))
            assert again.status == "ok", again.error
            review = (again.jobs["reconcile"].get("report") or {}).get("review") or []
            assert not any(r["row_key"] == by_id[pid]["row_key"] for r in review for pid in by_id)
            assert "notices" not in again.jobs["reconcile"]
        assert int(env.zetkin.control.call("state", {})["people"]) == count + 1
        assert [r for r in _rows(worksheet) if r[2] == LAST] == [r for r in before if r[2] == LAST]
        ctx.ledger.close()
    finally:
        env.stop()
