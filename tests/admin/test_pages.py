"""The pages over a ledger filled through its own API: runs, row errors, held plans, people."""

from __future__ import annotations

import json

from flask.testing import FlaskClient

from admin.views import cell_link
from ledger import AuditIn, Link, RowErrorIn
from tests.admin.conftest import Rig, csrf_of

BRANCH = "Trondheim SV (demo)"


def _failed_run(rig: Rig) -> int:
    run = rig.ledger.start_run("reconcile", BRANCH)
    rig.ledger.finish_run(
        run, "failed", counts={"row_errors": 1}, requests={"zetkin": 2, "sheets": 1},
        plan_summary={"jobs": {"reconcile": {"counts": {"row_errors": 1}}}},
        error="Zetkin answered 403 Forbidden",
    )  # fmt: skip
    rig.ledger.sync_row_errors(
        BRANCH,
        "members",
        [RowErrorIn("invalid_phone", "sjekk telefon i celle D5", row_key="12", cell="D5")],
    )
    return run


def _held_run(rig: Rig) -> int:
    run = rig.ledger.start_run("reconcile", BRANCH)
    plan = {
        "branch": BRANCH,
        "jobs": {
            "reconcile": {
                "sheet": {"writes": [{"tab": "members", "row_key": "12", "field": "district",
                                      "value": "Midtbyen", "anchor": {}}], "appends": []},
                "patches": [{"person_id": 12, "fields": {"district": "Midtbyen"}}],
                "conflicts": [{"person_id": 12, "row_number": 5, "cell": "F5", "field": "phone",
                               "sheet_value": "+4791111111", "zetkin_value": "+4792222222",
                               "base_value": None}],
                "review": [], "pending_joins": [{"id": 3, "first_name": "Per"}],
            }
        },
    }  # fmt: skip
    rig.ledger.hold_run(run, plan, "fp", {"jobs": {}, "held": "over 30 %"})
    return run


def test_status_marks_a_failed_run_red_with_its_requests(rig: Rig, viewer: FlaskClient) -> None:
    _failed_run(rig)
    page = viewer.get("/").get_data(as_text=True)
    assert 'class="red"' in page
    assert "Zetkin: 2" in page and "Sheets: 1" in page
    assert "403 Forbidden" in page
    assert "Kjør nå" not in page  # a viewer has no buttons


def test_history_filters_by_status(rig: Rig, viewer: FlaskClient) -> None:
    failed = _failed_run(rig)
    held = _held_run(rig)
    page = viewer.get("/runs?status=failed").get_data(as_text=True)
    assert f'href="/runs/{failed}"' in page and f'href="/runs/{held}"' not in page
    page = viewer.get("/runs?job=reconcile").get_data(as_text=True)
    assert f'href="/runs/{failed}"' in page and f'href="/runs/{held}"' in page


def test_errors_link_to_the_cell_and_can_be_resolved_or_ignored(
    rig: Rig, operator: FlaskClient
) -> None:
    _failed_run(rig)
    page = operator.get("/errors").get_data(as_text=True)
    link = cell_link("sheet-abc", "Medlemmer", "D5")
    assert link == "https://docs.google.com/spreadsheets/d/sheet-abc/edit#range=%27Medlemmer%27!D5"
    assert f'href="{link.replace("&", "&amp;")}"' in page
    assert "Ugyldig telefonnummer" in page and "sjekk telefon i celle D5" in page
    error = rig.ledger.open_row_errors()[0]
    token = csrf_of(page)
    operator.post(f"/errors/{error.id}/ignore", data={"csrf_token": token})
    assert "D5" not in operator.get("/errors").get_data(as_text=True)
    assert rig.ledger.open_row_errors()  # ignoring hides it; it is still open in the ledger
    operator.post(f"/errors/{error.id}/resolve", data={"csrf_token": token})
    assert rig.ledger.open_row_errors() == []
    audit = rig.ledger.recent_audit(actor="user:kari")
    assert [a.field for a in audit] == ["resolved", "ignored"]


def test_a_known_sheet_id_links_the_cell_as_google_documents_it(
    rig: Rig, viewer: FlaskClient
) -> None:
    _failed_run(rig)
    rig.ledger.save_sheet_ids(rig.settings.branches[0].name, {"members": 1234})
    page = viewer.get("/errors").get_data(as_text=True)
    link = cell_link("sheet-abc", "Medlemmer", "D5", 1234)
    assert (
        link == "https://docs.google.com/spreadsheets/d/sheet-abc/edit?gid=1234#gid=1234&range=D5"
    )
    assert f'href="{link.replace("&", "&amp;")}"' in page


def test_a_decision_is_recorded_for_the_next_run_and_audited(
    rig: Rig, operator: FlaskClient
) -> None:
    run = _held_run(rig)
    page = operator.get("/decisions").get_data(as_text=True)
    assert "Behold arket" in page and "Godta i Zetkin" in page and "Midtbyen" in page
    token = csrf_of(page)
    response = operator.post(
        "/decisions",
        data={"csrf_token": token, "run": run, "kind": "conflict",
              "subject": "person:12:phone", "choice": "keep_zetkin"},
    )  # fmt: skip
    assert response.status_code == 302
    # the merge base now holds the sheet's value: the next run's merge sends Zetkin's to the sheet
    assert rig.ledger.load_links(BRANCH)[12].base["phone"] == "+4791111111"
    assert rig.store.open_decisions(BRANCH) == []  # settled: the base carries it
    [decision] = rig.store.decisions()
    assert (decision.kind, decision.subject, decision.choice) == (
        "conflict", "person:12:phone", "keep_zetkin",
    )  # fmt: skip
    assert rig.ledger.recent_audit(actor="user:kari")[0].field == "decision:conflict:keep_zetkin"
    bad = operator.post(
        "/decisions",
        data={"csrf_token": token, "run": run, "kind": "conflict", "subject": "x",
              "choice": "same"},
    )  # fmt: skip
    assert bad.status_code == 400
    unknown = operator.post(
        "/decisions",
        data={"csrf_token": token, "run": run, "kind": "conflict", "subject": "person:9:phone",
              "choice": "keep_sheet"},
    )  # fmt: skip
    assert unknown.status_code == 404


def test_reject_hides_the_held_run(rig: Rig, operator: FlaskClient) -> None:
    run = _held_run(rig)
    token = csrf_of(operator.get("/decisions").get_data(as_text=True))
    operator.post(f"/runs/{run}/reject", data={"csrf_token": token})
    page = operator.get("/decisions").get_data(as_text=True)
    assert f'href="/runs/{run}"' not in page
    assert rig.ledger.get_run(run).status == "held"  # the ledger's state is the runner's


def test_person_page_report_and_erasure(rig: Rig, operator: FlaskClient) -> None:
    rig.ledger.save_links(
        BRANCH, [Link(12, "12", {"first_name": "Kari", "last_name": "Nordmann",
                                 "phone": "+4791234567", "email": "kari@example.org"})]
    )  # fmt: skip
    rig.ledger.add_audit(
        [AuditIn("run:1", BRANCH, "sheets", "members:12", "phone", None, "+4791234567", 12)]
    )
    token = csrf_of(operator.get("/people").get_data(as_text=True))
    for query in ("kari nord", "912 34 567", "kari@example.org", "12"):
        found = operator.post("/people", data={"csrf_token": token, "q": query})
        assert 'href="/people/0/12"' in found.get_data(as_text=True), query
    page = operator.get("/people/0/12").get_data(as_text=True)
    assert "Nordmann" in page and "+4791234567" in page
    viewed = rig.ledger.recent_audit(zetkin_person_id=12, actor="user:kari")
    assert [a.field for a in viewed] == ["viewed"]
    report = json.loads(operator.get("/people/0/12/report.json").get_data(as_text=True))
    assert report["sheet_row"]["values"]["last_name"] == "Nordmann"
    assert report["audit"][0]["new_value"] == "+4791234567"
    plan = operator.get("/people/0/12/erase").get_data(as_text=True)
    assert "Slett person 12 i Zetkin" in plan
    refused = operator.post("/people/0/12/erase", data={"csrf_token": token, "confirm": "13"})
    assert refused.status_code == 302 and rig.ledger.load_links(BRANCH)
    operator.post("/people/0/12/erase", data={"csrf_token": token, "confirm": "12"})
    assert rig.ledger.load_links(BRANCH) == {}
    export = rig.ledger.export_person(BRANCH, 12)
    assert all(a.new_value is None for a in export.audit)
